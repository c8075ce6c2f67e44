extension String {
    /// Trims spaces, tabs and no-break spaces at both ends (not Foundation's whitespace set: the
    /// config, the ingest and `init` keep this light and the same everywhere).
    public var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{00A0}" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
