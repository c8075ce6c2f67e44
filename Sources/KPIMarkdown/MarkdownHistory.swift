import KPICalendar
import KPIModel
import KPIReport

/// The summary's sections on history: the period's events (SPEC 6.7) and the values restated since
/// they were published (SPEC 6.6).
extension Summary {
    /// `## Events`: the events that fall in the period itself, in the file's order; nothing when none.
    func eventsSection() -> [String] {
        let events = report.periodEvents
        guard !events.isEmpty else { return [] }
        return ["## Events", events.map { "- " + eventText($0) }.joined(separator: "\n")]
    }

    /// `2026-11-03 — Price increase (Revenue, Cloud Platform)`.
    func eventText(_ a: Annotation, showLevel: Bool = true) -> String {
        var scope: [String] = []
        if let k = a.kpi { scope.append(MarkdownText.escape(report.kpiName(k))) }
        if showLevel, let line = a.productLine {
            let level: Level = line == "ALL" ? .total : report.groups.contains(line) ? .group : .line
            scope.append(MarkdownText.escape(report.levelLabel(level, line)))
        }
        return "\(a.date) — \(MarkdownText.escape(a.text))" + (scope.isEmpty ? "" : " (\(scope.joined(separator: ", ")))")
    }

    /// The period's events that name this group or line, as one line under its section's table.
    func levelEvents(_ level: Level, _ key: String) -> [String] {
        let own = report.periodEvents.filter { $0.productLine == key && level != .total }
        guard !own.isEmpty else { return [] }
        return ["Events: " + own.map { eventText($0, showLevel: false) }.joined(separator: "; ") + "."]
    }

    /// `## Restated since published`: totals and groups first, each by the size of the change; the
    /// first ten, then how many more the JSON and the workbook's Notes list.
    func restatementSection() -> [String] {
        let all = Restatement.summaryOrder(report.restatements)
        guard !all.isEmpty else { return [] }
        let count = all.count
        var blocks = ["## Restated since published",
                      "\(count == 1 ? "One value" : "\(count) values") that earlier reports in this folder published \(count == 1 ? "is" : "are") now different (rows arrived or changed after they were written):"]
        var table = MarkdownTable([.init("KPI", .left), .init("Level", .left), .init("Period", .left), .init("Published"),
                                   .init("Now"), .init("Change"), .init("Δ%")])
        for x in all.prefix(Restatement.summaryLimit) {
            let t = report.restatementTexts(x)
            table.add([MarkdownText.escape(report.kpiName(x.kpi)), MarkdownText.escape(report.levelLabel(x.level, x.key)),
                       MarkdownText.escape(x.period), t.published, t.now, t.change, t.changePct])
        }
        blocks.append(table.render())
        if count > Restatement.summaryLimit {
            let rest = count - Restatement.summaryLimit
            blocks.append("… and \(rest) more \(rest == 1 ? "restatement" : "restatements") (every one is in the JSON's `restatements` and the workbook's Notes).")
        }
        return blocks
    }
}
