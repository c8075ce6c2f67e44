import XCTest
@testable import KPICalendar

final class PeriodTests: XCTestCase {
    func testISOWeeksAroundTheYearEnd() {
        assertPeriod(iso.period(.week, containing: d("2026-11-12")), "2026-W46", "2026-11-09", "2026-11-15")
        // Week 1 can start in December, and the year's last days can belong to week 53.
        assertPeriod(iso.period(.week, containing: d("2024-12-30")), "2025-W01", "2024-12-30", "2025-01-05")
        assertPeriod(iso.period(.week, containing: d("2026-01-01")), "2026-W01", "2025-12-29", "2026-01-04")
        assertPeriod(iso.period(.week, containing: d("2026-12-28")), "2026-W53", "2026-12-28", "2027-01-03")
        assertPeriod(iso.period(.week, containing: d("2027-01-03")), "2026-W53", "2026-12-28", "2027-01-03")
        assertPeriod(iso.period(.week, containing: d("2027-01-04")), "2027-W01", "2027-01-04", "2027-01-10")
        assertPeriod(iso.period(.week, containing: d("2021-01-03")), "2020-W53", "2020-12-28", "2021-01-03")
    }

    func testISOWeekCounts() {
        XCTAssertEqual(ISOWeek.weekCount(ofYear: 2020), 53)
        XCTAssertEqual(ISOWeek.weekCount(ofYear: 2025), 52)
        XCTAssertEqual(ISOWeek.weekCount(ofYear: 2026), 53)
        XCTAssertEqual(ISOWeek.weekCount(ofYear: 2027), 52)
    }

    func testWeeksNamedByTheirLastDayWhenNotStartingMonday() {
        assertPeriod(sundayWeeks.period(.week, containing: d("2026-11-12")), "WE-2026-11-14", "2026-11-08", "2026-11-14")
        assertPeriod(sundayWeeks.period(.week, containing: d("2026-11-08")), "WE-2026-11-14", "2026-11-08", "2026-11-14")
        assertPeriod(sundayWeeks.period(.week, containing: d("2026-11-15")), "WE-2026-11-21", "2026-11-15", "2026-11-21")
        assertPeriod(saturdayWeeks.period(.week, containing: d("2026-11-12")), "WE-2026-11-13", "2026-11-07", "2026-11-13")
        assertPeriod(saturdayWeeks.period(.week, containing: d("2026-11-14")), "WE-2026-11-20", "2026-11-14", "2026-11-20")
        // Across the year end the id is simply the last day.
        assertPeriod(sundayWeeks.period(.week, containing: d("2026-12-31")), "WE-2027-01-02", "2026-12-27", "2027-01-02")
    }

    func testMonths() {
        assertPeriod(iso.period(.month, containing: d("2026-11-12")), "2026-11", "2026-11-01", "2026-11-30")
        assertPeriod(iso.period(.month, containing: d("2028-02-29")), "2028-02", "2028-02-01", "2028-02-29")
        assertPeriod(iso.period(.month, containing: d("2026-12-31")), "2026-12", "2026-12-01", "2026-12-31")
        assertPeriod(fiscalJuly.period(.month, containing: d("2027-02-01")), "2027-02", "2027-02-01", "2027-02-28")
    }

    func testCalendarQuartersAndYears() {
        assertPeriod(iso.period(.quarter, containing: d("2026-11-12")), "2026-Q4", "2026-10-01", "2026-12-31")
        assertPeriod(iso.period(.quarter, containing: d("2026-02-15")), "2026-Q1", "2026-01-01", "2026-03-31")
        assertPeriod(iso.period(.year, containing: d("2026-11-12")), "2026", "2026-01-01", "2026-12-31")
    }

    func testFiscalJulyQuartersAreNamedByTheYearTheFiscalYearEnds() {
        assertPeriod(fiscalJuly.period(.quarter, containing: d("2026-11-12")), "FY2027-Q2", "2026-10-01", "2026-12-31")
        assertPeriod(fiscalJuly.period(.quarter, containing: d("2026-07-01")), "FY2027-Q1", "2026-07-01", "2026-09-30")
        assertPeriod(fiscalJuly.period(.quarter, containing: d("2027-01-15")), "FY2027-Q3", "2027-01-01", "2027-03-31")
        assertPeriod(fiscalJuly.period(.quarter, containing: d("2026-06-30")), "FY2026-Q4", "2026-04-01", "2026-06-30")
        assertPeriod(fiscalJuly.period(.year, containing: d("2026-11-12")), "FY2027", "2026-07-01", "2027-06-30")
        assertPeriod(fiscalJuly.period(.year, containing: d("2026-06-30")), "FY2026", "2025-07-01", "2026-06-30")
    }

