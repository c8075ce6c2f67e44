import KPIModel
import KPIReport

/// Excel number formats by KPI unit (SPEC 7.1: numbers are numbers, shown with formats).
struct KPIFormats {
    /// The KPI's own values: actual, target, prior, yoy, QTD, YTD, forecast.
    var value: String
    /// Differences in the KPI's unit: variance (red when on the wrong side).
    var signed: String
    /// The "Δ%" columns; for percent KPIs the change in points instead.
    var change: String
    /// True when the change columns hold percentage points (value × 100), not a relative change.
    var changeInPoints: Bool
    /// The YoY trend (growth faster or slower than the prior period's), always in points.
    var trend: String

    static let attainment = "0.0%"

    init(unit: Unit, better: Better, currencySymbol: String, smallValues: Bool) {
        let base = KPIFormats.valueFormat(unit: unit, currencySymbol: currencySymbol, smallValues: smallValues)
        value = base
        trend = KPIFormats.signedFormat("0.0\" pts\"", better: better)
        switch unit {
        case .percent:
            let points = "0.0\" pts\""
            signed = KPIFormats.signedFormat(points, better: better)
            change = signed
            changeInPoints = true
        default:
            signed = KPIFormats.signedFormat(base, better: better)
            change = KPIFormats.signedFormat("0.0%", better: better)
            changeInPoints = false
        }
    }

    static func valueFormat(unit: Unit, currencySymbol: String, smallValues: Bool) -> String {
        switch unit {
        case .currency:
            let digits = smallValues ? "#,##0.00" : "#,##0"
            return currencyPrefix(currencySymbol) + digits
        case .count: return "#,##0"
        case .percent: return "0.0%"
        case .ratio, .number: return "#,##0.00"
        }
    }

    /// `"$"` for a symbol, `"CHF "` for a code; quotes dropped so the format stays valid.
    static func currencyPrefix(_ symbol: String) -> String {
        let clean = symbol.filter { $0 != "\"" && $0 != "\\" }
        if clean.isEmpty { return "" }
        return clean.count > 1 ? "\"\(clean) \"" : "\"\(clean)\""
    }

    /// `+x;[Red]-x;x`: the sign always shown, red on the side that is worse for the KPI.
    static func signedFormat(_ base: String, better: Better) -> String {
        switch better {
        case .higher: return "+\(base);[Red]-\(base);\(base)"
        case .lower: return "[Red]+\(base);-\(base);\(base)"
        }
    }

    /// Two decimals for currency KPIs whose values are all below 1,000 (AOV), none for the others.
    static func hasSmallValues(_ results: [KPIResult]) -> Bool {
        var largest = 0.0
        for r in results {
            for n in [r.actual, r.target, r.prior, r.yoy, r.forecast] { if let n { largest = max(largest, abs(n.double)) } }
        }
        return largest < 1_000
    }
}
