import KPIFields

/// The files a run reads beside its sources — targets, fx rates, annotations — read one way
/// (SPEC 4.5, 6.7, 13): comma-separated, a header naming the required columns in any order and
/// case (the first of a repeated name counts), every problem a configuration error (exit 2) at
/// file:line:column, all of them collected, and the file's SHA-256 and size kept for the manifest.
final class SideFile {
    let path: String
    /// Names the file in messages: "targets file".
    let kind: String
    let required: [String]
    private(set) var columns: [String: Int] = [:]
    private(set) var headerCount = 0
    private(set) var errors: [InputError] = []

    init(path: String, kind: String, required: [String]) {
        self.path = path; self.kind = kind; self.required = required
    }

    /// A problem at a record's line and column (1-based), with the value quoted and an optional hint.
    func fail(_ line: Int, _ column: Int, _ message: String, _ value: String?, hint: String? = nil) {
        var e = InputError(path: path, line: line, column: column, message: message, value: value, isConfigLevel: true)
        e.hint = hint
        errors.append(e)
    }

    /// A required column's trimmed text in `row` and its 1-based column number ("" past the row's end).
    func text(_ row: RawRow, _ column: String) -> (String, Int) {
        let i = columns[column] ?? 0
        return (i < row.count ? String(decoding: row.field(i), as: UTF8.self).trimmingSpaces : "", i + 1)
    }

    /// Reads the whole file, handing each record to `record`; returns its digest and size, or
    /// throws every error found (a file-level one, such as a missing file, alone).
    func read(_ record: (CSVRecord) -> Void) throws(InputErrors) -> (sha256: String, bytes: Int) {
        let reader = CSVReader(path: path, delimiter: UInt8(ascii: ","))
        func header(_ row: RawRow) throws(InputError) {
            headerCount = row.count
            for i in 0..<row.count {
                let name = String(decoding: row.field(i), as: UTF8.self).trimmingSpaces.lowercased()
                if columns[name] == nil { columns[name] = i }
            }
            let missing = required.filter { columns[$0] == nil }
            if !missing.isEmpty {
                throw InputError(path: path, line: 1, column: 1, message: "\(kind) lacks column(s) \(missing.joined(separator: ", "))",
                                 value: headerForMessage(row, looksLikeHeader: missing.count < required.count), isConfigLevel: true)
            }
        }
        func malformed(_ line: Int, _ column: Int, _ raw: UnsafeBufferPointer<UInt8>) {
            fail(line, column, "malformed CSV record", String(decoding: raw, as: UTF8.self))
        }
        do { try reader.read(header: header, record: record, malformed: malformed) } catch {
            var e = error; e.isConfigLevel = true
            throw InputErrors(errors: [e])
        }
        if !errors.isEmpty { throw InputErrors(errors: errors) }
        var sha = reader.sha256
        return (SHA256.hex(sha.finalize()), reader.bytesRead)
    }
}
