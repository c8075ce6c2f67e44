import CPosix
import KPIConcurrency

/// A count_distinct value as one 64-bit word, so the ingest can keep a day's distinct values
/// without looking each one up in a table of a million values (a cache miss per row).
///
/// A value of 1 to 7 bytes is its own key: its bytes, little-endian, with its length in the top
/// byte (the key `ByteInterner` uses). A longer value is interned in the interner of long values of
/// the part of the file that read it, and its key is the part and that id under the tag 0xFF (the
/// same long value read by two parts has two keys until `LongValueIDs` numbers them as one).
/// Keys are never 0.
enum DistinctKey {
    static let longTag: UInt64 = 0xFF00_0000_0000_0000

    /// The key of a short value (1 to 7 bytes), else nil.
    @inline(__always) static func short(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        ByteInterner.shortKey(b)
    }

    @inline(__always) static func long(part: Int, id: Int) -> UInt64 { longTag | UInt64(part) << 40 | UInt64(id) }
    @inline(__always) static func isLong(_ key: UInt64) -> Bool { key & longTag == longTag }
    @inline(__always) static func longPart(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key >> 40) & 0xFFFF) }
    @inline(__always) static func longID(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key & 0xFF_FFFF_FFFF) }
}

/// Dense ids for the long values of every part of a source, one id per value whichever parts read
/// it, on two threads: thread t numbers the values whose hash has top bit t, as `local * 2 + t`.
/// `ids[part][id]` is the id of the part's long value `id`; `count` bounds them.
final class LongValueIDs: @unchecked Sendable {
    let ids: [UnsafeMutableBufferPointer<Int32>]
    private(set) var count = 0

    init(_ parts: [ByteInterner]) {
        ids = parts.map { UnsafeMutableBufferPointer<Int32>.allocate(capacity: max($0.count, 1)) }
        guard parts.contains(where: { $0.count > 0 }) else { return }
        let maps = Unchecked(ids)
        let other = Background { () -> Int in LongValueIDs.number(parts, half: 1, into: maps.value) }
        let even = LongValueIDs.number(parts, half: 0, into: ids)
        let odd = other.wait()
        count = max(even * 2, odd * 2 + 1)
    }

    deinit { for m in ids { m.deallocate() } }

    /// Numbers this thread's half; how many values it numbered.
    private static func number(_ parts: [ByteInterner], half: Int, into ids: [UnsafeMutableBufferPointer<Int32>]) -> Int {
        var mine = ByteInterner()
        for (p, values) in parts.enumerated() {
            let out = ids[p]
            for id in 0..<values.count {
                values.withBytes(id) { b in
                    guard Int(UInt(bitPattern: ByteInterner.tableHash(b)) >> 63) == half else { return }
                    out[id] = Int32(truncatingIfNeeded: mine.intern(b) &* 2 &+ half)
                }
            }
        }
        return mine.count
    }
}

/// Turns the key lists of a source (every line and day) into dense ids, one id per value, on two
/// threads: thread t numbers the keys whose hash has top bit t in a table of its own, as
/// `local * 2 + t`, so neither waits on the other and the ids stay dense. A short value's key is
/// the value; a long value's key is looked up in `LongValueIDs`, which numbered every part's long
/// values first. The table slots of keys some way ahead are prefetched, so the lookups' cache
/// misses overlap.
enum DistinctIDs {
    /// Keys numbered per batch: the ids of one batch are handed on, and its keys released, before
    /// the next is numbered, so a large source holds one batch's ids beside its keys, not all of them.
    static let batchKeys = 1 << 20

