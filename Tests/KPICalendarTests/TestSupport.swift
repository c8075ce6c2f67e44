import XCTest
@testable import KPICalendar

/// A literal date in a test; crashing on a typo is what a test should do.
func d(_ text: String) -> Day { Day.parse(text)! }

let iso = CalendarRules()
let fiscalJuly = CalendarRules(fiscalYearStartMonth: 7)
let fiscalApril = CalendarRules(fiscalYearStartMonth: 4)
let sundayWeeks = CalendarRules(weekStart: .sunday)
let saturdayWeeks = CalendarRules(weekStart: .saturday)

func assertPeriod(_ p: Period, _ id: String, _ start: String, _ end: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(p.id, id, file: file, line: line)
    XCTAssertEqual(p.start, d(start), "start of \(id)", file: file, line: line)
    XCTAssertEqual(p.end, d(end), "end of \(id)", file: file, line: line)
}

func assertWindow(_ w: DateWindow?, _ id: String, _ start: String, _ end: String,
                  file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(w, DateWindow(id: id, start: d(start), end: d(end)), file: file, line: line)
}

/// The error a throwing period lookup gives; fails the test when it does not throw.
func idError(_ rules: CalendarRules, _ id: String, file: StaticString = #filePath, line: UInt = #line) -> PeriodIDError? {
    do {
        let p = try rules.period(id: id)
        XCTFail("\(id) parsed as \(p)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}

func selectionError(_ rules: CalendarRules, _ text: String, _ grain: Grain, asOf: String,
                    file: StaticString = #filePath, line: UInt = #line) -> PeriodSelectionError? {
    do {
        let p = try rules.resolve(period: text, grain: grain, asOf: d(asOf))
        XCTFail("\(text) resolved to \(p)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
