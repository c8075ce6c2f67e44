import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields

/// Computes a KPI's actual over a window at a level from the daily partials (SPEC 6.1), memoised.
final class Evaluator {
    let data: Dataset
    private var memo: [Key: Num?] = [:]
    private var lastDates: [Key: [Day]] = [:]

    struct Key: Hashable {
        var kpi: String; var lines: [Int]; var start: Int32; var end: Int32

        /// Hashes the lines' count and ends rather than every element (equality still compares them all):
        /// the memo is probed several times per result, and the total level lists every line.
        func hash(into h: inout Hasher) {
            h.combine(kpi); h.combine(start); h.combine(end)
            h.combine(lines.count); h.combine(lines.first ?? -1); h.combine(lines.last ?? -1)
        }
    }

    init(data: Dataset) { self.data = data }

    func actual(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Num? {
        let key = Key(kpi: kpi, lines: level.lines, start: start.number, end: end.number)
        if let v = memo[key] { return v }
        let v = compute(kpi, level, start, end, key)
        memo[key] = v
        return v
    }

    /// For `last` at group/ALL: the lines' latest dates when they differ (for the warning).
    func lastDateSpread(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> [Day]? {
        _ = actual(kpi, level, start, end)
        let d = lastDates[Key(kpi: kpi, lines: level.lines, start: start.number, end: end.number)] ?? []
        return Set(d).count > 1 ? d : nil
    }

    private func compute(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day, _ key: Key) -> Num? {
        guard let def = data.config.kpi(kpi) else { return nil }
        switch def.kind {
        case .formula(let expr, _):
            return expr.evaluate { self.actual($0, level, start, end) }
        case .source(let m):
            // "No data yet" is not zero: a window starting before the source's first date is null.
            guard let first = data.firstDateBySource[m.source], start >= first else { return nil }
            let perLine = data.series[kpi] ?? []
            let series = level.lines.compactMap { $0 < perLine.count ? perLine[$0] : nil }
            return aggregate(m.agg, series, start, end, key)
        }
    }

    private func aggregate(_ agg: Aggregation, _ series: [DailySeries], _ start: Day, _ end: Day, _ key: Key) -> Num? {
        switch agg {
        case .sum:
            var total: Int128 = 0
            for s in series { if let r = s.range(start, end) { total += s.sum(r) } }
            return .fixed(Fixed(raw: total))
        case .count:
            var n: Int64 = 0
            for s in series { if let r = s.range(start, end) { n += s.count(r) } }
            return .fixed(Fixed(integer: Int(n)))
        case .avg:
            var total: Int128 = 0, n: Int64 = 0
            for s in series { if let r = s.range(start, end) { total += s.sum(r); n += s.count(r) } }
            guard n > 0 else { return nil }
            // One correctly rounded division of exact integers while they fit a Double's 53 bits.
            if total > -(1 << 53) && total < (1 << 53) && n < (1 << 33) { return .double(Double(Int64(truncatingIfNeeded: total)) / (Double(n) * 1_000_000)) }
            return .double(Fixed(raw: total).double / Double(n))
        case .min, .max:
            var best: Int128?
            for s in series {
                guard let r = s.range(start, end) else { continue }
                for i in r where s.count[i] > 0 {
                    let v = agg == .min ? s.minimum[i] : s.maximum[i]
                    if let b = best { best = agg == .min ? Swift.min(b, v) : Swift.max(b, v) } else { best = v }
                }
            }
            return best.map { .fixed(Fixed(raw: $0)) }
        case .countDistinct:
            var seen = Set<Int32>(), any = false
            for s in series {
                guard let r = s.range(start, end) else { continue }
                for i in r where s.count[i] > 0 { any = true; seen.formUnion(s.distinct[i]) }
            }
            return any ? .fixed(Fixed(integer: seen.count)) : nil
        case .last:
            // Per line: the latest day in the window with rows; the level sums the lines' values.
            var total: Int128 = 0, any = false
            var dates: [Day] = []
            for s in series {
                guard let r = s.range(start, end) else { continue }
                var i = r.upperBound - 1
                while i >= r.lowerBound && s.count[i] == 0 { i -= 1 }
                if i >= r.lowerBound { total += s.lastSum[i]; any = true; dates.append(s.day(at: i)) }
            }
            lastDates[key] = dates
            return any ? .fixed(Fixed(raw: total)) : nil
        }
    }
}
