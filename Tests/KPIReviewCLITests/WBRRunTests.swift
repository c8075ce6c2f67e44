import Foundation
import XCTest

/// Issue 23 through the built binary: `agg: first`, no invented zeros, MTD and the WBR box,
/// `history.months_axis: fiscal_year`, `%a` dates and repeated header names.
final class WBRRunTests: KPIReviewTestCase {
    /// A case folder of `fixtures/cases`, run as its case.json says, into the scratch folder's `out`.
    func runCase(_ name: String, _ extra: [String] = []) throws -> (CommandResult, [String: Any]) {
        let folder = packageRoot.appendingPathComponent("fixtures/cases/" + name)
        let args = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("case.json"))) as? [String: Any] ?? [:]
        let cadence = args["cadence"] as? String ?? "weekly"
        var run = ["run", "--config", folder.appendingPathComponent("kpireview.yml").path, "--cadence", cadence,
                   "--as-of", args["as_of"] as? String ?? "", "--out", "out", "--format", "json"]
        if let p = args["period"] as? String { run += ["--period", p] }
        let r = try kpireview(run + extra)
        let cadenceFolder = dir.appendingPathComponent("out/" + cadence)
        let period = try FileManager.default.contentsOfDirectory(atPath: cadenceFolder.path).sorted().first ?? ""
        let file = try FileManager.default.contentsOfDirectory(atPath: cadenceFolder.appendingPathComponent(period).path)
            .first { $0.hasSuffix(".json") && $0 != "manifest.json" } ?? ""
        return (r, try json("out/\(cadence)/\(period)/\(file)"))
    }

    func row(_ doc: [String: Any], _ kpi: String, _ key: String) -> [String: Any] {
        (doc["results"] as? [[String: Any]] ?? []).first { $0["kpi"] as? String == kpi && $0["key"] as? String == key } ?? [:]
    }

    func testFirstAggregationValidatesAndRuns() throws {
        let config = packageRoot.appendingPathComponent("fixtures/cases/first-aggregation/kpireview.yml").path
        let v = try kpireview("validate", "--config", config)
        assertExit(v, 0)
        let (r, doc) = try runCase("first-aggregation")
        assertExit(r, 0)
        // A's earliest timestamp on its earliest day (100 + 5), B's earliest day (50 + 30).
        XCTAssertEqual(row(doc, "opening_headcount", "A")["actual"] as? Double, 105)
        XCTAssertEqual(row(doc, "opening_headcount", "B")["actual"] as? Double, 80)
        XCTAssertEqual(row(doc, "opening_headcount", "ALL")["actual"] as? Double, 185)
        XCTAssertEqual(row(doc, "opening_headcount", "ALL")["target"] as? Double, 200)
    }

    func testFirstNeedsAValue() throws {
        try write("orders.csv", goodOrders)
        try write("kpireview.yml", baseConfig.replacingOccurrences(
            of: "unit: count }", with: "unit: count }\n  - { id: opening, source: orders, agg: first }"))
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("'agg: first' needs a 'value'"), r.stderr)
    }
}
