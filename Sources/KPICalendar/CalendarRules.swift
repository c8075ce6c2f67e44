/// The calendar a company reports in: Gregorian months (SPEC 5) or a retail 52/53-week year (SPEC 13).
/// The run holds one of these and asks it, through `PeriodCalendar`, for periods, ids and windows; it
/// never needs to know which kind it has.
public struct CalendarRules: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case gregorian(GregorianCalendar)
        case retail(RetailCalendar)
    }

    public var kind: Kind

    /// A Gregorian calendar (the default: ISO weeks, a January fiscal year).
    public init(weekStart: Weekday = .monday, fiscalYearStartMonth: Int = 1) {
        kind = .gregorian(GregorianCalendar(weekStart: weekStart, fiscalYearStartMonth: fiscalYearStartMonth))
    }

    public init(_ kind: Kind) { self.kind = kind }

    public static func retail(_ calendar: RetailCalendar) -> CalendarRules { CalendarRules(.retail(calendar)) }

    /// The first day of every week: `week_start`, or the day after a retail year's `year_end_weekday`.
    public var weekStart: Weekday {
        switch kind {
        case .gregorian(let g): return g.weekStart
        case .retail(let r): return r.weekStart
        }
    }

    /// `fiscal_year_start_month`; for a retail calendar the month after `year_end_month`, which holds most
    /// of its first fiscal month.
    public var fiscalYearStartMonth: Int {
        switch kind {
        case .gregorian(let g): return g.fiscalYearStartMonth
        case .retail(let r): return r.endMonth % 12 + 1
        }
    }

    /// SPEC 6.2's Gregorian to-date rule: the same date a calendar year earlier, month end to month end.
    public static func yearAgo(_ d: Day) -> Day { GregorianCalendar.yearAgo(d) }
}

extension CalendarRules: PeriodCalendar {
    public func period(_ grain: Grain, containing day: Day) -> Period {
        switch kind {
        case .gregorian(let g): return g.period(grain, containing: day)
        case .retail(let r): return r.period(grain, containing: day)
        }
    }

    public func period(id: String) throws(PeriodIDError) -> Period {
        switch kind {
        case .gregorian(let g): return try g.period(id: id)
        case .retail(let r): return try r.period(id: id)
        }
    }

    public func yearEarlier(_ p: Period) -> Period {
        switch kind {
        case .gregorian(let g): return g.yearEarlier(p)
        case .retail(let r): return r.yearEarlier(p)
        }
    }

    public func dayYearEarlier(_ day: Day) -> Day {
        switch kind {
        case .gregorian(let g): return g.dayYearEarlier(day)
        case .retail(let r): return r.dayYearEarlier(day)
        }
    }
}
