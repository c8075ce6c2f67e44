import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// Reports for the WBR box (`WBRBox`): every KPI unit, growth that speeds up and slows down, a
/// null to-date window, one weekly (with MTD), monthly (no MTD) and quarterly (no MTD, no QTD).
/// The change fields are derived from the values as SPEC 6.4 and 7.3 say, so each row is stated
/// by its inputs alone.
public enum WBRBoxFixtures {
    static func day(_ text: String) -> Day { ChartFixtures.day(text) }
    static func money(_ v: Double) -> Num { .fixed(Fixed.rounding(v) ?? .zero) }

    public static let revenue = ChartFixtures.kpi("revenue", "Revenue", .currency)
    public static let orders = ChartFixtures.kpi("orders", "Orders", .count)
    public static let margin = KPIInfo(id: "gross_margin_pct", name: "Gross margin", unit: .percent, better: .higher,
                                       definition: "(revenue - cost) / revenue", formula: "(revenue - cost) / revenue")
    public static let cost = ChartFixtures.kpi("cost", "Cost", .currency, better: .lower)

    /// One row's values: (actual, prior, yoy, the prior's yoy), then (mtd, mtd yoy), (qtd, qtd yoy), (ytd, ytd yoy), targets.
    struct Values {
        var actual, prior, yoy, priorYoy: Num?
        var mtd, mtdYoy, qtd, qtdYoy, ytd, ytdYoy: Num?
        var target, mtdTarget, qtdTarget, ytdTarget: Num?
    }

    static func change(_ a: Num?, _ b: Num?) -> (Num?, Double?) {
        guard let a, let b else { return (nil, nil) }
        return (a - b, b.isZero ? nil : (a - b).double / abs(b.double))
    }

    static func row(_ kpi: KPIInfo, _ level: Level, _ key: String, _ v: Values, cadence: Cadence) -> KPIResult {
        var r = KPIResult(kpi: kpi.id, level: level, key: key)
        r.actual = v.actual; r.prior = v.prior; r.yoy = v.yoy
        r.target = v.target; r.targetToDate = v.target
        if let a = v.actual?.double, let t = v.target?.double {
            r.attainment = kpi.better == .higher ? a / t : t / a
            r.status = (kpi.better == .higher ? a >= t : a <= t) ? .green : .amber
        }
        (r.priorChange, r.priorChangePct) = change(v.actual, v.prior)
        (r.yoyChange, r.yoyChangePct) = change(v.actual, v.yoy)
        (r.yoyChangePrior, r.yoyChangePctPrior) = change(v.prior, v.priorYoy)
        if cadence == .weekly {
            r.mtd = v.mtd; r.mtdYoy = v.mtdYoy; r.mtdTarget = v.mtdTarget
            (r.mtdYoyChange, r.mtdYoyChangePct) = change(v.mtd, v.mtdYoy)
        }
        if cadence != .quarterly {
            r.qtd = v.qtd; r.qtdYoy = v.qtdYoy; r.qtdTarget = v.qtdTarget
            (r.qtdYoyChange, r.qtdYoyChangePct) = change(v.qtd, v.qtdYoy)
        }
        r.ytd = v.ytd; r.ytdYoy = v.ytdYoy; r.ytdTarget = v.ytdTarget
        (r.ytdYoyChange, r.ytdYoyChangePct) = change(v.ytd, v.ytdYoy)
        return r
    }

