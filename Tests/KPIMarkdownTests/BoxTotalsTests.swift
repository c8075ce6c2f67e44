import Foundation
import XCTest
import KPITestSupport
import KPIChartFixtures
import KPIMarkdown
import KPIModel

/// The WBR box in the Markdown (`## Box totals`): one golden per cadence, each read by cmark-gfm
/// before it became golden; the columns a cadence has no value for are left out.
final class BoxTotalsTests: XCTestCase {
    static let goldens = TestPaths.folder(of: #filePath).appendingPathComponent("Golden")

    /// The section from its heading to the next one.
    func box(_ cadence: Cadence) -> String {
        let md = MarkdownWriter.render(WBRBoxFixtures.report(cadence))
        let start = md.components(separatedBy: "## Box totals").dropFirst().first ?? ""
        return "## Box totals" + (start.components(separatedBy: "\n## ").first ?? "")
    }

    func testWeeklyBoxMatchesGolden() {
        assertGolden(box(.weekly), matches: Self.goldens.appendingPathComponent("box-weekly.md"))
    }

    func testMonthlyBoxHasNoMTD() {
        let text = box(.monthly)
        XCTAssertFalse(text.contains("MTD"))
        assertGolden(text, matches: Self.goldens.appendingPathComponent("box-monthly.md"))
    }

    func testQuarterlyBoxHasNoMTDOrQTD() {
        let text = box(.quarterly)
        XCTAssertTrue(text.contains("| KPI | Actual | QoQ | YoY | YoY trend | YTD | YTD YoY |"), text)
        assertGolden(text, matches: Self.goldens.appendingPathComponent("box-quarterly.md"))
    }

    func testRowsReadAsTheWBRDoes() throws {
        let text = box(.weekly)
        // Revenue: YoY +12.4% against last week's +11.1%: 1.3 pts faster. Margin in points. Cost: no MTD a year ago.
        XCTAssertTrue(text.contains("| Revenue | $1.24M | +6.0% | +12.4% | 1.3 pts faster | $2.48M | +10.2% | $8.90M | +9.9% | $52.3M | +9.2% |"), text)
        XCTAssertTrue(text.contains("| Gross margin | 42.0% | +1.0 pts | +3.5 pts | 1.5 pts faster | 41.5% | +1.5 pts |"), text)
        XCTAssertTrue(text.contains("| Cost | $712K | +3.2% | +11.3% | 2.8 pts slower | $1.40M | — |"), text)
        try Processes.require("/usr/bin/cmark-gfm")
        let html = try Processes.run("/usr/bin/cmark-gfm", ["-e", "table"], input: Data(text.utf8)).stdoutText
        XCTAssertEqual(html.components(separatedBy: "<th align").count - 1, 11, html)
        XCTAssertEqual(html.components(separatedBy: "<tr>").count - 1, 5, html)
    }
}
