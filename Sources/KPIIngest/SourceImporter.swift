import KPICalendar
import KPIConfig
import KPIExpr
import KPIConcurrency
import KPIFields
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Reads one source in one streaming pass (SPEC 4): blank rows, rows after as-of, rejects, partials.
public struct SourceImporter: Sendable {
    let source: SourceConfig
    let measures: [(kpi: String, measure: SourceMeasure)]
    let resolver: LineResolver
    let asOf: Day
    /// Keep every record as text too (`SourceIngest.rawRows`), as long as there are at most this
    /// many; nil: keep none.
    let rawRowLimit: Int?
    /// The rates a source with a `currency` converts its rows at (SPEC 13); nil: no conversion.
    let fx: FxTable?
    /// The measures (by KPI id) of `unit: currency` KPIs: their row values are converted.
    let currencyKPIs: Set<String>
    /// Rows dated before this day are counted (accepted, first date) but kept out of the daily
    /// series: no window of the run reaches back so far, and a typo such as year 0026 would
    /// otherwise make every series two thousand years long (found by the CSV fuzzer). nil: no bound.
    public var earliestDay: Day?

    /// How far before a run's earliest period its windows can reach: a quarterly review's 8 quarters
    /// of history and their year-ago points, 12 quarters of XmR baseline, last-year phasing of a
    /// yearly target — all within five years (with room to spare).
    public static let lookbackDays: Int32 = 5 * 366

    /// `earliestDay` for a run whose earliest period starts on `start`.
    public static func earliestDay(forPeriodsFrom start: Day) -> Day { Day(number: start.number - lookbackDays) }

    public init(source: SourceConfig, measures: [(kpi: String, measure: SourceMeasure)], resolver: LineResolver, asOf: Day,
                rawRowLimit: Int? = nil, fx: FxTable? = nil, currencyKPIs: Set<String> = []) {
        self.source = source; self.measures = measures; self.resolver = resolver; self.asOf = asOf
        self.rawRowLimit = rawRowLimit; self.fx = fx; self.currencyKPIs = currencyKPIs
    }

    /// The importer for `source`: its KPIs' measures, in config order, and the rates its rows
    /// convert at when it has a `currency`.
    public init(source: SourceConfig, config: Config, resolver: LineResolver, asOf: Day, rawRowLimit: Int? = nil, fx: FxTable? = nil) {
        self.init(source: source, measures: config.kpis.compactMap { k -> (kpi: String, measure: SourceMeasure)? in
            if case .source(let m) = k.kind, m.source == source.name { return (k.id, m) }
            return nil
        }, resolver: resolver, asOf: asOf, rawRowLimit: rawRowLimit, fx: source.currency == nil ? nil : fx,
           currencyKPIs: Set(config.kpis.filter { $0.unit == .currency }.map(\.id)))
    }

    /// The file is opened once, and every part and the digest read that descriptor up to the size
    /// seen then; a file written to meanwhile is an error (issue 15: rows and SHA-256 always
    /// describe the same bytes).
    public func run() throws(InputError) -> SourceIngest {
        let file = try InputFile(path: source.path)
        if let out = runInParts(file: file) {
            try file.checkUnchanged()
            return out
        }
        let reader = CSVReader(file: file, delimiter: source.delimiter)
        reader.hashesInParallel = true
        var pass = IngestPass(self, rawRows: rawRowLimit.map(RawRowBudget.init))
        // The pass owns raw buffers that only `finish` or `release` frees (found by the CSV fuzzer:
        // a file with no header leaked them).
        do throws(InputError) { try reader.read(into: &pass) } catch {
            pass.release()
            throw error
        }
        var out = pass.finish()
        out.sha256 = reader.sha256Hex
        out.bytes = reader.bytesRead
        try file.checkUnchanged()
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
    func runInParts(cuts requested: [Int]? = nil, file given: InputFile? = nil) -> SourceIngest? {
        guard let file = given ?? (try? InputFile(path: source.path)) else { return nil }
        let size = file.size
        guard requested != nil || size >= SourceImporter.splitBytes else { return nil }
        let count = min(SourceImporter.maxParts, max(2, size / SourceImporter.partBytes))
        var cuts: [Int] = []
        for offset in requested ?? (1..<count).map({ size / count * $0 }) {
            guard let cut = SourceImporter.lineStart(after: offset, in: file) else { break }
            if cut > (cuts.last ?? 0) { cuts.append(cut) }
        }
        guard !cuts.isEmpty else { return nil }

        // The header, read apart, binds the passes of the parts after the first.
        let peek = CSVReader(file: file, delimiter: source.delimiter)
        peek.stopsAfterHeader = true
        var header = HeaderCopy()
        do throws(InputError) { try peek.read(into: &header) } catch { return nil }
        guard header.fields != nil, peek.linesRead == 1 else { return nil }
        let starts = [0] + cuts, ends = cuts + [Int.max]
        // One budget for every part: the records kept count across the file.
        let budget = rawRowLimit.map(RawRowBudget.init)
        var passes = [IngestPass(self, rawRows: budget)]
        for k in 1..<starts.count {
            var pass = IngestPass(self, rawRows: budget)
            pass.part = k
            do throws(InputError) { try header.withRow { row throws(InputError) in try pass.header(row) } } catch {
                pass.release()
                for k in passes.indices { passes[k].release() }
                return nil
            }
            passes.append(pass)
        }
        let parts = PartResults(passes)
        passes = []

        let digest = ParallelDigest(file: file)
        let delimiter = source.delimiter
        let work = { @Sendable () -> Void in
            while let k = parts.take() {
                let reader = CSVReader(file: file, delimiter: delimiter)
                reader.startOffset = starts[k]
                reader.endOffset = ends[k]
                do throws(InputError) { try reader.read(into: &parts.passes[k]) } catch { parts.failed[k] = true }
                parts.lines[k] = reader.linesRead
                parts.endedBetweenRecords[k] = reader.endedBetweenRecords
            }
        }
        let cores = ThreadBudget.threads
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
    public static func lineStart(after offset: Int, in file: InputFile) -> Int? {
        let size = file.size
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var at = offset
        while at < size {
            let n = buffer.withUnsafeMutableBytes { b -> Int in
                guard let base = b.baseAddress else { return 0 }
                return (try? file.read(into: base, count: b.count, at: at)) ?? 0
            }
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
        for k in 0..<count { passes[k].scratch.free(); passes[k].plan.free(); passes[k].fxPlan.free() }
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

