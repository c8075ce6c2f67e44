import KPICalendar
import KPIConfig
import KPIModel
import KPIReport

/// SPEC 6.6: the complete periods a report shows that earlier reports in OUT published, and the
/// published values this run computes differently.
public enum RestatementFinder {
    /// The whole periods one review compares with their own published reports, each once: the
    /// period itself when complete (its folder is being replaced), the prior window's whole period
    /// (also when the review is in progress) and every complete history point but years.
    public static func comparedPeriods(_ w: ReviewWindows, calendar: some PeriodCalendar) -> [Period] {
        var out: [Period] = []
        func add(_ p: Period) { if !out.contains(where: { $0.grain == p.grain && $0.id == p.id }) { out.append(p) } }
        if w.complete { add(w.period) }
        add(calendar.previous(w.period))
        for h in w.history where !h.inProgress && !h.afterEnd && h.grain != .year {
            add(Period(grain: h.grain, id: h.id, start: h.start, end: h.periodEnd))
        }
        return out
    }
}

extension ReportBuilder {
    /// Adds the report's restatements (ordered like its results, then by the period's start, a week
    /// before a month before a quarter starting the same day) and a warning per published report
    /// that could not be read.
    public func addRestatements(_ report: inout ReviewReport, period: Period, published: PublishedBook) {
        let w = config.calendar.reviewWindows(grain: cadence.grain, period: period, asOf: asOf, history: config.history)
        let periods = RestatementFinder.comparedPeriods(w, calendar: config.calendar)
        let levelRefs = Dictionary(levels(for: w).map { (ResultKey(kpi: "", level: $0.level, key: $0.key), $0) },
                                   uniquingKeysWith: { a, _ in a })
        var found: [(row: Int, restatement: Restatement)] = []
        for p in periods {
            let key = PublishedPeriod(grain: p.grain, id: p.id)
            if let warning = published.unreadable[key] {
                report.dataQuality.warnings.append(warning)
                continue
            }
            guard let old = published.reports[key], old.complete else { continue }
            for (i, r) in report.results.enumerated() {
                guard let was = old.actuals[ResultKey(kpi: r.kpi, level: r.level, key: r.key)],
                      let level = levelRefs[ResultKey(kpi: "", level: r.level, key: r.key)] else { continue }
                let now = evaluator.actual(r.kpi, level, p.start, p.end)
                guard was.differs(from: now) else { continue }
                let exact: Bool
                if case .fixed? = now { exact = true } else { exact = false }
                found.append((i, Restatement(kpi: r.kpi, level: r.level, key: r.key, grain: p.grain, period: p.id,
                                             periodStart: p.start, published: was.value(exact: exact), now: now,
                                             publishedIn: old.path)))
            }
        }
        let rank: [Grain: Int] = [.week: 0, .month: 1, .quarter: 2, .year: 3]
        report.restatements = found.sorted { a, b in
            if a.row != b.row { return a.row < b.row }
            if a.restatement.periodStart != b.restatement.periodStart { return a.restatement.periodStart < b.restatement.periodStart }
            return rank[a.restatement.grain, default: 9] < rank[b.restatement.grain, default: 9]
        }.map(\.restatement)
    }
}
