import KPICalendar
import KPIFields
import KPIModel

/// One review: a cadence and period, every KPI at every level, as SPEC 7.3 fixes it.
/// Writers (JSON, XLSX, Markdown) render this value and never recompute.
public struct ReviewReport: Sendable {
    public static let schemaVersion = 1

    public var tool: ToolInfo
    public var title: String
    public var company: String?
    public var cadence: Cadence
    public var asOf: Day
    public var period: PeriodInfo
    public var windows: Windows
    public var productLines: [ProductLineInfo]
    public var groups: [String]
    public var kpis: [KPIInfo]
    public var results: [KPIResult]
    public var highlights: [Highlight]
    public var dataQuality: DataQuality
    /// Presentation facts that are not part of the JSON schema.
    public var presentation: Presentation
    public var run: RunFacts
    /// Published values this run computes differently (SPEC 6.6), in the JSON's order.
    public var restatements: [Restatement] = []
    /// Events on the report's history points (SPEC 6.7): per event, per point it falls in.
    public var annotations: [Annotation] = []
    /// The rates applied to accepted rows, by currency code (SPEC 13); empty without `fx`.
    public var fxRates: [FxRateUse] = []

    public init(tool: ToolInfo, title: String, company: String?, cadence: Cadence, asOf: Day, period: PeriodInfo,
                windows: Windows, productLines: [ProductLineInfo], groups: [String], kpis: [KPIInfo],
                results: [KPIResult], highlights: [Highlight], dataQuality: DataQuality,
                presentation: Presentation, run: RunFacts) {
        self.tool = tool; self.title = title; self.company = company; self.cadence = cadence; self.asOf = asOf
        self.period = period; self.windows = windows; self.productLines = productLines; self.groups = groups
        self.kpis = kpis; self.results = results; self.highlights = highlights; self.dataQuality = dataQuality
        self.presentation = presentation; self.run = run
    }

    /// The result of one KPI at one level, if present.
    public func result(kpi: String, level: Level, key: String) -> KPIResult? {
        results.first { $0.kpi == kpi && $0.level == level && $0.key == key }
    }
}

public struct ToolInfo: Sendable {
    public var name: String
    public var version: String
    public init(name: String = "kpireview", version: String) { self.name = name; self.version = version }
}

public struct PeriodInfo: Sendable {
    public var id: String
    public var start: Day
    public var end: Day
    public var days: Int
    public var elapsedDays: Int
    public var complete: Bool
    public init(id: String, start: Day, end: Day, days: Int, elapsedDays: Int, complete: Bool) {
        self.id = id; self.start = start; self.end = end; self.days = days; self.elapsedDays = elapsedDays; self.complete = complete
    }
}

/// A date range named by the period it belongs to (QTD: the quarter's id, YTD: the year's).
public struct WindowInfo: Sendable, Hashable {
    public var id: String
    public var start: Day
    public var end: Day
    public init(id: String, start: Day, end: Day) { self.id = id; self.start = start; self.end = end }
}

public struct Windows: Sendable {
    public var prior: WindowInfo
    public var yoy: WindowInfo
    /// Nil for quarterly reports.
    public var qtd: WindowInfo?
    public var qtdYoy: WindowInfo?
    public var ytd: WindowInfo
    public var ytdYoy: WindowInfo
    /// Weekly reports only (nil otherwise).
    public var mtd: WindowInfo?
    public var mtdYoy: WindowInfo?
    public init(prior: WindowInfo, yoy: WindowInfo, qtd: WindowInfo?, qtdYoy: WindowInfo?, ytd: WindowInfo, ytdYoy: WindowInfo,
                mtd: WindowInfo? = nil, mtdYoy: WindowInfo? = nil) {
        self.prior = prior; self.yoy = yoy; self.qtd = qtd; self.qtdYoy = qtdYoy; self.ytd = ytd; self.ytdYoy = ytdYoy
        self.mtd = mtd; self.mtdYoy = mtdYoy
    }
}

public struct ProductLineInfo: Sendable, Hashable {
    public var id: String
    public var name: String
    public var group: String?
    public init(id: String, name: String, group: String?) { self.id = id; self.name = name; self.group = group }
}

public struct KPIInfo: Sendable {
    public var id: String
    public var name: String
    public var unit: Unit
    public var better: Better
    /// One line, e.g. `sum(amount) from revenue where status == 'paid'` or `bookings / orders`.
    public var definition: String
    // Details for the workbook's Notes sheet and the summary's definitions (not in the JSON).
    public var source: String?
    public var agg: String?
    public var value: String?
    public var whereClause: String?
    public var formula: String?
    public var additive: Bool
    /// The quantity KPI of a `bridge:` (SPEC 6.5), nil without one.
    public var bridgeQuantity: String?
    /// The rule the KPI's phased targets follow (SPEC 6.8); nil for a KPI that is not additive.
    public var phasing: Phasing?
    public init(id: String, name: String, unit: Unit, better: Better, definition: String, source: String? = nil,
                agg: String? = nil, value: String? = nil, whereClause: String? = nil, formula: String? = nil, additive: Bool = false,
                bridgeQuantity: String? = nil, phasing: Phasing? = nil) {
        self.phasing = phasing
        self.id = id; self.name = name; self.unit = unit; self.better = better; self.definition = definition
        self.source = source; self.agg = agg; self.value = value; self.whereClause = whereClause; self.formula = formula
        self.additive = additive; self.bridgeQuantity = bridgeQuantity
    }
}

