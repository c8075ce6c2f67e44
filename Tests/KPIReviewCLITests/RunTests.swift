import Foundation
import XCTest

/// `kpireview run` on good inputs: exit 0, the folder layout of SPEC 7, one summary line per report.
final class RunTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
    }

    func testWeeklyRunWritesTheFolderLayoutAndOneSummaryLine() throws {
        let r = try runReview()
        assertExit(r, 0)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(r.stdoutLines.count, 1)
        XCTAssertTrue(r.stdout.hasPrefix("out/weekly/2026-W46/"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2026-W46"), r.stdout)
        XCTAssertEqual(files(under: "out"), [
            ".lock",
            "index.html",
            "weekly/2026-W46/e2e-weekly-2026-W46.json",
            "weekly/2026-W46/e2e-weekly-2026-W46.md",
            "weekly/2026-W46/manifest.json",
        ])
    }

    func testTheJSONHoldsTheHandComputedWeek() throws {
        assertExit(try runReview("--format", "json"), 0)
        let doc = try json(w46JSON)
        XCTAssertEqual(doc["schema_version"] as? Int, 1)
        XCTAssertEqual(doc["cadence"] as? String, "weekly")
        XCTAssertEqual(doc["as_of"] as? String, "2026-11-15")
        let period = doc["period"] as? [String: Any] ?? [:]
        XCTAssertEqual(period["id"] as? String, "2026-W46")
        XCTAssertEqual(period["start"] as? String, "2026-11-09")
        XCTAssertEqual(period["end"] as? String, "2026-11-15")
        XCTAssertEqual(period["complete"] as? Bool, true)

        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "ALL")["actual"] as? Double, 1300)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "cloud")["actual"] as? Double, 1000.1)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "data")["actual"] as? Double, 299.9)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "ALL")["prior"] as? Double, 300.5)
        XCTAssertEqual(try result(w46JSON, kpi: "orders", key: "ALL")["actual"] as? Int, 3)
        XCTAssertEqual(try result(w46JSON, kpi: "orders", key: "data")["actual"] as? Int, 2)

        let q = try sourceQuality(w46JSON)
        XCTAssertEqual(q["rows_read"] as? Int, 7)
        XCTAssertEqual(q["rows_accepted"] as? Int, 6)
        XCTAssertEqual(q["rows_rejected"] as? Int, 0)
        XCTAssertEqual(q["rows_after_as_of"] as? Int, 1)
        XCTAssertEqual(q["rows_blank"] as? Int, 0)
        XCTAssertEqual(q["first_date"] as? String, "2026-11-02")
        XCTAssertEqual(q["last_date"] as? String, "2026-11-14")
        XCTAssertEqual(q["stale"] as? Bool, false)
    }

    func testTheManifestListsInputsAndOutputsWithoutTimestamps() throws {
        assertExit(try runReview(), 0)
        let m = try json(w46 + "manifest.json")
        XCTAssertEqual(m["as_of"] as? String, "2026-11-15")
        XCTAssertEqual(m["cadence"] as? String, "weekly")
        XCTAssertEqual((m["config"] as? [String: Any])?["path"] as? String, "kpireview.yml")
        let inputs = m["inputs"] as? [[String: Any]] ?? []
        XCTAssertEqual(inputs.count, 1)
        XCTAssertEqual(inputs.first?["path"] as? String, "orders.csv")
        XCTAssertEqual(inputs.first?["bytes"] as? Int, goodOrders.utf8.count)
        let outputs = (m["outputs"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        XCTAssertEqual(outputs, ["e2e-weekly-2026-W46.json", "e2e-weekly-2026-W46.md"])
        let md = (m["outputs"] as? [[String: Any]])?.first { $0["path"] as? String == "e2e-weekly-2026-W46.md" }
        XCTAssertEqual(md?["bytes"] as? Int, try read(w46 + "e2e-weekly-2026-W46.md").count)
    }

    func testSeveralCadencesWriteOneFolderAndOneLineEach() throws {
        let r = try runReview("--cadence", "weekly,monthly,quarterly", "--format", "json")
        assertExit(r, 0)
        XCTAssertEqual(r.stdoutLines.count, 3, r.stdout)
        XCTAssertEqual(files(under: "out").filter { $0.hasSuffix(".json") && !$0.hasSuffix("manifest.json") }, [
            "monthly/2026-10/e2e-monthly-2026-10.json",
            "quarterly/2026-Q3/e2e-quarterly-2026-Q3.json",
            "weekly/2026-W46/e2e-weekly-2026-W46.json",
        ])
    }

    func testQuietPrintsNothing() throws {
        let r = try runReview("--quiet")
        assertExit(r, 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(exists(w46JSON))
    }

    func testAnExplicitPeriodAndADateInsideIt() throws {
        assertExit(try runReview("--period", "2026-W45", "--format", "json"), 0)
        XCTAssertTrue(exists("out/weekly/2026-W45/e2e-weekly-2026-W45.json"))
        assertExit(try runReview("--period", "2026-11-04", "--format", "json"), 0)
        XCTAssertEqual(files(under: "out/weekly"), [
            "2026-W45/e2e-weekly-2026-W45.json", "2026-W45/manifest.json",
        ], "a date names the week containing it; the identical rerun changes nothing")
    }

    func testCurrentPeriodIsInProgress() throws {
        let r = try runKPIReview(["run", "--as-of", "2026-11-12", "--out", "out", "--format", "json", "--period", "current"], cwd: dir)
        assertExit(r, 0)
        let period = try json(w46JSON)["period"] as? [String: Any] ?? [:]
        XCTAssertEqual(period["complete"] as? Bool, false)
        XCTAssertEqual(period["elapsed_days"] as? Int, 4)
        // As of 2026-11-12, rows of 13th and later are after as-of.
        XCTAssertEqual(try sourceQuality(w46JSON)["rows_after_as_of"] as? Int, 2)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "ALL")["actual"] as? Double, 1250.35)
    }

    func testTheConfigIsFoundFromAnotherFolder() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("elsewhere"), withIntermediateDirectories: true)
        let r = try runKPIReview(["run", "--config", "../kpireview.yml", "--as-of", "2026-11-15", "--out", "out", "--format", "json"],
                                 cwd: dir.appendingPathComponent("elsewhere"))
        assertExit(r, 0)
        XCTAssertTrue(exists("elsewhere/" + w46JSON), "inputs are relative to the config file, --out to the working folder")
    }

    /// The workbook writer is another engineer's work: until it lands this documents the message.
    func testXLSXFormat() throws {
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "xlsx")
        if r.exitCode == 1 && r.stderr.contains("not built yet") {
            assertNothingWritten()
            throw XCTSkip("XLSX writer pending: \(r.stderr)")
        }
        assertExit(r, 0)
        let xlsx = try read(w46 + "e2e-weekly-2026-W46.xlsx")
        XCTAssertEqual(Array(xlsx.prefix(2)), [0x50, 0x4B], "an XLSX file is a zip archive")
    }
}
