import CCairo
import CFreeType
import KPIChart

public enum PNGChartError: Error, CustomStringConvertible, Equatable {
    case fontMissing(String)
    case freeType(String, Int32)
    case cairo(String)
    case png(String)

    public var description: String {
        switch self {
        case .fontMissing(let path): return "\(path): font not found (install fonts-dejavu-core)"
        case .freeType(let path, let code): return "\(path): FreeType cannot load the font (error \(code))"
        case .cairo(let what): return "cairo: \(what)"
        case .png(let what): return "PNG: \(what)"
        }
    }
}

/// Draws charts as PNG (SPEC 10): the scene `ChartLayout` made for the SVG, scaled to 2× pixel
/// density on white, with DejaVu Sans loaded from its file through FreeType (no fontconfig, so the
/// bytes are the same wherever the font file is), unhinted and grey-antialiased.
///
/// Not Sendable: FreeType's library object is not thread-safe. Make one per thread (loading the
/// face costs ≈ 1 ms); each renders any number of charts.
public final class PNGChartRenderer {
    public static let defaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    /// Pixels per logical pixel: 2 gives 1200 × 480 for a 600 × 240 chart.
    public let scale: Double
    /// The cairo font face, owning the FreeType face and library (freed with it, see `FontOwner`).
    private let fontFace: OpaquePointer

    public init(fontPath: String = PNGChartRenderer.defaultFontPath, scale: Double = 2) throws(PNGChartError) {
        self.scale = scale
        var library: FT_Library?
        var error = FT_Init_FreeType(&library)
        guard error == 0, let library else { throw .freeType(fontPath, error) }
        var face: FT_Face?
        error = FT_New_Face(library, fontPath, 0, &face)
        guard error == 0, let face else {
            FT_Done_FreeType(library)
            // FT_Err_Cannot_Open_Resource (1): the file is missing or unreadable.
            if error == 1 { throw .fontMissing(fontPath) }
            throw .freeType(fontPath, error)
        }
        // Unhinted outlines: the glyphs' shapes and advances are the font's own at every size.
        guard let created = cairo_ft_font_face_create_for_ft_face(face, Int32(FT_LOAD_NO_HINTING)) else {
            FT_Done_Face(face); FT_Done_FreeType(library)
            throw .cairo("cannot create a font face")
        }
        // cairo keeps font faces in caches past our last reference: the FreeType face (and the
        // library it belongs to) must live until cairo destroys the font face, so they are freed by
        // the font face's user-data destructor, not by `deinit`.
        let owner = UnsafeMutablePointer<FontOwner>.allocate(capacity: 1)
        owner.initialize(to: FontOwner(library: library, face: face))
        let status = cairo_font_face_set_user_data(created, &fontOwnerKey, owner, { raw in
            guard let raw else { return }
            let owner = raw.assumingMemoryBound(to: FontOwner.self)
            FT_Done_Face(owner.pointee.face)
            FT_Done_FreeType(owner.pointee.library)
            owner.deinitialize(count: 1)
            owner.deallocate()
        })
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(created)
            owner.deinitialize(count: 1); owner.deallocate()
            FT_Done_Face(face); FT_Done_FreeType(library)
            throw .cairo(String(cString: cairo_status_to_string(status)))
        }
        fontFace = created
    }

    deinit { cairo_font_face_destroy(fontFace) }

    /// A chart laid out by `layout`, as PNG bytes.
    public func render(_ chart: Chart, layout: ChartLayout = .full) throws(PNGChartError) -> [UInt8] {
        try render(layout.scene(chart))
    }

    /// The scene as PNG bytes: an 8-bit palette image when its colours fit one (they do for a chart:
    /// a few colours and their antialiased blends with white), else 8-bit RGB.
    public func render(_ scene: Scene) throws(PNGChartError) -> [UInt8] {
        let width = Int32((scene.width * scale).rounded()), height = Int32((scene.height * scale).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else { throw .cairo("no surface") }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            throw .cairo("cannot create a \(width) × \(height) image")
        }
        defer { cairo_destroy(cr) }
        draw(scene, on: cr)
        cairo_surface_flush(surface)
        let status = cairo_status(cr)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(status))) }
        let pixels = Pixels(surface: surface)
        return try PNGEncoder.encode(pixels)
    }

    private func draw(_ scene: Scene, on cr: OpaquePointer) {
        cairo_scale(cr, scale, scale)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        if let options = cairo_font_options_create() {
            cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
            cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
            cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
            cairo_set_font_options(cr, options)
            cairo_font_options_destroy(options)
        }
        cairo_set_font_face(cr, fontFace)
        for shape in scene.shapes { draw(shape, on: cr) }
    }

    private func draw(_ shape: Shape, on cr: OpaquePointer) {
        switch shape {
        case .line(let a, let b, let st):
            cairo_move_to(cr, a.x, a.y)
            cairo_line_to(cr, b.x, b.y)
            stroke(st, on: cr)
        case .polyline(let pts, let st):
            path(pts, on: cr)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            stroke(st, on: cr)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
        case .rect(let x, let y, let w, let h, let fill, let st):
            cairo_rectangle(cr, x, y, w, h)
            paint(fill, st, on: cr)
        case .circle(let c, let r, let fill, let st):
            cairo_new_sub_path(cr)
            cairo_arc(cr, c.x, c.y, r, 0, 2 * Double.pi)
            paint(fill, st, on: cr)
        case .polygon(let pts, let fill, let st):
            path(pts, on: cr)
            cairo_close_path(cr)
            paint(fill, st, on: cr)
        case .text(let text, let at, let size, let anchor, let color):
            cairo_set_font_size(cr, size)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, text, &extents)
            let shift: Double
            switch anchor {
            case .start: shift = 0
            case .middle: shift = extents.x_advance / 2
            case .end: shift = extents.x_advance
            }
            set(color, on: cr)
            cairo_move_to(cr, at.x - shift, at.y)
            cairo_show_text(cr, text)
            cairo_new_path(cr)
        }
    }

    private func path(_ pts: [Point], on cr: OpaquePointer) {
        guard let first = pts.first else { return }
        cairo_move_to(cr, first.x, first.y)
        for p in pts.dropFirst() { cairo_line_to(cr, p.x, p.y) }
    }

    private func paint(_ fill: Color?, _ st: Stroke?, on cr: OpaquePointer) {
        if let fill {
            set(fill, on: cr)
            if st == nil { cairo_fill(cr); return }
            cairo_fill_preserve(cr)
        }
        if let st { stroke(st, on: cr) } else { cairo_new_path(cr) }
    }

    private func stroke(_ st: Stroke, on cr: OpaquePointer) {
        set(st.color, on: cr)
        cairo_set_line_width(cr, st.width)
        st.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
        cairo_stroke(cr)
        cairo_set_dash(cr, nil, 0, 0)
    }

    private func set(_ c: Color, on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, Double(c.r) / 255, Double(c.g) / 255, Double(c.b) / 255)
    }
}

/// What the cairo font face's destructor frees.
struct FontOwner {
    var library: FT_Library
    var face: FT_Face
}

/// The address names the user-data slot; its value is never read.
nonisolated(unsafe) private var fontOwnerKey = cairo_user_data_key_t(unused: 0)
