import KPICalendar
import KPIFields
import KPIReport
import KPIModel

/// Small reports, one per workbook feature, for the goldens of WorkbookGoldenTests. Each starts
/// from `Fixture.report()` (its period, windows, lines and run facts) and keeps only what its
/// feature needs, so a golden is a workbook small enough to read in LibreOffice at a glance.
enum GoldenReports {
    private static let day = Fixture.day
    private static let money = Fixture.money

    /// One KPI (revenue) at every status: ALL green, Enterprise amber, cloud red, retail none.
    static func statusFills() -> ReviewReport {
        var r = Fixture.report()
        r.kpis = [Fixture.revenueInfo]
        r.results = Fixture.revenueResults(complete: true).map { var x = $0; x.history = []; return x }
        return r
    }

    /// Every unit once at ALL, a code currency (CHF: `"CHF "#,##0`), a small-valued currency KPI
    /// (two decimals) and a better-lower KPI (red on the plus side).
    static func numberFormats() -> ReviewReport {
        var r = Fixture.report()
        r.presentation = Presentation(currency: "CHF", currencySymbol: "CHF", statusStyle: .text, amber: 0.05)
        let specs: [(String, String, Unit, Better, Num, Num, Num)] = [
            ("bookings", "Bookings", .currency, .higher, money(1_234_567.89), money(1_200_000), money(1_100_000)),
            ("aov", "Average order value", .currency, .higher, .double(845.2), .double(900), .double(812.5)),
            ("orders", "Orders", .count, .higher, .fixed(Fixed(integer: 12_345)), .fixed(Fixed(integer: 12_000)), .fixed(Fixed(integer: 13_010))),
            ("margin", "Gross margin", .percent, .higher, .double(0.423), .double(0.4), .double(0.431)),
            ("cost_ratio", "Cost per order", .ratio, .lower, .double(1.2345), .double(1.1), .double(1.3)),
            ("nps", "Net promoter score", .number, .higher, .double(-12.5), .double(10), .double(-20)),
        ]
        r.kpis = specs.map { KPIInfo(id: $0.0, name: $0.1, unit: $0.2, better: $0.3, definition: "") }
        r.results = specs.map { id, _, _, better, actual, target, prior in
            var x = KPIResult(kpi: id, level: .total, key: "ALL")
            x.actual = actual; x.target = target; x.targetToDate = target; x.targetSource = .explicit
            let a = actual.double, t = target.double, p = prior.double
            // SPEC 6.4: higher needs actual ≥ 0, lower needs actual > 0 (NPS below 0 has none).
            x.attainment = better == .higher ? (a >= 0 ? a / t : nil) : (a > 0 ? t / a : nil)
            x.variance = .double(a - t); x.variancePct = (a - t) / abs(t)
            x.status = (better == .higher ? a >= t : a <= t) ? .green : .red
            x.prior = prior; x.priorChange = .double(a - p); x.priorChangePct = (a - p) / abs(p)
            return x
        }
        r.highlights = []
        return r
    }

    /// One KPI whose ALL history has six weeks and four months: last year missing for the first
    /// two weeks, the target for one week and one month (the chart's gaps).
    static func trendChart() -> ReviewReport {
        var r = statusFills()
        let weeks: [(String, String, String, Double, Double?, Double?)] = [
            ("2026-W41", "2026-10-05", "2026-10-11", 98_000, nil, 100_000),
            ("2026-W42", "2026-10-12", "2026-10-18", 103_500, nil, 100_000),
            ("2026-W43", "2026-10-19", "2026-10-25", 99_250, 92_000, 105_000),
            ("2026-W44", "2026-10-26", "2026-11-01", 100_000, 90_000, 105_000),
            ("2026-W45", "2026-11-02", "2026-11-08", 110_000, 95_000, nil),
            ("2026-W46", "2026-11-09", "2026-11-15", 125_000.5, 100_000, 120_000),
        ]
        let months: [(String, String, String, Double, Double?, Double?)] = [
            ("2026-08", "2026-08-01", "2026-08-31", 430_000, 390_000, 420_000),
            ("2026-09", "2026-09-01", "2026-09-30", 450_000, 400_000, 440_000),
            ("2026-10", "2026-10-01", "2026-10-31", 480_000, 410_000, nil),
            ("2026-11", "2026-11-01", "2026-11-15", 235_000.5, 200_000, 230_000),
        ]
        func points(_ grain: Grain, _ rows: [(String, String, String, Double, Double?, Double?)]) -> [HistoryPoint] {
            rows.map { HistoryPoint(grain: grain, id: $0.0, start: day($0.1), end: day($0.2), actual: money($0.3),
                                    yoy: $0.4.map(money), target: $0.5.map(money)) }
        }
        r.results[0].history = points(.week, weeks) + points(.month, months)
        return r
    }

