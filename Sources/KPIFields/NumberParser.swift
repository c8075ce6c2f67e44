// Numbers as CSV exports write them (SPEC 4.2), parsed straight from the field's bytes:
//
//   [blank] [ "(" ] [sign] [currency [blank]] [sign] mantissa [exponent] [ [blank] currency ] [ [blank] "%" ] [ ")" ] [blank]
//
// - blank: spaces, tabs, no-break spaces (U+00A0); trimmed at both ends and inside parentheses.
// - sign: `+` or `-`, once, before or after a leading currency symbol (`-$5`, `$-5`); not inside `( )`.
// - currency: `$ € £ ¥`, once, before or after the number, optionally separated by blanks.
// - mantissa: digits with an optional fraction after `format.decimal` (`12`, `12.5`, `.5`, `5.`);
//   `format.thousands` (0 = none) may separate the integer digits into groups of exactly three after
//   a first group of one to three (`1,234,567.5`; `1,23`, `12,34,567`, `1234,567`, `,123` are invalid).
//   When thousands is a space, NBSP and the narrow no-break space (U+202F) also separate groups.
// - exponent: `e`/`E`, optional sign, digits (`1.2E+05`).
// - `( … )`: an accounting negative (`(1,234.50)`, `($12.00)`).
// - `%`: divides by 100 when `format.allowPercent`, otherwise the field is invalid.
// Empty or blank is `.empty` (missing, never zero). Anything else is `.invalid`.
// The value is exact: digits go into an Int128 at 6 fractional digits, exponents move the decimal
// point exactly, extra fractional digits round half away from zero. Magnitudes above 1e25 are invalid.

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
    /// Largest accepted magnitude, in millionths (1e25).
    static let maxRaw: Int128 = 10_000_000_000_000_000_000_000_000_000_000

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, format: NumberFormat) -> ParsedNumber {
        let field = ByteText.trimmed(bytes)
        if field.isEmpty { return .empty }
        if let plain = parsePlain(field, decimal: format.decimal) { return .value(plain) }
        return parseGrammar(field, format: format)
    }

    /// The full SPEC 4.2 grammar on a trimmed, non-empty field.
    static func parseGrammar(_ field: UnsafeBufferPointer<UInt8>, format: NumberFormat) -> ParsedNumber {
        var scanner = NumberScanner(field, format: format)
        guard let number = scanner.scan() else { return .invalid }
        guard let raw = number.raw() else { return .invalid }
        return .value(Fixed(raw: raw))
    }

    /// True when `bytes` is a well-formed number too large for exact arithmetic (above 1e25): the
    /// reason a reject gives is then "number out of range", not "not a number". Off the hot path:
    /// called only for a cell already found invalid.
    public static func isOutOfRange(_ bytes: UnsafeBufferPointer<UInt8>, format: NumberFormat) -> Bool {
        let field = ByteText.trimmed(bytes)
        guard !field.isEmpty else { return false }
        var scanner = NumberScanner(field, format: format)
        guard let number = scanner.scan() else { return false }
        return number.raw() == nil
    }

    /// Convenience for tests and non-hot paths.
    public static func parse(_ text: String, format: NumberFormat = .standard) -> ParsedNumber {
        var t = text
        return t.withUTF8 { parse($0, format: format) }
    }
}

/// A decimal number as read: `mantissa × 10^exponent`, before scaling to millionths.
struct ScannedNumber {
    var mantissa: Int128
    var exponent: Int
    var negative: Bool

