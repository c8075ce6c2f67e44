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
        var errors: [InputError] = []
        var columns: [String: Int] = [:]
        let kpiIDs = Set(config.kpis.map(\.id))
        var seen: [String: Int] = [:]   // "kpi|line|period" → line
        var lineKeys: [String: Int] = [:]  // line values used → first line
        let reader = CSVReader(path: path, delimiter: UInt8(ascii: ","))

        func header(_ row: RawRow) throws(InputError) {
            for i in 0..<row.count { columns[String(decoding: row.field(i), as: UTF8.self).trimmingSpaces.lowercased()] = i }
            let missing = ["kpi", "product_line", "period", "target"].filter { columns[$0] == nil }
            if !missing.isEmpty {
                throw InputError(path: path, line: 1, column: 1, message: "targets file lacks column(s) \(missing.joined(separator: ", "))",
                                 value: headerForMessage(row, looksLikeHeader: missing.count < 4), isConfigLevel: true)
            }
        }

        func record(_ rec: CSVRecord) {
            let row = rec.row
            func text(_ c: String) -> (String, Int) {
                let i = columns[c] ?? 0
                return (String(decoding: row.field(i), as: UTF8.self).trimmingSpaces, i + 1)
            }
            func fail(_ col: Int, _ msg: String, _ value: String, hint: String? = nil) {
                var e = InputError(path: path, line: rec.line, column: col, message: msg, value: value, isConfigLevel: true)
                e.hint = hint
                errors.append(e)
            }
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

        func malformed(_ line: Int, _ column: Int, _ raw: UnsafeBufferPointer<UInt8>) {
            errors.append(InputError(path: path, line: line, column: column, message: "malformed CSV record", value: String(decoding: raw, as: UTF8.self), isConfigLevel: true))
        }

        do { try reader.read(header: header, record: record, malformed: malformed) } catch {
            var e = error; e.isConfigLevel = true
            throw InputErrors(errors: [e])
        }
        if !errors.isEmpty { throw InputErrors(errors: errors) }
        var sha = reader.sha256
        book.sha256 = SHA256.hex(sha.finalize())
        book.bytes = reader.bytesRead
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
