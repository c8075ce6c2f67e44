/// Lays a `Chart` out as shapes. Two sizes: the full chart (600 × 240 logical pixels by default:
/// legend, panel titles, value axes, period labels, last value, events) and the small trend of a
/// table row (no text but "no data yet").
public struct ChartLayout: Sendable {
    public enum Style: Sendable { case full, spark }

    public var style: Style
    public var width: Double
    public var height: Double

    public init(style: Style = .full, width: Double? = nil, height: Double? = nil) {
        self.style = style
        self.width = width ?? (style == .full ? 600 : 120)
        self.height = height ?? (style == .full ? 240 : 28)
    }

    public static let full = ChartLayout(style: .full)
    public static let spark = ChartLayout(style: .spark)

    public func scene(_ chart: Chart) -> Scene {
        var shapes: [Shape] = []
        switch style {
        case .full: shapes = fullShapes(chart)
        case .spark: shapes = sparkShapes(chart)
        }
        return Scene(width: width, height: height, title: chart.title, description: chart.description, shapes: shapes)
    }

    // MARK: Full chart

    static let margin = 8.0, panelGap = 22.0
    static let legendBaseline = 14.0, titleBaseline = 38.0, plotTop = 50.0, bottomSpace = 36.0
    static let tickSize = 10.0, labelSize = 10.0, yearSize = 9.0, titleSize = 11.0, valueSize = 11.0

    /// Where one panel's plot sits, and its category band.
    struct PanelFrame {
        var left: Double, right: Double, top: Double, bottom: Double
        var axisWidth: Double
        var count: Int
        var band: Double { count > 0 ? (right - left) / Double(count) : right - left }
        func x(_ i: Int) -> Double { left + (Double(i) + 0.5) * band }
    }

    func fullShapes(_ chart: Chart) -> [Shape] {
        var shapes: [Shape] = [.rect(x: 0, y: 0, width: width, height: height, fill: Palette.background, stroke: nil)]
        shapes += legend()
        for (panel, frame) in zip(chart.panels, frames(chart)) { shapes += draw(panel, in: frame) }
        return shapes
    }

    func legend() -> [Shape] {
        let y = Self.legendBaseline - 4
        var x = Self.margin
        var shapes: [Shape] = []
        func label(_ text: String) {
            shapes.append(.text(text, at: Point(x, Self.legendBaseline), size: Self.labelSize, anchor: .start, color: Palette.axisText))
            x += TextMetrics.width(text, size: Self.labelSize) + 16
        }
        shapes.append(.line(Point(x, y), Point(x + 18, y), Self.thisYearStroke)); x += 23
        label("This year")
        shapes.append(.line(Point(x, y), Point(x + 18, y), Self.lastYearStroke)); x += 23
        label("Last year")
        shapes.append(Self.diamond(Point(x + 5, y))); x += 15
        label("Target")
        return shapes
    }

    /// Splits the width between panels in proportion to their categories, after each panel's
    /// tick labels (left) and last-value label (right) have their room.
    func frames(_ chart: Chart) -> [PanelFrame] {
        let bottom = height - Self.bottomSpace
        let axisWidths = chart.panels.map { p in
            (p.axis?.ticks.map { TextMetrics.width($0.label, size: Self.tickSize) }.max() ?? 0) + 6
        }
        // Weeks get half as much room again per period as months: their labels are wider (`W41`).
        // A panel without periods still gets room for its "no data yet".
        let counts = chart.panels.map { p in p.categories.isEmpty ? 6 : Double(p.categories.count) * (p.categories[0].label.hasPrefix("W") ? 1.5 : 1) }
        let gaps = Double(max(chart.panels.count - 1, 0)) * Self.panelGap
        var rightPads = chart.panels.map { p in p.lastValue.map { TextMetrics.width($0.text, size: Self.valueSize) + 8 } ?? 4 }
        var frames: [PanelFrame] = []
        // Twice: the last value's label hangs from the centre of the last band, so the room it
        // needs past the plot depends on the band, which depends on that room.
        for _ in 0..<2 {
            let plotWidth = width - 2 * Self.margin - gaps - axisWidths.reduce(0, +) - rightPads.reduce(0, +)
            let total = counts.reduce(0, +)
            var x = Self.margin
            frames = []
            for i in chart.panels.indices {
                let w = max(plotWidth * counts[i] / total, 10)
                let left = x + axisWidths[i]
                frames.append(PanelFrame(left: left, right: left + w, top: Self.plotTop, bottom: bottom,
                                         axisWidth: axisWidths[i], count: chart.panels[i].categories.count))
                x = left + w + rightPads[i] + Self.panelGap
            }
            for (i, p) in chart.panels.enumerated() {
                guard let v = p.lastValue else { continue }
                let need = TextMetrics.width(v.text, size: Self.valueSize) + 8 - frames[i].band / 2
                rightPads[i] = max(need, 4)
            }
        }
        return frames
    }

