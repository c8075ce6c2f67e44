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
