import CXlsxWriter
import KPICalendar
import KPIModel
import KPIReport

/// Sheet 2…: one KPI's ALL-level history as a table, and one line chart per grain block (SPEC 7.1).
/// The charts reference the table's cells, so the numbers are written first.
struct TrendSheet {
    let report: ReviewReport
    let labels: Labels
    let kpi: KPIInfo

    static let headers = ["Grain", "Period", "Start", "End", "Actual", "Last year", "Target"]
    static let tableTop = 3
    /// Chart rows: 288 px × 1.1 ≈ 16 rows of 20 px, plus a gap.
    static let chartStride = 18
    static let chartColumn = 8

    /// A run of consecutive points of one grain (weeks, then months).
    struct Block {
        var grain: Grain
        var firstRow: Int
        var lastRow: Int
        var hasYoy: Bool
        var hasTarget: Bool
    }

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        let total = report.results.first { $0.kpi == kpi.id && $0.level == .total }
        let history = total?.history ?? []
        let own = report.results.filter { $0.kpi == kpi.id }
        let valueFormat = KPIFormats.valueFormat(unit: kpi.unit, currencySymbol: report.presentation.currencySymbol,
                                                 smallValues: KPIFormats.hasSmallValues(own))

        try sheet.text(0, 0, "\(kpi.name) — history, all product lines", Styles.title, fits: false)
        try sheet.text(1, 0, subtitle, Styles.subtitle, fits: false)
        for (c, h) in TrendSheet.headers.enumerated() {
            try sheet.text(TrendSheet.tableTop, c, h, c < 4 ? Styles.headerLeft : Styles.headerRight)
        }
        // The events on each point (SPEC 6.7), when the report has any.
        if !report.annotations.isEmpty { try sheet.text(TrendSheet.tableTop, 7, "Event", Styles.headerLeft) }
        if history.isEmpty {
            try sheet.text(TrendSheet.tableTop + 1, 0, "No history for this KPI.", Styles.note, fits: false)
        }
        let blocks = try writeTable(history, valueFormat: valueFormat, sheet: sheet)
        sheet.freezePanes(row: TrendSheet.tableTop + 1, col: 0)
        try sheet.fitColumns(minimum: 9, maximum: 24, fixed: report.annotations.isEmpty ? [:] : [7: 36])
        for (i, block) in blocks.enumerated() {
            let chart = try lineChart(block, valueFormat: valueFormat, sheet: sheet)
            // Wider for long blocks (13 months) so the period labels stay readable.
            let points = Double(block.lastRow - block.firstRow + 1)
            try sheet.insertChart(chart, row: TrendSheet.tableTop + i * TrendSheet.chartStride, col: TrendSheet.chartColumn,
                                  xScale: min(2.4, max(1.5, points * 0.16)), yScale: 1.1)
        }
        try sheet.setupPrint(header: labels.pageHeader, footer: labels.pageFooter, repeatRows: TrendSheet.tableTop...TrendSheet.tableTop)
    }

    private var subtitle: String {
        let better = kpi.better == .higher ? "higher is better" : "lower is better"
        let def = kpi.definition.isEmpty ? "" : " · \(kpi.definition)"
        return "Unit: \(kpi.unit.rawValue) · \(better)\(def) · a point in progress covers its elapsed days only, and so do its last year and target."
    }

    private func writeTable(_ history: [HistoryPoint], valueFormat: String, sheet: XLSXSheet) throws(WorkbookError) -> [Block] {
        var blocks: [Block] = []
        let number = CellStyle(numFormat: valueFormat)
        for (i, p) in history.enumerated() {
            let r = TrendSheet.tableTop + 1 + i
            try sheet.text(r, 0, grainName(p.grain))
            try sheet.text(r, 1, p.id)
            try sheet.date(r, 2, p.start, Styles.date)
            try sheet.date(r, 3, p.end, Styles.date)
            try sheet.number(r, 4, p.actual?.double, number)
            try sheet.number(r, 5, p.yoy?.double, number)
            try sheet.number(r, 6, p.target?.double, number)
            let events = report.annotations.filter { $0.grain == p.grain && $0.id == p.id && $0.applies(kpi: kpi.id, level: .total, key: "ALL") }
            if !events.isEmpty { try sheet.text(r, 7, events.map { "\($0.date) \($0.text)" }.joined(separator: "; "), Styles.wrapped) }
            if var last = blocks.last, last.grain == p.grain {
                last.lastRow = r
                last.hasYoy = last.hasYoy || p.yoy != nil
                last.hasTarget = last.hasTarget || p.target != nil
                blocks[blocks.count - 1] = last
            } else {
                blocks.append(Block(grain: p.grain, firstRow: r, lastRow: r, hasYoy: p.yoy != nil, hasTarget: p.target != nil))
            }
        }
        return blocks
    }

    private func grainName(_ g: Grain) -> String {
        switch g {
        case .week: return "Week"
        case .month: return "Month"
        case .quarter: return "Quarter"
        case .year: return "Year"
        }
    }

    private func chartTitle(_ g: Grain) -> String {
        switch g {
        case .week: return "\(kpi.name) by week"
        case .month: return "\(kpi.name) by month"
        case .quarter: return "\(kpi.name) by quarter"
        case .year: return "\(kpi.name) by year"
        }
    }

    /// This year solid, last year dashed, target dotted; empty series (no targets at all) are left out.
    private func lineChart(_ block: Block, valueFormat: String, sheet: XLSXSheet) throws(WorkbookError) -> UnsafeMutablePointer<lxw_chart> {
        let book = sheet.book
        let chart = try book.addLineChart()
        chart_title_set_name(chart, book.cString(chartTitle(block.grain)))
        var titleFont = lxw_chart_font()
        titleFont.size = 12
        titleFont.bold = 1
        chart_title_set_name_font(chart, &titleFont)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_BOTTOM.rawValue))
        chart_axis_set_num_format(chart.pointee.y_axis, book.cString(valueFormat))
        chart_axis_major_gridlines_set_visible(chart.pointee.y_axis, 1)
        var gridline = lxw_chart_line()
        gridline.color = 0xD9D9D9
        chart_axis_major_gridlines_set_line(chart.pointee.y_axis, &gridline)

        try addSeries(chart, sheet: sheet, block: block, column: 4, name: "This year", color: Palette.thisYear,
                      width: 2.25, dash: LXW_CHART_LINE_DASH_SOLID, marker: true)
        if block.hasYoy {
            try addSeries(chart, sheet: sheet, block: block, column: 5, name: "Last year", color: Palette.lastYear,
                          width: 1.75, dash: LXW_CHART_LINE_DASH_DASH, marker: false)
        }
        if block.hasTarget {
            try addSeries(chart, sheet: sheet, block: block, column: 6, name: "Target", color: Palette.target,
                          width: 1.5, dash: LXW_CHART_LINE_DASH_ROUND_DOT, marker: false)
        }
        return chart
    }

    private func addSeries(_ chart: UnsafeMutablePointer<lxw_chart>, sheet: XLSXSheet, block: Block, column: Int, name: String,
                           color: UInt32, width: Float, dash: lxw_chart_line_dash_type, marker: Bool) throws(WorkbookError) {
        guard let series = chart_add_series(chart, nil, nil) else {
            throw WorkbookError(operation: "chart_add_series(\(sheet.name) \(name))", code: nil, message: "the series could not be added")
        }
        let sheetName = sheet.book.cString(sheet.name)
        chart_series_set_categories(series, sheetName, lxw_row_t(block.firstRow), 1, lxw_row_t(block.lastRow), 1)
        chart_series_set_values(series, sheetName, lxw_row_t(block.firstRow), lxw_col_t(column), lxw_row_t(block.lastRow), lxw_col_t(column))
        chart_series_set_name(series, sheet.book.cString(name))
        var line = lxw_chart_line()
        line.color = color
        line.width = width
        line.dash_type = UInt8(dash.rawValue)
        chart_series_set_line(series, &line)
        if marker {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_CIRCLE.rawValue))
            chart_series_set_marker_size(series, 5)
            var markerLine = lxw_chart_line()
            markerLine.color = color
            chart_series_set_marker_line(series, &markerLine)
            var markerFill = lxw_chart_fill()
            markerFill.color = color
            chart_series_set_marker_fill(series, &markerFill)
        } else {
            chart_series_set_marker_type(series, UInt8(LXW_CHART_MARKER_NONE.rawValue))
        }
    }
}