    /// Revenue +12.4% YoY against +11.1% the week before (1.3 pts faster); orders slowing; the
    /// margin in points; cost (better lower) with no year-ago MTD (the source started this month).
    static func rows(_ cadence: Cadence) -> [KPIResult] {
        [
            row(revenue, .total, "ALL", Values(
                actual: money(1_236_400), prior: money(1_166_100), yoy: money(1_100_000), priorYoy: money(1_049_600),
                mtd: money(2_480_000), mtdYoy: money(2_250_000), qtd: money(8_900_000), qtdYoy: money(8_100_000),
                ytd: money(52_300_000), ytdYoy: money(47_900_000),
                target: money(1_200_000), mtdTarget: money(2_400_000), qtdTarget: money(9_000_000), ytdTarget: money(52_000_000)),
                cadence: cadence),
            row(revenue, .line, "cloud", Values(
                actual: money(836_400), prior: money(766_100), yoy: money(700_000), priorYoy: money(690_000),
                mtd: money(1_680_000), mtdYoy: money(1_450_000), qtd: money(6_100_000), qtdYoy: money(5_300_000),
                ytd: money(36_300_000), ytdYoy: money(31_900_000)),
                cadence: cadence),
            row(orders, .total, "ALL", Values(
                actual: .fixed(Fixed(integer: 4_820)), prior: .fixed(Fixed(integer: 4_700)), yoy: .fixed(Fixed(integer: 4_600)),
                priorYoy: .fixed(Fixed(integer: 4_200)),
                mtd: .fixed(Fixed(integer: 9_520)), mtdYoy: .fixed(Fixed(integer: 9_100)), qtd: .fixed(Fixed(integer: 35_800)),
                qtdYoy: .fixed(Fixed(integer: 33_000)), ytd: .fixed(Fixed(integer: 201_000)), ytdYoy: .fixed(Fixed(integer: 190_000))),
                cadence: cadence),
            row(margin, .total, "ALL", Values(
                actual: .double(0.42), prior: .double(0.41), yoy: .double(0.385), priorYoy: .double(0.39),
                mtd: .double(0.415), mtdYoy: .double(0.40), qtd: .double(0.412), qtdYoy: .double(0.405),
                ytd: .double(0.408), ytdYoy: .double(0.401), target: .double(0.40)),
                cadence: cadence),
            row(cost, .total, "ALL", Values(
                actual: money(712_000), prior: money(690_000), yoy: money(640_000), priorYoy: money(605_000),
                mtd: money(1_402_000), mtdYoy: nil, qtd: money(5_100_000), qtdYoy: money(4_700_000),
                ytd: money(30_200_000), ytdYoy: money(27_800_000), target: money(700_000)),
                cadence: cadence),
        ]
    }

    public static func report(_ cadence: Cadence) -> ReviewReport {
        let period: PeriodInfo, windows: Windows
        func w(_ id: String, _ a: String, _ b: String) -> WindowInfo { WindowInfo(id: id, start: day(a), end: day(b)) }
        switch cadence {
        case .weekly:
            period = PeriodInfo(id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"), days: 7, elapsedDays: 7, complete: true)
            windows = Windows(prior: w("2026-W45", "2026-11-02", "2026-11-08"), yoy: w("2025-W46", "2025-11-10", "2025-11-16"),
                              qtd: w("2026-Q4", "2026-10-01", "2026-11-15"), qtdYoy: w("2025-Q4", "2025-10-01", "2025-11-15"),
                              ytd: w("2026", "2026-01-01", "2026-11-15"), ytdYoy: w("2025", "2025-01-01", "2025-11-15"),
                              mtd: w("2026-11", "2026-11-01", "2026-11-15"), mtdYoy: w("2025-11", "2025-11-01", "2025-11-15"))
        case .monthly:
            period = PeriodInfo(id: "2026-10", start: day("2026-10-01"), end: day("2026-10-31"), days: 31, elapsedDays: 31, complete: true)
            windows = Windows(prior: w("2026-09", "2026-09-01", "2026-09-30"), yoy: w("2025-10", "2025-10-01", "2025-10-31"),
                              qtd: w("2026-Q4", "2026-10-01", "2026-10-31"), qtdYoy: w("2025-Q4", "2025-10-01", "2025-10-31"),
                              ytd: w("2026", "2026-01-01", "2026-10-31"), ytdYoy: w("2025", "2025-01-01", "2025-10-31"))
        case .quarterly:
            period = PeriodInfo(id: "2026-Q3", start: day("2026-07-01"), end: day("2026-09-30"), days: 92, elapsedDays: 92, complete: true)
            windows = Windows(prior: w("2026-Q2", "2026-04-01", "2026-06-30"), yoy: w("2025-Q3", "2025-07-01", "2025-09-30"),
                              qtd: nil, qtdYoy: nil,
                              ytd: w("2026", "2026-01-01", "2026-09-30"), ytdYoy: w("2025", "2025-01-01", "2025-09-30"))
        }
        let source = SourceQuality(name: "orders", path: "data/orders.csv", sha256: String(repeating: "ab", count: 32), bytes: 1234,
                                   rowsRead: 10, rowsAccepted: 10, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                                   firstDate: day("2024-01-01"), lastDate: period.end, stale: false)
        return ReviewReport(tool: ToolInfo(version: "0.1.0"), title: "Acme review", company: "Acme Corp", cadence: cadence,
                            asOf: period.end, period: period, windows: windows,
                            productLines: [ProductLineInfo(id: "cloud", name: "Cloud Platform", group: nil)], groups: [],
                            kpis: [revenue, orders, margin, cost], results: rows(cadence), highlights: [],
                            dataQuality: DataQuality(sources: [source], warnings: []), presentation: Presentation(),
                            run: RunFacts(configPath: "kpireview.yml", configSHA256: String(repeating: "cd", count: 32)))
    }
}
