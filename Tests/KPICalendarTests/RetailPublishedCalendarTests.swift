import XCTest
@testable import KPICalendar

/// The retail calendar against published dates.
///
/// Sources (looked up 2026; dates as NRF names its years, by the year they start in):
/// - NRF, "4-5-4 Calendar" (https://www.nrf.com/resources/4-5-4-calendar): months of 4, 5 and 4 weeks
///   per quarter; the 53rd week is added to the end of the year; 53-week years were FY'12, FY'17, FY'23.
/// - Coresight Research, "The 4-5-4 US Retail Calendar, 2023–24" and "…, 2021–22": the fiscal year
///   ending February 3, 2024 (fiscal 2023) comprises 53 weeks, the last such year before it fiscal 2017;
///   fiscal 2021 ends January 29, 2022.
/// - SEC filings of 4-5-4 retailers: Citi Trends' 10-Q for Q2 2024 (fiscal 2024 = 2024-02-04 … 2025-02-01,
///   fiscal 2023 = 2023-01-29 … 2024-02-03, quarters 2024-02-04 … 05-04, 2024-05-05 … 08-03,
///   2023-01-29 … 04-29, 2023-04-30 … 07-29); Cato's 10-Q for Q3 2024 (2023-07-30 … 2023-10-28,
///   year to date 2024-02-04 … 2024-11-02); Ulta's and Ross's 10-Qs for Q1 2025 (13 weeks ended
///   May 3, 2025; year ended February 1, 2025); a Q2 2025 10-Q (thirteen weeks ended August 2, 2025
///   against August 3, 2024).
/// - Whole NRF month tables as transcribed by calendar libraries tested against NRF's published
///   calendars: fiscal 2018 (holonk/retail-calendar, __tests__/data/nrf_2018.ts), fiscal 2014 month
///   starts (stitchfix/merch_calendar, spec/merch_calendar/retail_calendar_spec.rb), fiscal October 2015
///   (rocksoftcode/nrf-calendar README), fiscal 2013 and its December (stitchfix/merch_calendar README).
/// - `last` rule: Apple's 10-K (a 52/53-week year ending on the last Saturday of September): fiscal 2023
///   ended 2023-09-30, fiscal 2024 on 09-28; a 5-4-4 year ending the last Saturday of July runs
///   2005-07-31 … 2006-07-29 (tdongsi/calendars README).
/// NRF's month PDFs themselves were not reachable; the FY2021–FY2025 month tables below were written
/// out from NRF's rule (4-5-4 from the published year start) by an independent script and agree with
/// every published quarter and year boundary above.
final class RetailPublishedCalendarTests: XCTestCase {
    func testNRFYearsAndTheir53WeekYears() throws {
        // (NRF's name, first day, last day, weeks)
        let years: [(String, String, String, Int)] = [
            ("FY2012", "2012-01-29", "2013-02-02", 53),
            ("FY2013", "2013-02-03", "2014-02-01", 52),
            ("FY2016", "2016-01-31", "2017-01-28", 52),
            ("FY2017", "2017-01-29", "2018-02-03", 53),
            ("FY2018", "2018-02-04", "2019-02-02", 52),
            ("FY2019", "2019-02-03", "2020-02-01", 52),
            ("FY2020", "2020-02-02", "2021-01-30", 52),
            ("FY2021", "2021-01-31", "2022-01-29", 52),
            ("FY2022", "2022-01-30", "2023-01-28", 52),
            ("FY2023", "2023-01-29", "2024-02-03", 53),
            ("FY2024", "2024-02-04", "2025-02-01", 52),
            ("FY2025", "2025-02-02", "2026-01-31", 52),
        ]
        for (id, start, end, weeks) in years {
            let year = try nrf.period(id: id)
            assertPeriod(year, id, start, end)
            XCTAssertEqual(year.days, 7 * weeks, id)
            let lastWeek = try nrf.period(id: id + "-W\(weeks)")
            XCTAssertEqual(lastWeek.end, d(end), id)
            XCTAssertNotNil(retailIDError(nrf, id + "-W\(weeks + 1)"), id)
        }
        // Between FY'12 and FY'23 only FY'17 has a 53rd week.
        for n in 2013...2022 where n != 2017 {
            XCTAssertNotNil(retailIDError(nrf, "FY\(n)-W53"), "FY\(n)")
        }
        // Every fiscal year ends on a Saturday and the next starts on Sunday.
        XCTAssertEqual(nrf.weekStart, .sunday)
        XCTAssertEqual(try nrf.period(id: "FY2023").end.weekday, Weekday.saturday.rawValue)
    }

