extension Day {
    /// For components already known to be valid (computed, never parsed).
    static func civil(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(number: Int32(daysFromCivil(year, month, day)))
    }

    /// Months count linearly from year 0 so that month arithmetic never special-cases December.
    static func firstOfMonth(index: Int) -> Day {
        let year = index >= 0 ? index / 12 : (index - 11) / 12
        return civil(year, index - year * 12 + 1, 1)
    }

    var monthIndex: Int { let c = components; return c.year * 12 + c.month - 1 }

    var isLastOfMonth: Bool { let c = components; return c.day == Day.daysIn(year: c.year, month: c.month) }
}

/// ISO 8601 week numbering: week 1 is the Monday-start week holding the year's first Thursday.
enum ISOWeek {
    static func yearAndWeek(ofMonday monday: Day) -> (year: Int, week: Int) {
        let thursday = monday.adding(days: 3)
        let year = thursday.year
        return (year, Day.civil(year, 1, 1).distance(to: thursday) / 7 + 1)
    }

    static func firstMonday(ofYear year: Int) -> Day {
        let jan4 = Day.civil(year, 1, 4)
        return jan4.adding(days: -jan4.weekday)
    }

    /// 52 or 53: December 28 always lies in a year's last ISO week.
    static func weekCount(ofYear year: Int) -> Int {
        let dec28 = Day.civil(year, 12, 28)
        return yearAndWeek(ofMonday: dec28.adding(days: -dec28.weekday)).week
    }
}

extension Weekday {
    var name: String { "\(self)" }
}

extension Grain {
    /// The report cadence of this grain, as the CLI spells it.
    var cadence: String {
        switch self {
        case .week: return "weekly"
        case .month: return "monthly"
        case .quarter: return "quarterly"
        case .year: return "yearly"
        }
    }
}

let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]

/// The Gregorian calendar of SPEC 5: weeks starting on `weekStart`, calendar months, and quarters and
/// years counted from `fiscalYearStartMonth`.
public struct GregorianCalendar: Sendable, Hashable {
    public var weekStart: Weekday
    /// 1…12; a fiscal year is named by the calendar year in which it ends.
    public var fiscalYearStartMonth: Int

    public init(weekStart: Weekday = .monday, fiscalYearStartMonth: Int = 1) {
        self.weekStart = weekStart; self.fiscalYearStartMonth = fiscalYearStartMonth
    }
}

extension GregorianCalendar: PeriodCalendar {
    /// The same date one calendar year earlier; a month's last day maps to that month's last day, so
    /// a to-date window ending on Feb 28 2029 compares with one ending on Feb 29 2028.
    public static func yearAgo(_ d: Day) -> Day {
        let c = d.components
        let lastDay = Day.daysIn(year: c.year - 1, month: c.month)
        return Day.civil(c.year - 1, c.month, d.isLastOfMonth ? lastDay : min(c.day, lastDay))
    }

    public func dayYearEarlier(_ day: Day) -> Day { GregorianCalendar.yearAgo(day) }

    /// Weeks compare with the week 364 days earlier (same weekdays; 2026-W53 → 2026-W01);
    /// other grains with the same period one calendar year earlier.
    public func yearEarlier(_ p: Period) -> Period {
        guard p.grain == .week else { return period(p.grain, containing: GregorianCalendar.yearAgo(p.start)) }
        return week(containing: p.start.adding(days: -364))
    }

    /// Guards against an unvalidated value; config validation reports the real error.
    var startMonth: Int { min(max(fiscalYearStartMonth, 1), 12) }

    /// SPEC 5: `FY` names exactly when the fiscal year does not start in January.
    var usesFiscalNames: Bool { startMonth != 1 }

    /// The week, month, fiscal quarter or fiscal year containing `day`.
    public func period(_ grain: Grain, containing day: Day) -> Period {
        switch grain {
        case .week: return week(containing: day)
        case .month: return month(index: day.monthIndex)
        case .quarter:
            let (fiscalYear, offset) = fiscalPosition(of: day)
            return quarter(fiscalYear: fiscalYear, number: offset / 3 + 1)
        case .year: return year(fiscal: fiscalPosition(of: day).fiscalYear)
        }
    }

    // MARK: Building periods

    func week(containing day: Day) -> Period {
        let offset = (day.weekday - weekStart.rawValue + 7) % 7
        return week(startingOn: day.adding(days: -offset))
    }

    func week(startingOn start: Day) -> Period {
        let end = start.adding(days: 6)
        return Period(grain: .week, id: weekID(start: start, end: end), start: start, end: end)
    }

    func weekID(start: Day, end: Day) -> String {
        guard weekStart == .monday else { return "WE-\(end)" }
        let iso = ISOWeek.yearAndWeek(ofMonday: start)
        return Day.pad(iso.year, 4) + "-W" + Day.pad(iso.week, 2)
    }

    func month(index: Int) -> Period {
        let start = Day.firstOfMonth(index: index)
        let c = start.components
        return Period(grain: .month, id: Day.pad(c.year, 4) + "-" + Day.pad(c.month, 2),
                      start: start, end: Day.firstOfMonth(index: index + 1).adding(days: -1))
    }

    /// The fiscal year's name (the calendar year in which it ends) and the months since it started.
    func fiscalPosition(of day: Day) -> (fiscalYear: Int, monthOffset: Int) {
        let c = day.components
        let startYear = c.month >= startMonth ? c.year : c.year - 1
        return (startYear + (usesFiscalNames ? 1 : 0), (c.month - startMonth + 12) % 12)
    }

    func fiscalYearStartIndex(_ fiscalYear: Int) -> Int {
        (fiscalYear - (usesFiscalNames ? 1 : 0)) * 12 + startMonth - 1
    }

    func yearID(_ fiscalYear: Int) -> String { (usesFiscalNames ? "FY" : "") + Day.pad(fiscalYear, 4) }

    /// `number` is 1…4.
    func quarter(fiscalYear: Int, number: Int) -> Period {
        let first = fiscalYearStartIndex(fiscalYear) + 3 * (number - 1)
        return Period(grain: .quarter, id: yearID(fiscalYear) + "-Q\(number)", start: Day.firstOfMonth(index: first),
                      end: Day.firstOfMonth(index: first + 3).adding(days: -1))
    }

    func year(fiscal fiscalYear: Int) -> Period {
        let first = fiscalYearStartIndex(fiscalYear)
        return Period(grain: .year, id: yearID(fiscalYear), start: Day.firstOfMonth(index: first),
                      end: Day.firstOfMonth(index: first + 12).adding(days: -1))
    }
}
