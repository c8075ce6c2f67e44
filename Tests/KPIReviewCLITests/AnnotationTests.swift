import Foundation
import XCTest
import KPITestSupport

/// SPEC 6.7 end to end through the built binary: the `annotations:` file, checked like targets, its
/// events on the history points of the JSON, the Markdown, the HTML charts and the manifest.
final class AnnotationTests: KPIReviewTestCase {
    let events = """
        date,kpi,product_line,text
        2026-11-03,,,Price update
        2026-10-14,bookings,,"Promo, 10% off"
        2026-11-10,bookings,cloud,Cloud launch
        2026-11-11,orders,ghost,Unknown line
        2026-11-20,,,Later than as-of
        2025-06-01,,,Before every history point

        """

    func config() -> String { baseConfig + "annotations: events.csv\n" }

    func testEventsLandOnTheirHistoryPointsInEveryWriter() throws {
        try write("kpireview.yml", config())
        try write("orders.csv", goodOrders)
        try write("events.csv", events)
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "md,json,html", "--verbose")
        assertExit(r, 0)
        XCTAssertTrue(r.stderrLines.contains("kpireview: events.csv: 6 events; left out: 1 after as-of 2026-11-15, 1 of unknown lines, 1 outside every report's history"), r.stderr)

        let doc = try json(w46JSON)
        let list = try XCTUnwrap(doc["annotations"] as? [[String: Any]])
        XCTAssertEqual(list.map { a in ["date", "kpi", "product_line", "text", "grain", "id"].map { "\(a[$0] is NSNull ? "null" : a[$0] ?? "?")" }.joined(separator: " | ") }, [
            "2026-11-03 | null | null | Price update | week | 2026-W45",
            "2026-10-14 | bookings | null | Promo, 10% off | week | 2026-W42",
            "2026-10-14 | bookings | null | Promo, 10% off | month | 2026-10",
            "2026-11-10 | bookings | cloud | Cloud launch | week | 2026-W46",
        ], "the file's order; an event's points in history order, weeks before months")
        let warnings = try XCTUnwrap((doc["data_quality"] as? [String: Any])?["warnings"] as? [String])
        XCTAssertTrue(warnings.contains("annotations name product line 'ghost' (events.csv line 5), which is neither configured nor found in the data: its event is left out"), "\(warnings)")

        let md = try readText(w46 + "e2e-weekly-2026-W46.md")
        XCTAssertTrue(md.contains("## Events\n\n- 2026-11-10 — Cloud launch (Bookings, cloud)\n\n"), md)
        XCTAssertTrue(md.contains("\nEvents: 2026-11-10 — Cloud launch (Bookings).\n"), "beside the line it concerns: \(md)")

        let html = try readText(w46 + "e2e-weekly-2026-W46.html")
        // The bookings chart at ALL marks the all-KPI event and its own, numbered, listed below it.
        XCTAssertTrue(html.contains("<ol class=\"events\">\n<li><span class=\"date\">2026-11-03</span> Price update</li>\n"
            + "<li><span class=\"date\">2026-10-14</span> Promo, 10% off</li>\n</ol>"), html)
        XCTAssertTrue(html.contains("<section id=\"events\">\n<h2>Events</h2>\n<ul>\n<li><span class=\"date\">2026-11-10</span> Cloud launch (<bdi>Bookings</bdi>, <bdi>cloud</bdi>)</li>"), html)

        let manifest = try json(w46 + "manifest.json")
        let inputs = try XCTUnwrap(manifest["inputs"] as? [[String: Any]])
        XCTAssertEqual(inputs.last?["name"] as? String, "annotations")
        XCTAssertEqual(inputs.last?["path"] as? String, "events.csv")
        XCTAssertEqual(inputs.last?["bytes"] as? Int, events.utf8.count)
    }

    func testAnUnknownKPIIsAConfigErrorAtItsCell() throws {
        try write("kpireview.yml", config())
        try write("orders.csv", goodOrders)
        try write("events.csv", "date,kpi,product_line,text\n2026-11-03,,,ok\n2026-11-04,bogus,cloud,Typo\n2026-13-01,,,Bad date\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: events.csv:3:2: unknown KPI (bogus)",
                                       "kpireview: error: events.csv:4:1: date does not parse (2026-13-01)"])
        XCTAssertFalse(exists("out/weekly"), "nothing written")
    }

    func testAMissingColumnNamesTheColumnsFound() throws {
        try write("kpireview.yml", config())
        try write("orders.csv", goodOrders)
        try write("events.csv", "date,kpi,text\n2026-11-03,,ok\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first, "kpireview: error: events.csv:1:1: annotations file lacks column(s) product_line (columns found: date, kpi, text)")
    }
}
