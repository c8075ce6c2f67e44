import KPIModel
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
            padding: "20px 16px 6px 16px")
    }

    /// One full-width row of the 640 px container.
    static func row(_ content: String, padding: String = "6px 16px") -> String {
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

    /// A number's text with no line break inside the amount: a word joiner (U+2060) after a sign, a
    /// no-break space after a currency code (`CHF 1.23M`). A phone may still wrap `−6.0 pts` or
    /// `of $1.29M` at their spaces, so no table needs `nowrap` (which would make it wider than a phone).
    static func number(_ text: String) -> String {
        var out = ""
        var letters = 0
        for c in keepSigns(text) {
            if c == " " && letters >= 2 { out.append("\u{00A0}") } else { out.append(c) }
            letters = c.isLetter && c.isUppercase ? letters + 1 : 0
        }
        return out
    }

    /// A sign stays with its amount: browsers may break a line between `−` and `$70.0K`; a word
    /// joiner (U+2060) after each `−`, and after a `+` that starts an amount, forbids that.
    static func keepSigns(_ text: String) -> String {
        var out = ""
        let chars = Array(text)
        for (i, c) in chars.enumerated() {
            out.append(c)
            let next = i + 1 < chars.count ? chars[i + 1] : " "
            if c == "\u{2212}" || (c == "+" && (next.isNumber || next.isCurrencySymbol)) { out.append("\u{2060}") }
        }
        return out
    }

    /// A data table: header cells, then rows of cells; the first column is left-aligned text.
    struct Table {
        var columns: [String]
        var rows: [[Cell]] = []

        enum Cell {
            case label(String)
            case number(String)
            /// A number with a smaller grey line under it (`$1.21M` over `target $1.29M`).
            case stacked(String, String)
            case status(Status)
        }

        init(_ columns: [String]) { self.columns = columns }

        func render() -> String {
            let th = "padding:6px 3px;border-bottom:2px solid \(ink);" + font + "font-size:12px;line-height:16px;color:\(muted);font-weight:bold;"
            var out = "<table width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;width:100%;\">\n<tr>"
            for (n, c) in columns.enumerated() {
                let align = n == 0 ? "left" : c == "Status" ? "center" : "right"
                // A second line after "\n", smaller and not bold: what the column's small lines are.
                let parts = c.split(separator: "\n", maxSplits: 1).map(String.init)
                let under = parts.count > 1 ? "<br><span style=\"font-size:11px;font-weight:normal;\">\(escape(parts[1]))</span>" : ""
                out += "<th align=\"\(align)\" style=\"\(th)text-align:\(align);\">\(escape(parts[0]))\(under)</th>"
            }
            out += "</tr>\n"
            for row in rows {
                out += "<tr>" + row.map(cell).joined() + "</tr>\n"
            }
            return out + "</table>"
        }

        func cell(_ c: Cell) -> String {
            let base = "padding:6px 3px;border-bottom:1px solid \(rule);" + font + "font-size:13px;line-height:18px;"
            switch c {
            case .label(let t):
                return "<td align=\"left\" style=\"\(base)color:\(ink);text-align:left;\">\(escape(t))</td>"
            case .number(let t):
                return "<td align=\"right\" style=\"\(base)color:\(ink);text-align:right;\">\(escape(number(t)))</td>"
            case .stacked(let t, let under):
                return "<td align=\"right\" style=\"\(base)color:\(ink);text-align:right;\">\(escape(number(t)))"
                    + "<br><span style=\"font-size:11px;line-height:15px;color:\(muted);\">\(escape(number(under)))</span></td>"
            case .status(let s):
                let (bg, fg) = statusColours(s)
                return "<td align=\"center\" bgcolor=\"\(bg)\" style=\"\(base)background-color:\(bg);color:\(fg);"
                    + "text-align:center;font-weight:bold;white-space:nowrap;\">\(escape(statusWord(s)))</td>"
            }
        }
    }
}
