import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// Small review reports built by hand. The derived fields (attainment, variance, status, changes,
/// contributions) follow SPEC 6.4 here so each fixture is stated by its inputs alone.
enum Fixtures {
    static func day(_ text: String) -> Day {
        guard let d = Day.parse(text) else { preconditionFailure("bad fixture date \(text)") }
        return d
    }

    static func money(_ v: Double) -> Num { .fixed(Fixed.rounding(v) ?? .zero) }
    static func count(_ v: Int) -> Num { .fixed(Fixed(integer: v)) }

    static let revenue = KPIInfo(id: "revenue", name: "Revenue", unit: .currency, better: .higher,
                                 definition: "sum(amount) from revenue", source: "revenue", agg: "sum", value: "amount",
                                 additive: true)
    static let orders = KPIInfo(id: "orders", name: "Orders", unit: .count, better: .higher,
                                definition: "count() from orders where status in ('completed', 'shipped')",
                                source: "orders", agg: "count", whereClause: "status in ('completed', 'shipped')",
                                additive: true)
    static let margin = KPIInfo(id: "gross_margin_pct", name: "Gross margin", unit: .percent, better: .higher,
                                definition: "(revenue - cost) / revenue", formula: "(revenue - cost) / revenue")
    static let cost = KPIInfo(id: "cost", name: "Cost", unit: .currency, better: .lower,
                              definition: "sum(amount) from costs", source: "costs", agg: "sum", value: "amount",
                              additive: true)

    static let lines = [ProductLineInfo(id: "cloud", name: "Cloud Platform", group: "Enterprise"),
                        ProductLineInfo(id: "retail", name: "Retail Store", group: nil)]

    /// One result with SPEC 6.4's derived fields. `period` gives in-progress facts (forecast, full target).
    static func result(_ kpi: KPIInfo, _ level: Level, _ key: String, actual: Num?, target: Num?,
                       prior: Num?, yoy: Num?, targetToDate: Num? = nil, forecast: Num? = nil,
                       qtdAttainment: Double? = nil, amber: Double = 0.10) -> KPIResult {
        var r = KPIResult(kpi: kpi.id, level: level, key: key)
        r.actual = actual
        r.target = target
        r.targetToDate = targetToDate ?? target
        r.targetSource = target == nil ? nil : (level == .line ? .explicit : .sumOfLines)
        r.forecast = forecast
        if let a = actual, let t = r.targetToDate {
            r.attainment = attainment(a.double, t.double, kpi.better)
            r.variance = a - t
            r.variancePct = t.isZero ? nil : (a.double - t.double) / abs(t.double)
        }
        r.status = status(forecast ?? actual, target, kpi.better, amber)
        r.prior = prior
        if let a = actual, let p = prior {
            r.priorChange = a - p
            r.priorChangePct = p.isZero ? nil : (a.double - p.double) / abs(p.double)
        }
        r.yoy = yoy
        if let a = actual, let y = yoy {
            r.yoyChange = a - y
            r.yoyChangePct = y.isZero ? nil : (a.double - y.double) / abs(y.double)
        }
        r.qtdAttainment = qtdAttainment
        return r
    }

    static func attainment(_ a: Double, _ t: Double, _ better: Better) -> Double? {
        switch better {
        case .higher: return t > 0 && a >= 0 ? a / t : nil
        case .lower: return a > 0 && t >= 0 ? t / a : nil
        }
    }

    static func status(_ v: Num?, _ t: Num?, _ better: Better, _ amber: Double) -> Status {
        guard let v = v?.double, let t = t?.double else { return .none }
        switch better {
        case .higher: return v >= t ? .green : (v >= t - amber * abs(t) ? .amber : .red)
        case .lower: return v <= t ? .green : (v <= t + amber * abs(t) ? .amber : .red)
        }
    }

    /// SPEC 6.4 contributions on the line rows of additive KPIs, from the lines and ALL.
    static func addContributions(_ results: inout [KPIResult], additive: Set<String>) {
        for i in results.indices where results[i].level == .line && additive.contains(results[i].kpi) {
            let line = results[i]
            guard let all = results.first(where: { $0.kpi == line.kpi && $0.level == .total }) else { continue }
            func share(_ lineBase: Num?, _ allBase: Num?) -> Double? {
                guard let a = line.actual?.double, let b = lineBase?.double, let t = allBase?.double, t != 0 else { return nil }
                return (a - b) / abs(t)
            }
            let target = all.targetSource == .sumOfLines ? share(line.targetToDate, all.targetToDate) : nil
            results[i].contribution = Contribution(prior: share(line.prior, all.prior), yoy: share(line.yoy, all.yoy),
                                                   target: target)
        }
    }

