import KPIReport

/// Safe Markdown from user text (names, keys, warnings).
enum MarkdownText {
    /// Backslash-escapes what could turn user text into markup: emphasis, code, links, HTML,
    /// table pipes, strikethrough and entities; with `startsBlock` (a list item's text) also a
    /// leading `#`, `-`, `+`, `=` or `1.` that would open a heading or a list. Newlines become
    /// spaces so a name can never break a table row or a list item.
    static func escape(_ text: String, startsBlock: Bool = false) -> String {
        let chars = flattened(text)
        var out = ""
        for (i, c) in chars.enumerated() {
            if needsEscape(c, at: i, in: chars) || (startsBlock && isBlockMarker(c, at: i, in: chars)) {
                out.append("\\")
            }
            out.append(c)
        }
        return out
    }

    private static func flattened(_ text: String) -> [Character] {
        text.map { $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == "\t" ? " " : $0 }
    }

    private static func needsEscape(_ c: Character, at i: Int, in chars: [Character]) -> Bool {
        switch c {
        case "\\", "`", "*", "[", "]", "<", ">", "|", "~": return true
        case "_":
            // An underscore inside a word (`cloud_platform`) can never open or close emphasis.
            let before = i > 0 ? chars[i - 1] : " ", after = i + 1 < chars.count ? chars[i + 1] : " "
            return !(isWordCharacter(before) && isWordCharacter(after))
        case "&": return startsEntity(at: i, in: chars)
        default: return false
        }
    }

    private static func isBlockMarker(_ c: Character, at i: Int, in chars: [Character]) -> Bool {
        switch c {
        case "#", "+", "-", "=": return i == 0
        case ".", ")": return startsOrderedListMarker(at: i, in: chars)
        default: return false
        }
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// `&amp;` or `&#35;` would be decoded; a lone `&` (R&D) is shown as is.
    private static func startsEntity(at i: Int, in chars: [Character]) -> Bool {
        var j = i + 1
        while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "#" { j += 1 }
        return j > i + 1 && j < chars.count && chars[j] == ";"
    }

    /// `1. Cloud` at the very start would become an ordered list.
    private static func startsOrderedListMarker(at i: Int, in chars: [Character]) -> Bool {
        i > 0 && chars[0..<i].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A code span whose fence is longer than any backtick run inside it (CommonMark 6.1).
    /// Not for table cells: a `|` inside would still end the cell.
    static func code(_ text: String) -> String {
        let flat = String(flattened(text))
        var longest = 0, run = 0
        for c in flat {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + pad + flat + pad + fence
    }

    /// Removes trailing spaces from every line: in Markdown they would be hard line breaks.
    /// Works on the UTF-8 bytes (a report is ≈ 11 KB, rendered once per period of a backfill); a line
    /// whose spaces follow a non-ASCII scalar goes through `trimmingTrailingSpaces(line:)`, since a
    /// Prepend scalar and a space form one Character, which the Character-wise rule keeps.
    static func trimmingTrailingSpaces(_ text: String) -> String {
        let space = UInt8(ascii: " "), newline = UInt8(ascii: "\n")
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != newline { end += 1 }
            var kept = end
            while kept > start && bytes[kept - 1] == space { kept -= 1 }
            if kept < end && kept > start && bytes[kept - 1] >= 0x80 {
                let line = String(decoding: bytes[start..<end], as: UTF8.self)
                out.append(contentsOf: trimmingTrailingSpaces(line: line).utf8)
            } else {
                out.append(contentsOf: bytes[start..<kept])
            }
            if end < bytes.count { out.append(newline) }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The Character-wise rule for one line.
    static func trimmingTrailingSpaces(line: String) -> String {
        var l = Substring(line)
        while l.last == " " { l.removeLast() }
        return String(l)
    }
}

/// A GFM pipe table; cells are already escaped Markdown.
struct MarkdownTable {
    enum Alignment { case left, center, right }

    struct Column {
        var title: String
        var alignment: Alignment
        init(_ title: String, _ alignment: Alignment = .right) { self.title = title; self.alignment = alignment }
    }

    var columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render() -> String {
        var lines = [line(columns.map(\.title)), line(columns.map(delimiter))]
        for row in rows {
            lines.append(line((0..<columns.count).map { $0 < row.count ? row[$0] : NumberText.missing }))
        }
        return lines.joined(separator: "\n")
    }

    private func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    private func delimiter(_ c: Column) -> String {
        switch c.alignment {
        case .left: return ":---"
        case .center: return ":---:"
        case .right: return "---:"
        }
    }
}
