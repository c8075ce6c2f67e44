import KPIChart
import KPIModel
import KPIReport

/// Building blocks of the page: escaped text, names isolated for bidirectional text, status chips
/// and tables. Every string from the config or the data goes through `text` or `name`.
enum HTML {
    /// Escaped text (`&`, `<`, `>`, quotes; characters HTML forbids become U+FFFD).
    static func text(_ s: String) -> String { MarkupText.escape(s) }

    /// A name from the config or data, isolated with `<bdi>` so right-to-left names do not reorder
    /// the punctuation and numbers around them.
    static func name(_ s: String) -> String { "<bdi>" + MarkupText.escape(s) + "</bdi>" }

    /// Colour **and** word (SPEC 10): the chip is decoration, the word is the status.
    static func status(_ st: Status) -> String {
        "<span class=\"status s-\(st.rawValue)\"><span class=\"chip\" aria-hidden=\"true\"></span>\(st.word)</span>"
    }

    static func tag(_ name: String, _ content: String, class cls: String? = nil) -> String {
        let attr = cls.map { " class=\"\($0)\"" } ?? ""
        return "<\(name)\(attr)>\(content)</\(name)>"
    }

    static func paragraph(_ content: String, class cls: String? = nil) -> String { tag("p", content, class: cls) + "\n" }

    static func list(_ items: [String], ordered: Bool = false, class cls: String? = nil) -> String {
        let t = ordered ? "ol" : "ul"
        return tag(t, "\n" + items.map { "<li>\($0)</li>\n" }.joined(), class: cls) + "\n"
    }
}

/// A table with a header row; cells are already HTML. Columns say whether they hold text or numbers.
struct HTMLTable {
    enum Kind { case text, number, status, chart }
    struct Column {
        var title: String
        var kind: Kind
        init(_ title: String, _ kind: Kind = .number) { self.title = title; self.kind = kind }
    }

    var columns: [Column]
    var rows: [[String]] = []
    var cssClass: String

    init(_ columns: [Column], class cssClass: String) { self.columns = columns; self.cssClass = cssClass }

    mutating func add(_ cells: [String]) { rows.append(cells) }

    func render() -> String {
        var s = "<table class=\"\(cssClass)\">\n<thead><tr>"
        for c in columns { s += "<th scope=\"col\"\(Self.cls(c.kind))>\(c.title)</th>" }
        s += "</tr></thead>\n<tbody>\n"
        for row in rows {
            s += "<tr>"
            for (i, c) in columns.enumerated() {
                let cell = i < row.count ? row[i] : NumberText.missing
                s += i == 0 ? "<th scope=\"row\"\(Self.cls(c.kind))>\(cell)</th>" : "<td\(Self.cls(c.kind))>\(cell)</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody>\n</table>\n"
    }

    static func cls(_ k: Kind) -> String {
        switch k {
        case .text: return " class=\"t\""
        case .number: return " class=\"n\""
        case .status: return " class=\"st\""
        case .chart: return " class=\"c\""
        }
    }
}
