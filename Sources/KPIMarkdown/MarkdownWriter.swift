import KPICalendar
import KPIFields
import KPIModel
import KPIReport

/// The Markdown summary (SPEC 7.2): GitHub-flavoured Markdown meant to be read as an email body.
/// Every value comes from the report; this only formats (number texts are `NumberText`, which
/// lives in KPIReport so the highlight sentences can share it). No clock: the same report always
/// renders to the same bytes.
public enum MarkdownWriter {
    public static func render(_ report: ReviewReport) -> String {
        let summary = Summary(report)
        // After the line sections, restatements then events, as the HTML report has them (SPEC 10).
        let blocks = summary.header() + summary.scorecard() + summary.boxTotals() + summary.highlightSections() + summary.lineSections()
            + summary.restatementSection() + summary.eventsSection() + summary.dataQuality() + summary.definitions() + summary.footer()
        return MarkdownText.trimmingTrailingSpaces(blocks.joined(separator: "\n\n")) + "\n"
    }
}

/// The summary's sections, top to bottom; each returns its Markdown blocks (joined by blank lines).
struct Summary {
    let report: ReviewReport
    /// Results by level, key and KPI: sections look up every KPI of every line.
    let index: [ResultKey: KPIResult]

    struct ResultKey: Hashable {
        var kpi: String
        var level: Level
        var key: String
    }

