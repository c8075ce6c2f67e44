import CByteScan
import CCsv
import Dispatch
import Foundation
import KPIConcurrency
import KPIFields
#if canImport(Glibc)
import Glibc
#endif

/// An input problem that stops the run (exit 1): a missing or unreadable file, no header, a quote
/// left open at the end of a file.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public var value: String?
    /// A missing required column is a configuration error (exit 2), not a data error.
    public var isConfigLevel: Bool
    public var hint: String?
    public init(path: String, line: Int = 0, column: Int = 0, message: String, value: String? = nil, isConfigLevel: Bool = false) {
        self.path = path; self.line = line; self.column = column; self.message = message; self.value = value
        self.isConfigLevel = isConfigLevel
    }
    public var description: String {
        var s = path
        if line > 0 { s += ":\(line)" + (column > 0 ? ":\(column)" : "") }
        s += ": " + message
        // Calendar messages may already end with the value: say it once.
        if let value, !message.hasSuffix("(\(value))") { s += " (\(value))" }
        if let hint { s += "\nhint: \(hint)" }
        return s
    }
}

/// Field bytes collected by libcsv's callbacks: plain memory, no ARC, so the callbacks stay C-cheap.
struct FieldCollector {
    var arena: UnsafeMutablePointer<UInt8>
    var arenaCapacity: Int
    var arenaCount = 0
    var spans: UnsafeMutablePointer<FieldSpan>
    var spanCapacity: Int
    var spanCount = 0
    /// Field counts at which records ended (a physical line ends at most a few records).
    var recordEnds: UnsafeMutablePointer<Int>
    var recordEndCapacity: Int
    var recordEndCount = 0

    init() {
        arenaCapacity = 1 << 16
        arena = .allocate(capacity: arenaCapacity)
        spanCapacity = 256
        spans = .allocate(capacity: spanCapacity)
        recordEndCapacity = 16
        recordEnds = .allocate(capacity: recordEndCapacity)
    }

    func free() { arena.deallocate(); spans.deallocate(); recordEnds.deallocate() }

    mutating func append(_ src: UnsafeRawPointer?, _ len: Int) {
        if arenaCount + len > arenaCapacity {
            var cap = arenaCapacity * 2
            while cap < arenaCount + len { cap *= 2 }
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: cap)
            fresh.update(from: arena, count: arenaCount)
            arena.deallocate(); arena = fresh; arenaCapacity = cap
        }
        if spanCount == spanCapacity {
            let fresh = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
            fresh.update(from: spans, count: spanCount)
            spans.deallocate(); spans = fresh; spanCapacity *= 2
        }
        if len > 0, let src { (arena + arenaCount).update(from: src.assumingMemoryBound(to: UInt8.self), count: len) }
        spans[spanCount] = FieldSpan(start: Int32(arenaCount), length: Int32(len))
        spanCount += 1
        arenaCount += len
    }

    mutating func endRecord() {
        if recordEndCount == recordEndCapacity {
            let fresh = UnsafeMutablePointer<Int>.allocate(capacity: recordEndCapacity * 2)
            fresh.update(from: recordEnds, count: recordEndCount)
            recordEnds.deallocate(); recordEnds = fresh; recordEndCapacity *= 2
        }
        recordEnds[recordEndCount] = spanCount
        recordEndCount += 1
    }

    mutating func reset() { arenaCount = 0; spanCount = 0; recordEndCount = 0 }

    /// Splits one physical line holding neither a quote nor a carriage return exactly as libcsv
    /// does (CSV_STRICT): fields at every delimiter, spaces and tabs trimmed at both ends of each
    /// field, and no record at all for a line of only spaces and tabs. The spans point into the
    /// line itself, so nothing is copied. False, with nothing recorded, when the line holds a quote
    /// or a carriage return: those lines go to libcsv. Sixteen bytes at a time (`kpi_split_plain`:
    /// SSE2 compares and a bit mask of the delimiters, one step per field instead of per byte).
    /// The 16 bytes after the line must be readable (`CSVReader.padding`).
    mutating func splitPlain(_ p: UnsafePointer<UInt8>, _ n: Int, delimiter: UInt8) -> Bool {
        while true {
            let got = spans.withMemoryRebound(to: Int32.self, capacity: spanCapacity * 2) {
                kpi_split_plain(p, n, delimiter, $0, spanCapacity, 1)
            }
            if got >= 0 { spanCount = got; return true }
            spanCount = 0
            if got == -1 { return false }
            let fresh = UnsafeMutablePointer<FieldSpan>.allocate(capacity: spanCapacity * 2)
            spans.deallocate(); spans = fresh; spanCapacity *= 2
        }
    }

}

