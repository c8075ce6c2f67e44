import KPIModel
import KPICalendar

/// Daily revenue and active users per line over the whole plan span (data days and the rest of
/// the year): the bases of revenue and usage targets.
struct LedgerBook {
    var revenueCents: [[Int]]   // [line][plan day index]
    var activeUsers: [[Int]]    // [line][plan day index]
}

/// Writes revenue.csv, costs.csv and usage.csv: one row per line and day (two in usage.csv),
/// independent of the number of order rows.
struct DailyLedger {
    let company: SyntheticCompany
    let span: PlanSpan

    func write(revenue revenuePath: String, costs costsPath: String, usage usagePath: String) throws -> LedgerBook {
        let lines = company.lines
        let ids = lines.map { Array($0.id.utf8) }
        var book = LedgerBook(
            revenueCents: Array(repeating: Array(repeating: 0, count: span.planDays), count: lines.count),
            activeUsers: Array(repeating: Array(repeating: 0, count: span.planDays), count: lines.count))
        var random = SeededRandom(seed: company.seed, stream: 3)

        let revenue = try CSVByteWriter(path: revenuePath)
        let costs = try CSVByteWriter(path: costsPath)
        let usage = try CSVByteWriter(path: usagePath)
        try revenue.text("date,product_line,amount\n")
        try costs.text("date,product_line,amount\n")
        try usage.text("date,product_line,metric,value\n")

        for index in 0..<span.planDays {
            let day = span.day(index)
            let date = Array(day.description.utf8)
            let written = day <= span.lastDataDay
            for (l, line) in lines.enumerated() {
                let money = dailyMoney(line, index: index, day: day, &random)
                let users = dailyUsage(line, index: index, day: day, &random)
                book.revenueCents[l][index] = money.revenue
                book.activeUsers[l][index] = users.active
                guard written else { continue }
                try row(revenue, date, ids[l], nil, cents: money.revenue)
                try row(costs, date, ids[l], nil, cents: money.cost)
                try row(usage, date, ids[l], "active_users", whole: users.active)
                try row(usage, date, ids[l], "api_calls", whole: users.calls)
            }
        }
        try revenue.finish()
        try costs.finish()
        try usage.finish()
        return book
    }

    /// Recognised revenue follows the line's growth with a milder season than orders; cost is
    /// revenue times (1 − margin), the margin drifting slowly per line.
    private func dailyMoney(_ line: ProductLineProfile, index: Int, day: Day, _ random: inout SeededRandom)
        -> (revenue: Int, cost: Int)
    {
        let years = span.years(index)
        let growth = PortableMath.compound(line.revenueGrowth, years: years)
        let season = 1 + 0.5 * line.seasonAmplitude * PortableMath.cosTurns(CompanyCalendar.yearFraction(day) - line.seasonPeak)
        let weekday = CompanyCalendar.isWeekend(day) ? (line.isEnterprise ? 0.85 : 0.92) : 1
        let revenue = line.revenuePerDay * growth * season * weekday * random.wobble(0.05)
        let margin = line.grossMargin + line.marginDriftPerYear * years
        let cost = revenue * (1 - margin) * random.wobble(0.04)
        return (Int((revenue * 100).rounded()), Int((cost * 100).rounded()))
    }

    /// Active users is a smooth snapshot level; API calls follow it with a weekday rhythm.
    private func dailyUsage(_ line: ProductLineProfile, index: Int, day: Day, _ random: inout SeededRandom)
        -> (active: Int, calls: Int)
    {
        let growth = PortableMath.compound(line.usersGrowth, years: span.years(index))
        let season = 1 + 0.3 * line.seasonAmplitude * PortableMath.cosTurns(CompanyCalendar.yearFraction(day) - line.seasonPeak)
        let active = line.activeUsers * growth * season * random.wobble(0.006)
        let weekday = CompanyCalendar.isWeekend(day) ? (line.isEnterprise ? 0.55 : 0.85) : 1
        let calls = active * line.apiCallsPerUser * weekday * random.wobble(0.07)
        return (Int(active.rounded()), Int(calls.rounded()))
    }

    private func row(_ out: CSVByteWriter, _ date: [UInt8], _ line: [UInt8], _ metric: String?,
                     cents: Int? = nil, whole: Int? = nil) throws {
        try out.bytes(date); try out.comma()
        try out.bytes(line); try out.comma()
        if let metric { try out.text(metric); try out.comma() }
        if let cents { try out.cents(cents) }
        if let whole { try out.integer(whole) }
        try out.newline()
    }
}
