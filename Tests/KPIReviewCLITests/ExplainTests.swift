import Foundation
import XCTest
import KPITestSupport
import KPIChartFixtures

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

    // MARK: Price–volume–mix bridge

    func testTheBridgeInEveryFormat() throws {
        try copyCase("bridge-new-lost")
        let r = try kpireview("run", "--as-of", "2026-11-15", "--period", "2026-W46", "--out", "out", "--format", "md,json,html,xlsx")
        assertExit(r, 0)
        let folder = "out/weekly/2026-W46/kpi-review-weekly-2026-W46"
        let sentence = "Revenue +$41.00 vs last year: new lines +$50.00, lost lines −$40.00, price +$27.00, volume −$11.20, other +$8.00, mix +$7.20."
        XCTAssertTrue(try readText(folder + ".md").contains("\n" + sentence + "\n"))
        let html = try readText(folder + ".html")
        XCTAssertTrue(html.contains("<section id=\"bridges\">"))
        XCTAssertTrue(html.contains("<figcaption>" + sentence.replacingOccurrences(of: "'", with: "&#39;") + "</figcaption>"))
        XCTAssertTrue(html.contains("<title id=\"bridge-chart-1-title\">Revenue: 2025-W46 to 2026-W46</title>"))
        XCTAssertNil(try RealClients.html5libError(file: dir.appendingPathComponent(folder + ".html").path))
        // The workbook's Bridge sheet, read back by openpyxl: the parts and a stacked column chart.
        try Processes.requirePython("openpyxl")
        let script = """
        import sys, json, openpyxl
        ws = openpyxl.load_workbook(sys.argv[1])['Bridge']
        rows = [[c for c in r[:4]] for r in ws.iter_rows(min_row=6, max_row=14, values_only=True)]
        chart = ws._charts[0]
        data = {r[9]: r[10] for r in openpyxl.load_workbook(sys.argv[1])['Data'].iter_rows(values_only=True)
                if r[1] == 'revenue' and r[5] == 'ALL'}
        print(json.dumps({"rows": rows, "grouping": chart.grouping, "series": len(chart.series),
                          "base_fill": chart.series[0].graphicalProperties.noFill,
                          "data": [data.get("bridge_yoy_volume"), data.get("bridge_prior_lost"), data.get("bridge_target_price")]}))
        """
        let out = try Processes.python(["-c", script, dir.appendingPathComponent(folder + ".xlsx").path])
        XCTAssertEqual(out.status, 0, String(decoding: out.stderr, as: UTF8.self))
        let doc = try JSONSerialization.jsonObject(with: out.stdout) as? [String: Any] ?? [:]
        XCTAssertEqual(doc["grouping"] as? String, "stacked")
        XCTAssertEqual(doc["series"] as? Int, 4)
        XCTAssertEqual(doc["base_fill"] as? Bool, true)
        // The Data sheet's long form carries the parts too.
        XCTAssertEqual((doc["data"] as? [NSNumber])?.map(\.doubleValue), [-11.2, -60, 3])
        let rows = doc["rows"] as? [[Any]] ?? []
        XCTAssertEqual(rows.first?.compactMap { $0 as? String }, ["Part", "vs prior", "vs last year", "vs target"])
        XCTAssertEqual(rows.count, 9)
        if rows.count == 9 {
            XCTAssertEqual(rows[1].dropFirst().compactMap { ($0 as? NSNumber)?.doubleValue }, [365, 320, 345])   // bases
            XCTAssertEqual(rows[5].dropFirst().compactMap { ($0 as? NSNumber)?.doubleValue }, [50, 50, 0])      // new lines
            XCTAssertEqual(rows[8].dropFirst().compactMap { ($0 as? NSNumber)?.doubleValue }, [361, 361, 361])  // actual
        }
    }

    func testABridgeOnAnotherSourcesQuantityIsAConfigError() throws {
        try copyCase("bridge-new-lost")
        try write("kpireview.yml", """
            sources:
              sales: { path: sales.csv, date: date, product_line: product_line }
              stock: { path: sales.csv, date: date, product_line: product_line }
            kpis:
              - { id: revenue, source: sales, agg: sum, value: amount, bridge: { quantity: units } }
              - { id: units, source: stock, agg: sum, value: units }

            """)
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out")
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("kpireview: error: kpireview.yml:5:80: the quantity of a bridge must come from the same source "
                                        + "in KPI 'revenue' (units from stock, revenue from sales)"), r.stderr)
        assertNothingWritten()
    }

    func testABaseBeforeTheDataHasNoBridge() throws {
        // 2025-W46 is the data's first week: its prior week and last year start before the data
        // (null, SPEC 6.1), and no target is given for it, so every base is null.
        try copyCase("bridge-new-lost")
        let r = try kpireview("run", "--as-of", "2026-11-15", "--period", "2025-W46", "--out", "out", "--format", "md,json,html")
        XCTAssertTrue([0, 3].contains(r.exitCode), r.stderr)
        let doc = try json("out/weekly/2025-W46/kpi-review-weekly-2025-W46.json")
        let rows = (doc["results"] as? [[String: Any]] ?? []).filter { $0["kpi"] as? String == "revenue" }
        XCTAssertEqual(rows.count, 1 + 1 + 5)
        for row in rows {
            let bridge = row["bridge"] as? [String: Any]
            XCTAssertNotNil(bridge, "a bridged KPI's row has a bridge object")
            for base in ["prior", "yoy", "target"] { XCTAssertTrue(bridge?[base] is NSNull, "\(row["key"] ?? "?") \(base)") }
        }
        XCTAssertFalse(try readText("out/weekly/2025-W46/kpi-review-weekly-2025-W46.md").contains("vs last year:"))
        XCTAssertTrue(try readText("out/weekly/2025-W46/kpi-review-weekly-2025-W46.html")
            .contains("No bridge: a line's value or quantity is missing in a compared window."))
    }
}
