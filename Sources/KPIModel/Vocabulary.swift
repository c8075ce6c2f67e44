import KPICalendar

// The words every stage shares: one enum each, used as they are from the config to the writers
// (no twin enum in another module, no bridge through `rawValue`). Raw values are the spellings of
// the config, the JSON result and the manifest (SPEC 3, 7.3, 7.4).

/// How often a review is made: weekly, monthly or quarterly.
public enum Cadence: String, Sendable, CaseIterable, Hashable {
    case weekly, monthly, quarterly

    /// The grain of the periods this cadence reviews.
    public var grain: Grain {
        switch self {
        case .weekly: return .week
        case .monthly: return .month
        case .quarterly: return .quarter
        }
    }
}

/// What a KPI's numbers are (display and formats).
public enum Unit: String, Sendable, Hashable, CaseIterable {
    case currency, count, percent, ratio, number
}

/// Which direction is good for a KPI.
public enum Better: String, Sendable, Hashable, CaseIterable {
    case higher, lower
}

/// A level of aggregation: the total (key `ALL`), a group of lines, or one product line.
public enum Level: String, Sendable, Hashable, CaseIterable {
    case total, group, line
}

/// A result's status against its target (`none`: no target or no value).
public enum Status: String, Sendable, Hashable, CaseIterable {
    case green, amber, red, none
}

/// How statuses are shown: emoji or words (`output.status_style`).
public enum StatusStyle: String, Sendable, Hashable, CaseIterable {
    case emoji, text
}
