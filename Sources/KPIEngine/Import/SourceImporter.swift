import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields

/// One rejected row, ready for `rejects/<source>.csv` (SPEC 4.4).
public struct RejectedRow: Sendable {
    public var line: Int
    /// 1-based column of the offending field (0 when the row as a whole is at fault).
    public var column: Int
    public var columnName: String
    public var reason: String
    public var value: String
    public var raw: String
}

/// A source KPI bound to a header: what the ingest pass evaluates for each row.
struct BoundMeasure {
    let kpi: String
    let agg: Aggregation
    let filter: CompiledPredicate?
    let value: CompiledValue?
    let distinctColumn: Int?
}

/// Everything one source contributes: counts, daily partials per measure and raw line value, rejects.
struct SourceIngest: Sendable {
    var name: String
    var path: String
    var sha256 = ""
    var bytes = 0
    var rowsRead = 0
    var rowsAccepted = 0
    var rowsRejected = 0
    var rowsAfterAsOf = 0
    var rowsBlank = 0
    var firstDate: Day?
    var lastDate: Day?
    var rejects: [RejectedRow] = []
    /// measure KPI ids in the order of `series`' inner arrays.
    var measureKPIs: [String] = []
    /// Per line id: one series per measure, then one counting every accepted row.
    var series: [String: [DailySeries]] = [:]
    /// Unknown raw line values sent to `other`, with row counts.
    var unknownValues: [String: Int] = [:]
    /// Distinct values of count_distinct measures, interned per source (ids index this).
    var distinctValues: [String] = []
}

/// Reads one source in one streaming pass (SPEC 4): blank rows, rows after as-of, rejects, partials.
struct SourceImporter {
    let source: SourceConfig
    let measures: [(kpi: String, measure: SourceMeasure)]
    let resolver: LineResolver
    let asOf: Day

    func run() throws(InputError) -> SourceIngest {
        var out = SourceIngest(name: source.name, path: source.path)
        out.measureKPIs = measures.map(\.kpi)
        let reader = CSVReader(path: source.path, delimiter: source.delimiter)
        var headerNames: [String] = []
        var bound: [BoundMeasure] = []
        var dateColumn = -1
        var lineColumn = -1
        var constantLine: String?

        // Per raw product-line value: its resolution and series (merged into lines at the end).
        var values = ByteInterner()
        var resolutions: [LineResolver.Resolution] = []
        var slotSeries: [[DailySeries]] = []
        var slotUnknownRows: [Int] = []
        var distinct = ByteInterner()
        let format = source.numberFormat
        let dateFormat = source.dateFormat

        var ambiguous: [String] = []
        func columnIndex(_ name: String) -> Int? {
            let key = name.trimmingSpaces.lowercased()
            let matches = headerNames.indices.filter { headerNames[$0] == key }
            // Two columns of one name: picking either could silently count the wrong money.
            if matches.count > 1 {
                let where_ = matches.map { String($0 + 1) }.joined(separator: " and ")
                let text = "'\(name)' is the name of columns \(where_)"
                if !ambiguous.contains(text) { ambiguous.append(text) }
            }
            return matches.first
        }

        func header(_ row: RawRow) throws(InputError) {
            headerNames = (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self).trimmingSpaces.lowercased() }
            var missing: [String] = []
            var unusable: [String] = []
            if let d = columnIndex(source.dateColumn) { dateColumn = d } else { missing.append(source.dateColumn) }
            switch source.productLine {
            case .column(let c): if let i = columnIndex(c) { lineColumn = i } else { missing.append(c) }
            case .constant(let c): constantLine = c
            }
            for (kpi, m) in measures {
                do {
                    let filter = try m.filter.map { p throws(ExprError) in try CompiledPredicate(p, columnIndex: columnIndex, format: format) }
                    var value: CompiledValue?
                    var distinctColumn: Int?
                    if let v = m.value {
                        if m.agg == .countDistinct, case .name(let n) = v {
                            if let i = columnIndex(n) { distinctColumn = i } else { missing.append(n) }
                        } else if let text = m.valueText {
                            // A value that equals a header name is that column, spaces and all.
                            value = try CompiledValue(text: text, columnIndex: columnIndex, format: format)
                        } else {
                            value = try CompiledValue(v, columnIndex: columnIndex, format: format)
                        }
                    }
                    bound.append(BoundMeasure(kpi: kpi, agg: m.agg, filter: filter, value: value, distinctColumn: distinctColumn))
                } catch {
                    unusable.append("KPI '\(kpi)': \(error.message)")
                }
            }
            var problems: [String] = []
            if !missing.isEmpty { problems.append("source '\(source.name)' lacks column(s) \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
            if !unusable.isEmpty { problems.append((problems.isEmpty ? "source '\(source.name)': " : "") + unusable.joined(separator: "; ")) }
            if !ambiguous.isEmpty { problems.append((problems.isEmpty ? "source '\(source.name)': " : "") + ambiguous.joined(separator: "; ")) }
            if !problems.isEmpty {
                let found = (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self) }.joined(separator: ", ")
                throw InputError(path: source.path, line: 1, message: problems.joined(separator: "; "),
                                 value: "columns found: " + found, isConfigLevel: true)
            }
        }

        var measureValues = [Fixed?](repeating: nil, count: measures.count)
        var measureSelected = [Bool](repeating: false, count: measures.count)
        var measureDistinct = [Int32](repeating: -1, count: measures.count)

        func reject(_ rec: CSVRecord, column: Int, reason: String, value: String) {
            out.rowsRejected += 1
            let name = column > 0 && column <= headerNames.count ? headerNames[column - 1] : ""
            out.rejects.append(RejectedRow(line: rec.line, column: column, columnName: name, reason: reason, value: shortened(value),
                                           raw: String(decoding: rec.raw, as: UTF8.self)))
        }

        /// Points at the first missing or extra field, so `file:line:column` is a real position.
        func rejectFieldCount(_ rec: CSVRecord) {
            reject(rec, column: min(rec.row.count, headerNames.count) + 1,
                   reason: "expected \(headerNames.count) fields, found \(rec.row.count)", value: "")
        }

        func record(_ rec: CSVRecord) {
            out.rowsRead += 1
            let row = rec.row
            var blank = true
            for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false; break }
            if blank { out.rowsBlank += 1; return }

            guard dateColumn < row.count, let date = dateFormat.parse(row.field(dateColumn)) else {
                let v = dateColumn < row.count ? String(decoding: row.field(dateColumn), as: UTF8.self) : ""
                if row.count != headerNames.count {
                    rejectFieldCount(rec)
                } else {
                    reject(rec, column: dateColumn + 1, reason: "date does not parse", value: v)
                }
                return
            }
            if date.day > asOf { out.rowsAfterAsOf += 1; return }
            if row.count != headerNames.count { rejectFieldCount(rec); return }
            // Product line.
            let slot: Int
            if let c = constantLine {
                slot = values.intern(c)
            } else {
                let raw = ByteText.trimmed(row.field(lineColumn))
                if raw.isEmpty { reject(rec, column: lineColumn + 1, reason: "product line is empty", value: ""); return }
                slot = values.intern(raw)
            }
            if slot == resolutions.count {
                resolutions.append(resolver.resolve(values.string(slot)))
                slotSeries.append(measures.map { DailySeries(agg: $0.measure.agg) } + [DailySeries(agg: .count)])
                slotUnknownRows.append(0)
            }
            if resolutions[slot] == .reject {
                reject(rec, column: lineColumn + 1, reason: "unknown product line", value: values.string(slot)); return
            }
            // Measures: evaluate all first, so a rejected row adds nothing anywhere.
            for (k, m) in bound.enumerated() {
                let selected = m.filter?.evaluate(row) ?? true
                measureSelected[k] = selected
                guard selected else { continue }
                if let v = m.value {
                    switch v.evaluate(row) {
                    case .null:
                        measureValues[k] = nil
                        // A `count` with a value counts non-null values only.
                        if m.agg == .count { measureSelected[k] = false }
                    case .value(let f): measureValues[k] = f
                    case .invalid(let column):
                        reject(rec, column: column + 1, reason: "not a number (needed by KPI '\(m.kpi)')",
                               value: String(decoding: row.field(column), as: UTF8.self))
                        return
                    }
                } else if let dc = m.distinctColumn {
                    let t = ByteText.trimmed(row.field(dc))
                    measureDistinct[k] = t.isEmpty ? -1 : Int32(distinct.intern(t))
                }
            }
            let day = date.day.number
            for k in 0..<bound.count where measureSelected[k] {
                // A count with a value counts non-null values only (SPEC 4.2, 6.1).
                if bound[k].agg == .count, bound[k].value != nil, measureValues[k] == nil { continue }
                slotSeries[slot][k].add(day: day, time: date.timeOfDay, value: measureValues[k], distinctID: measureDistinct[k])
            }
            // The last series counts every accepted row (target rule 5 asks whether a line has rows).
            slotSeries[slot][bound.count].add(day: day, time: date.timeOfDay, value: nil, distinctID: -1)
            if resolutions[slot] == .unknown { slotUnknownRows[slot] += 1 }
            out.rowsAccepted += 1
            if out.firstDate.map({ date.day < $0 }) ?? true { out.firstDate = date.day }
            if out.lastDate.map({ date.day > $0 }) ?? true { out.lastDate = date.day }
        }

