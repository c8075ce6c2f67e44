import KPICalendar
import KPIFields
import KPIModel
import KPIReport

extension ChartFixtures {
    public static let scriptName = "<script>alert(\"x\")</script>"
    public static let ampersandName = "R&D \"quoted\" 'single' &amp; done"
    /// Hebrew for "gross revenue": right-to-left text.
    public static let rtlName = "הכנסות ברוטו"
    public static let emojiName = "📈 Growth 🚀"
    /// 200 characters: a KPI name nobody should have to read in one line.
    public static let longName = String(repeating: "Revenue from enterprise customers renewing annual plans ", count: 4).prefix(200).description
    /// A bell (U+0007): not allowed in an HTML document.
    public static let controlName = "Bell\u{0007}name"

    /// A weekly report whose config and data strings are every kind of trouble: markup, quotes,
    /// ampersands, right-to-left text, emoji, a 200-character name, a control character.
    public static func badNames() -> ReviewReport {
        let points = weeks(bookingsWeeks) + months(from: 2025, 11, bookingsMonths)
        let names = [scriptName, ampersandName, rtlName, emojiName, longName, controlName]
        let kpis = names.enumerated().map { i, name in
            (KPIInfo(id: "k\(i)", name: name, unit: .currency, better: .higher, definition: "sum(amount) from \"<src>\" where a == 'b & c'",
                     source: "orders", agg: "sum", value: "amount", additive: true), points)
        }
        let lines = [ProductLineInfo(id: "l1", name: rtlName, group: "<i>Group</i>"), ProductLineInfo(id: "l2", name: "Line \"two\" & <three>", group: nil)]
        var lineResults: [KPIResult] = []
        for (k, _) in kpis {
            for l in lines {
                var r = KPIResult(kpi: k.id, level: .line, key: l.id)
                r.actual = num(1000); r.history = points
                lineResults.append(r)
            }
            var g = KPIResult(kpi: k.id, level: .group, key: "<i>Group</i>")
            g.actual = num(1000); g.history = points
            lineResults.append(g)
        }
        var r = report(.weekly, kpis, title: "</title><script>alert(1)</script> review", company: "Acme & Sons <b>bold</b> \(rtlName)",
                       lines: lines, lineResults: lineResults)
        r.groups = ["<i>Group</i>"]
        r.highlights = [Highlight(kind: .beat, kpi: "k0", level: .total, key: "ALL", text: "\(scriptName) came in at $1.89M <b>over</b> target."),
                        Highlight(kind: .miss, kpi: "k2", level: .line, key: "l1", text: "\(rtlName) came in under target & behind.")]
        r.dataQuality.warnings = ["<img src=x onerror=alert(1)> warning", "line '\(emojiName)' has rows but no target"]
        r.dataQuality.sources[0].name = "orders\"&<"
        r.dataQuality.sources[0].rowsRejected = 1
        r.dataQuality.sources[0].firstRejections = ["data/orders.csv:3:2: invalid number (<1,2>)"]
        return r
    }
}
