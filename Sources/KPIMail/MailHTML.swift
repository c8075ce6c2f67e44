import KPIReport

/// The building blocks of the email body: escaping, the one set of inline styles, status cells.
/// Mail clients drop `<style>` blocks (Gmail's app, Outlook's forwarded copies) and ignore most
/// CSS, so every element carries its own `style`, layout is tables, and sizes are attributes too.
enum MailHTML {
    /// Text from the config or the data, safe in element content and in double-quoted attributes.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r", "\n", "\t": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let font = "font-family:Arial,Helvetica,sans-serif;"
    static let ink = "#1f2937"
    static let muted = "#6b7280"
    static let rule = "#e5e7eb"

    /// The body text style (set on every cell: Outlook does not inherit it from the table).
    static let text = font + "font-size:14px;line-height:20px;color:\(ink);"
    static let small = font + "font-size:12px;line-height:17px;color:\(muted);"

    /// A section heading in its own row.
    static func heading(_ title: String) -> String {
        row("<h2 style=\"margin:0;\(font)font-size:17px;line-height:24px;color:\(ink);\">\(escape(title))</h2>",
            padding: "20px 20px 6px 20px")
    }

    /// One full-width row of the 640 px container.
    static func row(_ content: String, padding: String = "6px 20px") -> String {
        "<tr><td style=\"padding:\(padding);\(text)\">\(content)</td></tr>\n"
    }

    static func paragraph(_ html: String, style: String = text) -> String {
        "<p style=\"margin:0 0 8px 0;\(style)\">\(html)</p>"
    }

    /// Background and text colours of a status cell: readable on its own (WCAG AA contrast) and
    /// carrying the word, since colour alone is not a signal everyone sees.
    static func statusColours(_ s: Status) -> (background: String, text: String) {
        switch s {
        case .green: return ("#dcfce7", "#166534")
        case .amber: return ("#fef3c7", "#92400e")
        case .red: return ("#fee2e2", "#991b1b")
        case .none: return ("#f3f4f6", "#4b5563")
        }
    }

    static func statusWord(_ s: Status) -> String {
        switch s {
        case .green: return "green"
        case .amber: return "amber"
        case .red: return "red"
        case .none: return "no target"
        }
    }

    /// A data table: header cells, then rows of cells; the first column is left-aligned text.
    struct Table {
        var columns: [String]
        var rows: [[Cell]] = []

        enum Cell {
            case label(String)
            case number(String)
            case status(Status)
        }

        init(_ columns: [String]) { self.columns = columns }

        func render() -> String {
            let th = "padding:6px 4px;border-bottom:2px solid \(ink);" + font + "font-size:12px;line-height:16px;color:\(muted);font-weight:bold;"
            var out = "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;\">\n<tr>"
            for (n, c) in columns.enumerated() {
                let align = n == 0 ? "left" : c == "Status" ? "center" : "right"
                out += "<th align=\"\(align)\" style=\"\(th)text-align:\(align);\">\(escape(c))</th>"
            }
            out += "</tr>\n"
            for row in rows {
                out += "<tr>" + row.map(cell).joined() + "</tr>\n"
            }
            return out + "</table>"
        }

        func cell(_ c: Cell) -> String {
            let base = "padding:6px 4px;border-bottom:1px solid \(rule);" + font + "font-size:13px;line-height:18px;"
            switch c {
            case .label(let t):
                return "<td align=\"left\" style=\"\(base)color:\(ink);text-align:left;\">\(escape(t))</td>"
            case .number(let t):
                return "<td align=\"right\" style=\"\(base)color:\(ink);text-align:right;white-space:nowrap;\">\(escape(t))</td>"
            case .status(let s):
                let (bg, fg) = statusColours(s)
                return "<td align=\"center\" bgcolor=\"\(bg)\" style=\"\(base)background-color:\(bg);color:\(fg);"
                    + "text-align:center;font-weight:bold;white-space:nowrap;\">\(escape(statusWord(s)))</td>"
            }
        }
    }
}