    init(_ report: ReviewReport) {
        self.report = report
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
    var inProgress: Bool { !report.period.complete }
    var style: StatusStyle { report.presentation.statusStyle }

    // MARK: Header

    func header() -> [String] {
        let title = report.title.isEmpty ? "KPI review" : report.title
        return ["# " + MarkdownText.escape(title), periodLine(), statusLine(), freshnessLine()]
    }

    /// `Acme Corp · Weekly review · **2026-W46** · 2026-11-09 – 2026-11-15`.
    func periodLine() -> String {
        var parts: [String] = []
        if let company = report.company, !company.isEmpty { parts.append(MarkdownText.escape(company)) }
        parts.append(cadenceName + " review")
        parts.append("**\(MarkdownText.escape(period.id))**")
        parts.append(range(period.start, period.end))
        return parts.joined(separator: " · ")
    }

    func statusLine() -> String {
        if period.complete { return "**Complete \(periodNoun)**, \(range(period.start, period.end))." }
        return "**In progress: day \(period.elapsedDays) of \(period.days)** (through \(report.asOf)), "
            + "forecast used for status."
    }

    /// As-of and the stale sources by name, so a reader knows which numbers may still move.
    func freshnessLine() -> String {
        let sources = report.dataQuality.sources
        let stale = sources.filter(\.stale)
        var line = "Data as of \(report.asOf)."
        if !stale.isEmpty {
            let names = stale.map { s in "**\(MarkdownText.escape(s.name))** (last data \(s.lastDate?.description ?? "none"))" }
            line += " \(style == .emoji ? "⚠️ " : "")Stale: " + names.joined(separator: ", ") + "."
        } else if !sources.isEmpty {
            let all = sources.count == 1 ? "The source is" : sources.count == 2 ? "Both sources are" : "All \(sources.count) sources are"
            line += " \(all) up to date."
        }
        return line
    }

    // MARK: Scorecard

    func scorecard() -> [String] {
        var table = MarkdownTable(scorecardColumns())
        for kpi in report.kpis {
            let r = result(kpi.id, .total, "ALL")
            table.add(scorecardRow(kpi, r))
        }
        let bridges = BridgeText.sentences(report).map { MarkdownText.escape($0, startsBlock: true) + "." }
        return ["## Scorecard", table.render(), comparisonNote(), statusLegend()] + bridges
    }

    func scorecardColumns() -> [MarkdownTable.Column] {
        var columns = [MarkdownTable.Column("KPI", .left), .init("Actual")]
        if inProgress {
            columns += [.init("Target to date"), .init("Attainment"), .init("Forecast"), .init("Target")]
        } else {
            columns += [.init("Target"), .init("Attainment")]
        }
        columns += [.init("Status", .center), .init("PoP Δ"), .init("YoY Δ")]
        if hasQTD { columns.append(.init("QTD att.")) }
        return columns
    }

    func scorecardRow(_ kpi: KPIInfo, _ r: KPIResult?) -> [String] {
        var row = [MarkdownText.escape(kpi.name), value(r?.actual, kpi)]
        if inProgress {
            row += [value(r?.targetToDate, kpi), NumberText.percent(r?.attainment), value(r?.forecast, kpi), value(r?.target, kpi)]
        } else {
            row += [value(r?.target, kpi), NumberText.percent(r?.attainment)]
        }
        row += [marker(r?.status ?? .none), priorChange(r, kpi), yoyChange(r, kpi)]
        if hasQTD { row.append(NumberText.percent(r?.qtdAttainment)) }
        return row
    }

    var hasQTD: Bool { report.cadence != .quarterly && report.windows.qtd != nil }

    /// The WBR box: every KPI at ALL against the prior period, last year and to date (`WBRBox`).
    func boxTotals() -> [String] {
        let box = WBRBox(report)
        var table = MarkdownTable([.init("KPI", .left)] + box.columns.map { .init(box.header($0)) })
        for kpi in report.kpis {
            let r = result(kpi.id, .total, "ALL")
            table.add([MarkdownText.escape(kpi.name)]
                      + box.columns.map { box.text(r, $0, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol) })
        }
        return ["## Box totals", table.render(), box.note(report.windows)]
    }

    /// Which windows the Δ columns compare with, since in-progress windows are partial.
    func comparisonNote() -> String {
        let w = report.windows
        var parts = ["PoP Δ vs \(window(w.prior))", "YoY Δ vs \(window(w.yoy))"]
        if hasQTD, let qtd = w.qtd { parts.append("QTD \(window(qtd))") }
        return parts.joined(separator: " · ") + "."
    }

    func statusLegend() -> String {
        var band = NumberText.percent(report.presentation.amber)
        if band.hasSuffix(".0%") { band = String(band.dropLast(3)) + "%" }
        let basis = inProgress ? "forecast vs the period's target" : "actual vs target"
        return "Status (\(basis)): \(marker(.green)) on target · \(marker(.amber)) off by up to \(band) · "
            + "\(marker(.red)) off by more · \(marker(.none)) no target."
    }

    // MARK: Highlights and lowlights

    func highlightSections() -> [String] {
        let news = HighlightSections(report)
        return ["## Highlights", bullets(news.good.map(\.text), empty: news.goodEmpty),
                "## Lowlights", bullets(news.bad.map(\.text), empty: news.badEmpty)]
    }

    /// Plain-text items as a bullet list, or the sentence that says why there is none.
    func bullets(_ items: [String], empty: String) -> String {
        items.isEmpty ? empty : items.map { "- " + MarkdownText.escape($0, startsBlock: true) }.joined(separator: "\n")
    }

    // MARK: Groups and product lines

    /// Each group, then its lines; then the lines without a group. Keys that have results but are
    /// missing from the report's lists still get a section, so no number is left out.
    func lineSections() -> [String] {
        let groups = report.groups + unlisted(.group, report.groups)
        let lines = report.productLines + unlisted(.line, report.productLines.map(\.id))
            .map { ProductLineInfo(id: $0, name: $0, group: nil) }
        var sections: [[String]] = []
        var placed = Set<String>()
        for group in groups {
            sections.append(section(level: .group, key: group, heading: "\(MarkdownText.escape(group)) (group)"))
            for line in lines where line.group == group && placed.insert(line.id).inserted {
                sections.append(lineSection(line))
            }
        }
        for line in lines where placed.insert(line.id).inserted {
            sections.append(lineSection(line))
        }
        let present = sections.filter { !$0.isEmpty }
        guard !present.isEmpty else { return [] }
        var blocks = [report.groups.isEmpty ? "## Product lines" : "## Groups and product lines"]
        if hasContributions {
            blocks.append("Contrib.: the line's part of the total's PoP Δ, in points; the lines add up to the total's change.")
        }
        return blocks + present.flatMap { $0 }
    }

    /// Keys of `level` with results but not in `listed`, in the order of the results.
    func unlisted(_ level: Level, _ listed: [String]) -> [String] {
        var seen = Set(listed), out: [String] = []
        for r in report.results where r.level == level && seen.insert(r.key).inserted { out.append(r.key) }
        return out
    }

    func lineSection(_ line: ProductLineInfo) -> [String] {
        var heading = MarkdownText.escape(line.name)
        if let group = line.group { heading += " (\(MarkdownText.escape(group)))" }
        return section(level: .line, key: line.id, heading: heading)
    }

    var hasContributions: Bool { report.results.contains { $0.contribution?.prior != nil } }

    /// A heading, at most two sentences, and the KPI table; nothing when the key has no results.
    func section(level: Level, key: String, heading: String) -> [String] {
        let rows = report.kpis.compactMap { k in result(k.id, level, key).map { (k, $0) } }
        guard !rows.isEmpty else { return [] }
        let showContribution = rows.contains { $0.1.contribution?.prior != nil }
        var columns = [MarkdownTable.Column("KPI", .left), .init("Actual"), .init(inProgress ? "Target to date" : "Target"),
                       .init("Att."), .init("Status", .center), .init("PoP Δ"), .init("YoY Δ")]
        if showContribution { columns.append(.init("Contrib.")) }
        var table = MarkdownTable(columns)
        for (kpi, r) in rows {
            var row = [MarkdownText.escape(kpi.name), value(r.actual, kpi), value(r.targetToDate, kpi),
                       NumberText.percent(r.attainment), marker(r.status), priorChange(r, kpi), yoyChange(r, kpi)]
            if showContribution { row.append(NumberText.points(r.contribution?.prior)) }
            table.add(row)
        }
        return ["### " + heading, sentences(rows.map { ($0.0, $0.1) }, level: level, key: key), table.render()] + levelEvents(level, key)
    }

    /// One sentence on status, and the key's most actionable highlight (a miss, else a beat, else a
    /// mover) when there is one.
    func sentences(_ rows: [(KPIInfo, KPIResult)], level: Level, key: String) -> String {
        var out = [statusSentence(rows, level: level)]
        let own = report.highlights.filter { $0.level == level && $0.key == key }
        let kinds: [HighlightKind] = [.miss, .beat, .mover, .unusual]
        if let h = kinds.lazy.compactMap({ kind in own.first { $0.kind == kind } }).first {
            out.append(MarkdownText.escape(h.text))
        }
        return out.joined(separator: " ")
    }

    func statusSentence(_ rows: [(KPIInfo, KPIResult)], level: Level) -> String {
        let rated = rows.filter { $0.1.status != .none }
        if rated.isEmpty { return "No targets set for this \(level == .group ? "group" : "line")." }
        let onTrack = rated.filter { $0.1.status == .green }
        let behind = rated.filter { $0.1.status != .green }
        if behind.isEmpty {
            return rated.count == 1 ? "\(MarkdownText.escape(rated[0].0.name)) is on target."
                : "All \(rated.count) KPIs with targets are on target."
        }
        let behindText = behind.map { "\(MarkdownText.escape($0.0.name)) (\($0.1.status.rawValue))" }.joined(separator: ", ")
        if onTrack.isEmpty { return "Behind target: \(behindText)." }
        let onTrackText = onTrack.map { MarkdownText.escape($0.0.name) }.joined(separator: ", ")
        return "On target: \(onTrackText); behind: \(behindText)."
    }

    // MARK: Data quality

    func dataQuality() -> [String] {
        let dq = report.dataQuality
        var blocks = ["## Data quality"]
        if !dq.sources.isEmpty { blocks.append(sourceTable(dq.sources)) }
        if !report.fxRates.isEmpty {
            // SPEC 13: the rates used, by currency: the dates of the first and last applied.
            let used = report.fxRates.map { x in
                "\(x.currency) (\(x.firstDate == x.lastDate ? "\(x.firstDate)" : "\(x.firstDate) to \(x.lastDate)"))"
            }
            blocks.append("Converted into \(report.presentation.currency) at the latest rate on or before each row's date; rates used: "
                          + used.joined(separator: ", ") + ".")
        }
        let rejected = dq.sources.filter { $0.rowsRejected > 0 }
        if !rejected.isEmpty {
            blocks.append("Rejected rows (all of them are written to the run's rejects folder):")
            blocks.append(rejected.map(rejectionItem).joined(separator: "\n"))
        }
        if !dq.warnings.isEmpty {
            blocks.append("Warnings:")
            blocks.append(bullets(dq.warnings, empty: ""))
        }
        if rejected.isEmpty && dq.warnings.isEmpty { blocks.append("No rows rejected, no warnings.") }
        return blocks
    }

    func sourceTable(_ sources: [SourceQuality]) -> String {
        var table = MarkdownTable([.init("Source", .left), .init("Read"), .init("Accepted"), .init("Rejected"),
                                   .init("After as-of"), .init("Blank"), .init("Last date", .left), .init("Fresh", .left)])
        for s in sources {
            table.add([MarkdownText.escape(s.name), count(s.rowsRead), count(s.rowsAccepted), count(s.rowsRejected),
                       count(s.rowsAfterAsOf), count(s.rowsBlank), s.lastDate?.description ?? NumberText.missing,
                       s.stale ? (style == .emoji ? "⚠️ stale" : "stale") : "yes"])
        }
        return table.render()
    }

    /// `- orders: 3 rejected` with the first reasons as code spans beneath.
    func rejectionItem(_ s: SourceQuality) -> String {
        let rows = s.rowsRejected == 1 ? "1 row" : "\(count(s.rowsRejected)) rows"
        var lines = ["- **\(MarkdownText.escape(s.name))**: \(rows) rejected"]
        lines += s.firstRejections.map { "  - " + MarkdownText.code($0) }
        return lines.joined(separator: "\n")
    }

    // MARK: Definitions and footer

    func definitions() -> [String] {
        guard !report.kpis.isEmpty else { return [] }
        let lines = report.kpis.map { k in
            let better = k.better == .lower ? "; lower is better" : ""
            return "- **\(MarkdownText.escape(k.name))** — \(MarkdownText.code(k.definition))\(better)"
        }
        return ["## Definitions", lines.joined(separator: "\n")]
    }

    func footer() -> [String] {
        ["Generated by \(MarkdownText.escape(report.tool.name)) \(MarkdownText.escape(report.tool.version))."]
    }

    // MARK: Formats

    func value(_ n: Num?, _ kpi: KPIInfo) -> String {
        NumberText.value(n, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol)
    }

    func priorChange(_ r: KPIResult?, _ kpi: KPIInfo) -> String {
        NumberText.change(r?.priorChange, pct: r?.priorChangePct, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol)
    }

    func yoyChange(_ r: KPIResult?, _ kpi: KPIInfo) -> String {
        NumberText.change(r?.yoyChange, pct: r?.yoyChangePct, unit: kpi.unit, currencySymbol: report.presentation.currencySymbol)
    }

    func count(_ n: Int) -> String { NumberText.value(.fixed(Fixed(integer: n)), unit: .count, currencySymbol: "") }

    func marker(_ status: Status) -> String {
        switch (style, status) {
        case (.emoji, .green): return "🟢"
        case (.emoji, .amber): return "🟡"
        case (.emoji, .red): return "🔴"
        case (.emoji, .none): return "⚪"
        case (.text, .green): return "[G]"
        case (.text, .amber): return "[A]"
        case (.text, .red): return "[R]"
        case (.text, .none): return "[-]"
        }
    }

    func range(_ start: Day, _ end: Day) -> String { "\(start) – \(end)" }

    /// `2026-W45 (2026-11-02 – 2026-11-08)`.
    func window(_ w: WindowInfo) -> String { "\(MarkdownText.escape(w.id)) (\(range(w.start, w.end)))" }

    var cadenceName: String { report.cadence.title }

    var periodNoun: String { report.cadence.periodNoun }
}
