/// Words every writer shows for the report's own values, so the Markdown, HTML and email say the same.
extension Cadence {
    /// `Weekly`, `Monthly`, `Quarterly`.
    public var title: String {
        switch self {
        case .weekly: return "Weekly"
        case .monthly: return "Monthly"
        case .quarterly: return "Quarterly"
        }
    }

    /// `week`, `month`, `quarter`.
    public var periodNoun: String {
        switch self {
        case .weekly: return "week"
        case .monthly: return "month"
        case .quarterly: return "quarter"
        }
    }
}

extension Status {
    /// The status as a word, for readers who cannot tell the colours apart: `green`, `amber`,
    /// `red`, `no target`.
    public var word: String { self == .none ? "no target" : rawValue }
}
