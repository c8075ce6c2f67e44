import KPICalendar
import KPIIngest
import KPIModel
import KPIReport

extension ReportBuilder {
    /// The report's annotations (SPEC 6.7): one entry per event and per history point it falls in,
    /// for every event that applies to a KPI and a level the report shows — in the file's order, an
    /// event's points in history order. Returns the events placed (by their index in `events`).
    @discardableResult
    public func addAnnotations(_ report: inout ReviewReport, period: Period, events: [AnnotationEvent]) -> Set<Int> {
        guard !events.isEmpty else { return [] }
        let w = config.calendar.reviewWindows(grain: cadence.grain, period: period, asOf: asOf, history: config.history)
        let kpis = Set(report.kpis.map(\.id))
        var keys: Set<String> = []
        for r in report.results { keys.insert(r.key) }
        var placed: Set<Int> = []
        for (i, e) in events.enumerated() {
            if let k = e.kpi, !kpis.contains(k) { continue }
            if let line = e.productLine, !keys.contains(line) { continue }
            for h in w.history where h.start <= e.date && e.date <= h.end {
                report.annotations.append(Annotation(date: e.date, kpi: e.kpi, productLine: e.productLine, text: e.text,
                                                     grain: h.grain, id: h.id, event: i))
                placed.insert(i)
            }
        }
        return placed
    }
}
