/// Text widths in DejaVu Sans, the font the PNG renderer loads and the SVG asks for first, so the
/// layout leaves room for labels without a font library. The advance widths (font units, 2048 per
/// em) were read from DejaVuSans.ttf 2.37 with FreeType (`FT_LOAD_NO_SCALE`). Charts draw only the
/// texts kpireview makes (ticks, period labels, legend), so ASCII and a few symbols cover them.
public enum TextMetrics {
    static let unitsPerEm = 2048.0

    /// Advance widths of U+0020 … U+007E.
    static let ascii: [UInt16] = [
        651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
        1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
        2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
        1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
        1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
        1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716,
    ]

    /// Other characters kpireview's labels use: − — … · – € £ ¥.
    static let symbols: [Unicode.Scalar: UInt16] = [
        "\u{2212}": 1716, "\u{2014}": 2048, "\u{2026}": 2048, "\u{00B7}": 651, "\u{2013}": 1024,
        "\u{20AC}": 1303, "\u{00A3}": 1303, "\u{00A5}": 1303,
    ]

    /// The width of `text` at `size` pixels per em.
    public static func width(_ text: String, size: Double) -> Double {
        var units = 0
        for s in text.unicodeScalars {
            if s.value >= 0x20 && s.value < 0x7F { units += Int(ascii[Int(s.value - 0x20)]) }
            else { units += Int(symbols[s] ?? 1303) }
        }
        return Double(units) / unitsPerEm * size
    }
}
