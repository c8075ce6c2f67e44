import KPICalendar
import KPIExpr
import KPIFields
import KPIModel

/// A validated `kpireview.yml` (SPEC 3): every key checked, every reference resolved, paths absolute
/// or relative to the working directory.
public struct Config: Sendable {
    /// The config path as given.
    public var path: String
    /// The config file's folder; relative paths in the config resolve against it.
    public var directory: String
    public var title: String?
    public var company: String?
    /// The symbol in formats, and the base currency conversions convert into (SPEC 13).
    public var currency: String
    public var calendar: CalendarRules
    /// In file order.
    public var sources: [SourceConfig]
    /// Resolved against `directory`.
    public var targetsPath: String?
    /// `targets_phasing` (SPEC 6.8): the default rule of additive KPIs' phased targets.
    public var targetsPhasing: Phasing = .linear
    /// The `fx` rates file (SPEC 13), resolved against `directory`; nil without one.
    public var fxPath: String?
    public var productLines: [ProductLineConfig]
    public var unknownProductLine: UnknownLinePolicy
    /// Above this share of a source's checked rows rejected, the run fails (SPEC 4.4).
    public var maxRejectRatio: Double
    /// In file order.
    public var kpis: [KPIDefinition] {
        didSet {
            kpiPositions = Config.positions(of: kpis)
            kpiAdditive = [:]
            var additive: [String: Bool] = [:]
            for k in kpis { additive[k.id] = isAdditive(k.id) }
            kpiAdditive = additive
        }
    }
    /// Each KPI's additivity (SPEC 6.1), worked out once: it is asked for every target and result.
    var kpiAdditive: [String: Bool] = [:]
    /// Each KPI id's index in `kpis`: `kpi(_:)` is a lookup, not a search (1,000 KPIs are looked up
    /// millions of times while a report is built).
    var kpiPositions: [String: Int] = [:]
    public var statusAmber: Double
    public var history: HistoryDepth
    public var output: OutputConfig
    /// The `email:` block (SPEC 11); nil when absent.
    public var email: EmailConfig?
    /// The annotations file (SPEC 6.7), resolved against `directory`.
    public var annotationsPath: String?

    public func source(named name: String) -> SourceConfig? { sources.first { $0.name == name } }

    /// The phasing rule of a KPI's phased targets (SPEC 6.8): its own `phasing`, else
    /// `targets_phasing`, for additive KPIs; nil for every other KPI (rule 2 does not apply to them).
    public func phasing(of kpiID: String) -> Phasing? {
        guard isAdditive(kpiID), let k = kpi(kpiID) else { return nil }
        return k.phasing ?? targetsPhasing
    }
    public func kpi(_ id: String) -> KPIDefinition? {
        if kpiPositions.count == kpis.count { return kpiPositions[id].map { kpis[$0] } }
        return kpis.first { $0.id == id }   // a Config made by its memberwise init with KPIs
    }

    static func positions(of kpis: [KPIDefinition]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, k) in kpis.enumerated() where out[k.id] == nil { out[k.id] = i }
        return out
    }
}

/// What happens to a row whose product line is not configured.
public enum UnknownLinePolicy: String, Sendable, CaseIterable {
    /// The row goes to the line `other`.
    case other
    /// The row is rejected.
    case reject
}

public struct SourceConfig: Sendable {
    public var name: String
    /// Resolved against the config directory.
    public var path: String
    public var dateColumn: String
    public var productLine: ProductLineBinding
    public var dateFormat: DateFormat
    /// One of `,` `;` tab `|`.
    public var delimiter: UInt8
    public var numberFormat: NumberFormat
    /// Freshness warning threshold (SPEC 7.3).
    public var staleAfterDays: Int
    /// Where the rows' currency is (SPEC 13); nil: every row is in the base currency.
    public var currency: CurrencyBinding? = nil
    /// Where the source is declared, for errors found later (a missing column, say).
    public var line: Int
    public var column: Int
}

/// Where a source's rows get their currency (SPEC 13).
public enum CurrencyBinding: Sendable, Hashable {
    /// The column holding each row's ISO 4217 code.
    case column(String)
    /// One currency for every row (three capital letters, checked).
    case constant(String)
}

/// Where a source's rows get their product line.
public enum ProductLineBinding: Sendable, Hashable {
    case column(String)
    /// A source that belongs to one line.
    case constant(String)
}

public struct ProductLineConfig: Sendable {
    public var id: String
    public var name: String
    public var group: String?
    /// Other spellings in the data that mean this line.
    public var aliases: [String]
}

public enum Aggregation: String, Sendable, CaseIterable {
    case sum, count, countDistinct = "count_distinct", avg, min, max, last, first

    /// `last` and `first`: a level on one day of the window, not a flow over its days (SPEC 6.1).
    public var isSnapshot: Bool { self == .last || self == .first }
}

public enum ForecastMethod: String, Sendable, CaseIterable {
    case linear, flat
}

public struct KPIDefinition: Sendable {
    public var id: String
    /// Defaults to the id.
    public var name: String
    public var unit: Unit
    public var better: Better
    /// Overrides `status.amber` for this KPI.
    public var amber: Double?
    public var forecast: ForecastMethod?
    /// `phasing:` (SPEC 6.8), overriding `targets_phasing`; additive KPIs only.
    public var phasing: Phasing? = nil
    public var kind: KPIKind
    /// `bridge: { quantity: … }` (SPEC 6.5): the sum or count KPI of the same source whose units
    /// split this sum's change into volume, mix and price.
    public var bridge: BridgeConfig? = nil
    /// Where the KPI is declared, for errors found later.
    public var line: Int
    public var column: Int

    public var isFormula: Bool {
        if case .formula = kind { return true }
        return false
    }

    public var measure: SourceMeasure? {
        if case .source(let m) = kind { return m }
        return nil
    }
}

/// A price–volume–mix bridge: the quantity KPI's id.
public struct BridgeConfig: Sendable, Hashable {
    public var quantity: String
    public init(quantity: String) { self.quantity = quantity }
}

public enum KPIKind: Sendable {
    case source(SourceMeasure)
    /// Over other KPI ids; `text` as written.
    case formula(ValueExpr, text: String)
}

/// A KPI aggregated from one source's rows.
public struct SourceMeasure: Sendable {
    public var source: String
    public var agg: Aggregation
    public var value: ValueExpr?
    public var valueText: String?
    public var filter: Predicate?
    public var whereText: String?
}

public struct OutputConfig: Sendable {
    public var prefix: String
    public var formats: [OutputFormat]
    /// `emoji` or `text`.
    public var statusStyle: String
    public var rawSheet: Bool
    public var rawSheetMaxRows: Int

    public static let defaults = OutputConfig(
        prefix: "kpi-review", formats: OutputFormat.defaults, statusStyle: "emoji", rawSheet: false, rawSheetMaxRows: 100_000)
}

public enum OutputFormat: String, Sendable, CaseIterable {
    case xlsx, md, json, html
    /// The review as an RFC 5322 message (SPEC 11); on by default when `email` is set.
    case eml

    /// Written when `output.formats` is not given (`eml` joins them when `email` is set).
    public static let defaults: [OutputFormat] = [.xlsx, .md, .json, .html]
}
