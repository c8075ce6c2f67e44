import Foundation
import XCTest

/// Backfill (`--from/--to`), `validate`, `demo` and `generate`.
final class CommandTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
    }

    func testBackfillWritesOneFolderPerCompleteWeekEndingInTheRange() throws {
        // Weeks ending 2026-10-25 (W43), 11-01 (W44), 11-08 (W45) lie in 10-20..11-12; W46 ends after it.
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "json", "--from", "2026-10-20", "--to", "2026-11-12")
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines.count, 3, r.stdout)
        XCTAssertEqual(files(under: "out/weekly"), [
            "2026-W43/e2e-weekly-2026-W43.json", "2026-W43/manifest.json",
            "2026-W44/e2e-weekly-2026-W44.json", "2026-W44/manifest.json",
            "2026-W45/e2e-weekly-2026-W45.json", "2026-W45/manifest.json",
        ])
        XCTAssertEqual(try result("out/weekly/2026-W45/e2e-weekly-2026-W45.json", kpi: "bookings", key: "ALL")["actual"] as? Double, 300.5)
    }

    func testBackfillStopsAtAsOf() throws {
        // --to after as-of: weeks ending after 2026-11-15 are not complete and are not written.
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "json", "--from", "2026-11-02", "--to", "2026-11-30",
                              "--cadence", "weekly,monthly")
        assertExit(r, 0)
        XCTAssertEqual(files(under: "out").filter { $0.hasSuffix("manifest.json") }, [
            "weekly/2026-W45/manifest.json", "weekly/2026-W46/manifest.json",
        ])
    }

    func testValidatePrintsPerSourceCountsAndWritesNothing() throws {
        try write("orders.csv", goodOrders + ",,,,\n2026-11-13,cloud,x,ok\n")
        let r = try kpireview("validate", "--as-of", "2026-11-15")
        assertExit(r, 3)
        XCTAssertEqual(r.stdoutLines, [
            "orders.csv: 9 rows read, 6 accepted, 1 rejected, 1 after as-of, 1 blank; dates 2026-11-02 … 2026-11-14",
            "  orders.csv:10:3: not a number (needed by KPI 'bookings') (x)",
            "product lines: cloud, data",
            "warning: source 'orders': 1 of 7 rows rejected, listed in rejects/orders.csv",
            "warning: orders.csv:10:3: not a number (needed by KPI 'bookings') (x)",
        ])
        XCTAssertEqual(files(under: "."), ["kpireview.yml", "orders.csv"], "validate writes nothing")
    }

    func testValidateOfCleanInputsExitsZero() throws {
        let r = try kpireview("validate", "--as-of", "2026-11-15")
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines.first, "orders.csv: 7 rows read, 6 accepted, 0 rejected, 1 after as-of, 0 blank; dates 2026-11-02 … 2026-11-14")
        XCTAssertEqual(r.stderr, "")
        XCTAssertFalse(exists("reports"))
    }

    func testValidateReportsConfigErrors() throws {
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "agg: count", with: "agg: counts"))
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.hasPrefix("kpireview: error: kpireview.yml:8:"), r.stderr)
    }

    func testDemoWritesEveryCadence() throws {
        let r = try kpireview("demo", "--out", "demo")
        if r.exitCode == 1 && r.stderr.contains("not built yet") {
            assertNothingWritten("demo")
            throw XCTSkip("demo needs the XLSX writer: \(r.stderr)")
        }
        XCTAssertTrue([0, 3].contains(r.exitCode), r.stderr)
        XCTAssertEqual(r.stdoutLines.count, 3, r.stdout)
        let folders = Set(files(under: "demo").filter { $0.hasSuffix("manifest.json") }.map { String($0.split(separator: "/")[0]) })
        XCTAssertEqual(folders, ["weekly", "monthly", "quarterly"])
        XCTAssertEqual(files(under: "demo").filter { $0.hasSuffix(".xlsx") }.count, 3)
    }

    func testGenerateIsDeterministic() throws {
        assertExit(try kpireview("generate", "--rows", "300", "--seed", "7", "--out", "g1"), 0)
        let r = try kpireview("generate", "--rows", "300", "--seed", "7", "--out", "g2")
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines, ["g2/ 300 order rows, seed 7"])
        let names = files(under: "g1")
        XCTAssertTrue(names.contains("kpireview.yml") && names.contains("orders.csv"), "\(names)")
        XCTAssertEqual(names, files(under: "g2"))
        for n in names { XCTAssertEqual(try read("g1/" + n), try read("g2/" + n), n) }
        // And the generated company reviews cleanly.
        let run = try runKPIReview(["run", "--config", "g1/kpireview.yml", "--as-of", "2026-11-15", "--out", "out", "--format", "json"], cwd: dir)
        XCTAssertTrue([0, 3].contains(run.exitCode), run.stderr)
    }

    func testVersion() throws {
        let r = try kpireview("--version")
        assertExit(r, 0)
        XCTAssertEqual(r.stdout, "0.1.0\n")
    }
}
