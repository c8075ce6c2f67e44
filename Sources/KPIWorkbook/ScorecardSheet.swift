import KPIFields
import KPIModel
import KPIReport

/// Sheet 1: the title block, the status legend and one row per KPI and level (SPEC 7.1).
struct ScorecardSheet {
    let report: ReviewReport
    let labels: Labels

    /// One result row as the scorecard sees it.
    struct Row {
        var result: KPIResult
        var kpi: KPIInfo
        var formats: KPIFormats
    }

    enum Cell {
        case number(Double?, String)
        case text(String)
        case status(Status)
    }

    struct Column {
        var header: String
        var cell: (Row) -> Cell
    }

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        let headerRow = try writeTitleBlock(sheet)
        let columns = self.columns()
        for (c, column) in columns.enumerated() {
            try sheet.text(headerRow, c, column.header, c < 2 ? Styles.headerLeft : (c == statusColumn(columns) ? Styles.header : Styles.headerRight))
        }
        try sheet.setRowHeight(headerRow, 30)
        let rows = scorecardRows()
        for (i, row) in rows.enumerated() {
            try writeRow(row, at: headerRow + 1 + i, columns: columns, sheet: sheet)
        }
        let lastRow = headerRow + max(rows.count, 1)
        try sheet.autofilter(firstRow: headerRow, firstCol: 0, lastRow: lastRow, lastCol: columns.count - 1)
        sheet.freezePanes(row: headerRow + 1, col: 2)
        try sheet.fitColumns(minimum: 9, maximum: 40)
        try sheet.setupPrint(header: labels.pageHeader, footer: labels.pageFooter, repeatRows: headerRow...headerRow)
    }

    private func statusColumn(_ columns: [Column]) -> Int? { columns.firstIndex { $0.header == "Status" } }

    // MARK: Title block

    /// Writes title, company, period, progress and legend; returns the header row's index.
    private func writeTitleBlock(_ sheet: XLSXSheet) throws(WorkbookError) -> Int {
        var r = 0
        try sheet.text(r, 0, report.title, Styles.title, fits: false); r += 1
        if let company = report.company, !company.isEmpty {
            try sheet.text(r, 0, company, Styles.subtitle.with { $0.bold = true }, fits: false); r += 1
        }
        try sheet.text(r, 0, labels.periodLine, Styles.subtitle, fits: false); r += 1
        try sheet.text(r, 0, labels.progressLine, report.period.complete ? Styles.subtitle : Styles.subtitle.with {
            $0.bold = true; $0.fontColor = Palette.amberFont
        }, fits: false); r += 1
        r += 1
        try sheet.text(r, 0, "Status legend", Styles.label, fits: false)
        for (status, meaning) in legend() {
            try sheet.text(r, 1, Labels.status(status), Labels.statusStyle(status), fits: false)
            try sheet.text(r, 2, meaning, Styles.subtitle, fits: false)
            r += 1
        }
        for note in notes() {
            try sheet.text(r, 0, note, Styles.note, fits: false); r += 1
        }
        return r + 1
    }

    private func legend() -> [(Status, String)] {
        let band = JSONNumber.format((report.presentation.amber * 100 * 10).rounded() / 10)
        let measure = report.period.complete ? "the actual" : "the forecast"
        return [
            (.green, "\(measure) is on or better than the target"),
            (.amber, "\(measure) misses the target by at most \(band)% of it (default band; a KPI may set its own)"),
            (.red, "\(measure) misses the target by more than the amber band"),
            (.none, "no status: no target or no value"),
        ]
    }

    private func notes() -> [String] {
        var out = ["Attainment and variance compare the actual with the target"
                   + (report.period.complete ? "." : " to date (the target phased to the as-of day)."),
                   "Changes of percent KPIs are in percentage points (pts); other changes are relative (%). Empty cells have no value."]
        if !report.period.complete {
            out.append("Required/day: what each remaining day must add to reach the full-period target (negative: already met).")
        }
        return out
    }

    // MARK: Rows

    private func scorecardRows() -> [Row] {
        var formatsByKPI: [String: KPIFormats] = [:]
        for kpi in report.kpis where formatsByKPI[kpi.id] == nil {
            let own = report.results.filter { $0.kpi == kpi.id }
            formatsByKPI[kpi.id] = KPIFormats(unit: kpi.unit, better: kpi.better, currencySymbol: report.presentation.currencySymbol,
                                              smallValues: KPIFormats.hasSmallValues(own))
        }
        return report.results.map { result in
            let kpi = labels.kpi(result.kpi)
            let formats = formatsByKPI[result.kpi] ?? KPIFormats(unit: kpi.unit, better: kpi.better,
                                                                  currencySymbol: report.presentation.currencySymbol, smallValues: false)
            return Row(result: result, kpi: kpi, formats: formats)
        }
    }

    private func writeRow(_ row: Row, at r: Int, columns: [Column], sheet: XLSXSheet) throws(WorkbookError) {
        let isTotal = row.result.level == .total
        let base = CellStyle(bold: isTotal, topBorder: isTotal)
        let hasGroups = !report.groups.isEmpty
        for (c, column) in columns.enumerated() {
            switch column.cell(row) {
            case .text(let s):
                var style = base
                if c == 0 && !isTotal { style.fontColor = Palette.muted }
                if c == 1 {
                    switch row.result.level {
                    case .total: style.indent = 0
                    case .group: style.indent = 1
                    case .line: style.indent = hasGroups ? 2 : 1
                    }
                }
                try sheet.text(r, c, s, style)
            case .number(let value, let format):
                try sheet.number(r, c, value, base.with { $0.numFormat = format })
            case .status(let status):
                try sheet.text(r, c, Labels.status(status), Labels.statusStyle(status).with { $0.topBorder = isTotal })
            }
        }
    }

    // MARK: Columns

    private func columns() -> [Column] {
        let w = report.windows
        let points: (Row, Double?) -> Double? = { row, v in
            guard let v else { return nil }
            return row.formats.changeInPoints ? v * 100 : v
        }
        var cols: [Column] = [
            Column(header: "KPI") { .text($0.kpi.name) },
            Column(header: "Level") { .text(labels.levelName($0.result)) },
            Column(header: "Actual") { .number($0.result.actual?.double, $0.formats.value) },
            Column(header: "Target") { .number($0.result.target?.double, $0.formats.value) },
        ]
        if !report.period.complete {
            cols.append(Column(header: "Target\nto date") { .number($0.result.targetToDate?.double, $0.formats.value) })
        }
        cols += [
            Column(header: "Attainment") { .number($0.result.attainment, KPIFormats.attainment) },
            Column(header: "Variance") { .number(points($0, $0.result.variance?.double), $0.formats.signed) },
            Column(header: "Status") { .status($0.result.status) },
        ]
        if !report.period.complete {
            cols += [
                Column(header: "Forecast") { .number($0.result.forecast?.double, $0.formats.value) },
                Column(header: "Required\n/ day") { .number($0.result.requiredPerDay?.double, $0.formats.value) },
            ]
        }
        cols += [
            Column(header: "Prior\n\(w.prior.id)") { .number($0.result.prior?.double, $0.formats.value) },
            Column(header: "Δ vs\nprior") { row in
                .number(row.formats.changeInPoints ? points(row, row.result.priorChange?.double) : row.result.priorChangePct,
                        row.formats.change)
            },
            Column(header: "Last year\n\(w.yoy.id)") { .number($0.result.yoy?.double, $0.formats.value) },
            Column(header: "Δ vs\nlast year") { row in
                .number(row.formats.changeInPoints ? points(row, row.result.yoyChange?.double) : row.result.yoyChangePct,
                        row.formats.change)
            },
        ]
        // The WBR box (`WBRBox`): the YoY trend beside YoY, then each period to date with its target and YoY.
        let unitOf: (Row) -> Unit = { $0.kpi.unit }
        let yoyChange: (Row, WBRBox.Column) -> Double? = { row, c in points(row, WBRBox.shownChange(row.result, c, unit: unitOf(row))) }
        cols.append(Column(header: "YoY trend\n(pts)") { row in
            .number(WBRBox.yoyTrend(row.result, unit: row.kpi.unit).map { $0 * 100 }, row.formats.trend)
        })
        if let mtd = w.mtd {
            cols += [
                Column(header: "MTD\n\(mtd.id)") { .number($0.result.mtd?.double, $0.formats.value) },
                Column(header: "MTD\ntarget") { .number($0.result.mtdTarget?.double, $0.formats.value) },
                Column(header: "MTD\nYoY") { .number(yoyChange($0, .mtdYoy), $0.formats.change) },
            ]
        }
        if let qtd = w.qtd {
            cols += [
                Column(header: "QTD\n\(qtd.id)") { .number($0.result.qtd?.double, $0.formats.value) },
                Column(header: "QTD\ntarget") { .number($0.result.qtdTarget?.double, $0.formats.value) },
                Column(header: "QTD\nYoY") { .number(yoyChange($0, .qtdYoy), $0.formats.change) },
            ]
        }
        cols += [
            Column(header: "YTD\n\(w.ytd.id)") { .number($0.result.ytd?.double, $0.formats.value) },
            Column(header: "YTD\ntarget") { .number($0.result.ytdTarget?.double, $0.formats.value) },
            Column(header: "YTD\nYoY") { .number(yoyChange($0, .ytdYoy), $0.formats.change) },
        ]
        return cols
    }
}