    /// The value in millionths, rounded half away from zero; nil above `NumberParser.maxRaw`.
    func raw() -> Int128? {
        if mantissa == 0 { return 0 }
        let shift = exponent + Fixed.fractionDigits
        var magnitude: Int128
        if shift >= 0 {
            guard shift <= 31 else { return nil }
            let (m, overflow) = mantissa.multipliedReportingOverflow(by: ScannedNumber.pow10(shift))
            guard !overflow else { return nil }
            magnitude = m
        } else {
            magnitude = ScannedNumber.divideRoundingHalfAway(mantissa, byPowerOf10: -shift)
        }
        guard magnitude <= NumberParser.maxRaw else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// `n / 10^k` for n ≥ 0, ties away from zero. Dropped digits past the rounding digit cannot turn a
    /// below-half remainder into a half, so truncated input digits never matter here.
    static func divideRoundingHalfAway(_ n: Int128, byPowerOf10 k: Int) -> Int128 {
        // n < 10^maxDigits, so from 10^(maxDigits+1) on the quotient is below one half.
        guard k <= NumberScanner.maxDigits else { return 0 }
        let p = pow10(k)
        let q = n / p, r = n % p
        return r >= p - r ? q + 1 : q
    }

    /// 10^0 … 10^38.
    static let powersOf10: [Int128] = {
        var table: [Int128] = [1]
        for _ in 1...38 { table.append(table[table.count - 1] * 10) }
        return table
    }()

    @inline(__always) static func pow10(_ k: Int) -> Int128 { powersOf10[k] }
}

/// One pass over a trimmed, non-empty field. Every method advances `i` only over what it accepts.
struct NumberScanner {
    let b: UnsafeBufferPointer<UInt8>
    let format: NumberFormat
    var i = 0
    var end: Int

    /// Significant digits kept in the mantissa; later ones are dropped (see `divideRoundingHalfAway`).
    static let maxDigits = 36

    init(_ b: UnsafeBufferPointer<UInt8>, format: NumberFormat) {
        self.b = b; self.format = format; self.end = b.count
    }

    mutating func scan() -> ScannedNumber? {
        let parenthesized = b[0] == UInt8(ascii: "(") && b[end - 1] == UInt8(ascii: ")")
        if parenthesized {
            i = 1; end -= 1
            skipBlanks(); trimBlanksAtEnd()
            if i >= end { return nil }
        }
        var negative = false
        var sawSign = false, sawCurrency = false
        // Prefix: at most one sign and one currency symbol, in either order.
        while i < end {
            if !sawSign, !parenthesized, let neg = sign() {
                negative = neg; sawSign = true
            } else if !sawCurrency, currencyWidth(at: i) > 0 {
                i += currencyWidth(at: i); sawCurrency = true
                skipBlanks()
            } else {
                break
            }
        }
        guard var number = mantissa() else { return nil }
        guard exponent(into: &number) else { return nil }
        guard suffix(sawCurrency: sawCurrency, number: &number) else { return nil }
        number.negative = negative || parenthesized
        return number
    }

    // MARK: Pieces

    /// `+` → false, `-` → true (negative), else nil.
    mutating func sign() -> Bool? {
        let c = b[i]
        if c == UInt8(ascii: "-") { i += 1; return true }
        if c == UInt8(ascii: "+") { i += 1; return false }
        return nil
    }

    /// Integer digits in optional groups of three, then an optional fraction.
    mutating func mantissa() -> ScannedNumber? {
        var acc = DigitAccumulator()
        var groups = 0, groupLength = 0
        while i < end {
            let c = b[i]
            if isDigit(c) {
                acc.addIntegerDigit(c); groupLength += 1; i += 1
                continue
            }
            let sep = thousandsWidth(at: i)
            guard sep > 0 else { break }
            // A blank separator not followed by a digit ends the number (`1 234 €`, `12 %`).
            if isBlankThousands, i + sep >= end || !isDigit(b[i + sep]) { break }
            // A separator follows a first group of 1–3 digits, or a full group of 3.
            let groupOK = groups == 0 ? (1...3).contains(groupLength) : groupLength == 3
            guard groupOK else { return nil }
            i += sep; groups += 1; groupLength = 0
        }
        if groups > 0, groupLength != 3 { return nil }
        if i < end, b[i] == format.decimal {
            i += 1
            while i < end, isDigit(b[i]) { acc.addFractionDigit(b[i]); i += 1 }
        }
        guard acc.count > 0 else { return nil }
        return ScannedNumber(mantissa: acc.mantissa, exponent: acc.exponent, negative: false)
    }

