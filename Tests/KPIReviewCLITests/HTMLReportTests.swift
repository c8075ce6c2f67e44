import Foundation
import XCTest
import KPIChartFixtures

/// The demo's HTML reports opened in real clients (SPEC 10): html5lib in strict mode, and headless
/// Chromium's DOM and screenshot.
final class HTMLReportTests: KPIReviewTestCase {
    static let reports = ["weekly/2026-W46/kpi-review-weekly-2026-W46.html", "monthly/2026-10/kpi-review-monthly-2026-10.html",
                          "quarterly/2026-Q3/kpi-review-quarterly-2026-Q3.html"]

    func testDemoReportsOpenInChromiumWithScorecardAndOneChartPerKPI() throws {
        let r = try kpireview("demo", "--out", "out")
        XCTAssertEqual(r.exitCode, 0, r.stderr)
        for name in Self.reports {
            let path = dir.appendingPathComponent("out/" + name).path
            XCTAssertNil(try RealClients.html5libError(file: path), name)
            let (dom, console) = try RealClients.chromiumDOM(file: path)
            XCTAssertEqual(console, [], "\(name): no CSP violation, no error")
            let scorecard = try XCTUnwrap(dom.components(separatedBy: "<table class=\"scorecard\">").dropFirst().first, name)
                .components(separatedBy: "</table>")[0]
            XCTAssertEqual(scorecard.components(separatedBy: "<tr>").count - 1, 1 + 11, "\(name): header and the demo's 11 KPIs")
            XCTAssertEqual(dom.components(separatedBy: "<svg class=\"chart\"").count - 1, 11, "\(name): one 6-12 chart per KPI")
            XCTAssertEqual(dom.components(separatedBy: "<svg class=\"chart waterfall\"").count - 1, 1, "\(name): the bookings bridge")
            XCTAssertTrue(dom.contains("<h2>Data quality</h2>") && dom.contains("<h2>Definitions</h2>"), name)
            let png = dir.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-") + ".png").path
            XCTAssertEqual(try RealClients.chromiumScreenshot(file: path, to: png), [], name)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
            XCTAssertGreaterThan(bytes.count, 100_000, "\(name): a rendered page, not a blank one")
        }
    }

    func testIndexListsEveryReportWithRelativeLinks() throws {
        XCTAssertEqual(try kpireview("demo", "--out", "out").exitCode, 0)
        let index = try readText("out/index.html")
        XCTAssertNil(try RealClients.html5libError(file: dir.appendingPathComponent("out/index.html").path))
        for name in Self.reports {
            XCTAssertTrue(index.contains("<a href=\"\(name)\">"), name)
            XCTAssertTrue(exists("out/" + name), "the link leads to the file")
        }
        XCTAssertTrue(index.contains("<td class=\"t\">2026-11-09 – 2026-11-15</td><td class=\"t\">complete</td>"))
        XCTAssertTrue(index.contains("></span>4 amber</span>"), "the weekly report's ALL statuses")
        XCTAssertFalse(files(under: "out").contains { $0.hasPrefix(".tmp-index") }, "the temporary file was renamed into place")
    }
}
