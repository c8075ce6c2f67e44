import KPICalendar
import KPIConfig
import KPIExpr
import KPIFields
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One rejected row, ready for `rejects/<source>.csv` (SPEC 4.4).
public struct RejectedRow: Sendable {
    public var line: Int
    /// 1-based column of the offending field (0 when the row as a whole is at fault).
    public var column: Int
    public var columnName: String
    public var reason: String
    public var value: String
    /// The row's exact original bytes (not decoded: a Latin-1 row stays replayable).
    public var raw: [UInt8]

    /// `reason (value)`, or the reason alone when no value is quoted.
    public var reasonText: String { value.isEmpty ? reason : "\(reason) (\(value))" }

    /// `file:line:column: reason (value)`, the form of every rejection message (SPEC 4.4).
    public func message(path: String) -> String { "\(path):\(line):\(column): \(reasonText)" }
}

/// A source KPI bound to a header: what the ingest pass evaluates for each row.
struct BoundMeasure {
    let kpi: String
    let agg: Aggregation
    /// Index into the pass's distinct `where` clauses, or -1 for none.
    let filter: Int
    /// Boxed, so the per-row plan can reach it through an unowned reference (`MeasurePlan`).
    let value: ValueBox?
    /// The column of a `count_distinct`, or -1.
    let distinctColumn: Int
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
}

/// Reads one source in one streaming pass (SPEC 4): blank rows, rows after as-of, rejects, partials.
struct SourceImporter {
    let source: SourceConfig
    let measures: [(kpi: String, measure: SourceMeasure)]
    let resolver: LineResolver
    let asOf: Day

    func run() throws(InputError) -> SourceIngest {
        if let out = runInParts() { return out }
        let reader = CSVReader(path: source.path, delimiter: source.delimiter)
        reader.hashesInParallel = true
        var pass = IngestPass(self)
        try reader.read(into: &pass)
        var out = pass.finish()
        out.sha256 = reader.sha256Hex
        out.bytes = reader.bytesRead
        return out
    }

    /// Files at least this large are read in parts on every core.
    static let splitBytes = 8 << 20
    /// About this many bytes a part, and at most `maxParts` parts: enough parts that the cores,
    /// taking them in turn, finish within a small part of each other (two halves ended up to a
    /// third apart, as the digest's thread shares the cores unevenly).
    static let partBytes = 4 << 20
    static let maxParts = 16

    /// Reads a large file on every core: cut at line starts into parts, which the cores take in
    /// turn, each part into a pass of its own, while another thread hashes the whole file. A cut
    /// is right only when it falls between records; the reader of the part before it knows whether
    /// it ended so (no quoted field left open). If any cut is not, or if anything else is unusual
    /// (no header, an error), nil: the caller reads the file in one pass, which reports the problem
    /// exactly as always. The parts are merged in file order: counts add, each part's line numbers
    /// shift by the lines before it, and its long distinct values come along under its part number
    /// (`DistinctKey`), to be numbered once with every other part's (`LongValueIDs`).
    func runInParts(cuts requested: [Int]? = nil) -> SourceIngest? {
        let path = source.path
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard requested != nil || size >= SourceImporter.splitBytes else { return nil }
        let count = min(SourceImporter.maxParts, max(2, size / SourceImporter.partBytes))
        var cuts: [Int] = []
        for offset in requested ?? (1..<count).map({ size / count * $0 }) {
            guard let cut = SourceImporter.lineStart(after: offset, in: path, size: size) else { break }
            if cut > (cuts.last ?? 0) { cuts.append(cut) }
        }
        guard !cuts.isEmpty else { return nil }

        // The header, read apart, binds the passes of the parts after the first.
        let peek = CSVReader(path: path, delimiter: source.delimiter)
        peek.stopsAfterHeader = true
        var header = HeaderCopy()
        do throws(InputError) { try peek.read(into: &header) } catch { return nil }
        guard header.fields != nil, peek.linesRead == 1 else { return nil }
        let starts = [0] + cuts, ends = cuts + [Int.max]
        var passes = [IngestPass(self)]
        for k in 1..<starts.count {
            var pass = IngestPass(self)
            pass.part = k
            do throws(InputError) { try header.withRow { row throws(InputError) in try pass.header(row) } } catch { return nil }
            passes.append(pass)
        }
        let parts = PartResults(passes)
        passes = []

        let digest = ParallelDigest(path: path)
        let delimiter = source.delimiter
        let work = { @Sendable () -> Void in
            while let k = parts.take() {
                let reader = CSVReader(path: path, delimiter: delimiter)
                reader.startOffset = starts[k]
                reader.endOffset = ends[k]
                do throws(InputError) { try reader.read(into: &parts.passes[k]) } catch { parts.failed[k] = true }
                parts.lines[k] = reader.linesRead
                parts.endedBetweenRecords[k] = reader.endedBetweenRecords
            }
        }
        let cores = max(2, min(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 8))
        let helpers = (1..<cores).map { _ in Background { work() } }
        work()
        for h in helpers { h.wait() }
        let hex = digest.wait()
        guard !hex.isEmpty, parts.allRead else { return nil }
        // Moved out, so no second reference to the first part's arrays makes the merge copy them.
        var first = IngestPass(self)
        swap(&first, &parts.passes[0])
        var lineOffset = parts.lines[0]
        for k in 1..<parts.count {
            first.absorb(&parts.passes[k], lineOffset: lineOffset)
            lineOffset += parts.lines[k]
        }
        var out = first.finish()
        out.sha256 = hex
        out.bytes = size
        return out
    }