    static func report(cadence: Cadence, period: PeriodInfo, asOf: Day, windows: Windows, kpis: [KPIInfo],
                       results: [KPIResult], productLines: [ProductLineInfo] = lines, groups: [String] = ["Enterprise"],
                       sources: [SourceQuality] = [], warnings: [String] = [],
                       presentation: Presentation = Presentation()) -> ReviewReport {
        var results = results
        addContributions(&results, additive: Set(kpis.filter(\.additive).map(\.id)))
        return ReviewReport(tool: ToolInfo(version: "0.1.0"), title: "Acme \(cadence.rawValue) business review",
                            company: "Acme Corp", cadence: cadence, asOf: asOf, period: period, windows: windows,
                            productLines: productLines, groups: groups, kpis: kpis, results: results, highlights: [],
                            dataQuality: DataQuality(sources: sources, warnings: warnings),
                            presentation: presentation, run: RunFacts(configPath: "kpireview.yml", configSHA256: "0"))
    }

    // MARK: Complete week 2026-W46

    static let weekPeriod = PeriodInfo(id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"), days: 7,
                                       elapsedDays: 7, complete: true)
    static let weekWindows = Windows(
        prior: WindowInfo(id: "2026-W45", start: day("2026-11-02"), end: day("2026-11-08")),
        yoy: WindowInfo(id: "2025-W46", start: day("2025-11-10"), end: day("2025-11-16")),
        qtd: WindowInfo(id: "2026-Q4", start: day("2026-10-01"), end: day("2026-11-15")),
        qtdYoy: WindowInfo(id: "2025-Q4", start: day("2025-10-01"), end: day("2025-11-15")),
        ytd: WindowInfo(id: "2026", start: day("2026-01-01"), end: day("2026-11-15")),
        ytdYoy: WindowInfo(id: "2025", start: day("2025-01-01"), end: day("2025-11-15")))

    /// Revenue misses (amber), orders beat, gross margin mixed. Enterprise holds only Cloud Platform.
    static func weeklyResults() -> [KPIResult] {
        [
            result(revenue, .total, "ALL", actual: money(1_210_000), target: money(1_291_000),
                   prior: money(1_275_000), yoy: money(1_100_000), qtdAttainment: 0.981),
            result(revenue, .group, "Enterprise", actual: money(810_000), target: money(880_000),
                   prior: money(862_000), yoy: money(700_000), qtdAttainment: 0.95),
            result(revenue, .line, "cloud", actual: money(810_000), target: money(880_000),
                   prior: money(862_000), yoy: money(700_000), qtdAttainment: 0.95),
            result(revenue, .line, "retail", actual: money(400_000), target: money(411_000),
                   prior: money(413_000), yoy: money(400_000), qtdAttainment: 1.04),
            result(orders, .total, "ALL", actual: count(4_820), target: count(4_500), prior: count(4_700),
                   yoy: count(4_100), qtdAttainment: 1.02),
            result(orders, .group, "Enterprise", actual: count(1_234), target: count(1_100), prior: count(1_300),
                   yoy: count(1_000), qtdAttainment: 1.1),
            result(orders, .line, "cloud", actual: count(1_234), target: count(1_100), prior: count(1_300),
                   yoy: count(1_000), qtdAttainment: 1.1),
            result(orders, .line, "retail", actual: count(3_586), target: count(3_400), prior: count(3_400),
                   yoy: count(3_100), qtdAttainment: 1.0),
            result(margin, .total, "ALL", actual: .double(0.42), target: .double(0.40), prior: .double(0.41),
                   yoy: .double(0.385), qtdAttainment: 1.01),
            result(margin, .group, "Enterprise", actual: .double(0.455), target: .double(0.45), prior: .double(0.47),
                   yoy: .double(0.44)),
            result(margin, .line, "cloud", actual: .double(0.455), target: .double(0.45), prior: .double(0.47),
                   yoy: .double(0.44)),
            result(margin, .line, "retail", actual: .double(0.35), target: .double(0.38), prior: .double(0.30),
                   yoy: .double(0.33)),
        ]
    }

