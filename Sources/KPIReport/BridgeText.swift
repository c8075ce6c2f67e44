import KPIFields
import KPIModel

/// The one sentence the summaries say for a bridged KPI at ALL (SPEC 6.5):
/// "Revenue +$120K vs last year: volume +$150K, price −$40.0K, mix +$10.0K".
/// Shared by the Markdown, the HTML report and the email body.
public enum BridgeText {
    public enum Base: String, Sendable { case prior, yoy, target }

    /// The part names as the sentence and the charts show them, in the JSON's order.
    public static let labels = ["volume": "volume", "mix": "mix", "price": "price", "new": "new lines",
                                "lost": "lost lines", "other": "other"]

    /// The base a summary tells: last year when that bridge exists, else the prior period.
    public static func headline(_ r: KPIResult) -> (Base, BridgeParts)? {
        if let y = r.bridge?.yoy { return (.yoy, y) }
        if let p = r.bridge?.prior { return (.prior, p) }
        return nil
    }

    /// Each bridged KPI's sentence at ALL, in KPI order; empty when none has a bridge.
    public static func sentences(_ report: ReviewReport) -> [String] {
        report.kpis.compactMap { k in
            report.result(kpi: k.id, level: .total, key: "ALL").flatMap { sentence(k, $0, report) }
        }
    }

    /// The parts that are not 0, largest first (ties in the JSON's order), after the change itself.
    public static func sentence(_ kpi: KPIInfo, _ r: KPIResult, _ report: ReviewReport) -> String? {
        guard let (base, parts) = headline(r) else { return nil }
        let symbol = report.presentation.currencySymbol
        let change = base == .yoy ? r.yoyChange : r.priorChange
        let amount = NumberText.change(change ?? .double(parts.total), pct: nil, unit: kpi.unit, currencySymbol: symbol)
        let noun = report.cadence.periodNoun
        let against = base == .yoy ? "vs last year" : "vs the prior \(noun)"
        let shown = parts.named.enumerated().filter { $0.element.value != 0 }
            .sorted { a, b in abs(a.element.value) != abs(b.element.value) ? abs(a.element.value) > abs(b.element.value) : a.offset < b.offset }
            .map { "\(labels[$0.element.name] ?? $0.element.name) \(signed($0.element.value, kpi.unit, symbol))" }
        let body = shown.isEmpty ? "no change in volume, mix or price" : shown.joined(separator: ", ")
        return "\(kpi.name) \(amount) \(against): \(body)"
    }

    /// `+$150K`, `−$40.0K`, `+$0.00`.
    public static func signed(_ v: Double, _ unit: Unit, _ symbol: String) -> String {
        NumberText.change(.double(v), pct: nil, unit: unit, currencySymbol: symbol)
    }
}
