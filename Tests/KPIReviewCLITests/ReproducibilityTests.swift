import Foundation
import XCTest

/// SPEC 7: byte-identical reruns, nothing archived for an identical rerun, replaced folders kept
/// under `.history`, rejects replaced with their history; the output lock.
final class ReproducibilityTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders)
    }

    func contents(_ folder: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for f in files(under: folder) where f != ".lock" { out[f] = try read(folder + "/" + f) }
        return out
    }

    func testTwoRunsIntoTwoFoldersAreByteIdentical() throws {
        assertExit(try kpireview("run", "--as-of", "2026-11-15", "--out", "a", "--format", "md,json", "--cadence", "weekly,monthly"), 0)
        assertExit(try kpireview("run", "--as-of", "2026-11-15", "--out", "b", "--format", "md,json", "--cadence", "weekly,monthly"), 0)
        let a = try contents("a"), b = try contents("b")
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted())
        XCTAssertEqual(a.count, 7, "md, json and manifest per report, and index.html")
        for (name, data) in a { XCTAssertEqual(data, b[name], name) }
    }

    func testAppendedRowsAfterAsOfChangeNothing() throws {
        assertExit(try runReview(), 0)
        try write("orders.csv", goodOrders + "2026-11-17,cloud,5000,ok\n")
        assertExit(try runReview(), 0)
        // The files change (the input's bytes and row counts are recorded); the numbers do not.
        XCTAssertEqual(try result("out/.history/weekly/2026-W46/1/e2e-weekly-2026-W46.json", kpi: "bookings", key: "ALL")["actual"] as? Double, 1300)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "ALL")["actual"] as? Double, 1300)
        XCTAssertEqual(try sourceQuality(w46JSON)["rows_after_as_of"] as? Int, 2)
    }

    func testAnIdenticalRerunArchivesNothing() throws {
        assertExit(try runReview(), 0)
        let first = try contents("out")
        assertExit(try runReview(), 0)
        XCTAssertEqual(try contents("out"), first)
        XCTAssertFalse(exists("out/.history"))
    }

    func testAChangedInputKeepsTheOldFolderUnderHistory() throws {
        assertExit(try runReview(), 0)
        let old = try contents("out/weekly/2026-W46")
        try write("orders.csv", goodOrders.replacingOccurrences(of: "2026-11-14,data,49.65,ok", with: "2026-11-14,data,50.65,ok"))
        assertExit(try runReview(), 0)
        XCTAssertEqual(try contents("out/.history/weekly/2026-W46/1"), old)
        XCTAssertEqual(try result(w46JSON, kpi: "bookings", key: "ALL")["actual"] as? Double, 1301)

        try write("orders.csv", goodOrders)
        assertExit(try runReview(), 0)
        XCTAssertEqual(files(under: "out/.history/weekly/2026-W46").count, 2 * old.count, "a second change is kept as 2")
        // Back to the first inputs: the report says its own published value changed back (SPEC 6.6)…
        let restated = try XCTUnwrap(try json(w46JSON)["restatements"] as? [[String: Any]])
        XCTAssertEqual(restated.first?["period"] as? String, "2026-W46")
        XCTAssertEqual(restated.first?["published"] as? Double, 1301)
        XCTAssertEqual(restated.first?["now"] as? Double, 1300)
        // …and once OUT holds those values again, the same inputs give the first bytes.
        assertExit(try runReview(), 0)
        XCTAssertEqual(try contents("out/weekly/2026-W46"), old, "back to the first inputs, back to the first bytes")
    }

    func testRejectsAreReplacedWithTheirHistory() throws {
        let bad = goodOrders + "2026-11-13,cloud,x,ok\n"
        try write("orders.csv", bad)
        assertExit(try runReview(), 3)
        let first = try read("out/rejects/orders.csv")

        // The same rejects again: nothing archived.
        assertExit(try runReview(), 3)
        XCTAssertFalse(exists("out/rejects/.history"))

        // Different rejects: the previous file is kept under rejects/.history/1/.
        try write("orders.csv", goodOrders + "2026-11-13,cloud,y,ok\n")
        let r = try runReview()
        assertExit(r, 3)
        XCTAssertEqual(try read("out/rejects/.history/1/orders.csv"), first)
        XCTAssertTrue(try readText("out/rejects/orders.csv").contains("(y)"))
        XCTAssertEqual(files(under: "out").filter { $0.hasPrefix(".tmp") }, [])

        // A clean run: the stale rejects move to history too, so none look current.
        try write("orders.csv", goodOrders)
        assertExit(try runReview(), 0)
        XCTAssertEqual(files(under: "out/rejects"), [".history/1/orders.csv", ".history/2/orders.csv"])
        XCTAssertFalse(exists(w46 + "rejects"))
    }

    func testAFailedRunLeavesExistingReportsAsTheyWere() throws {
        assertExit(try runReview(), 0)
        let before = try contents("out")
        try write("orders.csv", goodOrders + "2026-11-13,cloud,x,ok\n")
        assertExit(try runReview("--strict"), 1)
        XCTAssertEqual(try contents("out"), before)
    }

    // MARK: lock

    func testTheLockFileExistsAfterARun() throws {
        assertExit(try runReview(), 0)
        XCTAssertTrue(exists("out/.lock"))
    }

    /// A held `OUT/.lock` makes a run wait; released after about a second, the run then succeeds.
    func testAHeldLockMakesASecondRunWait() throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("out"), withIntermediateDirectories: true)
        let fd = open(dir.appendingPathComponent("out/.lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        defer { close(fd) }
        XCTAssertEqual(flock(fd, LOCK_EX | LOCK_NB), 0)

        let (p, out, err) = try startKPIReview(["run", "--as-of", "2026-11-15", "--out", "out", "--format", "json"], cwd: dir)
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertTrue(p.isRunning, "the run waits for the lock")
        XCTAssertFalse(exists(w46JSON), "nothing written while the lock is held")

        let released = Date()
        XCTAssertEqual(flock(fd, LOCK_UN), 0)
        let r = finish(p, out, err)
        assertExit(r, 0)
        XCTAssertLessThan(Date().timeIntervalSince(released), 30, "it went on soon after the release")
        XCTAssertTrue(exists(w46JSON))
    }
}
