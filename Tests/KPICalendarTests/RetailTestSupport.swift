import XCTest
@testable import KPICalendar

/// NRF's 4-5-4 calendar as NRF publishes it: the year ends on the Saturday nearest January 31 and is
/// named by the calendar year it starts in ("fiscal 2023" is 2023-01-29 … 2024-02-03).
let nrf = RetailCalendar(pattern: .fourFiveFour, yearEndMonth: 1, yearEndWeekday: .saturday, yearEndRule: .nearest,
                         fiscalYearNamedBy: .start)

/// SPEC 13's defaults: 4-4-5, the last Saturday of January, named by the year it ends in.
let retailDefault = RetailCalendar()

/// Asserts the twelve fiscal months of one fiscal year, each written `start end` on its own line.
func assertMonths(_ cal: RetailCalendar, _ year: String, _ table: String,
                  file: StaticString = #filePath, line: UInt = #line) throws {
    let rows = table.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    XCTAssertEqual(rows.count, 12, "months of \(year)", file: file, line: line)
    for (i, row) in rows.enumerated() {
        let id = year + "-M" + (i < 9 ? "0" : "") + "\(i + 1)"
        let month = try cal.period(id: id)
        assertPeriod(month, id, row[0], row[1], file: file, line: line)
        // Every day of the month maps back to it.
        XCTAssertEqual(cal.period(.month, containing: d(row[0])), month, file: file, line: line)
        XCTAssertEqual(cal.period(.month, containing: d(row[1])), month, file: file, line: line)
    }
}

func retailIDError(_ cal: RetailCalendar, _ id: String, file: StaticString = #filePath, line: UInt = #line) -> PeriodIDError? {
    do {
        let p = try cal.period(id: id)
        XCTFail("\(id) parsed as \(p)", file: file, line: line)
        return nil
    } catch {
        return error
    }
}
