import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields
import KPIIngest
import KPIModel
import KPIReport

/// The targets of a run with the resolution rules of SPEC 6.3: the table read from targets.csv
/// (`TargetsFile`) and, per KPI and key, each day's finest given period.
public struct TargetBook: Sendable {
    /// kpi → key (line id, group name or ALL) → given targets, finest period first.
    public let given: [String: [String: [GivenTarget]]]
    public let warnings: [String]
    public let sha256: String
    public let bytes: Int
    public let path: String?
    public let lineKeysUsed: Set<String>

    /// The book of `table`, its daily phasing built.
    public init(_ table: TargetTable = TargetTable()) {
        given = table.given; warnings = table.warnings; sha256 = table.sha256; bytes = table.bytes
        path = table.path; lineKeysUsed = table.lineKeysUsed
        buildPhasing()
    }

    /// Daily phasing of one (kpi, key): for each day, the index of the finest given period containing it.
    struct Phasing: Sendable {
        var base: Int32
        var periodOfDay: [Int32]   // index into the given list, -1 when no period covers the day
    }
    var phasing: [String: [String: Phasing]] = [:]

    private mutating func buildPhasing() {
        for (kpi, byKey) in given {
            for (key, list) in byKey {
                guard let lo = list.map(\.period.start).min(), let hi = list.map(\.period.end).max() else { continue }
                var owner = [Int32](repeating: -1, count: lo.distance(to: hi) + 1)
                // `list` is finest first: each day takes the finest given period containing it.
                for (p, t) in list.enumerated() {
                    let first = lo.distance(to: t.period.start)
                    for i in first..<(first + t.period.days) where owner[i] < 0 { owner[i] = Int32(p) }
                }
                phasing[kpi, default: [:]][key] = Phasing(base: lo.number, periodOfDay: owner)
            }
        }
    }

    func explicit(_ kpi: String, _ key: String, _ start: Day, _ end: Day) -> Fixed? {
        given[kpi]?[key]?.first { $0.period.start == start && $0.period.end == end }?.value
    }

    /// Rule 2: the sum of daily targets (each period's target spread evenly over its days); nil when
    /// any day has none. Summed per period, one division each, then rounded to 6 digits.
    func phased(_ kpi: String, _ key: String, _ start: Day, _ end: Day) -> Fixed? {
        guard let p = phasing[kpi]?[key], let list = given[kpi]?[key] else { return nil }
        let lo = Int(start.number - p.base), hi = Int(end.number - p.base)
        guard lo >= 0, hi < p.periodOfDay.count, lo <= hi else { return nil }
        var daysPerPeriod: [Int32: Int] = [:]
        for i in lo...hi {
            let owner = p.periodOfDay[i]
            if owner < 0 { return nil }
            daysPerPeriod[owner, default: 0] += 1
        }
        var total = 0.0
        for (owner, days) in daysPerPeriod.sorted(by: { $0.key < $1.key }) {
            let t = list[Int(owner)]
            total += (t.value.double * Double(days)) / Double(t.period.days)
        }
        return Fixed.rounding(total)
    }

    /// Rule 3: the smallest given period containing the window, else the finest containing its last day.
    func containing(_ kpi: String, _ key: String, _ start: Day, _ end: Day) -> Fixed? {
        guard let list = given[kpi]?[key] else { return nil }
        if let t = list.first(where: { $0.period.start <= start && $0.period.end >= end }) { return t.value }
        return list.first { $0.period.contains(end) }?.value
    }
}

/// Resolves targets for windows and levels, rule by rule (SPEC 6.3).
public final class TargetResolver {
    let book: TargetBook
    let data: Dataset
    private var memo: [Key: Resolved?] = [:]
    /// (kpi, level, window) whose sum of lines is null, with the first line that has rows but no target.
    private var missingLine: [Key: String] = [:]

    struct Key: Hashable { var kpi: String; var key: String; var start: Int32; var end: Int32 }
    struct Resolved { var value: Num; var source: TargetSource }

    public init(book: TargetBook, data: Dataset) { self.book = book; self.data = data }

    func isAdditive(_ kpi: String) -> Bool { data.config.isAdditive(kpi) }

    func target(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Resolved? {
        let k = Key(kpi: kpi, key: level.key, start: start.number, end: end.number)
        if let v = memo[k] { return v }
        let v = resolve(kpi, level, start, end)
        memo[k] = v
        return v
    }

    private func resolve(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Resolved? {
        guard let def = data.config.kpi(kpi) else { return nil }
        let key = level.key
        let additive = isAdditive(kpi)
        var agg: Aggregation?
        if case .source(let m) = def.kind { agg = m.agg }
        // 1. Explicit.
        if let v = book.explicit(kpi, key, start, end) { return Resolved(value: .fixed(v), source: .explicit) }
        if agg != .countDistinct {
            if additive {
                // 2. Phased day by day.
                if let v = book.phased(kpi, key, start, end) { return Resolved(value: .fixed(v), source: .phased) }
            } else if let v = book.containing(kpi, key, start, end) {
                // 3. The containing period.
                return Resolved(value: .fixed(v), source: .phased)
            }
        }
        // 4. Implied by the formula's inputs.
        if case .formula(let expr, _) = def.kind {
            var missing = false
            let v = expr.evaluate { name -> Num? in
                guard let t = self.target(name, level, start, end) else { missing = true; return nil }
                return t.value
            }
            if let v, !missing { return Resolved(value: v, source: .implied) }
        }
        // 5. The sum of the lines' targets.
        if level.level != .line && (additive || agg?.isSnapshot == true) {
            var total = Num.fixed(.zero)
            var anyTarget = false
            for li in level.lines {
                let line = data.lines.lines[li]
                let lineLevel = LevelRef(level: .line, key: line.id, lines: [li])
                if let t = target(kpi, lineLevel, start, end) {
                    total = total + t.value; anyTarget = true
                } else if data.hasRows(kpi: kpi, line: li, start: start, end: end) {
                    if anyTargetsExist(kpi) { missingLine[Key(kpi: kpi, key: level.key, start: start.number, end: end.number)] = line.id }
                    return nil
                }
            }
            return anyTarget ? Resolved(value: total, source: .sumOfLines) : nil
        }
        return nil
    }

    /// Why a group/ALL target is null for this window, if a line without target is the reason.
    func lineWithoutTarget(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> String? {
        _ = target(kpi, level, start, end)
        return missingLine[Key(kpi: kpi, key: level.key, start: start.number, end: end.number)]
    }

    private func anyTargetsExist(_ kpi: String) -> Bool { book.given[kpi] != nil }
}
