@testable import KPIFields
import XCTest
import KPITestSupport

final class JSONNumberTests: XCTestCase {
    func testFewDigitValuesArePrintedDirectly() {
        XCTAssertEqual(JSONNumber.format(12), "12")
        XCTAssertEqual(JSONNumber.format(-0.25), "-0.25")
        XCTAssertEqual(JSONNumber.format(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(JSONNumber.format(1.5e-5), "0.000015")
        XCTAssertEqual(JSONNumber.format(1e16), "10000000000000000")
        XCTAssertEqual(JSONNumber.format(123456.789), "123456.789")
        XCTAssertEqual(JSONNumber.format(-0.0), "0")
        XCTAssertEqual(JSONNumber.fewDigits(0.1 + 0.2), nil)  // 17 digits: left to the general path
        XCTAssertEqual(JSONNumber.fewDigits(0.007), "0.007")
    }

    func testExponentFormsAreExpanded() {
        XCTAssertEqual(JSONNumber.expandExponent("1.5e-05"), "0.000015")
        XCTAssertEqual(JSONNumber.expandExponent("1e+16"), "10000000000000000")
        XCTAssertEqual(JSONNumber.expandExponent("-1.2345e+20"), "-123450000000000000000")
        XCTAssertEqual(JSONNumber.expandExponent("123.0"), "123")
        XCTAssertEqual(JSONNumber.expandExponent("0.001"), "0.001")
        XCTAssertEqual(JSONNumber.expandExponent("-0.5"), "-0.5")
        XCTAssertEqual(JSONNumber.expandExponent("9.007199254740993e+15"), "9007199254740993")
        XCTAssertEqual(JSONNumber.expandExponent("5e-324"), "0." + String(repeating: "0", count: 323) + "5")
        XCTAssertEqual(JSONNumber.format(0.1 + 0.2), "0.30000000000000004")
        XCTAssertEqual(JSONNumber.format(-1.0 / 3), "-0.3333333333333333")
    }

    /// The fast path must agree with the shortest round-trip text wherever it answers.
    func testFastPathMatchesDescriptionOnRandomValues() {
        var rng = SplitMix64(seed: 42)
        var answered = 0
        for i in 0..<200_000 {
            let d: Double
            switch i % 4 {
            case 0: d = Double(bitPattern: rng.next())  // any bit pattern
            case 1: d = Double(Int64(bitPattern: rng.next()) % 100_000_000) / 100  // money-like
            case 2: d = Double(Int64(bitPattern: rng.next()) % 1_000_000) / 1_000_000 * 3  // ratios
            default: d = (Double(rng.next() % 1_000_000_000) / 7).rounded(.down) / Double([1, 10, 1000, 1e6, 1e9][Int(rng.next() % 5)])
            }
            guard d.isFinite, d != 0 else { continue }
            if let fast = JSONNumber.fewDigits(d) {
                answered += 1
                XCTAssertEqual(fast, JSONNumber.expandExponent(d.description), "\(d)")
            }
        }
        XCTAssertGreaterThan(answered, 100_000)
    }
}
