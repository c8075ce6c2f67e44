import CXlsxWriter
import KPIModel
import KPIReport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Bridge sheet (SPEC 6.5, 7.1): per bridged KPI at ALL, the parts against prior, last year and
/// target, and a waterfall chart of the base the summaries tell. libxlsxwriter 1.1.4 has no
/// waterfall type, so it is a stacked column chart over helper columns: an invisible base series
/// lifts each part's bar to the running level, then increases, decreases and totals.
struct BridgeSheet {
    let report: ReviewReport
    let labels: Labels

    static let headers = ["Part", "vs prior", "vs last year", "vs target"]
    static let chartHeaders = ["Waterfall", "Base (hidden)", "Increase", "Decrease", "Total"]
    static let blockRows = 22
    static let chartColumn = 11
    /// A part is green when it moves the KPI its `better` way, orange otherwise; totals blue.
    static let good: UInt32 = 0x2E7D32, bad: UInt32 = 0xC55A11, total: UInt32 = 0x1F4E79

    var bridged: [KPIInfo] { report.kpis.filter { $0.bridgeQuantity != nil } }

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        try sheet.text(0, 0, "Price, volume and mix — all product lines", Styles.title, fits: false)
        try sheet.text(1, 0, "Each change split by its quantity KPI's units: volume (units at the base's average price), mix (units moving "
                       + "between lines of different prices), price (each line's own price), new and lost lines, other (lines without units).",
                       Styles.subtitle, fits: false)
        for (i, kpi) in bridged.enumerated() {
            try block(kpi, top: 3 + i * Self.blockRows, sheet: sheet)
        }
        try sheet.fitColumns(minimum: 10, maximum: 28)
        try sheet.setupPrint(header: labels.pageHeader, footer: labels.pageFooter, repeatRows: nil)
    }

    func block(_ kpi: KPIInfo, top: Int, sheet: XLSXSheet) throws(WorkbookError) {
        let r = report.result(kpi: kpi.id, level: .total, key: "ALL")
        let number = CellStyle(numFormat: KPIFormats.valueFormat(unit: kpi.unit, currencySymbol: report.presentation.currencySymbol,
                                                                 smallValues: false))
        try sheet.text(top, 0, "\(kpi.name) (units: \(kpi.bridgeQuantity ?? ""))", Styles.section, fits: false)
        let sentence = r.flatMap { BridgeText.sentence(kpi, $0, report) }.map { $0 + "." }
            ?? "No bridge: a line's value or quantity is missing in a compared window."
        try sheet.text(top + 1, 0, sentence, Styles.note, fits: false)
        let head = top + 2
        for (c, h) in Self.headers.enumerated() { try sheet.text(head, c, h, c == 0 ? Styles.headerLeft : Styles.headerRight) }
        let b = r?.bridge
        let bases: [BridgeParts?] = [b?.prior, b?.yoy, b?.target]
        let actual = r?.actual?.double
        // The base row: the compared value (for the target, the lines' targets to date the parts start from).
        let baseValues: [Double?] = [r?.prior?.double, r?.yoy?.double,
                                     b?.target.flatMap { t in actual.map { $0 - t.total } }]
        try sheet.text(head + 1, 0, "Base", Styles.label)
        for c in 0..<3 { try sheet.number(head + 1, c + 1, bases[c] == nil ? nil : baseValues[c], number) }
        for (j, (name, _)) in BridgeParts.zero.named.enumerated() {
            try sheet.text(head + 2 + j, 0, BridgeText.labels[name] ?? name)
            for c in 0..<3 { try sheet.number(head + 2 + j, c + 1, bases[c]?.named[j].value, number) }
        }
        try sheet.text(head + 8, 0, "Actual", Styles.label)
        for c in 0..<3 { try sheet.number(head + 8, c + 1, bases[c] == nil ? nil : actual, number) }

        guard let r, let (base, parts) = BridgeText.headline(r), let start = (base == .yoy ? r.yoy : r.prior)?.double, let actual else { return }
        let w = report.windows
        let steps = Self.steps(parts: parts, base: start, actual: actual, baseLabel: (base == .yoy ? w.yoy : w.prior).id,
                               actualLabel: report.period.id)
        let first = head + 1
        for (c, h) in Self.chartHeaders.enumerated() { try sheet.text(head, 5 + c, h, c == 0 ? Styles.headerLeft : Styles.headerRight) }
        for (i, s) in steps.enumerated() {
            try sheet.text(first + i, 5, s.label)
            try sheet.number(first + i, 6, s.base, number)
            try sheet.number(first + i, 7, s.increase, number)
            try sheet.number(first + i, 8, s.decrease, number)
            try sheet.number(first + i, 9, s.total, number)
        }
        let chart = try waterfall(kpi, title: "\(kpi.name): \((base == .yoy ? w.yoy : w.prior).id) to \(report.period.id)",
                                  rows: first...(first + steps.count - 1), steps: steps, format: number.numFormat ?? "General", sheet: sheet)
        try sheet.insertChart(chart, row: top, col: Self.chartColumn, xScale: 1.3, yScale: 1.1)
    }

    /// One chart row: the hidden base and the one visible segment of a step.
    struct Step {
        var label: String
        var base: Double?, increase: Double?, decrease: Double?, total: Double?
    }

    /// Base total, each non-zero part from the running level, actual total. Levels below zero are
    /// drawn from zero (a stacked column cannot float below the axis and above it at once).
    static func steps(parts: BridgeParts, base: Double, actual: Double, baseLabel: String, actualLabel: String) -> [Step] {
        var out = [Step(label: baseLabel, base: nil, increase: nil, decrease: nil, total: base)]
        var level = base
        for (name, v) in parts.named where v != 0 && v.isFinite {
            let next = level + v
            out.append(Step(label: BridgeText.labels[name] ?? name, base: min(level, next), increase: v > 0 ? v : nil,
                            decrease: v < 0 ? -v : nil, total: nil))
            level = next
        }
        out.append(Step(label: actualLabel, base: nil, increase: nil, decrease: nil, total: actual))
        return out
    }

    /// The value axis starts below the lowest level the bars reach (not at zero), so parts a hundredth
    /// of the total still show; the hidden base then starts at that floor too.
    static func axisFloor(_ steps: [Step]) -> Double? {
        let levels = steps.flatMap { s -> [Double] in
            if let t = s.total { return [t] }
            return [s.base, (s.base ?? 0) + (s.increase ?? s.decrease ?? 0)].compactMap { $0 }
        }
        guard let lo = levels.min(), let hi = levels.max(), lo > 0 else { return nil }
        let span = max(hi - lo, hi * 1e-6)
        guard span < lo else { return nil }
        let step = pow(10, (log10(span)).rounded(.down))
        return max(0, ((lo - span * 0.5) / step).rounded(.down) * step)
    }

    func waterfall(_ kpi: KPIInfo, title: String, rows: ClosedRange<Int>, steps: [Step], format: String,
                   sheet: XLSXSheet) throws(WorkbookError) -> UnsafeMutablePointer<lxw_chart> {
        let book = sheet.book
        let chart = try book.addChart(UInt8(LXW_CHART_COLUMN_STACKED.rawValue), kind: "stacked column")
        chart_title_set_name(chart, book.cString(title))
        var titleFont = lxw_chart_font()
        titleFont.size = 12
        titleFont.bold = 1
        chart_title_set_name_font(chart, &titleFont)
        chart_legend_set_position(chart, UInt8(LXW_CHART_LEGEND_NONE.rawValue))
        chart_axis_set_num_format(chart.pointee.y_axis, book.cString(format))
        if let floor = Self.axisFloor(steps) { chart_axis_set_min(chart.pointee.y_axis, floor) }
        var gridline = lxw_chart_line()
        gridline.color = 0xD9D9D9
        chart_axis_major_gridlines_set_line(chart.pointee.y_axis, &gridline)
        chart_set_series_gap(chart, 60)
        let sheetName = book.cString(sheet.name)
        let up = kpi.better == .higher ? Self.good : Self.bad, down = kpi.better == .higher ? Self.bad : Self.good
        let series: [(String, UInt32?)] = [("Base", nil), ("Increase", up), ("Decrease", down), ("Total", Self.total)]
        for (offset, (name, color)) in series.enumerated() {
            guard let series = chart_add_series(chart, nil, nil) else {
                throw WorkbookError(operation: "chart_add_series(\(sheet.name) \(name))", code: nil, message: "the series could not be added")
            }
            let col = lxw_col_t(6 + offset)
            chart_series_set_categories(series, sheetName, lxw_row_t(rows.lowerBound), 5, lxw_row_t(rows.upperBound), 5)
            chart_series_set_values(series, sheetName, lxw_row_t(rows.lowerBound), col, lxw_row_t(rows.upperBound), col)
            chart_series_set_name(series, book.cString(name))
            var fill = lxw_chart_fill(), line = lxw_chart_line()
            if let color {
                fill.color = color
                line.color = color
            } else {
                // The invisible base: no fill and no border, so its bar only lifts the next one.
                fill.none = 1
                line.none = 1
            }
            chart_series_set_fill(series, &fill)
            chart_series_set_line(series, &line)
        }
        return chart
    }
}
