/// Interns byte strings to dense integer ids without making a `String` per lookup:
/// product-line values and `count_distinct` values on the hot path.
struct ByteInterner {
    private var storage: [UInt8] = []
    private var offsets: [Int] = []    // id → start in storage
    private var lengths: [Int] = []
    private var slots: [Int32]         // open addressing: id + 1, 0 = empty
    private var mask: Int

    init(capacity: Int = 64) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        slots = [Int32](repeating: 0, count: n); mask = n - 1
    }

    var count: Int { offsets.count }

    @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for c in b { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    private func equals(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lengths[id] == b.count else { return false }
        return storage.withUnsafeBufferPointer { s in
            b.count == 0 || memcmp(s.baseAddress! + offsets[id], b.baseAddress!, b.count) == 0
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
    mutating func intern(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var i = ByteInterner.hash(b) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            if equals(Int(s) - 1, b) { return Int(s) - 1 }
            i = (i + 1) & mask
        }
        let id = offsets.count
        offsets.append(storage.count); lengths.append(b.count); storage.append(contentsOf: b)
        slots[i] = Int32(id + 1)
        if offsets.count * 2 > slots.count { grow() }
        return id
    }

    mutating func intern(_ s: String) -> Int {
        var t = s
        return t.withUTF8 { intern($0) }
    }

    func string(_ id: Int) -> String {
        storage.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[id]..<(offsets[id] + lengths[id])]), as: UTF8.self) }
    }

    private mutating func grow() {
        let n = slots.count * 2
        var fresh = [Int32](repeating: 0, count: n)
        let m = n - 1
        storage.withUnsafeBufferPointer { s in
            for id in 0..<offsets.count {
                let b = UnsafeBufferPointer(rebasing: s[offsets[id]..<(offsets[id] + lengths[id])])
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