    func draw(_ panel: ChartPanel, in f: PanelFrame) -> [Shape] {
        var shapes: [Shape] = [.text(panel.title, at: Point(f.left - f.axisWidth, Self.titleBaseline), size: Self.titleSize,
                                     anchor: .start, color: Palette.title)]
        shapes += categoryLabels(panel, f)
        guard let axis = panel.axis else {
            shapes.append(.line(Point(f.left, f.bottom), Point(f.right, f.bottom), Stroke(Palette.grid, width: 1)))
            shapes.append(.text(panel.emptyText, at: Point((f.left + f.right) / 2, (f.top + f.bottom) / 2 + 4), size: 12,
                                anchor: .middle, color: Palette.empty))
            return shapes
        }
        let y = Scale(min: axis.min, max: axis.max, top: f.top, bottom: f.bottom)
        for t in axis.ticks {
            let ty = y(t.value)
            let zero = axis.crossesZero && t.value == 0
            shapes.append(.line(Point(f.left, ty), Point(f.right, ty), Stroke(zero ? Palette.zero : Palette.grid, width: 1)))
            shapes.append(.text(t.label, at: Point(f.left - 6, ty + 3.5), size: Self.tickSize, anchor: .end, color: Palette.axisText))
        }
        shapes += eventLines(panel, f)
        let x = { (i: Int) in f.x(i) }
        if let s = panel.series(.lastYear) { shapes += Self.line(s.values, x: x, y: y, stroke: Self.lastYearStroke, dot: 2.25) }
        if let s = panel.series(.thisYear) {
            shapes += Self.line(s.values, x: x, y: y, stroke: Self.thisYearStroke, dot: nil)
            for (i, v) in s.values.enumerated() {
                guard let v else { continue }
                let partial = panel.categories.indices.contains(i) && panel.categories[i].partial
                shapes.append(.circle(center: Point(x(i), y(v)), radius: partial ? 3.25 : 2.5,
                                      fill: partial ? Palette.background : Palette.thisYear,
                                      stroke: partial ? Stroke(Palette.thisYear, width: 1.5) : nil))
            }
            if let last = panel.lastValue, s.values.indices.contains(last.index), let v = s.values[last.index] {
                let ly = min(max(y(v) + 4, f.top + 8), f.bottom)
                shapes.append(.text(last.text, at: Point(x(last.index) + 7, ly), size: Self.valueSize, anchor: .start, color: Palette.thisYear))
            }
        }
        if let s = panel.series(.target) {
            for (i, v) in s.values.enumerated() { if let v { shapes.append(Self.diamond(Point(x(i), y(v)))) } }
        }
        shapes += eventMarks(panel, f)
        return shapes
    }

    /// Period labels under the plot: at 10 px, else 9 px, else every k-th at 9 px (the last always
    /// shown) so that none touch; the year under the first shown period of each year.
    func categoryLabels(_ panel: ChartPanel, _ f: PanelFrame) -> [Shape] {
        func widest(_ size: Double) -> Double { panel.categories.map { TextMetrics.width($0.label, size: size) }.max() ?? 0 }
        let size = widest(Self.labelSize) + 3 <= f.band ? Self.labelSize : Self.labelSize - 1
        let every = max(1, Int(((widest(size) + 3) / max(f.band, 1)).rounded(.up)))
        var shapes: [Shape] = []
        let n = panel.categories.count
        var lastYear: String?
        for (i, c) in panel.categories.enumerated() where (n - 1 - i) % every == 0 {
            shapes.append(.text(c.label, at: Point(f.x(i), f.bottom + 14), size: size, anchor: .middle, color: Palette.axisText))
            if c.year != lastYear {
                shapes.append(.text(c.year, at: Point(f.x(i), f.bottom + 27), size: Self.yearSize, anchor: .middle, color: Palette.axisText))
            }
            lastYear = c.year
        }
        return shapes
    }

