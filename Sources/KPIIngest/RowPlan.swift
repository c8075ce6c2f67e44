import KPIExpr
import KPIFields

final class ValueBox {
    let value: CompiledValue
    init(_ value: CompiledValue) { self.value = value }
}

final class PredicateBox {
    let predicate: CompiledPredicate
    init(_ predicate: CompiledPredicate) { self.predicate = predicate }
}

/// One measure's per-row step: plain values and an unowned reference (`IngestPass.bound` owns it).
struct MeasureStep {
    let filter: Int
    let value: Unmanaged<ValueBox>?
    let distinctColumn: Int
    /// A `unit: currency` KPI with a value other than a count's: the row's value is converted (SPEC 13).
    let isCurrency: Bool
}

/// The pass's filters and measures in plain memory, so the per-row loop touches no reference count.
/// It does not own the boxes: the pass's `filters` and `bound` arrays keep them alive.
struct MeasurePlan {
    private(set) var filters: UnsafeMutableBufferPointer<Unmanaged<PredicateBox>>
    private(set) var steps: UnsafeMutableBufferPointer<MeasureStep>

    init(filters: [PredicateBox], bound: [BoundMeasure], currencyKPIs: Set<String>) {
        self.filters = .allocate(capacity: filters.count)
        _ = self.filters.initialize(from: filters.map { Unmanaged.passUnretained($0) })
        steps = .allocate(capacity: bound.count)
        _ = steps.initialize(from: bound.map {
            MeasureStep(filter: $0.filter, value: $0.value.map { Unmanaged.passUnretained($0) },
                        distinctColumn: $0.distinctColumn,
                        isCurrency: $0.value != nil && $0.agg != .count && currencyKPIs.contains($0.kpi))
        })
    }

    /// Idempotent: the buffers become empty (nil-based, so a second free deallocates nothing and
    /// nothing new is allocated: the old way of resetting leaked its replacement).
    mutating func free() {
        filters.deallocate(); steps.deallocate()
        filters = .init(start: nil, count: 0); steps = .init(start: nil, count: 0)
    }
}

/// One row's measure results: plain memory, so writing them costs no copy-on-write check per row.
struct RowScratch {
    let filterResults: UnsafeMutableBufferPointer<Bool>
    let selected: UnsafeMutableBufferPointer<Bool>
    let values: UnsafeMutableBufferPointer<Fixed?>
    /// A count_distinct's value as its key (`DistinctKey`); 0 for an empty value.
    let distinctKey: UnsafeMutableBufferPointer<UInt64>
    /// The row's parsed numbers, shared by its KPIs' values (a column two use is parsed once).
    let numbers: UnsafeMutablePointer<RowNumbers>
    /// Recent raw line values and their slots (`IngestPass.cachedSlot`), 16 entries.
    let lineCache: UnsafeMutablePointer<LineCacheEntry>

    init(filters: Int, measures: Int, columns: Int = 0) {
        filterResults = .allocate(capacity: filters); filterResults.initialize(repeating: false)
        selected = .allocate(capacity: measures); selected.initialize(repeating: false)
        values = .allocate(capacity: measures); values.initialize(repeating: nil)
        distinctKey = .allocate(capacity: measures); distinctKey.initialize(repeating: 0)
        numbers = .allocate(capacity: 1); numbers.initialize(to: RowNumbers(columns: columns))
        lineCache = .allocate(capacity: 16); lineCache.initialize(repeating: LineCacheEntry(key: (0, 0), length: -1, slot: 0), count: 16)
    }

    /// False once freed: the buffers are gone and must not be touched (the pass frees its scratch
    /// only when it is done with it, or just before it makes a new one).
    private var live = true

    /// Idempotent, and allocates nothing (resetting to a fresh empty scratch leaked that one).
    mutating func free() {
        guard live else { return }
        live = false
        filterResults.deallocate(); selected.deallocate(); values.deallocate(); distinctKey.deallocate()
        numbers.pointee.free(); numbers.deallocate(); lineCache.deallocate()
    }
}

/// A raw line value (up to 16 bytes, zero-padded) and its slot.
struct LineCacheEntry {
    var key: (UInt64, UInt64)
    var length: Int
    var slot: Int
}

