import KPICalendar
import KPIChart
import KPIFields
import KPIModel
import KPIReport

/// A dated event to show on the trends and under "Events" (SPEC 6.7). `kpi` and `productLine` nil
/// mean every KPI and every level.
public struct ReportEvent: Sendable, Hashable {
    public var date: Day
    public var kpi: String?
    public var productLine: String?
    public var text: String
    public init(date: Day, kpi: String?, productLine: String?, text: String) {
        self.date = date; self.kpi = kpi; self.productLine = productLine; self.text = text
    }
}

/// The HTML report (SPEC 10): one self-contained file — inline CSS and SVG, no script, no external
/// reference, a Content-Security-Policy that forbids both — in the Markdown's order, with a 6-12
/// chart per KPI and a small trend per KPI in each group and line table. Renders the report's
/// values only; no clock, so the same report always gives the same bytes.
public enum HTMLWriter {
    /// Exactly SPEC 10's policy.
    public static let contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    public static func render(_ report: ReviewReport, events: [ReportEvent] = []) -> String {
        let page = Page(report, events: events)
        return page.document()
    }

    public static func renderBytes(_ report: ReviewReport, events: [ReportEvent] = []) -> [UInt8] {
        Array(render(report, events: events).utf8)
    }
}

/// The page's sections, top to bottom; each returns its HTML.
struct Page {
    let report: ReviewReport
    let events: [ReportEvent]
    let index: [ResultKey: KPIResult]

    struct ResultKey: Hashable {
        var kpi: String
        var level: Level
        var key: String
    }

    init(_ report: ReviewReport, events: [ReportEvent]) {
        self.report = report
        // Without events given, the report's own (SPEC 6.7), each once in the file's order.
        var seen = Set<Int>()
        self.events = !events.isEmpty ? events : report.annotations.filter { seen.insert($0.event).inserted }.map {
            ReportEvent(date: $0.date, kpi: $0.kpi, productLine: $0.productLine, text: $0.text)
        }
        var index: [ResultKey: KPIResult] = [:]
        for r in report.results where index[ResultKey(kpi: r.kpi, level: r.level, key: r.key)] == nil {
            index[ResultKey(kpi: r.kpi, level: r.level, key: r.key)] = r
        }
        self.index = index
    }

    func result(_ kpi: String, _ level: Level, _ key: String) -> KPIResult? {
        index[ResultKey(kpi: kpi, level: level, key: key)]
    }

    var period: PeriodInfo { report.period }
    var inProgress: Bool { !period.complete }
    var displayTitle: String { report.title.isEmpty ? "KPI review" : report.title }

