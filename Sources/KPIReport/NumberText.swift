import KPIFields
import KPIModel

// Human number text: the short forms the highlights and the summary print.

/// Human number formats shared by the highlight sentences and the Markdown summary.
/// It lives beside the report model (not in KPIMarkdown) because the highlight texts are part of
/// the report and KPIReport cannot depend on a writer.
/// Rounding is decimal, half away from zero, on the value's exact decimal text, so `845.205`
/// shows as `$845.21` whether it is a `Fixed` or a `Double`.
public enum NumberText {
    /// The real minus sign: a hyphen reads as a dash in proportional fonts.
    public static let minus = "\u{2212}"
    /// Shown for every missing value.
    public static let missing = "—"

    /// `$1.23M`, `$12.4K`, `$845.20`, `12.4%`, `1,234`, `1.23`, `—`.
    public static func value(_ n: Num?, unit: Unit, currencySymbol: String) -> String {
        guard let n else { return missing }
        let d = DecimalDigits(n)
        switch unit {
        case .currency: return currency(d, symbol: currencySymbol)
        // Counts are whole things: a forecast of 874,361,782.5 calls reads as 874,361,783; small fractional counts keep one decimal.
        case .count: return d.isIntegral || abs(n.double) >= 100 ? d.text(decimals: 0) : d.text(decimals: 1)
        case .percent: return d.shifted(by: -2).text(decimals: 1) + "%"
        case .ratio: return d.text(decimals: 2)
        case .number: return number(d)
        }
    }

    /// A signed change: `+3.1%` from `pct`; for percent KPIs the difference in points (`−2.0 pts`)
    /// from `n`; the signed amount (`+$12.4K`) when there is no percentage (prior was 0); else `—`.
    public static func change(_ n: Num?, pct: Double?, unit: Unit, currencySymbol: String = "$") -> String {
        if unit == .percent { return points(n.map { $0.double }) }
        if let pct { return signedPercent(pct) }
        guard let n else { return missing }
        let text = value(n, unit: unit, currencySymbol: currencySymbol)
        let zero = value(.fixed(.zero), unit: unit, currencySymbol: currencySymbol)
        if text.hasPrefix(minus) || text == zero { return text }
        return "+" + text
    }

    /// An unsigned-style share: `104.2%` (negative values keep their minus sign).
    public static func percent(_ d: Double?) -> String {
        guard let d, d.isFinite else { return missing }
        return DecimalDigits(d).shifted(by: -2).text(decimals: 1) + "%"
    }

    /// `+3.1%`, `−2.0%`, `0.0%` (no sign when it rounds to zero).
    public static func signedPercent(_ d: Double?) -> String {
        guard let d, d.isFinite else { return missing }
        return signed(DecimalDigits(d).shifted(by: -2), decimals: 1) + "%"
    }

    /// A fraction as signed percentage points: `0.031` → `+3.1 pts`.
    public static func points(_ d: Double?) -> String {
        guard let d, d.isFinite else { return missing }
        return signed(DecimalDigits(d).shifted(by: -2), decimals: 1) + " pts"
    }

    /// A fraction as unsigned percentage points: `-0.031` → `3.1 pts`.
    public static func magnitudePoints(_ d: Double?) -> String {
        guard let d, d.isFinite else { return missing }
        return DecimalDigits(abs(d)).shifted(by: -2).text(decimals: 1) + " pts"
    }

    static func signed(_ d: DecimalDigits, decimals: Int) -> String {
        let text = d.text(decimals: decimals)
        if text.hasPrefix(minus) || d.roundsToZero(decimals: decimals) { return text }
        return "+" + text
    }

    /// Three significant digits from a thousand up (`$1.23K`, `$12.4K`, `$123K`, `$1.00M`), cents below.
    static func currency(_ d: DecimalDigits, symbol: String) -> String {
        let body = compact(d.magnitude, smallDecimals: 2)
        let glue = symbol.count > 1 && symbol.allSatisfy(\.isLetter) ? " " : ""
        let sign = d.negative && !body.zero ? minus : ""
        return sign + symbol + glue + body.text
    }

    /// Plain numbers: grouped up to a million, then compact (`1.23M`).
    static func number(_ d: DecimalDigits) -> String {
        let m = d.magnitude
        if !m.shifted(by: 6).roundsBelow(1, decimals: 2) {
            let body = compact(m, smallDecimals: 2)
            return (d.negative ? minus : "") + body.text
        }
        return d.isIntegral ? d.text(decimals: 0) : d.text(decimals: 2)
    }

