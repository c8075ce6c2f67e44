import XCTest
@testable import KPICalendar

/// Review windows on NRF's calendar (SPEC 6.2 and 13), worked out by hand from its months:
/// fiscal 2022: M01 2022-01-30 … 02-26, M10 2022-10-30 … 11-26, M12 2023-01-01 … 01-28 (4 weeks), Q4 2022-10-30 … 2023-01-28;
/// fiscal 2023 (53 weeks): 2023-01-29 … 2024-02-03, M01 01-29 … 02-25, M02 02-26 … 04-01, M03 04-02 … 04-29,
///   M12 2023-12-31 … 2024-02-03 (5 weeks), Q4 2023-10-29 … 2024-02-03 (14 weeks);
/// fiscal 2024: 2024-02-04 … 2025-02-01, M01 02-04 … 03-02, M02 03-03 … 04-06, M03 04-07 … 05-04,
///   M11 2024-12-01 … 2025-01-04, M12 2025-01-05 … 02-01, Q4 2024-11-03 … 2025-02-01.
final class RetailWindowTests: XCTestCase {
    let cal = CalendarRules.retail(nrf)
    let noHistory = HistoryDepth(weeks: 0, months: 0, quarters: 0)

    func testAWeekAfterA53WeekYearComparesWith364DaysEarlier() throws {
        // FY2024-W10 starts 2024-02-04 + 9 × 7 = 04-07. 364 days before 04-07 is 2023-04-09, which is 70 days
        // after 2023-01-29: FY2023-W11, not W10, because fiscal 2023 had 53 weeks.
        let week = try cal.period(id: "FY2024-W10")
        let w = cal.reviewWindows(grain: .week, period: week, asOf: d("2024-04-14"), history: noHistory)
        XCTAssertTrue(w.complete)
        assertWindow(w.current, "FY2024-W10", "2024-04-07", "2024-04-13")
        assertWindow(w.prior, "FY2024-W09", "2024-03-31", "2024-04-06")
        assertWindow(w.yoy, "FY2023-W11", "2023-04-09", "2023-04-15")
        // MTD: the fiscal month holding 04-13 is FY2024-M03 (from 04-07), offsets 0…6; the same offsets from
        // FY2023-M03's start 2023-04-02 give 04-02 … 04-08.
        assertWindow(w.mtd, "FY2024-M03", "2024-04-07", "2024-04-13")
        assertWindow(w.mtdYoy, "FY2023-M03", "2023-04-02", "2023-04-08")
        // QTD/YTD start on a fiscal month's first day, which maps to the first day of fiscal 2023's M01.
        assertWindow(w.qtd, "FY2024-Q1", "2024-02-04", "2024-04-13")
        assertWindow(w.qtdYoy, "FY2023-Q1", "2023-01-29", "2023-04-08")
        assertWindow(w.ytd, "FY2024", "2024-02-04", "2024-04-13")
        assertWindow(w.ytdYoy, "FY2023", "2023-01-29", "2023-04-08")
    }

    func testThe53rdWeekAndItsSixWeekLikeMonthEnd() throws {
        // FY2023-W53 is 2024-01-28 … 02-03; 364 days back is 2023-01-29, week 1 of the same fiscal year.
        let week = try cal.period(id: "FY2023-W53")
        let w = cal.reviewWindows(grain: .week, period: week, asOf: d("2024-02-04"), history: noHistory)
        assertWindow(w.prior, "FY2023-W52", "2024-01-21", "2024-01-27")
        assertWindow(w.yoy, "FY2023-W01", "2023-01-29", "2023-02-04")
        // MTD is all 35 days of FY2023-M12. Its last day maps to the last day of FY2022-M12 (28 days): 2023-01-28.
        assertWindow(w.mtd, "FY2023-M12", "2023-12-31", "2024-02-03")
        assertWindow(w.mtdYoy, "FY2022-M12", "2023-01-01", "2023-01-28")
        assertWindow(w.qtd, "FY2023-Q4", "2023-10-29", "2024-02-03")
        assertWindow(w.qtdYoy, "FY2022-Q4", "2022-10-30", "2023-01-28")
        assertWindow(w.ytd, "FY2023", "2023-01-29", "2024-02-03")
        assertWindow(w.ytdYoy, "FY2022", "2022-01-30", "2023-01-28")
    }