    /// `runInParts` with one cut at the first line start at or after `cut` (tests).
    func runInTwoParts(cutAt cut: Int) -> SourceIngest? { runInParts(cuts: [cut]) }

    /// The offset just past the first newline at or after `offset`, or nil when there is none
    /// before the end of the file.
    static func lineStart(after offset: Int, in path: String, size: Int) -> Int? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while at < size {
            let n = buffer.withUnsafeMutableBytes { b in pread(fd, b.baseAddress, b.count, off_t(at)) }
            guard n > 0 else { return nil }
            if let i = buffer[0..<n].firstIndex(of: 10) { return at + i + 1 < size ? at + i + 1 : nil }
            at += n
        }
        return nil
    }
}

/// The parts of one file read in parts (`SourceImporter.runInParts`), in plain memory: each slot
/// is written by the one worker that took its part (no array's copy-on-write or exclusivity check
/// is shared between the workers), and read only after every worker has returned.
final class PartResults: @unchecked Sendable {
    let count: Int
    let passes: UnsafeMutablePointer<IngestPass>
    let lines: UnsafeMutablePointer<Int>
    let failed: UnsafeMutablePointer<Bool>
    let endedBetweenRecords: UnsafeMutablePointer<Bool>
    private let next = Atomic<Int>(0)

    init(_ passes: [IngestPass]) {
        count = passes.count
        self.passes = .allocate(capacity: count); self.passes.initialize(from: passes, count: count)
        lines = .allocate(capacity: count); lines.initialize(repeating: 0, count: count)
        failed = .allocate(capacity: count); failed.initialize(repeating: false, count: count)
        endedBetweenRecords = .allocate(capacity: count); endedBetweenRecords.initialize(repeating: false, count: count)
    }

    deinit {
        for k in 0..<count { passes[k].scratch.free(); passes[k].plan.free() }
        passes.deinitialize(count: count); passes.deallocate()
        lines.deallocate(); failed.deallocate(); endedBetweenRecords.deallocate()
    }

    /// The next part nobody has taken, or nil.
    func take() -> Int? {
        let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
        return k < count ? k : nil
    }

    var allRead: Bool {
        (0..<count).allSatisfy { !failed[$0] && ($0 == count - 1 || endedBetweenRecords[$0]) }
    }
}

