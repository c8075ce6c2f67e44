import Foundation

/// The head (and a little of the tail) of a user's export, enough to propose a source for it.
/// Read with Foundation: `init` is not the hot path.
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

enum CSVSampleReader {
    static let headRows = 200
    static let headBytes = 1 << 20
    static let tailBytes = 64 << 10
    static let delimiters: [Character] = [",", ";", "\t", "|"]

    static func read(path: String) throws(CSVSampleError) -> CSVSample {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CSVSampleError(path: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "file not found")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: headBytes)) ?? Data()
        let size = (try? handle.seekToEnd()) ?? UInt64(head.count)
        let complete = UInt64(head.count) >= size
        var tail = Data()
        if !complete {
            try? handle.seek(toOffset: size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0)
            tail = (try? handle.readToEnd()) ?? Data()
        }
        var text = String(decoding: head, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if !complete, let cut = text.lastIndex(where: { $0 == "\n" || $0 == "\r\n" }) { text = String(text[..<cut]) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw CSVSampleError(path: path, message: "the file is empty: it needs a header row")
        }
        let delimiter = detectDelimiter(text)
        let records = parse(text, delimiter: delimiter, limit: headRows + 1)
        guard let first = records.first else {
            throw CSVSampleError(path: path, message: "no header row could be read")
        }
        let header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        let rows = records.dropFirst().filter { $0.count == header.count && !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
        var tailRows: [[String]] = []
        if !complete {
            let tailText = String(decoding: tail, as: UTF8.self)
            if let firstBreak = tailText.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
                tailRows = parse(String(tailText[tailText.index(after: firstBreak)...]), delimiter: delimiter, limit: Int.max)
                    .filter { $0.count == header.count }
            }
        }
        return CSVSample(path: path, delimiter: delimiter, header: header, rows: rows, tailRows: tailRows, complete: complete)
    }

    /// The candidate that splits the first lines into the same number (> 1) of fields most often,
    /// preferring more fields; a one-column file is comma-delimited.
    static func detectDelimiter(_ text: String) -> Character {
        var best: (delimiter: Character, score: Int) = (",", 0)
        for d in delimiters {
            let records = parse(text, delimiter: d, limit: 20)
            guard let width = records.first?.count, width > 1 else { continue }
            let consistent = records.filter { $0.count == width }.count
            guard consistent * 5 >= records.count * 4 else { continue }
            if width > best.score { best = (d, width) }
        }
        return best.delimiter
    }

    /// RFC 4180 records: quoted fields, doubled quotes, delimiters and line breaks inside quotes.
    static func parse(_ text: String, delimiter: Character, limit: Int) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var chars = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let p = pending { pending = nil; return p }
            return chars.next()
        }
        func endRecord() {
            record.append(field)
            if !(record.count == 1 && record[0].isEmpty && !fieldWasQuoted) { records.append(record) }
            record = []; field = ""; fieldWasQuoted = false
        }
        while records.count < limit, let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && field.isEmpty && !fieldWasQuoted {
                inQuotes = true; fieldWasQuoted = true
            } else if c == delimiter {
                record.append(field); field = ""; fieldWasQuoted = false
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                endRecord()
            } else {
                field.append(c)
            }
        }
        if records.count < limit && (!field.isEmpty || !record.isEmpty) { endRecord() }
        return records
    }
}
