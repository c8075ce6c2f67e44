import KPICalendar
import KPIConfig
import KPIFields

/// One dated event of the annotations file (SPEC 6.7).
public struct AnnotationEvent: Sendable, Hashable {
    public var date: Day
    /// Nil: every KPI.
    public var kpi: String?
    /// A line id, a group name or `ALL`; nil: every level.
    public var productLine: String?
    public var text: String
    /// The physical line of the file the event starts on.
    public var line: Int
    public init(date: Day, kpi: String?, productLine: String?, text: String, line: Int) {
        self.date = date; self.kpi = kpi; self.productLine = productLine; self.text = text; self.line = line
    }
}

/// The annotations file as read and checked: its events on or before as-of in file order.
public struct AnnotationTable: Sendable {
    public var events: [AnnotationEvent] = []
    /// Events dated after as-of, left out like rows.
    public var afterAsOf = 0
    public var sha256 = ""
    public var bytes = 0
    /// As the config names it, relative to the config's folder.
    public var path: String?
    public init() {}

    /// The events whose product line is `ALL`, a group, or a line of `lines`; the others, by line
    /// value with their file lines, for the warning that leaves them out.
    public func checked(lines: (String) -> Bool, groups: Set<String>) -> (kept: [AnnotationEvent], unknown: [(String, [Int])]) {
        var kept: [AnnotationEvent] = [], unknown: [(String, [Int])] = []
        for e in events {
            guard let line = e.productLine, line != "ALL", !groups.contains(line), !lines(line) else { kept.append(e); continue }
            if let i = unknown.firstIndex(where: { $0.0 == line }) { unknown[i].1.append(e.line) } else { unknown.append((line, [e.line])) }
        }
        return (kept, unknown)
    }
}

/// Reads and checks the annotations file (`date,kpi,product_line,text`, SPEC 6.7) like targets.csv:
/// a missing column, a date that does not parse, an unknown KPI or an empty text is a configuration
/// error (exit 2) naming file:line:column, all of them collected. Lines are checked against the data
/// later (an unknown one is a warning).
public enum AnnotationsFile {
    public static func load(path: String, config: Config, asOf: Day) throws(InputErrors) -> AnnotationTable {
        var table = AnnotationTable()
        table.path = path
        let file = SideFile(path: path, kind: "annotations file", required: ["date", "kpi", "product_line", "text"])
        let kpiIDs = Set(config.kpis.map(\.id))

        func record(_ rec: CSVRecord) {
            let row = rec.row
            func text(_ c: String) -> (String, Int) { file.text(row, c) }
            func fail(_ col: Int, _ msg: String, _ value: String) { file.fail(rec.line, col, msg, value) }
            var blank = true
            for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false }
            if blank { return }
            let (dateText, dc) = text("date"), (kpi, kc) = text("kpi"), (line, _) = text("product_line"), (words, tc) = text("text")
            guard let date = DateFormat.iso.parse(dateText)?.day else { fail(dc, "date does not parse", dateText); return }
            if !kpi.isEmpty && !kpiIDs.contains(kpi) { fail(kc, "unknown KPI", kpi); return }
            if words.isEmpty { fail(tc, "event text is empty", words); return }
            if date > asOf { table.afterAsOf += 1; return }
            table.events.append(AnnotationEvent(date: date, kpi: kpi.isEmpty ? nil : kpi, productLine: line.isEmpty ? nil : line,
                                                text: words, line: rec.line))
        }

        (table.sha256, table.bytes) = try file.read(record)
        return table
    }
}
