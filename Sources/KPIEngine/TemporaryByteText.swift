// TEMPORARY until KPIFields.ByteText lands (fields work).
enum ByteText {
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var lo = 0, hi = b.count
        while lo < hi, b[lo] == 32 || b[lo] == 9 { lo += 1 }
        while hi > lo, b[hi - 1] == 32 || b[hi - 1] == 9 { hi -= 1 }
        return UnsafeBufferPointer(rebasing: b[lo..<hi])
    }
    static func isBlank(_ b: UnsafeBufferPointer<UInt8>) -> Bool { trimmed(b).isEmpty }
}
