import KPIModel
import KPIReport

/// What the email needs to know about a report besides its body: the subject's variables and
/// whether it is an alert (`send_if: alert`).
public enum ReviewFacts {
    /// The values of SPEC 11's subject variables (`{title}`, `{red}`, …) for this report; the
    /// counts are of the ALL-level statuses, as in the run's summary line.
    public static func subjectValues(_ r: ReviewReport) -> [String: String] {
        var counts: [Status: Int] = [:]
        for x in r.results where x.level == .total { counts[x.status, default: 0] += 1 }
        let cadence = r.cadence.rawValue
        return [
            "title": r.title.isEmpty ? "KPI review" : r.title,
            "company": r.company ?? "",
            "cadence": cadence,
            "Cadence": cadence.prefix(1).uppercased() + cadence.dropFirst(),
            "period": r.period.id,
            "start": r.period.start.description,
            "end": r.period.end.description,
            "as_of": r.asOf.description,
            "green": String(counts[.green] ?? 0),
            "amber": String(counts[.amber] ?? 0),
            "red": String(counts[.red] ?? 0),
        ]
    }

    /// Why the report is an alert: a red status at any level, rejected rows, a stale source, a restatement
    /// (in that order); empty when it is not one.
    public static func alertReasons(_ r: ReviewReport) -> [String] {
        var out: [String] = []
        let red = r.results.filter { $0.status == .red }
        if !red.isEmpty { out.append(red.count == 1 ? "1 red status" : "\(red.count) red statuses") }
        let rejected = r.dataQuality.sources.reduce(0) { $0 + $1.rowsRejected }
        if rejected > 0 { out.append(rejected == 1 ? "1 rejected row" : "\(rejected) rejected rows") }
        let stale = r.dataQuality.sources.filter(\.stale).map(\.name)
        if !stale.isEmpty { out.append("stale: " + stale.joined(separator: ", ")) }
        let restated = r.restatements.count
        if restated > 0 { out.append(restated == 1 ? "1 restatement" : "\(restated) restatements") }
        return out
    }
}
