import KPICalendar
import KPIFields
import KPIReport

/// A small hand-made review: 2 KPIs (revenue in currency, gross margin in percent), ALL, one group
/// (Enterprise = cloud) and two lines (cloud, retail), every status colour, nulls, a few history points.
enum Fixture {
    static func day(_ s: String) -> Day {
        guard let d = Day.parse(s) else { fatalError("bad fixture day \(s)") }
        return d
    }

    static func money(_ v: Double) -> Num {
        guard let f = Fixed.rounding(v) else { fatalError("bad money \(v)") }
        return .fixed(f)
    }

    static let revenueInfo = KPIInfo(id: "revenue", name: "Revenue", unit: .currency, better: .higher,
                                     definition: "sum(amount) from revenue", source: "revenue", agg: "sum", value: "amount",
                                     additive: true)
    static let marginInfo = KPIInfo(id: "gross_margin_pct", name: "Gross margin", unit: .percent, better: .higher,
                                    definition: "(revenue - cost) / revenue", formula: "(revenue - cost) / revenue")

    static func report(complete: Bool = true, kpis: [KPIInfo]? = nil) -> ReviewReport {
        let period = complete
            ? PeriodInfo(id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"), days: 7, elapsedDays: 7, complete: true)
            : PeriodInfo(id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"), days: 7, elapsedDays: 3, complete: false)
        let asOf = complete ? day("2026-11-16") : day("2026-11-11")
        let windows = Windows(
            prior: WindowInfo(id: "2026-W45", start: day("2026-11-02"), end: day("2026-11-08")),
            yoy: WindowInfo(id: "2025-W46", start: day("2025-11-10"), end: day("2025-11-16")),
            qtd: WindowInfo(id: "2026-Q4", start: day("2026-10-01"), end: day("2026-11-15")),
            qtdYoy: WindowInfo(id: "2026-Q4", start: day("2025-10-01"), end: day("2025-11-15")),
            ytd: WindowInfo(id: "2026", start: day("2026-01-01"), end: day("2026-11-15")),
            ytdYoy: WindowInfo(id: "2026", start: day("2025-01-01"), end: day("2025-11-15")))
        var results = revenueResults(complete: complete) + marginResults()
        let infos = kpis ?? [revenueInfo, marginInfo]
        if kpis != nil {
            // Reuse the fixture's results under the given KPI ids (sheet-name tests).
            results = infos.enumerated().flatMap { i, info in
                (i % 2 == 0 ? revenueResults(complete: complete) : marginResults()).map { r in
                    var r = r; r.kpi = info.id; return r
                }
            }
        }
        return ReviewReport(
            tool: ToolInfo(version: "0.9.0"), title: "Acme weekly business review", company: "Acme Corp",
            cadence: .weekly, asOf: asOf, period: period, windows: windows,
            productLines: [ProductLineInfo(id: "cloud", name: "Cloud Platform", group: "Enterprise"),
                           ProductLineInfo(id: "retail", name: "Retail Store", group: nil)],
            groups: ["Enterprise"], kpis: infos, results: results, highlights: [],
            dataQuality: DataQuality(sources: [
                SourceQuality(name: "revenue", path: "data/revenue.csv", sha256: String(repeating: "ab", count: 32), bytes: 12_345,
                              rowsRead: 1_000, rowsAccepted: 990, rowsRejected: 4, rowsAfterAsOf: 5, rowsBlank: 1,
                              firstDate: day("2024-01-01"), lastDate: day("2026-11-15"), stale: false,
                              firstRejections: ["data/revenue.csv:17:3: amount is not a number (N/A)"]),
            ], warnings: ["line retail has rows but no target for revenue"]),
            presentation: Presentation(currency: "USD", currencySymbol: "$", statusStyle: .emoji, amber: 0.10),
            run: RunFacts(configPath: "kpireview.yml", configSHA256: String(repeating: "0f", count: 32)))
    }

    /// ALL green, Enterprise amber (explicit target), cloud red, retail without target (none).
    static func revenueResults(complete: Bool) -> [KPIResult] {
        var all = KPIResult(kpi: "revenue", level: .total, key: "ALL")
        all.actual = money(125_000.5); all.target = money(120_000); all.targetToDate = money(120_000)
        all.targetSource = .sumOfLines; all.attainment = 125_000.5 / 120_000; all.variance = money(5_000.5)
        all.variancePct = 5_000.5 / 120_000; all.status = .green
        all.prior = money(110_000); all.priorChange = money(15_000.5); all.priorChangePct = 15_000.5 / 110_000
        all.yoy = money(100_000); all.yoyChange = money(25_000.5); all.yoyChangePct = 0.250005
        all.qtd = money(1_500_000); all.qtdTarget = money(1_400_000); all.qtdAttainment = 1_500_000.0 / 1_400_000; all.qtdYoy = money(1_300_000)
        all.ytd = money(6_000_000); all.ytdTarget = money(5_800_000); all.ytdAttainment = 6_000_000.0 / 5_800_000; all.ytdYoy = money(5_500_000)
        if !complete {
            all.forecast = money(291_667.833333); all.requiredPerDay = money(-10_000); all.targetToDate = money(51_428.571429)
        }
        all.history = [
            HistoryPoint(grain: .week, id: "2026-W44", start: day("2026-10-26"), end: day("2026-11-01"),
                         actual: money(100_000), yoy: money(90_000), target: money(105_000)),
            HistoryPoint(grain: .week, id: "2026-W45", start: day("2026-11-02"), end: day("2026-11-08"),
                         actual: money(110_000), yoy: money(95_000), target: nil),
            HistoryPoint(grain: .week, id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"),
                         actual: money(125_000.5), yoy: money(100_000), target: money(120_000)),
            HistoryPoint(grain: .month, id: "2026-09", start: day("2026-09-01"), end: day("2026-09-30"),
                         actual: money(450_000), yoy: money(400_000), target: money(440_000)),
            HistoryPoint(grain: .month, id: "2026-10", start: day("2026-10-01"), end: day("2026-10-31"),
                         actual: money(480_000), yoy: nil, target: money(470_000)),
        ]

        var group = KPIResult(kpi: "revenue", level: .group, key: "Enterprise")
        group.actual = money(80_000); group.target = money(85_000); group.targetToDate = money(85_000); group.targetSource = .explicit
        group.attainment = 80_000.0 / 85_000; group.variance = money(-5_000); group.variancePct = -5_000.0 / 85_000; group.status = .amber
        group.prior = money(78_000); group.priorChange = money(2_000); group.priorChangePct = 2_000.0 / 78_000

        var cloud = KPIResult(kpi: "revenue", level: .line, key: "cloud")
        cloud.actual = money(80_000); cloud.target = money(95_000); cloud.targetToDate = money(95_000); cloud.targetSource = .explicit
        cloud.attainment = 80_000.0 / 95_000; cloud.variance = money(-15_000); cloud.variancePct = -15_000.0 / 95_000; cloud.status = .red
        cloud.contribution = Contribution(prior: nil, yoy: 0.1, target: nil)

        var retail = KPIResult(kpi: "revenue", level: .line, key: "retail")
        retail.actual = money(45_000.5); retail.status = .none
        return [all, group, cloud, retail]
    }

    /// ALL green (+2 pts vs prior), Enterprise amber, cloud red, retail null (none).
    static func marginResults() -> [KPIResult] {
        var all = KPIResult(kpi: "gross_margin_pct", level: .total, key: "ALL")
        all.actual = .double(0.42); all.target = .double(0.4); all.targetToDate = .double(0.4); all.targetSource = .implied
        all.attainment = 1.05; all.variance = .double(0.02); all.variancePct = 0.05; all.status = .green
        all.prior = .double(0.4); all.priorChange = .double(0.02); all.priorChangePct = 0.05
        all.history = [
            HistoryPoint(grain: .week, id: "2026-W45", start: day("2026-11-02"), end: day("2026-11-08"),
                         actual: .double(0.4), yoy: nil, target: nil),
            HistoryPoint(grain: .week, id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"),
                         actual: .double(0.42), yoy: nil, target: .double(0.4)),
        ]
        var group = KPIResult(kpi: "gross_margin_pct", level: .group, key: "Enterprise")
        group.actual = .double(0.38); group.target = .double(0.4); group.status = .amber
        var cloud = KPIResult(kpi: "gross_margin_pct", level: .line, key: "cloud")
        cloud.actual = .double(0.38); cloud.target = .double(0.45); cloud.status = .red
        let retail = KPIResult(kpi: "gross_margin_pct", level: .line, key: "retail")
        return [all, group, cloud, retail]
    }
}
