import Foundation
import XCTest
@testable import KPIDemo
import KPIModel
import KPITestSupport

/// The committed `reports/` must be exactly what `kpireview demo` writes today, so every change
/// of output shows up in review as a diff.
final class DemoReportsTests: XCTestCase {
    static let root = TestPaths.packageRoot

    func files(under dir: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = e?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let rel = String(url.path.dropFirst(dir.path.count + 1))
            if rel == ".lock" || rel.hasPrefix(".history") { continue }
            out[rel] = try Data(contentsOf: url)
        }
        return out
    }

    func testDemoRegeneratesCommittedReportsByteForByte() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-demo-test-\(getpid())")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let outcome = DemoRun.execute(out: tmp.path)
        XCTAssertEqual(outcome.exitCode, 0, outcome.stderr.joined(separator: "\n"))
        XCTAssertEqual(outcome.stdout.count, 3, "one summary line per report")
        let fresh = try files(under: tmp)
        let committed = try files(under: Self.root.appendingPathComponent("reports"))
        XCTAssertEqual(Set(fresh.keys), Set(committed.keys))
        XCTAssertTrue(fresh.keys.contains("weekly/2026-W46/kpi-review-weekly-2026-W46.xlsx"))
        XCTAssertTrue(fresh.keys.contains("monthly/2026-10/kpi-review-monthly-2026-10.md"))
        XCTAssertTrue(fresh.keys.contains("quarterly/2026-Q3/manifest.json"))
        // Each file is a golden (a line diff, or a part-by-part diff for a workbook); `make demo`
        // rewrites them all, as KPIREVIEW_UPDATE_GOLDEN=1 does (docs/testing.md).
        for (name, data) in fresh.sorted(by: { $0.key < $1.key }) {
            assertGolden(data, matches: Self.root.appendingPathComponent("reports/" + name))
        }
    }
}
