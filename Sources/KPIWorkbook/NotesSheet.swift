import KPIModel
import KPIReport

/// The "Notes" sheet: how every number was made — definitions, target rules, data quality, run facts.
/// Fixed column widths (not fitted) so tables line up; long text spans B:K, wrapped.
struct NotesSheet {
    let report: ReviewReport
    let labels: Labels

    static let widths: [Double] = [20, 18, 12, 10, 20, 28, 26, 10, 9, 9, 40]
    static let lastCol = widths.count - 1
    /// Characters that fit in B:K, for the height of wrapped merged text.
    /// (Column widths count '0' digits; prose is about 15% narrower.)
    static let textWidth = widths.dropFirst().reduce(0, +) * 1.15 - 8

    /// SPEC 6.3 in plain words, in the order the rules are tried.
    static let targetRules = [
        ("explicit", "A target given in targets.csv for exactly the window's dates."),
        ("phased", "Additive KPIs (sums, counts): each day gets the target of the finest given period containing it, divided by that period's days; a window's target is the sum over its days (none if any day has none), computed exactly per given period (target × its days in the window / its days, rounded once to 6 decimals). With last_year phasing a period's target is spread like the KPI's actuals 364 days earlier instead (linearly, with a warning, where those are missing or not above 0). Averages, ratios, min, max and last: the target of the smallest given period containing the whole window, else of the finest one containing its last day. Distinct counts use explicit targets only."),
        ("implied", "Derived KPIs: the formula applied to its inputs' targets, each found by these same rules."),
        ("sum_of_lines", "Groups and the total, for additive KPIs and last: the sum of their lines' targets. A line with no target and no rows counts as 0; a line with rows but no target leaves the sum empty (a warning names it)."),
        ("target to date", "In a period in progress, additive KPIs are compared with the target of the days from the period's start to as-of; other KPIs with the period's target."),
        ("status", "Better higher: green at or above the target, amber below it by at most the amber band (a share of the target), red below that; mirrored for better lower. In progress, the forecast is compared with the full-period target."),
    ]

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        var r = 0
        try sheet.text(r, 0, "Notes — \(report.title)", Styles.title, fits: false); r += 1
        try sheet.text(r, 0, labels.periodLine + " · " + labels.progressLine, Styles.subtitle, fits: false); r += 2
        r = try writeDefinitions(sheet, from: r) + 1
        r = try writeTargetRules(sheet, from: r) + 1
        r = try writeDataQuality(sheet, from: r) + 1
        if !report.fxRates.isEmpty || report.run.fxFile != nil { r = try writeFxRates(sheet, from: r) + 1 }
        r = try writeWarnings(sheet, from: r) + 1
        if !report.restatements.isEmpty { r = try writeRestatements(sheet, from: r) + 1 }
        _ = try writeRunFacts(sheet, from: r)
        for (c, w) in NotesSheet.widths.enumerated() { try sheet.setColumn(c, width: w) }
        try sheet.setupPrint(header: labels.pageHeader, footer: labels.pageFooter, repeatRows: nil)
    }

    private func lines(_ text: String, width: Double = NotesSheet.textWidth) -> Int {
        max(1, Int((Double(text.count) / width).rounded(.up)))
    }

    private func headerRow(_ sheet: XLSXSheet, _ r: Int, _ titles: [String], numeric: Set<Int> = []) throws(WorkbookError) {
        for (c, t) in titles.enumerated() { try sheet.text(r, c, t, numeric.contains(c) ? Styles.headerRight : Styles.headerLeft) }
    }

    private func writeDefinitions(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "KPI definitions", Styles.section); r += 1
        try headerRow(sheet, r, ["id", "name", "source", "agg", "value", "where", "formula", "unit", "better", "additive", "definition"]); r += 1
        for k in report.kpis {
            let cells = [k.id, k.name, k.source ?? "", k.agg ?? "", k.value ?? "", k.whereClause ?? "", k.formula ?? "",
                         k.unit.rawValue, k.better.rawValue, k.additive ? "yes" : "no", k.definition]
            for (c, text) in cells.enumerated() where !text.isEmpty {
                try sheet.text(r, c, text, Styles.wrapped.with { $0.bold = c == 0 })
            }
            r += 1
        }
        return r
    }

    private func writeTargetRules(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Target rules", Styles.section)
        try sheet.text(r, 1, "tried in this order for each KPI, level and window; the first that gives a value wins (column target_source of Data)",
                       Styles.note); r += 1
        for (name, words) in NotesSheet.targetRules {
            try sheet.text(r, 0, name, Styles.label.with { $0.wrap = true })
            try sheet.mergedText(r, 1, NotesSheet.lastCol, words, Styles.wrapped, lines: lines(words))
            r += 1
        }
        return r
    }

    private func writeDataQuality(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Data quality", Styles.section)
        try sheet.text(r, 1, "rows read = accepted + rejected + after as-of + blank", Styles.note); r += 1
        try headerRow(sheet, r, ["source", "rows read", "accepted", "rejected", "after as-of", "blank", "first date", "last date", "stale"],
                      numeric: [1, 2, 3, 4, 5])
        try sheet.mergedText(r, 9, NotesSheet.lastCol, "path", Styles.headerLeft)
        r += 1
        for s in report.dataQuality.sources {
            try sheet.text(r, 0, s.name, Styles.label)
            for (c, n) in [s.rowsRead, s.rowsAccepted, s.rowsRejected, s.rowsAfterAsOf, s.rowsBlank].enumerated() {
                try sheet.number(r, 1 + c, Double(n), Styles.integer)
            }
            try sheet.date(r, 6, s.firstDate, Styles.date.with { $0.indent = 1 })
            try sheet.date(r, 7, s.lastDate, Styles.date)
            try sheet.text(r, 8, s.stale ? "stale" : "fresh", s.stale ? Labels.statusStyle(.amber) : .plain)
            try sheet.mergedText(r, 9, NotesSheet.lastCol, s.path, .plain)
            r += 1
        }
        for s in report.dataQuality.sources where !s.firstRejections.isEmpty {
            try sheet.text(r, 0, "First rejections in \(s.name)", Styles.label, fits: false); r += 1
            for reason in s.firstRejections {
                try sheet.mergedText(r, 1, NotesSheet.lastCol, reason, Styles.wrapped, lines: lines(reason)); r += 1
            }
        }
        return r
    }

    static let rateStyle = CellStyle(numFormat: "0.0###########")

    /// SPEC 13: the rates applied to accepted rows, per currency the first and the last.
    private func writeFxRates(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Exchange rates", Styles.section)
        try sheet.text(r, 1, "\(report.presentation.currency) per unit; each row converts at the latest rate on or before its date",
                       Styles.note); r += 1
        // The rates sit in the two wide columns: a 12-decimal rate in a narrow one shows as ###.
        try headerRow(sheet, r, ["currency", "rows", "first date", "", "last date", "first rate", "last rate"], numeric: [1, 5, 6])
        r += 1
        if report.fxRates.isEmpty {
            try sheet.text(r, 0, "No row needed a rate.", Styles.note); r += 1
        }
        for x in report.fxRates {
            try sheet.text(r, 0, x.currency, Styles.label)
            try sheet.number(r, 1, Double(x.rows), Styles.integer)
            try sheet.date(r, 2, x.firstDate, Styles.date.with { $0.indent = 1 })
            // A rate has up to 12 decimals; the format shows them all, without trailing zeros.
            try sheet.date(r, 4, x.lastDate, Styles.date.with { $0.indent = 1 })
            try sheet.number(r, 5, Double(x.firstRate) ?? 0, NotesSheet.rateStyle)
            try sheet.number(r, 6, Double(x.lastRate) ?? 0, NotesSheet.rateStyle)
            r += 1
        }
        return r
    }

    private func writeWarnings(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Warnings", Styles.section); r += 1
        if report.dataQuality.warnings.isEmpty {
            try sheet.text(r, 0, "None.", Styles.note); r += 1
        }
        for w in report.dataQuality.warnings {
            try sheet.text(r, 0, "warning", Labels.statusStyle(.amber))
            try sheet.mergedText(r, 1, NotesSheet.lastCol, w, Styles.wrapped, lines: lines(w)); r += 1
        }
        return r
    }

    /// Every restatement (SPEC 6.6), in the JSON's order: values in the KPI's format, the change signed.
    private func writeRestatements(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Restated since published", Styles.section)
        try sheet.text(r, 1, "values earlier reports in this folder published that this run computes differently", Styles.note); r += 1
        try headerRow(sheet, r, ["kpi", "level", "key", "period", "published", "now", "change", "change %"], numeric: [4, 5, 6, 7])
        try sheet.mergedText(r, 8, NotesSheet.lastCol, "published in", Styles.headerLeft)
        r += 1
        let small = KPIFormats.hasSmallValues(report.results)
        for x in report.restatements {
            let kpi = report.kpis.first { $0.id == x.kpi }
            let f = KPIFormats(unit: kpi?.unit ?? .number, better: kpi?.better ?? .higher,
                               currencySymbol: report.presentation.currencySymbol, smallValues: small)
            try sheet.text(r, 0, x.kpi, Styles.label)
            try sheet.text(r, 1, x.level.rawValue)
            try sheet.text(r, 2, x.key)
            try sheet.text(r, 3, x.period)
            try sheet.number(r, 4, x.published?.double, CellStyle(numFormat: f.value))
            try sheet.number(r, 5, x.now?.double, CellStyle(numFormat: f.value))
            // A percent KPI's change is in points: the format shows the value as it is, so × 100.
            try sheet.number(r, 6, x.change.map { f.changeInPoints ? $0.double * 100 : $0.double }, CellStyle(numFormat: f.signed))
            try sheet.number(r, 7, x.changePct, CellStyle(numFormat: KPIFormats.signedFormat("0.0%", better: kpi?.better ?? .higher)))
            try sheet.mergedText(r, 8, NotesSheet.lastCol, x.publishedIn, .plain)
            r += 1
        }
        return r
    }

    private func writeRunFacts(_ sheet: XLSXSheet, from start: Int) throws(WorkbookError) -> Int {
        var r = start
        try sheet.text(r, 0, "Run", Styles.section); r += 1
        let facts: [(String, String)] = [
            ("tool", "\(report.tool.name) \(report.tool.version)"),
            ("cadence", report.cadence.rawValue),
            ("period", "\(report.period.id) (\(report.period.start) to \(report.period.end))"),
            ("as of", report.asOf.description),
            ("config", report.run.configPath),
            ("config SHA-256", report.run.configSHA256),
        ]
        for (label, value) in facts {
            try sheet.text(r, 0, label, Styles.label)
            try sheet.mergedText(r, 1, NotesSheet.lastCol, value, .plain)
            r += 1
        }
        r += 1
        try headerRow(sheet, r, ["input", "bytes"], numeric: [1])
        try sheet.mergedText(r, 2, 6, "SHA-256", Styles.headerLeft)
        try sheet.mergedText(r, 7, NotesSheet.lastCol, "path", Styles.headerLeft)
        r += 1
        for s in report.dataQuality.sources {
            try sheet.text(r, 0, s.name, Styles.label)
            try sheet.number(r, 1, Double(s.bytes), Styles.integer)
            try sheet.mergedText(r, 2, 6, s.sha256, .plain)
            try sheet.mergedText(r, 7, NotesSheet.lastCol, s.path, .plain)
            r += 1
        }
        if let f = report.run.fxFile {
            try sheet.text(r, 0, f.name, Styles.label)
            try sheet.number(r, 1, Double(f.bytes), Styles.integer)
            try sheet.mergedText(r, 2, 6, f.sha256, .plain)
            try sheet.mergedText(r, 7, NotesSheet.lastCol, f.path, .plain)
            r += 1
        }
        return r
    }
}