    /// `e`/`E`, optional sign, at least one digit. True when absent or well formed.
    mutating func exponent(into number: inout ScannedNumber) -> Bool {
        guard i < end, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return true }
        i += 1
        var negative = false
        if i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
            negative = b[i] == UInt8(ascii: "-"); i += 1
        }
        var value = 0, count = 0
        while i < end, isDigit(b[i]) {
            if value < 100_000 { value = value * 10 + Int(b[i] &- 48) }
            i += 1; count += 1
        }
        guard count > 0 else { return false }
        number.exponent += negative ? -value : value
        return true
    }

    /// A trailing currency symbol (unless one led) and a trailing `%`, each after optional blanks.
    mutating func suffix(sawCurrency: Bool, number: inout ScannedNumber) -> Bool {
        var sawCurrency = sawCurrency, sawPercent = false
        while i < end {
            skipBlanks()
            guard i < end else { break }
            let w = currencyWidth(at: i)
            if w > 0, !sawCurrency, !sawPercent {
                i += w; sawCurrency = true
            } else if b[i] == UInt8(ascii: "%"), !sawPercent, format.allowPercent {
                i += 1; sawPercent = true
                number.exponent -= 2
            } else {
                return false
            }
        }
        return true
    }

    // MARK: Bytes

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    var isBlankThousands: Bool { format.thousands == 0x20 }

    /// Width of a thousands separator at `j`, or 0. A decimal mark equal to it wins (a config error elsewhere).
    func thousandsWidth(at j: Int) -> Int {
        let t = format.thousands
        guard t != 0, t != format.decimal else { return 0 }
        if b[j] == t { return 1 }
        guard t == 0x20 else { return 0 }
        if b[j] == 0xC2, j + 1 < end, b[j + 1] == 0xA0 { return 2 }
        if b[j] == 0xE2, j + 2 < end, b[j + 1] == 0x80, b[j + 2] == 0xAF { return 3 }
        return 0
    }

    /// Width of `$` (24), `€` (E2 82 AC), `£` (C2 A3) or `¥` (C2 A5) at `j`, or 0.
    func currencyWidth(at j: Int) -> Int {
        let c = b[j]
        if c == UInt8(ascii: "$") { return 1 }
        if c == 0xC2, j + 1 < end, b[j + 1] == 0xA3 || b[j + 1] == 0xA5 { return 2 }
        if c == 0xE2, j + 2 < end, b[j + 1] == 0x82, b[j + 2] == 0xAC { return 3 }
        return 0
    }

    mutating func skipBlanks() {
        while i < end {
            let w = ByteText.blankWidth(b, at: i, end: end)
            if w == 0 { return }
            i += w
        }
    }

    mutating func trimBlanksAtEnd() {
        while end > i {
            let w = ByteText.blankWidthBefore(b, end: end, start: i)
            if w == 0 { return }
            end -= w
        }
    }
}

/// Decimal digits into an Int128 mantissa with a power-of-ten exponent, leading zeros not counted.
struct DigitAccumulator {
    var mantissa: Int128 = 0
    var exponent = 0
    /// Digits seen (including zeros), to know that there was a number at all.
    var count = 0
    var significant = 0

    @inline(__always) mutating func addIntegerDigit(_ c: UInt8) {
        count += 1
        if significant < NumberScanner.maxDigits {
            append(c)
        } else {
            exponent += 1
        }
    }

    @inline(__always) mutating func addFractionDigit(_ c: UInt8) {
        count += 1
        if significant < NumberScanner.maxDigits {
            append(c)
            exponent -= 1
        }
    }

    @inline(__always) mutating func append(_ c: UInt8) {
        let d = Int128(c &- 48)
        if mantissa == 0 && d == 0 { return }
        mantissa = mantissa &* 10 &+ d
        significant += 1
    }
}
