import KPIFields
import KPIModel

// MARK: - Axis tick labels

/// Labels for a chart axis's ticks (`$1.2M`, `12%`, `1,500`, `−$20K`): one scale and one number of
/// decimals for every tick of an axis, so the labels line up and read as a sequence. Shared by every
/// chart renderer; the values' own texts stay `NumberText.value`.
extension NumberText {
    /// The label of `value` on an axis whose ticks are `step` apart and reach `largest` in
    /// magnitude. Decimals are the fewest that show the step exactly (`2.5` → one).
    public static func tick(_ value: Double, step: Double, largest: Double, unit: Unit, currencySymbol: String) -> String {
        guard value.isFinite, step.isFinite, step > 0 else { return missing }
        // Ticks are multiples of the step, computed in Double: snap away its binary noise (0.30000000000000004).
        let d = DecimalDigits(snapped(value, step: step))
        switch unit {
        case .percent:
            return d.shifted(by: -2).text(decimals: decimals(for: step * 100)) + "%"
        case .ratio:
            return d.text(decimals: decimals(for: step))
        case .currency, .count, .number:
            let glue = currencySymbol.count > 1 && currencySymbol.allSatisfy(\.isLetter) ? " " : ""
            if d.roundsToZero(decimals: 6) { return unit == .currency ? currencySymbol + glue + "0" : "0" }
            let tier = tickTier(largest: abs(largest), unit: unit)
            var places = decimals(for: step / tier.divisor)
            if unit == .currency && tier.suffix.isEmpty && places > 0 { places = 2 }
            let body = d.magnitude.shifted(by: tier.shift).text(decimals: places) + tier.suffix
            let zero = d.magnitude.shifted(by: tier.shift).roundsToZero(decimals: places)
            let sign = d.negative && !zero ? minus : ""
            guard unit == .currency else { return sign + body }
            return sign + currencySymbol + glue + body
        }
    }

    /// K from a thousand for money and plain numbers; counts stay grouped below ten thousand
    /// (`1,500 orders` reads better than `1.5K`).
    static func tickTier(largest: Double, unit: Unit) -> (shift: Int, suffix: String, divisor: Double) {
        let tiers: [(Int, String, Double)] = [(12, "T", 1e12), (9, "B", 1e9), (6, "M", 1e6), (3, "K", 1e3)]
        let floorK = unit == .count ? 1e4 : 1e3
        for (shift, suffix, divisor) in tiers where largest >= divisor && largest >= floorK { return (shift, suffix, divisor) }
        return (0, "", 1)
    }

    /// The fewest decimals (at most 6) that show `x` exactly to within a millionth of it.
    static func decimals(for x: Double) -> Int {
        var scaled = abs(x)
        for places in 0...6 {
            if abs(scaled - scaled.rounded()) <= 1e-6 * max(1, scaled) { return places }
            scaled *= 10
        }
        return 6
    }

    /// The multiple of `step` nearest `value`, as the shortest Double of its decimal text.
    static func snapped(_ value: Double, step: Double) -> Double {
        let k = (value / step).rounded()
        let places = decimals(for: step)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        // k × step × 10^places is a whole number well inside 2^53 for axis ticks; dividing a whole
        // number by a power of ten is correctly rounded, so the result prints as its short decimal.
        let units = (k * step * scale).rounded()
        return units / scale
    }
}