    func testFiscalAprilAndFebruary() {
        assertPeriod(fiscalApril.period(.quarter, containing: d("2026-11-12")), "FY2027-Q3", "2026-10-01", "2026-12-31")
        assertPeriod(fiscalApril.period(.quarter, containing: d("2026-05-10")), "FY2027-Q1", "2026-04-01", "2026-06-30")
        assertPeriod(fiscalApril.period(.quarter, containing: d("2026-03-31")), "FY2026-Q4", "2026-01-01", "2026-03-31")
        assertPeriod(fiscalApril.period(.year, containing: d("2026-11-12")), "FY2027", "2026-04-01", "2027-03-31")
        // A February fiscal year has a quarter spanning the calendar year end.
        let february = CalendarRules(fiscalYearStartMonth: 2)
        assertPeriod(february.period(.quarter, containing: d("2026-01-15")), "FY2026-Q4", "2025-11-01", "2026-01-31")
        assertPeriod(february.period(.year, containing: d("2026-01-15")), "FY2026", "2025-02-01", "2026-01-31")
    }

    func testPreviousAndNext() {
        let w01 = iso.period(.week, containing: d("2026-01-01"))
        assertPeriod(iso.previous(w01), "2025-W52", "2025-12-22", "2025-12-28")
        assertPeriod(iso.next(iso.period(.week, containing: d("2026-12-28"))), "2027-W01", "2027-01-04", "2027-01-10")
        assertPeriod(iso.previous(iso.period(.month, containing: d("2026-01-10"))), "2025-12", "2025-12-01", "2025-12-31")
        assertPeriod(iso.next(iso.period(.month, containing: d("2026-01-10"))), "2026-02", "2026-02-01", "2026-02-28")
        let q4 = fiscalJuly.period(.quarter, containing: d("2027-05-01"))
        assertPeriod(fiscalJuly.next(q4), "FY2028-Q1", "2027-07-01", "2027-09-30")
        assertPeriod(fiscalJuly.previous(fiscalJuly.period(.year, containing: d("2026-11-12"))), "FY2026", "2025-07-01", "2026-06-30")
    }

    func testLatestComplete() {
        assertPeriod(iso.latestComplete(.week, asOf: d("2026-11-16")), "2026-W46", "2026-11-09", "2026-11-15")
        assertPeriod(iso.latestComplete(.week, asOf: d("2026-11-15")), "2026-W46", "2026-11-09", "2026-11-15")
        assertPeriod(iso.latestComplete(.month, asOf: d("2026-11-30")), "2026-11", "2026-11-01", "2026-11-30")
        assertPeriod(iso.latestComplete(.month, asOf: d("2026-11-29")), "2026-10", "2026-10-01", "2026-10-31")
        assertPeriod(fiscalJuly.latestComplete(.quarter, asOf: d("2026-11-12")), "FY2027-Q1", "2026-07-01", "2026-09-30")
    }

    func testThreeYearWeeklyBackfill() {
        let weeks = iso.completePeriods(.week, endingFrom: d("2023-11-20"), through: d("2026-11-15"))
        XCTAssertEqual(weeks.count, 156)
        // 2023-11-20 is a Monday: its week ends 2023-11-26, inside the range.
        assertPeriod(weeks[0], "2023-W47", "2023-11-20", "2023-11-26")
        assertPeriod(weeks[155], "2026-W46", "2026-11-09", "2026-11-15")
        XCTAssertTrue(zip(weeks, weeks.dropFirst()).allSatisfy { $0.end.adding(days: 1) == $1.start })
    }

    func testBackfillKeepsOnlyPeriodsEndingInTheRange() {
        let months = iso.completePeriods(.month, endingFrom: d("2026-01-31"), through: d("2026-04-29"))
        XCTAssertEqual(months.map(\.id), ["2026-01", "2026-02", "2026-03"])
        XCTAssertEqual(iso.completePeriods(.week, endingFrom: d("2026-11-16"), through: d("2026-11-21")), [])
        XCTAssertEqual(iso.completePeriods(.week, endingFrom: d("2026-11-16"), through: d("2026-11-01")), [])
        XCTAssertEqual(fiscalJuly.completePeriods(.quarter, endingFrom: d("2026-01-01"), through: d("2026-12-31")).map(\.id),
                       ["FY2026-Q3", "FY2026-Q4", "FY2027-Q1", "FY2027-Q2"])
    }
}
