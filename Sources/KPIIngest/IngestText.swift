import KPIFields

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

/// The header's column names for an error message, or only their count when the first line names
/// none of the columns asked for: then it is probably not a header at all (a source pointed at the
/// wrong file, perhaps one of secrets), and its text must not be echoed to a terminal or a cron mail.
func headerForMessage(_ row: RawRow, looksLikeHeader: Bool) -> String {
    guard looksLikeHeader else {
        return "its first line has \(row.count) field(s), none of them a column the config names; is it the right file?"
    }
    let names = (0..<min(row.count, 40)).map { shortened(String(decoding: row.field($0), as: UTF8.self), limit: 40) }
    return "columns found: " + names.joined(separator: ", ") + (row.count > 40 ? ", … (\(row.count) in all)" : "")
}
