import KPIConfig
import KPIFields

/// One measure's daily partial aggregates for one product line: the only thing the ingest pass keeps.
/// Any window at any level is a merge of these (SPEC 6.1).
public struct DailySeries: Sendable {
    public let agg: Aggregation
    public private(set) var base: Int32 = 0        // day number of index 0
    public private(set) var length = 0
    /// Rows counted per day (non-null values when the measure has a value).
    public private(set) var count: [Int64] = []
    /// Per day, the selected rows whose value was null (SPEC 6.1: a window of only such rows has no
    /// value). Empty until the series sees its first null, so a column always filled costs nothing.
    public private(set) var nulls: [Int64] = []
    public private(set) var sum: [Int128] = []
    public private(set) var minimum: [Int128] = []
    public private(set) var maximum: [Int128] = []
    /// `last` / `first` (snapshots): per day, the latest / earliest time seen and the sum of the values at it.
    public private(set) var snapshotTime: [Int32] = []
    public private(set) var snapshotSum: [Int128] = []
    /// count_distinct: per day, its distinct ids (dense per source), made from `keys` once the
    /// source is read (`prepareKeys`, `DistinctIDs`, `setIDs`).
    public private(set) var distinct: [[Int32]] = []
    /// count_distinct: per day, the largest of its ids (-1 for none), so a window's bitmap is sized
    /// without a pass over its ids.
    public private(set) var distinctTop: [Int32] = []
    /// count_distinct during ingest: per day, its distinct value keys (`DistinctKey`). The day being
    /// filled lives in `openKeys` until rows move on to another day: input usually comes in date
    /// order, so each key is stored once. Keys, not ids, so no row waits on a lookup in a table of a
    /// million values.
    private(set) var keys: [[UInt64]] = []
    private var openKeys = KeySet()
    /// Some key is a long value's (`DistinctKey.long`).
    private var hasLongKeys = false
    private var openDayNumber: Int32 = .min
    /// Days (numbers, not indices: the arrays can grow at the front) whose list was appended to twice
    /// (input out of date order, or merged series): only these are deduplicated in `finish`.
    private var daysToDedupe: [Int32] = []
    /// Set instead when that list would outgrow the series (input far out of date order): every day is.
    private var dedupesEveryDay = false
    // Prefix sums built once after ingest: O(1) window sums and counts. Usable from inline code: the
    // metrics (another module) read windows through the inlinable accessors below, which cost no
    // call per window and level.
    @usableFromInline var prefixCount: [Int64] = []
    @usableFromInline var prefixSum: [Int128] = []
    @usableFromInline var prefixNulls: [Int64] = []

