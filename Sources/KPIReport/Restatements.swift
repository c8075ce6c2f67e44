import KPICalendar
import KPIFields
import KPIModel

/// A value a report in OUT already published that this run computes differently (SPEC 6.6): the
/// same KPI, level and key over the same whole period.
public struct Restatement: Sendable, Hashable {
    public var kpi: String
    public var level: Level
    public var key: String
    public var grain: Grain
    /// The period's id (`2026-W45`, `2026-10`).
    public var period: String
    public var periodStart: Day
    public var published: Num?
    public var now: Num?
    /// now − published (exact when both are); nil when either is null.
    public var change: Num?
    /// change / |published|; nil when published is 0 or null.
    public var changePct: Double?
    /// The published report's JSON path relative to OUT (`weekly/2026-W45/kpi-review-weekly-2026-W45.json`).
    public var publishedIn: String

    public init(kpi: String, level: Level, key: String, grain: Grain, period: String, periodStart: Day,
                published: Num?, now: Num?, publishedIn: String) {
        self.kpi = kpi; self.level = level; self.key = key; self.grain = grain; self.period = period
        self.periodStart = periodStart; self.published = published; self.now = now; self.publishedIn = publishedIn
        if let p = published, let n = now {
            let d = n - p
            change = d
            changePct = p.isZero ? nil : d.double / abs(p.double)
        }
    }

    /// The summaries' order (SPEC 6.6): total and group rows before line rows, each by |change_pct|,
    /// largest first, null last; ties keep the JSON's order.
    public static func summaryOrder(_ list: [Restatement]) -> [Restatement] {
        list.enumerated().sorted { a, b in
            let la = a.element.level == .line, lb = b.element.level == .line
            if la != lb { return !la }
            switch (a.element.changePct.map(abs), b.element.changePct.map(abs)) {
            case let (x?, y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// The summaries show this many, then a count of the rest.
    public static let summaryLimit = 10
}

/// One result row of a published report, by KPI, level and key.
public struct ResultKey: Hashable, Sendable {
    public var kpi: String
    public var level: Level
    public var key: String
    public init(kpi: String, level: Level, key: String) { self.kpi = kpi; self.level = level; self.key = key }
}

/// A published `actual`: JSON null, or the number's text exactly as written (so an exact decimal
/// compares exactly, never through a Double).
public enum PublishedActual: Sendable, Hashable {
    case null
    case number(String)

    /// The value as this run would hold it: exact when the text is a plain decimal of at most six
    /// fractional digits and `exact` is asked for, else a Double.
    public func value(exact: Bool) -> Num? {
        guard case .number(let text) = self else { return nil }
        if exact, PublishedActual.isPlainDecimal(text), let f = Fixed.parse(text) { return .fixed(f) }
        return Double(text).map { .double($0) }
    }

    /// `-12.5`, `3`: digits with at most six after the point, no exponent.
    static func isPlainDecimal(_ text: String) -> Bool {
        var fraction = -1
        for (i, b) in text.utf8.enumerated() {
            switch b {
            case UInt8(ascii: "-") where i == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if fraction >= 0 { fraction += 1 }
            case UInt8(ascii: ".") where fraction < 0: fraction = 0
            default: return false
            }
        }
        return fraction <= Fixed.fractionDigits
    }

    /// Whether `now` restates this published value: exact decimals compare exactly, a Double only
    /// when it differs by more than 1e-9 relative; null equals only null.
    public func differs(from now: Num?) -> Bool {
        switch (self, now) {
        case (.null, nil): return false
        case (.null, _?), (.number, nil): return true
        case (.number, let n?):
            if case .fixed(let f) = n, let p = value(exact: true), case .fixed(let g) = p { return f != g }
            guard let p = value(exact: false)?.double else { return true }
            let a = n.double
            return abs(a - p) > 1e-9 * max(abs(a), abs(p))
        }
    }
}

/// A report folder OUT held when the run started (SPEC 6.6), as far as restatements need it.
public struct PublishedReport: Sendable {
    /// Its JSON path relative to OUT.
    public var path: String
    public var complete: Bool
    public var actuals: [ResultKey: PublishedActual]
    public init(path: String, complete: Bool, actuals: [ResultKey: PublishedActual]) {
        self.path = path; self.complete = complete; self.actuals = actuals
    }
}

/// A period of one grain: the key of a published report.
public struct PublishedPeriod: Hashable, Sendable {
    public var grain: Grain
    public var id: String
    public init(grain: Grain, id: String) { self.grain = grain; self.id = id }
}

/// Every published report a run's reports compare with, read before anything is published.
public struct PublishedBook: Sendable {
    public var reports: [PublishedPeriod: PublishedReport]
    /// Reports that exist but could not be read: the warning that names each.
    public var unreadable: [PublishedPeriod: String]
    public init(reports: [PublishedPeriod: PublishedReport] = [:], unreadable: [PublishedPeriod: String] = [:]) {
        self.reports = reports; self.unreadable = unreadable
    }
    public static let empty = PublishedBook()
}

extension ReviewReport {
    /// How the summaries name a level: `ALL`, `Enterprise (group)`, a line's name.
    public func levelLabel(_ level: Level, _ key: String) -> String {
        switch level {
        case .total: return "ALL"
        case .group: return "\(key) (group)"
        case .line: return productLines.first { $0.id == key }?.name ?? key
        }
    }

    /// The KPI's name, or its id when the report does not list it.
    public func kpiName(_ id: String) -> String { kpis.first { $0.id == id }?.name ?? id }

    /// A restatement's value and change texts, as the summaries show them: the value in the KPI's
    /// unit, the change signed (points for percent KPIs), the change in percent.
    public func restatementTexts(_ x: Restatement) -> (published: String, now: String, change: String, changePct: String) {
        let unit = kpis.first { $0.id == x.kpi }?.unit ?? .number
        let symbol = presentation.currencySymbol
        return (NumberText.value(x.published, unit: unit, currencySymbol: symbol),
                NumberText.value(x.now, unit: unit, currencySymbol: symbol),
                NumberText.change(x.change, pct: nil, unit: unit, currencySymbol: symbol),
                NumberText.signedPercent(x.changePct))
    }
}
