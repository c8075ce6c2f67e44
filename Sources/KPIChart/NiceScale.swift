import Foundation

/// "Nice" axis ranges: ticks 1, 2, 2.5 or 5 × 10^n apart, the range a whole number of steps that
/// holds every value. Written here because it is a dozen lines of arithmetic (Heckbert's "nice
/// numbers" with the 2.5 step) and no library on this machine offers it for Swift.
public enum NiceScale {
    /// The step multipliers, tried smallest first.
    static let multipliers: [Double] = [1, 2, 2.5, 5, 10]

    /// The axis for `values` (nils and non-finite values ignored), aiming at about `targetTicks`
    /// intervals; nil when there is no value.
    /// - A constant series gets an axis from zero to it (or from it to zero when negative), so its
    ///   flat line sits on a labelled scale; a constant zero gets 0…1.
    /// - Values of mixed sign get an axis across zero.
    public static func range(of values: [Double?], targetTicks: Int = 4) -> (min: Double, max: Double, step: Double)? {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard var lo = finite.min(), var hi = finite.max() else { return nil }
        if lo == hi {
            if lo > 0 { lo = 0 } else if lo < 0 { hi = 0 } else { hi = 1 }
        }
        let step = niceStep((hi - lo) / Double(max(1, targetTicks)))
        let first = (lo / step).rounded(.down), last = (hi / step).rounded(.up)
        return (first * step, last * step, step)
    }

    /// The smallest nice step at least `rough`.
    public static func niceStep(_ rough: Double) -> Double {
        guard rough.isFinite, rough > 0 else { return 1 }
        let exponent = log10(rough).rounded(.down)
        let power = pow(10, exponent)
        let fraction = rough / power
        // log10 and pow may leave the fraction a hair above a multiplier (1.0000000000000002).
        let m = multipliers.first { fraction <= $0 * (1 + 1e-9) } ?? 10
        return m * power
    }

    /// Tick values from `min` to `max`, `step` apart, each a multiple of the step (no drift from
    /// repeated addition).
    public static func ticks(min: Double, max: Double, step: Double) -> [Double] {
        guard step > 0, max >= min else { return [] }
        let first = Int((min / step).rounded()), last = Int((max / step).rounded())
        guard last - first <= 50 else { return [min, max] }
        return (first...last).map { Double($0) * step }
    }
}