/// Keeps the header's fields past the reader's buffer.
struct HeaderCopy: CSVSink {
    var fields: [[UInt8]]?
    mutating func header(_ row: RawRow) throws(InputError) { fields = (0..<row.count).map { Array(row.field($0)) } }
    mutating func record(_ rec: CSVRecord) {}
    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) {}

    /// The copied header as a `RawRow` again. The bytes start with a dummy byte and the spans keep
    /// room for one, so neither buffer's base address is nil, even for an empty header.
    func withRow(_ body: (RawRow) throws(InputError) -> Void) throws(InputError) {
        let fields = self.fields ?? []
        var bytes: [UInt8] = [0]
        var spans: [FieldSpan] = [FieldSpan(start: 0, length: 0)]
        spans.removeAll(keepingCapacity: true)
        for f in fields {
            spans.append(FieldSpan(start: Int32(bytes.count), length: Int32(f.count)))
            bytes += f
        }
        try bytes.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(InputError) in
            try spans.withUnsafeBufferPointer { (s: UnsafeBufferPointer<FieldSpan>) throws(InputError) in
                guard let bb = b.baseAddress, let sb = s.baseAddress else { return }
                try body(RawRow(bytes: bb, spans: sb, count: fields.count))
            }
        }
    }
}

/// The state of one source's streaming pass. A struct driven through `CSVSink`, so the per-row code
/// is specialised into the reader's loop and touches no reference-counted or boxed state.
struct IngestPass: CSVSink {
    let importer: SourceImporter
    var out: SourceIngest
    var headerNames: [String] = []
    var bound: [BoundMeasure] = []
    /// Distinct `where` clauses: KPIs of one source often share theirs, evaluated once per row.
    var filters: [PredicateBox] = []
    var dateColumn = -1
    var lineColumn = -1
    /// The bytes of a `product_line: {constant: …}` binding.
    var constantLine: [UInt8]?
    let format: NumberFormat
    let dateFormat: DateFormat

    /// Per raw product-line value ("slot"): its resolution and line. Rows go straight into their
    /// line's series, so aliases need no merge and a day's distinct ids are stored once per line.
    var values = ByteInterner()
    var resolutions: [LineResolver.Resolution] = []
    var lineOfSlot: [Int] = []
    var slotUnknownRows: [Int] = []
    /// Per slot: the raw value is not valid UTF-8 (its rows are rejected: the text cannot be trusted).
    var invalidText: [Bool] = []
    var lineIDs: [String] = []
    var lineIndex: [String: Int] = [:]
    /// line × (measures + the row count), flat: `series[line * (bound.count + 1) + k]`.
    var series: [DailySeries] = []
    /// count_distinct values longer than a key holds (`DistinctKey`); shorter ones are their own key.
    var longDistinct = ByteInterner()
    /// The part of the file this pass reads (`SourceImporter.runInParts`; 0 for a whole file): a long
    /// value's key names it. The passes absorbed here hand over their long values, by part.
    var part = 0
    var longDistinctByPart: [Int: ByteInterner] = [:]

    var scratch = RowScratch(filters: 0, measures: 0)
    /// The last date field parsed (up to 16 bytes, zero-padded), its length and its date (`parseDate`).
    var lastDateKey: (UInt64, UInt64) = (0, 0)
    var lastDateLength = -1
    var lastDate: ParsedDate?
    /// `filters` and `bound` as plain memory for the per-row loop (the arrays own the objects).
    var plan = MeasurePlan(filters: [], bound: [])

    init(_ importer: SourceImporter) {
        self.importer = importer
        out = SourceIngest(name: importer.source.name, path: importer.source.path)
        out.measureKPIs = importer.measures.map(\.kpi)
        format = importer.source.numberFormat
        dateFormat = importer.source.dateFormat
    }

