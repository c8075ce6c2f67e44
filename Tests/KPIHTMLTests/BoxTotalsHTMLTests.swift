import Foundation
import XCTest
import KPITestSupport
import KPIChartFixtures
import KPIModel
@testable import KPIHTML

/// The WBR box in the HTML report (`<section id="box">`): a golden per cadence (looked at in
/// Chromium before it became golden), valid HTML5, the columns of the cadence only.
final class BoxTotalsHTMLTests: XCTestCase {
    static let goldens = TestPaths.folder(of: #filePath).appendingPathComponent("Golden")

    func section(_ html: String) -> String {
        let start = html.components(separatedBy: "<section id=\"box\">").dropFirst().first ?? ""
        return "<section id=\"box\">" + (start.components(separatedBy: "</section>").first ?? "") + "</section>\n"
    }

    func testWeeklyAndQuarterlyBoxesMatchGoldens() throws {
        for cadence in [Cadence.weekly, .quarterly] {
            let html = HTMLWriter.render(WBRBoxFixtures.report(cadence))
            assertGolden(section(html), matches: Self.goldens.appendingPathComponent("box-\(cadence.rawValue).html"))
        }
    }

    func testBoxIsValidAndFollowsTheScorecard() throws {
        let html = HTMLWriter.render(WBRBoxFixtures.report(.weekly))
        let scorecard = try XCTUnwrap(html.range(of: "<h2>Scorecard</h2>")), box = try XCTUnwrap(html.range(of: "<h2>Box totals</h2>"))
        let trends = try XCTUnwrap(html.range(of: "<h2>Trends</h2>"))
        XCTAssertLessThan(scorecard.lowerBound, box.lowerBound)
        XCTAssertLessThan(box.lowerBound, trends.lowerBound)
        XCTAssertTrue(section(html).contains("<td class=\"n\">1.3 pts faster</td>"), section(html))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-box-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("box.html").path
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(try RealClients.html5libError(file: path))
        XCTAssertFalse(section(HTMLWriter.render(WBRBoxFixtures.report(.monthly))).contains("MTD"))
    }
}
