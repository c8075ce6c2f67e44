/// The one fixed textual form of numbers in JSON (SPEC 7.3).
public enum JSONNumber {
    /// Shortest round-trip digits, never an exponent, never `-0`. Non-finite values have no JSON form: `null`.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        return fewDigits(d) ?? expandExponent(d.description)
    }

    /// Exact powers of ten (every one up to 10^22 is a Double).
    private static let powersOfTen: [Double] = (0...15).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// The shortest decimal of a value with at most 15 significant digits, without `Double.description`.
    /// Below 10^15 digits, the decimals of `m / 10^k` are ≥ 4 ulp apart, so at most one per k lies in
    /// `d`'s rounding interval and `round(|d| · 10^k)` (error ≤ 0.23) finds it: the least k that
    /// round-trips is the shortest form. Anything else (huge, tiny, 16–17 digits) returns nil.
    static func fewDigits(_ d: Double) -> String? {
        let a = d.magnitude
        guard a < 1e15 else { return nil }
        for k in 0..<powersOfTen.count {
            let p = powersOfTen[k]
            let scaled = a * p
            guard scaled < 1e15 else { return nil }
            let m = scaled.rounded()
            if m / p == a { return decimalText(UInt64(m), decimals: k, negative: d < 0) }
        }
        return nil
    }

    /// `m · 10^-decimals` as plain text; `m` has no trailing zero when `decimals > 0`.
    private static func decimalText(_ m: UInt64, decimals: Int, negative: Bool) -> String {
        var digits = String(m)
        if decimals > 0 {
            if digits.utf8.count <= decimals { digits = String(repeating: "0", count: decimals - digits.utf8.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return negative ? "-" + digits : digits
    }

    /// Turns Swift's `1.5e-05` / `1e+16` into plain decimal text; drops a trailing `.0`.
    static func expandExponent(_ s: String) -> String {
        var text = s
        var neg = false
        if text.hasPrefix("-") { neg = true; text.removeFirst() }
        var mantissa = text, exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa, fracPart = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = String(mantissa[..<dot]); fracPart = String(mantissa[mantissa.index(after: dot)...])
        }
        var digits = intPart + fracPart
        var point = intPart.count + exp
        if point <= 0 { digits = String(repeating: "0", count: -point + 1) + digits; point = 1 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        var whole = String(digits.prefix(point))
        var frac = String(digits.dropFirst(point))
        while frac.hasSuffix("0") { frac.removeLast() }
        while whole.count > 1 && whole.hasPrefix("0") { whole.removeFirst() }
        let body = frac.isEmpty ? whole : whole + "." + frac
        return neg ? "-" + body : body
    }
}
