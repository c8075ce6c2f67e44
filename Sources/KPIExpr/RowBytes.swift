/// Byte-level helpers for evaluating expressions on a `RawRow` without making Strings.
enum RowBytes {
    /// The field without leading and trailing spaces and tabs (SPEC 4.2: cells compare trimmed).
    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = b.count
        while start < end, b[start] == 0x20 || b[start] == 0x09 { start += 1 }
        while end > start, b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: b[start..<end])
    }

    /// Byte-wise lexicographic ordering: negative, zero or positive.
    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i += 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        a.count == b.count && compare(a, b) == 0
    }
}

extension CompareOp {
    /// Whether the operator holds for an ordering of left against right (negative, zero, positive).
    @inline(__always)
    func holds(_ ordering: Int) -> Bool {
        switch self {
        case .eq: return ordering == 0
        case .ne: return ordering != 0
        case .lt: return ordering < 0
        case .le: return ordering <= 0
        case .gt: return ordering > 0
        case .ge: return ordering >= 0
        }
    }

    /// The operator that holds with the operands swapped (`1 < x` is `x > 1`).
    var swapped: CompareOp {
        switch self {
        case .eq, .ne: return self
        case .lt: return .gt
        case .le: return .ge
        case .gt: return .lt
        case .ge: return .le
        }
    }
}
