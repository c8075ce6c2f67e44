extension NumberParser {
    /// Digits the plain path accepts: below 10^18 the mantissa fits in Int64, and the value in
    /// millionths (< 10^24) stays below `maxRaw`.
    static let plainMaxDigits = 18

    /// Exports mostly write `[-]digits[.digits]`; reading those in Int64 skips the grammar's Int128
    /// mantissa and its branches. Nil for anything else (the grammar decides); otherwise the value is
    /// the one the grammar gives, rounded the same way.
    @inline(__always)
    static func parsePlain(_ field: UnsafeBufferPointer<UInt8>, decimal: UInt8) -> Fixed? {
        guard let p = field.baseAddress else { return nil }
        let n = field.count
        let negative = n > 0 && p[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        var mantissa: Int64 = 0
        var integerDigits = 0, fractionDigits = 0
        while i < n, p[i] &- 48 < 10 {
            mantissa = mantissa &* 10 &+ Int64(p[i] &- 48)
            i += 1; integerDigits += 1
        }
        if i < n, p[i] == decimal {
            i += 1
            while i < n, p[i] &- 48 < 10 {
                mantissa = mantissa &* 10 &+ Int64(p[i] &- 48)
                i += 1; fractionDigits += 1
            }
        }
        let digits = integerDigits + fractionDigits
        // Wrapped accumulations (more than 18 digits) are discarded here, before use.
        guard i == n, digits > 0, digits <= plainMaxDigits else { return nil }
        let magnitude = scaledToMillionths(mantissa, fractionDigits: fractionDigits)
        return Fixed(raw: negative ? -magnitude : magnitude)
    }

    /// `mantissa × 10^(6 − fractionDigits)`, ties away from zero, as `ScannedNumber.raw()` does.
    @inline(__always)
    static func scaledToMillionths(_ mantissa: Int64, fractionDigits: Int) -> Int128 {
        let digits = Fixed.fractionDigits
        if fractionDigits <= digits {
            return Int128(mantissa) * Int128(powerOf10(digits - fractionDigits))
        }
        let divisor = powerOf10(fractionDigits - digits)
        let q = mantissa / divisor, r = mantissa % divisor
        return Int128(r >= divisor - r ? q + 1 : q)
    }

    /// 10^k for 0 ≤ k ≤ 18 (a jump table, not a loop: this runs for every numeric field).
    @inline(__always)
    static func powerOf10(_ k: Int) -> Int64 {
        switch k {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        default:
            var p: Int64 = 10_000_000
            for _ in 7..<k { p &*= 10 }
            return p
        }
    }
}
