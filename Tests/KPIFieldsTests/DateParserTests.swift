import XCTest
import KPICalendar
@testable import KPIFields

final class DateParserTests: XCTestCase {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Day {
        guard let day = Day(year: y, month: m, day: d) else { preconditionFailure("bad test date") }
        return day
    }

    func format(_ pattern: String) throws -> DateFormat { try DateFormat(pattern: pattern) }

    /// Milliseconds since midnight.
    func ms(_ h: Int, _ m: Int, _ s: Int = 0, _ milli: Int = 0) -> Int32 {
        Int32(((h * 60 + m) * 60 + s) * 1000 + milli)
    }

    // MARK: Weekday names (%a)

    func testWeekdayNamesAnyCaseAbbreviatedOrFullAreReadNotChecked() throws {
        let f = try format("%a, %d-%b-%Y")
        XCTAssertEqual(f.parse("Sun, 05-Jan-2020")?.day, day(2020, 1, 5))
        XCTAssertEqual(f.parse("SUNDAY, 05-jan-2020")?.day, day(2020, 1, 5))
        XCTAssertEqual(f.parse("wednesday, 05-Jan-2020")?.day, day(2020, 1, 5), "not checked against the date (a Sunday)")
        XCTAssertEqual(f.parse("Thu, 31-Dec-2026")?.day, day(2026, 12, 31))
        for bad in ["Sunda, 05-Jan-2020", "Su, 05-Jan-2020", "Sun 05-Jan-2020", ", 05-Jan-2020", "Mon, 32-Jan-2020", "Noday, 05-Jan-2020"] {
            XCTAssertNil(f.parse(bad), bad)
        }
        XCTAssertEqual(try format("%Y-%m-%d %a").parse("2026-11-15 Sun")?.day, day(2026, 11, 15))
        XCTAssertThrowsError(try format("%a %a %Y-%m"), "the weekday twice") { error in
            XCTAssertEqual((error as? DateFormatError)?.message, "date_format gives the weekday twice (%a and %a)")
        }
        XCTAssertThrowsError(try format("%a %d")) { error in
            XCTAssertEqual((error as? DateFormatError)?.message, "date_format needs a year (%Y or %y)")
        }
    }

    // MARK: ISO

