import KPICalendar
import XCTest
@testable import KPIConfig

/// `calendar: { type: retail, … }` (SPEC 13). Each YAML is inline so line:column can be read off it.
final class RetailCalendarConfigTests: XCTestCase {
    let rest = """
    sources: { s: { path: s.csv, date: d, product_line: l } }
    kpis: [{ id: n, source: s, agg: count }]
    """

    func testEveryRetailKey() throws {
        let yaml = """
        calendar:
          type: retail
          pattern: 4-5-4
          year_end_month: 1
          year_end_weekday: Saturday
          year_end_rule: nearest
          fiscal_year_named_by: start
        \(rest)
        """
        let config = try XCTUnwrap(parseValid(yaml))
        XCTAssertEqual(config.calendar, .retail(RetailCalendar.nrf))
        XCTAssertEqual(try config.calendar.period(id: "FY2023").end, Day(year: 2024, month: 2, day: 3))
    }

    func testRetailDefaultsAreSpecThirteens() throws {
        let config = try XCTUnwrap(parseValid("calendar: { type: retail }\n" + rest))
        XCTAssertEqual(config.calendar, .retail(RetailCalendar(pattern: .fourFourFive, yearEndMonth: 1, yearEndWeekday: .saturday,
                                                               yearEndRule: .last, fiscalYearNamedBy: .end)))
        XCTAssertEqual(config.calendar.weekStart, .sunday)
        // `type: gregorian` is the default, written out.
        let gregorian = try XCTUnwrap(parseValid("calendar: { type: gregorian, week_start: sunday }\n" + rest))
        XCTAssertEqual(gregorian.calendar, CalendarRules(weekStart: .sunday, fiscalYearStartMonth: 1))
    }

    func testWeekStartBesideRetailIsAnError() {
        let yaml = "calendar: { type: retail, year_end_weekday: friday, week_start: monday }\n" + rest
        let error = assertSingleError(yaml, line: 1, column: 53,
                                      message: "'week_start' cannot be set on a retail calendar: weeks start the day after year_end_weekday")
        XCTAssertEqual(error?.description, "k.yml:1:53: 'week_start' cannot be set on a retail calendar: weeks start the day after "
            + "year_end_weekday\nhint: remove 'week_start'; weeks here start on saturday, the day after friday")
    }

    func testFiscalYearStartMonthBesideRetailIsAnError() {
        let yaml = """
        calendar:
          type: retail
          fiscal_year_start_month: 2
        \(rest)
        """
        let error = assertSingleError(yaml, line: 3, column: 3,
                                      message: "'fiscal_year_start_month' cannot be set on a retail calendar: its year ends at the end of year_end_month")
        XCTAssertEqual(error?.hint, "remove it and set year_end_month: 1, the month before, for a year starting in month 2")
        // Both at once, in file order.
        let both = parseErrors("calendar: { week_start: sunday, type: retail, fiscal_year_start_month: 13 }\n" + rest)
        XCTAssertEqual(both.map { "\($0.line):\($0.column)" }, ["1:13", "1:47"])
        XCTAssertEqual(both.last?.hint, "remove it and set year_end_month, the month the fiscal year ends in")
    }

    func testRetailKeysWithoutTypeRetail() {
        let yaml = """
        calendar:
          week_start: sunday
          pattern: 4-5-4
          year_end_rule: nearest
        \(rest)
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map(\.description), [
            "k.yml:3:3: 'pattern' applies only to a retail calendar in calendar\nhint: add 'type: retail' to calendar, or remove 'pattern'",
            "k.yml:4:3: 'year_end_rule' applies only to a retail calendar in calendar\nhint: add 'type: retail' to calendar, or remove 'year_end_rule'",
        ])
    }

    func testBadRetailValues() {
        let yaml = """
        calendar:
          type: retail
          pattern: 445
          year_end_month: 13
          year_end_weekday: satday
          year_end_rule: closest
          fiscal_year_named_by: middle
        \(rest)
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["3:12", "4:19", "5:21", "6:18", "7:25"])
        XCTAssertEqual(errors.map(\.message), [
            "'pattern' must be one of 4-4-5, 4-5-4, 5-4-4 in calendar",
            "'year_end_month' must be an integer from 1 to 12 in calendar",
            "'year_end_weekday' must be a day of the week, monday to sunday",
            "'year_end_rule' must be one of last, nearest in calendar",
            "'fiscal_year_named_by' must be one of end, start in calendar",
        ])
        XCTAssertEqual(errors.map(\.value), ["445", "13", "satday", "closest", "middle"])
        XCTAssertEqual(errors[0].hint, "did you mean '4-4-5'?")
        XCTAssertEqual(errors[2].hint, "did you mean 'saturday'?")
        XCTAssertEqual(parseErrors("calendar: { type: retail, pattern: 4-4-4 }\n" + rest).first?.hint,
                       "the weeks of a quarter's three fiscal months, summing to 13")
    }

    func testMisspeltTypeIsReportedWithTheOtherKeysStillChecked() {
        let errors = parseErrors("calendar: { type: retial, year_end_month: 0 }\n" + rest)
        XCTAssertEqual(errors.map(\.description), [
            "k.yml:1:19: 'type' must be one of gregorian, retail in calendar (retial)\nhint: did you mean 'retail'?",
            "k.yml:1:43: 'year_end_month' must be an integer from 1 to 12 in calendar (0)",
        ])
    }
}
