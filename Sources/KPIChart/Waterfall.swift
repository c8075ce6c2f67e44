import KPIFields
import KPIModel
import KPIReport

/// A bridge as a waterfall (SPEC 6.5, 10): the base's total, each part as a floating bar from the
/// running level, and the actual's total. Built once from the report; laid out by `WaterfallLayout`
/// into a `Scene` that the SVG renderer draws.
public struct Waterfall: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case total, increase, decrease }

    public struct Step: Sendable, Hashable {
        public var label: String
        public var from: Double
        public var to: Double
        public var kind: Kind
        /// `$361`, `+$50.0`, `−$40.0`.
        public var valueText: String
        public init(label: String, from: Double, to: Double, kind: Kind, valueText: String) {
            self.label = label; self.from = from; self.to = to; self.kind = kind; self.valueText = valueText
        }
    }

    public var title: String
    public var description: String
    public var steps: [Step]
    public var axis: ValueAxis
    /// The KPI's `better`: an increase is good news (green) when higher is better, else bad (orange).
    public var better: Better

    public init(title: String, description: String, steps: [Step], axis: ValueAxis, better: Better = .higher) {
        self.title = title; self.description = description; self.steps = steps; self.axis = axis; self.better = better
    }

    /// The waterfall of `parts` from the base value `base` (labelled `baseLabel`) to `actual`
    /// (labelled `actualLabel`); parts that are exactly 0 are left out. Nil without both totals.
    public static func build(kpi: KPIInfo, parts: BridgeParts, base: Double?, actual: Double?, baseLabel: String,
                             actualLabel: String, currencySymbol: String) -> Waterfall? {
        guard let base, let actual, base.isFinite, actual.isFinite else { return nil }
        func text(_ v: Double) -> String { NumberText.value(.double(v), unit: kpi.unit, currencySymbol: currencySymbol) }
        var steps = [Step(label: baseLabel, from: 0, to: base, kind: .total, valueText: text(base))]
        var level = base
        for (name, value) in parts.named where value != 0 && value.isFinite {
            steps.append(Step(label: BridgeText.labels[name] ?? name, from: level, to: level + value,
                              kind: value > 0 ? .increase : .decrease, valueText: BridgeText.signed(value, kpi.unit, currencySymbol)))
            level += value
        }
        steps.append(Step(label: actualLabel, from: 0, to: actual, kind: .total, valueText: text(actual)))
        // Totals stand on the axis's floor: the axis spans the levels the bars reach, not zero, so
        // parts a hundredth of the total still show (the tick labels give the scale).
        let levels = steps.flatMap { $0.kind == .total ? [$0.to] : [$0.from, $0.to] }
        guard let axis = ChartBuilder.valueAxis(levels, unit: kpi.unit, currencySymbol: currencySymbol) else { return nil }
        let parts = steps.dropFirst().dropLast().map { "\($0.label) \($0.valueText)" }
        let description = "\(kpi.name) from \(steps[0].valueText) (\(baseLabel)) to \(text(actual)) (\(actualLabel))"
            + (parts.isEmpty ? "." : ": " + parts.joined(separator: ", ") + ".")
        return Waterfall(title: "\(kpi.name): \(baseLabel) to \(actualLabel)", description: description, steps: steps, axis: axis,
                         better: kpi.better)
    }
}

/// Lays a waterfall out in 600 × 240 logical pixels: value axis with grid lines, one bar per step
/// with its value above (below for a decrease), dashed connectors, labels under the axis.
public struct WaterfallLayout: Sendable {
    public var width: Double
    public var height: Double
    public init(width: Double = 600, height: Double = 240) { self.width = width; self.height = height }

    static let top = 16.0, bottomSpace = 26.0, margin = 8.0, size = 10.0
    /// Totals blue; a part green when it moves the KPI its `better` way, orange otherwise.
    public static let totalColor = Color(0x1F4E79), goodColor = Color(0x2E7D32), badColor = Color(0xC8590C)

    public func scene(_ w: Waterfall) -> Scene {
        var shapes: [Shape] = [.rect(x: 0, y: 0, width: width, height: height, fill: Palette.background, stroke: nil)]
        let axisWidth = (w.axis.ticks.map { TextMetrics.width($0.label, size: Self.size) }.max() ?? 0) + 6
        let left = Self.margin + axisWidth, right = width - Self.margin
        let plotTop = Self.top, plotBottom = height - Self.bottomSpace
        let span = w.axis.max - w.axis.min
        func y(_ v: Double) -> Double {
            guard span > 0 else { return plotBottom }
            return plotBottom - (min(max(v, w.axis.min), w.axis.max) - w.axis.min) / span * (plotBottom - plotTop)
        }
        for t in w.axis.ticks {
            let ty = y(t.value)
            shapes.append(.line(Point(left, ty), Point(right, ty), Stroke(t.value == 0 && w.axis.crossesZero ? Palette.zero : Palette.grid, width: 1)))
            shapes.append(.text(t.label, at: Point(left - 4, ty + 3.5), size: Self.size, anchor: .end, color: Palette.axisText))
        }
        let band = (right - left) / Double(max(w.steps.count, 1)), barWidth = band * 0.62
        for (i, step) in w.steps.enumerated() {
            let cx = left + (Double(i) + 0.5) * band
            let a = step.kind == .total ? y(max(w.axis.min, min(0, w.axis.max))) : y(step.from)
            let b = y(step.to)
            let good = (step.kind == .increase) == (w.better == .higher)
            let color: Color = step.kind == .total ? Self.totalColor : good ? Self.goodColor : Self.badColor
            let top = min(a, b), h = max(abs(a - b), 1)
            shapes.append(.rect(x: cx - barWidth / 2, y: top, width: barWidth, height: h, fill: color, stroke: nil))
            // The value above a bar that rises (or a total), below one that falls.
            let below = top + h + 11
            let labelY = step.kind == .decrease && below <= plotBottom - 2 ? below : max(top - 3, 10)
            shapes.append(.text(step.valueText, at: Point(cx, labelY), size: Self.size, anchor: .middle, color: Palette.title))
            shapes.append(.text(step.label, at: Point(cx, plotBottom + 16), size: Self.size, anchor: .middle, color: Palette.axisText))
            if i + 1 < w.steps.count {
                let next = w.steps[i + 1]
                let level = y(next.kind == .total ? next.to : next.from)
                shapes.append(.line(Point(cx + barWidth / 2, level), Point(cx + band - barWidth / 2, level),
                                    Stroke(Palette.zero, width: 1, dash: [3, 2])))
            }
        }
        shapes.append(.line(Point(left, plotBottom), Point(right, plotBottom), Stroke(Palette.zero, width: 1)))
        return Scene(width: width, height: height, title: w.title, description: w.description, shapes: shapes)
    }
}