    func testISODate() {
        XCTAssertEqual(DateFormat.iso.parse("2026-01-05"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(DateFormat.iso.parse("2024-02-29"), ParsedDate(day: day(2024, 2, 29)))
        XCTAssertEqual(DateFormat.iso.parse("  2026-01-05\t"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(DateFormat.iso.parse("\u{00A0}2026-01-05"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(DateFormat.iso.parse("2026-01-05")?.timeOfDay, -1)
    }

    func testISODateTimeWithT() {
        let iso = DateFormat.iso
        XCTAssertEqual(iso.parse("2026-01-05T13:45"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(13, 45)))
        XCTAssertEqual(iso.parse("2026-01-05T13:45:30"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(13, 45, 30)))
        XCTAssertEqual(iso.parse("2026-01-05T13:45:30.5")?.timeOfDay, ms(13, 45, 30, 500))
        XCTAssertEqual(iso.parse("2026-01-05T13:45:30.123456")?.timeOfDay, ms(13, 45, 30, 123))
        XCTAssertEqual(iso.parse("2026-01-05T13:45:30,25")?.timeOfDay, ms(13, 45, 30, 250))
        XCTAssertEqual(iso.parse("2026-01-05t00:00")?.timeOfDay, 0)
        XCTAssertEqual(iso.parse("2026-01-05T23:59:59.999")?.timeOfDay, 86_399_999)
    }

    func testISOOffsetsAreIgnoredTheDateIsAsWritten() {
        let iso = DateFormat.iso
        // 23:30 at -05:00 is the next day in UTC; the row's date stays the written one.
        XCTAssertEqual(iso.parse("2026-01-05T23:30:00-05:00"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(23, 30)))
        XCTAssertEqual(iso.parse("2026-01-05T01:00:00+09:00"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(1, 0)))
        XCTAssertEqual(iso.parse("2026-01-05T10:00Z")?.timeOfDay, ms(10, 0))
        XCTAssertEqual(iso.parse("2026-01-05T10:00:00.250Z")?.timeOfDay, ms(10, 0, 0, 250))
        XCTAssertEqual(iso.parse("2026-01-05T10:00:00+0530")?.timeOfDay, ms(10, 0))
        XCTAssertEqual(iso.parse("2026-01-05T10:00:00+02")?.timeOfDay, ms(10, 0))
        XCTAssertEqual(iso.parse("2026-01-05 10:00:00+00:00")?.timeOfDay, ms(10, 0))
        XCTAssertNil(iso.parse("2026-01-05T10:00:00+25:00"))
        XCTAssertNil(iso.parse("2026-01-05T10:00:00+05:60"))
        XCTAssertNil(iso.parse("2026-01-05T10:00:00+5"))
        XCTAssertNil(iso.parse("2026-01-05T10:00:00ZZ"))
    }

    func testISODateSpaceTime() {
        let iso = DateFormat.iso
        XCTAssertEqual(iso.parse("2026-03-01 08:05"), ParsedDate(day: day(2026, 3, 1), timeOfDay: ms(8, 5)))
        XCTAssertEqual(iso.parse("2026-03-01 08:05:09"), ParsedDate(day: day(2026, 3, 1), timeOfDay: ms(8, 5, 9)))
        XCTAssertEqual(iso.parse("2026-03-01 08:05:09.1")?.timeOfDay, ms(8, 5, 9, 100))
    }

    func testISORejects() {
        let iso = DateFormat.iso
        for bad in ["", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-01-00", "2026-1-5",
                    "26-01-05", "2026/01/05", "2026-01-05x", "2026-01-05T", "2026-01-05T10", "2026-01-05T10:0",
                    "2026-01-05T24:00", "2026-01-05T10:60", "2026-01-05T10:00:60", "2026-01-05T10:00:00.",
                    "2026-01-05  10:00", "20260105", "N/A", "2026-01-05 garbage"] {
            XCTAssertNil(iso.parse(bad), bad)
        }
    }

    // MARK: Patterns

    func testDayMonthTwoDigitYear() throws {
        let f = try format("%d/%m/%y")
        XCTAssertEqual(f.parse("05/01/26"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("5/1/26"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("31/12/68"), ParsedDate(day: day(2068, 12, 31)))
        XCTAssertEqual(f.parse("01/01/69"), ParsedDate(day: day(1969, 1, 1)))
        XCTAssertEqual(f.parse("01/01/00"), ParsedDate(day: day(2000, 1, 1)))
        XCTAssertEqual(f.parse("01/01/99"), ParsedDate(day: day(1999, 1, 1)))
        XCTAssertNil(f.parse("01/01/2026"))
        XCTAssertNil(f.parse("01/01/6"))
        XCTAssertNil(f.parse("123/01/26"))
        XCTAssertNil(f.parse("30/02/26"))
        XCTAssertNil(f.parse("01/13/26"))
    }

    func testMonthDayYear() throws {
        let f = try format("%m/%d/%Y")
        XCTAssertEqual(f.parse("01/05/2026"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("12/31/1999"), ParsedDate(day: day(1999, 12, 31)))
        XCTAssertEqual(f.parse(" 2/29/2024 "), ParsedDate(day: day(2024, 2, 29)))
        XCTAssertNil(f.parse("2/29/2025"))
        XCTAssertNil(f.parse("13/01/2026"))
        XCTAssertNil(f.parse("01/05/26"))
        XCTAssertNil(f.parse("01-05-2026"))
    }

    func testDottedDate() throws {
        let f = try format("%d.%m.%Y")
        XCTAssertEqual(f.parse("05.01.2026"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("5.1.2026"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertNil(f.parse("05.01.2026."))
    }

    func testCompactDateTakesTwoDigitsPerField() throws {
        let f = try format("%Y%m%d")
        XCTAssertEqual(f.parse("20260105"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("19991231"), ParsedDate(day: day(1999, 12, 31)))
        // Only a field directly followed by another number is fixed at two digits; the last one takes 1–2.
        XCTAssertEqual(f.parse("2026015"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertNil(f.parse("202615"))
        XCTAssertNil(f.parse("202601055"))
        XCTAssertNil(f.parse("20261305"))
    }

    func testMonthAbbreviation() throws {
        let f = try format("%d-%b-%Y")
        XCTAssertEqual(f.parse("05-Jan-2026"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("5-jan-2026"), ParsedDate(day: day(2026, 1, 5)))
        XCTAssertEqual(f.parse("28-FEB-2026"), ParsedDate(day: day(2026, 2, 28)))
        XCTAssertEqual(f.parse("01-May-2026"), ParsedDate(day: day(2026, 5, 1)))
        XCTAssertEqual(f.parse("01-September-2026"), ParsedDate(day: day(2026, 9, 1)))
        XCTAssertEqual(f.parse("01-Sept-2026"), ParsedDate(day: day(2026, 9, 1)))
        XCTAssertEqual(f.parse("31-December-2026"), ParsedDate(day: day(2026, 12, 31)))
        XCTAssertNil(f.parse("01-Ja-2026"))
        XCTAssertNil(f.parse("01-Janu-2026"))
        XCTAssertNil(f.parse("01-Foo-2026"))
        XCTAssertNil(f.parse("30-Feb-2026"))
    }

    func testTrailingSpaceIsTrimmedButTrailingTextIsNot() throws {
        let f = try format("%d-%b-%Y")
        XCTAssertEqual(f.parse("01-Mar-2026 "), ParsedDate(day: day(2026, 3, 1)))
        XCTAssertNil(f.parse("01-Mar-2026 x"))
    }

    func testYearMonthMeansTheFirst() throws {
        let f = try format("%Y-%m")
        XCTAssertEqual(f.parse("2026-03"), ParsedDate(day: day(2026, 3, 1)))
        XCTAssertEqual(f.parse("2026-3"), ParsedDate(day: day(2026, 3, 1)))
        XCTAssertNil(f.parse("2026-03-01"))
        let g = try format("%b %Y")
        XCTAssertEqual(g.parse("Oct 2025"), ParsedDate(day: day(2025, 10, 1)))
    }

    func testPatternWithTime() throws {
        let f = try format("%Y-%m-%d %H:%M:%S")
        XCTAssertEqual(f.parse("2026-01-05 13:45:30"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(13, 45, 30)))
        XCTAssertEqual(f.parse("2026-01-05 0:00:00"), ParsedDate(day: day(2026, 1, 5), timeOfDay: 0))
        XCTAssertNil(f.parse("2026-01-05 24:00:00"))
        XCTAssertNil(f.parse("2026-01-05 13:60:00"))
        XCTAssertNil(f.parse("2026-01-05"))
        let compact = try format("%Y%m%d%H%M")
        XCTAssertEqual(compact.parse("202601051345"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(13, 45)))
        let us = try format("%m/%d/%Y %H:%M")
        XCTAssertEqual(us.parse("1/5/2026 9:07"), ParsedDate(day: day(2026, 1, 5), timeOfDay: ms(9, 7)))
    }

    func testPercentLiteralAndUnicodeLiterals() throws {
        let f = try format("%Y年%m月%d日")
        XCTAssertEqual(f.parse("2026年1月5日"), ParsedDate(day: day(2026, 1, 5)))
        let p = try format("%%%Y-%m")
        XCTAssertEqual(p.parse("%2026-01"), ParsedDate(day: day(2026, 1, 1)))
        XCTAssertNil(p.parse("2026-01"))
    }

    // MARK: Pattern validation

    func assertRejected(_ pattern: String, offset: Int, containing: String, line: UInt = #line) {
        do {
            _ = try DateFormat(pattern: pattern)
            XCTFail("\(pattern) accepted", line: line)
        } catch {
            XCTAssertEqual(error.offset, offset, pattern, line: line)
            XCTAssertTrue(error.message.contains(containing), "\(error.message)", line: line)
        }
    }

    func testPatternValidation() {
        assertRejected("%Y-%q-%d", offset: 3, containing: "%q")
        assertRejected("%d/%m", offset: 0, containing: "year")
        assertRejected("%Y/%d", offset: 0, containing: "month")
        assertRejected("%Y-%m-%d %Y", offset: 9, containing: "year twice")
        assertRejected("%y-%m-%Y", offset: 6, containing: "year twice")
        assertRejected("%Y-%m-%b", offset: 6, containing: "month twice")
        assertRejected("%d.%m.%Y %H:%H", offset: 12, containing: "hour twice")
        assertRejected("%Y-%m-%", offset: 6, containing: "lone %")
        // Offsets count characters, not bytes.
        assertRejected("年%Y-%m-%x", offset: 7, containing: "%x")
        XCTAssertNoThrow(try DateFormat(pattern: "%Y-%m-%d"))
    }

    func testSettingThePatternRecompilesIt() throws {
        var f = try format("%d/%m/%Y")
        XCTAssertEqual(f.parse("05/01/2026"), ParsedDate(day: day(2026, 1, 5)))
        f.pattern = "%m/%d/%Y"
        XCTAssertEqual(f.parse("05/01/2026"), ParsedDate(day: day(2026, 5, 1)))
        f.pattern = nil
        XCTAssertEqual(f, DateFormat.iso)
        XCTAssertEqual(f.parse("2026-05-01"), ParsedDate(day: day(2026, 5, 1)))
        f.pattern = "%q"
        XCTAssertNil(f.parse("2026-05-01"))
    }

    func testParsesABorrowedSliceOnly() throws {
        let bytes = Array("2026-01-05,2027-02-03".utf8)
        let parsed = bytes.withUnsafeBufferPointer { DateFormat.iso.parse(UnsafeBufferPointer(rebasing: $0[11..<21])) }
        XCTAssertEqual(parsed, ParsedDate(day: day(2027, 2, 3)))
    }
}
