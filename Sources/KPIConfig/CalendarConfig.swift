import KPICalendar
import Yams

/// `calendar:` (SPEC 3, 5 and 13): a Gregorian calendar (`week_start`, `fiscal_year_start_month`), or
/// `type: retail` with its own keys. A key of one kind beside the other kind is an error at that key.
extension ConfigBuilder {
    enum CalendarType: String, CaseIterable { case gregorian, retail }

    static let gregorianCalendarKeys = ["week_start", "fiscal_year_start_month"]
    static let retailCalendarKeys = ["pattern", "year_end_month", "year_end_weekday", "year_end_rule", "fiscal_year_named_by"]

    mutating func readCalendar(_ node: Node) -> CalendarRules {
        let known = ["type"] + Self.gregorianCalendarKeys + Self.retailCalendarKeys
        guard let f = reader.fields(of: node, context: "calendar", known: known) else { return CalendarRules() }
        var type: CalendarType? = .gregorian
        if let node = f["type"] { type = reader.choice(node, key: "type", context: f.context, as: CalendarType.self) }
        switch type {
        case .gregorian:
            for key in Self.retailCalendarKeys { if let keyNode = f.keys[key] { retailKeyOnGregorian(key, keyNode) } }
            return readGregorian(f)
        case .retail:
            let retail = readRetail(f)
            if let keyNode = f.keys["week_start"] {
                reader.error(at: keyNode, "'week_start' cannot be set on a retail calendar: weeks start the day after year_end_weekday",
                             hint: "remove 'week_start'; weeks here start on \(retail.weekStart), the day after \(retail.yearEndWeekday)")
            }
            if let keyNode = f.keys["fiscal_year_start_month"] {
                reader.error(at: keyNode, "'fiscal_year_start_month' cannot be set on a retail calendar: its year ends at the end of year_end_month",
                             hint: startMonthHint(f["fiscal_year_start_month"]))
            }
            return .retail(retail)
        case nil:
            // The type is in error already; the other keys are still checked for their own values.
            _ = readGregorian(f)
            _ = readRetail(f)
            return CalendarRules()
        }
    }

    private mutating func retailKeyOnGregorian(_ key: String, _ keyNode: Node) {
        reader.error(at: keyNode, "'\(key)' applies only to a retail calendar in calendar",
                     hint: "add 'type: retail' to calendar, or remove '\(key)'")
    }

    /// A retail year starting in month m ends in month m − 1.
    private func startMonthHint(_ node: Node?) -> String {
        guard let month = node?.int, (1...12).contains(month) else {
            return "remove it and set year_end_month, the month the fiscal year ends in"
        }
        return "remove it and set year_end_month: \((month + 10) % 12 + 1), the month before, for a year starting in month \(month)"
    }

    private mutating func readGregorian(_ f: Fields) -> CalendarRules {
        var weekStart = Weekday.monday
        var startMonth = 1
        if let node = f["week_start"], let name = reader.text(node, key: "week_start", context: f.context) {
            if let day = Weekday(name: name.trimmingSpaces) { weekStart = day } else { badWeekday(node, key: "week_start", name) }
        }
        if let node = f["fiscal_year_start_month"],
           let month = reader.int(node, key: "fiscal_year_start_month", context: f.context, range: 1...12)
        {
            startMonth = month
        }
        return CalendarRules(weekStart: weekStart, fiscalYearStartMonth: startMonth)
    }

    private mutating func readRetail(_ f: Fields) -> RetailCalendar {
        var retail = RetailCalendar()
        if let node = f["pattern"], let text = reader.text(node, key: "pattern", context: f.context) {
            if let pattern = RetailCalendar.Pattern(rawValue: text.trimmingSpaces) {
                retail.pattern = pattern
            } else {
                let names = RetailCalendar.Pattern.allCases.map(\.rawValue)
                // `445` for `4-4-5`: the same weeks without the dashes.
                let digits = text.filter(\.isNumber)
                let match = names.first { $0.filter(\.isNumber) == digits }
                reader.error(at: node, "'pattern' must be one of \(names.joined(separator: ", ")) in calendar", value: text,
                             hint: match.map { "did you mean '\($0)'?" } ?? "the weeks of a quarter's three fiscal months, summing to 13")
            }
        }
        if let node = f["year_end_month"], let month = reader.int(node, key: "year_end_month", context: f.context, range: 1...12) {
            retail.yearEndMonth = month
        }
        if let node = f["year_end_weekday"], let name = reader.text(node, key: "year_end_weekday", context: f.context) {
            if let day = Weekday(name: name.trimmingSpaces) {
                retail.yearEndWeekday = day
            } else {
                badWeekday(node, key: "year_end_weekday", name)
            }
        }
        if let node = f["year_end_rule"],
           let rule = reader.choice(node, key: "year_end_rule", context: f.context, as: RetailCalendar.YearEndRule.self)
        {
            retail.yearEndRule = rule
        }
        if let node = f["fiscal_year_named_by"],
           let name = reader.choice(node, key: "fiscal_year_named_by", context: f.context, as: RetailCalendar.YearName.self)
        {
            retail.fiscalYearNamedBy = name
        }
        return retail
    }

    private mutating func badWeekday(_ node: Node, key: String, _ name: String) {
        let names = Weekday.allCases.map { "\($0)" }
        reader.error(at: node, "'\(key)' must be a day of the week, monday to sunday", value: name,
                     hint: Suggest.hint(for: name, among: names, noun: "days"))
    }
}
