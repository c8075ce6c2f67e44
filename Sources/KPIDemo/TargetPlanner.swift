import KPIModel
import KPICalendar

/// Writes targets.csv as a planning team would: monthly bookings, revenue and active-user
/// targets per line for the current and the previous year, revenue by quarter (the sum of its
/// months), weekly revenue targets for Cloud Platform around the last day, and a company-wide
/// gross margin percent per year.
///
/// Targets are the plan basis (the line's own numbers, extended past the last day by its recent
/// run rate) times the line's ambition, so lines land on both sides of their targets.
struct TargetPlanner {
    let company: SyntheticCompany
    let span: PlanSpan
    let bookings: BookingsBook
    let ledger: LedgerBook

    static let header = "kpi,product_line,period,target\n"
    /// Gross margin targets (percent) for the previous and the current year.
    static let grossMarginPercent = (previous: 60, current: 62)
    static let weeklyTargetWeeks = 8

    func write(to path: String) throws {
        var random = SeededRandom(seed: company.seed, stream: 4)
        let out = try CSVByteWriter(path: path)
        try out.text(Self.header)

        for (l, line) in company.lines.enumerated() {
            for (year, month) in plannedMonths() {
                let basis = bookingsBasis(line: l, days: monthDays(year, month))
                try row(out, "bookings", line.id, CompanyCalendar.monthID(year, month),
                        dollars: basis * ambition(line, year) * random.wobble(0.02))
            }
        }
        for (l, line) in company.lines.enumerated() {
            var quarterSums: [Int: Int] = [:]
            for (year, month) in plannedMonths() {
                let basis = revenueBasis(line: l, days: monthDays(year, month))
                let target = roundedDollars(basis * ambition(line, year) * random.wobble(0.02))
                try row(out, "revenue", line.id, CompanyCalendar.monthID(year, month), whole: target)
                if year == currentYear { quarterSums[(month - 1) / 3 + 1, default: 0] += target }
            }
            for quarter in quarterSums.keys.sorted() {
                try row(out, "revenue", line.id, "\(currentYear)-Q\(quarter)", whole: quarterSums[quarter] ?? 0)
            }
            if l == 0 { try writeWeeklyRevenue(out, line: l, &random) }
        }
        try row(out, "gross_margin_pct", "ALL", String(currentYear - 1), percent: Self.grossMarginPercent.previous)
        try row(out, "gross_margin_pct", "ALL", String(currentYear), percent: Self.grossMarginPercent.current)
        for (l, line) in company.lines.enumerated() {
            for (year, month) in plannedMonths() {
                let level = Double(ledger.activeUsers[l][span.index(CompanyCalendar.lastDayOfMonth(year, month))])
                let ambition = year == currentYear ? line.usersAmbition : (1 + line.usersAmbition) / 2
                let target = Int((level * ambition * random.wobble(0.01) / 10).rounded()) * 10
                try row(out, "active_users", line.id, CompanyCalendar.monthID(year, month), whole: target)
            }
        }
        try out.finish()
    }

    var currentYear: Int { span.targetYears[span.targetYears.count - 1] }

    /// Months of the target years that the data covers from their first day.
    func plannedMonths() -> [(year: Int, month: Int)] {
        span.targetYears.flatMap { year in (1...12).map { (year, $0) } }
            .filter { CompanyCalendar.day($0.year, $0.month, 1) >= span.firstDay }
    }

    private func monthDays(_ year: Int, _ month: Int) -> ClosedRange<Day> {
        CompanyCalendar.day(year, month, 1)...CompanyCalendar.lastDayOfMonth(year, month)
    }

    private func ambition(_ line: ProductLineProfile, _ year: Int) -> Double {
        year == currentYear ? line.ambitionCurrentYear : line.ambitionPreviousYear
    }

    /// Actual bookings on data days; later days at the average of the last 28 data days.
    private func bookingsBasis(line: Int, days: ClosedRange<Day>) -> Double {
        let first = span.index(days.lowerBound)
        let last = span.index(days.upperBound)
        let lastData = span.dataDays - 1
        let known = first > lastData ? 0 : bookings.dollars(line: line, days: first..<(min(last, lastData) + 1))
        let missing = last - max(first - 1, lastData)
        guard missing > 0 else { return known }
        let recent = bookings.dollars(line: line, days: max(0, lastData - 27)..<(lastData + 1))
        return known + recent / Double(min(28, span.dataDays)) * Double(missing)
    }

    private func revenueBasis(line: Int, days: ClosedRange<Day>) -> Double {
        var cents = 0
        for i in span.index(days.lowerBound)...span.index(days.upperBound) { cents += ledger.revenueCents[line][i] }
        return Double(cents) / 100
    }

    /// Eight ISO weeks around the last day (five before its week, two after): a weekly run-rate
    /// plan for the line's push, finer than its months.
    private func writeWeeklyRevenue(_ out: CSVByteWriter, line l: Int, _ random: inout SeededRandom) throws {
        let line = company.lines[l]
        let thisMonday = span.lastDataDay.adding(days: -span.lastDataDay.weekday)
        for w in 0..<Self.weeklyTargetWeeks {
            let monday = thisMonday.adding(days: 7 * (w - 5))
            let sunday = monday.adding(days: 6)
            guard monday >= span.firstDay, sunday <= span.lastPlanDay else { continue }
            let basis = revenueBasis(line: l, days: monday...sunday)
            try row(out, "revenue", line.id, CompanyCalendar.isoWeekID(monday: monday),
                    dollars: basis * ambition(line, sunday.year) * random.wobble(0.02))
        }
    }

    private func roundedDollars(_ value: Double) -> Int { Int((value / 100).rounded()) * 100 }

    private func row(_ out: CSVByteWriter, _ kpi: String, _ line: String, _ period: String,
                     dollars: Double? = nil, whole: Int? = nil, percent: Int? = nil) throws {
        try out.text(kpi); try out.comma()
        try out.text(line); try out.comma()
        try out.text(period); try out.comma()
        if let dollars { try out.integer(roundedDollars(dollars)) }
        if let whole { try out.integer(whole) }
        if let percent { try out.integer(percent); try out.byte(UInt8(ascii: "%")) }
        try out.newline()
    }
}
