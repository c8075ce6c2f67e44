// TEMPORARY: the config work replaces this with the real loader. Declarations only, for building the engine.
import KPICalendar
import KPIFields
import KPIExpr

public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String; public var line: Int; public var column: Int
    public var message: String; public var value: String?; public var hint: String?
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
public enum ConfigLoader {
    public static func load(path: String) throws(ConfigErrors) -> Config { throw ConfigErrors(errors: []) }
}
public struct Config: Sendable {
    public var path: String
    public var directory: String
    public var title: String?; public var company: String?; public var currency: String
    public var calendar: CalendarRules
    public var sources: [SourceConfig]
    public var targetsPath: String?
    public var productLines: [ProductLineConfig]
    public var unknownProductLine: UnknownLinePolicy
    public var maxRejectRatio: Double
    public var kpis: [KPIDefinition]
    public var statusAmber: Double
    public var history: HistoryDepth
    public var output: OutputConfig
    public func source(named: String) -> SourceConfig? { sources.first { $0.name == named } }
    public func kpi(_ id: String) -> KPIDefinition? { kpis.first { $0.id == id } }
    public func isAdditive(_ kpiID: String) -> Bool { false }
    public func topologicalKPIOrder() -> [String] { kpis.map(\.id) }
}
public enum UnknownLinePolicy: String, Sendable { case other, reject }
public struct SourceConfig: Sendable {
    public var name: String; public var path: String
    public var dateColumn: String
    public var productLine: ProductLineBinding
    public var dateFormat: DateFormat
    public var delimiter: UInt8
    public var numberFormat: NumberFormat
    public var staleAfterDays: Int
    public var line: Int; public var column: Int
}
public enum ProductLineBinding: Sendable, Hashable { case column(String), constant(String) }
public struct ProductLineConfig: Sendable { public var id: String; public var name: String; public var group: String?; public var aliases: [String] }
public enum Aggregation: String, Sendable { case sum, count, countDistinct = "count_distinct", avg, min, max, last }
public enum ForecastMethod: String, Sendable { case linear, flat }
public enum KPIUnit: String, Sendable { case currency, count, percent, ratio, number }
public enum KPIBetter: String, Sendable { case higher, lower }
public struct KPIDefinition: Sendable {
    public var id: String; public var name: String
    public var unit: KPIUnit; public var better: KPIBetter
    public var amber: Double?; public var forecast: ForecastMethod?
    public var kind: KPIKind
    public var line: Int; public var column: Int
}
public enum KPIKind: Sendable {
    case source(SourceMeasure)
    case formula(ValueExpr, text: String)
}
public struct SourceMeasure: Sendable {
    public var source: String; public var agg: Aggregation
    public var value: ValueExpr?; public var valueText: String?
    public var filter: Predicate?; public var whereText: String?
}
public struct OutputConfig: Sendable {
    public var prefix: String
    public var formats: [OutputFormat]
    public var statusStyle: String
    public var rawSheet: Bool
    public var rawSheetMaxRows: Int
}
public enum OutputFormat: String, Sendable, CaseIterable { case xlsx, md, json }
