/// The optional raw-data sheet: text exactly as the engine hands it over.
struct RawDataSheet {
    let raw: RawSheet

    func write(into sheet: XLSXSheet) throws(WorkbookError) {
        var r = 0
        if let note = raw.note {
            try sheet.text(r, 0, note, Styles.note, fits: false); r += 2
        }
        let headerRow = r
        for (c, h) in raw.header.enumerated() { try sheet.text(r, c, h, Styles.headerLeft) }
        r += 1
        for row in raw.rows {
            for (c, value) in row.enumerated() where !value.isEmpty { try sheet.text(r, c, value) }
            r += 1
        }
        let width = max(raw.header.count, raw.rows.map(\.count).max() ?? 0)
        if width > 0 {
            try sheet.autofilter(firstRow: headerRow, firstCol: 0, lastRow: max(r - 1, headerRow), lastCol: width - 1)
        }
        sheet.freezePanes(row: headerRow + 1, col: 0)
        try sheet.fitColumns(minimum: 6, maximum: 40)
    }
}