    static let weeklySources = [
        SourceQuality(name: "orders", path: "data/orders.csv", sha256: "ab", bytes: 1000, rowsRead: 5_210,
                      rowsAccepted: 5_200, rowsRejected: 2, rowsAfterAsOf: 5, rowsBlank: 3,
                      firstDate: day("2024-01-01"), lastDate: day("2026-11-16"), stale: false,
                      firstRejections: ["data/orders.csv:17:1: date does not parse (2026-13-01)",
                                        "data/orders.csv:90:4: number does not parse (N/A)"]),
        SourceQuality(name: "revenue", path: "data/revenue.csv", sha256: "cd", bytes: 900, rowsRead: 812,
                      rowsAccepted: 812, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                      firstDate: day("2024-01-01"), lastDate: day("2026-11-10"), stale: true),
    ]

    static func weekly(presentation: Presentation = Presentation()) -> ReviewReport {
        var r = report(cadence: .weekly, period: weekPeriod, asOf: day("2026-11-16"), windows: weekWindows,
                       kpis: [revenue, orders, margin], results: weeklyResults(), sources: weeklySources,
                       warnings: ["line `other` got 3 rows: Gadgets|Misc (2), *new* (1)"], presentation: presentation)
        r.highlights = HighlightRanker.highlights(for: r)
        return r
    }

    // MARK: November 2026, in progress on day 12 of 30

    static let monthPeriod = PeriodInfo(id: "2026-11", start: day("2026-11-01"), end: day("2026-11-30"), days: 30,
                                        elapsedDays: 12, complete: false)
    static let monthWindows = Windows(
        prior: WindowInfo(id: "2026-10", start: day("2026-10-01"), end: day("2026-10-12")),
        yoy: WindowInfo(id: "2025-11", start: day("2025-11-01"), end: day("2025-11-12")),
        qtd: WindowInfo(id: "2026-Q4", start: day("2026-10-01"), end: day("2026-11-12")),
        qtdYoy: WindowInfo(id: "2025-Q4", start: day("2025-10-01"), end: day("2025-11-12")),
        ytd: WindowInfo(id: "2026", start: day("2026-01-01"), end: day("2026-11-12")),
        ytdYoy: WindowInfo(id: "2025", start: day("2025-01-01"), end: day("2025-11-12")))

    /// Revenue a bit behind to date (forecast amber); cost (lower is better) under budget.
    static func monthlyResults() -> [KPIResult] {
        [
            result(revenue, .total, "ALL", actual: money(610_000), target: money(1_560_000), prior: money(580_000),
                   yoy: money(560_000), targetToDate: money(624_000), forecast: money(1_525_000), qtdAttainment: 0.99),
            result(revenue, .group, "Enterprise", actual: money(395_000), target: money(1_000_000), prior: money(352_000),
                   yoy: money(330_000), targetToDate: money(400_000), forecast: money(987_500), qtdAttainment: 0.97),
            result(revenue, .line, "cloud", actual: money(395_000), target: money(1_000_000), prior: money(352_000),
                   yoy: money(330_000), targetToDate: money(400_000), forecast: money(987_500), qtdAttainment: 0.97),
            result(revenue, .line, "retail", actual: money(215_000), target: money(560_000), prior: money(228_000),
                   yoy: money(230_000), targetToDate: money(224_000), forecast: money(537_500), qtdAttainment: 1.01),
            result(cost, .total, "ALL", actual: money(350_000), target: money(900_000), prior: money(340_000),
                   yoy: money(300_000), targetToDate: money(360_000), forecast: money(875_000)),
            result(cost, .group, "Enterprise", actual: money(230_000), target: money(600_000), prior: money(220_000),
                   yoy: money(190_000), targetToDate: money(240_000), forecast: money(575_000)),
            result(cost, .line, "cloud", actual: money(230_000), target: money(600_000), prior: money(220_000),
                   yoy: money(190_000), targetToDate: money(240_000), forecast: money(575_000)),
            result(cost, .line, "retail", actual: money(120_000), target: money(300_000), prior: money(120_000),
                   yoy: money(110_000), targetToDate: money(120_000), forecast: money(300_000)),
            result(margin, .total, "ALL", actual: .double(0.426229), target: .double(0.42), prior: .double(0.413793),
                   yoy: .double(0.464286), forecast: .double(0.426229)),
            result(margin, .group, "Enterprise", actual: .double(0.417722), target: .double(0.40), prior: .double(0.375),
                   yoy: .double(0.424242), forecast: .double(0.417722)),
            result(margin, .line, "cloud", actual: .double(0.417722), target: .double(0.40), prior: .double(0.375),
                   yoy: .double(0.424242), forecast: .double(0.417722)),
            result(margin, .line, "retail", actual: .double(0.441860), target: .double(0.46), prior: .double(0.473684),
                   yoy: .double(0.521739), forecast: .double(0.441860)),
        ]
    }

