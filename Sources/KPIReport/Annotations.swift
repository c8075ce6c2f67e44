import KPICalendar
import KPIModel

/// One event of the annotations file on one history point it falls in (SPEC 6.7).
public struct Annotation: Sendable, Hashable {
    public var date: Day
    /// Nil: every KPI.
    public var kpi: String?
    /// A line id, a group name or `ALL`; nil: every level.
    public var productLine: String?
    public var text: String
    /// The history point's grain and id.
    public var grain: Grain
    public var id: String
    /// The event's row in the annotations file, counted from 0: one event on several points shares it.
    public var event: Int

    public init(date: Day, kpi: String?, productLine: String?, text: String, grain: Grain, id: String, event: Int) {
        self.date = date; self.kpi = kpi; self.productLine = productLine; self.text = text
        self.grain = grain; self.id = id; self.event = event
    }

    /// Whether the event concerns this KPI at this level and key.
    public func applies(kpi: String, level: Level, key: String) -> Bool {
        if let k = self.kpi, k != kpi { return false }
        guard let line = productLine else { return true }
        return line == key
    }
}

extension ReviewReport {
    /// The events on one KPI's trend at one level, each once (by its first point), in the file's order.
    public func events(kpi: String, level: Level, key: String) -> [Annotation] {
        var seen = Set<Int>()
        return annotations.filter { $0.applies(kpi: kpi, level: level, key: key) && seen.insert($0.event).inserted }
    }

    /// The events that fall in the period itself (the last history point of the report's grain), each once.
    public var periodEvents: [Annotation] {
        var seen = Set<Int>()
        return annotations.filter { $0.grain == cadence.grain && $0.id == period.id && seen.insert($0.event).inserted }
    }
}
