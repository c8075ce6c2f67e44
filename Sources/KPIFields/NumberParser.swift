/// The outcome of parsing one numeric field.
public enum ParsedNumber: Sendable, Hashable {
    /// Empty (or only spaces): missing, never zero.
    case empty
    case value(Fixed)
    case invalid
}

/// Parses numbers from raw bytes by SPEC 4.2 (sign, fraction, exponent, configured decimal mark and
/// thousands separator, currency symbols, accounting negatives, trailing % when allowed).
public enum NumberParser {
    /// TEMPORARY naive implementation; the fields work replaces the body, keeping this signature.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, format: NumberFormat) -> ParsedNumber {
        let s = String(String(decoding: bytes, as: UTF8.self).filter { $0 != " " })
        if s.isEmpty { return .empty }
        guard let d = Double(s), let f = Fixed.rounding(d) else { return .invalid }
        return .value(f)
    }

    /// Convenience for tests and non-hot paths.
    public static func parse(_ text: String, format: NumberFormat = .standard) -> ParsedNumber {
        var t = text
        return t.withUTF8 { parse($0, format: format) }
    }
}
