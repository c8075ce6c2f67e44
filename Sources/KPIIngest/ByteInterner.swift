import Glibc

/// Interns byte strings to dense integer ids without making a `String` per lookup: product-line
/// values, and count_distinct values longer than a key holds (`DistinctKey`).
///
/// A `count_distinct` column may hold a million values looked up in random order, so what counts is
/// cache misses per lookup. Each table entry carries a 64-bit key: for values of up to 7 bytes
/// (customer and order codes) the value itself with its length in the top byte, so a known value
/// is found by reading one entry and nothing else; for longer values a fingerprint (top byte 0xFF)
/// that is confirmed against the stored bytes. The bytes live in one buffer, each id costs a 4-byte
/// end offset, and the table is kept at a load of at most 3/4.
struct ByteInterner {
    private var storage: [UInt8] = []
    /// id → end of its bytes in `storage` (its start is the previous id's end).
    private var ends: [UInt32] = []
    private var table: [Entry]
    private var mask: Int

    struct Entry {
        var key: UInt64 = 0
        var id: Int32 = 0   // id + 1, 0 = empty
    }

    init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        table = [Entry](repeating: Entry(), count: n); mask = n - 1
    }

    var count: Int { ends.count }

    private static let longKeyTag: UInt64 = 0xFF00_0000_0000_0000

    /// The entry key and table hash of `b`.
    @inline(__always) private static func key(_ b: UnsafeBufferPointer<UInt8>) -> (key: UInt64, hash: Int) {
        let n = b.count
        if n <= 7 {
            var w = UInt64(n) << 56
            if let base = b.baseAddress {
                var j = 0
                while j < n { w |= UInt64(base[j]) << UInt64(8 &* j); j &+= 1 }
            }
            return (w, shortHash(w))
        }
        let h = longHash(b)
        return (UInt64(truncatingIfNeeded: h) | longKeyTag, h)
    }

    @inline(__always) private static func shortHash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: mix64(key)) }

    /// Eight bytes at a time with a multiply-xorshift mix.
    @inline(__always) private static func longHash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(b.count &+ 1)
        guard let base = b.baseAddress else { return Int(truncatingIfNeeded: h ^ (h >> 32)) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= b.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        if i < b.count {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { t in
                t.baseAddress?.copyMemory(from: raw + i, byteCount: b.count - i)
            }
            h = (h ^ tail) &* 0xFF51_AFD7_ED55_8CCD
        }
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always) private func start(_ id: Int) -> Int { id == 0 ? 0 : Int(ends[id - 1]) }

    /// A long value's bytes equal `b` (a short value's key is the value: no need to look).
    private func equals(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = start(id)
        guard Int(ends[id]) - lo == b.count else { return false }
        guard let base = b.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { s in
            guard let sb = s.baseAddress else { return false }
            return memcmp(sb + lo, base, b.count) == 0
        }
    }

    /// The table index holding `b`, or the empty index where it would go.
    @inline(__always) private func find(_ b: UnsafeBufferPointer<UInt8>, _ key: UInt64, _ hash: Int) -> Int {
        var i = hash & mask
        while true {
            let e = table[i]
            if e.id == 0 { return i }
            if e.key == key && (key & ByteInterner.longKeyTag != ByteInterner.longKeyTag || equals(Int(e.id) - 1, b)) { return i }
            i = (i + 1) & mask
        }
    }

    func lookup(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        let (key, hash) = ByteInterner.key(b)
        let id = table[find(b, key, hash)].id
        return id == 0 ? nil : Int(id) - 1
    }

    /// The id of `b`, adding it when new.
    @inline(__always) mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        let (key, hash) = ByteInterner.key(b)
        let i = find(b, key, hash)
        let id = table[i].id
        if id != 0 { return Int(id) - 1 }
        return add(b, key, at: i)
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, _ key: UInt64, at i: Int) -> Int {
        let id = ends.count
        storage.append(contentsOf: b)
        ends.append(UInt32(storage.count))
        table[i] = Entry(key: key, id: Int32(id + 1))
        if ends.count * 4 > table.count * 3 { grow() }
        return id
    }

    /// The hash `b` is looked up by (the same for equal bytes, whatever the interner).
    @inline(__always) static func tableHash(_ b: UnsafeBufferPointer<UInt8>) -> Int { key(b).hash }

    /// The key of `b` when it is short enough to be its own key (≤ 7 bytes: `DistinctKey`), else nil.
    @inline(__always) static func shortKey(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        b.count <= 7 ? key(b).key : nil
    }

    mutating func intern(_ s: String) -> Int {
        var t = s
        return t.withUTF8 { intern($0) }
    }

    func withBytes<R>(_ id: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start(id)..<Int(ends[id])])) }
    }

    func bytes(_ id: Int) -> [UInt8] {
        storage.withUnsafeBufferPointer { Array($0[start(id)..<Int(ends[id])]) }
    }

    func string(_ id: Int) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start(id)..<Int(ends[id])]), as: UTF8.self) }
    }

    private mutating func grow() {
        let n = table.count * 2
        var fresh = [Entry](repeating: Entry(), count: n)
        let m = n - 1
        fresh.withUnsafeMutableBufferPointer { f in
            table.withUnsafeBufferPointer { t in
                storage.withUnsafeBufferPointer { s in
                    for e in t where e.id != 0 {
                        // A short value's key is the value: its hash needs no look at the bytes.
                        let hash: Int
                        if e.key & ByteInterner.longKeyTag != ByteInterner.longKeyTag {
                            hash = ByteInterner.shortHash(e.key)
                        } else {
                            let id = Int(e.id) - 1
                            hash = ByteInterner.longHash(UnsafeBufferPointer(rebasing: s[start(id)..<Int(ends[id])]))
                        }
                        var j = hash & m
                        while f[j].id != 0 { j = (j + 1) & m }
                        f[j] = e
                    }
                }
            }
        }
        table = fresh; mask = m
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// A 64-bit multiply-xorshift mix: the hash of a key that is its own value (a short interned
/// value, a count_distinct key).
@inline(__always) func mix64(_ key: UInt64) -> UInt64 {
    let h = key &* 0x9E37_79B9_7F4A_7C15
    return h ^ (h >> 29)
}