    /// The shortest tier (none, K, M, B, T) that shows `d` with three significant digits.
    static func compact(_ d: DecimalDigits, smallDecimals: Int) -> (text: String, zero: Bool) {
        if d.roundsBelow(1000, decimals: smallDecimals) {
            return (d.text(decimals: smallDecimals), d.roundsToZero(decimals: smallDecimals))
        }
        let tiers: [(shift: Int, suffix: String)] = [(3, "K"), (6, "M"), (9, "B"), (12, "T")]
        for tier in tiers {
            let scaled = d.shifted(by: tier.shift)
            // 2 decimals below 10, 1 below 100, none below 1000: three significant digits.
            for (decimals, limit) in [(2, 10), (1, 100), (0, 1000)] where scaled.roundsBelow(limit, decimals: decimals) {
                return (scaled.text(decimals: decimals) + tier.suffix, false)
            }
        }
        return (d.shifted(by: 12).text(decimals: 0) + "T", false)
    }
}

/// A decimal number as its exact digits: `value = digits × 10^exponent`.
struct DecimalDigits {
    var negative: Bool
    /// Most significant first, no sign.
    var digits: [UInt8]
    var exponent: Int

    init(_ n: Num) { self.init(text: n.description) }
    init(_ d: Double) { self.init(text: JSONNumber.format(d)) }

    /// From plain decimal text without exponent (`-123.45`), as `Fixed` and `JSONNumber` write it.
    init(text: String) {
        var neg = false, ds: [UInt8] = [], fraction = 0, afterPoint = false
        for c in text.utf8 {
            switch c {
            case UInt8(ascii: "-"): neg = true
            case UInt8(ascii: "."): afterPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                ds.append(c - UInt8(ascii: "0"))
                if afterPoint { fraction += 1 }
            default: break
            }
        }
        self.negative = neg; self.digits = ds.isEmpty ? [0] : ds; self.exponent = -fraction
    }

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative; self.digits = digits; self.exponent = exponent
    }

    var magnitude: DecimalDigits { DecimalDigits(negative: false, digits: digits, exponent: exponent) }

    /// Divided by 10^places (negative places multiply).
    func shifted(by places: Int) -> DecimalDigits {
        DecimalDigits(negative: negative, digits: digits, exponent: exponent - places)
    }

    var isIntegral: Bool {
        exponent >= 0 || digits.suffix(-exponent).allSatisfy { $0 == 0 }
    }

    /// |value| × 10^decimals rounded half away from zero, as digits (most significant first).
    func roundedUnits(decimals: Int) -> [UInt8] {
        let e = exponent + decimals
        if e >= 0 { return trimmed(digits + Array(repeating: 0, count: e)) }
        let drop = -e
        if drop > digits.count { return [0] }
        var kept = Array(digits.prefix(digits.count - drop))
        let first = digits[digits.count - drop]
        if first >= 5 { kept = increment(kept) }
        return trimmed(kept.isEmpty ? [0] : kept)
    }

    func roundsToZero(decimals: Int) -> Bool { roundedUnits(decimals: decimals) == [0] }

    /// Whether |value| rounded to `decimals` places is below `limit` (a small power of ten).
    func roundsBelow(_ limit: Int, decimals: Int) -> Bool {
        let units = roundedUnits(decimals: decimals)
        var bound = String(limit).utf8.map { $0 - UInt8(ascii: "0") }
        bound += Array(repeating: 0, count: decimals)
        if units.count != bound.count { return units.count < bound.count }
        return units.lexicographicallyPrecedes(bound)
    }

    /// Grouped text with exactly `decimals` fraction digits and a real minus sign (never `−0`).
    func text(decimals: Int) -> String {
        var units = roundedUnits(decimals: decimals)
        if units.count <= decimals { units = Array(repeating: 0, count: decimals - units.count + 1) + units }
        let whole = units.prefix(units.count - decimals)
        let fraction = units.suffix(decimals)
        var out = ""
        for (i, digit) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += "," }
            out += String(digit)
        }
        if decimals > 0 { out += "." + fraction.map(String.init).joined() }
        let isZero = units.allSatisfy { $0 == 0 }
        return (negative && !isZero ? NumberText.minus : "") + out
    }

    private func increment(_ ds: [UInt8]) -> [UInt8] {
        var out = ds, i = out.count - 1
        while i >= 0 {
            if out[i] == 9 { out[i] = 0; i -= 1 } else { out[i] += 1; return out }
        }
        return [1] + out
    }

    private func trimmed(_ ds: [UInt8]) -> [UInt8] {
        let t = ds.drop { $0 == 0 }
        return t.isEmpty ? [0] : Array(t)
    }
}