    func testNRFFiscal2018MonthByMonth() throws {
        try assertMonths(nrf, "FY2018", """
        2018-02-04 2018-03-03
        2018-03-04 2018-04-07
        2018-04-08 2018-05-05
        2018-05-06 2018-06-02
        2018-06-03 2018-07-07
        2018-07-08 2018-08-04
        2018-08-05 2018-09-01
        2018-09-02 2018-10-06
        2018-10-07 2018-11-03
        2018-11-04 2018-12-01
        2018-12-02 2019-01-05
        2019-01-06 2019-02-02
        """)
    }

    func testNRFFiscal2013To2015Months() throws {
        // Fiscal 2014's month starts, February to November (the 11 months starting in calendar 2014).
        let starts = ["2014-02-02", "2014-03-02", "2014-04-06", "2014-05-04", "2014-06-01", "2014-07-06",
                      "2014-08-03", "2014-08-31", "2014-10-05", "2014-11-02", "2014-11-30"]
        for (i, start) in starts.enumerated() {
            XCTAssertEqual(try nrf.period(id: "FY2014-M" + (i < 9 ? "0" : "") + "\(i + 1)").start, d(start))
        }
        // Fiscal December 2013 (M11) and fiscal October 2015 (M09).
        assertPeriod(try nrf.period(id: "FY2013-M11"), "FY2013-M11", "2013-12-01", "2014-01-04")
        assertPeriod(try nrf.period(id: "FY2015-M09"), "FY2015-M09", "2015-10-04", "2015-10-31")
    }

    func testNRFFiscal2021To2025EveryMonth() throws {
        try assertMonths(nrf, "FY2021", """
        2021-01-31 2021-02-27
        2021-02-28 2021-04-03
        2021-04-04 2021-05-01
        2021-05-02 2021-05-29
        2021-05-30 2021-07-03
        2021-07-04 2021-07-31
        2021-08-01 2021-08-28
        2021-08-29 2021-10-02
        2021-10-03 2021-10-30
        2021-10-31 2021-11-27
        2021-11-28 2022-01-01
        2022-01-02 2022-01-29
        """)
        try assertMonths(nrf, "FY2022", """
        2022-01-30 2022-02-26
        2022-02-27 2022-04-02
        2022-04-03 2022-04-30
        2022-05-01 2022-05-28
        2022-05-29 2022-07-02
        2022-07-03 2022-07-30
        2022-07-31 2022-08-27
        2022-08-28 2022-10-01
        2022-10-02 2022-10-29
        2022-10-30 2022-11-26
        2022-11-27 2022-12-31
        2023-01-01 2023-01-28
        """)
        // The 53-week year: its last month (fiscal January) has 5 weeks instead of 4.
        try assertMonths(nrf, "FY2023", """
        2023-01-29 2023-02-25
        2023-02-26 2023-04-01
        2023-04-02 2023-04-29
        2023-04-30 2023-05-27
        2023-05-28 2023-07-01
        2023-07-02 2023-07-29
        2023-07-30 2023-08-26
        2023-08-27 2023-09-30
        2023-10-01 2023-10-28
        2023-10-29 2023-11-25
        2023-11-26 2023-12-30
        2023-12-31 2024-02-03
        """)
        XCTAssertEqual(try nrf.period(id: "FY2023-M12").days, 35)
        try assertMonths(nrf, "FY2024", """
        2024-02-04 2024-03-02
        2024-03-03 2024-04-06
        2024-04-07 2024-05-04
        2024-05-05 2024-06-01
        2024-06-02 2024-07-06
        2024-07-07 2024-08-03
        2024-08-04 2024-08-31
        2024-09-01 2024-10-05
        2024-10-06 2024-11-02
        2024-11-03 2024-11-30
        2024-12-01 2025-01-04
        2025-01-05 2025-02-01
        """)
        try assertMonths(nrf, "FY2025", """
        2025-02-02 2025-03-01
        2025-03-02 2025-04-05
        2025-04-06 2025-05-03
        2025-05-04 2025-05-31
        2025-06-01 2025-07-05
        2025-07-06 2025-08-02
        2025-08-03 2025-08-30
        2025-08-31 2025-10-04
        2025-10-05 2025-11-01
        2025-11-02 2025-11-29
        2025-11-30 2026-01-03
        2026-01-04 2026-01-31
        """)
    }

