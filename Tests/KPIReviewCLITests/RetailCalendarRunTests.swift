import Foundation
import XCTest

/// A run on NRF's retail calendar (SPEC 13) through the built binary. NRF fiscal 2026 starts Sun 2026-02-01,
/// so FY2026-W40 is 11-01 … 11-07, W41 11-08 … 11-14 (day 280 of the year, 11-08, starts week 41),
/// FY2026-M10 is 11-01 … 11-28 (28 days) and FY2026-Q4 starts 11-01.
final class RetailCalendarRunTests: KPIReviewTestCase {
    let retailCalendar = "calendar: { type: retail, pattern: 4-5-4, year_end_rule: nearest, fiscal_year_named_by: start }\n"

    override func setUpWithError() throws {
        try super.setUpWithError()
        // The shared orders, and one on 2026-10-30 so that windows from 11-01 start inside the data (not "no data yet").
        try write("orders.csv", goodOrders.replacingOccurrences(of: "status\n", with: "status\n2026-10-30,cloud,10,ok\n"))
    }

    func useRetail(targets: String) throws {
        try write("kpireview.yml", baseConfig + retailCalendar + "targets: targets.csv\n")
        try write("targets.csv", "kpi,product_line,period,target\n" + targets)
    }

    func testWeeklyAndMonthlyReportsOnFiscalIds() throws {
        try useRetail(targets: "bookings,ALL,FY2026-M10,2800\n")
        let r = try runReview("--cadence", "weekly")
        assertExit(r, 0)
        // As of Sun 11-15 the latest complete week is FY2026-W41 (Sun 11-08 … Sat 11-14).
        let week = "out/weekly/FY2026-W41/e2e-weekly-FY2026-W41.json"
        let doc = try json(week)
        let period = doc["period"] as? [String: Any]
        XCTAssertEqual(period?["id"] as? String, "FY2026-W41")
        XCTAssertEqual(period?["start"] as? String, "2026-11-08")
        XCTAssertEqual(period?["end"] as? String, "2026-11-14")
        let windows = doc["windows"] as? [String: [String: Any]]
        XCTAssertEqual(windows?["prior"]?["id"] as? String, "FY2026-W40")
        // 364 days before 11-08 is 2025-11-09: day 280 of fiscal 2025 (from 2025-02-02), its week 41.
        XCTAssertEqual(windows?["yoy"]?["id"] as? String, "FY2025-W41")
        XCTAssertEqual(windows?["yoy"]?["start"] as? String, "2025-11-09")
        XCTAssertEqual(windows?["qtd"]?["id"] as? String, "FY2026-Q4")
        XCTAssertEqual(windows?["qtd"]?["start"] as? String, "2026-11-01")
        // QTD yoy starts on fiscal 2025's Q4 first day and ends at the same offset (13) in its M10: 2025-11-02 + 13.
        XCTAssertEqual(windows?["qtd_yoy"]?["start"] as? String, "2025-11-02")
        XCTAssertEqual(windows?["qtd_yoy"]?["end"] as? String, "2025-11-15")
        XCTAssertEqual(windows?["ytd"]?["start"] as? String, "2026-02-01")

        // W41: 11-09 cloud 1000.10, 11-10 data 250.25, 11-14 data 49.65 → 1300; W40: 100.50 + 200 = 300.50.
        let all = try result(week, kpi: "bookings", key: "ALL")
        XCTAssertEqual(all["actual"] as? Double, 1300)
        XCTAssertEqual(all["prior"] as? Double, 300.5)
        // The month target phased by days: 2800 × 7 / 28 = 700 for the week; QTD 11-01 … 11-14: 2800 × 14 / 28 = 1400.
        XCTAssertEqual(all["target"] as? Double, 700)
        XCTAssertEqual(all["qtd"] as? Double, 1600.5)
        XCTAssertEqual(all["qtd_target"] as? Double, 1400)

        // The monthly review of FY2026-M10, in progress on day 15 of 28: target to date 2800 × 15 / 28 = 1500.
        let m = try runReview("--cadence", "monthly", "--period", "current")
        assertExit(m, 0)
        let month = "out/monthly/FY2026-M10/e2e-monthly-FY2026-M10.json"
        let monthPeriod = try json(month)["period"] as? [String: Any]
        XCTAssertEqual(monthPeriod?["end"] as? String, "2026-11-28")
        XCTAssertEqual(monthPeriod?["elapsed_days"] as? Int, 15)
        let mAll = try result(month, kpi: "bookings", key: "ALL")
        XCTAssertEqual(mAll["actual"] as? Double, 1600.5)
        XCTAssertEqual(mAll["target"] as? Double, 2800)
        XCTAssertEqual(mAll["target_to_date"] as? Double, 1500)
        XCTAssertTrue(try readText("out/monthly/FY2026-M10/e2e-monthly-FY2026-M10.md").contains("FY2026-M10"))
    }

    func testAGregorianPeriodIdIsAUsageErrorWithTheFiscalId() throws {
        try useRetail(targets: "")
        let r = try runReview("--cadence", "monthly", "--period", "2026-11")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: --period 2026-11: 2026-11 does not fit the calendar: on this retail calendar months are named FYyyyy-Mmm",
            "hint: 2026-11-01..2026-11-30 falls mostly in FY2026-M10 (2026-11-01..2026-11-28): did you mean FY2026-M10?",
        ])
        assertNothingWritten()
    }

    func testATargetInA52WeekYearsWeek53() throws {
        try useRetail(targets: "bookings,ALL,FY2025-W53,1\n")
        let r = try runReview("--format", "json")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: targets.csv:2:3: week 53 does not exist in FY2025, which has 52 weeks (FY2025-W53)",
            "hint: the last week of FY2025 is FY2025-W52 (2026-01-25..2026-01-31)",
        ])
        assertNothingWritten()
    }

    func testWeekStartBesideARetailCalendarFailsValidation() throws {
        try write("kpireview.yml", baseConfig + "calendar: { type: retail, week_start: monday }\n")
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:11:27: 'week_start' cannot be set on a retail calendar: weeks start the day after year_end_weekday")
    }
}
