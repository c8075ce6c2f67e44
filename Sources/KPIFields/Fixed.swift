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

    @inlinable public var double: Double {
        let whole = raw / Fixed.scale, frac = raw % Fixed.scale
        return Double(whole) + Double(frac) / 1_000_000.0
    }

    /// Rounds to 6 fractional digits, half away from zero. Nil for NaN, infinities and overflow.
    public static func rounding(_ d: Double) -> Fixed? {
        guard d.isFinite, abs(d) < 1e30 else { return nil }
        let scaled = (d * 1_000_000.0)
        let r = scaled.rounded(.toNearestOrAwayFromZero)
        guard abs(r) < 1.7e38 else { return nil }
        return Fixed(raw: Int128(r))
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