    public init(agg: Aggregation) { self.agg = agg }

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
        if !nulls.isEmpty { extend(&nulls, 0) }
        switch agg {
        case .sum, .avg: extend(&sum, 0)
        case .min, .max: extend(&minimum, Int128.max); extend(&maximum, Int128.min)
        case .last: extend(&snapshotTime, Int32.min); extend(&snapshotSum, 0)
        case .first: extend(&snapshotTime, Int32.max); extend(&snapshotSum, 0)
        case .countDistinct: extend(&distinct, []); extend(&keys, []); extend(&distinctTop, -1)
        case .count: break
        }
        length += front + back
    }

    /// Adds one accepted row: `value` nil when the measure has no value (count) or it is null.
    /// A count_distinct's rows come through `add(day:distinctKey:)`.
    @inline(__always) mutating func add(day: Int32, time: Int32, value: Fixed?) {
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
            if time > snapshotTime[i] { snapshotTime[i] = time; snapshotSum[i] = v.raw }
            else if time == snapshotTime[i] { snapshotSum[i] += v.raw }
        case .first:
            guard let v = value else { return }
            count[i] += 1
            if time < snapshotTime[i] { snapshotTime[i] = time; snapshotSum[i] = v.raw }
            else if time == snapshotTime[i] { snapshotSum[i] += v.raw }
        case .countDistinct:
            assertionFailure("count_distinct rows come through add(day:distinctKey:)")
        }
    }

    /// Records a selected row whose value is null: it adds to no aggregate, only to `nulls`.
    @inline(__always) mutating func addNull(day: Int32) {
        let i = slot(day)
        if nulls.isEmpty { nulls = [Int64](repeating: 0, count: length) }
        nulls[i] += 1
    }

    /// Adds one accepted row's count_distinct value, as its key (`DistinctKey`).
    @inline(__always) mutating func add(day: Int32, distinctKey key: UInt64) {
        let i = slot(day)
        count[i] += 1
        if DistinctKey.isLong(key) { hasLongKeys = true }
        if day != openDayNumber { closeOpenDay(); openDayNumber = day }
        openKeys.insert(key)
    }

    /// Moves the open day's keys into `keys`.
    private mutating func closeOpenDay() {
        guard openDayNumber != .min else { return }
        let i = Int(openDayNumber - base)
        if keys[i].isEmpty { keys[i] = openKeys.exactItems } else { keys[i] += openKeys.items; markForDedupe(openDayNumber) }
        openKeys.removeAll()
        openDayNumber = .min
    }

    /// The indices of the days whose lists were appended to twice (every day, past the list's bound).
    private func markedDays() -> [Int] {
        dedupesEveryDay ? Array(0..<length) : Set(daysToDedupe).map { Int($0 - base) }
    }

    /// Readies the keys for `DistinctIDs`: closes the open day and deduplicates the days whose lists
    /// were appended to twice. The indices of the days with keys.
    mutating func prepareKeys() -> [Int] {
        guard agg == .countDistinct else { return [] }
        closeOpenDay()
        for i in markedDays() where keys[i].count > 1 { keys[i] = Array(Set(keys[i])) }
        // Distinct keys give distinct ids, so no day needs `finish` to look again, unless a long
        // value may have a key per part that read it (`DistinctKey`).
        if !hasLongKeys { daysToDedupe = []; dedupesEveryDay = false }
        return (0..<length).filter { !keys[$0].isEmpty }
    }

    /// Replaces day `i`'s keys by their ids (`DistinctIDs`), once per day, after every merge.
    mutating func setIDs(_ ids: [Int32], at i: Int) {
        distinct[i] = ids
        keys[i] = []
        for id in ids where id > distinctTop[i] { distinctTop[i] = id }
    }

    /// Builds the prefix sums and deduplicates distinct values; call once after ingest.
    mutating func finish() {
        prefixCount = [0]; prefixCount.reserveCapacity(length + 1)
        for c in count { prefixCount.append(prefixCount[prefixCount.count - 1] + c) }
        if !sum.isEmpty {
            prefixSum = [0]; prefixSum.reserveCapacity(length + 1)
            for s in sum { prefixSum.append(prefixSum[prefixSum.count - 1] + s) }
        }
        if !nulls.isEmpty {
            prefixNulls = [0]; prefixNulls.reserveCapacity(length + 1)
            for n in nulls { prefixNulls.append(prefixNulls[prefixNulls.count - 1] + n) }
        }
        closeOpenDay()
        for i in markedDays() where distinct[i].count > 1 { distinct[i] = Array(Set(distinct[i])) }
        daysToDedupe = []; dedupesEveryDay = false
    }

    private mutating func markForDedupe(_ day: Int32) {
        guard !dedupesEveryDay else { return }
        if daysToDedupe.count >= max(length, 64) {
            dedupesEveryDay = true; daysToDedupe = []
        } else {
            daysToDedupe.append(day)
        }
    }

    /// The array index range covered by [start, end], or nil when it misses the series.
    @inlinable public func range(_ start: Day, _ end: Day) -> Range<Int>? {
        guard length > 0 else { return nil }
        let lo = max(Int(start.number - base), 0)
        let hi = min(Int(end.number - base), length - 1)
        return lo <= hi ? lo..<(hi + 1) : nil
    }

    @inlinable public func count(_ r: Range<Int>) -> Int64 { prefixCount[r.upperBound] - prefixCount[r.lowerBound] }
    @inlinable public func sum(_ r: Range<Int>) -> Int128 { prefixSum[r.upperBound] - prefixSum[r.lowerBound] }
    /// Selected rows with a null value in the range (0 when the series never saw one).
    @inlinable public func nullCount(_ r: Range<Int>) -> Int64 {
        prefixNulls.isEmpty ? 0 : prefixNulls[r.upperBound] - prefixNulls[r.lowerBound]
    }

    @inlinable public func day(at i: Int) -> Day { Day(number: base + Int32(i)) }
}

import KPICalendar

extension DailySeries {
    /// Adds another series of the same measure (e.g. a later part of the file), before the keys
    /// of either become ids.
    mutating func merge(_ other: DailySeries) {
        guard other.length > 0 else { return }
        var o = other
        o.closeOpenDay()
        closeOpenDay()
        hasLongKeys = hasLongKeys || o.hasLongKeys
        // The other series' own pending days stay pending here.
        if o.dedupesEveryDay { dedupesEveryDay = true; daysToDedupe = [] }
        for day in o.daysToDedupe { markForDedupe(day) }
        _ = slot(o.base)
        _ = slot(o.base + Int32(o.length - 1))
        if !o.nulls.isEmpty && nulls.isEmpty { nulls = [Int64](repeating: 0, count: length) }
        let off = Int(o.base - base)
        for j in 0..<o.length {
            let i = j + off
            count[i] += o.count[j]
            if !o.nulls.isEmpty { nulls[i] += o.nulls[j] }
            switch agg {
            case .sum, .avg: sum[i] += o.sum[j]
            case .min, .max: minimum[i] = Swift.min(minimum[i], o.minimum[j]); maximum[i] = Swift.max(maximum[i], o.maximum[j])
            case .last:
                if o.snapshotTime[j] > snapshotTime[i] { snapshotTime[i] = o.snapshotTime[j]; snapshotSum[i] = o.snapshotSum[j] }
                else if o.snapshotTime[j] == snapshotTime[i] { snapshotSum[i] += o.snapshotSum[j] }
            case .first:
                if o.snapshotTime[j] < snapshotTime[i] { snapshotTime[i] = o.snapshotTime[j]; snapshotSum[i] = o.snapshotSum[j] }
                else if o.snapshotTime[j] == snapshotTime[i] { snapshotSum[i] += o.snapshotSum[j] }
            case .countDistinct:
                if keys[i].isEmpty {
                    keys[i] = o.keys[j]
                } else if !o.keys[j].isEmpty {
                    keys[i] += o.keys[j]; markForDedupe(base + Int32(i))
                }
            case .count: break
            }
        }
    }
}
