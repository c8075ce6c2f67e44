/// The numbers of `text` when it has `shape`, where `9` stands for one ASCII digit and every other
/// character must match itself; nil otherwise. `"9999-W99"` on `2026-W46` gives `[2026, 46]`.
func numbers(in text: [UInt8], shape: String) -> [Int]? {
    let pattern = Array(shape.utf8)
    guard text.count == pattern.count else { return nil }
    var result: [Int] = []
    var inRun = false
    for (c, p) in zip(text, pattern) {
        if p == UInt8(ascii: "9") {
            guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
            let digit = Int(c - UInt8(ascii: "0"))
            if inRun, let last = result.popLast() { result.append(last * 10 + digit) } else { result.append(digit) }
            inRun = true
        } else {
            guard c == p else { return nil }
            inRun = false
        }
    }
    return result
}

extension GregorianCalendar {
    /// Parses a week, month, quarter or year id as SPEC 5 spells it for this calendar (case-insensitive).
    /// The other calendar's forms — another week start or fiscal year start, or a retail calendar's
    /// `FYyyyy-Www` / `FYyyyy-Mmm` — are rejected with a hint naming the id to use, so every period has one id.
    public func period(id: String) throws(PeriodIDError) -> Period {
        let text = Array(id.uppercased().utf8)
        if let n = numbers(in: text, shape: "9999-W99") { return try isoWeek(year: n[0], week: n[1], id: id) }
        if let n = numbers(in: text, shape: "WE-9999-99-99") { return try weekEnding(n[0], n[1], n[2], id: id) }
        if let n = numbers(in: text, shape: "9999-99") { return try month(year: n[0], month: n[1], id: id) }
        if let n = numbers(in: text, shape: "9999-Q9") { return try calendarQuarter(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "FY9999-Q9") { return try fiscalQuarter(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "9999") { return try calendarYear(n[0], id: id) }
        if let n = numbers(in: text, shape: "FY9999") { return try fiscalYear(n[0], id: id) }
        if let n = numbers(in: text, shape: "FY9999-W99") { throw retailWeekHint(year: n[0], week: n[1], id: id) }
        if let n = numbers(in: text, shape: "FY9999-M99") { throw retailMonthHint(year: n[0], month: n[1], id: id) }
        throw PeriodIDError(message: "not a period id (\(id))", hint: "period ids look like " + exampleIDs())
    }

    // MARK: Weeks

    private func isoWeek(year: Int, week: Int, id: String) throws(PeriodIDError) -> Period {
        let count = ISOWeek.weekCount(ofYear: year)
        let exists = year >= 1 && week >= 1 && week <= count
        let start = ISOWeek.firstMonday(ofYear: year).adding(days: 7 * (week - 1))
        guard weekStart == .monday else {
            let lastDay = Weekday(rawValue: (weekStart.rawValue + 6) % 7)?.name ?? "last day"
            let hint = exists
                ? "use \(self.week(containing: start.adding(days: 3)).id), the week holding that ISO week's Thursday"
                : "name a week by its last day (a \(lastDay)), e.g. \(self.week(containing: Day.civil(2026, 11, 12)).id)"
            throw PeriodIDError(
                message: "ISO week ids are used only when weeks start on Monday; weeks here start on \(weekStart.name) (\(id))",
                hint: hint)
        }
        guard exists else {
            let hint = year >= 1 ? "the last week of \(Day.pad(year, 4)) is \(Day.pad(year, 4))-W\(count)" : nil
            throw PeriodIDError(message: "week \(week) does not exist in ISO year \(year), which has \(count) weeks (\(id))",
                                hint: hint)
        }
        return self.week(startingOn: start)
    }

    private func weekEnding(_ y: Int, _ m: Int, _ d: Int, id: String) throws(PeriodIDError) -> Period {
        guard y >= 1, let day = Day(year: y, month: m, day: d) else {
            throw PeriodIDError(message: "not a date (\(id))", hint: "WE- ids name a week's last day as WE-YYYY-MM-DD")
        }
        let week = self.week(containing: day)
        guard weekStart != .monday else {
            throw PeriodIDError(message: "WE- ids are used only when weeks do not start on Monday; weeks here are ISO weeks (\(id))",
                                hint: "did you mean \(week.id)?")
        }
        guard week.end == day else {
            // Week ends are 7 days apart, so exactly one is nearest.
            let nearest = week.end.distance(to: day) > -4 ? week.end : week.end.adding(days: -7)
            throw PeriodIDError(
                message: "\(day) is not the last day of a week; weeks start on \(weekStart.name) (\(id))",
                hint: "did you mean WE-\(nearest)?")
        }
        return week
    }

    // MARK: Months, quarters, years

    private func month(year: Int, month: Int, id: String) throws(PeriodIDError) -> Period {
        guard year >= 1, month >= 1, month <= 12 else {
            throw PeriodIDError(message: "month \(month) does not exist (\(id))", hint: "months are 01 to 12, as in 2026-11")
        }
        return self.month(index: year * 12 + month - 1)
    }

    private func checkQuarter(_ year: Int, _ number: Int, id: String) throws(PeriodIDError) {
        guard year >= 1, number >= 1, number <= 4 else {
            throw PeriodIDError(message: "quarter \(number) does not exist (\(id))", hint: "quarters are Q1 to Q4")
        }
    }

    private func calendarQuarter(year: Int, number: Int, id: String) throws(PeriodIDError) -> Period {
        try checkQuarter(year, number, id: id)
        guard !usesFiscalNames else {
            let first = Day.civil(year, 3 * number - 2, 1)
            let fiscal = period(.quarter, containing: first)
            throw PeriodIDError(
                message: "\(id) does not fit the calendar: the fiscal year starts in \(monthNames[startMonth - 1]), so quarters are named FYyyyy-Qn",
                hint: "\(first) falls in \(fiscal.description): did you mean \(fiscal.id)?")
        }
        return quarter(fiscalYear: year, number: number)
    }

    private func fiscalQuarter(year: Int, number: Int, id: String) throws(PeriodIDError) -> Period {
        try checkQuarter(year, number, id: id)
        guard usesFiscalNames else {
            throw PeriodIDError(message: "\(id) does not fit the calendar: the fiscal year starts in January, so quarters are named YYYY-Qn",
                                hint: "did you mean \(Day.pad(year, 4))-Q\(number)?")
        }
        return quarter(fiscalYear: year, number: number)
    }

    private func calendarYear(_ year: Int, id: String) throws(PeriodIDError) -> Period {
        guard year >= 1 else { throw PeriodIDError(message: "year \(year) is out of range (\(id))") }
        guard !usesFiscalNames else {
            let fiscal = period(.year, containing: Day.civil(year, 1, 1))
            throw PeriodIDError(
                message: "\(id) does not fit the calendar: the fiscal year starts in \(monthNames[startMonth - 1]), so years are named FYyyyy",
                hint: "FY ids name the calendar year in which the fiscal year ends: did you mean \(fiscal.id) (\(fiscal.start)..\(fiscal.end))?")
        }
        return self.year(fiscal: year)
    }

    private func fiscalYear(_ year: Int, id: String) throws(PeriodIDError) -> Period {
        guard year >= 1 else { throw PeriodIDError(message: "year \(year) is out of range (\(id))") }
        guard usesFiscalNames else {
            throw PeriodIDError(message: "\(id) does not fit the calendar: the fiscal year starts in January, so years are named YYYY",
                                hint: "did you mean \(Day.pad(year, 4))?")
        }
        return self.year(fiscal: year)
    }

    // MARK: A retail calendar's ids

    /// `FY2026-W05` names a retail week; here it is read as the fifth week of fiscal year FY2026 (or 2026).
    private func retailWeekHint(year: Int, week: Int, id: String) -> PeriodIDError {
        let form = weekStart == .monday ? "ISO weeks, named YYYY-Www" : "named WE-YYYY-MM-DD by their last day"
        let message = "retail week ids are used only on a retail calendar; weeks here are \(form) (\(id))"
        guard year >= 1, week >= 1, week <= 53 else { return PeriodIDError(message: message) }
        let first = self.year(fiscal: year).start
        let day = first.adding(days: 7 * (week - 1))
        return PeriodIDError(
            message: message,
            hint: "week \(week) of \(yearID(year)) counted from its first day (\(first)) starts \(day): did you mean \(self.week(containing: day).id)?")
    }

    /// `FY2026-M03` names a retail month; here it is read as the third month of fiscal year FY2026 (or 2026).
    private func retailMonthHint(year: Int, month: Int, id: String) -> PeriodIDError {
        let message = "retail month ids are used only on a retail calendar; months here are calendar months, named YYYY-MM (\(id))"
        guard year >= 1, month >= 1, month <= 12 else { return PeriodIDError(message: message) }
        let named = self.month(index: fiscalYearStartIndex(year) + month - 1)
        return PeriodIDError(message: message, hint: "did you mean \(named.id), month \(month) of \(yearID(year))?")
    }
}
