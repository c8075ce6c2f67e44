import KPIFields
import KPIModel

/// The box totals of a weekly business review, as its readers know them: per KPI one line of
/// actual, vs prior, vs last year (and whether that growth sped up or slowed down), MTD and its
/// YoY, QTD and its YoY, YTD and its YoY. The workbook, the Markdown and the HTML show the same
/// columns from this one definition; a column that is null for the cadence (MTD outside weekly
/// reports, QTD in quarterly ones) is left out, not shown empty.
public struct WBRBox: Sendable {
    public enum Column: Sendable, Hashable {
        case actual, vsPrior, vsLastYear, yoyTrend, mtd, mtdYoy, qtd, qtdYoy, ytd, ytdYoy
    }

    public let columns: [Column]
    public let cadence: Cadence

    public init(_ report: ReviewReport) {
        var columns: [Column] = [.actual, .vsPrior, .vsLastYear, .yoyTrend]
        if report.windows.mtd != nil { columns += [.mtd, .mtdYoy] }
        if report.windows.qtd != nil { columns += [.qtd, .qtdYoy] }
        columns += [.ytd, .ytdYoy]
        self.columns = columns
        cadence = report.cadence
    }

    /// `WoW` / `MoM` / `QoQ` for the prior period, `YoY`, `MTD YoY`…
    public func header(_ c: Column) -> String {
        switch c {
        case .actual: return "Actual"
        case .vsPrior:
            switch cadence {
            case .weekly: return "WoW"
            case .monthly: return "MoM"
            case .quarterly: return "QoQ"
            }
        case .vsLastYear: return "YoY"
        case .yoyTrend: return "YoY trend"
        case .mtd: return "MTD"
        case .mtdYoy: return "MTD YoY"
        case .qtd: return "QTD"
        case .qtdYoy: return "QTD YoY"
        case .ytd: return "YTD"
        case .ytdYoy: return "YTD YoY"
        }
    }

    /// Whether the column holds the KPI's own values (else a change).
    public static func isValue(_ c: Column) -> Bool { [.actual, .mtd, .qtd, .ytd].contains(c) }

    /// The KPI's value in a value column.
    public static func value(_ r: KPIResult, _ c: Column) -> Num? {
        switch c {
        case .actual: return r.actual
        case .mtd: return r.mtd
        case .qtd: return r.qtd
        case .ytd: return r.ytd
        default: return nil
        }
    }

    /// A change column's difference and relative change (SPEC 6.4, 7.3).
    public static func change(_ r: KPIResult, _ c: Column) -> (amount: Num?, pct: Double?) {
        switch c {
        case .vsPrior: return (r.priorChange, r.priorChangePct)
        case .vsLastYear: return (r.yoyChange, r.yoyChangePct)
        case .mtdYoy: return (r.mtdYoyChange, r.mtdYoyChangePct)
        case .qtdYoy: return (r.qtdYoyChange, r.qtdYoyChangePct)
        case .ytdYoy: return (r.ytdYoyChange, r.ytdYoyChangePct)
        default: return (nil, nil)
        }
    }

    /// A change as the box shows it, a fraction: the relative change, or for percent KPIs the
    /// difference itself (shown in points). Nil when there is none.
    public static func shownChange(_ r: KPIResult, _ c: Column, unit: Unit) -> Double? {
        let (amount, pct) = change(r, c)
        return unit == .percent ? amount?.double : pct
    }

    /// How much faster (positive) or slower the YoY change is than the prior period's own, as a
    /// fraction shown in points: `yoy_change_pct − yoy_change_pct_prior`, or for percent KPIs the
    /// difference of the two points changes.
    public static func yoyTrend(_ r: KPIResult, unit: Unit) -> Double? {
        if unit == .percent {
            guard let now = r.yoyChange?.double, let before = r.yoyChangePrior?.double else { return nil }
            return now - before
        }
        guard let now = r.yoyChangePct, let before = r.yoyChangePctPrior else { return nil }
        return now - before
    }

    /// `1.3 pts faster than last week`, `0.4 pts slower than last month`, `as fast as last week`, `—`;
    /// in a table cell (`short`) without the `than last week` the column's header says.
    public func trendText(_ d: Double?, short: Bool = false) -> String {
        guard let d, d.isFinite else { return NumberText.missing }
        let size = NumberText.magnitudePoints(d)
        let than = short ? "" : " than last \(cadence.periodNoun)"
        if size == "0.0 pts" { return short ? "as fast" : "as fast as last \(cadence.periodNoun)" }
        return "\(size) \(d > 0 ? "faster" : "slower")\(than)"
    }

    /// A cell as text (Markdown and HTML): values in the KPI's unit, changes as `+3.1%` or, for
    /// percent KPIs, `+3.1 pts`.
    public func text(_ r: KPIResult?, _ c: Column, unit: Unit, currencySymbol: String) -> String {
        guard let r else { return NumberText.missing }
        if Self.isValue(c) { return NumberText.value(Self.value(r, c), unit: unit, currencySymbol: currencySymbol) }
        if c == .yoyTrend { return trendText(Self.yoyTrend(r, unit: unit), short: true) }
        let (amount, pct) = Self.change(r, c)
        return NumberText.change(amount, pct: pct, unit: unit, currencySymbol: currencySymbol)
    }

    /// What each column compares with, for the note under the box.
    public func note(_ w: Windows) -> String {
        func span(_ x: WindowInfo) -> String { "\(x.id) (\(x.start) – \(x.end))" }
        var parts = ["\(header(.vsPrior)) vs \(span(w.prior))", "YoY vs \(span(w.yoy))",
                     "YoY trend: the YoY change against last \(cadence.periodNoun)'s own YoY change, in points (faster: growth sped up)"]
        if let m = w.mtd, let my = w.mtdYoy { parts.append("MTD \(span(m)) vs \(span(my))") }
        if let q = w.qtd, let qy = w.qtdYoy { parts.append("QTD \(span(q)) vs \(span(qy))") }
        parts.append("YTD \(span(w.ytd)) vs \(span(w.ytdYoy))")
        return parts.joined(separator: " · ") + ". Percent KPIs change in points."
    }
}
