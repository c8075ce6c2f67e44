import KPICalendar
import KPIFields
import KPIMail
import KPIModel
import KPIReport

/// Small reports built by hand for the email tests. Values are set directly (the engine's arithmetic
/// is tested elsewhere); what matters here is what the message shows of them.
enum MailFixtures {
    static func day(_ text: String) -> Day {
        guard let d = Day.parse(text) else { preconditionFailure("bad fixture date \(text)") }
        return d
    }

    static func money(_ v: Double) -> Num { .fixed(Fixed.rounding(v) ?? .zero) }
    static func count(_ v: Int) -> Num { .fixed(Fixed(integer: v)) }

    static let revenue = KPIInfo(id: "revenue", name: "Revenue", unit: .currency, better: .higher, definition: "sum(amount) from revenue")
    static let orders = KPIInfo(id: "orders", name: "Orders", unit: .count, better: .higher, definition: "count() from orders")
    static let margin = KPIInfo(id: "gross_margin_pct", name: "Gross margin", unit: .percent, better: .higher,
                                definition: "(revenue - cost) / revenue")

    static let lines = [ProductLineInfo(id: "cloud", name: "Cloud Platform", group: "Enterprise"),
                        ProductLineInfo(id: "data", name: "Data <Analytics>", group: "Enterprise"),
                        ProductLineInfo(id: "retail", name: "Retail Störe", group: nil)]

    static func result(_ kpi: KPIInfo, _ level: Level, _ key: String, actual: Num?, target: Num?, status: Status,
                       prior: Num?, priorPct: Double?, yoyPct: Double? = nil, attainment: Double? = nil) -> KPIResult {
        var r = KPIResult(kpi: kpi.id, level: level, key: key)
        r.actual = actual
        r.target = target
        r.targetToDate = target
        r.attainment = attainment
        r.status = status
        r.prior = prior
        if let a = actual, let p = prior { r.priorChange = a - p }
        r.priorChangePct = priorPct
        r.yoyChangePct = yoyPct
        return r
    }

    static let weekPeriod = PeriodInfo(id: "2026-W46", start: day("2026-11-09"), end: day("2026-11-15"), days: 7,
                                       elapsedDays: 7, complete: true)
    static let weekWindows = Windows(
        prior: WindowInfo(id: "2026-W45", start: day("2026-11-02"), end: day("2026-11-08")),
        yoy: WindowInfo(id: "2025-W46", start: day("2025-11-10"), end: day("2025-11-16")),
        qtd: WindowInfo(id: "2026-Q4", start: day("2026-10-01"), end: day("2026-11-15")),
        qtdYoy: WindowInfo(id: "2025-Q4", start: day("2025-10-01"), end: day("2025-11-15")),
        ytd: WindowInfo(id: "2026", start: day("2026-01-01"), end: day("2026-11-15")),
        ytdYoy: WindowInfo(id: "2025", start: day("2025-01-01"), end: day("2025-11-15")))

