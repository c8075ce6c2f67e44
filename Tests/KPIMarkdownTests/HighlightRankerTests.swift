import XCTest
import KPICalendar
import KPIFields
import KPIModel
import KPIReport
import KPIMarkdown

/// Hand-worked cases for the ranking rules in docs/highlights.md.
final class HighlightRankerTests: XCTestCase {
    private func texts(_ hs: [Highlight], _ kind: HighlightKind) -> [String] {
        hs.filter { $0.kind == kind }.map(\.text)
    }

    private func keys(_ hs: [Highlight], _ kind: HighlightKind) -> [String] {
        hs.filter { $0.kind == kind }.map { "\($0.kpi)/\($0.key)" }
    }

    func testBeatsAreGreenResultsRankedByAttainmentAboveOne() {
        // orders/cloud 1234/1100 = 1.1218, orders/ALL 4820/4500 = 1.0711, orders/retail 3586/3400 = 1.0547;
        // gross margin ALL 0.42/0.40 = 1.05 is fourth and falls off at the limit of 3.
        let hs = HighlightRanker.highlights(for: Fixtures.weekly())
        XCTAssertEqual(keys(hs, .beat), ["orders/cloud", "orders/ALL", "orders/retail"])
        XCTAssertEqual(texts(hs, .beat), [
            "Orders for Cloud Platform came in at 1,234, 12.2% over target (1,100).",
            // Target contributions: retail 186/4500 = +4.1 pts, cloud 134/4500 = +3.0 pts.
            "Orders came in at 4,820, 7.1% over target (4,500); Retail Store (+4.1 pts) and Cloud Platform (+3.0 pts) drove the +7.1%.",
            "Orders for Retail Store came in at 3,586, 5.5% over target (3,400).",
        ])
    }

    func testMissesAreAmberOrRedRankedByShortfall() {
        // revenue/cloud 1 − 810/880 = 0.0795, margin/retail 1 − 0.35/0.38 = 0.0789, revenue/ALL 1 − 1210/1291 = 0.0627.
        // The Enterprise group holds only Cloud Platform, so it is not ranked twice.
        let hs = HighlightRanker.highlights(for: Fixtures.weekly())
        XCTAssertEqual(keys(hs, .miss), ["revenue/cloud", "gross_margin_pct/retail", "revenue/ALL"])
        XCTAssertEqual(texts(hs, .miss), [
            "Revenue for Cloud Platform came in at $810K, 8.0% under target ($880K).",
            "Gross margin for Retail Store came in at 35.0%, 3.0 pts under target (38.0%).",
            // −70000/1291000 = −5.4 pts, −11000/1291000 = −0.9 pts of the −6.3%.
            "Revenue came in at $1.21M, 6.3% under target ($1.29M); Cloud Platform (−5.4 pts) and Retail Store (−0.9 pts) drove the −6.3%.",
        ])
    }

    func testMoversTakeTheLargerOfPopAndYoY() {
        // orders/cloud yoy 234/1000 = 23.4%, orders/ALL yoy 720/4100 = 17.6%, revenue/cloud yoy 110/700 = 15.7%.
        let hs = HighlightRanker.highlights(for: Fixtures.weekly())
        XCTAssertEqual(keys(hs, .mover), ["orders/cloud", "orders/ALL", "revenue/cloud"])
        XCTAssertEqual(texts(hs, .mover), [
            "Orders for Cloud Platform rose 23.4% to 1,234, from 1,000 the same week last year.",
            "Orders rose 17.6% to 4,820, from 4,100 the same week last year; Retail Store (+11.9 pts) and Cloud Platform (+5.7 pts) drove the +17.6%.",
            "Revenue for Cloud Platform rose 15.7% to $810K, from $700K the same week last year.",
        ])
    }

    func testOrderIsBeatsThenMissesThenMovers() {
        let kinds = HighlightRanker.highlights(for: Fixtures.weekly()).map(\.kind)
        XCTAssertEqual(kinds, [.beat, .beat, .beat, .miss, .miss, .miss, .mover, .mover, .mover])
    }

