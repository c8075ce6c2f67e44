/// A date range named by the period it belongs to.
public struct DateWindow: Hashable, Sendable, CustomStringConvertible {
    public var id: String
    public var start: Day
    public var end: Day
    public init(id: String, start: Day, end: Day) { self.id = id; self.start = start; self.end = end }
    public var days: Int { start.distance(to: end) + 1 }
    public var description: String { "\(id) (\(start)..\(end))" }
}

/// Which months a weekly or monthly report charts (config `history.months_axis`, SPEC 6.2).
public enum MonthsAxis: String, Sendable, Hashable, CaseIterable {
    /// The trailing `history.months` months.
    case trailing
    /// The fiscal year holding the period's end, its first month to its last; later months have no actual.
    case fiscalYear = "fiscal_year"
}

/// How many trailing periods a report charts (config `history`).
public struct HistoryDepth: Sendable, Hashable {
    public var weeks: Int
    public var months: Int
    public var quarters: Int
    public var monthsAxis: MonthsAxis
    public init(weeks: Int = 6, months: Int = 12, quarters: Int = 8, monthsAxis: MonthsAxis = .trailing) {
        self.weeks = weeks; self.months = months; self.quarters = quarters; self.monthsAxis = monthsAxis
    }
}

/// One point of a trend: its own window (clamped to as-of when in progress) and its year-ago window.
public struct HistoryWindow: Hashable, Sendable {
    public var grain: Grain
    public var id: String
    public var start: Day
    /// The last day covered: the period's end, or as-of while it is in progress.
    public var end: Day
    /// The period's own last day.
    public var periodEnd: Day
    public var inProgress: Bool
    /// Weeks: 364 days back; months and quarters: the same period a year earlier (elapsed days only when in progress).
    public var yoy: DateWindow
    /// A month of a `fiscal_year` axis after the report's covered end: no actual; its yoy and target cover the whole month.
    public var afterEnd: Bool
    public init(grain: Grain, id: String, start: Day, end: Day, periodEnd: Day, inProgress: Bool, yoy: DateWindow, afterEnd: Bool = false) {
        self.grain = grain; self.id = id; self.start = start; self.end = end; self.periodEnd = periodEnd
        self.inProgress = inProgress; self.yoy = yoy; self.afterEnd = afterEnd
    }
}

/// Every window one report needs (SPEC 6.2).
public struct ReviewWindows: Hashable, Sendable {
    public var period: Period
    public var complete: Bool
    /// `as_of − start + 1` while in progress, else the period's day count.
    public var elapsedDays: Int
    /// The period's days that count: start … min(end, as-of).
    public var current: DateWindow
    public var prior: DateWindow
    public var yoy: DateWindow
    /// The prior window's own year-ago window (for `yoy_change_pct_prior`: growth speeding up or slowing down).
    public var priorYoy: DateWindow?
    /// Weekly reviews only (nil otherwise): the month — calendar or fiscal — holding the covered end, to that end.
    public var mtd: DateWindow?
    public var mtdYoy: DateWindow?
    /// Nil for quarterly reviews.
    public var qtd: DateWindow?
    public var qtdYoy: DateWindow?
    public var ytd: DateWindow
    public var ytdYoy: DateWindow
    /// Weeks before months for weekly reviews.
    public var history: [HistoryWindow]

    public init(period: Period, complete: Bool, elapsedDays: Int, current: DateWindow, prior: DateWindow, yoy: DateWindow,
                qtd: DateWindow?, qtdYoy: DateWindow?, ytd: DateWindow, ytdYoy: DateWindow, history: [HistoryWindow],
                mtd: DateWindow? = nil, mtdYoy: DateWindow? = nil, priorYoy: DateWindow? = nil) {
        self.period = period; self.complete = complete; self.elapsedDays = elapsedDays; self.current = current
        self.prior = prior; self.yoy = yoy; self.qtd = qtd; self.qtdYoy = qtdYoy; self.ytd = ytd; self.ytdYoy = ytdYoy
        self.history = history; self.mtd = mtd; self.mtdYoy = mtdYoy; self.priorYoy = priorYoy
    }
}

/// Why a `--period` value cannot be used (a usage error, exit 2).
public struct PeriodSelectionError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public init(message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    public var description: String { hint.map { "\(message); \($0)" } ?? message }
}