    mutating func header(_ row: RawRow) throws(InputError) {
        let source = importer.source
        headerNames = (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self).trimmingSpaces.lowercased() }
        let names = headerNames
        var ambiguous: [String] = []
        func columnIndex(_ name: String) -> Int? {
            let key = name.trimmingSpaces.lowercased()
            let matches = names.indices.filter { names[$0] == key }
            // Two columns of one name: picking either could silently count the wrong money.
            if matches.count > 1 {
                let text = "'\(name)' is the name of columns " + matches.map { String($0 + 1) }.joined(separator: " and ")
                if !ambiguous.contains(text) { ambiguous.append(text) }
            }
            return matches.first
        }
        var missing: [String] = []
        var unusable: [String] = []
        if let d = columnIndex(source.dateColumn) { dateColumn = d } else { missing.append(source.dateColumn) }
        switch source.productLine {
        case .column(let c): if let i = columnIndex(c) { lineColumn = i } else { missing.append(c) }
        case .constant(let c): constantLine = Array(c.utf8)
        }
        var filterIndex: [Predicate: Int] = [:]
        for (kpi, m) in importer.measures {
            do {
                var filter = -1
                if let p = m.filter {
                    if let i = filterIndex[p] {
                        filter = i
                    } else {
                        filters.append(PredicateBox(try CompiledPredicate(p, columnIndex: columnIndex, format: format)))
                        filter = filters.count - 1
                        filterIndex[p] = filter
                    }
                }
                var value: CompiledValue?
                var distinctColumn = -1
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
                bound.append(BoundMeasure(kpi: kpi, agg: m.agg, filter: filter, value: value.map(ValueBox.init), distinctColumn: distinctColumn))
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
        scratch.free()
        scratch = RowScratch(filters: filters.count, measures: bound.count, columns: row.count)
        plan.free()
        plan = MeasurePlan(filters: filters, bound: bound)
    }

    private mutating func reject(_ rec: CSVRecord, column: Int, reason: String, value: String) {
        out.rowsRejected += 1
        let name = column > 0 && column <= headerNames.count ? headerNames[column - 1] : ""
        out.rejects.append(RejectedRow(line: rec.line, column: column, columnName: name, reason: reason, value: shortened(value),
                                       raw: Array(rec.raw)))
    }

    /// Points at the first missing or extra field, so `file:line:column` is a real position.
    private mutating func rejectFieldCount(_ rec: CSVRecord) {
        reject(rec, column: min(rec.row.count, headerNames.count) + 1,
               reason: "expected \(headerNames.count) fields, found \(rec.row.count)", value: "")
    }

    mutating func record(_ rec: CSVRecord) {
        out.rowsRead += 1
        let row = rec.row
        var blank = true
        for i in 0..<row.count where !ByteText.isBlank(row.field(i)) { blank = false; break }
        if blank { out.rowsBlank += 1; return }

        guard dateColumn < row.count, let date = parseDate(row.field(dateColumn)) else {
            let v = dateColumn < row.count ? String(decoding: row.field(dateColumn), as: UTF8.self) : ""
            if row.count != headerNames.count {
                rejectFieldCount(rec)
            } else {
                reject(rec, column: dateColumn + 1, reason: "date does not parse", value: v)
            }
            return
        }
        if date.day > importer.asOf { out.rowsAfterAsOf += 1; return }
        if row.count != headerNames.count { rejectFieldCount(rec); return }
        guard let slot = lineSlot(rec) else { return }
        guard evaluateMeasures(rec) else { return }
        let day = date.day.number
        let measures = plan.steps.count
        let base = lineOfSlot[slot] * (measures + 1)
        let scratch = self.scratch, plan = self.plan
        // One copy-on-write check for the row, not one per series.
        series.withUnsafeMutableBufferPointer { lineSeries in
            for k in 0..<measures where scratch.selected[k] {
                if plan.steps[k].distinctColumn >= 0 {
                    let key = scratch.distinctKey[k]
                    if key != 0 { lineSeries[base + k].add(day: day, distinctKey: key) }
                    continue
                }
                lineSeries[base + k].add(day: day, time: date.timeOfDay, value: scratch.values[k])
            }
            // The last series counts every accepted row (target rule 5 asks whether a line has rows).
            lineSeries[base + measures].add(day: day, time: date.timeOfDay, value: nil)
        }
        if resolutions[slot] == .unknown { slotUnknownRows[slot] += 1 }
        out.rowsAccepted += 1
        if out.firstDate.map({ date.day < $0 }) ?? true { out.firstDate = date.day }
        if out.lastDate.map({ date.day > $0 }) ?? true { out.lastDate = date.day }
    }

    /// The date of a field, memoised on the previous field's bytes: exports are mostly in date order,
    /// so most rows repeat the row before's date text byte for byte (the parse is a function of the
    /// bytes and the source's format alone).
    @inline(__always) private mutating func parseDate(_ field: UnsafeBufferPointer<UInt8>) -> ParsedDate? {
        let n = field.count
        guard n <= 16, let base = field.baseAddress else { return dateFormat.parse(field) }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.baseAddress?.copyMemory(from: base, byteCount: n) }
        if n == lastDateLength && key == lastDateKey, let d = lastDate { return d }
        let d = dateFormat.parse(field)
        lastDateKey = key; lastDateLength = n; lastDate = d
        return d
    }

