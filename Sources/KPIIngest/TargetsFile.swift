import KPICalendar
import KPICalendar
import KPIConfig
import KPIFields

/// A target given in targets.csv for one KPI, level key and period.
public struct GivenTarget: Sendable {
    public var period: Period
    public var value: Fixed
    public init(period: Period, value: Fixed) { self.period = period; self.value = value }
}

/// targets.csv as read and checked: the given targets, the file's warnings, and what the manifest
/// says of it. The rules that resolve a target from these are the metrics' (`TargetBook`).
public struct TargetTable: Sendable {
    /// kpi → key (line id, group name or ALL) → given targets, finest period first.
    public var given: [String: [String: [GivenTarget]]] = [:]
    public var warnings: [String] = []
    public var sha256 = ""
    public var bytes = 0
    /// As the manifest shows it; nil when the config names no targets file.
    public var path: String?
    /// The product-line keys the file uses (checked against the data later).
    public var lineKeysUsed: Set<String> = []
    public init() {}
}

/// Reads and checks targets.csv (SPEC 4.5). Every problem is a configuration error (exit 2) naming
/// file:line:column; all are collected.
public enum TargetsFile {
    public static func load(path: String, config: Config) throws(InputErrors) -> TargetTable {
        var book = TargetTable()
        book.path = path
        let file = SideFile(path: path, kind: "targets file", required: ["kpi", "product_line", "period", "target"])
        let kpiIDs = Set(config.kpis.map(\.id))
        var seen: [String: Int] = [:]   // "kpi|line|period" → line
        var lineKeys: [String: Int] = [:]  // line values used → first line

        func record(_ rec: CSVRecord) {
            let row = rec.row
            func text(_ c: String) -> (String, Int) { file.text(row, c) }
            func fail(_ col: Int, _ msg: String, _ value: String, hint: String? = nil) { file.fail(rec.line, col, msg, value, hint: hint) }
            var blank = true
            for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false }
            if blank { return }
            let (kpi, kc) = text("kpi"), (line, lc) = text("product_line"), (pid, pc) = text("period"), (tv, tc) = text("target")
            guard kpiIDs.contains(kpi) else { fail(kc, "unknown KPI", kpi); return }
            if line.isEmpty { fail(lc, "product line is empty", line); return }
            let period: Period
            do { period = try config.calendar.period(id: pid) } catch {
                fail(pc, error.message, pid, hint: error.hint); return
            }
            let fmt = NumberFormat(decimal: UInt8(ascii: "."), thousands: UInt8(ascii: ","), allowPercent: true)
            guard case .value(let v) = NumberParser.parse(tv, format: fmt) else {
                fail(tc, "target is not a number", tv); return
            }
            let dupKey = kpi + "|" + line + "|" + period.id
            if let first = seen[dupKey] { fail(pc, "duplicate target for \(kpi), \(line), \(period.id) (first on line \(first))", pid); return }
            seen[dupKey] = rec.line
            if lineKeys[line] == nil { lineKeys[line] = rec.line }
            book.given[kpi, default: [:]][line, default: []].append(GivenTarget(period: period, value: v))
        }

        (book.sha256, book.bytes) = try file.read(record)
        for (kpi, byKey) in book.given {
            for (key, list) in byKey {
                book.given[kpi]?[key] = list.sorted { ($0.period.days, $0.period.start) < ($1.period.days, $1.period.start) }
            }
        }
        book.warnings += quarterChecks(book, config: config)
        // Lines that are neither configured nor groups: kept, warned later against the data.
        book.lineKeysUsed = Set(lineKeys.keys)
        return book
    }

    /// A quarter target that differs from the sum of its months' targets is a warning.
    static func quarterChecks(_ book: TargetTable, config: Config) -> [String] {
        var out: [String] = []
        for kpi in book.given.keys.sorted() where config.isAdditive(kpi) {
            for key in (book.given[kpi] ?? [:]).keys.sorted() {
                let list = book.given[kpi]?[key] ?? []
                for q in list where q.period.grain == .quarter {
                    let months = list.filter { $0.period.grain == .month && q.period.contains($0.period.start) }
                    guard months.count == 3 else { continue }
                    let sum = months.reduce(Fixed.zero) { $0 + $1.value }
                    if sum != q.value {
                        out.append("target for \(kpi) at \(key) in \(q.period.id) is \(q.value) but its months add up to \(sum)")
                    }
                }
            }
        }
        return out
    }
}

/// Several input or configuration errors at once.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