    /// Events stack down from the plot's top when several fall in one period.
    func eventPositions(_ panel: ChartPanel, _ f: PanelFrame) -> [(EventMark, Point)] {
        var depth: [Int: Int] = [:]
        return panel.events.filter { $0.index < max(f.count, 1) }.map { e in
            let d = depth[e.index, default: 0]
            depth[e.index] = d + 1
            return (e, Point(f.x(e.index), f.top + 8 + 16 * Double(d)))
        }
    }

    func eventLines(_ panel: ChartPanel, _ f: PanelFrame) -> [Shape] {
        eventPositions(panel, f).map { _, p in .line(Point(p.x, p.y), Point(p.x, f.bottom), Stroke(Palette.event, width: 1, dash: [2, 2])) }
    }

    func eventMarks(_ panel: ChartPanel, _ f: PanelFrame) -> [Shape] {
        eventPositions(panel, f).flatMap { e, p -> [Shape] in
            [.circle(center: p, radius: 7, fill: Palette.event, stroke: nil),
             .text(String(e.number), at: Point(p.x, p.y + 3.2), size: 9, anchor: .middle, color: Palette.background)]
        }
    }

    // MARK: Small trend

    func sparkShapes(_ chart: Chart) -> [Shape] {
        guard let panel = chart.panels.first, let axis = panel.axis else {
            return [.text(chart.panels.first?.emptyText ?? "no data yet", at: Point(width / 2, height / 2 + 3), size: 9,
                          anchor: .middle, color: Palette.empty)]
        }
        let pad = 3.0
        let n = max(panel.categories.count, 1)
        let band = (width - 2 * pad) / Double(n)
        let x = { (i: Int) in pad + (Double(i) + 0.5) * band }
        let y = Scale(min: axis.min, max: axis.max, top: pad, bottom: height - pad)
        var shapes: [Shape] = []
        if let s = panel.series(.lastYear) {
            shapes += Self.line(s.values, x: x, y: y, stroke: Stroke(Palette.lastYear, width: 1, dash: [3, 2]), dot: 1.25)
        }
        if let s = panel.series(.thisYear) {
            shapes += Self.line(s.values, x: x, y: y, stroke: Stroke(Palette.thisYear, width: 1.5), dot: 1.5)
            if let i = s.values.indices.last(where: { s.values[$0] != nil }), let v = s.values[i] {
                shapes.append(.circle(center: Point(x(i), y(v)), radius: 2, fill: Palette.thisYear, stroke: nil))
            }
        }
        return shapes
    }

    // MARK: Pieces

    static let thisYearStroke = Stroke(Palette.thisYear, width: 2.25)
    static let lastYearStroke = Stroke(Palette.lastYear, width: 1.75, dash: [5, 3])

    /// A hollow diamond: the target, visible alone and over a line.
    static func diamond(_ c: Point, radius r: Double = 4.5) -> Shape {
        .polygon([Point(c.x, c.y - r), Point(c.x + r, c.y), Point(c.x, c.y + r), Point(c.x - r, c.y)],
                 fill: nil, stroke: Stroke(Palette.target, width: 1.5))
    }

    /// Runs of consecutive values as polylines (a null breaks the line); a value with no neighbour
    /// gets a dot of radius `dot` so it is not lost.
    static func line(_ values: [Double?], x: (Int) -> Double, y: Scale, stroke: Stroke, dot: Double?) -> [Shape] {
        var shapes: [Shape] = [], run: [Point] = []
        func flush() {
            if run.count > 1 { shapes.append(.polyline(run, stroke)) }
            else if run.count == 1, let r = dot { shapes.append(.circle(center: run[0], radius: r, fill: stroke.color, stroke: nil)) }
            run = []
        }
        for (i, v) in values.enumerated() {
            if let v { run.append(Point(x(i), y(v))) } else { flush() }
        }
        flush()
        return shapes
    }

    /// Value → y, top of the plot for `max`.
    struct Scale {
        var min: Double, max: Double, top: Double, bottom: Double
        func callAsFunction(_ v: Double) -> Double {
            guard max > min else { return (top + bottom) / 2 }
            return bottom - (v - min) / (max - min) * (bottom - top)
        }
    }
}
