import XCTest
import KPICalendar
import KPIFields
import KPIModel
import KPIReport
import KPIMarkdown

/// The bridge's one sentence at ALL (SPEC 6.5) and where the Markdown says it.
final class BridgeTextTests: XCTestCase {
    func report(_ parts: Bridge, yoyChange: Num?, priorChange: Num?) -> ReviewReport {
        let f = Fixtures.self
        var info = f.revenue
        info.bridgeQuantity = "units"
        var r = f.result(info, .total, "ALL", actual: f.money(1_000_000), target: nil, prior: nil, yoy: nil)
        r.yoyChange = yoyChange; r.priorChange = priorChange
        r.bridge = parts
        return f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                        kpis: [info], results: [r], productLines: [], groups: [])
    }

    func testTheSpecsSentence() {
        let parts = BridgeParts(volume: 150_000, mix: 10_000, price: -40_000, new: 0, lost: 0, other: 0)
        let rep = report(Bridge(prior: nil, yoy: parts, target: nil), yoyChange: Fixtures.money(120_000), priorChange: nil)
        XCTAssertEqual(BridgeText.sentences(rep), ["Revenue +$120K vs last year: volume +$150K, price −$40.0K, mix +$10.0K"])
        let md = MarkdownWriter.render(rep)
        // Below the scorecard's status legend, before the highlights.
        let legend = md.range(of: "Status (actual vs target)"), sentence = md.range(of: "\nRevenue +$120K vs last year: volume +$150K, price −$40.0K, mix +$10.0K.\n")
        let highlights = md.range(of: "## Highlights")
        XCTAssertNotNil(sentence, md)
        if let l = legend, let s = sentence, let h = highlights {
            XCTAssertLessThan(l.lowerBound, s.lowerBound); XCTAssertLessThan(s.lowerBound, h.lowerBound)
        }
    }

    func testWithoutALastYearBridgeThePriorPeriodIsTold() {
        let parts = BridgeParts(volume: 0, mix: 0, price: 0, new: 50, lost: -60, other: 3)
        let rep = report(Bridge(prior: parts, yoy: nil, target: nil), yoyChange: nil, priorChange: Fixtures.money(-7))
        XCTAssertEqual(BridgeText.sentences(rep), ["Revenue −$7.00 vs the prior week: lost lines −$60.00, new lines +$50.00, other +$3.00"])
    }

    func testNoBridgeNoSentence() {
        let rep = report(Bridge(prior: nil, yoy: nil, target: nil), yoyChange: nil, priorChange: nil)
        XCTAssertEqual(BridgeText.sentences(rep), [])
        XCTAssertFalse(MarkdownWriter.render(rep).contains("vs last year:"))
    }
}