private let fieldCallback: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = { s, len, data in
    data?.assumingMemoryBound(to: FieldCollector.self).pointee.append(UnsafeRawPointer(s), len)
}
private let recordCallback: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, data in
    data?.assumingMemoryBound(to: FieldCollector.self).pointee.endRecord()
}

/// What the reader hands on for each record.
public struct CSVRecord {
    public var row: RawRow
    /// Physical line where the record starts (the header is line 1).
    public var line: Int
    /// The record's exact original text, without its line terminator.
    public var raw: UnsafeBufferPointer<UInt8>
}

/// Receives what `CSVReader` reads. A protocol rather than closures so that the importer's per-row
/// code is specialised and inlined into the read loop, and its state is a plain struct (no boxed
/// captures, no dynamic exclusivity checks per row).
public protocol CSVSink {
    mutating func header(_ row: RawRow) throws(InputError)
    mutating func record(_ rec: CSVRecord)
    /// A record libcsv refuses; parsing resumes at the next physical line.
    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>)
}

/// Streams a CSV file through libcsv (RFC 4180), one physical line at a time so that every record
/// knows the line it started on and its raw bytes — libcsv itself reports no offsets.
public final class CSVReader {
    public let path: String
    let delimiter: UInt8
    public private(set) var bytesRead = 0
    /// The running digest when hashing inline; read `sha256Hex` instead when `hashesInParallel`.
    var sha256 = SHA256()
    /// Hash files of at least `parallelHashBytes` on a thread of their own while they are parsed.
    public var hashesInParallel = false
    private var parallelDigest: ParallelDigest?
    static let parallelHashBytes = 4 << 20

    /// Lines without quotes or carriage returns (nearly all of a typical export) are split in
    /// Swift rather than fed to libcsv; the result is the same (checked by a differential test).
    /// Off for a space or tab delimiter, which libcsv would also treat as padding.
    var splitsPlainLines = true
    /// A byte range of the file to read instead of all of it (see `SourceImporter.runInParts`). A range that
    /// starts past 0 must start on a line; its records are all data (the header was read apart)
    /// and their line numbers count from the range's start.
    public var startOffset = 0
    public var endOffset = Int.max
    /// Bytes kept readable past the data in the read buffer, so every line split by
    /// `FieldCollector.splitPlain` has 16 readable bytes after it.
    static let padding = 16
    /// The longest record read (SPEC 4.1 sets no limit; docs/config.md states this one): memory
    /// stays a small multiple of it, whatever the file.
    public static let maxRecordBytes = 16 << 20

    /// Stop as soon as the header has been handed on.
    var stopsAfterHeader = false
    /// Physical lines read (the last line number handed out).
    public private(set) var linesRead = 0
    /// True when the read ended between records: no quoted field or record was left open, so the
    /// next byte would start a record. A range that ends so was cut at a record boundary.
    private(set) var endedBetweenRecords = false

    /// The bytes read instead of a file (`init(bytes:)`), nil for a file.
    private let memory: [UInt8]?

    /// The file, opened once, that every read takes its bytes from (nil: opened by `read`).
    public private(set) var file: InputFile?

    public init(path: String, delimiter: UInt8) {
        self.path = path; self.delimiter = delimiter; memory = nil
        if delimiter == 32 || delimiter == 9 || delimiter == 34 || delimiter == 13 || delimiter == 10 { splitsPlainLines = false }
    }

    /// Reads `file` (already open: the parts of a split read and the digest share it).
    public init(file: InputFile, delimiter: UInt8) {
        self.path = file.path; self.delimiter = delimiter; memory = nil; self.file = file
        if delimiter == 32 || delimiter == 9 || delimiter == 34 || delimiter == 13 || delimiter == 10 { splitsPlainLines = false }
    }