public enum TargetSource: String, Sendable, Hashable {
    case explicit, phased, implied
    case sumOfLines = "sum_of_lines"
}

public struct Contribution: Sendable, Hashable {
    public var prior: Double?
    public var yoy: Double?
    public var target: Double?
    public init(prior: Double?, yoy: Double?, target: Double?) { self.prior = prior; self.yoy = yoy; self.target = target }
}

/// A value beyond its XmR (process behaviour) limits (SPEC 6.9): the side it lies on and the chart
/// of the same grain's complete periods before it.
public struct Unusual: Sendable, Hashable {
    public enum Side: String, Sendable, Hashable { case above, below }
    public var side: Side
    public var center: Double
    public var lower: Double
    public var upper: Double
    public init(side: Side, center: Double, lower: Double, upper: Double) {
        self.side = side; self.center = center; self.lower = lower; self.upper = upper
    }
}

/// One price–volume–mix bridge (SPEC 6.5): the change of a sum KPI from a base split into parts
/// that add up to it (Doubles).
public struct BridgeParts: Sendable, Hashable {
    public var volume: Double
    public var mix: Double
    public var price: Double
    public var new: Double
    public var lost: Double
    public var other: Double
    public init(volume: Double, mix: Double, price: Double, new: Double, lost: Double, other: Double) {
        self.volume = volume; self.mix = mix; self.price = price; self.new = new; self.lost = lost; self.other = other
    }
    public var total: Double { volume + mix + price + new + lost + other }
    public static let zero = BridgeParts(volume: 0, mix: 0, price: 0, new: 0, lost: 0, other: 0)
    /// The parts by name, in the JSON's order.
    public var named: [(name: String, value: Double)] {
        [("volume", volume), ("mix", mix), ("price", price), ("new", new), ("lost", lost), ("other", other)]
    }
}

/// A bridged KPI's row: against the prior window, the yoy window and the target to date.
public struct Bridge: Sendable, Hashable {
    public var prior: BridgeParts?
    public var yoy: BridgeParts?
    public var target: BridgeParts?
    public init(prior: BridgeParts?, yoy: BridgeParts?, target: BridgeParts?) { self.prior = prior; self.yoy = yoy; self.target = target }
}

public struct HistoryPoint: Sendable, Hashable {
    public var grain: Grain
    public var id: String
    public var start: Day
    /// The last day covered (as-of for a point still in progress).
    public var end: Day
    public var actual: Num?
    public var yoy: Num?
    public var target: Num?
    public init(grain: Grain, id: String, start: Day, end: Day, actual: Num?, yoy: Num?, target: Num?) {
        self.grain = grain; self.id = id; self.start = start; self.end = end; self.actual = actual; self.yoy = yoy; self.target = target
    }
}

public struct KPIResult: Sendable {
    public var kpi: String
    public var level: Level
    public var key: String
    public var actual: Num?
    public var target: Num?
    public var targetToDate: Num?
    public var targetSource: TargetSource?
    public var attainment: Double?
    public var variance: Num?
    public var variancePct: Double?
    public var status: Status
    public var forecast: Num?
    public var requiredPerDay: Num?
    public var prior: Num?
    public var priorChange: Num?
    public var priorChangePct: Double?
    public var yoy: Num?
    public var yoyChange: Num?
    public var yoyChangePct: Double?
    /// Weekly reports only (nil otherwise): month to date, its target (SPEC 6.3), attainment and year-ago value.
    public var mtd: Num?
    public var mtdTarget: Num?
    public var mtdAttainment: Double?
    public var mtdYoy: Num?
    public var qtd: Num?
    public var qtdTarget: Num?
    public var qtdAttainment: Double?
    public var qtdYoy: Num?
    public var ytd: Num?
    public var ytdTarget: Num?
    public var ytdAttainment: Double?
    public var ytdYoy: Num?
    /// The period-to-date values against their year-ago values: `x − x_yoy` (not in the JSON: the
    /// writers show percent KPIs' changes in points) and `(x − x_yoy) / |x_yoy|`.
    public var mtdYoyChange: Num?
    public var mtdYoyChangePct: Double?
    public var qtdYoyChange: Num?
    public var qtdYoyChangePct: Double?
    public var ytdYoyChange: Num?
    public var ytdYoyChangePct: Double?
    /// The prior window's own change against its year-ago window (`yoy_change_pct_prior`, and its
    /// difference, not in the JSON): growth speeding up or slowing down.
    public var yoyChangePrior: Num?
    public var yoyChangePctPrior: Double?
    public var contribution: Contribution?
    /// Totals and groups of a complete period only; nil when within the usual range or without a chart.
    public var unusual: Unusual?
    /// Every row of a KPI with `bridge:`; nil on every other KPI's rows.
    public var bridge: Bridge?
    public var history: [HistoryPoint]

