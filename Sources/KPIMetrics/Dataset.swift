import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields
import KPIIngest
import KPIModel

/// A level of aggregation: the total, a group or one line, with the line indices it covers.
struct LevelRef: Hashable, Sendable {
    var level: Level
    var key: String
    var lines: [Int]
}

/// Every source ingested and merged by line: the daily partials each window is computed from.
public struct Dataset: Sendable {
    public let config: Config
    public let lines: LineBook
    /// KPI id → per line index: its daily series (nil when the line has no rows for it).
    var series: [String: [DailySeries?]] = [:]
    /// Distinct values per KPI for count_distinct (ids are per source; a KPI reads one source).
    public var ingests: [SourceIngest]
    var firstDateBySource: [String: Day] = [:]
    /// Source name → per line index: every accepted row per day.
    var rowsBySource: [String: [DailySeries?]] = [:]

    public init(config: Config, ingests: [SourceIngest]) {
        self.config = config
        self.ingests = ingests
        var found = Set<String>()
        for i in ingests { found.formUnion(i.series.keys) }
        lines = LineBook(config: config, found: found)
        for ing in ingests {
            if let f = ing.firstDate { firstDateBySource[ing.name] = f }
            for (k, kpi) in ing.measureKPIs.enumerated() {
                var perLine = [DailySeries?](repeating: nil, count: lines.lines.count)
                for (id, list) in ing.series {
                    guard let li = lines.index(of: id) else { continue }
                    perLine[li] = list[k]
                }
                series[kpi] = perLine
            }
            var rows = [DailySeries?](repeating: nil, count: lines.lines.count)
            for (id, list) in ing.series { if let li = lines.index(of: id), let last = list.last { rows[li] = last } }
            rowsBySource[ing.name] = rows
        }
    }

    /// The source a KPI reads, when it is a source KPI.
    func source(of kpi: String) -> String? {
        guard let d = config.kpi(kpi), case .source(let m) = d.kind else { return nil }
        return m.source
    }

    /// True when `line` has accepted rows of any source the KPI reads within [start, end].
    func hasRows(kpi: String, line: Int, start: Day, end: Day) -> Bool {
        guard let d = config.kpi(kpi) else { return false }
        switch d.kind {
        case .source(let m):
            guard let s = rowsBySource[m.source]?[line], let r = s.range(start, end) else { return false }
            return s.count(r) > 0
        case .formula(let e, _):
            return e.names.contains { hasRows(kpi: $0, line: line, start: start, end: end) }
        }
    }

    /// Lines with rows of any KPI within [start, end].
    func linesWithRows(start: Day, end: Day) -> Set<Int> {
        var out = Set<Int>()
        for (_, perLine) in series {
            for (i, s) in perLine.enumerated() {
                if let s, let r = s.range(start, end), s.count(r) > 0 { out.insert(i) }
            }
        }
        return out
    }
}
