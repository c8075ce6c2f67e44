import XCTest
import KPITestSupport
import Foundation
import KPICalendar
import KPIFields
import KPIReport
import KPIMarkdown

final class MarkdownWriterTests: XCTestCase {
    // MARK: Golden files

    private static let goldenDirectory = TestPaths.folder(of: #filePath).appendingPathComponent("Golden")

    /// Golden comparison with a line diff; `KPIREVIEW_UPDATE_GOLDEN=1 swift test --filter KPIMarkdownTests`
    /// rewrites them and fails (docs/testing.md).
    private func assertGolden(_ markdown: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        KPITestSupport.assertGolden(markdown, matches: Self.goldenDirectory.appendingPathComponent(name), file: file, line: line)
    }

    func testCompleteWeeklyReportMatchesGolden() throws {
        try assertGolden(MarkdownWriter.render(Fixtures.weekly()), "weekly-complete.md")
    }

    func testInProgressMonthlyReportMatchesGolden() throws {
        try assertGolden(MarkdownWriter.render(Fixtures.monthly()), "monthly-in-progress.md")
    }

    /// "Restated since published" (SPEC 6.6): totals and groups first, each by |change_pct| (null
    /// last), the first ten, then a count of the rest.
    func testRestatedSectionMatchesGolden() throws {
        let md = MarkdownWriter.render(Fixtures.weeklyRestated())
        let start = try XCTUnwrap(md.range(of: "## Restated since published"))
        let end = try XCTUnwrap(md.range(of: "## Data quality"))
        try assertGolden(String(md[start.lowerBound..<end.lowerBound]), "restated-since-published.md")
        XCTAssertFalse(MarkdownWriter.render(Fixtures.weekly()).contains("Restated"), "no section without restatements")
    }

    /// SPEC 6.7: the period's own events under "Events" (after the line sections, as in the HTML),
    /// and beside the line each concerns; an event on an earlier point only is not listed.
    func testEventsMatchGolden() throws {
        let md = MarkdownWriter.render(Fixtures.weeklyWithEvents())
        let start = try XCTUnwrap(md.range(of: "## Groups and product lines"))
        let end = try XCTUnwrap(md.range(of: "## Data quality"))
        try assertGolden(String(md[start.lowerBound..<end.lowerBound]), "events.md")
        XCTAssertFalse(md.contains("Price change"))
        XCTAssertLessThan(start.lowerBound, try XCTUnwrap(md.range(of: "## Events")).lowerBound)
    }

    // MARK: Structure through a real GFM parser

    /// The HTML of `markdown` from cmark-gfm with the table extension.
    private func gfmHTML(_ markdown: String) throws -> String {
        let path = "/usr/bin/cmark-gfm"
        try Processes.require(path)
        let r = try Processes.run(path, ["-e", "table", "--to", "html"], input: Data(markdown.utf8))
        XCTAssertEqual(r.status, 0, r.stderrText)
        return r.stdoutText
    }

    /// Per table: (`<th` count, `<tr>` count).
    private func tableShapes(_ html: String) -> [(columns: Int, rows: Int)] {
        html.components(separatedBy: "<table>").dropFirst().map { chunk in
            let table = chunk.components(separatedBy: "</table>")[0]
            return (table.components(separatedBy: "</th>").count - 1, table.components(separatedBy: "<tr>").count - 1)
        }
    }

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func testWeeklyTablesParseWithTheRightShape() throws {
        let html = try gfmHTML(MarkdownWriter.render(Fixtures.weekly()))
        let shapes = tableShapes(html)
        // Scorecard (8 columns, header + 3 KPIs), box totals (9: no MTD window in this fixture), Enterprise
        // group (7: no contribution column), Cloud Platform and Retail Store (8 with Contrib.), data quality
        // (8, header + 2 sources).
        XCTAssertEqual(shapes.map(\.columns), [8, 9, 7, 8, 8, 8])
        XCTAssertEqual(shapes.map(\.rows), [4, 4, 4, 4, 4, 3])
        XCTAssertTrue(html.contains("<h1>Acme weekly business review</h1>"))
        XCTAssertEqual(count("<h2>", in: html), 7) // Scorecard, Box totals, Highlights, Lowlights, Groups…, Data quality, Definitions
        XCTAssertTrue(html.contains("<h3>Cloud Platform (Enterprise)</h3>"))
        XCTAssertTrue(html.contains("<th align=\"right\">Actual</th>"))
        XCTAssertTrue(html.contains("<td align=\"right\">$1.21M</td>"))
        // 6 highlight bullets + 3 lowlights + 1 rejection source + 2 reasons + 1 warning + 3 definitions.
        XCTAssertEqual(count("<li>", in: html), 16)
        XCTAssertTrue(html.contains("<code>data/orders.csv:17:1: date does not parse (2026-13-01)</code>"))
    }

    func testInProgressScorecardHasForecastColumns() throws {
        let html = try gfmHTML(MarkdownWriter.render(Fixtures.monthly()))
        let shapes = tableShapes(html)
        XCTAssertEqual(shapes.first?.columns, 10)
        XCTAssertEqual(shapes.first?.rows, 4)
        XCTAssertTrue(html.contains("<th align=\"right\">Forecast</th>"))
        XCTAssertTrue(html.contains("<th align=\"right\">Target to date</th>"))
    }

    func testUserTextWithMarkdownSpecialsStaysInItsCell() throws {
        var report = Fixtures.weekly()
        report.productLines[1].name = "Retail | *Outlet* <b>_x_</b>"
        report.kpis[0].name = "Rev|enue [beta]"
        let markdown = MarkdownWriter.render(report)
        XCTAssertTrue(markdown.contains("### Retail \\| \\*Outlet\\* \\<b\\>\\_x\\_\\</b\\>"))
        let html = try gfmHTML(markdown)
        XCTAssertEqual(tableShapes(html).map(\.columns), [8, 9, 7, 8, 8, 8])
        XCTAssertTrue(html.contains("<h3>Retail | *Outlet* &lt;b&gt;_x_&lt;/b&gt;</h3>"))
        XCTAssertTrue(html.contains("<td align=\"left\">Rev|enue [beta]</td>"))
        XCTAssertFalse(html.contains("<em>"))
        XCTAssertFalse(html.contains("<b>"))
    }

    // MARK: Formatting rules

    func testOutputIsCleanAndDeterministic() {
        for report in [Fixtures.weekly(), Fixtures.monthly(), Fixtures.withoutTargets()] {
            let markdown = MarkdownWriter.render(report)
            XCTAssertEqual(markdown, MarkdownWriter.render(report))
            XCTAssertTrue(markdown.hasSuffix("\n"))
            XCTAssertFalse(markdown.hasSuffix("\n\n"))
            for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
                XCTAssertFalse(line.hasSuffix(" "), "trailing space: \(line)")
            }
            XCTAssertFalse(markdown.contains("\n\n\n"))
            // Signed changes use the real minus sign; a hyphen only appears in dates, ids and code.
            XCTAssertNil(markdown.range(of: "[|( ]-[0-9$]", options: .regularExpression))
            XCTAssertTrue(markdown.contains("−"))
        }
    }

