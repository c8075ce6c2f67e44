import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// A dated note to mark on a trend (SPEC 6.7): drawn as a numbered mark at the history point whose
/// days hold `date`, in every panel that has one.
public struct ChartEvent: Sendable, Hashable {
    public var date: Day
    public var text: String
    public init(date: Day, text: String) { self.date = date; self.text = text }
}

/// Builds charts from a report's history points (SPEC 6.2, 10): the 6-12 chart of a KPI — weekly
/// reports the history weeks and months as two panels, monthly their months, quarterly their
/// quarters — and the small trend of a group or line row. Values come from the report; this only
/// chooses the range, the ticks and the texts.
public enum ChartBuilder {
    /// The report's events (SPEC 6.7) that concern `kpi` at one level, once each, in the file's order.
    public static func events(_ report: ReviewReport, kpi: String, level: Level = .total, key: String = "ALL") -> [ChartEvent] {
        report.events(kpi: kpi, level: level, key: key).map { ChartEvent(date: $0.date, text: $0.text) }
    }

    /// The 6-12 chart of `kpi` at one level (the total by default).
    public static func trend(_ report: ReviewReport, kpi: String, level: Level = .total, key: String = "ALL",
                             events: [ChartEvent] = []) -> Chart {
        let info = report.kpis.first { $0.id == kpi }
        let name = info?.name ?? kpi
        let unit = info?.unit ?? .number
        let points = report.result(kpi: kpi, level: level, key: key)?.history ?? []
        let formats = Formats(unit: unit, symbol: report.presentation.currencySymbol)
        var numbering = EventNumbering(events: events)
        var panels: [ChartPanel] = []
        for grain in panelGrains(report.cadence) {
            let own = points.filter { $0.grain == grain }
            let partialLast = !report.period.complete && grain == periodGrain(report.cadence)
            var p = panel(grain: grain, points: own, partialLast: partialLast, formats: formats, numbering: &numbering)
            // `history.months_axis: fiscal_year`: the months run on past the report's end, to the fiscal year's last.
            let coveredEnd = min(report.period.end, report.asOf)
            if grain == .month, own.contains(where: { $0.start > coveredEnd }) { p.title = "\(report.windows.ytd.id) by month" }
            panels.append(p)
        }
        return Chart(title: name, description: describe(name: name, panels: panels, points: points, formats: formats), panels: panels)
    }

    /// A small trend without text: the report's own grain only (weeks for a weekly report).
    public static func spark(_ report: ReviewReport, kpi: String, level: Level, key: String) -> Chart {
        let info = report.kpis.first { $0.id == kpi }
        let formats = Formats(unit: info?.unit ?? .number, symbol: report.presentation.currencySymbol)
        let grain = periodGrain(report.cadence)
        let own = (report.result(kpi: kpi, level: level, key: key)?.history ?? []).filter { $0.grain == grain }
        var none = EventNumbering(events: [])
        let p = panel(grain: grain, points: own, partialLast: !report.period.complete, formats: formats, numbering: &none)
        return Chart(title: info?.name ?? kpi, description: describe(name: info?.name ?? kpi, panels: [p], points: own, formats: formats),
                     panels: [p])
    }

    static func panelGrains(_ cadence: Cadence) -> [Grain] {
        switch cadence {
        case .weekly: return [.week, .month]
        case .monthly: return [.month]
        case .quarterly: return [.quarter]
        }
    }

    static func periodGrain(_ cadence: Cadence) -> Grain { cadence.grain }

    struct Formats {
        var unit: KPIModel.Unit
        var symbol: String
        func value(_ n: Num?) -> String { NumberText.value(n, unit: unit, currencySymbol: symbol) }
        /// The last value's label: as `value`, but counts from a million on compact (`864M`, not
        /// `863,883,911`), which would take a quarter of a panel's width.
        func label(_ n: Num?) -> String {
            if unit == .count, let n, abs(n.double) >= 1e6 { return NumberText.value(n, unit: .number, currencySymbol: symbol) }
            return value(n)
        }
    }

    /// Numbers events in the order given, once each, whichever panels show them.
    struct EventNumbering {
        var events: [ChartEvent]
        var numbers: [Int: Int] = [:]
        init(events: [ChartEvent]) { self.events = events }
        mutating func marks(for points: [HistoryPoint]) -> [EventMark] {
            var out: [EventMark] = []
            for (e, event) in events.enumerated() {
                guard let index = points.firstIndex(where: { $0.start <= event.date && event.date <= $0.end }) else { continue }
                let number = numbers[e] ?? (numbers.count + 1)
                numbers[e] = number
                out.append(EventMark(number: number, index: index, text: event.text, event: e))
            }
            return out
        }
    }

