import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// Hand-made reports for the chart, PNG and HTML tests: the demo company's bookings history (taken
/// from the committed demo JSON, so the pictures look like real ones) and the edge cases of SPEC 10
/// — no history, all null, constant, a loss, mixed signs, one point, events, bad names.
public enum ChartFixtures {
    public static func day(_ text: String) -> Day {
        guard let d = Day.parse(text) else { preconditionFailure("bad fixture date \(text)") }
        return d
    }

    public static func num(_ v: Double?) -> Num? { v.map { .fixed(Fixed.rounding($0) ?? .zero) } }

    /// Weeks of 2026 from W41 (starting 2026-10-05), one per value triple.
    public static func weeks(from first: Int = 41, _ values: [(Double?, Double?, Double?)]) -> [HistoryPoint] {
        values.enumerated().map { i, v in
            let start = day("2026-10-05").adding(days: 7 * (i + first - 41))
            return HistoryPoint(grain: .week, id: "2026-W\(first + i)", start: start, end: start.adding(days: 6),
                                actual: num(v.0), yoy: num(v.1), target: num(v.2))
        }
    }

    /// Months from `year`-`month` on, one per value triple.
    public static func months(from year: Int, _ month: Int, _ values: [(Double?, Double?, Double?)]) -> [HistoryPoint] {
        values.enumerated().map { i, v in
            let m0 = month - 1 + i, y = year + m0 / 12, m = m0 % 12 + 1
            let id = "\(y)-" + (m < 10 ? "0" : "") + String(m)
            let start = Day(year: y, month: m, day: 1) ?? day("2026-01-01")
            return HistoryPoint(grain: .month, id: id, start: start, end: start.adding(days: Day.daysIn(year: y, month: m) - 1),
                                actual: num(v.0), yoy: num(v.1), target: num(v.2))
        }
    }

    /// Quarters from `year`-Q`q` on.
    public static func quarters(from year: Int, _ q: Int, _ values: [(Double?, Double?, Double?)]) -> [HistoryPoint] {
        values.enumerated().map { i, v in
            let q0 = q - 1 + i, y = year + q0 / 4, qq = q0 % 4 + 1
            let start = Day(year: y, month: 3 * qq - 2, day: 1) ?? day("2026-01-01")
            let end = (Day(year: qq == 4 ? y + 1 : y, month: qq == 4 ? 1 : 3 * qq + 1, day: 1) ?? start).adding(days: -1)
            return HistoryPoint(grain: .quarter, id: "\(y)-Q\(qq)", start: start, end: end, actual: num(v.0), yoy: num(v.1), target: num(v.2))
        }
    }

    public static let bookingsWeeks: [(Double?, Double?, Double?)] = [
        (1972832.368, 1307897.257, 1810335.483872), (1896507.794, 1729666.2615, 1810335.483872),
        (1756548.8345, 1325015.74, 1810335.483872), (1794346.084, 1507473.1755, 1825446.129033),
        (2041549.373, 1629226.635, 1916110.000001), (1886792.2585, 1515775.335, 1916110.000001),
    ]

    public static let bookingsMonths: [(Double?, Double?, Double?)] = [
        (6792710.699, 5483504.3515, 6657500), (8743856.7845, 6896173.5845, 8767500), (6952687.4665, 5976427.41, 6995800),
        (6368869.174, 4552313.437, 6270200), (8445716.2835, 6052484.2325, 8397500), (6751167.272, 5729810.442, 6852700),
        (6376480.5205, 4701608.1305, 6601200), (7807161.6545, 5966756.191, 7730000), (6888009.3115, 5412392.5815, 6704100),
        (7118410.434, 6189649.3505, 7060200), (9180406.494, 7467281.738, 9074200), (8213067.7465, 6799758.7655, 8017200),
    ]

