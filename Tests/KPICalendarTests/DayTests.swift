import XCTest
@testable import KPICalendar

final class DayTests: XCTestCase {
    func testCivilRoundTrip() throws {
        let d = try XCTUnwrap(Day(year: 2028, month: 2, day: 29))
        XCTAssertEqual(d.description, "2028-02-29")
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)?.number, 0)
        XCTAssertEqual(Day(year: 1970, month: 1, day: 1)?.weekday, 3) // Thursday
        XCTAssertNil(Day(year: 2027, month: 2, day: 29))
        XCTAssertEqual(Day.parse("2026-11-16")?.weekday, 0) // Monday
    }
}
