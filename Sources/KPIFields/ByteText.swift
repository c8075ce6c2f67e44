/// Small helpers over a field's raw UTF-8 bytes, so importers and expressions never need a `String`
/// per field on the hot path.
public enum ByteText {
    /// The field without spaces, tabs and no-break spaces (U+00A0, `C2 A0`) at either end.
    @inlinable public static func trimmed(_ buf: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        // Most fields have nothing to trim: neither end can start or finish a blank.
        if let first = buf.first, let last = buf.last,
           first != 0x20, first != 0x09, first != 0xC2, last != 0x20, last != 0x09, last != 0xA0 {
            return buf
        }
        var lo = 0, hi = buf.count
        while lo < hi {
            let w = blankWidth(buf, at: lo, end: hi)
            if w == 0 { break }
            lo += w
        }
        while lo < hi {
            let w = blankWidthBefore(buf, end: hi, start: lo)
            if w == 0 { break }
            hi -= w
        }
        guard let base = buf.baseAddress, lo < hi else { return UnsafeBufferPointer(start: buf.baseAddress, count: 0) }
        return UnsafeBufferPointer(start: base + lo, count: hi - lo)
    }

    /// Byte-for-byte equality with an ASCII (or any UTF-8) literal.
    @inlinable public static func equals(_ buf: UnsafeBufferPointer<UInt8>, _ ascii: [UInt8]) -> Bool {
        guard buf.count == ascii.count else { return false }
        for i in 0..<buf.count where buf[i] != ascii[i] { return false }
        return true
    }

    /// Empty, or only spaces, tabs and no-break spaces.
    @inlinable public static func isBlank(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        trimmed(buf).isEmpty
    }

    /// The field decoded as UTF-8 (invalid sequences become U+FFFD). For messages and other cold paths.
    public static func string(_ buf: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: buf, as: UTF8.self)
    }

    /// Width of the blank (space, tab, NBSP) starting at `i`, or 0.
    @inlinable static func blankWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        return 0
    }

    /// Width of the blank ending just before `end`, or 0.
    @inlinable static func blankWidthBefore(_ b: UnsafeBufferPointer<UInt8>, end: Int, start: Int) -> Int {
        let c = b[end - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xA0, end - 2 >= start, b[end - 2] == 0xC2 { return 2 }
        return 0
    }
}
