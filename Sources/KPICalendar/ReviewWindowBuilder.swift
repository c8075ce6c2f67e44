extension PeriodCalendar {
    /// Every window one review of `period` needs (SPEC 6.2). Callers pass a period starting on or before as-of.
    public func reviewWindows(grain: Grain, period: Period, asOf: Day, history depth: HistoryDepth) -> ReviewWindows {
        let complete = period.end <= asOf
        let elapsed = complete ? period.days : period.start.distance(to: asOf) + 1
        let coveredEnd = min(period.end, asOf)
        let quarterly = grain == .quarter || grain == .year
        let qtd = quarterly ? nil : toDate(.quarter, through: coveredEnd)
        let ytd = toDate(.year, through: coveredEnd)
        let mtd = grain == .week ? toDate(.month, through: coveredEnd) : nil
        let prior = previous(period)
        let comparedDays = complete ? Int.max / 2 : elapsed
        return ReviewWindows(
            period: period, complete: complete, elapsedDays: elapsed,
            current: DateWindow(id: period.id, start: period.start, end: coveredEnd),
            // Only an in-progress period clamps its comparisons to the elapsed days (SPEC 6.2).
            prior: elapsedWindow(of: prior, days: comparedDays),
            yoy: elapsedWindow(of: yearEarlier(period), days: comparedDays),
            qtd: qtd, qtdYoy: qtd.map { yearAgo($0, grain: .quarter) },
            ytd: ytd, ytdYoy: yearAgo(ytd, grain: .year),
            history: history(grain: grain, period: period, asOf: asOf, depth: depth),
            mtd: mtd, mtdYoy: mtd.map { yearAgo($0, grain: .month) },
            priorYoy: elapsedWindow(of: yearEarlier(prior), days: comparedDays))
    }

    /// The first `days` days of `p`, clamped to its end: how an in-progress period's comparisons stay like for like.
    func elapsedWindow(of p: Period, days: Int) -> DateWindow {
        DateWindow(id: p.id, start: p.start, end: days >= p.days ? p.end : min(p.start.adding(days: days - 1), p.end))
    }

    /// MTD/QTD/YTD. Anchored on the last covered day, which lies in the same quarter as the period's end whenever
    /// as-of has reached that quarter; an in-progress week whose end crosses into a quarter not yet begun
    /// keeps its days in the quarter it actually covers rather than getting an empty window.
    func toDate(_ grain: Grain, through end: Day) -> DateWindow {
        let p = period(grain, containing: end)
        return DateWindow(id: p.id, start: p.start, end: end)
    }

    /// A to-date window's year-ago window, day by day as the calendar maps them (SPEC 6.2, 13).
    func yearAgo(_ w: DateWindow, grain: Grain) -> DateWindow {
        let start = dayYearEarlier(w.start)
        return DateWindow(id: period(grain, containing: start).id, start: start, end: dayYearEarlier(w.end))
    }

    // MARK: History

    func history(grain: Grain, period: Period, asOf: Day, depth: HistoryDepth) -> [HistoryWindow] {
        if depth.monthsAxis == .fiscalYear && (grain == .week || grain == .month) {
            let weeks = grain == .week ? trailing(depth.weeks, endingWith: period).map { historyPoint($0, asOf: asOf) } : []
            return weeks + fiscalYearMonths(through: min(period.end, asOf))
        }
        switch grain {
        case .week:
            let months = trailing(depth.months, endingWith: latestComplete(.month, asOf: min(period.end, asOf)))
            return (trailing(depth.weeks, endingWith: period) + months).map { historyPoint($0, asOf: asOf) }
        case .month:
            return trailing(depth.months + 1, endingWith: period).map { historyPoint($0, asOf: asOf) }
        case .quarter:
            return trailing(depth.quarters, endingWith: period).map { historyPoint($0, asOf: asOf) }
        case .year:
            return []
        }
    }

    /// `history.months_axis: fiscal_year` (SPEC 6.2): every month of the fiscal year holding `end` (the report's
    /// covered end), first to last. A month up to `end` covers its days through `end`; a later month has no
    /// actual, but its yoy and target cover all of it, so the chart shows the year's plan and last year's shape.
    func fiscalYearMonths(through end: Day) -> [HistoryWindow] {
        let year = period(.year, containing: end)
        var out: [HistoryWindow] = []
        var m = period(.month, containing: year.start)
        while m.start <= year.end {
            if m.start > end {
                out.append(HistoryWindow(grain: .month, id: m.id, start: m.start, end: m.end, periodEnd: m.end, inProgress: false,
                                         yoy: elapsedWindow(of: yearEarlier(m), days: Int.max / 2), afterEnd: true))
            } else {
                out.append(historyPoint(m, asOf: end))
            }
            // Invariant: months tile the days, so `next` starts after `m` ends; the guard keeps a broken calendar from looping.
            let following = next(m)
            guard following.start > m.end else { break }
            m = following
        }
        return out
    }

    /// `count` periods ending with `last`, ascending.
    func trailing(_ count: Int, endingWith last: Period) -> [Period] {
        var result: [Period] = []
        var p = last
        for _ in 0..<max(count, 0) {
            result.append(p)
            p = previous(p)
        }
        return result.reversed()
    }

    func historyPoint(_ p: Period, asOf: Day) -> HistoryWindow {
        let inProgress = p.end > asOf
        let elapsed = inProgress ? p.start.distance(to: asOf) + 1 : Int.max / 2
        return HistoryWindow(grain: p.grain, id: p.id, start: p.start, end: min(p.end, asOf), periodEnd: p.end,
                             inProgress: inProgress, yoy: elapsedWindow(of: yearEarlier(p), days: elapsed))
    }
}
