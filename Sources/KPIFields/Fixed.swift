/// Exact decimal money: an integer count of millionths in 128-bit arithmetic.
/// Sums of decimal columns never go through binary floating point (SPEC 4.2).
public struct Fixed: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let scale: Int128 = 1_000_000
    public static let fractionDigits = 6
    public var raw: Int128

    @inlinable public init(raw: Int128) { self.raw = raw }
    @inlinable public init(integer: Int) { self.raw = Int128(integer) * Fixed.scale }
    public static let zero = Fixed(raw: 0)

    @inlinable public static func < (a: Fixed, b: Fixed) -> Bool { a.raw < b.raw }
    @inlinable public static func + (a: Fixed, b: Fixed) -> Fixed { Fixed(raw: a.raw + b.raw) }
    @inlinable public static func - (a: Fixed, b: Fixed) -> Fixed { Fixed(raw: a.raw - b.raw) }
    @inlinable public static func += (a: inout Fixed, b: Fixed) { a.raw += b.raw }
    @inlinable public static prefix func - (a: Fixed) -> Fixed { Fixed(raw: -a.raw) }

    /// The nearest Double: one correctly rounded division while the count of millionths is exact in a
    /// Double (|raw| < 2^53, i.e. below about 9 billion), so 0.05 stays 0.05.
    @inlinable public var double: Double {
        // Through Int64: the stdlib's generic Int128 → Double conversion was a third of the ingest's CPU.
        if raw > -(1 << 53) && raw < (1 << 53) { return Double(Int64(truncatingIfNeeded: raw)) / 1_000_000.0 }
        let whole = raw / Fixed.scale, frac = raw % Fixed.scale
        return Double(whole) + Double(frac) / 1_000_000.0
    }

    /// Rounds to 6 fractional digits, half away from zero. Nil for NaN, infinities and magnitudes of 1e30 or more.
    ///
    /// The rule applies to the Double's exact binary value, not to its shortest decimal spelling:
    /// `2.675` is stored as 2.67499999999999982…, which is 2.675000 at six digits either way, but `5e-7`
    /// is stored as 4.99999999999999977…e-7 and becomes 0, not 0.000001. Scaling by 10^6 in Double first
    /// would round twice (and lose the low digits of 1e12-scale money), so the scaling is done in Int128.
    public static func rounding(_ d: Double) -> Fixed? {
        guard d.isFinite, abs(d) < 1e30 else { return nil }
        if d == 0 { return .zero }
        // d = significand × 2^exponent exactly, with an integer significand below 2^53.
        let bits = d.significandBitPattern
        let significand = Int128(d.exponentBitPattern == 0 ? bits : bits | (1 << 52))
        let exponent = d.exponentBitPattern == 0 ? -1074 : Int(d.exponentBitPattern) - 1075
        let scaled = significand * Fixed.scale
        var magnitude: Int128
        if exponent >= 0 {
            magnitude = scaled << exponent
        } else {
            magnitude = shiftRightRoundingHalfAway(scaled, by: -exponent)
        }
        if d < 0 { magnitude = -magnitude }
        return Fixed(raw: magnitude)
    }

    /// `n / 2^k` for n ≥ 0, ties away from zero.
    static func shiftRightRoundingHalfAway(_ n: Int128, by k: Int) -> Int128 {
        // n < 2^73, so from 2^75 on the quotient is below one half.
        guard k < 75 else { return 0 }
        let q = n >> k
        let r = n - (q << k)
        return r >= (Int128(1) << (k - 1)) ? q + 1 : q
    }

    /// Exact decimal text in the standard format (`.` decimal, `,` thousands, currency, exponent,
    /// accounting negatives); nil when empty or not a number. For config values and tests.
    public static func parse(_ text: String) -> Fixed? {
        if case .value(let f) = NumberParser.parse(text, format: .standard) { return f }
        return nil
    }

    /// Rounded to `n` fractional digits (0…6; fewer than 0 rounds to tens, hundreds…), half away from zero.
    public func rounded(toDigits n: Int) -> Fixed {
        let drop = Fixed.fractionDigits - n
        guard drop > 0 else { return self }
        guard drop <= 38 else { return .zero }
        var p: Int128 = 1
        for _ in 0..<drop { p *= 10 }
        let magnitude = raw < 0 ? 0 - raw : raw
        let q = magnitude / p, r = magnitude % p
        // Rounding up can only overflow next to Int128's limit; there the value is cut toward zero.
        let up = r >= p - r ? q + 1 : q
        let (product, overflow) = up.multipliedReportingOverflow(by: p)
        let rounded = overflow ? q * p : product
        return Fixed(raw: raw < 0 ? -rounded : rounded)
    }

    /// Exact decimal text: no exponent, no trailing fractional zeros, no `-0`. e.g. `1234.5`, `-0.000001`, `12`.
    public var description: String {
        let neg = raw < 0
        let mag = neg ? (0 - raw) : raw
        let whole = mag / Fixed.scale
        var frac = mag % Fixed.scale
        var s = neg ? "-" : ""
        s += String(whole)
        if frac != 0 {
            var digits = 6
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }
}

/// A computed value: exact fixed-point where the arithmetic allows it, else a Double.
public enum Num: Hashable, Sendable, CustomStringConvertible {
    case fixed(Fixed)
    case double(Double)

    @inlinable public var double: Double {
        switch self {
        case .fixed(let f): return f.double
        case .double(let d): return d
        }
    }

    @inlinable public var isZero: Bool { double == 0 }

    public static func + (a: Num, b: Num) -> Num {
        if case .fixed(let x) = a, case .fixed(let y) = b { return .fixed(x + y) }
        return .double(a.double + b.double)
    }
    public static func - (a: Num, b: Num) -> Num {
        if case .fixed(let x) = a, case .fixed(let y) = b { return .fixed(x - y) }
        return .double(a.double - b.double)
    }
    public static func * (a: Num, b: Num) -> Num { .double(a.double * b.double) }
    /// Nil on division by zero.
    public static func / (a: Num, b: Num) -> Num? { b.isZero ? nil : .double(a.double / b.double) }

    public var description: String {
        switch self {
        case .fixed(let f): return f.description
        case .double(let d): return JSONNumber.format(d)
        }
    }
}
