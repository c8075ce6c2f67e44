import Foundation
import XCTest
import KPITestSupport

/// SPEC 6.6 end to end through the built binary: a run compares the complete periods its reports
/// show with the reports OUT already published for them, and lists what changed.
final class RestatementTests: KPIReviewTestCase {
    let w45 = "out/weekly/2026-W45/"
    let w45JSON = "out/weekly/2026-W45/e2e-weekly-2026-W45.json"
    /// A late order for 2026-W45 (11-02..11-08), on its fourth day.
    let lateRow = "2026-11-05,cloud,9.5,ok\n"

    func restatements(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try XCTUnwrap(try json(path, file: file, line: line)["restatements"] as? [[String: Any]], file: file, line: line)
    }

    /// `kpi level key period published now change` of each entry, as one line.
    func summary(_ list: [[String: Any]]) -> [String] {
        list.map { r in
            ["kpi", "level", "key", "period", "published", "now", "change"].map { "\(r[$0] ?? "?")" }.joined(separator: " ")
        }
    }

    func testLateRowsRestateThePublishedWeekUntilItIsRepublished() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
        assertExit(try runReview("--period", "2026-W45"), 0)
        assertExit(try runReview(), 0)
        XCTAssertEqual(try restatements(w46JSON).count, 0, "W45 as published: nothing restated")
        assertExit(try runReview(), 0)
        XCTAssertEqual(try restatements(w46JSON).count, 0, "an identical rerun restates nothing")
        XCTAssertEqual(files(under: "out/.history"), [], "and archives nothing")

        // A late row for W45: W46's report shows W45 (its prior window, a history point) differently.
        try write("orders.csv", goodOrders + lateRow)
        let restating = try runReview("--verbose")
        assertExit(restating, 0)
        XCTAssertTrue(restating.stderrLines.contains("kpireview: out/weekly/2026-W46/: 4 published values restated (see its \"Restated since published\")"), restating.stderr)
        let list = try restatements(w46JSON)
        XCTAssertEqual(summary(list), [
            "bookings total ALL 2026-W45 300.5 310 9.5",
            "bookings line cloud 2026-W45 100.5 110 9.5",
            "orders total ALL 2026-W45 2 3 1",
            "orders line cloud 2026-W45 1 2 1",
        ])
        XCTAssertEqual(list[0]["change_pct"] as? Double ?? 0, 9.5 / 300.5, accuracy: 1e-15)
        XCTAssertEqual(list[1]["change_pct"] as? Double ?? 0, 9.5 / 100.5, accuracy: 1e-15)
        XCTAssertEqual(list[2]["change_pct"] as? Double, 0.5)
        XCTAssertEqual(list[0]["published_in"] as? String, "weekly/2026-W45/e2e-weekly-2026-W45.json")
        // Exact decimals in their one textual form.
        let text = try readText(w46JSON)
        XCTAssertTrue(text.contains("\"published\": 300.5,\n      \"now\": 310,\n      \"change\": 9.5,"), text)
        let md = try readText(w46 + "e2e-weekly-2026-W46.md")
        XCTAssertTrue(md.contains("""
            ## Restated since published

            4 values that earlier reports in this folder published are now different (rows arrived or changed after they were written):

            | KPI | Level | Period | Published | Now | Change | Δ% |
            | :--- | :--- | :--- | ---: | ---: | ---: | ---: |
            | Orders | ALL | 2026-W45 | 2 | 3 | +1 | +50.0% |
            | Bookings | ALL | 2026-W45 | $300.50 | $310.00 | +$9.50 | +3.2% |
            | Orders | cloud | 2026-W45 | 1 | 2 | +1 | +100.0% |
            | Bookings | cloud | 2026-W45 | $100.50 | $110.00 | +$9.50 | +9.5% |
            """), md)