    static func panel(grain: Grain, points: [HistoryPoint], partialLast: Bool, formats: Formats,
                      numbering: inout EventNumbering) -> ChartPanel {
        var categories = points.map { category(grain: grain, id: $0.id) }
        if partialLast, !categories.isEmpty { categories[categories.count - 1].partial = true }
        // A point followed by a gap in the days covered ends before its period does: the month in progress
        // of a fiscal-year axis, whose later months follow it.
        for i in points.indices.dropLast() where points[i + 1].start > points[i].end.adding(days: 1) { categories[i].partial = true }
        let series = [
            ChartSeries(role: .thisYear, name: "This year", values: points.map { $0.actual?.double }),
            ChartSeries(role: .lastYear, name: "Last year", values: points.map { $0.yoy?.double }),
            ChartSeries(role: .target, name: "Target", values: points.map { $0.target?.double }),
        ]
        let axis = valueAxis(series.flatMap(\.values), formats: formats)
        let last = points.indices.last { points[$0].actual != nil }.map { ValueLabel(index: $0, text: formats.label(points[$0].actual)) }
        return ChartPanel(title: panelTitle(grain: grain, count: points.count), categories: categories, series: series,
                          axis: axis, lastValue: last, events: numbering.marks(for: points))
    }

    /// The axis holding every value of the panel, labelled in the KPI's unit; nil without values.
    public static func valueAxis(_ values: [Double?], unit: KPIModel.Unit, currencySymbol: String) -> ValueAxis? {
        valueAxis(values, formats: Formats(unit: unit, symbol: currencySymbol))
    }

    static func valueAxis(_ values: [Double?], formats: Formats) -> ValueAxis? {
        guard let r = NiceScale.range(of: values, targetTicks: 4) else { return nil }
        let values = NiceScale.ticks(min: r.min, max: r.max, step: r.step)
        let largest = max(abs(r.min), abs(r.max))
        let ticks = values.map {
            Tick(value: $0, label: NumberText.tick($0, step: r.step, largest: largest, unit: formats.unit, currencySymbol: formats.symbol))
        }
        return ValueAxis(min: r.min, max: r.max, ticks: ticks)
    }

    static func panelTitle(grain: Grain, count: Int) -> String {
        let noun: String
        switch grain {
        case .week: noun = count == 1 ? "week" : "weeks"
        case .month: noun = count == 1 ? "month" : "months"
        case .quarter: noun = count == 1 ? "quarter" : "quarters"
        case .year: noun = count == 1 ? "year" : "years"
        }
        // No point at all (a report without history): the grain's name, not "Last 0 months".
        if count == 0 { return noun.prefix(1).uppercased() + noun.dropFirst() }
        return "Last \(count) \(noun)"
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `2026-W41` → `W41`, `2026-10` → `Oct`, `2026-Q3` / `FY2027-Q1` → `Q3` / `Q1`,
    /// `WE-2026-10-11` → `10-11`; any other id is shown as it is.
    static func category(grain: Grain, id: String) -> ChartCategory {
        let parts = id.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        var label = id
        switch grain {
        case .week:
            if parts.count == 2, parts[1].hasPrefix("W") { label = parts[1] }
            else if parts.count == 4, parts[0] == "WE" { label = parts[2] + "-" + parts[3] }
        case .month:
            if parts.count == 2, let m = Int(parts[1]), (1...12).contains(m) { label = monthNames[m - 1] }
        case .quarter:
            if parts.count == 2, parts[1].hasPrefix("Q") { label = parts[1] }
        case .year:
            break
        }
        return ChartCategory(id: id, label: label, year: yearText(grain: grain, id: id))
    }

    /// The year part of an id (`2026`, `FY2027`), shown under the first category of each year.
    static func yearText(grain: Grain, id: String) -> String {
        let parts = id.split(separator: "-").map(String.init)
        if grain == .week, parts.first == "WE", parts.count > 1 { return parts[1] }
        return parts.first ?? id
    }

    // MARK: Description for screen readers

    static func describe(name: String, panels: [ChartPanel], points: [HistoryPoint], formats: Formats) -> String {
        var sentences = ["\(name): this year (solid line) against last year (dashed) and target (diamonds)."]
        for (p, panel) in panels.enumerated() {
            let own = points.filter { pt in panel.categories.contains { $0.id == pt.id } }
            guard panel.axis != nil, let first = own.first, let last = own.last else {
                sentences.append("\(panel.title): no data yet.")
                continue
            }
            var s = "\(panel.title), \(first.id) to \(last.id)"
            if let i = own.indices.last(where: { own[$0].actual != nil }) {
                let pt = own[i]
                s += ": \(pt.id) \(formats.value(pt.actual))"
                if panel.categories.indices.contains(i), panel.categories[i].partial { s += " to date" }
                s += ", last year \(formats.value(pt.yoy)), target \(formats.value(pt.target))"
                if let j = own.indices.first(where: { own[$0].actual != nil }), j < i {
                    s += "; \(own[j].id) \(formats.value(own[j].actual))"
                }
            } else {
                s += ": no actual yet"
            }
            sentences.append(s + ".")
            let events = panels[p].events.map { "event \($0.number) at \(panel.categories[$0.index].id): \($0.text)" }
            if !events.isEmpty { sentences.append(events.joined(separator: "; ") + ".") }
        }
        return sentences.joined(separator: " ")
    }
}
