import CXlsxWriter
import KPICalendar

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Owns one `lxw_workbook` from creation to close. Every libxlsxwriter return code goes through
/// `check`, and a failed build frees the workbook without writing a partial file.
final class XLSXBook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// C strings handed to libxlsxwriter stay alive until the book is closed or dropped.
    private var cStrings: [UnsafeMutablePointer<CChar>] = []
    private var rawBuffers: [UnsafeMutableRawPointer] = []
    private var formatCache: [CellStyle: UnsafeMutablePointer<lxw_format>] = [:]

    init(path: String) throws(WorkbookError) {
        var options = lxw_workbook_options()
        options.constant_memory = 0  // tables need the full in-memory worksheet
        if let dir = XLSXBook.scratchDirectory { options.tmpdir = cString(dir) }
        guard let book = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw WorkbookError(operation: "workbook_new(\(path))", code: nil, message: "could not create the workbook")
        }
        handle = book
    }

    /// libxlsxwriter writes every part of the package to a temporary file (≈ 75 per workbook) before
    /// zipping them: in memory (/dev/shm) when there is one, rather than on the disk of /tmp.
    static let scratchDirectory: String? = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : nil

    deinit {
        if let handle { lxw_workbook_free(handle) }
        for s in cStrings { free(s) }
        for b in rawBuffers { free(b) }
    }

    func workbook() throws(WorkbookError) -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw WorkbookError(operation: "workbook", code: nil, message: "the workbook is already closed") }
        return handle
    }

    /// A C copy of `s` that lives as long as the book.
    func cString(_ s: String) -> UnsafeMutablePointer<CChar>? {
        guard let copy = strdup(s) else { return nil }
        cStrings.append(copy)
        return copy
    }

    /// Zeroed C memory for `count` values of T that lives as long as the book.
    func buffer<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T>? {
        guard let raw = calloc(max(count, 1), MemoryLayout<T>.stride) else { return nil }
        rawBuffers.append(raw)
        return raw.bindMemory(to: T.self, capacity: max(count, 1))
    }

    func check(_ error: lxw_error, _ operation: @autoclosure () -> String) throws(WorkbookError) {
        if error != LXW_NO_ERROR { throw WorkbookError(operation: operation(), error: error) }
    }

    func addSheet(named name: String) throws(WorkbookError) -> XLSXSheet {
        let book = try workbook()
        try check(workbook_validate_sheet_name(book, name), "workbook_validate_sheet_name(\(name))")
        guard let ws = workbook_add_worksheet(book, cString(name)) else {
            throw WorkbookError(operation: "workbook_add_worksheet(\(name))", code: nil, message: "the sheet could not be added")
        }
        return XLSXSheet(book: self, handle: ws, name: name)
    }

    func addLineChart() throws(WorkbookError) -> UnsafeMutablePointer<lxw_chart> {
        try addChart(UInt8(LXW_CHART_LINE.rawValue), kind: "line")
    }

    func addChart(_ type: UInt8, kind: String) throws(WorkbookError) -> UnsafeMutablePointer<lxw_chart> {
        guard let chart = workbook_add_chart(try workbook(), type) else {
            throw WorkbookError(operation: "workbook_add_chart(\(kind))", code: nil, message: "the chart could not be added")
        }
        return chart
    }

    /// One `lxw_format` per distinct style: libxlsxwriter keeps each format as a separate XF record.
    func format(_ style: CellStyle) throws(WorkbookError) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        if let f = formatCache[style] { return f }
        guard let f = workbook_add_format(try workbook()) else {
            throw WorkbookError(operation: "workbook_add_format", code: nil, message: "the format could not be added")
        }
        style.apply(to: f)
        formatCache[style] = f
        return f
    }

    struct Properties {
        var title: String
        var subject: String
        var author: String
        var company: String?
        var keywords: String
        var comments: String
        /// The as-of day: `created` is its midnight UTC so reruns are byte-identical.
        var created: Day
    }

    func setProperties(_ p: Properties) throws(WorkbookError) {
        var props = lxw_doc_properties()
        props.title = cString(p.title)
        props.subject = cString(p.subject)
        props.author = cString(p.author)
        props.company = p.company.flatMap { cString($0) }
        props.keywords = cString(p.keywords)
        props.comments = cString(p.comments)
        props.created = time_t(Int(p.created.number) * 86_400)
        try check(workbook_set_properties(try workbook(), &props), "workbook_set_properties")
    }

    func close() throws(WorkbookError) {
        let book = try workbook()
        handle = nil  // workbook_close frees the workbook whatever it returns
        try check(workbook_close(book), "workbook_close")
    }
}

