import KPICalendar
import KPIChart
import KPIModel
import KPIReport

/// The page's later sections: highlights, groups and lines, events, data quality, definitions, run facts.
extension Page {
    // MARK: Highlights and lowlights

    /// The WBR box: every KPI at ALL against the prior period, last year and to date (`WBRBox`).
    func boxTotals() -> String {
        let box = WBRBox(report)
        var table = HTMLTable([.init("KPI", .text)] + box.columns.map { .init(HTML.text(box.header($0))) }, class: "box")
        for kpi in report.kpis {
            let r = result(kpi.id, .total, "ALL")
            table.add(["<a href=\"#trend-\(anchor(kpi.id))\">\(HTML.name(kpi.name))</a>"]
                      + box.columns.map { HTML.text(box.text(r, $0, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol)) })
        }
        return "<section id=\"box\">\n<h2>Box totals</h2>\n" + table.render()
            + HTML.paragraph(HTML.text(box.note(report.windows)), class: "note") + "</section>\n"
    }

    func highlightSections() -> String {
        let news = HighlightSections(report)
        func block(_ items: [Highlight], _ empty: String) -> String {
            items.isEmpty ? HTML.paragraph(empty) : HTML.list(items.map { HTML.text($0.text) })
        }
        return "<section id=\"highlights\">\n<h2>Highlights</h2>\n" + block(news.good, news.goodEmpty)
            + "<h2>Lowlights</h2>\n" + block(news.bad, news.badEmpty) + "</section>\n"
    }

    // MARK: Groups and product lines

    /// Each group, then its lines; then the lines without a group (as the Markdown does).
    func lineSections() -> String {
        let groups = report.groups + unlisted(.group, report.groups)
        let lines = report.productLines + unlisted(.line, report.productLines.map(\.id)).map { ProductLineInfo(id: $0, name: $0, group: nil) }
        var sections: [String] = []
        var placed = Set<String>()
        for group in groups {
            sections.append(section(level: .group, key: group, heading: "\(HTML.name(group)) <span class=\"kind\">(group)</span>"))
            for line in lines where line.group == group && placed.insert(line.id).inserted { sections.append(lineSection(line)) }
        }
        for line in lines where placed.insert(line.id).inserted { sections.append(lineSection(line)) }
        let present = sections.filter { !$0.isEmpty }
        guard !present.isEmpty else { return "" }
        var s = "<section id=\"lines\">\n<h2>\(report.groups.isEmpty ? "Product lines" : "Groups and product lines")</h2>\n"
        if report.results.contains(where: { $0.contribution?.prior != nil }) {
            s += HTML.paragraph("Contrib.: the line's part of the total's PoP Δ, in points; the lines add up to the total's change.", class: "note")
        }
        s += HTML.paragraph("Trend: the last \(sparkCount) \(report.cadence.periodNoun)s, this year solid, last year dashed.", class: "note")
        return s + present.joined() + "</section>\n"
    }

    var sparkCount: Int {
        let grain = report.cadence.grain
        return report.results.first { $0.level == .total }?.history.filter { $0.grain == grain }.count ?? 0
    }

    func unlisted(_ level: Level, _ listed: [String]) -> [String] {
        var seen = Set(listed), out: [String] = []
        for r in report.results where r.level == level && seen.insert(r.key).inserted { out.append(r.key) }
        return out
    }

    func lineSection(_ line: ProductLineInfo) -> String {
        var heading = HTML.name(line.name)
        if let group = line.group { heading += " <span class=\"kind\">(\(HTML.name(group)))</span>" }
        return section(level: .line, key: line.id, heading: heading)
    }

    func section(level: Level, key: String, heading: String) -> String {
        let rows = report.kpis.compactMap { k in result(k.id, level, key).map { (k, $0) } }
        guard !rows.isEmpty else { return "" }
        let showContribution = rows.contains { $0.1.contribution?.prior != nil }
        var columns = [HTMLTable.Column("KPI", .text), .init("Actual"), .init(inProgress ? "Target to date" : "Target"),
                       .init("Att."), .init("Status", .status), .init("PoP Δ"), .init("YoY Δ")]
        if showContribution { columns.append(.init("Contrib.")) }
        columns.append(.init("Trend", .chart))
        var table = HTMLTable(columns, class: "lines")
        for (kpi, r) in rows {
            var row = [HTML.name(kpi.name), value(r.actual, kpi), value(r.targetToDate, kpi), NumberText.percent(r.attainment),
                       HTML.status(r.status), priorChange(r, kpi), yoyChange(r, kpi)]
            if showContribution { row.append(NumberText.points(r.contribution?.prior)) }
            let spark = ChartBuilder.spark(report, kpi: kpi.id, level: level, key: key)
            row.append(SVGRenderer.render(spark, layout: .spark, id: "spark-\(anchor(level.rawValue + "_" + key + "_" + kpi.id))", cssClass: "spark", inline: true))
            table.add(row)
        }
        return "<section class=\"line\">\n<h3>\(heading)</h3>\n" + HTML.paragraph(sentences(rows, level: level, key: key))
            + table.render() + "</section>\n"
    }

