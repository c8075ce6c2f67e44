import XCTest
import KPITestSupport
@testable import KPIFields

final class FixedTests: XCTestCase {
    func testDescriptionIsExactDecimal() {
        XCTAssertEqual(Fixed(raw: 1_234_500_000).description, "1234.5")
        XCTAssertEqual(Fixed(raw: -1).description, "-0.000001")
        XCTAssertEqual(Fixed(integer: 12).description, "12")
        XCTAssertEqual(Fixed.zero.description, "0")
    }

    func testJSONNumberHasNoExponent() {
        XCTAssertEqual(JSONNumber.format(1.5e-05), "0.000015")
        XCTAssertEqual(JSONNumber.format(1e16), "10000000000000000")
        XCTAssertEqual(JSONNumber.format(-0.0), "0")
        XCTAssertEqual(JSONNumber.format(0.1), "0.1")
        XCTAssertEqual(JSONNumber.format(2.0), "2")
        XCTAssertEqual(JSONNumber.format(-1.25), "-1.25")
    }

    func testJSONNumberEdgeValues() {
        XCTAssertEqual(JSONNumber.format(1e21), "1000000000000000000000")
        XCTAssertEqual(JSONNumber.format(-1e21), "-1000000000000000000000")
        XCTAssertEqual(JSONNumber.format(5e-324), "0." + String(repeating: "0", count: 323) + "5")
        XCTAssertEqual(JSONNumber.format(123456.789), "123456.789")
        XCTAssertEqual(JSONNumber.format(0.30000000000000004), "0.30000000000000004")
        XCTAssertEqual(JSONNumber.format(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(JSONNumber.format(1.7976931348623157e308), "17976931348623157" + String(repeating: "0", count: 292))
        XCTAssertEqual(JSONNumber.format(.nan), "null")
        XCTAssertEqual(JSONNumber.format(-.infinity), "null")
    }

    func testParse() {
        XCTAssertEqual(Fixed.parse("1,234.50"), Fixed(raw: 1_234_500_000))
        XCTAssertEqual(Fixed.parse("($0.10)"), Fixed(raw: -100_000))
        XCTAssertEqual(Fixed.parse("1e-6"), Fixed(raw: 1))
        XCTAssertNil(Fixed.parse(""))
        XCTAssertNil(Fixed.parse("N/A"))
        XCTAssertNil(Fixed.parse("12%"))
    }

    func testRoundedToDigitsIsHalfAwayFromZero() {
        XCTAssertEqual(Fixed(raw: 2_675_000).rounded(toDigits: 2), Fixed(raw: 2_680_000))
        XCTAssertEqual(Fixed(raw: -2_675_000).rounded(toDigits: 2), Fixed(raw: -2_680_000))
        XCTAssertEqual(Fixed(raw: 2_674_999).rounded(toDigits: 2), Fixed(raw: 2_670_000))
        XCTAssertEqual(Fixed(raw: 500_000).rounded(toDigits: 0), Fixed(raw: 1_000_000))
        XCTAssertEqual(Fixed(raw: -499_999).rounded(toDigits: 0), Fixed(raw: 0))
        XCTAssertEqual(Fixed(raw: 1_234_567).rounded(toDigits: 6), Fixed(raw: 1_234_567))
        XCTAssertEqual(Fixed(raw: 1_234_567).rounded(toDigits: 9), Fixed(raw: 1_234_567))
        XCTAssertEqual(Fixed(raw: 1_250_000_000).rounded(toDigits: -2), Fixed(raw: 1_300_000_000))
    }

    /// Rounding is on the Double's exact binary value (see `Fixed.rounding`).
    /// `double` is the correctly rounded quotient of the millionths (seeded values around whole
    /// numbers, both signs, up to the Int64 path's edge), so 0.05 stays 0.05.
    func testDoubleIsTheCorrectlyRoundedQuotient() {
        var g = SplitMix64(seed: 0xD0B1_E5EE_D000_0001)
        func next() -> UInt64 { g.next() >> 11 }  // 53-bit values, as the test was written for
        var raws: [Int128] = [0, 1, -1, 1_000_000, -1_000_000, 999_999, 1_000_001, (1 << 53) - 1, -(1 << 53) + 1,
                              9_007_199_254_000_000, -9_007_199_254_000_000]
        for _ in 0..<20_000 {
            let whole = Int128(next() % 9_000_000_000) * 1_000_000
            let near = Int128(next() % 3) - 1
            raws.append(whole + near); raws.append(-(whole + near))
            raws.append(Int128(next() % (1 << 53)))
        }
        for raw in raws {
            XCTAssertEqual(Fixed(raw: raw).double, Double(Int64(raw)) / 1_000_000.0, "\(raw)")
        }
        XCTAssertEqual(Fixed(raw: 4_000_000).double, 4)
        XCTAssertEqual(Fixed(raw: 50_000).double, 0.05)
    }

    func testRoundingADoubleUsesItsExactValue() {
        // 2.675 is 2.67499999999999982236…: six digits give 2.675000.
        XCTAssertEqual(Fixed.rounding(2.675), Fixed(raw: 2_675_000))
        // 5e-7 is 4.99999999999999977374…e-7: below the tie, so 0 (scaling in Double first gave 1).
        XCTAssertEqual(Fixed.rounding(5e-7), Fixed.zero)
        XCTAssertEqual(Fixed.rounding(-5e-7), Fixed.zero)
        // 1.0000015 is 1.00000149999999998762…, 1.0000025 is 1.00000249999999990535…, both just below
        // their ties; 1.0000035 is 1.00000350000000004513…, just above.
        XCTAssertEqual(Fixed.rounding(1.0000015), Fixed(raw: 1_000_001))
        XCTAssertEqual(Fixed.rounding(1.0000025), Fixed(raw: 1_000_002))
        XCTAssertEqual(Fixed.rounding(1.0000035), Fixed(raw: 1_000_004))
        // 1/128 = 0.0078125 is an exact binary tie at six digits: away from zero.
        XCTAssertEqual(Fixed.rounding(0.0078125), Fixed(raw: 7_813))
        XCTAssertEqual(Fixed.rounding(-0.0078125), Fixed(raw: -7_813))
        XCTAssertEqual(Fixed.rounding(-1.5), Fixed(raw: -1_500_000))
        XCTAssertEqual(Fixed.rounding(0.1), Fixed(raw: 100_000))
        XCTAssertEqual(Fixed.rounding(-0.0), Fixed.zero)
        XCTAssertEqual(Fixed.rounding(5e-324), Fixed.zero)
    }

    func testRoundingMoneyAtTrillionScaleKeepsTheLowDigits() {
        // 1234567890123.45 is 1234567890123.449951171875 exactly.
        XCTAssertEqual(Fixed.rounding(1234567890123.45), Fixed(raw: 1_234_567_890_123_449_951))
        // 1e15 + 0.3 is 1000000000000000.25 exactly.
        XCTAssertEqual(Fixed.rounding(1e15 + 0.3), Fixed(raw: 1_000_000_000_000_000_250_000))
        XCTAssertEqual(Fixed.rounding(-999_999_999_999_999.0), Fixed(raw: -999_999_999_999_999_000_000))
        // 1e29 is 99999999999999991433150857216 exactly.
        XCTAssertEqual(Fixed.rounding(1e29), Fixed(raw: 99_999_999_999_999_991_433_150_857_216_000_000))
        XCTAssertNil(Fixed.rounding(1e30))
        XCTAssertNil(Fixed.rounding(.nan))
        XCTAssertNil(Fixed.rounding(.infinity))
    }

    /// One million prices cycling 0.01, 19.99, 0.10, parsed from bytes: the Fixed total is exact,
    /// the Double running sum is not.
    func testMillionMoneyValuesSumExactly() {
        let text = Array("0.01|19.99|0.10".utf8)
        let spans = [(0, 4), (5, 5), (11, 4)]
        var exact = Fixed.zero
        var double = 0.0
        let doubles = [0.01, 19.99, 0.10]
        text.withUnsafeBufferPointer { all in
            for i in 0..<1_000_000 {
                let (start, count) = spans[i % 3]
                guard case .value(let v) = NumberParser.parse(UnsafeBufferPointer(rebasing: all[start..<start + count]),
                                                             format: .standard) else { return XCTFail("parse") }
                exact += v
                double += doubles[i % 3]
            }
        }
        // 333,334 × 0.01 + 333,333 × 19.99 + 333,333 × 0.10 = 3,333.34 + 6,663,326.67 + 33,333.30.
        XCTAssertEqual(exact, Fixed(raw: 6_699_993_310_000))
        XCTAssertEqual(exact.description, "6699993.31")
        XCTAssertNotEqual(double, 6_699_993.31)
        // The running Double sum drifts by about 3.3e-5.
        XCTAssertGreaterThan(abs(double - 6_699_993.31), 1e-5)
    }

    /// Cents `i × 7919 mod 100000` visit every value 0.00…999.99 once per 100,000 rows, so
    /// 200,000 rows total 2 × (0 + … + 99,999) cents = 9,999,900,000 cents.
    func testDistinctPricesSumExactly() {
        var field = [UInt8](repeating: 0, count: 8)
        var exact = Fixed.zero
        for i in 0..<200_000 {
            let cents = i * 7919 % 100_000
            let count = writeCents(cents, into: &field)
            guard case .value(let v) = field.withUnsafeBufferPointer({
                NumberParser.parse(UnsafeBufferPointer(rebasing: $0[0..<count]), format: .standard)
            }) else { return XCTFail("parse \(cents)") }
            exact += v
        }
        XCTAssertEqual(exact.description, "99999000")
    }

    /// Writes `cents` as `d.dd` (e.g. `123.05`); returns the length.
    func writeCents(_ cents: Int, into field: inout [UInt8]) -> Int {
        let whole = cents / 100
        var k = 0
        for divisor in [100, 10, 1] where whole >= divisor || divisor == 1 {
            field[k] = UInt8(48 + whole / divisor % 10); k += 1
        }
        field[k] = UInt8(ascii: "."); field[k + 1] = UInt8(48 + cents / 10 % 10); field[k + 2] = UInt8(48 + cents % 10)
        return k + 3
    }
}
