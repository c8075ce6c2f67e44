import KPICalendar

/// The few calendar facts the generator needs, computed on day numbers.
enum CompanyCalendar {
    /// A day from components known to be valid (a constant or a computed month end).
    static func day(_ year: Int, _ month: Int, _ day: Int) -> Day {
        Day(number: Int32(Day.daysFromCivil(year, month, day)))
    }

    static func lastDayOfMonth(_ year: Int, _ month: Int) -> Day {
        day(year, month, Day.daysIn(year: year, month: month))
    }

    /// Position inside the calendar year, 0 on 1 January: the phase of yearly seasonality.
    static func yearFraction(_ d: Day) -> Double {
        Double(day(d.year, 1, 1).distance(to: d)) / 365.25
    }

    /// The last ten days of March, June, September and December, when sales teams close deals.
    static func isQuarterEndRush(_ d: Day) -> Bool {
        let c = d.components
        return c.month % 3 == 0 && c.day > Day.daysIn(year: c.year, month: c.month) - 10
    }

    static func isWeekend(_ d: Day) -> Bool { d.weekday >= 5 }

    /// `YYYY-Www` of the ISO week starting on `monday` (its year is the year of its Thursday).
    static func isoWeekID(monday: Day) -> String {
        let thursday = monday.adding(days: 3)
        let year = thursday.year
        let week = day(year, 1, 1).distance(to: thursday) / 7 + 1
        return pad(year, 4) + "-W" + pad(week, 2)
    }

    static func monthID(_ year: Int, _ month: Int) -> String { pad(year, 4) + "-" + pad(month, 2) }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
