import XCTest
@testable import KPICalendar

final class ReviewWindowTests: XCTestCase {
    let noHistory = HistoryDepth(weeks: 0, months: 0, quarters: 0)

    func testYearAgoMapsMonthEndsToMonthEnds() {
        XCTAssertEqual(CalendarRules.yearAgo(d("2029-02-28")), d("2028-02-29"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2028-02-29")), d("2027-02-28"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2028-02-28")), d("2027-02-28"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2027-02-28")), d("2026-02-28"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2026-06-30")), d("2025-06-30"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2026-03-31")), d("2025-03-31"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2026-11-12")), d("2025-11-12"))
        XCTAssertEqual(CalendarRules.yearAgo(d("2026-01-01")), d("2025-01-01"))
    }

    /// A complete period compares with whole periods: only an in-progress one is clamped (SPEC 6.2).
    func testCompleteMonthComparesWithWholeLongerMonths() throws {
        let cal = CalendarRules()
        let nov = cal.period(.month, containing: d("2026-11-10"))
        let w = cal.reviewWindows(grain: .month, period: nov, asOf: d("2026-11-30"), history: HistoryDepth())
        XCTAssertEqual(w.prior, DateWindow(id: "2026-10", start: d("2026-10-01"), end: d("2026-10-31")))
        let feb = cal.period(.month, containing: d("2029-02-10"))
        let f = cal.reviewWindows(grain: .month, period: feb, asOf: d("2029-03-05"), history: HistoryDepth())
        XCTAssertEqual(f.yoy, DateWindow(id: "2028-02", start: d("2028-02-01"), end: d("2028-02-29")))
        XCTAssertEqual(f.history.last?.yoy.end, d("2028-02-29"))
    }

    func testCompleteISOWeek() throws {
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W46"), asOf: d("2026-11-16"), history: noHistory)
        XCTAssertTrue(w.complete)
        XCTAssertEqual(w.elapsedDays, 7)
        assertWindow(w.current, "2026-W46", "2026-11-09", "2026-11-15")
        assertWindow(w.prior, "2026-W45", "2026-11-02", "2026-11-08")
        assertWindow(w.yoy, "2025-W46", "2025-11-10", "2025-11-16")
        assertWindow(w.qtd, "2026-Q4", "2026-10-01", "2026-11-15")
        assertWindow(w.qtdYoy, "2025-Q4", "2025-10-01", "2025-11-15")
        assertWindow(w.ytd, "2026", "2026-01-01", "2026-11-15")
        assertWindow(w.ytdYoy, "2025", "2025-01-01", "2025-11-15")
        XCTAssertEqual(w.history, [])
    }

    func testWeek53ComparesWith364DaysEarlier() throws {
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W53"), asOf: d("2027-01-04"), history: noHistory)
        XCTAssertTrue(w.complete)
        assertWindow(w.current, "2026-W53", "2026-12-28", "2027-01-03")
        assertWindow(w.prior, "2026-W52", "2026-12-21", "2026-12-27")
        assertWindow(w.yoy, "2026-W01", "2025-12-29", "2026-01-04")
        // To-date windows belong to the quarter and year of the week's end.
        assertWindow(w.qtd, "2027-Q1", "2027-01-01", "2027-01-03")
        assertWindow(w.qtdYoy, "2026-Q1", "2026-01-01", "2026-01-03")
        assertWindow(w.ytd, "2027", "2027-01-01", "2027-01-03")
        assertWindow(w.ytdYoy, "2026", "2026-01-01", "2026-01-03")
    }

    func testWeekCrossingAQuarterBoundary() throws {
        // 2026-W40 is Mon 09-28 .. Sun 10-04.
        let week = try iso.period(id: "2026-W40")
        let w = iso.reviewWindows(grain: .week, period: week, asOf: d("2026-10-05"), history: noHistory)
        assertWindow(w.yoy, "2025-W40", "2025-09-29", "2025-10-05")
        assertWindow(w.qtd, "2026-Q4", "2026-10-01", "2026-10-04")
        assertWindow(w.qtdYoy, "2025-Q4", "2025-10-01", "2025-10-04")
        assertWindow(w.ytd, "2026", "2026-01-01", "2026-10-04")

        // In progress before its quarter has begun: the to-date windows stay in the quarter as-of is in
        // (an empty Q4 window would have no days at all).
        let early = iso.reviewWindows(grain: .week, period: week, asOf: d("2026-09-30"), history: noHistory)
        XCTAssertFalse(early.complete)
        XCTAssertEqual(early.elapsedDays, 3)
        assertWindow(early.current, "2026-W40", "2026-09-28", "2026-09-30")
        assertWindow(early.prior, "2026-W39", "2026-09-21", "2026-09-23")
        assertWindow(early.yoy, "2025-W40", "2025-09-29", "2025-10-01")
        assertWindow(early.qtd, "2026-Q3", "2026-07-01", "2026-09-30")
        assertWindow(early.qtdYoy, "2025-Q3", "2025-07-01", "2025-09-30")
    }

    func testSundayWeeksWithFiscalApril() throws {
        let rules = CalendarRules(weekStart: .sunday, fiscalYearStartMonth: 4)
        let w = rules.reviewWindows(grain: .week, period: try rules.period(id: "WE-2026-11-14"), asOf: d("2026-11-15"),
                                    history: noHistory)
        assertWindow(w.prior, "WE-2026-11-07", "2026-11-01", "2026-11-07")
        assertWindow(w.yoy, "WE-2025-11-15", "2025-11-09", "2025-11-15")
        assertWindow(w.qtd, "FY2027-Q3", "2026-10-01", "2026-11-14")
        assertWindow(w.qtdYoy, "FY2026-Q3", "2025-10-01", "2025-11-14")
        assertWindow(w.ytd, "FY2027", "2026-04-01", "2026-11-14")
        assertWindow(w.ytdYoy, "FY2026", "2025-04-01", "2025-11-14")
    }

    func testInProgressMonthOnDay12Of30() throws {
        let w = iso.reviewWindows(grain: .month, period: try iso.period(id: "2026-11"), asOf: d("2026-11-12"), history: noHistory)
        XCTAssertFalse(w.complete)
        XCTAssertEqual(w.elapsedDays, 12)
        assertWindow(w.current, "2026-11", "2026-11-01", "2026-11-12")
        assertWindow(w.prior, "2026-10", "2026-10-01", "2026-10-12")
        assertWindow(w.yoy, "2025-11", "2025-11-01", "2025-11-12")
        assertWindow(w.qtd, "2026-Q4", "2026-10-01", "2026-11-12")
        assertWindow(w.qtdYoy, "2025-Q4", "2025-10-01", "2025-11-12")
        assertWindow(w.ytd, "2026", "2026-01-01", "2026-11-12")
        assertWindow(w.ytdYoy, "2025", "2025-01-01", "2025-11-12")
    }

    func testInProgressMarchClampsItsPriorToFebruary() throws {
        // 30 elapsed days of March; February has only 28 (29 in 2028).
        let march = try iso.period(id: "2026-03")
        let w = iso.reviewWindows(grain: .month, period: march, asOf: d("2026-03-30"), history: noHistory)
        XCTAssertEqual(w.elapsedDays, 30)
        assertWindow(w.prior, "2026-02", "2026-02-01", "2026-02-28")
        assertWindow(w.yoy, "2025-03", "2025-03-01", "2025-03-30")
        let leap = iso.reviewWindows(grain: .month, period: try iso.period(id: "2028-03"), asOf: d("2028-03-30"), history: noHistory)
        assertWindow(leap.prior, "2028-02", "2028-02-01", "2028-02-29")
        // On March 31 the month is complete and compares with all of February.
        let done = iso.reviewWindows(grain: .month, period: march, asOf: d("2026-03-31"), history: noHistory)
        XCTAssertTrue(done.complete)
        XCTAssertEqual(done.elapsedDays, 31)
        assertWindow(done.prior, "2026-02", "2026-02-01", "2026-02-28")
        assertWindow(done.qtd, "2026-Q1", "2026-01-01", "2026-03-31")
    }

    func testCompleteFiscalJulyQuarterHasNoQTD() throws {
        let w = fiscalJuly.reviewWindows(grain: .quarter, period: try fiscalJuly.period(id: "FY2027-Q1"), asOf: d("2026-11-16"),
                                         history: noHistory)
        XCTAssertTrue(w.complete)
        XCTAssertEqual(w.elapsedDays, 92)
        assertWindow(w.current, "FY2027-Q1", "2026-07-01", "2026-09-30")
        assertWindow(w.prior, "FY2026-Q4", "2026-04-01", "2026-06-30")
        assertWindow(w.yoy, "FY2026-Q1", "2025-07-01", "2025-09-30")
        XCTAssertNil(w.qtd)
        XCTAssertNil(w.qtdYoy)
        assertWindow(w.ytd, "FY2027", "2026-07-01", "2026-09-30")
        assertWindow(w.ytdYoy, "FY2026", "2025-07-01", "2025-09-30")
    }

    func testInProgressFiscalJulyQuarter() throws {
        // 2026-10-01 .. 2026-11-16 is 31 + 16 = 47 days.
        let w = fiscalJuly.reviewWindows(grain: .quarter, period: try fiscalJuly.period(id: "FY2027-Q2"), asOf: d("2026-11-16"),
                                         history: noHistory)
        XCTAssertFalse(w.complete)
        XCTAssertEqual(w.elapsedDays, 47)
        assertWindow(w.prior, "FY2027-Q1", "2026-07-01", "2026-08-16")
        assertWindow(w.yoy, "FY2026-Q2", "2025-10-01", "2025-11-16")
        XCTAssertNil(w.qtd)
        assertWindow(w.ytd, "FY2027", "2026-07-01", "2026-11-16")
        assertWindow(w.ytdYoy, "FY2026", "2025-07-01", "2025-11-16")
    }

    func testWeeklyHistoryIsSixWeeksThenTwelveCompleteMonths() throws {
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W46"), asOf: d("2026-11-16"), history: HistoryDepth())
        XCTAssertEqual(w.history.map(\.id), [
            "2026-W41", "2026-W42", "2026-W43", "2026-W44", "2026-W45", "2026-W46",
            "2025-11", "2025-12", "2026-01", "2026-02", "2026-03", "2026-04",
            "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10",
        ])
        XCTAssertEqual(w.history.map(\.grain), Array(repeating: .week, count: 6) + Array(repeating: .month, count: 12))
        XCTAssertTrue(w.history.allSatisfy { !$0.inProgress && $0.end == $0.periodEnd })
        XCTAssertEqual(w.history[0], HistoryWindow(
            grain: .week, id: "2026-W41", start: d("2026-10-05"), end: d("2026-10-11"), periodEnd: d("2026-10-11"),
            inProgress: false, yoy: DateWindow(id: "2025-W41", start: d("2025-10-06"), end: d("2025-10-12"))))
        XCTAssertEqual(w.history[6], HistoryWindow(
            grain: .month, id: "2025-11", start: d("2025-11-01"), end: d("2025-11-30"), periodEnd: d("2025-11-30"),
            inProgress: false, yoy: DateWindow(id: "2024-11", start: d("2024-11-01"), end: d("2024-11-30"))))
        XCTAssertEqual(w.history[17].yoy, DateWindow(id: "2025-10", start: d("2025-10-01"), end: d("2025-10-31")))
    }

    func testWeeklyHistoryOfAnInProgressWeek() throws {
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W47"), asOf: d("2026-11-18"),
                                  history: HistoryDepth(weeks: 2, months: 2, quarters: 8))
        XCTAssertEqual(w.history.map(\.id), ["2026-W46", "2026-W47", "2026-09", "2026-10"])
        XCTAssertEqual(w.history[1], HistoryWindow(
            grain: .week, id: "2026-W47", start: d("2026-11-16"), end: d("2026-11-18"), periodEnd: d("2026-11-22"),
            inProgress: true, yoy: DateWindow(id: "2025-W47", start: d("2025-11-17"), end: d("2025-11-19"))))
    }

    func testWeekEndingOnAMonthEndIncludesThatMonth() throws {
        // 2026-W22 is 05-25..05-31: May is complete by the week's end.
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W22"), asOf: d("2026-06-01"),
                                  history: HistoryDepth(weeks: 1, months: 2, quarters: 8))
        XCTAssertEqual(w.history.map(\.id), ["2026-W22", "2026-04", "2026-05"])
    }

    func testMonthlyHistoryOfAnInProgressMonth() throws {
        let w = iso.reviewWindows(grain: .month, period: try iso.period(id: "2026-11"), asOf: d("2026-11-12"), history: HistoryDepth())
        XCTAssertEqual(w.history.count, 13)
        XCTAssertEqual(w.history.first?.id, "2025-11")
        XCTAssertEqual(w.history.first, HistoryWindow(
            grain: .month, id: "2025-11", start: d("2025-11-01"), end: d("2025-11-30"), periodEnd: d("2025-11-30"),
            inProgress: false, yoy: DateWindow(id: "2024-11", start: d("2024-11-01"), end: d("2024-11-30"))))
        XCTAssertEqual(w.history.last, HistoryWindow(
            grain: .month, id: "2026-11", start: d("2026-11-01"), end: d("2026-11-12"), periodEnd: d("2026-11-30"),
            inProgress: true, yoy: DateWindow(id: "2025-11", start: d("2025-11-01"), end: d("2025-11-12"))))
        XCTAssertEqual(w.history.filter(\.inProgress).count, 1)
        XCTAssertTrue(zip(w.history, w.history.dropFirst()).allSatisfy { $0.periodEnd.adding(days: 1) == $1.start })
    }

    func testQuarterlyHistory() throws {
        let w = fiscalJuly.reviewWindows(grain: .quarter, period: try fiscalJuly.period(id: "FY2027-Q1"), asOf: d("2026-11-16"),
                                         history: HistoryDepth())
        XCTAssertEqual(w.history.map(\.id), ["FY2025-Q2", "FY2025-Q3", "FY2025-Q4", "FY2026-Q1",
                                             "FY2026-Q2", "FY2026-Q3", "FY2026-Q4", "FY2027-Q1"])
        XCTAssertEqual(w.history.first?.start, d("2024-10-01"))
        XCTAssertEqual(w.history.first?.yoy, DateWindow(id: "FY2024-Q2", start: d("2023-10-01"), end: d("2023-12-31")))
    }
}