    func testInProgressSentencesUseTargetToDateAndForecast() {
        let hs = HighlightRanker.highlights(for: Fixtures.monthly())
        // Cost is lower-is-better: 240/230 = 1.0435 attainment, 4.2% under the target to date.
        XCTAssertEqual(keys(hs, .beat), ["gross_margin_pct/cloud", "cost/cloud", "cost/ALL"])
        XCTAssertEqual(texts(hs, .beat)[1],
                       "Cost for Cloud Platform reached $230K after 12 of 30 days, 4.2% under target to date ($240K); forecast $575K vs a $600K target.")
        // Contributions to the −2.2%: retail −9000/624000 = −1.4 pts, cloud −5000/624000 = −0.8 pts.
        XCTAssertEqual(texts(hs, .miss)[2],
                       "Revenue reached $610K after 12 of 30 days, 2.2% under target to date ($624K); forecast $1.53M vs a $1.56M target; Retail Store (−1.4 pts) and Cloud Platform (−0.8 pts) drove the −2.2%.")
        XCTAssertEqual(texts(hs, .mover)[0],
                       "Cost for Cloud Platform rose 21.1% to $230K, from $190K in the first 12 days of the same month last year.")
    }

    func testNoTargetsGivesOnlyMovers() {
        let hs = HighlightRanker.highlights(for: Fixtures.withoutTargets())
        XCTAssertEqual(hs.map(\.kind), [.mover, .mover, .mover])
        XCTAssertEqual(keys(hs, .mover), ["orders/cloud", "orders/ALL", "revenue/cloud"])
    }

    func testLimitAppliesPerKind() {
        let hs = HighlightRanker.highlights(for: Fixtures.weekly(), limit: 1)
        XCTAssertEqual(hs.map { "\($0.kind.rawValue):\($0.kpi)/\($0.key)" },
                       ["beat:orders/cloud", "miss:revenue/cloud", "mover:orders/cloud"])
        XCTAssertEqual(HighlightRanker.highlights(for: Fixtures.weekly(), limit: 0), [])
    }

    // MARK: Ties