    /// The row's raw product-line slot, interned without a String; nil when the row was rejected.
    private mutating func lineSlot(_ rec: CSVRecord) -> Int? {
        let slot: Int
        if let c = constantLine {
            slot = c.withUnsafeBufferPointer { values.intern($0) }
        } else {
            let raw = ByteText.trimmed(rec.row.field(lineColumn))
            if raw.isEmpty { reject(rec, column: lineColumn + 1, reason: "product line is empty", value: ""); return nil }
            slot = cachedSlot(raw)
        }
        if slot == resolutions.count {
            addSlot(values.string(slot))
            invalidText.append(!isValidUTF8(values.bytes(slot)))
        }
        if invalidText[slot] {
            reject(rec, column: lineColumn + 1, reason: "product line is not valid UTF-8", value: values.string(slot)); return nil
        }
        if resolutions[slot] == .reject {
            reject(rec, column: lineColumn + 1, reason: "unknown product line", value: values.string(slot)); return nil
        }
        return slot
    }

    /// The slot of a raw line value through a small cache of recent values (up to 16 bytes, keyed
    /// by their bytes): an export names a handful of lines, so nearly every row hits, with two word
    /// compares instead of the interner's hash and probe (and, past 7 bytes, its byte compare).
    @inline(__always) private mutating func cachedSlot(_ raw: UnsafeBufferPointer<UInt8>) -> Int {
        let n = raw.count
        guard n <= 16, let base = raw.baseAddress else { return values.intern(raw) }
        var key: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &key) { $0.baseAddress?.copyMemory(from: base, byteCount: n) }
        let h = (key.0 ^ (key.1 &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0xFF51_AFD7_ED55_8CCD
        let e = scratch.lineCache + Int(truncatingIfNeeded: h >> 60)
        if e.pointee.length == n && e.pointee.key.0 == key.0 && e.pointee.key.1 == key.1 { return e.pointee.slot }
        let slot = values.intern(raw)
        e.pointee = LineCacheEntry(key: key, length: n, slot: slot)
        return slot
    }

    /// Resolves a new raw value to its line, opening the line's series on first sight.
    private mutating func addSlot(_ raw: String) {
        let resolution = importer.resolver.resolve(raw)
        resolutions.append(resolution)
        slotUnknownRows.append(0)
        let id: String
        switch resolution {
        case .line(let l): id = l
        case .unknown: id = LineResolver.other
        case .reject: lineOfSlot.append(-1); return
        }
        if let line = lineIndex[id] { lineOfSlot.append(line); return }
        lineOfSlot.append(openLine(id))
    }

    /// Opens a line's series; its index.
    private mutating func openLine(_ id: String) -> Int {
        let line = lineIDs.count
        lineIndex[id] = line
        lineIDs.append(id)
        series += bound.map { DailySeries(agg: $0.agg) } + [DailySeries(agg: .count)]
        return line
    }

    /// Evaluates every measure's `where` and value first, so a rejected row adds nothing anywhere.
    /// False when the row was rejected.
    private mutating func evaluateMeasures(_ rec: CSVRecord) -> Bool {
        let row = rec.row
        // Through the plan's unmanaged references: reading `filters` or `bound` here would retain
        // and release their arrays and boxes on every row (≈ 10 % of the ingest's CPU).
        let plan = self.plan
        scratch.numbers.pointee.nextRow()
        for f in 0..<plan.filters.count {
            scratch.filterResults[f] = plan.filters[f]._withUnsafeGuaranteedRef { $0.predicate.evaluate(row) }
        }
        for k in 0..<plan.steps.count {
            let step = plan.steps[k]
            let selected = step.filter < 0 || scratch.filterResults[step.filter]
            scratch.selected[k] = selected
            guard selected else { continue }
            if let v = step.value {
                switch v._withUnsafeGuaranteedRef({ $0.value.evaluate(row, memo: scratch.numbers) }) {
                case .null:
                    scratch.values[k] = nil
                    // A `count` with a value counts non-null values only (SPEC 4.2, 6.1).
                    if step.isCount { scratch.selected[k] = false }
                case .value(let f): scratch.values[k] = f
                case .invalid(let column):
                    reject(rec, column: column + 1, reason: "not a number (needed by KPI '\(bound[k].kpi)')",
                           value: String(decoding: row.field(column), as: UTF8.self))
                    return false
                }
            } else if step.distinctColumn >= 0 {
                // Empty is no value (key 0); the row adds nothing to the count.
                let t = ByteText.trimmed(row.field(step.distinctColumn))
                if t.isEmpty {
                    scratch.distinctKey[k] = 0
                } else if let key = DistinctKey.short(t) {
                    scratch.distinctKey[k] = key
                } else {
                    scratch.distinctKey[k] = DistinctKey.long(part: part, id: longDistinct.intern(t))
                }
            }
        }
        return true
    }

    /// Adds the pass over the next part of the file (`SourceImporter.runInParts`): its lines come
    /// after this pass's `lineOffset` lines.
    mutating func absorb(_ other: inout IngestPass, lineOffset: Int) {
        out.rowsRead += other.out.rowsRead
        out.rowsAccepted += other.out.rowsAccepted
        out.rowsRejected += other.out.rowsRejected
        out.rowsAfterAsOf += other.out.rowsAfterAsOf
        out.rowsBlank += other.out.rowsBlank
        if let d = other.out.firstDate, out.firstDate.map({ d < $0 }) ?? true { out.firstDate = d }
        if let d = other.out.lastDate, out.lastDate.map({ d > $0 }) ?? true { out.lastDate = d }
        out.rejects += other.out.rejects.map { var r = $0; r.line += lineOffset; return r }
        // Keys merge as they are: a long value's key names its part, whose values come along.
        if other.longDistinct.count > 0 { longDistinctByPart[other.part] = other.longDistinct }
        for (p, values) in other.longDistinctByPart { longDistinctByPart[p] = values }
        let n = bound.count + 1
        for (l, id) in other.lineIDs.enumerated() {
            let mine = lineIndex[id] ?? openLine(id)
            for k in 0..<n {
                let piece = other.series[l * n + k]
                other.series[l * n + k] = DailySeries(agg: piece.agg)
                series[mine * n + k].merge(piece)
            }
        }
        for slot in 0..<other.resolutions.count where other.resolutions[slot] == .unknown {
            out.unknownValues[other.values.string(slot), default: 0] += other.slotUnknownRows[slot]
        }
    }

    /// One id space for the source's distinct values across every line (a group or the total ORs
    /// its lines' ids): the keys of every line and day resolved at once (`DistinctIDs`).
    private mutating func resolveDistinctKeys() {
        let n = bound.count + 1
        let measures = (0..<bound.count).filter { bound[$0].distinctColumn >= 0 }
        guard !measures.isEmpty else { return }
        var places: [(series: Int, day: Int)] = []
        var lists: [[UInt64]] = []
        for line in 0..<lineIDs.count {
            for k in measures {
                let s = line * n + k
                for day in series[s].prepareKeys() { places.append((s, day)); lists.append(series[s].keys[day]) }
            }
        }
        var parts = longDistinctByPart
        if longDistinct.count > 0 { parts[part] = longDistinct }
        let longIDs = parts.isEmpty ? nil : LongValueIDs((0...(parts.keys.max() ?? 0)).map { parts[$0] ?? ByteInterner() })
        DistinctIDs.resolve(&lists, longValues: longIDs) { i, ids in series[places[i].series].setIDs(Array(ids), at: places[i].day) }
    }

    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) {
        out.rowsRead += 1
        out.rowsRejected += 1
        out.rejects.append(RejectedRow(line: line, column: column, columnName: "", reason: "malformed CSV record (stray or unbalanced quote)",
                                       value: "", raw: Array(raw)))
    }