    func testNRFQuartersAsRetailersReportThem() throws {
        assertPeriod(try nrf.period(id: "FY2023-Q1"), "FY2023-Q1", "2023-01-29", "2023-04-29")
        assertPeriod(try nrf.period(id: "FY2023-Q2"), "FY2023-Q2", "2023-04-30", "2023-07-29")
        assertPeriod(try nrf.period(id: "FY2023-Q3"), "FY2023-Q3", "2023-07-30", "2023-10-28")
        // The 53-week year's fourth quarter has 14 weeks.
        assertPeriod(try nrf.period(id: "FY2023-Q4"), "FY2023-Q4", "2023-10-29", "2024-02-03")
        XCTAssertEqual(try nrf.period(id: "FY2023-Q4").days, 98)
        assertPeriod(try nrf.period(id: "FY2024-Q1"), "FY2024-Q1", "2024-02-04", "2024-05-04")
        assertPeriod(try nrf.period(id: "FY2024-Q2"), "FY2024-Q2", "2024-05-05", "2024-08-03")
        XCTAssertEqual(try nrf.period(id: "FY2024-Q3").end, d("2024-11-02"))
        XCTAssertEqual(try nrf.period(id: "FY2025-Q1").end, d("2025-05-03"))
        XCTAssertEqual(try nrf.period(id: "FY2025-Q2").end, d("2025-08-02"))
        // Weeks: FY2023-W53 is the year's last week, 2024-01-28 … 02-03.
        assertPeriod(try nrf.period(id: "FY2023-W53"), "FY2023-W53", "2024-01-28", "2024-02-03")
        assertPeriod(nrf.period(.week, containing: d("2024-02-04")), "FY2024-W01", "2024-02-04", "2024-02-10")
    }

    func testNamedByEndGivesTheSameYearTheNextNumber() throws {
        // Walmart-style naming: the year NRF calls fiscal 2023 ends in January 2024's rule, so it is FY2024.
        var byEnd = nrf
        byEnd.fiscalYearNamedBy = .end
        assertPeriod(try byEnd.period(id: "FY2024"), "FY2024", "2023-01-29", "2024-02-03")
        assertPeriod(try byEnd.period(id: "FY2024-M12"), "FY2024-M12", "2023-12-31", "2024-02-03")
        assertPeriod(byEnd.period(.quarter, containing: d("2024-02-03")), "FY2024-Q4", "2023-10-29", "2024-02-03")
    }

    func testLastRuleAgainstApplesFiscalYears() throws {
        // A year ending on the last Saturday of September. 2022's is the 24th, 2023's the 30th, 2024's the 28th;
        // 2022-09-25 … 2023-09-30 is 371 days: a 53-week year.
        let apple = RetailCalendar(pattern: .fourFourFive, yearEndMonth: 9, yearEndWeekday: .saturday, yearEndRule: .last)
        assertPeriod(try apple.period(id: "FY2023"), "FY2023", "2022-09-25", "2023-09-30")
        XCTAssertEqual(try apple.period(id: "FY2023").days, 371)
        assertPeriod(try apple.period(id: "FY2024"), "FY2024", "2023-10-01", "2024-09-28")
        XCTAssertEqual(try apple.period(id: "FY2024").days, 364)
        // The same years under `nearest`: 2023-09-30 is the month's last day either way, but Sept 28 2024
        // (2 days before the 30th) and Sept 24 2022 (6 days before; Oct 1 is 1 day after) differ.
        var nearest = apple
        nearest.yearEndRule = .nearest
        assertPeriod(try nearest.period(id: "FY2023"), "FY2023", "2022-10-02", "2023-09-30")
        XCTAssertEqual(try nearest.period(id: "FY2023").days, 364)
    }

    func testFiveFourFourYearEndingTheLastSaturdayOfJuly() throws {
        // Last Saturday of July 2005: July 31 is a Sunday, so the 30th; of July 2006: the 29th (31st is a Monday).
        // 2005-07-31 … 2006-07-29 is 364 days. Months by 5-4-4: 35, 28, 28 days per quarter.
        let july = RetailCalendar(pattern: .fiveFourFour, yearEndMonth: 7, yearEndWeekday: .saturday, yearEndRule: .last)
        try assertMonths(july, "FY2006", """
        2005-07-31 2005-09-03
        2005-09-04 2005-10-01
        2005-10-02 2005-10-29
        2005-10-30 2005-12-03
        2005-12-04 2005-12-31
        2006-01-01 2006-01-28
        2006-01-29 2006-03-04
        2006-03-05 2006-04-01
        2006-04-02 2006-04-29
        2006-04-30 2006-06-03
        2006-06-04 2006-07-01
        2006-07-02 2006-07-29
        """)
    }
}