    /// Reads `bytes` as if they were a file named `name`, in the same dialect (a sample already in
    /// memory: `kpireview init` reads the head and tail of an export with the run's own reader).
    public init(bytes: [UInt8], name: String, delimiter: UInt8) {
        self.path = name; self.delimiter = delimiter; memory = bytes
        if delimiter == 32 || delimiter == 9 || delimiter == 34 || delimiter == 13 || delimiter == 10 { splitsPlainLines = false }
    }

    /// Lower-case hex SHA-256 of the file's bytes; valid after `read`.
    public var sha256Hex: String {
        if let parallelDigest { return parallelDigest.wait() }
        var copy = sha256
        return SHA256.hex(copy.finalize())
    }

    /// Calls `header` once, then `record` for each record and `malformed` for each record libcsv
    /// refuses (parsing resumes at the next physical line).
    public func read(header: (RawRow) throws(InputError) -> Void,
                     record: (CSVRecord) -> Void,
                     malformed: (_ line: Int, _ column: Int, _ raw: UnsafeBufferPointer<UInt8>) -> Void) throws(InputError) {
        try withoutActuallyEscaping(header) { h throws(InputError) in
            try withoutActuallyEscaping(record) { r throws(InputError) in
                try withoutActuallyEscaping(malformed) { m throws(InputError) in
                    var sink = ClosureSink(onHeader: h, onRecord: r, onMalformed: m)
                    try read(into: &sink)
                }
            }
        }
    }