    func testInProgressWeekClampsItsToDateYoyToTheShorterMonth() throws {
        // As of Thu 2024-02-01: 5 elapsed days of FY2023-W53 (01-28 … 02-01).
        let week = try cal.period(id: "FY2023-W53")
        let w = cal.reviewWindows(grain: .week, period: week, asOf: d("2024-02-01"), history: noHistory)
        XCTAssertFalse(w.complete)
        XCTAssertEqual(w.elapsedDays, 5)
        assertWindow(w.current, "FY2023-W53", "2024-01-28", "2024-02-01")
        assertWindow(w.prior, "FY2023-W52", "2024-01-21", "2024-01-25")
        assertWindow(w.yoy, "FY2023-W01", "2023-01-29", "2023-02-02")
        // 02-01 is offset 32 from M12's 2023-12-31 (31 days to 01-31, one more). FY2022-M12 has offsets 0…27:
        // clamped to 27, its last day 2023-01-28 (not mapped as a last day: 02-01 is not M12's last day).
        assertWindow(w.mtd, "FY2023-M12", "2023-12-31", "2024-02-01")
        assertWindow(w.mtdYoy, "FY2022-M12", "2023-01-01", "2023-01-28")
        assertWindow(w.ytdYoy, "FY2022", "2022-01-30", "2023-01-28")
        // Offset 20 (2024-01-20) is inside FY2022-M12: 2023-01-01 + 20 = 01-21.
        XCTAssertEqual(cal.dayYearEarlier(d("2024-01-20")), d("2023-01-21"))
    }

    func testMonthsOfUnequalLengthAreComparedAsTheyAre() throws {
        // FY2024-M01 (28 days) after FY2023-M12 (35 days); yoy FY2023-M01 (28 days).
        let m01 = try cal.period(id: "FY2024-M01")
        let w = cal.reviewWindows(grain: .month, period: m01, asOf: d("2024-03-03"), history: noHistory)
        assertWindow(w.prior, "FY2023-M12", "2023-12-31", "2024-02-03")
        assertWindow(w.yoy, "FY2023-M01", "2023-01-29", "2023-02-25")
        XCTAssertNil(w.mtd)
        XCTAssertNil(w.mtdYoy)
        // 03-02 is M01's last day → FY2023-M01's last day 02-25.
        assertWindow(w.qtd, "FY2024-Q1", "2024-02-04", "2024-03-02")
        assertWindow(w.qtdYoy, "FY2023-Q1", "2023-01-29", "2023-02-25")
        // FY2024-M12 (28 days) compares with the 35-day FY2023-M12.
        let m12 = try cal.period(id: "FY2024-M12")
        let last = cal.reviewWindows(grain: .month, period: m12, asOf: d("2025-02-02"), history: noHistory)
        assertWindow(last.yoy, "FY2023-M12", "2023-12-31", "2024-02-03")
        assertWindow(last.ytdYoy, "FY2023", "2023-01-29", "2024-02-03")
    }

    func testInProgressMonth() throws {
        // As of 2025-01-20: 16 elapsed days of FY2024-M12 (01-05 … 01-20).
        let m12 = try cal.period(id: "FY2024-M12")
        let w = cal.reviewWindows(grain: .month, period: m12, asOf: d("2025-01-20"), history: noHistory)
        XCTAssertEqual(w.elapsedDays, 16)
        // Prior and yoy: their own first 16 days. FY2024-M11 from 2024-12-01; FY2023-M12 from 2023-12-31.
        assertWindow(w.prior, "FY2024-M11", "2024-12-01", "2024-12-16")
        assertWindow(w.yoy, "FY2023-M12", "2023-12-31", "2024-01-15")
        // QTD from FY2024-Q4's 2024-11-03; its yoy from FY2023-Q4's 2023-10-29 to offset 15 of FY2023-M12: 2024-01-15.
        assertWindow(w.qtd, "FY2024-Q4", "2024-11-03", "2025-01-20")
        assertWindow(w.qtdYoy, "FY2023-Q4", "2023-10-29", "2024-01-15")
    }

    func testQuarterWith14WeeksAgainstOneWith13() throws {
        let q4 = try cal.period(id: "FY2023-Q4")
        let w = cal.reviewWindows(grain: .quarter, period: q4, asOf: d("2024-02-10"), history: noHistory)
        XCTAssertEqual(w.elapsedDays, 98)
        assertWindow(w.prior, "FY2023-Q3", "2023-07-30", "2023-10-28")
        assertWindow(w.yoy, "FY2022-Q4", "2022-10-30", "2023-01-28")
        XCTAssertNil(w.qtd)
        XCTAssertNil(w.mtd)
        assertWindow(w.ytd, "FY2023", "2023-01-29", "2024-02-03")
        assertWindow(w.ytdYoy, "FY2022", "2022-01-30", "2023-01-28")
    }

