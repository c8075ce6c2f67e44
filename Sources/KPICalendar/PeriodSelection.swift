extension PeriodCalendar {
    /// The period named by `--period`: `current`, a date `YYYY-MM-DD` (the period containing it), or an id
    /// of the cadence's grain. A period that has not started by as-of has no data to review.
    public func resolve(period text: String, grain: Grain, asOf: Day) throws(PeriodSelectionError) -> Period {
        let selected = try selectedPeriod(text, grain: grain, asOf: asOf)
        guard selected.start <= asOf else {
            let latest = latestComplete(grain, asOf: asOf)
            let current = period(grain, containing: asOf)
            let hint = current == latest
                ? "the latest complete \(grain.rawValue) is \(latest.id)"
                : "the latest complete \(grain.rawValue) is \(latest.id); `current` is \(current.id), in progress"
            throw PeriodSelectionError(
                message: "\(selected.id) starts \(selected.start), after as-of \(asOf) (--period \(text))", hint: hint)
        }
        return selected
    }

    private func selectedPeriod(_ text: String, grain: Grain, asOf: Day) throws(PeriodSelectionError) -> Period {
        if text.lowercased() == "current" { return period(grain, containing: asOf) }
        if let day = Day.parse(text) { return period(grain, containing: day) }
        let named: Period
        do {
            named = try period(id: text)
        } catch {
            throw PeriodSelectionError(message: error.message, hint: error.hint)
        }
        guard named.grain == grain else {
            let example = period(grain, containing: named.start)
            throw PeriodSelectionError(
                message: "\(named.id) is a \(named.grain.rawValue), but the \(grain.cadence) cadence reviews a \(grain.rawValue) (--period \(text))",
                hint: "use a \(grain.rawValue) id such as \(example.id) (the \(grain.rawValue) containing \(named.start)), a date, or current")
        }
        return named
    }
}