    public init(kpi: String, level: Level, key: String) {
        self.kpi = kpi; self.level = level; self.key = key; self.status = .none; self.history = []
    }
}

public enum HighlightKind: String, Sendable, Hashable {
    case beat, miss, mover, unusual
}

/// Whether a highlight is good or bad news for the business (SPEC 6.4): summaries list good news
/// under Highlights and bad news under Lowlights.
public enum Tone: String, Sendable, Hashable {
    case good, bad

    /// A change (or a side of the usual range) upwards is good news when higher is better.
    public init(up: Bool, better: Better) {
        self = up == (better == .higher) ? .good : .bad
    }
}

public struct Highlight: Sendable, Hashable {
    public var kind: HighlightKind
    public var kpi: String
    public var level: Level
    public var key: String
    public var text: String
    public var tone: Tone
    /// Without a `tone`, a miss is bad news and every other kind good news.
    public init(kind: HighlightKind, kpi: String, level: Level, key: String, text: String, tone: Tone? = nil) {
        self.kind = kind; self.kpi = kpi; self.level = level; self.key = key; self.text = text
        self.tone = tone ?? (kind == .miss ? .bad : .good)
    }
}

public struct SourceQuality: Sendable {
    public var name: String
    public var path: String
    public var sha256: String
    public var bytes: Int
    public var rowsRead: Int
    public var rowsAccepted: Int
    public var rowsRejected: Int
    public var rowsAfterAsOf: Int
    public var rowsBlank: Int
    public var firstDate: Day?
    public var lastDate: Day?
    public var stale: Bool
    /// The first rejection reasons as `file:line:column: reason (value)`.
    public var firstRejections: [String]
    public init(name: String, path: String, sha256: String, bytes: Int, rowsRead: Int, rowsAccepted: Int, rowsRejected: Int,
                rowsAfterAsOf: Int, rowsBlank: Int, firstDate: Day?, lastDate: Day?, stale: Bool, firstRejections: [String] = []) {
        self.name = name; self.path = path; self.sha256 = sha256; self.bytes = bytes; self.rowsRead = rowsRead
        self.rowsAccepted = rowsAccepted; self.rowsRejected = rowsRejected; self.rowsAfterAsOf = rowsAfterAsOf
        self.rowsBlank = rowsBlank; self.firstDate = firstDate; self.lastDate = lastDate; self.stale = stale
        self.firstRejections = firstRejections
    }
}

public struct DataQuality: Sendable {
    public var sources: [SourceQuality]
    public var warnings: [String]
    public init(sources: [SourceQuality], warnings: [String]) { self.sources = sources; self.warnings = warnings }
}

public struct Presentation: Sendable {
    /// ISO code from the config (`USD`), display only.
    public var currency: String
    /// The symbol used in formats (`$`, `€`, `£`, `¥`, else the code).
    public var currencySymbol: String
    public var statusStyle: StatusStyle
    /// The default amber band (status.amber).
    public var amber: Double
    public init(currency: String = "USD", currencySymbol: String = "$", statusStyle: StatusStyle = .emoji, amber: Double = 0.10) {
        self.currency = currency; self.currencySymbol = currencySymbol; self.statusStyle = statusStyle; self.amber = amber
    }
}

public struct RunFacts: Sendable {
    public var configPath: String
    public var configSHA256: String
    /// The `fx` rates file (SPEC 13) as an input: path as written in the config, SHA-256, bytes.
    public var fxFile: InputFacts?
    public init(configPath: String, configSHA256: String, fxFile: InputFacts? = nil) {
        self.configPath = configPath; self.configSHA256 = configSHA256; self.fxFile = fxFile
    }
}

/// An input other than a source (the rates file), for the Notes sheet and the manifest.
public struct InputFacts: Sendable, Hashable {
    public var name: String
    public var path: String
    public var sha256: String
    public var bytes: Int
    public init(name: String, path: String, sha256: String, bytes: Int) {
        self.name = name; self.path = path; self.sha256 = sha256; self.bytes = bytes
    }
}

/// One currency's rates as the run applied them (SPEC 13): the dates of the first and last rates
/// applied to accepted rows, those rates as exact decimal text, and the rows converted.
public struct FxRateUse: Sendable, Hashable {
    public var currency: String
    public var firstDate: Day
    public var lastDate: Day
    public var firstRate: String
    public var lastRate: String
    public var rows: Int
    public init(currency: String, firstDate: Day, lastDate: Day, firstRate: String, lastRate: String, rows: Int) {
        self.currency = currency; self.firstDate = firstDate; self.lastDate = lastDate
        self.firstRate = firstRate; self.lastRate = lastRate; self.rows = rows
    }
}
