import Foundation
import XCTest
import KPIModel
import KPIReport
import KPIChartFixtures
@testable import KPIHTML

final class ReportIndexTests: XCTestCase {
    var out: String = ""

    override func setUpWithError() throws {
        out = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-index-\(getpid())-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: out) }

    func folder(_ path: String, files: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: out + "/" + path, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: out + "/" + path + "/" + name)) }
    }

    /// An earlier run's folder (JSON and manifest only: written with `--format json`) and this run's
    /// report: both listed, newest first, the old one linked to its folder.
    func testListsEarlierFoldersFromTheirJSONNewestFirst() throws {
        let json = """
        {"period": {"id": "2026-W45", "start": "2026-11-02", "end": "2026-11-08", "complete": true},
         "results": [{"level": "total", "status": "red"}, {"level": "total", "status": "green"}, {"level": "line", "status": "red"}]}
        """
        try folder("weekly/2026-W45", files: ["kpi-review-weekly-2026-W45.json": json, "manifest.json": "{}"])
        try folder("weekly/.tmp-2026-W47-123", files: [:])
        try folder("monthly/2026-10", files: ["notes.txt": "no report JSON"])
        try folder("weekly/2026-W46", files: ["kpi-review-weekly-2026-W46.html": ""])
        let report = ChartFixtures.weeklyBookings()
        try ReportIndex.write(out: out, known: [IndexEntry(report: report, htmlFile: "kpi-review-weekly-2026-W46.html")], title: "Acme & Co")
        let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        let w46 = try XCTUnwrap(html.range(of: "weekly/2026-W46/kpi-review-weekly-2026-W46.html")).lowerBound
        let w45 = try XCTUnwrap(html.range(of: "<a href=\"weekly/2026-W45/\">2026-W45</a>")).lowerBound
        XCTAssertLessThan(w46, w45, "newest first")
        XCTAssertTrue(html.contains("<td class=\"t\">2026-11-02 – 2026-11-08</td><td class=\"t\">complete</td>"))
        XCTAssertTrue(html.contains("></span>1 green</span>") && html.contains("></span>1 red</span>"), "ALL rows only")
        XCTAssertTrue(html.contains("<a href=\"monthly/2026-10/\">2026-10</a></th><td class=\"t\">—</td>"), "unreadable: listed, no facts")
        XCTAssertFalse(html.contains(".tmp-"), "temporary folders are not reports")
        XCTAssertTrue(html.contains("<h1><bdi>Acme &amp; Co</bdi></h1>"))
        XCTAssertTrue(html.contains("<p class=\"period\">3 reports in this folder, newest first.</p>"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".tmp") }, [])
        XCTAssertNil(try RealClients.html5libError(file: out + "/index.html"))
    }

    func testLinksArePercentEncoded() {
        XCTAssertEqual(ReportIndex.pathSegment("my report #1?.html"), "my%20report%20%231%3F.html")
        XCTAssertEqual(ReportIndex.pathSegment("rapport-é"), "rapport-%C3%A9")
    }

    func testRewriteReplacesTheOldIndex() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: out + "/index.html"))
        try ReportIndex.write(out: out, known: [], title: "T")
        XCTAssertTrue(try String(contentsOfFile: out + "/index.html", encoding: .utf8).contains("No reports yet."))
    }
}
