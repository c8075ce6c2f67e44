/// A scene as SVG text for inline use in HTML (SPEC 10): no external reference, a `<title>` and a
/// `<desc>` for screen readers, every text escaped, coordinates with at most two decimals so the
/// bytes are the same on every run.
public enum SVGRenderer {
    /// The font stack: DejaVu Sans (what the PNG uses and the layout measures), then the fonts of
    /// similar width that browsers have.
    public static let fontFamily = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif"

    /// A chart laid out by `layout` as SVG.
    public static func render(_ chart: Chart, layout: ChartLayout = .full, id: String, cssClass: String = "chart",
                              inline: Bool = false) -> String {
        render(layout.scene(chart), id: id, cssClass: cssClass, inline: inline)
    }

    /// `id` prefixes the title's and description's ids (unique within one HTML page). `inline` leaves
    /// out the `xmlns` attribute, which HTML5 does not need: the page then holds no URL at all.
    public static func render(_ scene: Scene, id: String, cssClass: String = "chart", inline: Bool = false) -> String {
        var s = "<svg" + (inline ? "" : " xmlns=\"http://www.w3.org/2000/svg\"") + " class=\"\(MarkupText.escape(cssClass))\" width=\"\(num(scene.width))\" "
        s += "height=\"\(num(scene.height))\" viewBox=\"0 0 \(num(scene.width)) \(num(scene.height))\" role=\"img\" "
        let tid = MarkupText.escape(id + "-title"), did = MarkupText.escape(id + "-desc")
        s += "aria-labelledby=\"\(tid) \(did)\" font-family=\"\(fontFamily)\">"
        s += "<title id=\"\(tid)\">\(MarkupText.escape(scene.title))</title>"
        s += "<desc id=\"\(did)\">\(MarkupText.escape(scene.description))</desc>"
        for shape in scene.shapes { s += element(shape) }
        return s + "</svg>"
    }

    static func element(_ shape: Shape) -> String {
        switch shape {
        case .line(let a, let b, let st):
            return "<line x1=\"\(num(a.x))\" y1=\"\(num(a.y))\" x2=\"\(num(b.x))\" y2=\"\(num(b.y))\"\(stroke(st))/>"
        case .polyline(let pts, let st):
            return "<polyline points=\"\(points(pts))\" fill=\"none\"\(stroke(st)) stroke-linejoin=\"round\"/>"
        case .rect(let x, let y, let w, let h, let fill, let st):
            return "<rect x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(w))\" height=\"\(num(h))\"\(paint(fill, st))/>"
        case .circle(let c, let r, let fill, let st):
            return "<circle cx=\"\(num(c.x))\" cy=\"\(num(c.y))\" r=\"\(num(r))\"\(paint(fill, st))/>"
        case .polygon(let pts, let fill, let st):
            return "<polygon points=\"\(points(pts))\"\(paint(fill, st))/>"
        case .text(let text, let at, let size, let anchor, let color):
            let a = anchor == .start ? "" : " text-anchor=\"\(anchor.rawValue)\""
            return "<text x=\"\(num(at.x))\" y=\"\(num(at.y))\" font-size=\"\(num(size))\"\(a) fill=\"\(color.hex)\">"
                + MarkupText.escape(text) + "</text>"
        }
    }

    static func paint(_ fill: Color?, _ st: Stroke?) -> String {
        " fill=\"\(fill?.hex ?? "none")\"" + (st.map(stroke) ?? "")
    }

    static func stroke(_ st: Stroke) -> String {
        var s = " stroke=\"\(st.color.hex)\" stroke-width=\"\(num(st.width))\""
        if !st.dash.isEmpty { s += " stroke-dasharray=\"\(st.dash.map(num).joined(separator: " "))\"" }
        return s
    }

    static func points(_ pts: [Point]) -> String {
        pts.map { "\(num($0.x)),\(num($0.y))" }.joined(separator: " ")
    }

    /// At most two decimals, no trailing zeros, no `-0`: `12`, `12.5`, `12.25`.
    static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let hundredths = Int64((v * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let m = hundredths.magnitude
        let whole = m / 100, frac = m % 100
        if frac == 0 { return sign + String(whole) }
        if frac % 10 == 0 { return sign + "\(whole).\(frac / 10)" }
        return sign + "\(whole)." + (frac < 10 ? "0" : "") + String(frac)
    }
}

/// Escaping for HTML and SVG text and attribute values, shared by the chart and HTML writers.
public enum MarkupText {
    /// `& < > " '` as references; characters HTML forbids in a document (C0 controls other than
    /// tab, line feed and carriage return, DEL and the C1 controls, noncharacters, and lone
    /// carriage returns folded into the text) become U+FFFD, so any name from the data stays valid HTML5.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\r": out += " "
            default:
                if isForbidden(s) { out.unicodeScalars.append("\u{FFFD}") } else { out.unicodeScalars.append(s) }
            }
        }
        return out
    }

    static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 { return v != 0x09 && v != 0x0A }
        if v >= 0x7F && v <= 0x9F { return true }
        if v >= 0xFDD0 && v <= 0xFDEF { return true }
        return v & 0xFFFE == 0xFFFE
    }
}