    /// Bravo is configured before Alpha; every beat below has attainment exactly 1.1.
    private func tiedReport(groups: [String], lines: [ProductLineInfo]) -> ReviewReport {
        let f = Fixtures.self
        var results = [
            f.result(f.revenue, .total, "ALL", actual: f.money(110), target: f.money(100), prior: nil, yoy: nil),
            f.result(f.revenue, .line, "bravo", actual: f.money(55), target: f.money(50), prior: nil, yoy: nil),
            f.result(f.revenue, .line, "alpha", actual: f.money(55), target: f.money(50), prior: nil, yoy: nil),
            f.result(f.orders, .total, "ALL", actual: f.count(110), target: f.count(100), prior: nil, yoy: nil),
        ]
        for g in groups {
            results.append(f.result(f.revenue, .group, g, actual: f.money(55), target: f.money(50), prior: nil, yoy: nil))
        }
        // Listed out of order on purpose: ranking must not depend on the results' order.
        results.reverse()
        return f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                        kpis: [f.revenue, f.orders], results: results, productLines: lines, groups: groups)
    }

    func testTiesBreakByKPIOrderThenLevelThenConfiguredLineOrder() {
        let lines = [ProductLineInfo(id: "bravo", name: "Bravo", group: "G"), ProductLineInfo(id: "alpha", name: "Alpha", group: nil),
                     ProductLineInfo(id: "charlie", name: "Charlie", group: "G")]
        let hs = HighlightRanker.highlights(for: tiedReport(groups: ["G"], lines: lines), limit: 10)
        XCTAssertEqual(keys(hs, .beat), ["revenue/ALL", "revenue/G", "revenue/bravo", "revenue/alpha", "orders/ALL"])
        XCTAssertEqual(hs.map(\.level).prefix(3), [.total, .group, .line])
    }

    func testGroupsThatRepeatALineOrTheTotalAreNotRanked() {
        let oneLine = [ProductLineInfo(id: "bravo", name: "Bravo", group: "G"), ProductLineInfo(id: "alpha", name: "Alpha", group: nil)]
        XCTAssertEqual(keys(HighlightRanker.highlights(for: tiedReport(groups: ["G"], lines: oneLine), limit: 10), .beat),
                       ["revenue/ALL", "revenue/bravo", "revenue/alpha", "orders/ALL"])
        let everyLine = [ProductLineInfo(id: "bravo", name: "Bravo", group: "G"), ProductLineInfo(id: "alpha", name: "Alpha", group: "G")]
        XCTAssertEqual(keys(HighlightRanker.highlights(for: tiedReport(groups: ["G"], lines: everyLine), limit: 10), .beat),
                       ["revenue/ALL", "revenue/bravo", "revenue/alpha", "orders/ALL"])
    }

    // MARK: Movers: size and thresholds

    func testTinyLinesDoNotDominateMovers() {
        let f = Fixtures.self
        let lines = [ProductLineInfo(id: "big", name: "Big", group: nil), ProductLineInfo(id: "tiny", name: "Tiny", group: nil)]
        let results = [
            // ALL +4.6%: 1_140 vs 1_090.
            f.result(f.revenue, .total, "ALL", actual: f.money(1_140), target: nil, prior: f.money(1_090), yoy: nil),
            // Big +3.0%: 1_100 vs 1_068; 96% of the total.
            f.result(f.revenue, .line, "big", actual: f.money(1_100), target: nil, prior: f.money(1_068), yoy: nil),
            // Tiny +81.8% but 40/1140 = 3.5% of the total (and 22/1090 before): below the 5% share.
            f.result(f.revenue, .line, "tiny", actual: f.money(40), target: nil, prior: f.money(22), yoy: nil),
        ]
        let report = f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.revenue], results: results, productLines: lines, groups: [])
        let hs = HighlightRanker.highlights(for: report)
        XCTAssertEqual(keys(hs, .mover), ["revenue/ALL", "revenue/big"])
        // Contributions: big 32/1090 = +2.9 pts, tiny 18/1090 = +1.7 pts of the +4.6%.
        XCTAssertEqual(hs[0].text,
                       "Revenue rose 4.6% to $1.14K, from $1.09K the prior week; Big (+2.9 pts) and Tiny (+1.7 pts) drove the +4.6%.")
    }

    func testMoverThresholdsAndPercentKPIsInPoints() {
        let f = Fixtures.self
        let results = [
            // +1.5% PoP: under the 2% threshold.
            f.result(f.revenue, .total, "ALL", actual: f.money(1_015), target: nil, prior: f.money(1_000), yoy: nil),
            // 0.8 pt PoP: under the 1 pt threshold even though it is +2.0% relative.
            f.result(f.margin, .total, "ALL", actual: .double(0.408), target: nil, prior: .double(0.40), yoy: nil),
            // 1.2 pts YoY down: a mover, told in points.
            f.result(f.margin, .line, "cloud", actual: .double(0.40), target: nil, prior: .double(0.40), yoy: .double(0.412)),
            // Cloud's weight comes from revenue, the first additive KPI: 600/1015 of the total.
            f.result(f.revenue, .line, "cloud", actual: f.money(600), target: nil, prior: f.money(600), yoy: nil),
            // No actual: never a mover, however big the numbers around it.
            f.result(f.margin, .line, "retail", actual: nil, target: nil, prior: .double(0.1), yoy: nil),
        ]
        let report = f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.revenue, f.margin], results: results)
        let hs = HighlightRanker.highlights(for: report)
        XCTAssertEqual(hs.map(\.text), ["Gross margin for Cloud Platform fell 1.2 pts to 40.0%, from 41.2% the same week last year."])
    }

    func testBetterLowerMissSaysOverTarget() {
        let f = Fixtures.self
        let results = [f.result(f.cost, .total, "ALL", actual: f.money(1_050_000), target: f.money(1_000_000), prior: nil, yoy: nil)]
        let report = f.report(cadence: .quarterly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.cost], results: results, productLines: [], groups: [])
        let hs = HighlightRanker.highlights(for: report)
        XCTAssertEqual(hs.map(\.kind), [.miss])
        XCTAssertEqual(hs.first?.text, "Cost came in at $1.05M, 5.0% over target ($1.00M).")
    }
    // MARK: Tone (SPEC 6.4)

    func testTonesBeatGoodMissBadMoverByItsBetterDirection() {
        let hs = HighlightRanker.highlights(for: Fixtures.monthly())
        XCTAssertEqual(hs.filter { $0.kind == .beat }.map(\.tone), [.good, .good, .good])
        XCTAssertEqual(hs.filter { $0.kind == .miss }.map(\.tone), [.bad, .bad, .bad])
        // Cost is better: lower; it rose 21.1% vs last year, so it is bad news.
        let costMover = try? XCTUnwrap(hs.first { $0.kind == .mover && $0.kpi == "cost" && $0.key == "cloud" })
        XCTAssertEqual(costMover?.text, "Cost for Cloud Platform rose 21.1% to $230K, from $190K in the first 12 days of the same month last year.")
        XCTAssertEqual(costMover?.tone, .bad)
    }

    func testMoverTonesForEveryDirectionAndBetter() {
        let f = Fixtures.self
        let lines = [ProductLineInfo(id: "cloud", name: "Cloud Platform", group: nil)]
        let results = [
            // Revenue (higher) fell 20.0%: bad. Cost (lower) fell 10.0%: good. Margin (higher) rose 3.0 pts: good.
            f.result(f.revenue, .total, "ALL", actual: f.money(800), target: nil, prior: f.money(1_000), yoy: nil),
            f.result(f.cost, .total, "ALL", actual: f.money(900), target: nil, prior: f.money(1_000), yoy: nil),
            f.result(f.margin, .total, "ALL", actual: .double(0.43), target: nil, prior: .double(0.40), yoy: nil),
        ]
        var report = f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.revenue, f.cost, f.margin], results: results, productLines: lines, groups: [])
        let hs = HighlightRanker.highlights(for: report)
        report.highlights = hs
        XCTAssertEqual(hs.map { "\($0.tone.rawValue): \($0.text)" }, [
            "bad: Revenue fell 20.0% to $800.00, from $1.00K the prior week.",
            "good: Cost fell 10.0% to $900.00, from $1.00K the prior week.",
            "good: Gross margin rose 3.0 pts to 43.0%, from 40.0% the prior week.",
        ])
        // The summaries list good news under Highlights and bad news under Lowlights.
        let sections = HighlightSections(report)
        XCTAssertEqual(sections.good.map(\.kpi), ["cost", "gross_margin_pct"])
        XCTAssertEqual(sections.bad.map(\.kpi), ["revenue"])
    }

    func testCostThatRoseIsALowlightInTheMarkdown() {
        let f = Fixtures.self
        let results = [f.result(f.cost, .total, "ALL", actual: f.money(1_300), target: nil, prior: f.money(1_000), yoy: nil)]
        var report = f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.cost], results: results, productLines: [], groups: [])
        report.highlights = HighlightRanker.highlights(for: report)
        let md = MarkdownWriter.render(report)
        let highlights = try? XCTUnwrap(md.range(of: "## Highlights")), lowlights = try? XCTUnwrap(md.range(of: "## Lowlights"))
        guard let h = highlights, let l = lowlights else { return XCTFail("no highlight sections") }
        let between = String(md[h.upperBound..<l.lowerBound]), after = String(md[l.upperBound...])
        XCTAssertEqual(between.trimmingCharacters(in: .whitespacesAndNewlines),
                       "No targets set, and no KPI moved notably the right way.")
        XCTAssertTrue(after.hasPrefix("\n\n- Cost rose 30.0% to $1.30K, from $1.00K the prior week.\n"), after)
    }
    func testUnusualValuesBySideAndBetterRankedByDistance() {
        let f = Fixtures.self
        var cost = f.result(f.cost, .total, "ALL", actual: f.money(900), target: nil, prior: nil, yoy: nil)
        // Below a lower limit of 950 by 50, range width 100: score 0.5; lower is better → good news.
        cost.unusual = Unusual(side: .below, center: 1_000, lower: 950, upper: 1_050)
        var margin = f.result(f.margin, .line, "cloud", actual: .double(0.30), target: nil, prior: nil, yoy: nil)
        margin.unusual = Unusual(side: .below, center: 0.40, lower: 0.35, upper: 0.45)
        var revenue = f.result(f.revenue, .total, "ALL", actual: f.money(1_300), target: nil, prior: nil, yoy: nil)
        // 1300 − 1200 = 100 past the upper limit, width 400: score 0.25.
        revenue.unusual = Unusual(side: .above, center: 1_000, lower: 800, upper: 1_200)
        let report = f.report(cadence: .weekly, period: f.weekPeriod, asOf: f.day("2026-11-16"), windows: f.weekWindows,
                              kpis: [f.revenue, f.cost, f.margin], results: [revenue, cost, margin])
        let hs = HighlightRanker.highlights(for: report).filter { $0.kind == .unusual }
        XCTAssertEqual(hs.map { "\($0.tone.rawValue): \($0.text)" }, [
            // 0.35 − 0.30 = 0.05 of a 0.10 range: 0.5, tied with cost; the tie goes by KPI order.
            "good: Cost at $900.00 is below its usual range ($950.00–$1.05K).",
            "bad: Gross margin for Cloud Platform at 30.0% is below its usual range (35.0%–45.0%).",
            "good: Revenue at $1.30K is above its usual range ($800.00–$1.20K).",
        ])
    }
}
