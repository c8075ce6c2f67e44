@testable import KPIFields
import KPITestSupport
import XCTest

/// SPEC 13: rates are exact decimals (12 digits), value × rate rounded once, half away from zero.
final class FxRateTests: XCTestCase {
    private func rate(_ text: String) -> FxRate? { try? FxRate.parse(text).get() }
    private func fixed(_ text: String) -> Fixed { Fixed.parse(text) ?? .zero }

    func testParsesPlainDecimalsAndExponentsExactly() {
        XCTAssertEqual(rate("1.0834")?.raw, 1_083_400_000_000)
        XCTAssertEqual(rate("0.006678234")?.description, "0.006678234")
        XCTAssertEqual(rate("6.678234E-3")?.description, "0.006678234")
        XCTAssertEqual(rate(" 2 ")?.description, "2")
        XCTAssertEqual(rate("0.000000000001")?.raw, 1)
        XCTAssertEqual(rate("1.500000000000000")?.description, "1.5", "trailing zeros are not decimals")
        XCTAssertEqual(rate("+1.25")?.description, "1.25")
    }

    func testRejectsWhatIsNotAPositiveRate() {
        XCTAssertEqual(FxRate.parse("0"), .failure(.notPositive))
        XCTAssertEqual(FxRate.parse("0.000"), .failure(.notPositive))
        XCTAssertEqual(FxRate.parse("-1.1"), .failure(.notPositive))
        XCTAssertEqual(FxRate.parse(""), .failure(.notANumber))
        XCTAssertEqual(FxRate.parse("1,1"), .failure(.notANumber))
        XCTAssertEqual(FxRate.parse("$1.1"), .failure(.notANumber))
        XCTAssertEqual(FxRate.parse("1e"), .failure(.notANumber))
        XCTAssertEqual(FxRate.parse("0.0000000000001"), .failure(.tooManyDigits))
        XCTAssertEqual(FxRate.parse("1e9"), .failure(.tooLarge))
    }

    func testConvertRoundsOnceHalfAwayFromZero() {
        // 3 × 1.333333333333 = 3.999999999999 → 4.000000 (one rounding of the exact product).
        XCTAssertEqual(rate("1.333333333333")?.convert(fixed("3")), fixed("4"))
        // 1234 × 0.006678234 = 8.240940756 → 8.240941; 75 × it = 0.50086755 → 0.500868.
        XCTAssertEqual(rate("0.006678234")?.convert(fixed("1234")), fixed("8.240941"))
        XCTAssertEqual(rate("0.006678234")?.convert(fixed("75")), fixed("0.500868"))
        // Exact halves go away from zero on both sides: ±0.0000025 → ±0.000003.
        XCTAssertEqual(rate("0.0000625")?.convert(fixed("0.04")), fixed("0.000003"))
        XCTAssertEqual(rate("0.0000625")?.convert(fixed("-0.04")), fixed("-0.000003"))
        // Just below a half stays down: 0.04 × 0.0000624999 = 0.000002499996 → 0.000002.
        XCTAssertEqual(rate("0.0000624999")?.convert(fixed("0.04")), fixed("0.000002"))
        XCTAssertEqual(FxRate.one.convert(fixed("123.456789")), fixed("123.456789"))
    }

    func testConvertIsNilOutOfRange() {
        // 10^14 × 10 = 10^15: out of range (SPEC 4.2); just below stays.
        XCTAssertNil(rate("10")?.convert(fixed("100000000000000")))
        XCTAssertEqual(rate("9.99")?.convert(fixed("100000000000000")), fixed("999000000000000"))
        XCTAssertNil(rate("999999999")?.convert(fixed("999999999999999")))
    }

    /// The 64-bit fast path and the Int128 path agree, around the rounding point and the 64-bit edges.
    func testFastPathAgreesWithTheWidePath() {
        var rng = SplitMix64(seed: 21)
        let edges: [Int128] = [0, 1, 499_999, 500_000, 999_999_999_999, 1_000_000_000_000, Int128(UInt64.max) - 1, Int128(UInt64.max)]
        for _ in 0..<20_000 {
            let value = Int128(rng.next() >> (rng.next() % 64)) * (rng.next() % 2 == 0 ? 1 : -1)
            let rate = Int128(rng.next() >> (rng.next() % 64)) % FxRate.maxRaw + 1
            let r = FxRate(raw: rate)
            let magnitude = value < 0 ? 0 - value : value
            XCTAssertEqual(r.convert(Fixed(raw: value)), r.convertWide(magnitude, negative: value < 0), "\(value) × \(rate)")
        }
        // The fast path's largest quotient, 2^64 − 1, rounded up to 2^64 (found by search: the
        // product is (2^64 − 1) × 10^12 plus a remainder of at least a half).
        let (v, rate): (Int128, Int128) = (1_000_000_000_007, 18_446_744_073_580_424_407)
        XCTAssertEqual(FxRate(raw: rate).convert(Fixed(raw: v))?.raw, Int128(UInt64.max) + 1)
        for v in edges {
            for rate in edges where rate > 0 {
                let r = FxRate(raw: rate)
                XCTAssertEqual(r.convert(Fixed(raw: v)), r.convertWide(v, negative: false), "\(v) × \(rate)")
            }
        }
    }

    func testCurrencyCodes() {
        XCTAssertTrue(CurrencyCode.isValid("EUR"))
        for bad in ["eur", "EURO", "EU", "E1R", "", "ÉUR"] { XCTAssertFalse(CurrencyCode.isValid(bad), bad) }
    }
}