    /// Hands the lines' series on, with their prefix sums built and their distinct keys made ids.
    mutating func finish() -> SourceIngest {
        scratch.free()
        plan.free()
        for slot in 0..<resolutions.count where resolutions[slot] == .unknown {
            out.unknownValues[values.string(slot), default: 0] += slotUnknownRows[slot]
        }
        let n = bound.count + 1
        resolveDistinctKeys()
        for (line, id) in lineIDs.enumerated() {
            var list: [DailySeries] = []
            for k in 0..<n {
                // Moved out, so the pass holds no second reference to the day arrays.
                var one = series[line * n + k]
                series[line * n + k] = DailySeries(agg: one.agg)
                one.finish()
                list.append(one)
            }
            out.series[id] = list
        }
        return out
    }
}

final class ValueBox {
    let value: CompiledValue
    init(_ value: CompiledValue) { self.value = value }
}

final class PredicateBox {
    let predicate: CompiledPredicate
    init(_ predicate: CompiledPredicate) { self.predicate = predicate }
}

/// One measure's per-row step: plain values and an unowned reference (`IngestPass.bound` owns it).
struct MeasureStep {
    let filter: Int
    /// A `count` with a value: rows whose value is null are not counted.
    let isCount: Bool
    let value: Unmanaged<ValueBox>?
    let distinctColumn: Int
}

