import Foundation
import XCTest
import KPITestSupport

/// SPEC 6.5 and 6.9 through the built binary: unusual values and the price–volume–mix bridge.
final class ExplainTests: KPIReviewTestCase {
    /// Copies a hand-computed case of fixtures/cases into the scratch folder.
    func copyCase(_ name: String) throws {
        let folder = TestPaths.fixture("cases/" + name)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try write(file, Data(contentsOf: folder.appendingPathComponent(file)))
        }
    }

    func testUnusualValuesInTheSummaryByTone() throws {
        try copyCase("unusual-xmr")
        let r = try kpireview("run", "--as-of", "2026-11-15", "--period", "2026-W46", "--out", "out", "--format", "md,json")
        assertExit(r, 0)
        let md = try readText("out/weekly/2026-W46/kpi-review-weekly-2026-W46.md")
        let parts = md.components(separatedBy: "## Lowlights")
        XCTAssertEqual(parts.count, 2)
        XCTAssertTrue(parts[0].contains("- Sales at $120.00 is above its usual range ($89.17–$111.63).\n"), parts[0])
        XCTAssertTrue(parts[1].contains("- Cost at $60.00 is above its usual range ($44.58–$55.82).\n"), parts[1])
        XCTAssertFalse(md.contains("Returns at"), "fewer than 8 points: no unusual highlight")
    }

    func testAPeriodInProgressHasNoUnusualValues() throws {
        try copyCase("unusual-xmr")
        let r = try kpireview("run", "--as-of", "2026-11-12", "--period", "current", "--out", "out", "--format", "json")
        assertExit(r, 0)
        let doc = try json("out/weekly/2026-W46/kpi-review-weekly-2026-W46.json")
        let results = doc["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.count, 6)
        for row in results { XCTAssertTrue(row["unusual"] is NSNull, "\(row["kpi"] ?? "?") \(row["key"] ?? "?")") }
        let kinds = (doc["highlights"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        XCTAssertFalse(kinds.contains("unusual"))
    }
}
