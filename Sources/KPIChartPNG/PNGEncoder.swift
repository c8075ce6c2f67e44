import CCairo
import CPNG

/// A picture as 8-bit RGB, row after row (no padding).
struct Pixels {
    var width: Int
    var height: Int
    var rgb: [UInt8]

    /// Copies a flushed CAIRO_FORMAT_RGB24 surface: each pixel a native-endian 32-bit `0x00RRGGBB`.
    init(surface: OpaquePointer) {
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        if let data = cairo_image_surface_get_data(surface) {
            // The surface holds `height` rows of `stride` bytes, each starting with `width` 4-byte pixels
            // (stride ≥ 4 × width, 4-byte aligned), so every load below is inside the buffer and aligned.
            let raw = UnsafeRawPointer(data)
            var o = 0
            for y in 0..<height {
                let row = raw + y * stride
                for x in 0..<width {
                    let px = row.load(fromByteOffset: 4 * x, as: UInt32.self)
                    rgb[o] = UInt8((px >> 16) & 0xFF); rgb[o + 1] = UInt8((px >> 8) & 0xFF); rgb[o + 2] = UInt8(px & 0xFF)
                    o += 3
                }
            }
        }
        self.rgb = rgb
    }

    init(width: Int, height: Int, rgb: [UInt8]) { self.width = width; self.height = height; self.rgb = rgb }
}

/// PNG through libpng's simplified API (`png_image_write_to_memory`: its errors come back as a
/// return value and a message, with no longjmp that Swift could not survive).
///
/// A chart has a few colours and their antialiased blends, which a 256-colour palette holds with
/// little or no loss; an 8-bit index per pixel compresses to about a third of cairo's own RGB PNG
/// (SPEC 10: each chart under 60 KB). The palette is the 256 most frequent colours (ties by value)
/// in ascending order of value; any other colour maps to its nearest entry — deterministic, so the
/// same picture always gives the same bytes.
enum PNGEncoder {
    static func encode(_ p: Pixels) throws(PNGChartError) -> [UInt8] {
        let (palette, indices) = quantise(p)
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(p.width)
        image.height = UInt32(p.height)
        image.format = kpi_png_format_rgb_colormap
        image.colormap_entries = UInt32(palette.count / 3)
        var capacity = indices.count + indices.count / 64 + 65_536
        for _ in 0..<2 {
            var out = [UInt8](repeating: 0, count: capacity)
            var size = png_alloc_size_t(capacity)
            // libpng reads height rows of `width` index bytes (indices.count == width × height), the
            // palette's colormap_entries RGB triples, and writes at most `size` bytes into `out`.
            let ok = out.withUnsafeMutableBytes { o in
                indices.withUnsafeBytes { i in
                    palette.withUnsafeBytes { c in
                        png_image_write_to_memory(&image, o.baseAddress, &size, 0, i.baseAddress, Int32(p.width), c.baseAddress)
                    }
                }
            }
            if ok != 0 {
                png_image_free(&image)
                return Array(out.prefix(Int(size)))
            }
            // Too small a buffer: libpng says how much it needs.
            if Int(size) > capacity { capacity = Int(size); image.warning_or_error = 0; continue }
            let message = withUnsafeBytes(of: image.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            png_image_free(&image)
            throw .png(message)
        }
        png_image_free(&image)
        throw .png("output larger than \(capacity) bytes")
    }

    /// The palette (RGB triples) and one index per pixel.
    static func quantise(_ p: Pixels) -> (palette: [UInt8], indices: [UInt8]) {
        let n = p.width * p.height
        var counts: [UInt32: Int] = [:]
        var colours = [UInt32](repeating: 0, count: n)
        for i in 0..<n {
            let c = UInt32(p.rgb[3 * i]) << 16 | UInt32(p.rgb[3 * i + 1]) << 8 | UInt32(p.rgb[3 * i + 2])
            colours[i] = c
            counts[c, default: 0] += 1
        }
        let kept = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(256).map(\.key).sorted()
        var index: [UInt32: UInt8] = [:]
        for (i, c) in kept.enumerated() { index[c] = UInt8(i) }
        for c in counts.keys where index[c] == nil { index[c] = nearest(c, in: kept) }
        let indices = colours.map { index[$0] ?? 0 }
        let palette = kept.flatMap { [UInt8($0 >> 16), UInt8(($0 >> 8) & 0xFF), UInt8($0 & 0xFF)] }
        return (palette, indices)
    }

    /// The entry at the smallest squared RGB distance (the first such on a tie).
    static func nearest(_ c: UInt32, in palette: [UInt32]) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for (i, q) in palette.enumerated() {
            let dr = Int(c >> 16) - Int(q >> 16), dg = Int((c >> 8) & 0xFF) - Int((q >> 8) & 0xFF), db = Int(c & 0xFF) - Int(q & 0xFF)
            let d = dr * dr + dg * dg + db * db
            if d < bestDistance { bestDistance = d; best = i }
        }
        return UInt8(best)
    }
}