/// One worksheet plus the widest content written to each column, for fitted widths.
final class XLSXSheet {
    unowned let book: XLSXBook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    private(set) var contentWidths: [Int: Double] = [:]

    init(book: XLSXBook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.book = book; self.handle = handle; self.name = name
    }

    private func cell(_ row: Int, _ col: Int) -> String { "\(name)!R\(row + 1)C\(col + 1)" }

    func noteWidth(_ col: Int, _ chars: Double) {
        contentWidths[col] = max(contentWidths[col] ?? 0, chars)
    }

    /// A number cell, or a (formatted) blank for nil: a missing value is never written as 0.
    /// `fits: false` for a column whose width is fixed, where the cell's width would never be read.
    func number(_ row: Int, _ col: Int, _ value: Double?, _ style: CellStyle = .plain, fits: Bool = true) throws(WorkbookError) {
        guard let value, value.isFinite else { return try blank(row, col, style) }
        let f = try book.format(style)
        try book.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), value, f), "worksheet_write_number(\(cell(row, col)))")
        if fits { noteWidth(col, numberShape(style.numFormat).width(value) + Double(style.indent) * 1.5) }
    }

    private var shapes: [String: NumberShape] = [:]

    private func numberShape(_ format: String?) -> NumberShape {
        guard let format else { return NumberShape(format: nil) }
        if let shape = shapes[format] { return shape }
        let shape = NumberShape(format: format)
        shapes[format] = shape
        return shape
    }

    /// Excel's cell limit; a longer text (a raw field, a runaway warning) is cut with "…" rather than failing the run.
    static let maxTextLength = 32_767

    static func cellText(_ value: String) -> String {
        value.utf16.count <= maxTextLength ? value : SheetNames.truncate(value, to: maxTextLength - 1) + "…"
    }

    func text(_ row: Int, _ col: Int, _ value: String, _ style: CellStyle = .plain, fits: Bool = true) throws(WorkbookError) {
        let f = try book.format(style)
        let value = XLSXSheet.cellText(value)
        let err = value.withCString { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), $0, f) }
        try book.check(err, "worksheet_write_string(\(cell(row, col)))")
        if fits { noteWidth(col, DisplayWidth.text(value, style: style)) }
    }

    /// Text across `firstCol...lastCol` of one row; wrapped text gets a height for `lines` lines,
    /// since row heights of merged cells are not fitted by Excel.
    func mergedText(_ row: Int, _ firstCol: Int, _ lastCol: Int, _ value: String, _ style: CellStyle, lines: Int = 1) throws(WorkbookError) {
        let f = try book.format(style)
        let err = XLSXSheet.cellText(value).withCString { worksheet_merge_range(handle, lxw_row_t(row), lxw_col_t(firstCol), lxw_row_t(row), lxw_col_t(lastCol), $0, f) }
        try book.check(err, "worksheet_merge_range(\(cell(row, firstCol)))")
        if lines > 1 { try setRowHeight(row, Double(lines) * 15) }
    }

    func blank(_ row: Int, _ col: Int, _ style: CellStyle = .plain) throws(WorkbookError) {
        guard let f = try book.format(style) else { return }
        try book.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), f), "worksheet_write_blank(\(cell(row, col)))")
    }

    /// A real date cell: the Excel serial number (days since 1899-12-30) with a date format.
    func date(_ row: Int, _ col: Int, _ day: Day?, _ style: CellStyle) throws(WorkbookError) {
        try number(row, col, day.map(ExcelDate.serial), style)
        if day != nil { noteWidth(col, 10) }
    }

    func setColumn(_ col: Int, width: Double) throws(WorkbookError) {
        try book.check(worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), width, nil), "worksheet_set_column(\(name) col \(col + 1))")
    }

    /// Widths fitted to what was written, clamped so one long note cannot make a column unusable.
    func fitColumns(minimum: Double = 6, maximum: Double = 60, fixed: [Int: Double] = [:]) throws(WorkbookError) {
        let cols = Set(contentWidths.keys).union(fixed.keys).sorted()
        for col in cols {
            let width = fixed[col] ?? min(max((contentWidths[col] ?? 0) + 2, minimum), maximum)
            try setColumn(col, width: width)
        }
    }

    func setRowHeight(_ row: Int, _ height: Double) throws(WorkbookError) {
        try book.check(worksheet_set_row(handle, lxw_row_t(row), height, nil), "worksheet_set_row(\(name) row \(row + 1))")
    }

    func freezePanes(row: Int, col: Int) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(col))
    }

    func autofilter(firstRow: Int, firstCol: Int, lastRow: Int, lastCol: Int) throws(WorkbookError) {
        try book.check(worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstCol), lxw_row_t(lastRow), lxw_col_t(lastCol)),
                       "worksheet_autofilter(\(name))")
    }

    /// Landscape, one page wide, the given rows repeated, header and footer with the period and page numbers.
    func setupPrint(header: String, footer: String, repeatRows: ClosedRange<Int>?) throws(WorkbookError) {
        worksheet_set_landscape(handle)
        worksheet_fit_to_pages(handle, 1, 0)
        if let repeatRows {
            try book.check(worksheet_repeat_rows(handle, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound)),
                           "worksheet_repeat_rows(\(name))")
        }
        try book.check(header.withCString { worksheet_set_header(handle, $0) }, "worksheet_set_header(\(name))")
        try book.check(footer.withCString { worksheet_set_footer(handle, $0) }, "worksheet_set_footer(\(name))")
    }

    func insertChart(_ chart: UnsafeMutablePointer<lxw_chart>, row: Int, col: Int, xScale: Double, yScale: Double) throws(WorkbookError) {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try book.check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(col), chart, &options),
                       "worksheet_insert_chart(\(cell(row, col)))")
    }

    /// An Excel table over rows `firstRow...lastRow` (header included) with the given column names.
    func addTable(name: String, firstRow: Int, lastRow: Int, columns: [String], styleNumber: UInt8) throws(WorkbookError) {
        guard !columns.isEmpty,
              let list = book.buffer(UnsafeMutablePointer<lxw_table_column>?.self, count: columns.count + 1),
              let cols = book.buffer(lxw_table_column.self, count: columns.count) else {
            throw WorkbookError(operation: "worksheet_add_table(\(self.name))", code: nil, message: "no columns or out of memory")
        }
        for (i, header) in columns.enumerated() {
            cols[i].header = book.cString(header)
            list[i] = cols + i
        }
        list[columns.count] = nil
        var options = lxw_table_options()
        options.name = book.cString(name)
        options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_MEDIUM.rawValue)
        options.style_type_number = styleNumber
        options.columns = list
        try book.check(worksheet_add_table(handle, lxw_row_t(firstRow), 0, lxw_row_t(lastRow), lxw_col_t(columns.count - 1), &options),
                       "worksheet_add_table(\(self.name))")
    }
}

/// Excel's day serials: 1899-12-30 is day 0, so 1970-01-01 (our day 0) is 25569.
enum ExcelDate {
    static func serial(_ day: Day) -> Double { Double(Int(day.number) + 25_569) }
}
