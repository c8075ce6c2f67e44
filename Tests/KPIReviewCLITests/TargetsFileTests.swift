import Foundation
import XCTest

/// targets.csv errors (SPEC 4.5): exit 2 naming file:line:column, nothing written.
final class TargetsFileTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("orders.csv", goodOrders)
    }

    /// The base config with targets, in a fiscal year starting in `fiscalStart`.
    func useTargets(_ rows: String, fiscalStart: Int = 1, weekStart: String = "monday") throws {
        try write("kpireview.yml", baseConfig + """
            calendar: { week_start: \(weekStart), fiscal_year_start_month: \(fiscalStart) }
            targets: targets.csv

            """)
        try write("targets.csv", "kpi,product_line,period,target\n" + rows)
    }

    func assertTargetsError(_ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try runReview("--format", "json")
        assertExit(r, 2, file: file, line: line)
        XCTAssertEqual(r.stderrLines, expected, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        assertNothingWritten(file: file, line: line)
    }

    func testUnknownKPI() throws {
        try useTargets("bookings,cloud,2026-11,100\nrevenue,cloud,2026-11,100\n")
        try assertTargetsError(["kpireview: error: targets.csv:3:1: unknown KPI (revenue)"])
    }

    func testAWeekThatDoesNotExist() throws {
        try useTargets("bookings,cloud,2025-W53,100\n")
        try assertTargetsError([
            "kpireview: error: targets.csv:2:3: week 53 does not exist in ISO year 2025, which has 52 weeks (2025-W53)",
            "hint: the last week of 2025 is 2025-W52",
        ])
    }

    func testACalendarQuarterInAJulyFiscalYearSuggestsTheFiscalId() throws {
        try useTargets("bookings,cloud,2026-Q4,100\n", fiscalStart: 7)
        let r = try runReview("--format", "json")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: targets.csv:2:3: 2026-Q4 does not fit the calendar: the fiscal year starts in July, so quarters are named FYyyyy-Qn (2026-Q4)")
        XCTAssertEqual(r.stderrLines.count, 2)
        XCTAssertTrue(r.stderrLines.last?.hasPrefix("hint: ") ?? false, r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean FY2027-Q2?"), r.stderr)
        assertNothingWritten()
    }

    func testAnISOWeekWhenWeeksStartOnSunday() throws {
        try useTargets("bookings,cloud,2026-W46,100\n", weekStart: "sunday")
        let r = try runReview("--format", "json")
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.hasPrefix("kpireview: error: targets.csv:2:3: ISO week ids are used only when weeks start on Monday"), r.stderr)
        XCTAssertEqual(r.stderr.components(separatedBy: "(2026-W46)").count, 2, "the value is said once: \(r.stderr)")
        assertNothingWritten()
    }

    func testADuplicateNamesBothLines() throws {
        try useTargets("bookings,cloud,2026-11,100\nbookings,data,2026-11,100\nbookings,cloud,2026-11,200\n")
        try assertTargetsError(["kpireview: error: targets.csv:4:3: duplicate target for bookings, cloud, 2026-11 (first on line 2) (2026-11)"])
    }

    func testAnUnparsableTarget() throws {
        try useTargets("bookings,cloud,2026-11,12O\n")
        try assertTargetsError(["kpireview: error: targets.csv:2:4: target is not a number (12O)"])
    }

    func testEveryErrorIsReportedAtOnce() throws {
        try useTargets("revenue,cloud,2026-11,1\nbookings,cloud,2026-11,x\n")
        try assertTargetsError([
            "kpireview: error: targets.csv:2:1: unknown KPI (revenue)",
            "kpireview: error: targets.csv:3:4: target is not a number (x)",
        ])
    }

    func testGoodTargetsGiveAttainment() throws {
        // W46 bookings target 1600 = 7 days of a 7-day week; actual 1300 → 0.8125.
        try useTargets("bookings,ALL,2026-W46,1600\nbookings,cloud,2026-11,30000\nbookings,ghost,2026-11,5\n")
        let r = try runReview("--format", "json")
        assertExit(r, 0)
        let all = try result(w46JSON, kpi: "bookings", key: "ALL")
        XCTAssertEqual(all["target"] as? Double, 1600)
        XCTAssertEqual(all["target_source"] as? String, "explicit")
        XCTAssertEqual(all["attainment"] as? Double, 0.8125)
        XCTAssertEqual(all["status"] as? String, "red")
        // 30000 over November's 30 days: 7 days are 7000.
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "cloud")["target"] as? Double, 7000)
        let warnings = (try json(w46JSON)["data_quality"] as? [String: Any])?["warnings"] as? [String] ?? []
        XCTAssertTrue(warnings.contains("targets name product line 'ghost', which is neither configured nor found in the data"), "\(warnings)")
    }

    func testTargetsFileMissingColumn() throws {
        try write("kpireview.yml", baseConfig + "targets: targets.csv\n")
        try write("targets.csv", "kpi,line,period,target\nbookings,cloud,2026-11,1\n")
        try assertTargetsError([
            "kpireview: error: targets.csv:1:1: targets file lacks column(s) product_line (columns found: kpi, line, period, target)",
        ])
    }

    func testTargetsFileMissing() throws {
        try write("kpireview.yml", baseConfig + "targets: targets.csv\n")
        let r = try runReview("--format", "json")
        XCTAssertNotEqual(r.exitCode, 0)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: targets.csv: file not found"])
        assertNothingWritten()
    }
}
