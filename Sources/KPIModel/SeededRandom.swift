/// SplitMix64: a tiny generator of our own, so one seed gives the same bytes on every machine
/// and Swift version (the standard library's generators promise neither). Every synthetic data set
/// draws from it: the demo company (KPIDemo) and the starter project (KPIStarter). Inlinable: the
/// generator makes millions of rows, one call per draw.
public struct SeededRandom: Sendable {
    @usableFromInline var state: UInt64

    @inlinable public init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the company, so the revenue file does not change
    /// when the number of order rows does.
    @inlinable public init(seed: UInt64, stream: UInt64) {
        var mixer = SeededRandom(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    @inlinable public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits.
    @inlinable public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Uniform in 0..<bound (multiply-high; the bias is far below anything a demo can show).
    @inlinable public mutating func below(_ bound: Int) -> Int {
        guard bound > 1 else { return 0 }
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    @inlinable public mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Roughly normal (Irwin–Hall of four uniforms, variance 1): only arithmetic, so reproducible
    /// bit for bit, unlike Box–Muller's log and cos.
    @inlinable public mutating func gaussian() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772
    }

    /// A multiplicative wobble around 1 with the given spread, never below 0.2.
    @inlinable public mutating func wobble(_ spread: Double) -> Double { max(0.2, 1 + spread * gaussian()) }
}

/// Exponential and cosine from plain arithmetic: libm's results may differ in the last bit
/// between platforms, and one bit can change a rounded cent.
public enum PortableMath {
    public static func exp(_ x: Double) -> Double {
        let ln2 = 0.6931471805599453
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...20 {
            term *= r / Double(n)
            sum += term
        }
        return sum * power2(Int(k))
    }

    /// cos(2π·turns): seasonality is naturally measured in fractions of a year.
    public static func cosTurns(_ turns: Double) -> Double {
        var t = turns - turns.rounded()          // -0.5...0.5
        if t < 0 { t = -t }
        let x = 2 * Double.pi * t                 // 0...π
        let x2 = x * x
        var term = 1.0
        var sum = 1.0
        for n in stride(from: 2, through: 40, by: 2) {
            term *= -x2 / Double((n - 1) * n)
            sum += term
        }
        return sum
    }

    /// (1 + rate) ^ years, for growth that compounds smoothly through the year.
    public static func compound(_ rate: Double, years: Double) -> Double {
        exp(years * log1p(rate))
    }

    private static func power2(_ k: Int) -> Double {
        var result = 1.0
        let base = k >= 0 ? 2.0 : 0.5
        for _ in 0..<abs(k) { result *= base }
        return result
    }

    /// ln(1 + r) by the atanh series: converges fast for the growth rates used here (|r| < 1).
    private static func log1p(_ r: Double) -> Double {
        let y = r / (2 + r)
        let y2 = y * y
        var term = y
        var sum = 0.0
        var n = 1.0
        for _ in 0..<60 {
            sum += term / n
            term *= y2
            n += 2
        }
        return 2 * sum
    }
}