    /// Reads the whole file into `sink`: its header, then every record.
    public func read<Sink: CSVSink>(into sink: inout Sink) throws(InputError) {
        var input: InputFile?
        if memory == nil {
            let opened: InputFile
            if let file { opened = file } else { opened = try InputFile(path: path) }
            file = opened
            input = opened
        }
        if let input, hashesInParallel, startOffset == 0, endOffset == Int.max, input.size >= CSVReader.parallelHashBytes {
            parallelDigest = ParallelDigest(file: input)
        }
        // A part of a file or a header peek is not the file: whoever reads in parts hashes the whole.
        let hashInline = parallelDigest == nil && startOffset == 0 && endOffset == Int.max && !stopsAfterHeader

        var parser = csv_parser()
        let options = UInt8(CSV_STRICT | CSV_STRICT_FINI)
        guard csv_init(&parser, options) == 0 else { throw InputError(path: path, message: "cannot initialise the CSV parser") }
        csv_set_delim(&parser, delimiter)
        defer { csv_free(&parser) }

        var collector = FieldCollector()
        defer { collector.free() }
        let splitsPlain = splitsPlainLines

        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var filled = 0            // bytes in buffer
        var lineNumber = 0        // physical line of the line being fed
        var recordStartLine = 0   // physical line where the current record began (0: none open)
        var pendingRaw: [UInt8] = []   // earlier lines of a record spanning several lines
        var sawHeader = startOffset > 0
        var firstChunk = startOffset == 0
        var stopped = false
        // Where the next byte is read from, in the file or in `memory`.
        var readAt = startOffset
        var left = endOffset == Int.max ? Int.max : endOffset - startOffset
        var eof = false
        var readError: InputError?

        /// Feeds one physical line (with its terminator) to libcsv and hands on completed records.
        func feed(_ line: UnsafeBufferPointer<UInt8>, hasTerminator: Bool) throws(InputError) {
            if splitsPlain && recordStartLine == 0, let base = line.baseAddress, !parserHasOpenField(&parser) {
                var n = line.count
                if hasTerminator {
                    n -= 1
                    if n > 0 && base[n - 1] == 13 { n -= 1 }
                }
                if collector.splitPlain(base, n, delimiter: delimiter) {
                    lineNumber += 1
                    let count = collector.spanCount
                    collector.spanCount = 0
                    guard count > 0 else { return }
                    let row = RawRow(bytes: base, spans: collector.spans, count: count)
                    if !sawHeader {
                        sawHeader = true
                        try sink.header(row)
                        stopped = stopsAfterHeader
                    } else {
                        sink.record(CSVRecord(row: row, line: lineNumber, raw: UnsafeBufferPointer(start: base, count: n)))
                    }
                    return
                }
            }
            lineNumber += 1
            if recordStartLine == 0 { recordStartLine = lineNumber }
            let consumed = withUnsafeMutablePointer(to: &collector) { c in
                csv_parse(&parser, line.baseAddress, line.count, fieldCallback, recordCallback, c)
            }
            var content = line
            if hasTerminator {
                var n = content.count
                if n > 0 && content[n - 1] == 10 { n -= 1 }
                if n > 0 && content[n - 1] == 13 { n -= 1 }
                content = UnsafeBufferPointer(rebasing: line[0..<n])
            }
            if consumed != line.count {
                // Malformed record: reject it whole and start afresh on the next line.
                let column = collector.spanCount - (collector.recordEndCount > 0 ? collector.recordEnds[collector.recordEndCount - 1] : 0) + 1
                pendingRaw.append(contentsOf: content)
                let start = recordStartLine
                pendingRaw.withUnsafeBufferPointer { sink.malformed(line: start, column: column, raw: $0) }
                pendingRaw.removeAll(keepingCapacity: true)
                csv_free(&parser)
                _ = csv_init(&parser, options)
                csv_set_delim(&parser, delimiter)
                collector.reset()
                recordStartLine = 0
                return
            }
            guard collector.recordEndCount > 0 else {
                // The record continues on the next line (a newline inside quotes), or the line was empty.
                if collector.spanCount > 0 || parserHasOpenField(&parser) {
                    // The terminator as written (CRLF or LF): `raw` must be the exact original text.
                    pendingRaw.append(contentsOf: line)
                    if pendingRaw.count > CSVReader.maxRecordBytes {
                        throw InputError(path: path, line: recordStartLine,
                                         message: "a record longer than \(CSVReader.maxRecordBytes >> 20) MiB; is a quote left open?")
                    }
                } else {
                    recordStartLine = 0
                }
                return
            }
            var fieldStart = 0
            for r in 0..<collector.recordEndCount {
                let end = collector.recordEnds[r]
                let row = RawRow(bytes: collector.arena, spans: collector.spans + fieldStart, count: end - fieldStart)
                if !sawHeader {
                    sawHeader = true
                    try sink.header(row)
                    stopped = stopsAfterHeader
                } else if pendingRaw.isEmpty {
                    sink.record(CSVRecord(row: row, line: recordStartLine, raw: content))
                } else {
                    pendingRaw.append(contentsOf: content)
                    let start = recordStartLine
                    pendingRaw.withUnsafeBufferPointer { sink.record(CSVRecord(row: row, line: start, raw: $0)) }
                }
                fieldStart = end
            }
            pendingRaw.removeAll(keepingCapacity: true)
            collector.reset()
            recordStartLine = 0
        }

        while !eof && !stopped {
            // The last `padding` bytes are never filled: a line's last block may be read whole.
            if filled == buffer.count - CSVReader.padding {
                buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count))
            }
            var failure: InputError?
            let n = buffer.withUnsafeMutableBytes { (b: UnsafeMutableRawBufferPointer) -> Int in
                guard let base = b.baseAddress, left > 0 else { return 0 }
                // Invariant: `filled + padding <= b.count`, so `want` bytes fit after `filled`.
                let want = min(b.count - CSVReader.padding - filled, left)
                if let input {
                    do throws(InputError) { return try input.read(into: base + filled, count: want, at: readAt) } catch {
                        failure = error
                        return 0
                    }
                }
                guard let memory else { return 0 }
                let got = max(0, min(want, memory.count - readAt))
                memory.withUnsafeBytes { m in
                    if got > 0, let src = m.baseAddress { (base + filled).copyMemory(from: src + readAt, byteCount: got) }
                }
                return got
            }
            if let failure { readError = failure; break }
            readAt += n
            if n > 0 && left != Int.max { left -= n }
            if n == 0 { eof = true }
            var start = 0
            if n > 0 {
                if hashInline { buffer.withUnsafeBytes { sha256.update(UnsafeRawBufferPointer(rebasing: $0[filled..<(filled + n)])) } }
                bytesRead += n
                filled += n
                if firstChunk && filled >= 2 && isUTF16ByteOrderMark(buffer[0], buffer[1]) {
                    // Excel's "Unicode text": every other byte is NUL, so the header would look missing.
                    readError = InputError(path: path, message: "is UTF-16 encoded; save it as UTF-8 (in Excel: CSV UTF-8)")
                    break
                }
                if firstChunk && filled >= 3 {
                    firstChunk = false
                    if buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
                }
                if firstChunk && !eof { continue }
            }
            try buffer.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(InputError) in
                guard let base = all.baseAddress else { return }
                var pos = start
                while pos < filled && !stopped {
                    guard let nl = memchr(base + pos, 10, filled - pos) else { break }
                    let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                    try feed(UnsafeBufferPointer(rebasing: all[pos..<end]), hasTerminator: true)
                    pos = end
                }
                // What is left is one line without its end yet. Bounded, so a file with no
                // newline (a binary, a one-line dump) cannot take all memory.
                if filled - pos > CSVReader.maxRecordBytes {
                    throw InputError(path: path, line: (recordStartLine > 0 ? recordStartLine : lineNumber + 1),
                                     message: "a line longer than \(CSVReader.maxRecordBytes >> 20) MiB; is this a CSV export?")
                }
                if eof && pos < filled && !stopped {
                    try feed(UnsafeBufferPointer(rebasing: all[pos..<filled]), hasTerminator: false)
                    pos = filled
                }
                start = pos
            }
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    let rest = filled - start
                    if rest > 0, let base = b.baseAddress { memmove(base, base + start, rest) }
                }
                filled -= start
            }
        }
        if let readError { throw readError }
        linesRead = lineNumber
        if stopped { return }
        endedBetweenRecords = recordStartLine == 0 && pendingRaw.isEmpty && !parserHasOpenField(&parser)

        let finished = withUnsafeMutablePointer(to: &collector) { c in
            csv_fini(&parser, fieldCallback, recordCallback, c)
        }
        if finished != 0 {
            throw InputError(path: path, line: recordStartLine, column: 0,
                             message: "a quoted field opened on this line is never closed; it would swallow the rest of the file")
        }
        if collector.recordEndCount > 0 {
            // The last record had no line terminator and was completed by csv_fini.
            // Its text is in `pendingRaw`: a data row here must be handed on like any other.
            let row = RawRow(bytes: collector.arena, spans: collector.spans, count: collector.recordEnds[0])
            if !sawHeader {
                sawHeader = true
                try sink.header(row)
            } else {
                let start = recordStartLine
                pendingRaw.withUnsafeBufferPointer { sink.record(CSVRecord(row: row, line: start, raw: $0)) }
            }
        }
        if !sawHeader { throw InputError(path: path, message: "has no header row") }
    }
}

