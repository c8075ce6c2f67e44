import Foundation
import XCTest
import KPICalendar
import KPIModel
import KPIReport
import KPIChartFixtures
@testable import KPIHTML

final class HTMLWriterTests: XCTestCase {
    typealias F = ChartFixtures

    func write(_ html: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-html-tests-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(html.utf8).write(to: url)
        return url.path
    }

    func count(_ needle: String, in hay: String) -> Int { hay.components(separatedBy: needle).count - 1 }

    // MARK: Self-contained

    func testSelfContainedWithTheSpecsPolicy() throws {
        let html = HTMLWriter.render(F.weeklyBookings())
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"))
        for banned in ["<script", "http:", "https:", "src=", "<link", "url(", "@import", "<img", "<iframe", "<object"] {
            XCTAssertFalse(html.lowercased().contains(banned), "no external reference or script: \(banned)")
        }
        XCTAssertEqual(count("<style>", in: html), 1, "one inline stylesheet")
    }

    func testValidHTML5ForEachCadenceAndInProgress() throws {
        let months = F.months(from: 2025, 10, [(7_100_000, 6_000_000, 7_000_000)] + F.bookingsMonths)
        let margin = F.kpi("gross_margin_pct", "Gross margin", .percent)
        let reports = ["weekly": F.weeklyBookings(), "weekly-in-progress": F.weeklyBookings(complete: false),
                       "monthly": F.report(.monthly, [(F.bookings, months)]),
                       "quarterly": F.report(.quarterly, [(margin, F.quarters(from: 2024, 4, F.marginQuarters))]),
                       "bad-names": F.badNames()]
        for (name, report) in reports.sorted(by: { $0.key < $1.key }) {
            let path = try write(HTMLWriter.render(report), name + ".html")
            XCTAssertNil(try RealClients.html5libError(file: path), name)
        }
    }

    // MARK: Content

    func testBadNewsIsUnderLowlightsWhateverItsKind() throws {
        var report = F.weeklyBookings()
        report.highlights = [
            Highlight(kind: .mover, kpi: "bookings", level: .total, key: "ALL", text: "Cost rose 30.0% to $1.30K, from $1.00K the prior week.", tone: .bad),
            Highlight(kind: .mover, kpi: "bookings", level: .total, key: "ALL", text: "Bookings rose 4.0% to $2.00M.", tone: .good),
        ]
        let html = HTMLWriter.render(report)
        let low = try XCTUnwrap(html.range(of: "<h2>Lowlights</h2>"))
        let good = try XCTUnwrap(html.range(of: "Bookings rose 4.0%")), bad = try XCTUnwrap(html.range(of: "Cost rose 30.0%"))
        XCTAssertLessThan(good.lowerBound, low.lowerBound)
        XCTAssertGreaterThan(bad.lowerBound, low.lowerBound)
    }

    func testSectionsInTheMarkdownsOrder() throws {
        let html = HTMLWriter.render(F.badNames(), events: [ReportEvent(date: F.day("2026-11-10"), kpi: nil, productLine: nil, text: "Launch")])
        let ids = ["<header>", "id=\"scorecard\"", "id=\"trends\"", "id=\"highlights\"", ">Lowlights<", "id=\"lines\"", "id=\"events\"",
                   "id=\"data-quality\"", "id=\"definitions\"", "id=\"run-facts\""]
        let positions = try ids.map { id in try XCTUnwrap(html.range(of: id)?.lowerBound, id) }
        XCTAssertEqual(positions, positions.sorted())
    }

    func testStatusIsChipAndWord() throws {
        var report = F.weeklyBookings()
        report.results[0].status = .red
        let html = HTMLWriter.render(report)
        let row = try XCTUnwrap(html.components(separatedBy: "<tr>").first { $0.contains("#trend-bookings") })
        XCTAssertTrue(row.contains("<span class=\"status s-red\"><span class=\"chip\" aria-hidden=\"true\"></span>red</span>"), row)
        XCTAssertTrue(html.contains("s-none\"><span class=\"chip\" aria-hidden=\"true\"></span>no target</span>"), "legend")
    }

    func testOneTrendChartPerKPIWithTitleAndDescription() throws {
        let report = F.badNames()
        let html = HTMLWriter.render(report)
        XCTAssertEqual(count("<svg class=\"chart\"", in: html), report.kpis.count)
        XCTAssertEqual(count("<title id=\"chart-", in: html), report.kpis.count)
        XCTAssertEqual(count("<desc id=\"chart-", in: html), report.kpis.count)
        // A small trend per KPI in each group and line table: 6 KPIs × (1 group + 2 lines).
        XCTAssertEqual(count("<svg class=\"spark\"", in: html), 18)
    }