    func testTextStatusStyle() {
        let markdown = MarkdownWriter.render(Fixtures.weekly(presentation: Presentation(statusStyle: .text)))
        XCTAssertTrue(markdown.contains("| Revenue | $1.21M | $1.29M | 93.7% | [A] | −5.1% | +10.0% | 98.1% |"))
        XCTAssertTrue(markdown.contains("| Orders | 4,820 | 4,500 | 107.1% | [G] | +2.6% | +17.6% | 102.0% |"))
        for emoji in ["🟢", "🟡", "🔴", "⚪", "⚠️"] { XCTAssertFalse(markdown.contains(emoji)) }
        XCTAssertTrue(markdown.contains("Stale: **revenue** (last data 2026-11-10)."))
    }

    func testPercentKPIChangesAreInPoints() {
        let markdown = MarkdownWriter.render(Fixtures.weekly())
        XCTAssertTrue(markdown.contains("| Gross margin | 42.0% | 40.0% | 105.0% | 🟢 | +1.0 pts | +3.5 pts | 101.0% |"))
    }

    func testNoTargetsSaysSo() {
        let markdown = MarkdownWriter.render(Fixtures.withoutTargets())
        XCTAssertTrue(markdown.contains("## Lowlights\n\nNo targets set, and no KPI moved notably the wrong way.\n"))
        XCTAssertTrue(markdown.contains("| Revenue | $1.21M | — | — | ⚪ | −5.1% | +10.0% | — |"))
        XCTAssertTrue(markdown.contains("No targets set for this line."))
        XCTAssertTrue(markdown.contains("- Orders rose 17.6% to 4,820"))
    }

    func testEmptyHighlightsSayWhy() {
        var report = Fixtures.weekly()
        report.highlights = []
        let markdown = MarkdownWriter.render(report)
        XCTAssertTrue(markdown.contains("## Highlights\n\nNo KPI beat its target or moved notably the right way.\n"))
        XCTAssertTrue(markdown.contains("## Lowlights\n\nNo KPI is behind target or moved notably the wrong way.\n"))
    }

    func testQuarterlyHasNoQTDColumn() throws {
        var report = Fixtures.weekly()
        report.cadence = .quarterly
        report.windows.qtd = nil
        report.windows.qtdYoy = nil
        let markdown = MarkdownWriter.render(report)
        XCTAssertTrue(markdown.contains("| KPI | Actual | Target | Attainment | Status | PoP Δ | YoY Δ |\n"))
        XCTAssertFalse(markdown.contains("QTD"))
        XCTAssertEqual(tableShapes(try gfmHTML(markdown)).first?.columns, 7)
    }

    func testHeaderLines() {
        let weekly = MarkdownWriter.render(Fixtures.weekly())
        XCTAssertTrue(weekly.hasPrefix("""
            # Acme weekly business review

            Acme Corp · Weekly review · **2026-W46** · 2026-11-09 – 2026-11-15

            **Complete week**, 2026-11-09 – 2026-11-15.

            Data as of 2026-11-16. ⚠️ Stale: **revenue** (last data 2026-11-10).

            """))
        let monthly = MarkdownWriter.render(Fixtures.monthly())
        XCTAssertTrue(monthly.contains("**In progress: day 12 of 30** (through 2026-11-12), forecast used for status."))
        XCTAssertTrue(monthly.contains("Data as of 2026-11-12. Both sources are up to date."))
    }

    func testDefinitionsAndContributions() {
        let markdown = MarkdownWriter.render(Fixtures.weekly())
        XCTAssertTrue(markdown.contains("- **Orders** — `count() from orders where status in ('completed', 'shipped')`\n"))
        // Cloud's share of the total's PoP change: (810000 − 862000) / 1275000 = −4.1 pts.
        XCTAssertTrue(markdown.contains("| Revenue | $810K | $880K | 92.0% | 🟡 | −6.0% | +15.7% | −4.1 pts |"))
    }
}
