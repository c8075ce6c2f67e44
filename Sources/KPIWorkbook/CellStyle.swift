import CXlsxWriter

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A cell's look as a value: equal styles share one `lxw_format` (see `XLSXBook.format`).
struct CellStyle: Hashable {
    enum Align: Hashable { case left, center, right }

    var numFormat: String?
    var bold = false
    var italic = false
    var fontSize: Double?
    var fontColor: UInt32?
    var fill: UInt32?
    var indent: UInt8 = 0
    var align: Align?
    var wrap = false
    var topBorder = false
    var bottomBorder = false

    static let plain = CellStyle()

    func with(_ change: (inout CellStyle) -> Void) -> CellStyle {
        var copy = self
        change(&copy)
        return copy
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if let numFormat { numFormat.withCString { format_set_num_format(f, $0) } }
        if bold { format_set_bold(f) }
        if italic { format_set_italic(f) }
        if let fontSize { format_set_font_size(f, fontSize) }
        if let fontColor { format_set_font_color(f, fontColor) }
        if let fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        if indent > 0 { format_set_indent(f, indent) }
        switch align {
        case .left?: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center?: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right?: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        if wrap {
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        }
        if topBorder { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)); format_set_top_color(f, Palette.rule) }
        if bottomBorder { format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue)); format_set_bottom_color(f, Palette.rule) }
    }
}

/// Colours of the review: Excel's own Good/Neutral/Bad cell styles for status, so they read as Excel's.
enum Palette {
    static let headerFill: UInt32 = 0xDDEBF7
    static let rule: UInt32 = 0x8EA9DB
    static let titleColor: UInt32 = 0x1F3864
    static let muted: UInt32 = 0x595959

    static let greenFill: UInt32 = 0xC6EFCE, greenFont: UInt32 = 0x006100
    static let amberFill: UInt32 = 0xFFEB9C, amberFont: UInt32 = 0x9C5700
    static let redFill: UInt32 = 0xFFC7CE, redFont: UInt32 = 0x9C0006
    static let noneFill: UInt32 = 0xE7E6E6, noneFont: UInt32 = 0x595959

    static let thisYear: UInt32 = 0x1F4E79
    static let lastYear: UInt32 = 0x8C8C8C
    static let target: UInt32 = 0xC55A11
}

/// Shared styles of the sheets.
enum Styles {
    static let title = CellStyle(bold: true, fontSize: 16, fontColor: Palette.titleColor)
    static let subtitle = CellStyle(fontColor: Palette.muted)
    static let section = CellStyle(bold: true, fontSize: 12, fontColor: Palette.titleColor)
    static let header = CellStyle(bold: true, fill: Palette.headerFill, align: .center, wrap: true, bottomBorder: true)
    static let headerRight = CellStyle(bold: true, fill: Palette.headerFill, align: .right, wrap: true, bottomBorder: true)
    static let headerLeft = CellStyle(bold: true, fill: Palette.headerFill, wrap: true, bottomBorder: true)
    static let label = CellStyle(bold: true)
    static let note = CellStyle(italic: true, fontColor: Palette.muted)
    static let wrapped = CellStyle(wrap: true)
    static let date = CellStyle(numFormat: "yyyy-mm-dd", align: .left)
    static let integer = CellStyle(numFormat: "#,##0")
}

/// Approximate rendered widths in characters, for fitting columns to their content.
enum DisplayWidth {
    static func text(_ s: String, style: CellStyle) -> Double {
        let scale = (style.fontSize ?? 11) / 11 * (style.bold ? 1.1 : 1)
        if style.wrap {
            // A wrapped cell is laid out by its explicit lines (headers) or, without them, needs only its longest word.
            let longest = s.utf8.contains(UInt8(ascii: "\n")) ? longestPiece(s, "\n") : longestPiece(s, " ")
            return Double(longest) * scale + 1
        }
        return Double(longestPiece(s, "\n")) * scale + Double(style.indent) * 1.5
    }

    /// The most characters between two `separator`s. Plain ASCII without `\r` (one byte per character)
    /// is counted on the bytes, without splitting into substrings: this runs for every text cell.
    static func longestPiece(_ s: String, _ separator: Character) -> Int {
        guard let sep = separator.asciiValue else { return s.split(separator: separator).map(\.count).max() ?? 0 }
        var longest = 0, run = 0
        for b in s.utf8 {
            if b >= 0x80 || b == 0x0D { return s.split(separator: separator).map(\.count).max() ?? 0 }
            if b == sep { longest = max(longest, run); run = 0 } else { run += 1 }
        }
        return max(longest, run)
    }

    /// Digits, thousands separators, decimals and the format's literal text.
    static func number(_ value: Double, format: String?) -> Double {
        NumberShape(format: format).width(value)
    }
}

/// What a number format adds around the digits, read once per format rather than once per cell.
struct NumberShape {
    /// nil for no format or "General": the width of the plain number text.
    let section: Substring?
    let decimals: Int, hasSeparators: Bool, hasPercent: Bool, literal: Int, plusPrefix: Bool

    init(format: String?) {
        guard let format, format != "General" else {
            section = nil; decimals = 0; hasSeparators = false; hasPercent = false; literal = 0; plusPrefix = false
            return
        }
        let section = format.split(separator: ";").first ?? Substring(format)
        self.section = section
        decimals = section.split(separator: ".").dropFirst().first.map { $0.prefix(while: { $0 == "0" }).count } ?? 0
        hasSeparators = section.contains(",")
        hasPercent = section.contains("%")
        var literal = 0
        var inQuote = false
        for ch in section {
            if ch == "\"" { inQuote.toggle(); continue }
            if inQuote { literal += 1 }
        }
        self.literal = literal
        plusPrefix = section.hasPrefix("+")
    }

    func width(_ value: Double) -> Double {
        let magnitude = abs(value)
        let intDigits = magnitude < 1 ? 1 : Int(log10(magnitude)) + 1
        guard section != nil else { return Double(min(String(value).count, 12)) }
        let separators = hasSeparators ? (intDigits - 1) / 3 : 0
        let percentDigits = hasPercent ? 2 : 0
        let sign = value < 0 || plusPrefix ? 1 : 0
        return Double(intDigits + percentDigits + separators + decimals + (decimals > 0 ? 1 : 0) + literal + sign
                      + (hasPercent ? 1 : 0))
    }
}
