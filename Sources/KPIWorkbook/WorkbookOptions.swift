/// What the caller may add to the workbook beyond the report (SPEC 7.1 `raw_sheet`).
public struct WorkbookOptions: Sendable {
    /// An optional sheet of raw rows, written as text exactly as given; the engine decides which rows and how many.
    public var rawRows: RawSheet?

    public init(rawRows: RawSheet? = nil) { self.rawRows = rawRows }
}

/// A plain table of text for the raw-data sheet.
public struct RawSheet: Sendable {
    /// The sheet's name (made valid and unique like every sheet name).
    public var name: String
    public var header: [String]
    public var rows: [[String]]
    /// Shown above the table, e.g. "First 10,000 of 52,113 accepted rows of orders.csv".
    public var note: String?

    public init(name: String = "Raw data", header: [String], rows: [[String]], note: String? = nil) {
        self.name = name; self.header = header; self.rows = rows; self.note = note
    }
}
