/// The retail 52/53-week calendar of SPEC 13 (NRF-style): the fiscal year ends on a fixed weekday at
/// the end of `yearEndMonth`; weeks start the day after that weekday; each quarter is 13 weeks split into
/// fiscal months by `pattern`; a 53-week year adds its extra week to the last month (and so to Q4).
/// Ids: `FY2026-W01`…`W53`, `FY2026-M01`…`M12`, `FY2026-Q1`…`Q4`, `FY2026`.
public struct RetailCalendar: Sendable, Hashable {
    /// Weeks per fiscal month within each 13-week quarter.
    public enum Pattern: String, Sendable, Hashable, CaseIterable {
        case fourFourFive = "4-4-5", fourFiveFour = "4-5-4", fiveFourFour = "5-4-4"

        /// The three months' weeks, summing to 13.
        public var weeks: [Int] {
            switch self {
            case .fourFourFive: return [4, 4, 5]
            case .fourFiveFour: return [4, 5, 4]
            case .fiveFourFour: return [5, 4, 4]
            }
        }
    }

    /// Which `yearEndWeekday` ends the year: the month's last one, or the one nearest the month's last
    /// day (up to 3 days into the next month).
    public enum YearEndRule: String, Sendable, Hashable, CaseIterable {
        case last, nearest
    }

    /// `FY<Y>` (`end`) or `FY<Y−1>` (`start`), where Y is the calendar year whose `yearEndMonth` fixes
    /// the year's end: Walmart names a year by its end, Target and NRF by its start.
    public enum YearName: String, Sendable, Hashable, CaseIterable {
        case end, start
    }

    public var pattern: Pattern
    /// 1…12.
    public var yearEndMonth: Int
    public var yearEndWeekday: Weekday
    public var yearEndRule: YearEndRule
    public var fiscalYearNamedBy: YearName

    /// The defaults are SPEC 13's.
    public init(pattern: Pattern = .fourFourFive, yearEndMonth: Int = 1, yearEndWeekday: Weekday = .saturday,
                yearEndRule: YearEndRule = .last, fiscalYearNamedBy: YearName = .end) {
        self.pattern = pattern; self.yearEndMonth = yearEndMonth; self.yearEndWeekday = yearEndWeekday
        self.yearEndRule = yearEndRule; self.fiscalYearNamedBy = fiscalYearNamedBy
    }

    /// NRF's 4-5-4 calendar: the year ends on the Saturday nearest January 31 and is named by the
    /// calendar year it starts in (NRF's fiscal 2023 is 2023-01-29 … 2024-02-03, 53 weeks).
    public static let nrf = RetailCalendar(pattern: .fourFiveFour, yearEndMonth: 1, yearEndWeekday: .saturday,
                                           yearEndRule: .nearest, fiscalYearNamedBy: .start)

    /// The day after `yearEndWeekday`.
    public var weekStart: Weekday { Weekday(rawValue: (yearEndWeekday.rawValue + 1) % 7) ?? .monday }
}

// MARK: Years

/// A fiscal year is keyed internally by Y, the calendar year whose `yearEndMonth` fixes its end; its
/// id's number is Y or Y − 1 by `fiscalYearNamedBy`.
extension RetailCalendar {
    /// Guards against an unvalidated value; config validation reports the real error.
    var endMonth: Int { min(max(yearEndMonth, 1), 12) }

    /// The last day of the fiscal year keyed `key`.
    func yearEnd(key: Int) -> Day {
        let last = Day.civil(key, endMonth, Day.daysIn(year: key, month: endMonth))
        // Days since the most recent `yearEndWeekday` on or before the month's last day: 0…6.
        let back = (last.weekday - yearEndWeekday.rawValue + 7) % 7
        switch yearEndRule {
        case .last: return last.adding(days: -back)
        // Nearest: 0…3 days back, else 1…3 days forward (7 − back with back ≥ 4).
        case .nearest: return back <= 3 ? last.adding(days: -back) : last.adding(days: 7 - back)
        }
    }

    func yearStart(key: Int) -> Day { yearEnd(key: key - 1).adding(days: 1) }

    /// 52 or 53: consecutive year ends are the same weekday, 364 or 371 days apart.
    func weekCount(key: Int) -> Int { (yearStart(key: key).distance(to: yearEnd(key: key)) + 1) / 7 }

