/// One chart as a reader sees it, before any pixel: panels of categories (periods), series of
/// values, a value axis with its tick labels, the labelled last value and numbered events. Every
/// text is final (formatted by `ChartBuilder`), so the SVG and PNG renderers only draw.
public struct Chart: Sendable, Hashable {
    /// The KPI's name: `<title>` of the SVG, and the heading drawn in the PNG.
    public var title: String
    /// One paragraph for screen readers (`<desc>`): what the chart shows, with its numbers.
    public var description: String
    /// Side by side, left to right (a weekly 6-12 chart has two: weeks, then months).
    public var panels: [ChartPanel]

    public init(title: String, description: String, panels: [ChartPanel]) {
        self.title = title; self.description = description; self.panels = panels
    }

    /// No panel has a value to draw.
    public var isEmpty: Bool { panels.allSatisfy(\.isEmpty) }
}

public struct ChartPanel: Sendable, Hashable {
    /// `Last 6 weeks`, `Last 13 months`.
    public var title: String
    public var categories: [ChartCategory]
    /// Each series has one value (or nil) per category.
    public var series: [ChartSeries]
    /// Nil when the panel has no value at all (drawn with `emptyText`).
    public var axis: ValueAxis?
    /// The last value of this year's series, labelled beside its point.
    public var lastValue: ValueLabel?
    public var events: [EventMark]
    /// What an empty panel says.
    public var emptyText: String

    public init(title: String, categories: [ChartCategory], series: [ChartSeries], axis: ValueAxis?,
                lastValue: ValueLabel?, events: [EventMark] = [], emptyText: String = "no data yet") {
        self.title = title; self.categories = categories; self.series = series; self.axis = axis
        self.lastValue = lastValue; self.events = events; self.emptyText = emptyText
    }

    public var isEmpty: Bool { axis == nil }

    public func series(_ role: SeriesRole) -> ChartSeries? { series.first { $0.role == role } }
}

/// One period on the category axis.
public struct ChartCategory: Sendable, Hashable {
    /// The period's id (`2026-W41`, `2026-10`).
    public var id: String
    /// Short label under the axis (`W41`, `Oct`, `Q3`).
    public var label: String
    /// The year it belongs to (`2026`, `FY2027`): drawn under the first labelled period of each year.
    public var year: String
    /// Still in progress: its values cover the elapsed days only (drawn hollow).
    public var partial: Bool

    public init(id: String, label: String, year: String, partial: Bool = false) {
        self.id = id; self.label = label; self.year = year; self.partial = partial
    }
}

public enum SeriesRole: String, Sendable, Hashable, CaseIterable {
    /// Solid, dark, with dots; its last value labelled.
    case thisYear
    /// Dashed and lighter.
    case lastYear
    /// Markers only (a diamond per point), so a single target is visible.
    case target
}

public struct ChartSeries: Sendable, Hashable {
    public var role: SeriesRole
    /// For the legend and the description: `This year`, `Last year`, `Target`.
    public var name: String
    public var values: [Double?]

    public init(role: SeriesRole, name: String, values: [Double?]) {
        self.role = role; self.name = name; self.values = values
    }
}

/// A linear value axis from `min` to `max` with "nice" ticks (1, 2, 2.5, 5 × 10^n apart).
public struct ValueAxis: Sendable, Hashable {
    public var min: Double
    public var max: Double
    public var ticks: [Tick]

    public init(min: Double, max: Double, ticks: [Tick]) { self.min = min; self.max = max; self.ticks = ticks }

    /// Whether zero lies strictly inside (a mixed-sign axis): its grid line is drawn darker.
    public var crossesZero: Bool { min < 0 && max > 0 }
}

public struct Tick: Sendable, Hashable {
    public var value: Double
    public var label: String
    public init(value: Double, label: String) { self.value = value; self.label = label }
}

public struct ValueLabel: Sendable, Hashable {
    /// The category the value belongs to.
    public var index: Int
    public var text: String
    public init(index: Int, text: String) { self.index = index; self.text = text }
}

/// A dated event drawn as a numbered mark at its period; the number matches the list below the chart.
public struct EventMark: Sendable, Hashable {
    public var number: Int
    /// The category it is drawn at.
    public var index: Int
    public var text: String
    /// Its position in the events the chart was built with.
    public var event: Int
    public init(number: Int, index: Int, text: String, event: Int) {
        self.number = number; self.index = index; self.text = text; self.event = event
    }
}
