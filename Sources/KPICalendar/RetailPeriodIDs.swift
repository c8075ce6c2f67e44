extension RetailCalendar {
    /// Parses `FYyyyy-Www`, `FYyyyy-Mmm`, `FYyyyy-Qn` or `FYyyyy` (case-insensitive). A Gregorian
    /// calendar's ids (`2026-W46`, `WE-2026-11-14`, `2026-11`, `2026-Q4`, `2026`) are rejected with a
    /// hint naming the retail period that shares the most days with the one they name.
    public func period(id: String) throws(PeriodIDError) -> Period {
        let text = Array(id.uppercased().utf8)
        if let n = numbers(in: text, shape: "FY9999-W99") { return try week(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "FY9999-M99") { return try month(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "FY9999-Q9") { return try quarter(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "FY9999") { return try fiscalYear(n[0], id: id) }
        if let n = numbers(in: text, shape: "9999-W99") { throw isoWeekHint(year: n[0], week: n[1], id: id) }
        if let n = numbers(in: text, shape: "WE-9999-99-99") { throw weekEndingHint(n[0], n[1], n[2], id: id) }
        if let n = numbers(in: text, shape: "9999-99") { throw calendarMonthHint(year: n[0], month: n[1], id: id) }
        if let n = numbers(in: text, shape: "9999-Q9") { throw calendarQuarterHint(year: n[0], number: n[1], id: id) }
        if let n = numbers(in: text, shape: "9999") { throw calendarYearHint(n[0], id: id) }
        throw PeriodIDError(message: "not a period id (\(id))", hint: "period ids look like " + exampleIDs())
    }

    // MARK: Retail ids

    private func checkYear(_ number: Int, id: String) throws(PeriodIDError) -> Int {
        guard number >= 1 else { throw PeriodIDError(message: "year \(number) is out of range (\(id))") }
        return key(idNumber: number)
    }

    private func week(year: Int, number: Int, id: String) throws(PeriodIDError) -> Period {
        let key = try checkYear(year, id: id)
        let count = weekCount(key: key)
        guard number >= 1, number <= count else {
            let last = week(key: key, index: count - 1)
            throw PeriodIDError(message: "week \(number) does not exist in \(yearID(key: key)), which has \(count) weeks (\(id))",
                                hint: "the last week of \(yearID(key: key)) is \(last.description)")
        }
        return week(key: key, index: number - 1)
    }

    private func month(year: Int, number: Int, id: String) throws(PeriodIDError) -> Period {
        let key = try checkYear(year, id: id)
        guard number >= 1, number <= 12 else {
            throw PeriodIDError(message: "month \(number) does not exist (\(id))",
                                hint: "fiscal months are M01 to M12, as in \(yearID(key: key))-M01")
        }
        return month(key: key, index: number - 1)
    }

    private func quarter(year: Int, number: Int, id: String) throws(PeriodIDError) -> Period {
        let key = try checkYear(year, id: id)
        guard number >= 1, number <= 4 else {
            throw PeriodIDError(message: "quarter \(number) does not exist (\(id))", hint: "quarters are Q1 to Q4")
        }
        return quarter(key: key, index: number - 1)
    }

    private func fiscalYear(_ number: Int, id: String) throws(PeriodIDError) -> Period {
        year(key: try checkYear(number, id: id))
    }

    // MARK: A Gregorian calendar's ids

    /// "<id> does not fit the calendar" with the retail period of `grain` that shares the most days with start…end.
    private func foreign(_ id: String, _ grain: Grain, _ form: String, start: Day, end: Day) -> PeriodIDError {
        let p = mostOverlapping(grain, start: start, end: end)
        let shared = p.start <= start && p.end >= end ? "falls in" : "falls mostly in"
        let range = start == end ? "\(start)" : "\(start)..\(end)"
        return PeriodIDError(
            message: "\(id) does not fit the calendar: on this retail calendar \(grain.rawValue)s are named \(form)",
            hint: "\(range) \(shared) \(p.description): did you mean \(p.id)?")
    }

    private func notFitting(_ id: String, _ grain: Grain, _ form: String) -> PeriodIDError {
        PeriodIDError(message: "\(id) does not fit the calendar: on this retail calendar \(grain.rawValue)s are named \(form)",
                      hint: "period ids look like " + exampleIDs())
    }

    private func isoWeekHint(year: Int, week: Int, id: String) -> PeriodIDError {
        guard year >= 1, week >= 1, week <= ISOWeek.weekCount(ofYear: year) else { return notFitting(id, .week, "FYyyyy-Www") }
        let monday = ISOWeek.firstMonday(ofYear: year).adding(days: 7 * (week - 1))
        return foreign(id, .week, "FYyyyy-Www", start: monday, end: monday.adding(days: 6))
    }

    private func weekEndingHint(_ y: Int, _ m: Int, _ d: Int, id: String) -> PeriodIDError {
        guard y >= 1, let day = Day(year: y, month: m, day: d) else { return notFitting(id, .week, "FYyyyy-Www") }
        return foreign(id, .week, "FYyyyy-Www", start: day.adding(days: -6), end: day)
    }

    private func calendarMonthHint(year: Int, month: Int, id: String) -> PeriodIDError {
        guard year >= 1, month >= 1, month <= 12 else { return notFitting(id, .month, "FYyyyy-Mmm") }
        let index = year * 12 + month - 1
        return foreign(id, .month, "FYyyyy-Mmm", start: Day.firstOfMonth(index: index),
                       end: Day.firstOfMonth(index: index + 1).adding(days: -1))
    }

    private func calendarQuarterHint(year: Int, number: Int, id: String) -> PeriodIDError {
        guard year >= 1, number >= 1, number <= 4 else { return notFitting(id, .quarter, "FYyyyy-Qn") }
        let first = year * 12 + 3 * (number - 1)
        return foreign(id, .quarter, "FYyyyy-Qn", start: Day.firstOfMonth(index: first),
                       end: Day.firstOfMonth(index: first + 3).adding(days: -1))
    }

    private func calendarYearHint(_ year: Int, id: String) -> PeriodIDError {
        guard year >= 1 else { return notFitting(id, .year, "FYyyyy") }
        return foreign(id, .year, "FYyyyy", start: Day.civil(year, 1, 1), end: Day.civil(year, 12, 31))
    }
}