    /// The key of the fiscal year containing `day`.
    func key(containing day: Day) -> Int {
        let c = day.components
        var key = c.month > endMonth ? c.year + 1 : c.year
        // The estimate is off by at most one either way: a year ends within a week of its month's end.
        while day > yearEnd(key: key) { key += 1 }
        while day <= yearEnd(key: key - 1) { key -= 1 }
        return key
    }

    /// The number in a year's id.
    func idNumber(key: Int) -> Int { fiscalYearNamedBy == .end ? key : key - 1 }

    func key(idNumber: Int) -> Int { fiscalYearNamedBy == .end ? idNumber : idNumber + 1 }

    func yearID(key: Int) -> String { "FY" + Day.pad(idNumber(key: key), 4) }
}

// MARK: Weeks, months, quarters

extension RetailCalendar {
    /// Where a day falls: its fiscal year, and its week (0…52) and fiscal month (0…11) within it.
    struct Position {
        var key: Int
        var week: Int
        var month: Int
    }

    func position(of day: Day) -> Position {
        let key = key(containing: day)
        let week = yearStart(key: key).distance(to: day) / 7
        let quarter = min(week / 13, 3)
        // 0…12, and 13 for a 53rd week, which belongs to the quarter's last month.
        let inQuarter = week - 13 * quarter
        let w = pattern.weeks
        let month = inQuarter < w[0] ? 0 : inQuarter < w[0] + w[1] ? 1 : 2
        return Position(key: key, week: week, month: 3 * quarter + month)
    }

    /// `index` is 0…weekCount − 1.
    func week(key: Int, index: Int) -> Period {
        let start = yearStart(key: key).adding(days: 7 * index)
        return Period(grain: .week, id: yearID(key: key) + "-W" + Day.pad(index + 1, 2), start: start, end: start.adding(days: 6))
    }

    /// `index` is 0…11.
    func month(key: Int, index: Int) -> Period {
        let w = pattern.weeks
        let weeksBefore = 13 * (index / 3) + w.prefix(index % 3).reduce(0, +)
        let weeks = w[index % 3] + (index == 11 && weekCount(key: key) == 53 ? 1 : 0)
        let start = yearStart(key: key).adding(days: 7 * weeksBefore)
        return Period(grain: .month, id: yearID(key: key) + "-M" + Day.pad(index + 1, 2), start: start,
                      end: start.adding(days: 7 * weeks - 1))
    }

    /// `index` is 0…3; the fourth quarter ends with the year (14 weeks in a 53-week year).
    func quarter(key: Int, index: Int) -> Period {
        let start = yearStart(key: key).adding(days: 91 * index)
        return Period(grain: .quarter, id: yearID(key: key) + "-Q\(index + 1)", start: start,
                      end: index == 3 ? yearEnd(key: key) : start.adding(days: 90))
    }

    func year(key: Int) -> Period {
        Period(grain: .year, id: yearID(key: key), start: yearStart(key: key), end: yearEnd(key: key))
    }
}

// MARK: The calendar's answers

extension RetailCalendar: PeriodCalendar {
    public func period(_ grain: Grain, containing day: Day) -> Period {
        let p = position(of: day)
        switch grain {
        case .week: return week(key: p.key, index: p.week)
        case .month: return month(key: p.key, index: p.month)
        case .quarter: return quarter(key: p.key, index: p.month / 3)
        case .year: return year(key: p.key)
        }
    }

    /// SPEC 13: the same-numbered month, quarter or year of the previous fiscal year, compared as it is
    /// (a 4-week month with a 5-week one after a 53-week year); weeks keep the 364-day rule, so a 53rd
    /// week compares with the week 364 days earlier (week 1 of its own year).
    public func yearEarlier(_ p: Period) -> Period {
        let at = position(of: p.start)
        switch p.grain {
        case .week: return period(.week, containing: p.start.adding(days: -364))
        case .month: return month(key: at.key - 1, index: at.month)
        case .quarter: return quarter(key: at.key - 1, index: at.month / 3)
        case .year: return year(key: at.key - 1)
        }
    }

    /// SPEC 13: the same offset from the start of the same-numbered fiscal month a year earlier, clamped
    /// to that month; a fiscal month's last day maps to that month's last day.
    public func dayYearEarlier(_ day: Day) -> Day {
        let at = position(of: day)
        let own = month(key: at.key, index: at.month)
        let earlier = month(key: at.key - 1, index: at.month)
        if day == own.end { return earlier.end }
        return min(earlier.start.adding(days: own.start.distance(to: day)), earlier.end)
    }
}
