/// Valid, unique Excel sheet names: at most 31 characters, none of `[]:*?/\`, no leading or trailing
/// apostrophe, unique ignoring case (as Excel compares them), and never Excel's reserved `History`.
struct SheetNames {
    static let maxLength = 31
    private var used: Set<String> = ["history"]

    /// Reserves `name` made valid; a clash gets ` (2)`, ` (3)`… within the 31 characters.
    mutating func claim(_ name: String) -> String {
        let base = SheetNames.sanitize(name)
        var candidate = base
        var n = 2
        while used.contains(candidate.lowercased()) {
            let suffix = " (\(n))"
            candidate = SheetNames.truncate(base, to: SheetNames.maxLength - suffix.count) + suffix
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    static func sanitize(_ name: String) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var clean = String(name.map { forbidden.contains($0) ? "-" : $0 })
            .filter { !$0.isNewline }
            .trimmingSpacesAndApostrophes()
        if clean.isEmpty { clean = "Sheet" }
        return truncate(clean, to: maxLength).trimmingSpacesAndApostrophes()
    }

    /// Cuts at a character boundary so that the UTF-16 length (what Excel counts) fits.
    static func truncate(_ s: String, to limit: Int) -> String {
        var out = ""
        var units = 0
        for ch in s {
            let w = ch.utf16.count
            if units + w > limit { break }
            out.append(ch)
            units += w
        }
        return out
    }
}

private extension String {
    func trimmingSpacesAndApostrophes() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "'" { s.removeFirst() }
        while let l = s.last, l == " " || l == "'" { s.removeLast() }
        return String(s)
    }
}