    func sentences(_ rows: [(KPIInfo, KPIResult)], level: Level, key: String) -> String {
        var out = [statusSentence(rows, level: level)]
        let own = report.highlights.filter { $0.level == level && $0.key == key }
        let kinds: [HighlightKind] = [.miss, .beat, .mover, .unusual]
        if let h = kinds.lazy.compactMap({ kind in own.first { $0.kind == kind } }).first { out.append(HTML.text(h.text)) }
        return out.joined(separator: " ")
    }

    func statusSentence(_ rows: [(KPIInfo, KPIResult)], level: Level) -> String {
        let rated = rows.filter { $0.1.status != .none }
        if rated.isEmpty { return "No targets set for this \(level == .group ? "group" : "line")." }
        let onTrack = rated.filter { $0.1.status == .green }
        let behind = rated.filter { $0.1.status != .green }
        if behind.isEmpty {
            return rated.count == 1 ? "\(HTML.name(rated[0].0.name)) is on target." : "All \(rated.count) KPIs with targets are on target."
        }
        let behindText = behind.map { "\(HTML.name($0.0.name)) (\($0.1.status.word))" }.joined(separator: ", ")
        if onTrack.isEmpty { return "Behind target: \(behindText)." }
        return "On target: \(onTrack.map { HTML.name($0.0.name) }.joined(separator: ", ")); behind: \(behindText)."
    }

    // MARK: Events

    /// The period's own events (SPEC 6.7), when the report was given any.
    func eventSection() -> String {
        let own = events.filter { period.start <= $0.date && $0.date <= period.end }
        guard !own.isEmpty else { return "" }
        let names = Dictionary(report.kpis.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let items = own.map { e -> String in
            var scope: [String] = []
            if let k = e.kpi { scope.append(HTML.name(names[k] ?? k)) }
            if let l = e.productLine { scope.append(HTML.name(report.productLines.first { $0.id == l }?.name ?? l)) }
            let about = scope.isEmpty ? "" : " (" + scope.joined(separator: ", ") + ")"
            return "<span class=\"date\">\(e.date)</span> \(HTML.text(e.text))\(about)"
        }
        return "<section id=\"events\">\n<h2>Events</h2>\n" + HTML.list(items) + "</section>\n"
    }

    // MARK: Data quality

    func dataQuality() -> String {
        let dq = report.dataQuality
        var s = "<section id=\"data-quality\">\n<h2>Data quality</h2>\n"
        if !dq.sources.isEmpty {
            var table = HTMLTable([.init("Source", .text), .init("Read"), .init("Accepted"), .init("Rejected"), .init("After as-of"),
                                   .init("Blank"), .init("Last date", .text), .init("Fresh", .text)], class: "sources")
            for q in dq.sources {
                table.add([HTML.name(q.name), count(q.rowsRead), count(q.rowsAccepted), count(q.rowsRejected), count(q.rowsAfterAsOf),
                           count(q.rowsBlank), q.lastDate?.description ?? NumberText.missing,
                           q.stale ? "<span class=\"stale\">stale</span>" : "yes"])
            }
            s += table.render()
        }
        let rejected = dq.sources.filter { $0.rowsRejected > 0 }
        if !rejected.isEmpty {
            s += HTML.paragraph("Rejected rows (all of them are written to the run's rejects folder):")
            s += HTML.list(rejected.map { q in
                let rows = q.rowsRejected == 1 ? "1 row" : "\(count(q.rowsRejected)) rows"
                var item = "<strong>\(HTML.name(q.name))</strong>: \(rows) rejected"
                if !q.firstRejections.isEmpty { item += HTML.list(q.firstRejections.map { "<code>\(HTML.text($0))</code>" }) }
                return item
            })
        }
        if !dq.warnings.isEmpty {
            s += HTML.paragraph("Warnings:") + HTML.list(dq.warnings.map(HTML.text), class: "warnings")
        }
        if rejected.isEmpty && dq.warnings.isEmpty { s += HTML.paragraph("No rows rejected, no warnings.") }
        return s + "</section>\n"
    }

    // MARK: Definitions and run facts

    func definitions() -> String {
        guard !report.kpis.isEmpty else { return "" }
        var s = "<section id=\"definitions\">\n<h2>Definitions</h2>\n<dl>\n"
        for k in report.kpis {
            s += "<dt>\(HTML.name(k.name))</dt><dd><code>\(HTML.text(k.definition))</code>\(k.better == .lower ? "; lower is better" : "")</dd>\n"
        }
        return s + "</dl>\n</section>\n"
    }

    func runFacts() -> String {
        var s = "<footer id=\"run-facts\">\n<h2>Run facts</h2>\n<dl>\n"
        s += "<dt>Tool</dt><dd>\(HTML.text(report.tool.name)) \(HTML.text(report.tool.version))</dd>\n"
        s += "<dt>Config</dt><dd><code>\(HTML.text(report.run.configPath))</code> <span class=\"hash\">sha256 \(HTML.text(report.run.configSHA256))</span></dd>\n"
        s += "<dt>As of</dt><dd>\(report.asOf)</dd>\n"
        for q in report.dataQuality.sources {
            s += "<dt>Source \(HTML.name(q.name))</dt><dd><code>\(HTML.text(q.path))</code> \(count(q.bytes)) bytes "
            s += "<span class=\"hash\">sha256 \(HTML.text(q.sha256))</span></dd>\n"
        }
        return s + "</dl>\n</footer>\n"
    }
}