    /// Revenue amber (1.21M of 1.291M: 93.7%), orders green, margin red at ALL; one stale source and
    /// two rejected rows.
    static func weekly() -> ReviewReport {
        let results = [
            result(revenue, .total, "ALL", actual: money(1_210_000), target: money(1_291_000), status: .amber,
                   prior: money(1_275_000), priorPct: -0.051, yoyPct: 0.1, attainment: 0.937),
            result(revenue, .group, "Enterprise", actual: money(810_000), target: money(880_000), status: .amber,
                   prior: money(862_000), priorPct: -0.06, attainment: 0.92),
            result(revenue, .line, "cloud", actual: money(510_000), target: money(580_000), status: .red,
                   prior: money(562_000), priorPct: -0.093, attainment: 0.879),
            result(revenue, .line, "data", actual: money(300_000), target: money(300_000), status: .green,
                   prior: money(300_000), priorPct: 0, attainment: 1),
            result(revenue, .line, "retail", actual: money(400_000), target: money(411_000), status: .amber,
                   prior: money(413_000), priorPct: -0.031, attainment: 0.973),
            result(orders, .total, "ALL", actual: count(4_820), target: count(4_500), status: .green,
                   prior: count(4_700), priorPct: 0.026, yoyPct: 0.176, attainment: 1.071),
            result(orders, .group, "Enterprise", actual: count(1_234), target: nil, status: .none,
                   prior: count(1_300), priorPct: -0.051),
            result(orders, .line, "retail", actual: count(3_586), target: count(3_400), status: .green,
                   prior: count(3_400), priorPct: 0.055, attainment: 1.055),
            result(margin, .total, "ALL", actual: .double(0.35), target: .double(0.42), status: .red,
                   prior: .double(0.41), priorPct: nil, attainment: 0.833),
        ]
        let sources = [
            SourceQuality(name: "orders", path: "data/orders.csv", sha256: "ab", bytes: 1000, rowsRead: 5_210,
                          rowsAccepted: 5_200, rowsRejected: 2, rowsAfterAsOf: 5, rowsBlank: 3,
                          firstDate: day("2024-01-01"), lastDate: day("2026-11-15"), stale: false),
            SourceQuality(name: "revenue", path: "data/revenue.csv", sha256: "cd", bytes: 900, rowsRead: 812,
                          rowsAccepted: 812, rowsRejected: 0, rowsAfterAsOf: 0, rowsBlank: 0,
                          firstDate: day("2024-01-01"), lastDate: day("2026-11-10"), stale: true),
        ]
        var r = ReviewReport(tool: ToolInfo(version: "0.1.0"), title: "Acme weekly business review", company: "Acme & Söhne",
                             cadence: .weekly, asOf: day("2026-11-15"), period: weekPeriod, windows: weekWindows,
                             productLines: lines, groups: ["Enterprise"], kpis: [revenue, orders, margin], results: results,
                             highlights: [], dataQuality: DataQuality(sources: sources, warnings: ["targets.csv: line 'retail' has no target for orders in 2026-11"]),
                             presentation: Presentation(), run: RunFacts(configPath: "kpireview.yml", configSHA256: "0"))
        r.highlights = [
            Highlight(kind: .beat, kpi: "orders", level: .total, key: "ALL", text: "Orders beat target by 7.1% at 4,820."),
            Highlight(kind: .miss, kpi: "revenue", level: .line, key: "cloud", text: "Revenue for Cloud Platform missed target by 12.1% (−$70.0K)."),
            Highlight(kind: .miss, kpi: "gross_margin_pct", level: .total, key: "ALL", text: "Gross margin is 7.0 pts below target."),
        ]
        return r
    }

    /// A month in progress on day 12 of 30, without groups: per-line tables.
    static func monthlyInProgress() -> ReviewReport {
        var r = weekly()
        r.cadence = .monthly
        r.title = "Acme monthly business review"
        r.period = PeriodInfo(id: "2026-11", start: day("2026-11-01"), end: day("2026-11-30"), days: 30, elapsedDays: 12, complete: false)
        r.asOf = day("2026-11-12")
        r.groups = []
        r.productLines = lines.map { ProductLineInfo(id: $0.id, name: $0.name, group: nil) }
        r.results = r.results.filter { $0.level != .group }.map { x in
            var y = x
            y.forecast = x.actual.map { $0 * .fixed(Fixed(integer: 2)) }
            return y
        }
        r.highlights = []
        r.dataQuality = DataQuality(sources: [], warnings: [])
        return r
    }

    static let headers = MessageHeaders(
        from: mailbox("KPI Review <kpi@acme.example>"),
        to: [mailbox("pm-team@acme.example"), mailbox("\"Lee, Ann\" <ann@acme.example>")],
        cc: [mailbox("Zoë Müller <zoe@acme.example>")], replyTo: [mailbox("pm-lead@acme.example")],
        subject: "Acme weekly business review · weekly 2026-W46: 2 red, 1 amber")

    static func mailbox(_ text: String) -> Mailbox {
        switch Mailbox.parse(text) {
        case .success(let m): return m
        case .failure(let e): preconditionFailure("bad fixture address \(text): \(e.message)")
        }
    }

    /// A real 2 × 1 PNG (one red, one blue pixel), as a chart stands for here.
    static let tinyPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7B, 0x40, 0xE8,
        0xDD, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xF8, 0xCF, 0x00, 0x04,
        0xFF, 0x01, 0x07, 0x00, 0x01, 0xFF, 0x3D, 0x7D, 0x8C, 0x49, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
        0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}