    static func monthly() -> ReviewReport {
        let sources = [SourceQuality(name: "revenue", path: "data/revenue.csv", sha256: "cd", bytes: 900, rowsRead: 420,
                                     rowsAccepted: 420, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                                     firstDate: day("2024-01-01"), lastDate: day("2026-11-12"), stale: false),
                       SourceQuality(name: "costs", path: "data/costs.csv", sha256: "ef", bytes: 300, rowsRead: 96,
                                     rowsAccepted: 96, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                                     firstDate: day("2024-01-01"), lastDate: day("2026-11-12"), stale: false)]
        var r = report(cadence: .monthly, period: monthPeriod, asOf: day("2026-11-12"), windows: monthWindows,
                       kpis: [revenue, cost, margin], results: monthlyResults(), sources: sources)
        r.highlights = HighlightRanker.highlights(for: r)
        return r
    }

    // MARK: No targets at all

    static func withoutTargets() -> ReviewReport {
        let results = weeklyResults().map { r -> KPIResult in
            let info = [revenue, orders, margin].first { $0.id == r.kpi } ?? revenue
            return result(info, r.level, r.key, actual: r.actual, target: nil, prior: r.prior, yoy: r.yoy)
        }
        var r = report(cadence: .weekly, period: weekPeriod, asOf: day("2026-11-16"), windows: weekWindows,
                       kpis: [revenue, orders, margin], results: results)
        r.highlights = HighlightRanker.highlights(for: r)
        return r
    }
}

extension Fixtures {
    /// The complete week with twelve restatements (SPEC 6.6): more than the summaries' ten, totals,
    /// a group and lines, a null change_pct (published 0), a percent KPI (changes in points).
    static func weeklyRestated() -> ReviewReport {
        var r = weekly()
        let week = ("2026-W45", day("2026-11-02"), "weekly/2026-W45/kpi-review-weekly-2026-W45.json")
        let month = ("2026-10", day("2026-10-01"), "monthly/2026-10/kpi-review-monthly-2026-10.json")
        func x(_ kpi: String, _ level: Level, _ key: String, _ p: (String, Day, String), _ was: Num?, _ now: Num?) -> Restatement {
            Restatement(kpi: kpi, level: level, key: key, grain: p.0 == "2026-10" ? .month : .week, period: p.0, periodStart: p.1,
                        published: was, now: now, publishedIn: p.2)
        }
        r.restatements = [
            x("revenue", .total, "ALL", month, money(5_100_000), money(5_112_500)),
            x("revenue", .total, "ALL", week, money(1_275_000), money(1_281_000)),
            x("revenue", .group, "Enterprise", week, money(862_000), money(868_000)),
            x("revenue", .line, "cloud", week, money(862_000), money(868_000)),
            x("revenue", .line, "retail", month, money(0), money(12_500)),
            x("orders", .total, "ALL", month, count(20_100), count(20_140)),
            x("orders", .total, "ALL", week, count(4_700), count(4_712)),
            x("orders", .line, "cloud", week, count(1_300), count(1_312)),
            x("orders", .line, "retail", month, count(14_000), count(14_040)),
            x("gross_margin_pct", .total, "ALL", week, .double(0.41), .double(0.4135)),
            x("gross_margin_pct", .line, "cloud", week, .double(0.47), .double(0.4712)),
            x("gross_margin_pct", .line, "retail", month, .double(0.30), nil),
        ]
        return r
    }
}

extension Fixtures {
    /// The complete week with events (SPEC 6.7): two in the period (one for every KPI, one for a
    /// line), one on an earlier point only.
    static func weeklyWithEvents() -> ReviewReport {
        var r = weekly()
        r.annotations = [
            Annotation(date: day("2026-10-20"), kpi: "revenue", productLine: nil, text: "Price change", grain: .week, id: "2026-W43", event: 0),
            Annotation(date: day("2026-11-10"), kpi: nil, productLine: nil, text: "Sales kick-off", grain: .week, id: "2026-W46", event: 1),
            Annotation(date: day("2026-11-12"), kpi: "orders", productLine: "cloud", text: "Cloud *launch*", grain: .week, id: "2026-W46", event: 2),
        ]
        return r
    }
}