        // Rerunning W45 replaces a complete folder: the report restates itself (period = its own id).
        assertExit(try runReview("--period", "2026-W45"), 0)
        XCTAssertEqual(summary(try restatements(w45JSON)), [
            "bookings total ALL 2026-W45 300.5 310 9.5",
            "bookings line cloud 2026-W45 100.5 110 9.5",
            "orders total ALL 2026-W45 2 3 1",
            "orders line cloud 2026-W45 1 2 1",
        ])
        XCTAssertTrue(exists("out/.history/weekly/2026-W45/1/e2e-weekly-2026-W45.json"), "the replaced folder is kept")
        // Identical reruns now restate nothing: OUT holds the new values.
        assertExit(try runReview("--period", "2026-W45"), 0)
        XCTAssertEqual(try restatements(w45JSON).count, 0)
        assertExit(try runReview(), 0)
        XCTAssertEqual(try restatements(w46JSON).count, 0)
    }

    /// In progress, the prior window covers the elapsed days only; the restatement compares W45's
    /// whole period all the same. A folder published in progress held values to date: not compared.
    func testInProgressReportComparesThePriorWholePeriod() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
        assertExit(try runReview("--period", "2026-W45"), 0)
        // Day 6 of W45: outside the in-progress W46's prior window (11-02..11-05, four days).
        try write("orders.csv", goodOrders + "2026-11-07,data,20,ok\n")
        let r = try kpireview("run", "--as-of", "2026-11-12", "--period", "current", "--out", "out", "--format", "md,json")
        assertExit(r, 0)
        let doc = try json(w46JSON)
        XCTAssertEqual((doc["period"] as? [String: Any])?["complete"] as? Bool, false)
        let prior = (doc["results"] as? [[String: Any]])?.first { $0["kpi"] as? String == "bookings" && $0["key"] as? String == "ALL" }?["prior"]
        XCTAssertEqual(prior as? Double, 300.5, "the prior window leaves 11-07 out")
        XCTAssertEqual(summary(try restatements(w46JSON)), [
            "bookings total ALL 2026-W45 300.5 320.5 20",
            "bookings line data 2026-W45 200 220 20",
            "orders total ALL 2026-W45 2 3 1",
            "orders line data 2026-W45 1 2 1",
        ])

        // W46 was published in progress; the complete W46 replaces it and restates nothing of it.
        try write("orders.csv", goodOrders + "2026-11-07,data,20,ok\n2026-11-10,cloud,1,ok\n")
        assertExit(try runReview("--period", "2026-W46"), 0)
        XCTAssertFalse(try restatements(w46JSON).contains { $0["period"] as? String == "2026-W46" })
    }

    /// A backfill compares with OUT as it was when it started: W46 restates the W45 that was
    /// published before, not the W45 the same run writes (reports are not published to one another).
    func testABackfillComparesWithOUTAsItWasWhenTheRunStarted() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
        assertExit(try runReview("--period", "2026-W45"), 0)
        try write("orders.csv", goodOrders + lateRow)
        assertExit(try kpireview("run", "--as-of", "2026-11-15", "--from", "2026-11-02", "--to", "2026-11-15", "--out", "out",
                                 "--format", "md,json"), 0)
        XCTAssertEqual(summary(try restatements(w45JSON)).first, "bookings total ALL 2026-W45 300.5 310 9.5", "W45 restates itself")
        XCTAssertEqual(summary(try restatements(w46JSON)).first, "bookings total ALL 2026-W45 300.5 310 9.5",
                       "W46 compares with the W45 OUT held at the start, though this run replaced it first")
        XCTAssertEqual(try restatements(w46JSON).count, 4)
    }

    /// 2026-W23 and 2026-06 both start on Monday 2026-06-01: per result, the week comes before the month.
    func testAWeekComesBeforeAMonthThatStartsTheSameDay() throws {
        try write("kpireview.yml", baseConfig)
        let june = "order_date,product_line,amount,status\n2026-05-25,cloud,1,ok\n2026-06-03,cloud,100,ok\n2026-06-20,cloud,50,ok\n2026-07-04,cloud,10,ok\n"
        try write("orders.csv", june)
        assertExit(try kpireview("run", "--as-of", "2026-07-05", "--period", "2026-W23", "--out", "out", "--format", "json"), 0)
        assertExit(try kpireview("run", "--as-of", "2026-07-05", "--cadence", "monthly", "--period", "2026-06", "--out", "out", "--format", "json"), 0)
        try write("orders.csv", june + "2026-06-02,cloud,7,ok\n")
        assertExit(try kpireview("run", "--as-of", "2026-07-05", "--period", "2026-W27", "--out", "out", "--format", "json"), 0)
        let list = try restatements("out/weekly/2026-W27/e2e-weekly-2026-W27.json")
        XCTAssertEqual(summary(list).prefix(2), ["bookings total ALL 2026-W23 100 107 7", "bookings total ALL 2026-06 150 157 7"])
        XCTAssertEqual(list.count, 8, "bookings and orders, ALL and cloud, the week and the month")
    }

    /// A published report that cannot be read is a warning naming it, never a crash.
    func testUnreadablePublishedReportIsAWarning() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
        assertExit(try runReview("--period", "2026-W45"), 0)
        try write(w45JSON, "{\"schema_version\": 1, \"period\": {\"complete\": tru")
        let r = try runReview()
        assertExit(r, 0)
        XCTAssertEqual(try restatements(w46JSON).count, 0)
        let warnings = try XCTUnwrap((try json(w46JSON)["data_quality"] as? [String: Any])?["warnings"] as? [String])
        XCTAssertEqual(warnings, ["restatements: cannot read the published report weekly/2026-W45/e2e-weekly-2026-W45.json (expected true or false at byte 45); its values are not compared"])
        XCTAssertTrue(try readText(w46 + "e2e-weekly-2026-W46.md").contains("weekly/2026-W45/e2e-weekly-2026-W45.json"))
    }
}
