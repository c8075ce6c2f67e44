/// Interns byte strings to dense integer ids without making a `String` per lookup:
/// product-line values and `count_distinct` values on the hot path.
///
/// Kept small because a `count_distinct` column may hold a million values: the bytes live in one
/// buffer, each id costs a 4-byte end offset, and the open-addressing table holds 4-byte ids at a
/// load of at most 3/4.
struct ByteInterner {
    private var storage: [UInt8] = []
    /// id → end of its bytes in `storage` (its start is the previous id's end).
    private var ends: [UInt32] = []
    private var slots: [Int32]         // id + 1, 0 = empty
    private var mask: Int

    init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: 0, count: n); mask = n - 1
    }

    var count: Int { ends.count }

    /// Eight bytes at a time with a multiply-xorshift mix: ids and codes are short, so this is one or
    /// two rounds where a byte-wise FNV took one multiply per byte.
    @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
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

    @inline(__always) private func equals(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let lo = start(id)
        guard Int(ends[id]) - lo == b.count else { return false }
        guard let base = b.baseAddress else { return true }
        return storage.withUnsafeBufferPointer { s in
            guard let sb = s.baseAddress else { return false }
            let n = b.count
            if n <= 8 {
                // Short keys (ids, codes): compare in registers rather than calling memcmp.
                var i = 0
                while i < n { if sb[lo + i] != base[i] { return false }; i += 1 }
                return true
            }
            return memcmp(sb + lo, base, n) == 0
        }
    }

    func lookup(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = ByteInterner.hash(b) & mask
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if equals(Int(s) - 1, b) { return Int(s) - 1 }
            i = (i + 1) & mask
        }
    }

    /// The id of `b`, adding it when new.
    @inline(__always) mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = ByteInterner.hash(b) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if equals(Int(s) - 1, b) { return Int(s) - 1 }
            i = (i + 1) & mask
        }
        return add(b, at: i)
    }

    private mutating func add(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let id = ends.count
        storage.append(contentsOf: b)
        ends.append(UInt32(storage.count))
        slots[i] = Int32(id + 1)
        if ends.count * 4 > slots.count * 3 { grow() }
        return id
    }

    mutating func intern(_ s: String) -> Int {
        var t = s
        return t.withUTF8 { intern($0) }
    }

    func bytes(_ id: Int) -> [UInt8] {
        storage.withUnsafeBufferPointer { Array($0[start(id)..<Int(ends[id])]) }
    }

    /// Re-interns every value of `other` here: `map[id]` is `other`'s id in this interner.
    mutating func absorb(_ other: ByteInterner) -> [Int32] {
        var map = [Int32](repeating: -1, count: other.count)
        other.storage.withUnsafeBufferPointer { all in
            for id in 0..<other.count {
                map[id] = Int32(intern(UnsafeBufferPointer(rebasing: all[other.start(id)..<Int(other.ends[id])])))
            }
        }
        return map
    }

    func string(_ id: Int) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start(id)..<Int(ends[id])]), as: UTF8.self) }
    }

    private mutating func grow() {
        let n = slots.count * 2
        var fresh = [Int32](repeating: 0, count: n)
        let m = n - 1
        storage.withUnsafeBufferPointer { s in
            for id in 0..<ends.count {
                let b = UnsafeBufferPointer(rebasing: s[start(id)..<Int(ends[id])])
                var i = ByteInterner.hash(b) & m
                while fresh[i] != 0 { i = (i + 1) & m }
                fresh[i] = Int32(id + 1)
            }
        }
        slots = fresh; mask = m
    }
}

#if canImport(Glibc)
import Glibc
#endif