    func document() -> String {
        var s = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        s += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLWriter.contentSecurityPolicy)\">\n"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        s += "<meta name=\"generator\" content=\"\(HTML.text(report.tool.name + " " + report.tool.version))\">\n"
        s += "<title>\(HTML.text(displayTitle)) · \(report.cadence.title) \(HTML.text(period.id))</title>\n"
        s += "<style>\n\(HTMLStyle.css)</style>\n</head>\n<body>\n"
        s += header()
        s += "<main>\n"
        s += scorecard() + boxTotals() + trends() + highlightSections() + lineSections() + bridgeSection() + restatementSection() + eventSection()
            + dataQuality() + definitions()
        s += "</main>\n"
        s += runFacts()
        return s + "</body>\n</html>\n"
    }

    // MARK: Header

    func header() -> String {
        var parts: [String] = []
        if let company = report.company, !company.isEmpty { parts.append(HTML.name(company)) }
        parts.append(report.cadence.title + " review")
        parts.append("<strong>\(HTML.text(period.id))</strong>")
        parts.append(range(period.start, period.end))
        var s = "<header>\n<h1>\(HTML.name(displayTitle))</h1>\n"
        s += HTML.paragraph(parts.joined(separator: " · "), class: "period")
        let status = period.complete
            ? "<strong>Complete \(report.cadence.periodNoun)</strong>, \(range(period.start, period.end))."
            : "<strong>In progress: day \(period.elapsedDays) of \(period.days)</strong> (through \(report.asOf)), forecast used for status."
        s += HTML.paragraph(status, class: "progress")
        s += HTML.paragraph(freshness(), class: "fresh")
        return s + "</header>\n"
    }

    func freshness() -> String {
        let sources = report.dataQuality.sources
        let stale = sources.filter(\.stale)
        var line = "Data as of \(report.asOf)."
        if !stale.isEmpty {
            let names = stale.map { "\(HTML.name($0.name)) (last data \($0.lastDate?.description ?? "none"))" }
            line += " <span class=\"stale\">Stale: " + names.joined(separator: ", ") + ".</span>"
        } else if !sources.isEmpty {
            let all = sources.count == 1 ? "The source is" : sources.count == 2 ? "Both sources are" : "All \(sources.count) sources are"
            line += " \(all) up to date."
        }
        return line
    }

    // MARK: Scorecard

    var hasQTD: Bool { report.cadence != .quarterly && report.windows.qtd != nil }

    func scorecard() -> String {
        var columns = [HTMLTable.Column("KPI", .text), .init("Actual")]
        columns += inProgress
            ? [.init("Target to date"), .init("Attainment"), .init("Forecast"), .init("Target")]
            : [.init("Target"), .init("Attainment")]
        columns += [.init("Status", .status), .init("PoP Δ"), .init("YoY Δ")]
        if hasQTD { columns.append(.init("QTD att.")) }
        var table = HTMLTable(columns, class: "scorecard")
        for kpi in report.kpis {
            let r = result(kpi.id, .total, "ALL")
            var row = ["<a href=\"#trend-\(anchor(kpi.id))\">\(HTML.name(kpi.name))</a>", value(r?.actual, kpi)]
            row += inProgress
                ? [value(r?.targetToDate, kpi), NumberText.percent(r?.attainment), value(r?.forecast, kpi), value(r?.target, kpi)]
                : [value(r?.target, kpi), NumberText.percent(r?.attainment)]
            row += [HTML.status(r?.status ?? .none), priorChange(r, kpi), yoyChange(r, kpi)]
            if hasQTD { row.append(NumberText.percent(r?.qtdAttainment)) }
            table.add(row)
        }
        let w = report.windows
        var notes = ["PoP Δ vs \(window(w.prior))", "YoY Δ vs \(window(w.yoy))"]
        if hasQTD, let qtd = w.qtd { notes.append("QTD \(window(qtd))") }
        var s = "<section id=\"scorecard\">\n<h2>Scorecard</h2>\n" + table.render()
        s += HTML.paragraph(notes.joined(separator: " · ") + ".", class: "note")
        s += HTML.paragraph(statusLegend(), class: "note")
        return s + "</section>\n"
    }

    func statusLegend() -> String {
        var band = NumberText.percent(report.presentation.amber)
        if band.hasSuffix(".0%") { band = String(band.dropLast(3)) + "%" }
        let basis = inProgress ? "forecast vs the period's target" : "actual vs target"
        return "Status (\(basis)): \(HTML.status(.green)) on target · \(HTML.status(.amber)) off by up to \(band) · "
            + "\(HTML.status(.red)) off by more · \(HTML.status(.none))."
    }

    // MARK: Trends (the 6-12 charts)

    func trends() -> String {
        guard !report.kpis.isEmpty else { return "" }
        var s = "<section id=\"trends\">\n<h2>Trends</h2>\n"
        s += HTML.paragraph(trendNote(), class: "note")
        s += "<div class=\"trends\">\n"
        for (i, kpi) in report.kpis.enumerated() { s += trendFigure(kpi, number: i + 1) }
        return s + "</div>\n</section>\n"
    }

    func trendNote() -> String {
        let what: String
        switch report.cadence {
        case .weekly: what = "Weeks and months side by side"
        case .monthly: what = "Months, the same month last year included"
        case .quarterly: what = "Quarters"
        }
        var note = "\(what): this year solid with its last value, last year dashed, targets as diamonds, events as numbered marks."
        if inProgress {
            note += " This \(report.cadence.periodNoun) is in progress (day \(period.elapsedDays) of \(period.days)): its point"
                + " (hollow), last year's and the target cover the elapsed days only."
        }
        return note
    }

    func trendFigure(_ kpi: KPIInfo, number: Int) -> String {
        let own = eventsFor(kpi: kpi.id, level: .total, key: "ALL")
        let chart = ChartBuilder.trend(report, kpi: kpi.id, events: own.map { ChartEvent(date: $0.date, text: $0.text) })
        let r = result(kpi.id, .total, "ALL")
        var s = "<figure class=\"trend\" id=\"trend-\(anchor(kpi.id))\">\n<figcaption><span class=\"kpi\">\(HTML.name(kpi.name))</span> "
        s += "<span class=\"sum\">\(value(r?.actual, kpi)) · target \(value(inProgress ? r?.target : r?.targetToDate, kpi)) · "
        s += "\(HTML.status(r?.status ?? .none))</span></figcaption>\n"
        s += SVGRenderer.render(chart, layout: .full, id: "chart-\(number)", inline: true) + "\n"
        let marks = numberedEvents(chart)
        if !marks.isEmpty {
            s += HTML.list(marks.map { "<span class=\"date\">\(own[$0.event].date)</span> " + HTML.text(own[$0.event].text) },
                           ordered: true, class: "events")
        }
        return s + "</figure>\n"
    }

    /// The chart's events once each, in the order of their numbers (an ordered list numbers them alike).
    func numberedEvents(_ chart: Chart) -> [EventMark] {
        var seen = Set<Int>(), out: [EventMark] = []
        for panel in chart.panels {
            for e in panel.events where seen.insert(e.number).inserted { out.append(e) }
        }
        return out.sorted { $0.number < $1.number }
    }

    /// Events for a KPI and level: an empty kpi or line applies to all; a group or line name matches its rows.
    func eventsFor(kpi: String, level: Level, key: String) -> [ReportEvent] {
        events.filter { e in
            (e.kpi == nil || e.kpi == kpi) && (e.productLine == nil || e.productLine == key)
        }
    }

    // MARK: Formats

    func value(_ n: Num?, _ kpi: KPIInfo) -> String {
        HTML.text(NumberText.value(n, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol))
    }

    func priorChange(_ r: KPIResult?, _ kpi: KPIInfo) -> String {
        HTML.text(NumberText.change(r?.priorChange, pct: r?.priorChangePct, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol))
    }

    func yoyChange(_ r: KPIResult?, _ kpi: KPIInfo) -> String {
        HTML.text(NumberText.change(r?.yoyChange, pct: r?.yoyChangePct, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol))
    }

    func count(_ n: Int) -> String { NumberText.value(.fixed(Fixed(integer: n)), unit: .count, currencySymbol: "") }

    func range(_ start: Day, _ end: Day) -> String { "\(start) – \(end)" }

    func window(_ w: WindowInfo) -> String { "\(HTML.text(w.id)) (\(range(w.start, w.end)))" }

    /// A fragment id from a KPI id: ASCII letters, digits, `-` and `_` kept, anything else as `-xx` hex,
    /// so two ids never share an anchor.
    func anchor(_ id: String) -> String {
        var out = ""
        for b in id.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "_"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                let hex = Array("0123456789abcdef")
                out += "-" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 15)])
            }
        }
        return out
    }
}
