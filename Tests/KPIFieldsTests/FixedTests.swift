import XCTest
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
}