        func malformed(_ line: Int, _ column: Int, _ raw: UnsafeBufferPointer<UInt8>) {
            out.rowsRead += 1
            out.rowsRejected += 1
            out.rejects.append(RejectedRow(line: line, column: column, columnName: "", reason: "malformed CSV record (stray or unbalanced quote)",
                                           value: "", raw: String(decoding: raw, as: UTF8.self)))
        }

        try reader.read(header: header, record: record, malformed: malformed)
        var sha = reader.sha256
        out.sha256 = SHA256.hex(sha.finalize())
        out.bytes = reader.bytesRead

        for slot in 0..<resolutions.count {
            let id: String
            switch resolutions[slot] {
            case .line(let l): id = l
            case .unknown: id = LineResolver.other; out.unknownValues[values.string(slot)] = slotUnknownRows[slot]
            case .reject: continue
            }
            var merged = out.series[id] ?? measures.map { DailySeries(agg: $0.measure.agg) } + [DailySeries(agg: .count)]
            for k in 0...measures.count { merged[k].merge(slotSeries[slot][k]) }
            out.series[id] = merged
        }
        for (id, var list) in out.series {
            for k in list.indices { list[k].finish() }
            out.series[id] = list
        }
        out.distinctValues = (0..<distinct.count).map { distinct.string($0) }
        return out
    }
}

/// A value quoted in a message: a 1 MB field would drown stderr and the reason column (`raw` keeps it whole).
func shortened(_ value: String, limit: Int = 80) -> String {
    guard value.count > limit else { return value }
    return String(value.prefix(limit)) + "… (\(value.utf8.count) bytes)"
}

extension String {
    /// Trims spaces and tabs (and no-break spaces) at both ends.
    var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        var s = Substring(self)
        while let f = s.first, isSpace(f) { s.removeFirst() }
        while let l = s.last, isSpace(l) { s.removeLast() }
        return String(s)
    }
}
