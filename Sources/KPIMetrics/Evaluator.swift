import CByteScan
import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields
import KPIIngest

/// Computes a KPI's actual over a window at a level from the daily partials (SPEC 6.1), memoised.
public final class Evaluator {
    let data: Dataset
    private var memo: [Key: Num?] = [:]
    private var snapshotDates: [Key: [Day]] = [:]

    struct Key: Hashable {
        var kpi: String; var lines: [Int]; var start: Int32; var end: Int32

        /// Hashes the lines' count and ends rather than every element (equality still compares them all):
        /// the memo is probed several times per result, and the total level lists every line.
        func hash(into h: inout Hasher) {
            h.combine(kpi); h.combine(start); h.combine(end)
            h.combine(lines.count); h.combine(lines.first ?? -1); h.combine(lines.last ?? -1)
        }
    }

    /// Per count_distinct KPI, line and window: the line's ids as a bitmap (ids are dense per source).
    /// A line's count is its bitmap's population; a group or the total ORs its lines' bitmaps, so
    /// each id of a window is visited once, not once per level that includes its line.
    private var lineBits: [LineWindow: [UInt64]] = [:]
    /// Words held in `lineBits`; past `lineBitsBudget` the cache starts over (bounded memory).
    private var lineBitsWords = 0
    static let lineBitsBudget = 1 << 21  // 16 MB
    /// The OR of several lines' bitmaps, reused between counts.
    private var unionBits: [UInt64] = []

    struct LineWindow: Hashable { var kpi: String; var line: Int; var start: Int32; var end: Int32 }

    public init(data: Dataset) { self.data = data }

    /// How many different ids the days of [start, end] hold across the lines' series.
    private func distinctCount(_ kpi: String, _ lines: [(index: Int, series: DailySeries)], _ start: Day, _ end: Day) -> Int {
        if lines.count == 1 { return Evaluator.population(lineBitmap(kpi, lines[0].index, lines[0].series, start, end)) }
        var union = unionBits
        unionBits = []
        defer { unionBits = union }
        union.removeAll(keepingCapacity: true)
        for (index, series) in lines {
            let bits = lineBitmap(kpi, index, series, start, end)
            if bits.count > union.count { union += repeatElement(0, count: bits.count - union.count) }
            union.withUnsafeMutableBufferPointer { u in
                bits.withUnsafeBufferPointer { b in
                    for i in 0..<b.count { u[i] |= b[i] }
                }
            }
        }
        return Evaluator.population(union)
    }

    private static func population(_ bits: [UInt64]) -> Int {
        bits.withUnsafeBufferPointer { b in b.baseAddress.map { kpi_popcount_words($0, b.count) } ?? 0 }
    }

    /// One line's ids in the window, as a bitmap no longer than its largest id needs; memoised.
    private func lineBitmap(_ kpi: String, _ line: Int, _ s: DailySeries, _ start: Day, _ end: Day) -> [UInt64] {
        let key = LineWindow(kpi: kpi, line: line, start: start.number, end: end.number)
        if let bits = lineBits[key] { return bits }
        var bits: [UInt64] = []
        if let r = s.range(start, end) {
            var top: Int32 = -1
            for i in r where s.distinctTop[i] > top { top = s.distinctTop[i] }
            bits = [UInt64](repeating: 0, count: Int(top >> 6) + 1)
            bits.withUnsafeMutableBufferPointer { b in
                for i in r {
                    s.distinct[i].withUnsafeBufferPointer { ids in
                        for id in ids { b[Int(id >> 6)] |= UInt64(1) << UInt64(id & 63) }
                    }
                }
            }
        }
        if lineBitsWords + bits.count > Evaluator.lineBitsBudget { lineBits.removeAll(); lineBitsWords = 0 }
        lineBits[key] = bits
        lineBitsWords += bits.count
        return bits
    }

    func actual(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Num? {
        let key = Key(kpi: kpi, lines: level.lines, start: start.number, end: end.number)
        if let v = memo[key] { return v }
        let v = compute(kpi, level, start, end, key)
        memo[key] = v
        return v
    }

    /// For `last` / `first` at group/ALL: the lines' snapshot dates when they differ (for the warning).
    func snapshotDateSpread(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> [Day]? {
        _ = actual(kpi, level, start, end)
        let d = snapshotDates[Key(kpi: kpi, lines: level.lines, start: start.number, end: end.number)] ?? []
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
            let lines = level.lines.compactMap { l -> (index: Int, series: DailySeries)? in
                guard l < perLine.count, let s = perLine[l] else { return nil }
                return (l, s)
            }
            return aggregate(m.agg, lines, start, end, key)
        }
    }

    /// The level's lines, each with its index (count_distinct keys its bitmaps by line).
    private func aggregate(_ agg: Aggregation, _ lines: [(index: Int, series: DailySeries)], _ start: Day, _ end: Day, _ key: Key) -> Num? {
        let series = lines.map(\.series)
        switch agg {
        case .sum:
            var total: Int128 = 0, n: Int64 = 0, nulls: Int64 = 0
            for s in series { if let r = s.range(start, end) { total += s.sum(r); n += s.count(r); nulls += s.nullCount(r) } }
            // Rows, but every one left the value blank: nobody recorded a figure, so none is invented (SPEC 6.1).
            if n == 0 && nulls > 0 { return nil }
            return .fixed(Fixed(raw: total))
        case .count:
            // Without a value every row counts; with one, only non-null values, and none but nulls is no value.
            var n: Int64 = 0, nulls: Int64 = 0
            for s in series { if let r = s.range(start, end) { n += s.count(r); nulls += s.nullCount(r) } }
            if n == 0 && nulls > 0 { return nil }
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
            // Null when no line has a counted row in the window.
            let any = series.contains { s in s.range(start, end).map { s.count($0) > 0 } ?? false }
            return any ? .fixed(Fixed(integer: distinctCount(key.kpi, lines, start, end))) : nil
        case .last, .first:
            // Per line: the latest (earliest) day in the window with rows; the level sums the lines' values.
            var total: Int128 = 0, any = false
            var dates: [Day] = []
            for s in series {
                guard let r = s.range(start, end) else { continue }
                let found = agg == .last ? r.reversed().first { s.count[$0] > 0 } : r.first { s.count[$0] > 0 }
                if let i = found { total += s.snapshotSum[i]; any = true; dates.append(s.day(at: i)) }
            }
            snapshotDates[key] = dates
            return any ? .fixed(Fixed(raw: total)) : nil
        }
    }
}
