/// The one fixed textual form of numbers in JSON (SPEC 7.3).
public enum JSONNumber {
    /// Shortest round-trip digits, never an exponent, never `-0`. Non-finite values have no JSON form: `null`.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        return expandExponent(d.description)
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
