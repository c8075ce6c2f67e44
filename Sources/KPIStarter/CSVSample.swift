import Foundation
import KPIFields
import KPIIngest

/// The head (and a little of the tail) of a user's export, enough to propose a source for it.
struct CSVSample {
    var path: String
    var delimiter: Character
    /// Trimmed header names, in file order.
    var header: [String]
    /// Up to `CSVSampleReader.headRows` records with the header's field count.
    var rows: [[String]]
    /// Records from the file's last bytes: where the latest date of a sorted export is.
    var tailRows: [[String]]
    /// Whether the head covers the whole file.
    var complete: Bool

    func values(ofColumn index: Int) -> [String] {
        rows.compactMap { index < $0.count ? $0[index] : nil }
    }

    func tailValues(ofColumn index: Int) -> [String] {
        tailRows.compactMap { index < $0.count ? $0[index] : nil }
    }
}

struct CSVSampleError: Error, CustomStringConvertible {
    var path: String
    var message: String
    var description: String { "\(path): \(message)" }
}

/// Reads a sample with the run's own CSV reader and dialect (`KPIIngest.CSVReader`: libcsv,
/// RFC 4180, spaces and tabs around unquoted fields trimmed), so `init` proposes a config from the
/// same fields the run will see. Only the sample's bytes are read: the head, and the tail of a file
/// longer than the head.
enum CSVSampleReader {
    static let headRows = 200
    static let headBytes = 1 << 20
    static let tailBytes = 64 << 10
    static let delimiters: [Character] = [",", ";", "\t", "|"]

    static func read(path: String) throws(CSVSampleError) -> CSVSample {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw CSVSampleError(path: path, message: "is a folder, not a CSV file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVSampleError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "file not found")
        }
        defer { try? handle.close() }
        var head = [UInt8]((try? handle.read(upToCount: headBytes)) ?? Data())
        let size = (try? handle.seekToEnd()) ?? UInt64(head.count)
        let complete = UInt64(head.count) >= size
        var tail: [UInt8] = []
        if !complete {
            try? handle.seek(toOffset: size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0)
            tail = [UInt8]((try? handle.readToEnd()) ?? Data())
            // The head ends at its last line break: a cut record is no sample.
            if let cut = head.lastIndex(where: { $0 == 10 || $0 == 13 }) { head.removeSubrange((cut + 1)...) }
        }
        guard head.contains(where: { !(" \t\r\n".utf8.contains($0)) }) else {
            throw CSVSampleError(path: path, message: "the file is empty: it needs a header row")
        }
        let delimiter = detectDelimiter(head)
        let read = records(head, name: path, delimiter: delimiter, limit: headRows + 1)
        if let message = read.error, read.records.isEmpty { throw CSVSampleError(path: path, message: message) }
        guard let first = read.records.first else {
            throw CSVSampleError(path: path, message: "no header row could be read")
        }
        let header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = read.records.dropFirst().filter { $0.count == header.count && !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        var tailRows: [[String]] = []
        if !complete, let firstBreak = tail.firstIndex(where: { $0 == 10 || $0 == 13 }) {
            // The tail's first line is cut: its records start after the first line break.
            tailRows = records(tail, name: path, delimiter: delimiter, limit: Int.max, from: firstBreak + 1).records
                .filter { $0.count == header.count }
        }
        return CSVSample(path: path, delimiter: delimiter, header: header, rows: Array(rows), tailRows: tailRows, complete: complete)
    }

    /// The candidate that splits the first lines into the same number (> 1) of fields most often,
    /// preferring more fields; a one-column file is comma-delimited.
    static func detectDelimiter(_ text: String) -> Character { detectDelimiter(Array(text.utf8)) }

    static func detectDelimiter(_ bytes: [UInt8]) -> Character {
        var best: (delimiter: Character, score: Int) = (",", 0)
        for d in delimiters {
            let records = records(bytes, name: "sample", delimiter: d, limit: 20).records
            guard let width = records.first?.count, width > 1 else { continue }
            let consistent = records.filter { $0.count == width }.count
            guard consistent * 5 >= records.count * 4 else { continue }
            if width > best.score { best = (d, width) }
        }
        return best.delimiter
    }

    /// Up to `limit` records of `bytes` (the header first, unless `from` starts past it: then every
    /// record is data), as the run's reader splits them; a record libcsv refuses is left out. A
    /// quote left open at the end of a sample (its head was cut) keeps the records before it.
    static func records(_ bytes: [UInt8], name: String, delimiter: Character, limit: Int, from start: Int = 0)
        -> (records: [[String]], error: String?) {
        let reader = CSVReader(bytes: bytes, name: name, delimiter: delimiter.asciiValue ?? UInt8(ascii: ","))
        reader.startOffset = start
        var sink = SampleSink(limit: limit)
        do throws(InputError) { try reader.read(into: &sink) } catch {
            return (sink.records, error.message == "has no header row" ? nil : error.message)
        }
        return (sink.records, nil)
    }
}

/// Keeps the first records as text.
private struct SampleSink: CSVSink {
    let limit: Int
    var records: [[String]] = []
    init(limit: Int) { self.limit = limit }

    static func texts(_ row: RawRow) -> [String] { (0..<row.count).map { String(decoding: row.field($0), as: UTF8.self) } }
    mutating func header(_ row: RawRow) throws(InputError) { if records.count < limit { records.append(SampleSink.texts(row)) } }
    mutating func record(_ rec: CSVRecord) { if records.count < limit { records.append(SampleSink.texts(rec.row)) } }
    mutating func malformed(line: Int, column: Int, raw: UnsafeBufferPointer<UInt8>) {}
}