    func testHistoryPointsUseFiscalMonthsAndTheirYearAgo() throws {
        let depth = HistoryDepth(weeks: 2, months: 2, quarters: 2)
        // Weekly FY2024-W10 (to 04-13): weeks W09, W10; then the complete months ending by 04-13: M03 ends 05-04,
        // so M01 and M02. Week yoy is 364 days back; month yoy the same-numbered month of fiscal 2023.
        let w = cal.reviewWindows(grain: .week, period: try cal.period(id: "FY2024-W10"), asOf: d("2024-04-14"), history: depth)
        XCTAssertEqual(w.history.map(\.id), ["FY2024-W09", "FY2024-W10", "FY2024-M01", "FY2024-M02"])
        XCTAssertEqual(w.history.map(\.yoy), [
            DateWindow(id: "FY2023-W10", start: d("2023-04-02"), end: d("2023-04-08")),
            DateWindow(id: "FY2023-W11", start: d("2023-04-09"), end: d("2023-04-15")),
            DateWindow(id: "FY2023-M01", start: d("2023-01-29"), end: d("2023-02-25")),
            DateWindow(id: "FY2023-M02", start: d("2023-02-26"), end: d("2023-04-01")),
        ])
        // Monthly FY2024-M03 in progress on 04-20 (day 14): months M01 … M03, the last clamped to 14 days on both sides.
        let m = cal.reviewWindows(grain: .month, period: try cal.period(id: "FY2024-M03"), asOf: d("2024-04-20"), history: depth)
        XCTAssertEqual(m.history.map(\.id), ["FY2024-M01", "FY2024-M02", "FY2024-M03"])
        let point = try XCTUnwrap(m.history.last)
        XCTAssertTrue(point.inProgress)
        XCTAssertEqual(point.end, d("2024-04-20"))
        XCTAssertEqual(point.periodEnd, d("2024-05-04"))
        XCTAssertEqual(point.yoy, DateWindow(id: "FY2023-M03", start: d("2023-04-02"), end: d("2023-04-15")))
        // Quarterly: Q3 and Q4 of fiscal 2023, each against fiscal 2022's.
        let q = cal.reviewWindows(grain: .quarter, period: try cal.period(id: "FY2023-Q4"), asOf: d("2024-02-10"), history: depth)
        XCTAssertEqual(q.history.map(\.id), ["FY2023-Q3", "FY2023-Q4"])
        XCTAssertEqual(q.history.map(\.yoy.id), ["FY2022-Q3", "FY2022-Q4"])
    }

    func testTheCalendarValueAnswersLikeTheRetailCalendarItHolds() throws {
        let week = try nrf.period(id: "FY2024-W10")
        XCTAssertEqual(cal.reviewWindows(grain: .week, period: week, asOf: d("2024-04-14"), history: HistoryDepth()),
                       nrf.reviewWindows(grain: .week, period: week, asOf: d("2024-04-14"), history: HistoryDepth()))
        XCTAssertEqual(cal.weekStart, .sunday)
        XCTAssertEqual(cal.fiscalYearStartMonth, 2)
    }

    func testGregorianWeeklyMTDIsTheCalendarMonth() throws {
        let w = iso.reviewWindows(grain: .week, period: try iso.period(id: "2026-W46"), asOf: d("2026-11-16"), history: noHistory)
        assertWindow(w.mtd, "2026-11", "2026-11-01", "2026-11-15")
        assertWindow(w.mtdYoy, "2025-11", "2025-11-01", "2025-11-15")
        // 2021-W08 (02-22 … Sun 02-28) ends on February's last day, which maps to the leap February's last: 2020-02-29.
        let feb = iso.reviewWindows(grain: .week, period: try iso.period(id: "2021-W08"), asOf: d("2021-03-01"), history: noHistory)
        assertWindow(feb.mtd, "2021-02", "2021-02-01", "2021-02-28")
        assertWindow(feb.mtdYoy, "2020-02", "2020-02-01", "2020-02-29")
        let monthly = iso.reviewWindows(grain: .month, period: try iso.period(id: "2026-11"), asOf: d("2026-11-30"), history: noHistory)
        XCTAssertNil(monthly.mtd)
    }
}