/// The pass's filters and measures in plain memory, so the per-row loop touches no reference count.
/// It does not own the boxes: the pass's `filters` and `bound` arrays keep them alive.
struct MeasurePlan {
    private(set) var filters: UnsafeMutableBufferPointer<Unmanaged<PredicateBox>>
    private(set) var steps: UnsafeMutableBufferPointer<MeasureStep>

    init(filters: [PredicateBox], bound: [BoundMeasure]) {
        self.filters = .allocate(capacity: filters.count)
        _ = self.filters.initialize(from: filters.map { Unmanaged.passUnretained($0) })
        steps = .allocate(capacity: bound.count)
        _ = steps.initialize(from: bound.map {
            MeasureStep(filter: $0.filter, isCount: $0.agg == .count, value: $0.value.map { Unmanaged.passUnretained($0) },
                        distinctColumn: $0.distinctColumn)
        })
    }

    /// Idempotent: the buffers become empty.
    mutating func free() {
        filters.deallocate(); steps.deallocate()
        self = MeasurePlan(filters: [], bound: [])
    }
}

/// One row's measure results: plain memory, so writing them costs no copy-on-write check per row.
struct RowScratch {
    let filterResults: UnsafeMutableBufferPointer<Bool>
    let selected: UnsafeMutableBufferPointer<Bool>
    let values: UnsafeMutableBufferPointer<Fixed?>
    /// A count_distinct's value as its key (`DistinctKey`); 0 for an empty value.
    let distinctKey: UnsafeMutableBufferPointer<UInt64>
    /// The row's parsed numbers, shared by its KPIs' values (a column two use is parsed once).
    let numbers: UnsafeMutablePointer<RowNumbers>
    /// Recent raw line values and their slots (`IngestPass.cachedSlot`), 16 entries.
    let lineCache: UnsafeMutablePointer<LineCacheEntry>

    init(filters: Int, measures: Int, columns: Int = 0) {
        filterResults = .allocate(capacity: filters); filterResults.initialize(repeating: false)
        selected = .allocate(capacity: measures); selected.initialize(repeating: false)
        values = .allocate(capacity: measures); values.initialize(repeating: nil)
        distinctKey = .allocate(capacity: measures); distinctKey.initialize(repeating: 0)
        numbers = .allocate(capacity: 1); numbers.initialize(to: RowNumbers(columns: columns))
        lineCache = .allocate(capacity: 16); lineCache.initialize(repeating: LineCacheEntry(key: (0, 0), length: -1, slot: 0), count: 16)
    }

    /// Idempotent: the buffers become empty.
    mutating func free() {
        filterResults.deallocate(); selected.deallocate(); values.deallocate(); distinctKey.deallocate()
        numbers.pointee.free(); numbers.deallocate(); lineCache.deallocate()
        self = RowScratch(filters: 0, measures: 0)
    }
}

/// A raw line value (up to 16 bytes, zero-padded) and its slot.
struct LineCacheEntry {
    var key: (UInt64, UInt64)
    var length: Int
    var slot: Int
}

/// Checked once per distinct value, never per row.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    var it = bytes.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&it) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
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
