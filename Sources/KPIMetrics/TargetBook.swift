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

    /// The days of a window a given period owns (rule 2: each day belongs to the finest given
    /// period containing it): the period's index in `given[kpi][key]`, the runs of consecutive
    /// window days it owns, and their count.
    struct Piece {
        var period: Int
        var runs: [(start: Day, end: Day)]
        var days: Int
    }

    /// Rule 2's pieces of a window, finest period first; nil when any day of it has no given period.
    func pieces(_ kpi: String, _ key: String, _ start: Day, _ end: Day) -> [Piece]? {
        guard let p = phasing[kpi]?[key] else { return nil }
        let lo = Int(start.number - p.base), hi = Int(end.number - p.base)
        guard lo >= 0, hi < p.periodOfDay.count, lo <= hi else { return nil }
        var byPeriod: [Int: Piece] = [:]
        var i = lo
        while i <= hi {
            let owner = p.periodOfDay[i]
            if owner < 0 { return nil }
            var j = i
            while j + 1 <= hi && p.periodOfDay[j + 1] == owner { j += 1 }
            let run = (start: Day(number: p.base + Int32(i)), end: Day(number: p.base + Int32(j)))
            byPeriod[Int(owner), default: Piece(period: Int(owner), runs: [], days: 0)].runs.append(run)
            byPeriod[Int(owner)]?.days += j - i + 1
            i = j + 1
        }
        return byPeriod.keys.sorted().compactMap { byPeriod[$0] }
    }

    /// Rule 2, linear: per given period, target × (its days in the window) / (its day count), each
    /// rounded once to 6 decimals half away from zero, exactly (never a sum of rounded daily shares,
    /// nor of Doubles); nil when any day of the window has no given period.
    func phased(_ kpi: String, _ key: String, _ start: Day, _ end: Day) -> Fixed? {
        guard let pieces = pieces(kpi, key, start, end), let list = given[kpi]?[key] else { return nil }
        var total = Fixed.zero
        for piece in pieces { total += TargetBook.linearShare(list[piece.period], days: piece.days) }
        return total
    }

    /// A given target's linear share of `days` of its period's days.
    static func linearShare(_ t: GivenTarget, days: Int) -> Fixed {
        if days == t.period.days { return t.value }
        // |target| < 10^25 (the parser's bound) and days ≤ a year's: the product fits in Int128.
        return Fixed(raw: Exact.mulDiv(t.value.raw, Int128(days), Int128(t.period.days)) ?? 0)
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
    /// The actuals `last_year` phasing shapes targets with (SPEC 6.8).
    let evaluator: Evaluator
    /// Each window's target, with the `last_year` fallbacks its resolution went through.
    private var memo: [Key: (resolved: Resolved?, fallbacks: [PhasingFallback])] = [:]
    /// The fallbacks of the resolutions in progress, innermost last (`target`).
    private var collectors: [[PhasingFallback]] = []
    /// Every fallback the current report's targets went through (`resetJournal`, `phasingWarnings`).
    private(set) var journal: Set<PhasingFallback> = []
    /// (kpi, level, window) whose sum of lines is null, with the first line that has rows but no target.
    private var missingLine: [Key: String] = [:]

    struct Key: Hashable { var kpi: String; var key: String; var start: Int32; var end: Int32 }
    struct Resolved { var value: Num; var source: TargetSource }

    /// `evaluator`: the caller's, so the mapped actuals share its memo (one pair per thread).
    public init(book: TargetBook, data: Dataset, evaluator: Evaluator? = nil) {
        self.book = book; self.data = data; self.evaluator = evaluator ?? Evaluator(data: data)
    }

    /// Starts a report: its warnings name the fallbacks its own targets go through.
    func resetJournal() { journal = [] }

    /// Records fallbacks in the journal and in the resolution in progress.
    func note(_ fallbacks: [PhasingFallback]) {
        guard !fallbacks.isEmpty else { return }
        journal.formUnion(fallbacks)
        if !collectors.isEmpty { collectors[collectors.count - 1] += fallbacks }
    }

    func isAdditive(_ kpi: String) -> Bool { data.config.isAdditive(kpi) }

    func target(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Resolved? {
        let k = Key(kpi: kpi, key: level.key, start: start.number, end: end.number)
        if let entry = memo[k] {
            note(entry.fallbacks)
            return entry.resolved
        }
        collectors.append([])
        let v = resolve(kpi, level, start, end)
        let fallbacks = collectors.removeLast()
        memo[k] = (v, fallbacks)
        note(fallbacks)
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
                let v = data.config.phasing(of: kpi) == .lastYear
                    ? phasedLastYear(kpi, level, start, end) : book.phased(kpi, key, start, end)
                if let v { return Resolved(value: .fixed(v), source: .phased) }
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
