import Foundation
import XCTest
import KPICalendar
import KPIReport
@testable import KPIRun
import KPIDemo
import KPIModel

/// A backfill builds its periods on several threads: every file and every stdout line must be what
/// one thread writes, and what a run of each period alone writes.
final class BackfillTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "kpireview-backfill-test-\(getpid())-\(UUID().uuidString)"
        // A small company with the demo's config: every aggregation (count_distinct, last, avg), formulas and targets.
        try SyntheticCompany.generated(seed: 11, orderRows: 3_000).write(to: root + "/in")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: root) }

    func request(out: String, cadences: [Cadence] = [.weekly, .monthly, .quarterly]) -> RunRequest {
        var req = RunRequest()
        req.configPath = root + "/in/kpireview.yml"
        req.displayConfigPath = "kpireview.yml"
        req.cadences = cadences
        req.asOf = Day(year: 2026, month: 11, day: 15)
        req.from = Day(year: 2026, month: 9, day: 21)
        req.to = Day(year: 2026, month: 11, day: 15)
        req.out = root + "/" + out
        return req
    }

    /// Every regular file below `dir`, by relative path (the lock file aside).
    func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(atPath: dir)
        while let rel = e?.nextObject() as? String {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir + "/" + rel, isDirectory: &isDir), !isDir.boolValue, rel != ".lock" else { continue }
            out[rel] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + rel))
        }
        return out
    }

    func assertSameFiles(_ a: [String: Data], _ b: [String: Data], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.keys.sorted(), b.keys.sorted(), what, file: file, line: line)
        for (name, data) in a.sorted(by: { $0.key < $1.key }) where data != b[name] {
            XCTFail("\(name) differs: \(what)", file: file, line: line)
        }
    }

    func testParallelBackfillWritesWhatOneThreadWrites() throws {
        var one = request(out: "one")
        one.workers = 1
        var three = request(out: "three")
        three.workers = 3
        let a = ReviewRun.execute(one), b = ReviewRun.execute(three)
        XCTAssertEqual(a.exitCode, 0, a.stderr.joined(separator: "\n"))
        XCTAssertEqual(b.exitCode, a.exitCode)
        // W39 (ends 2026-09-27) … W46, then 2026-09 and 2026-10, then 2026-Q3: cadence by cadence, oldest first.
        let ids = a.stdout.map { $0.split(separator: " ")[2] }
        XCTAssertEqual(ids, (39...46).map { "2026-W\($0)" } + ["2026-09", "2026-10", "2026-Q3"])
        XCTAssertEqual(b.stdout, a.stdout.map { $0.replacingOccurrences(of: root + "/one/", with: root + "/three/") })
        XCTAssertEqual(b.stderr, a.stderr)
        let sequential = try files(root + "/one")
        XCTAssertEqual(sequential.count, 11 * 4, "xlsx, md, json and manifest per period")
        assertSameFiles(sequential, try files(root + "/three"), "3 workers against 1")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("kpireview-\(getpid())-") }
        XCTAssertEqual(leftovers, [], "every temporary workbook removed")
    }

    func testBackfillPeriodsEqualOnePeriodRuns() throws {
        let backfill = ReviewRun.execute(request(out: "backfill"))
        XCTAssertEqual(backfill.exitCode, 0, backfill.stderr.joined(separator: "\n"))
        let all = try files(root + "/backfill")
        // A cold run of single periods: no memo warmed by the periods before it.
        for (cadence, id) in [(Cadence.weekly, "2026-W39"), (.weekly, "2026-W42"), (.weekly, "2026-W46"), (.monthly, "2026-09"), (.quarterly, "2026-Q3")] {
            var req = request(out: "single", cadences: [cadence])
            req.from = nil; req.to = nil
            req.period = id
            let r = ReviewRun.execute(req)
            XCTAssertEqual(r.exitCode, 0, r.stderr.joined(separator: "\n"))
            let prefix = "\(cadence.rawValue)/\(id)/"
            let single = try files(root + "/single").filter { $0.key.hasPrefix(prefix) }
            XCTAssertEqual(single.count, 4)
            assertSameFiles(single, all.filter { $0.key.hasPrefix(prefix) }, "\(prefix) alone against the backfill")
            XCTAssertTrue(backfill.stdout.contains(r.stdout.first?.replacingOccurrences(of: "/single/", with: "/backfill/") ?? "?"))
        }
    }
}
