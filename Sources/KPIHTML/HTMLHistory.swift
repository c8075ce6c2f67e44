import KPICalendar
import KPIModel
import KPIReport

/// The page's section on values restated since they were published (SPEC 6.6).
extension Page {
    /// "Restated since published": totals and groups first, each by the size of the change; the
    /// first ten, then how many more the JSON and the workbook's Notes list. Nothing when none.
    func restatementSection() -> String {
        let all = Restatement.summaryOrder(report.restatements)
        guard !all.isEmpty else { return "" }
        let count = all.count
        var table = HTMLTable([.init("KPI", .text), .init("Level", .text), .init("Period", .text), .init("Published"),
                               .init("Now"), .init("Change"), .init("Δ%")], class: "restatements")
        for x in all.prefix(Restatement.summaryLimit) {
            let t = report.restatementTexts(x)
            table.add([HTML.name(report.kpiName(x.kpi)), HTML.name(report.levelLabel(x.level, x.key)), HTML.text(x.period),
                       HTML.text(t.published), HTML.text(t.now), HTML.text(t.change), HTML.text(t.changePct)])
        }
        var s = "<section id=\"restatements\">\n<h2>Restated since published</h2>\n"
        s += HTML.paragraph("\(count == 1 ? "One value" : "\(count) values") that earlier reports in this folder published "
            + "\(count == 1 ? "is" : "are") now different (rows arrived or changed after they were written):", class: "note")
        s += table.render()
        if count > Restatement.summaryLimit {
            let rest = count - Restatement.summaryLimit
            s += HTML.paragraph("… and \(rest) more \(rest == 1 ? "restatement" : "restatements") (every one is in the JSON’s "
                + "<code>restatements</code> and the workbook’s Notes).", class: "note")
        }
        return s + "</section>\n"
    }
}