    func testPrintRules() {
        let html = HTMLWriter.render(F.weeklyBookings())
        XCTAssertTrue(html.contains("@media print {\n  @page { size: landscape; margin: 12mm; }"))
        XCTAssertTrue(html.contains("tr, figure, svg, dt, dd, li { break-inside: avoid; page-break-inside: avoid; }"))
        XCTAssertTrue(html.contains("thead { display: table-header-group; }"), "table headers repeat on every page")
    }

    func testEventsNumberedUnderTheChartAndListed() throws {
        let events = [ReportEvent(date: F.day("2026-10-20"), kpi: "bookings", productLine: nil, text: "Price change & <promo>"),
                      ReportEvent(date: F.day("2026-11-10"), kpi: nil, productLine: nil, text: "Launch"),
                      ReportEvent(date: F.day("2026-11-11"), kpi: "orders", productLine: nil, text: "Not this KPI")]
        let html = HTMLWriter.render(F.weeklyBookings(), events: events)
        XCTAssertTrue(html.contains("<ol class=\"events\">\n<li><span class=\"date\">2026-10-20</span> Price change &amp; &lt;promo&gt;</li>\n"
            + "<li><span class=\"date\">2026-11-10</span> Launch</li>\n</ol>"), "numbered in the chart's order")
        XCTAssertFalse(html.contains("Not this KPI</li>\n</ol>"), "an event of another KPI is not on this chart")
        XCTAssertTrue(html.contains("<section id=\"events\">\n<h2>Events</h2>\n<ul>\n<li><span class=\"date\">2026-11-10</span> Launch</li>"))
    }

    /// "Restated since published" (SPEC 6.6): between the line sections and the events, totals first
    /// by |change_pct|, the first ten, then a count of the rest; valid HTML5.
    func testRestatedSincePublished() throws {
        var report = F.weeklyBookings()
        XCTAssertFalse(HTMLWriter.render(report).contains("id=\"restatements\""), "no section without restatements")
        report.restatements = (1...11).map { i in
            Restatement(kpi: "bookings", level: i == 11 ? .total : .line, key: i == 11 ? "ALL" : "line\(i)", grain: .week,
                        period: "2026-W\(30 + i)", periodStart: F.day("2026-07-20").adding(days: 7 * i),
                        published: F.num(Double(100 * i)), now: F.num(Double(100 * i + i * i)), publishedIn: "weekly/x.json")
        }
        let html = HTMLWriter.render(report, events: [ReportEvent(date: F.day("2026-11-10"), kpi: nil, productLine: nil, text: "Launch")])
        let section = try XCTUnwrap(html.components(separatedBy: "<section id=\"restatements\">").last?.components(separatedBy: "</section>").first)
        XCTAssertTrue(section.hasPrefix("\n<h2>Restated since published</h2>\n<p class=\"note\">11 values that earlier reports"), section)
        let rows = section.components(separatedBy: "<tr><th scope=\"row\"").dropFirst().map { $0 }
        XCTAssertEqual(rows.count, 10, "the first ten")
        XCTAssertTrue(rows[0].contains("<td class=\"t\">2026-W41</td>"), "ALL first: \(rows[0])")
        XCTAssertTrue(rows[1].contains("<td class=\"t\">2026-W40</td><td class=\"n\">$1.00K</td><td class=\"n\">$1.10K</td><td class=\"n\">+$100.00</td><td class=\"n\">+10.0%</td>"),
                      "then lines by |change_pct|, largest first: \(rows[1])")
        XCTAssertTrue(section.contains("… and 1 more restatement (every one is in the JSON’s <code>restatements</code> and the workbook’s Notes).</p>"))
        let positions = try ["id=\"highlights\"", "id=\"restatements\"", "id=\"events\"", "id=\"data-quality\""].map { try XCTUnwrap(html.range(of: $0)?.lowerBound, $0) }
        XCTAssertEqual(positions, positions.sorted())
        XCTAssertNil(try RealClients.html5libError(file: try write(html, "restated.html")))
    }

    func testInProgressSaysWhatThePartialPointCovers() {
        let html = HTMLWriter.render(F.weeklyBookings(complete: false))
        XCTAssertTrue(html.contains("This week is in progress (day 3 of 7): its point (hollow), last year's and the target cover the elapsed days only."))
        XCTAssertTrue(html.contains("<th scope=\"col\" class=\"n\">Forecast</th>"), "the scorecard's in-progress columns")
    }

    func testNoHistoryDrawsNoDataYet() {
        let html = HTMLWriter.render(F.report(.weekly, [(F.bookings, [])]))
        XCTAssertEqual(count(">no data yet</text>", in: html), 2 + 0, "both panels of the 6-12 chart")
    }

    func testSameReportSameBytes() {
        XCTAssertEqual(HTMLWriter.render(F.badNames()), HTMLWriter.render(F.badNames()))
    }
}
