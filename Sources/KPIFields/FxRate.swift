/// An exchange rate (SPEC 13): units of the base currency per unit of another currency, as an exact
/// fixed-point decimal with 12 fractional digits (a JPY rate of 0.006678234 keeps every digit that
/// an export writes; `Fixed`'s 6 would not).
public struct FxRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let fractionDigits = 12
    public static let scale: Int128 = 1_000_000_000_000
    /// Rates of a billion base units or more are typos (and would leave no headroom in `convert`).
    public static let maxRaw: Int128 = 1_000_000_000 * scale
    /// `Fixed` of 10^15 and more is out of range (SPEC 4.2): 10^21 millionths.
    static let maxConvertedRaw: Int128 = 1_000_000_000_000_000_000_000

    /// The rate in 10^-12 units.
    public var raw: Int128
    @inlinable public init(raw: Int128) { self.raw = raw }
    public static let one = FxRate(raw: scale)

    public static func < (a: FxRate, b: FxRate) -> Bool { a.raw < b.raw }

    /// `value × rate`, rounded once to 6 fractional digits half away from zero; nil when the result
    /// is out of range (10^15 or more). value < 10^15 is below 10^21 millionths and the rate below
    /// 10^21 units, so the product stays below 10^42 — past Int128; hence the overflow check.
    @inline(__always) public func convert(_ value: Fixed) -> Fixed? {
        let negative = value.raw < 0
        let magnitude = negative ? 0 - value.raw : value.raw
        // Nearly every row: both factors fit 64 bits and the quotient too (value below ~1.8e13 at a rate
        // of 1), so one 64×64→128 multiply and one 128÷64 division do it, not Int128's software divide.
        if magnitude <= Int128(UInt64.max), raw <= Int128(UInt64.max) {
            let (hi, lo) = UInt64(magnitude).multipliedFullWidth(by: UInt64(raw))
            if hi < FxRate.scale64 {
                let (q, r) = FxRate.scale64.dividingFullWidth((hi, lo))
                // In Int128: q may be 2^64 − 1, and rounding up must not overflow.
                let rounded = Int128(q) + (r >= FxRate.scale64 - r ? 1 : 0)
                guard rounded < FxRate.maxConvertedRaw else { return nil }
                return Fixed(raw: negative ? -rounded : rounded)
            }
        }
        return convertWide(magnitude, negative: negative)
    }

    static let scale64: UInt64 = 1_000_000_000_000

    /// `convert` past 64 bits, in Int128 (the product checked for overflow).
    func convertWide(_ magnitude: Int128, negative: Bool) -> Fixed? {
        let (product, overflow) = magnitude.multipliedReportingOverflow(by: raw)
        guard !overflow else { return nil }
        let q = product / FxRate.scale, r = product % FxRate.scale
        let rounded = r >= FxRate.scale - r ? q + 1 : q
        guard rounded < FxRate.maxConvertedRaw else { return nil }
        return Fixed(raw: negative ? -rounded : rounded)
    }

    /// Why a rate's text is not a rate.
    public enum ParseError: Error, Sendable, Equatable {
        case notANumber
        case notPositive
        case tooManyDigits
        case tooLarge

        public var message: String {
            switch self {
            case .notANumber: return "rate is not a number"
            case .notPositive: return "rate must be above 0"
            case .tooManyDigits: return "rate has more than \(FxRate.fractionDigits) decimals"
            case .tooLarge: return "rate is too large"
            }
        }
    }

    /// Plain decimal text: optional `+`/`-`, digits with an optional `.` fraction, an optional
    /// exponent (`1.0834`, `0.006678234`, `6.678234E-3`); spaces around it are trimmed. Exact: more
    /// than 12 decimals is an error rather than a silent rounding.
    public static func parse(_ text: String) -> Result<FxRate, ParseError> {
        let b = Array(text.trimmingSpaces.utf8)
        var i = 0
        var negative = false
        if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: Int128 = 0
        var digits = 0, fraction = 0, significant = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        while i < b.count, isDigit(b[i]) {
            if significant > 0 || b[i] != 48 { significant += 1 }
            guard significant <= 30 else { return .failure(.tooLarge) }
            mantissa = mantissa * 10 + Int128(b[i] - 48); digits += 1; i += 1
        }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) {
                if significant > 0 || b[i] != 48 { significant += 1 }
                guard significant <= 30 else { return .failure(.tooManyDigits) }
                mantissa = mantissa * 10 + Int128(b[i] - 48); digits += 1; fraction += 1; i += 1
            }
        }
        guard digits > 0 else { return .failure(.notANumber) }
        var exponent = 0
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { expNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            var count = 0
            while i < b.count, isDigit(b[i]) {
                if exponent < 1000 { exponent = exponent * 10 + Int(b[i] - 48) }
                count += 1; i += 1
            }
            guard count > 0 else { return .failure(.notANumber) }
            if expNegative { exponent = -exponent }
        }
        guard i == b.count else { return .failure(.notANumber) }
        if negative || mantissa == 0 { return .failure(.notPositive) }
        // value = mantissa × 10^(exponent − fraction); in 10^-12 units: × 10^(exponent − fraction + 12).
        var shift = exponent - fraction + fractionDigits
        var raw = mantissa
        // Trailing zeros of the mantissa do not count as decimals (`1.50000000000000` is 1.5).
        while shift < 0, raw % 10 == 0 { raw /= 10; shift += 1 }
        guard shift >= 0 else { return .failure(.tooManyDigits) }
        for _ in 0..<shift {
            let (m, overflow) = raw.multipliedReportingOverflow(by: 10)
            guard !overflow, m < maxRaw else { return .failure(.tooLarge) }
            raw = m
        }
        guard raw < maxRaw else { return .failure(.tooLarge) }
        return .success(FxRate(raw: raw))
    }

    /// Exact decimal text, no trailing zeros: `1.0834`, `0.006678234`, `2`.
    public var description: String {
        let whole = raw / FxRate.scale
        var frac = raw % FxRate.scale
        guard frac != 0 else { return String(whole) }
        var digits = FxRate.fractionDigits
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        let f = String(frac)
        return String(whole) + "." + String(repeating: "0", count: digits - f.count) + f
    }
}

/// ISO 4217 codes as the config and the rates file write them.
public enum CurrencyCode {
    /// Three capital letters A–Z.
    public static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        return b.count == 3 && b.allSatisfy { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }
    }
}