    /// Numbers every key of `lists`, then hands list i's ids to `body` in list order; each list is
    /// released once handed on (the keys and the ids of a large source are not held twice).
    static func resolve(_ lists: inout [[UInt64]], longValues: LongValueIDs? = nil, batchKeys: Int = DistinctIDs.batchKeys,
                        _ body: (Int, UnsafeBufferPointer<Int32>) -> Void) {
        // Long values keep the ids `LongValueIDs` gave them; short keys are numbered after those.
        let firstShort = longValues?.count ?? 0
        let tables = TablePair()
        var flat = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 0)
        defer { flat.deallocate(); tables.free() }
        var first = 0
        while first < lists.count {
            // The batch: lists from `first` on, up to `batchKeys` keys (at least one list).
            var offsets = [0]
            var end = first
            while end < lists.count && (end == first || offsets[offsets.count - 1] + lists[end].count <= batchKeys) {
                offsets.append(offsets[offsets.count - 1] + lists[end].count)
                end += 1
            }
            if offsets[offsets.count - 1] > flat.count {
                flat.deallocate()
                flat = .allocate(capacity: offsets[offsets.count - 1])
            }
            let batch = Array(lists[first..<end])
            let handed = Unchecked(flat)
            let starts = offsets
            let other = Background { () -> Int in
                number(batch, starts, part: 1, table: &tables.odd, long: longValues, firstShort: firstShort, into: handed.value); return 0
            }
            number(batch, starts, part: 0, table: &tables.even, long: longValues, firstShort: firstShort, into: flat)
            _ = other.wait()
            for i in first..<end {
                lists[i] = []
                body(i, UnsafeBufferPointer(rebasing: flat[offsets[i - first]..<offsets[i - first + 1]]))
            }
            first = end
        }
    }

    /// The two threads' tables, kept from batch to batch (each thread touches only its own).
    private final class TablePair: @unchecked Sendable {
        var even = KeyTable()
        var odd = KeyTable()
        func free() { even.free(); odd.free() }
    }

    private static func number(_ lists: [[UInt64]], _ offsets: [Int], part mine: UInt64, table: inout KeyTable,
                               long: LongValueIDs?, firstShort: Int, into out: UnsafeMutableBufferPointer<Int32>) {
        // Per list, this thread's keys are gathered first without a branch (a branch taken for
        // half the keys at random would be mispredicted half the time, and each miss would throw
        // away the lookups in flight), then looked up with the slot of the key 16 ahead prefetched.
        var capacity = 0
        var hashes = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
        var places = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 0)
        defer { hashes.deallocate(); places.deallocate() }
        for l in 0..<lists.count {
            let base = offsets[l]
            lists[l].withUnsafeBufferPointer { k in
                let n = k.count
                if n > capacity {
                    hashes.deallocate(); places.deallocate()
                    capacity = max(n, capacity * 2)
                    hashes = .allocate(capacity: capacity); places = .allocate(capacity: capacity)
                }
                var own = 0
                for j in 0..<n {
                    let h = mix64(k[j])
                    hashes[own] = h; places[own] = Int32(truncatingIfNeeded: j)
                    own &+= Int(truncatingIfNeeded: (h >> 63) ^ mine ^ 1)
                }
                for q in 0..<own {
                    if q &+ 16 < own { table.prefetch(hashes[q &+ 16]) }
                    let j = Int(places[q])
                    let key = k[j]
                    if DistinctKey.isLong(key), let long {
                        out[base &+ j] = long.ids[DistinctKey.longPart(key)][DistinctKey.longID(key)]
                    } else {
                        out[base &+ j] = Int32(truncatingIfNeeded: firstShort &+ table.id(key, hash: hashes[q]) &* 2 &+ Int(mine))
                    }
                }
            }
        }
    }
}

/// Dense ids for 64-bit keys (never 0): an open-addressing table whose 16-byte slots hold a key
/// and its id, so a lookup that hits reads one cache line; kept at most half full.
struct KeyTable {
    private struct Slot { var key: UInt64; var id: UInt32 }   // key 0 = empty
    private var slots: UnsafeMutableBufferPointer<Slot>
    private(set) var count = 0
    private var mask: Int

    init() {
        slots = .allocate(capacity: 1 << 12); slots.initialize(repeating: Slot(key: 0, id: 0))
        mask = (1 << 12) - 1
    }

    func free() { slots.deallocate() }

    @inline(__always) func prefetch(_ hash: UInt64) {
        if let b = slots.baseAddress { kpi_prefetch(b + Int(truncatingIfNeeded: hash) & mask) }
    }

    /// The id of `key` (whose `mix64` is `hash`), numbering it when new.
    @inline(__always) mutating func id(_ key: UInt64, hash: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[i]
            if s.key == key { return Int(s.id) }
            if s.key == 0 { break }
            i = (i &+ 1) & mask
        }
        let id = count
        slots[i] = Slot(key: key, id: UInt32(truncatingIfNeeded: id))
        count += 1
        if count * 2 > slots.count { grow() }
        return id
    }

    /// Twice the slots, rehashed.
    private mutating func grow() {
        let old = slots
        let n = old.count * 2
        slots = .allocate(capacity: n); slots.initialize(repeating: Slot(key: 0, id: 0))
        mask = n - 1
        for s in old where s.key != 0 {
            var i = Int(truncatingIfNeeded: mix64(s.key)) & mask
            while slots[i].key != 0 { i = (i &+ 1) & mask }
            slots[i] = s
        }
        old.deallocate()
    }
}

/// A small open-addressing set of keys (never 0): one day's distinct values for one line, cleared
/// by walking its items rather than its table.
struct KeySet {
    private(set) var items: [UInt64] = []
    private var table = [UInt64](repeating: 0, count: 64)

    @inline(__always) static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: mix64(key)) }

    /// The items in an array of exactly their size (what a day keeps).
    var exactItems: [UInt64] { items.withUnsafeBufferPointer { Array($0) } }

    @inline(__always) mutating func insert(_ key: UInt64) {
        var mask = table.count - 1
        if items.count * 2 >= table.count { grow(); mask = table.count - 1 }
        var i = KeySet.hash(key) & mask
        while true {
            let t = table[i]
            if t == key { return }
            if t == 0 { table[i] = key; items.append(key); return }
            i = (i + 1) & mask
        }
    }

    mutating func removeAll() {
        if table.count > 1 << 15 {
            table = [UInt64](repeating: 0, count: 64)
        } else {
            let mask = table.count - 1
            for key in items {
                var i = KeySet.hash(key) & mask
                while table[i] != key { i = (i + 1) & mask }
                table[i] = 0
            }
        }
        items.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let n = table.count * 2, mask = n - 1
        var fresh = [UInt64](repeating: 0, count: n)
        for key in items {
            var i = KeySet.hash(key) & mask
            while fresh[i] != 0 { i = (i + 1) & mask }
            fresh[i] = key
        }
        table = fresh
    }
}