    public static let marginQuarters: [(Double?, Double?, Double?)] = [
        (0.6169895404325353, 0.6182932942166441, nil), (0.6177692225299255, 0.6176870834589123, 0.6),
        (0.6177079836824779, 0.6180813899368014, 0.6), (0.6158568717344343, 0.6167495394729832, 0.6),
        (0.6162757443981316, 0.6169895404325353, 0.6), (0.6178287238438602, 0.6177692225299255, 0.62),
        (0.6157926488513881, 0.6177079836824779, 0.62), (0.6157808369424204, 0.6158568717344343, 0.62),
    ]

    public static func kpi(_ id: String, _ name: String, _ unit: Unit, better: Better = .higher) -> KPIInfo {
        KPIInfo(id: id, name: name, unit: unit, better: better, definition: "sum(amount) from \(id)", source: id, agg: "sum",
                value: "amount", additive: true)
    }

    public static let bookings = kpi("bookings", "Bookings", .currency)

    /// A report of `cadence` whose total rows carry the given histories (the last point's values as
    /// the row's actual, target and yoy).
    public static func report(_ cadence: Cadence, _ kpis: [(KPIInfo, [HistoryPoint])], complete: Bool = true,
                              title: String = "Acme review", company: String? = "Acme Corp", lines: [ProductLineInfo] = [],
                              lineResults: [KPIResult] = []) -> ReviewReport {
        let grain: Grain = cadence == .weekly ? .week : cadence == .monthly ? .month : .quarter
        let periodPoint = kpis.lazy.compactMap { $0.1.last { $0.grain == grain } }.first
        let start = periodPoint?.start ?? day("2026-11-09"), end = periodPoint?.end ?? day("2026-11-15")
        let days = start.distance(to: end) + 1
        let asOf = complete ? end : start.adding(days: 2)
        let period = PeriodInfo(id: periodPoint?.id ?? "2026-W46", start: start, end: end, days: days,
                                elapsedDays: complete ? days : 3, complete: complete)
        let w = WindowInfo(id: "2026-W45", start: start.adding(days: -7), end: end.adding(days: -7))
        let windows = Windows(prior: w, yoy: WindowInfo(id: "2025-W46", start: start.adding(days: -364), end: end.adding(days: -364)),
                              qtd: cadence == .quarterly ? nil : WindowInfo(id: "2026-Q4", start: day("2026-10-01"), end: end),
                              qtdYoy: nil, ytd: WindowInfo(id: "2026", start: day("2026-01-01"), end: end),
                              ytdYoy: WindowInfo(id: "2025", start: day("2025-01-01"), end: end.adding(days: -365)))
        var results: [KPIResult] = []
        for (info, history) in kpis {
            var r = KPIResult(kpi: info.id, level: .total, key: "ALL")
            let last = history.last { $0.grain == grain }
            r.actual = last?.actual; r.target = last?.target; r.targetToDate = last?.target; r.yoy = last?.yoy
            if let a = r.actual?.double, let t = r.target?.double {
                r.status = a >= t ? .green : a >= t * 0.9 ? .amber : .red
                r.attainment = t > 0 && a >= 0 ? a / t : nil
            }
            r.history = history
            results.append(r)
            results += lineResults.filter { $0.kpi == info.id }
        }
        let source = SourceQuality(name: "orders", path: "data/orders.csv", sha256: String(repeating: "ab", count: 32), bytes: 1234,
                                   rowsRead: 10, rowsAccepted: 10, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                                   firstDate: day("2024-01-01"), lastDate: asOf, stale: false)
        return ReviewReport(tool: ToolInfo(version: "0.1.0"), title: title, company: company, cadence: cadence, asOf: asOf,
                            period: period, windows: windows, productLines: lines, groups: [], kpis: kpis.map(\.0),
                            results: results, highlights: [], dataQuality: DataQuality(sources: [source], warnings: []),
                            presentation: Presentation(), run: RunFacts(configPath: "kpireview.yml", configSHA256: String(repeating: "cd", count: 32)))
    }

    /// The demo's weekly bookings: six weeks and twelve months.
    public static func weeklyBookings(complete: Bool = true) -> ReviewReport {
        report(.weekly, [(bookings, weeks(bookingsWeeks) + months(from: 2025, 11, bookingsMonths))], complete: complete)
    }
}
