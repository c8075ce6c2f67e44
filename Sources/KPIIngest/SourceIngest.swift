import KPICalendar
import KPIConfig
import Synchronization

/// One rejected row, ready for `rejects/<source>.csv` (SPEC 4.4).
public struct RejectedRow: Sendable {
    public var line: Int
    /// 1-based column of the offending field (0 when the row as a whole is at fault).
    public var column: Int
    public var columnName: String
    public var reason: String
    public var value: String
    /// The row's exact original bytes (not decoded: a Latin-1 row stays replayable).
    public var raw: [UInt8]

    /// `reason (value)`, or the reason alone when no value is quoted.
    public var reasonText: String { value.isEmpty ? reason : "\(reason) (\(value))" }

    /// `file:line:column: reason (value)`, the form of every rejection message (SPEC 4.4).
    public func message(path: String) -> String { "\(path):\(line):\(column): \(reasonText)" }
}

/// A source KPI bound to a header: what the ingest pass evaluates for each row.
struct BoundMeasure {
    let kpi: String
    let agg: Aggregation
    /// Index into the pass's distinct `where` clauses, or -1 for none.
    let filter: Int
    /// Boxed, so the per-row plan can reach it through an unowned reference (`MeasurePlan`).
    let value: ValueBox?
    /// The column of a `count_distinct`, or -1.
    let distinctColumn: Int
}

/// Everything one source contributes: counts, daily partials per measure and raw line value, rejects.
public struct SourceIngest: Sendable {
    public var name: String
    public var path: String
    public var sha256 = ""
    public var bytes = 0
    public var rowsRead = 0
    public var rowsAccepted = 0
    public var rowsRejected = 0
    public var rowsAfterAsOf = 0
    public var rowsBlank = 0
    public var firstDate: Day?
    public var lastDate: Day?
    public var rejects: [RejectedRow] = []
    /// measure KPI ids in the order of `series`' inner arrays.
    public var measureKPIs: [String] = []
    /// Per line id: one series per measure, then one counting every accepted row.
    public var series: [String: [DailySeries]] = [:]
    /// Unknown raw line values sent to `other`, with row counts.
    public var unknownValues: [String: Int] = [:]
    /// Every record as read, when the importer was asked to keep them (`SourceImporter.rawRowLimit`)
    /// and there were no more than the limit; else nil.
    public var rawRows: RawRows?
    /// The rates the accepted rows were converted at, by currency code (SPEC 13); empty without a `currency`.
    public var fxUsage: [FxUse] = []

    public init(name: String, path: String) { self.name = name; self.path = path }
}

/// A source's records as text, exactly as read (rejected rows and rows after as-of included), for
/// the workbook's raw-data sheet: kept during the ingest's one pass, not read a second time.
public struct RawRows: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public init(header: [String], rows: [[String]]) { self.header = header; self.rows = rows }
}

/// How many records the passes of one source have kept as text, shared by the parts of a file read
/// in parts: past the limit every pass stops keeping them (the run refuses the raw sheet then).
final class RawRowBudget: Sendable {
    let limit: Int
    private let kept = Atomic<Int>(0)
    init(limit: Int) { self.limit = limit }

    /// True while the records kept, this one included, are within the limit.
    @inline(__always) func admit() -> Bool { kept.wrappingAdd(1, ordering: .relaxed).newValue <= limit }
    var exceeded: Bool { kept.load(ordering: .relaxed) > limit }
}
