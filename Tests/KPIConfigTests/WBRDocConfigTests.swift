import Foundation
import XCTest
import KPITestSupport
import KPICalendar
import KPIConfig

/// docs/wbr.md's weekly business review config stays a config kpireview accepts.
final class WBRDocConfigTests: XCTestCase {
    func testTheDocumentedWBRConfigLoads() throws {
        let text = try String(contentsOf: TestPaths.file("docs/wbr.md"), encoding: .utf8)
        let yaml = try XCTUnwrap(text.components(separatedBy: "```yaml\n").dropFirst().first?.components(separatedBy: "```").first)
        let config = try ConfigLoader.parse(yaml: yaml, path: "/tmp/kpireview.yml")
        XCTAssertEqual(config.kpis.map(\.id), ["bookings", "orders", "aov", "revenue", "opening_headcount", "headcount"])
        XCTAssertEqual(config.kpi("opening_headcount")?.measure?.agg, .first)
        XCTAssertEqual(config.history, HistoryDepth(weeks: 6, months: 12, quarters: 8, monthsAxis: .trailing))
    }
}
