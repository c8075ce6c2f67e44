/// What one kind of calendar supplies — the Gregorian months of SPEC 5 (`GregorianCalendar`) or the
/// retail 52/53-week year of SPEC 13 (`RetailCalendar`). Everything a run asks of a calendar beyond
/// these four (navigation, `--period` selection, review windows, history) is built once on them,
/// below and in PeriodSelection.swift and ReviewWindowBuilder.swift, so both kinds answer alike.
public protocol PeriodCalendar: Sendable {
    /// The week, month, fiscal quarter or fiscal year containing `day`.
    func period(_ grain: Grain, containing day: Day) -> Period

    /// Parses a week, month, quarter or year id as this calendar spells it (case-insensitive). Ids of the
    /// other calendar kind, or of another setting of this one, are rejected with a hint naming the id to use.
    func period(id: String) throws(PeriodIDError) -> Period

    /// The period a year-over-year comparison of `p` uses (SPEC 6.2, 13): for weeks the week 364 days
    /// earlier, for other grains the same period of the previous (fiscal) year.
    func yearEarlier(_ p: Period) -> Period

    /// The day a to-date window (MTD, QTD, YTD) ending or starting on `day` maps to one year earlier.
    func dayYearEarlier(_ day: Day) -> Day
}

extension PeriodCalendar {
    public func previous(_ p: Period) -> Period { period(p.grain, containing: p.start.adding(days: -1)) }

    public func next(_ p: Period) -> Period { period(p.grain, containing: p.end.adding(days: 1)) }

    /// The default `--period`: the latest period that ends on or before as-of.
    public func latestComplete(_ grain: Grain, asOf: Day) -> Period {
        let p = period(grain, containing: asOf)
        return p.end == asOf ? p : previous(p)
    }

    /// Backfill (`--from/--to`): every period whose end lies in [from, through], ascending.
    public func completePeriods(_ grain: Grain, endingFrom from: Day, through: Day) -> [Period] {
        var result: [Period] = []
        var p = period(grain, containing: from)
        while p.end <= through {
            result.append(p)
            // Invariant: periods of one grain tile the days, so `next` starts after `p` ends; the guard keeps
            // a calendar that broke it from looping forever.
            let following = next(p)
            guard following.start > p.end else { break }
            p = following
        }
        return result
    }

    /// The period of `grain` sharing the most days with `start…end` (the earlier one on a tie): what a
    /// "did you mean" hint names for a range written in another calendar's ids.
    func mostOverlapping(_ grain: Grain, start: Day, end: Day) -> Period {
        var best = period(grain, containing: start)
        var bestDays = 0
        var p = best
        while p.start <= end {
            let days = max(p.start, start).distance(to: min(p.end, end)) + 1
            if days > bestDays { best = p; bestDays = days }
            let following = next(p)
            guard following.start > p.end else { break }  // as in completePeriods
            p = following
        }
        return best
    }

    /// This calendar's id forms, shown on the week of 2026-11-12.
    func exampleIDs() -> String {
        let day = Day.civil(2026, 11, 12)
        let ids = Grain.allCases.map { period($0, containing: day).id }
        return "\(ids[0]) (week), \(ids[1]) (month), \(ids[2]) (quarter), \(ids[3]) (year)"
    }
}