    /// One KPI at ALL and one line, every field set once (the Data table's rows and nulls).
    static func dataTable() -> ReviewReport {
        var r = Fixture.report()
        r.kpis = [Fixture.revenueInfo]
        let all = Fixture.revenueResults(complete: true)
        r.results = [all[0], all[2]].map { var x = $0; x.history = []; return x }
        return r
    }

    /// Two KPIs (a source KPI with `where`, a formula), two sources (one stale with rejections,
    /// one without accepted rows), two warnings: every block of the Notes sheet.
    static func notesSheet() -> ReviewReport {
        var r = Fixture.report()
        let bookings = KPIInfo(id: "bookings", name: "Bookings", unit: .currency, better: .higher,
                               definition: "sum(quantity * unit_price) from orders where status in ('completed', 'shipped')",
                               source: "orders", agg: "sum", value: "quantity * unit_price",
                               whereClause: "status in ('completed', 'shipped')", additive: true)
        r.kpis = [bookings, Fixture.marginInfo]
        r.results = [KPIResult(kpi: "bookings", level: .total, key: "ALL"), KPIResult(kpi: "gross_margin_pct", level: .total, key: "ALL")]
        r.dataQuality = DataQuality(sources: [
            SourceQuality(name: "orders", path: "data/orders.csv", sha256: String(repeating: "ab", count: 32), bytes: 48_213,
                          rowsRead: 1_000, rowsAccepted: 990, rowsRejected: 4, rowsAfterAsOf: 5, rowsBlank: 1,
                          firstDate: day("2024-01-01"), lastDate: day("2026-11-10"), stale: true,
                          firstRejections: ["data/orders.csv:17:3: amount is not a number (N/A)",
                                            "data/orders.csv:18:1: order_date is not a date (2026-13-01)"]),
            SourceQuality(name: "usage", path: "data/usage.csv", sha256: String(repeating: "cd", count: 32), bytes: 24,
                          rowsRead: 0, rowsAccepted: 0, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                          firstDate: nil, lastDate: nil, stale: true),
        ], warnings: ["source orders is stale: last date 2026-11-10, 5 days before 2026-11-15",
                      "line retail has rows but no target for bookings"])
        r.highlights = []
        // Restated since published (SPEC 6.6): an exact sum and a Double ratio.
        r.restatements = [
            Restatement(kpi: "bookings", level: .total, key: "ALL", grain: .week, period: "2026-W45", periodStart: day("2026-11-02"),
                        published: .fixed(Fixed(integer: 300_500)), now: .fixed(Fixed(integer: 310_000)),
                        publishedIn: "weekly/2026-W45/kpi-review-weekly-2026-W45.json"),
            Restatement(kpi: "gross_margin_pct", level: .line, key: "cloud", grain: .month, period: "2026-10", periodStart: day("2026-10-01"),
                        published: .double(0.42), now: .double(0.405), publishedIn: "monthly/2026-10/kpi-review-monthly-2026-10.json"),
        ]
        return r
    }

    /// Revenue bridged by units (fixtures/cases/bridge-new-lost at ALL): the Bridge sheet's table
    /// of parts against prior, last year and target, and its waterfall vs last year (a stacked
    /// column chart over helper columns whose first series, the base, is invisible).
    static func bridgeSheet() -> ReviewReport {
        var r = Fixture.report()
        var info = Fixture.revenueInfo
        info.bridgeQuantity = "units"
        r.kpis = [info]
        var all = KPIResult(kpi: "revenue", level: .total, key: "ALL")
        all.actual = money(361); all.prior = money(365); all.yoy = money(320)
        all.priorChange = money(-4); all.yoyChange = money(41)
        all.bridge = Bridge(prior: BridgeParts(volume: -12, mix: 12, price: 3, new: 50, lost: -60, other: 3),
                            yoy: BridgeParts(volume: -11.2, mix: 7.2, price: 27, new: 50, lost: -40, other: 8),
                            target: BridgeParts(volume: 340.0 / 52, mix: 180.0 / 52, price: 3, new: 0, lost: 0, other: 3))
        r.results = [all]
        r.highlights = []
        return r
    }
}