private func isUTF16ByteOrderMark(_ a: UInt8, _ b: UInt8) -> Bool {
    (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF)
}

/// True when libcsv holds a started but unfinished field (e.g. inside quotes across a newline).
private func parserHasOpenField(_ p: inout csv_parser) -> Bool {
    p.pstate != 0 || p.entry_pos > 0 || p.quoted != 0
}

/// Adapts the closure form of `read` to a sink.
private struct ClosureSink: CSVSink {
    let onHeader: (RawRow) throws(InputError) -> Void
    let onRecord: (CSVRecord) -> Void
    let onMalformed: (Int, Int, UnsafeBufferPointer<UInt8>) -> Void
    mutating func header(_ row: RawRow) throws(InputError) { try onHeader(row) }
    mutating func record(_ rec: CSVRecord) { onRecord(rec) }
    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) { onMalformed(line, column, raw) }
}

/// SHA-256 of a file computed on a thread of its own (the page cache serves the second read), so a
/// large source's digest costs the parse no time when the other core is free.
final class ParallelDigest: Sendable {
    private let job: Background<String, Never>

    init(file: InputFile) { job = Background { file.sha256Hex() } }

    /// Blocks until the digest is ready, then returns it ("" when the file could not be read).
    func wait() -> String { job.wait() }
}
