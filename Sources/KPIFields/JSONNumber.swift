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
    /// Works on the bytes: digits, point position, then one output buffer.
    static func expandExponent(_ s: String) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        var neg = false, intCount = 0, seenPoint = false, exp = 0, expNeg = false, inExp = false
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "-"): if inExp { expNeg = true } else { neg = true }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExp = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExp { exp = exp &* 10 &+ Int(b &- 48) } else { digits.append(b); if !seenPoint { intCount += 1 } }
            default: continue
            }
        }
        var point = intCount + (expNeg ? -exp : exp)
        if point <= 0 { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: -point + 1), at: 0); point = 1 }
        if point > digits.count { digits.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: point - digits.count)) }
        var fracEnd = digits.count
        while fracEnd > point && digits[fracEnd - 1] == UInt8(ascii: "0") { fracEnd -= 1 }
        var wholeStart = 0
        while point - wholeStart > 1 && digits[wholeStart] == UInt8(ascii: "0") { wholeStart += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(fracEnd - wholeStart + 2)
        if neg { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: digits[wholeStart..<point])
        if fracEnd > point { out.append(UInt8(ascii: ".")); out.append(contentsOf: digits[point..<fracEnd]) }
        return String(decoding: out, as: UTF8.self)
    }
}
