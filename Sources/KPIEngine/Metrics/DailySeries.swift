import KPIConfig
import KPIFields

/// One measure's daily partial aggregates for one product line: the only thing the ingest pass keeps.
/// Any window at any level is a merge of these (SPEC 6.1).
struct DailySeries {
    let agg: Aggregation
    private(set) var base: Int32 = 0        // day number of index 0
    private(set) var length = 0
    /// Rows counted per day (non-null values when the measure has a value).
    private(set) var count: [Int64] = []
    private(set) var sum: [Int128] = []
    private(set) var minimum: [Int128] = []
    private(set) var maximum: [Int128] = []
    private(set) var lastTime: [Int32] = []
    private(set) var lastSum: [Int128] = []
    private(set) var distinct: [[Int32]] = []
    // Prefix sums built once after ingest: O(1) window sums and counts.
    private var prefixCount: [Int64] = []
    private var prefixSum: [Int128] = []

    init(agg: Aggregation) { self.agg = agg }

    /// Index of `day`, growing the arrays as needed.
    @inline(__always) private mutating func slot(_ day: Int32) -> Int {
        if length == 0 { base = day; grow(front: 0, back: 1) ; return 0 }
        if day < base { grow(front: Int(base - day), back: 0); base = day; return 0 }
        let i = Int(day - base)
        if i >= length { grow(front: 0, back: i - length + 1) }
        return i
    }

    private mutating func grow(front: Int, back: Int) {
        func extend<T>(_ a: inout [T], _ fill: T) {
            if front > 0 { a.insert(contentsOf: repeatElement(fill, count: front), at: 0) }
            if back > 0 { a.append(contentsOf: repeatElement(fill, count: back)) }
        }
        extend(&count, 0)
        switch agg {
        case .sum, .avg: extend(&sum, 0)
        case .min, .max: extend(&minimum, Int128.max); extend(&maximum, Int128.min)
        case .last: extend(&lastTime, Int32.min); extend(&lastSum, 0)
        case .countDistinct: extend(&distinct, [])
        case .count: break
        }
        length += front + back
    }

    /// Adds one accepted row: `value` nil when the measure has no value (count) or it is null.
    @inline(__always) mutating func add(day: Int32, time: Int32, value: Fixed?, distinctID: Int32) {
        let i = slot(day)
        switch agg {
        case .count:
            count[i] += 1
        case .sum, .avg:
            guard let v = value else { return }
            count[i] += 1; sum[i] += v.raw
        case .min, .max:
            guard let v = value else { return }
            count[i] += 1
            if v.raw < minimum[i] { minimum[i] = v.raw }
            if v.raw > maximum[i] { maximum[i] = v.raw }
        case .last:
            guard let v = value else { return }
            count[i] += 1
            if time > lastTime[i] { lastTime[i] = time; lastSum[i] = v.raw }
            else if time == lastTime[i] { lastSum[i] += v.raw }
        case .countDistinct:
            guard distinctID >= 0 else { return }
            count[i] += 1
            distinct[i].append(distinctID)
            if distinct[i].count >= 64 && distinct[i].count & (distinct[i].count - 1) == 0 { compact(i) }
        }
    }

    private mutating func compact(_ i: Int) {
        distinct[i] = Array(Set(distinct[i])).sorted()
    }

    /// Builds the prefix sums and deduplicates distinct values; call once after ingest.
    mutating func finish() {
        prefixCount = [0]; prefixCount.reserveCapacity(length + 1)
        for c in count { prefixCount.append(prefixCount[prefixCount.count - 1] + c) }
        if !sum.isEmpty {
            prefixSum = [0]; prefixSum.reserveCapacity(length + 1)
            for s in sum { prefixSum.append(prefixSum[prefixSum.count - 1] + s) }
        }
        if agg == .countDistinct { for i in 0..<length where distinct[i].count > 1 { compact(i) } }
    }

    /// The array index range covered by [start, end], or nil when it misses the series.
    @inline(__always) func range(_ start: Day, _ end: Day) -> Range<Int>? {
        guard length > 0 else { return nil }
        let lo = max(Int(start.number - base), 0)
        let hi = min(Int(end.number - base), length - 1)
        return lo <= hi ? lo..<(hi + 1) : nil
    }

    func count(_ r: Range<Int>) -> Int64 { prefixCount[r.upperBound] - prefixCount[r.lowerBound] }
    func sum(_ r: Range<Int>) -> Int128 { prefixSum[r.upperBound] - prefixSum[r.lowerBound] }

    func day(at i: Int) -> Day { Day(number: base + Int32(i)) }
}

import KPICalendar

extension DailySeries {
    /// Adds another series of the same measure (e.g. an alias's rows into its line).
    mutating func merge(_ o: DailySeries) {
        guard o.length > 0 else { return }
        _ = slot(o.base)
        _ = slot(o.base + Int32(o.length - 1))
        let off = Int(o.base - base)
        for j in 0..<o.length {
            let i = j + off
            count[i] += o.count[j]
            switch agg {
            case .sum, .avg: sum[i] += o.sum[j]
            case .min, .max: minimum[i] = Swift.min(minimum[i], o.minimum[j]); maximum[i] = Swift.max(maximum[i], o.maximum[j])
            case .last:
                if o.lastTime[j] > lastTime[i] { lastTime[i] = o.lastTime[j]; lastSum[i] = o.lastSum[j] }
                else if o.lastTime[j] == lastTime[i] { lastSum[i] += o.lastSum[j] }
            case .countDistinct: distinct[i] += o.distinct[j]
            case .count: break
            }
        }
    }
}
