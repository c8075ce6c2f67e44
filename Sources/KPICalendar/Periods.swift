/// A day of the week: the first day of a Gregorian calendar's weeks, or a retail year's last weekday.
public enum Weekday: Int, Sendable, Hashable, CaseIterable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// `monday` … `sunday`, case-insensitive.
    public init?(name: String) {
        guard let w = Weekday.allCases.first(where: { "\($0)" == name.lowercased() }) else { return nil }
        self = w
    }
}

public enum Grain: String, Sendable, Hashable, CaseIterable {
    case week, month, quarter, year
}

/// One week, month, fiscal quarter or fiscal year, with its id as SPEC 5 spells it.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public var grain: Grain
    public var id: String
    public var start: Day
    public var end: Day

    public init(grain: Grain, id: String, start: Day, end: Day) {
        self.grain = grain; self.id = id; self.start = start; self.end = end
    }

    public var days: Int { start.distance(to: end) + 1 }
    public func contains(_ d: Day) -> Bool { d >= start && d <= end }
    public var description: String { "\(id) (\(start)..\(end))" }
}

/// A period id that does not exist or does not fit the calendar, with a hint when one helps.
public struct PeriodIDError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public init(message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    public var description: String { hint.map { "\(message); \($0)" } ?? message }
}
