import KPIFields
import KPIModel

/// Picks the biggest beats, misses and movers of a report (rules in docs/highlights.md).
/// Reads only values the engine already computed; it formats, ranks and explains them.
public enum HighlightRanker {
    /// A line must hold at least this share of the total to be a mover, so tiny lines with big
    /// percentages do not crowd out the lines that matter.
    public static let moverMinimumShare = 0.05
    /// The smallest relative change (PoP or YoY) that counts as a move.
    public static let moverMinimumChange = 0.02
    /// For percent KPIs, the smallest change in points (as a fraction: 0.01 is 1 pt).
    public static let moverMinimumPoints = 0.01

    /// Beats, misses, movers and unusual values with one plain-English sentence each that quotes
    /// the numbers. At most `limit` of each kind; beats first, then misses, movers and unusual values,
    /// each best first.
    public static func highlights(for report: ReviewReport, limit: Int = 3) -> [Highlight] {
        let ranking = HighlightRanking(report)
        return ranking.beats(limit: limit) + ranking.misses(limit: limit) + ranking.movers(limit: limit)
            + ranking.unusualValues(limit: limit)
    }
}

/// The report indexed for ranking and the sentence templates.
struct HighlightRanking {
    enum Comparison { case prior, yoy }

    struct Candidate {
        var result: KPIResult
        var info: KPIInfo
        var score: Double
        var comparison: Comparison = .prior
    }

    let report: ReviewReport
    let kpiOrder: [String: Int]
    let kpiInfo: [String: KPIInfo]
    let groupOrder: [String: Int]
    let lineOrder: [String: Int]
    let lineNames: [String: String]
    let totals: [String: KPIResult]
    let linesByKPI: [String: [KPIResult]]
    /// The first additive KPI whose total is non-zero: a line's weight in the business.
    let weightKPI: String?
    /// The weight KPI's line results by line id.
    let weightByLine: [String: KPIResult]

    init(_ report: ReviewReport) {
        self.report = report
        var order: [String: Int] = [:], info: [String: KPIInfo] = [:]
        for (i, k) in report.kpis.enumerated() where order[k.id] == nil { order[k.id] = i; info[k.id] = k }
        kpiOrder = order; kpiInfo = info
        groupOrder = Self.positions(report.groups)
        lineOrder = Self.positions(report.productLines.map(\.id))
        var names: [String: String] = [:]
        for line in report.productLines where names[line.id] == nil { names[line.id] = line.name }
        lineNames = names
        var totals: [String: KPIResult] = [:], lines: [String: [KPIResult]] = [:]
        for r in report.results {
            switch r.level {
            case .total where r.key == "ALL": if totals[r.kpi] == nil { totals[r.kpi] = r }
            case .line: lines[r.kpi, default: []].append(r)
            default: break
            }
        }
        self.totals = totals; self.linesByKPI = lines
        let weight = report.kpis.first { k in k.additive && (totals[k.id]?.actual.map { $0.double != 0 } ?? false) }?.id
        weightKPI = weight
        var byLine: [String: KPIResult] = [:]
        for r in lines[weight ?? ""] ?? [] where byLine[r.key] == nil { byLine[r.key] = r }
        weightByLine = byLine
    }

    private static func positions(_ keys: [String]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, k) in keys.enumerated() where out[k] == nil { out[k] = i }
        return out
    }

    // MARK: Ranking

    func beats(limit: Int) -> [Highlight] {
        let candidates = report.results.compactMap { r -> Candidate? in
            guard r.status == .green, let a = r.attainment, a > 1, isRanked(r), let info = kpiInfo[r.kpi] else { return nil }
            return Candidate(result: r, info: info, score: a - 1)
        }
        return top(candidates, limit: limit).map { Highlight(kind: .beat, $0, text: targetSentence($0), tone: .good) }
    }

    func misses(limit: Int) -> [Highlight] {
        let candidates = report.results.compactMap { r -> Candidate? in
            guard r.status == .red || r.status == .amber, isRanked(r), let info = kpiInfo[r.kpi] else { return nil }
            return Candidate(result: r, info: info, score: shortfall(r, info))
        }
        return top(candidates, limit: limit).map { Highlight(kind: .miss, $0, text: targetSentence($0), tone: .bad) }
    }

    func movers(limit: Int) -> [Highlight] {
        let candidates = report.results.compactMap(moverCandidate)
        return top(candidates, limit: limit).map { Highlight(kind: .mover, $0, text: moverSentence($0), tone: moverTone($0)) }
    }

    /// The sentence's change moved the KPI the `better` way (good) or the other way (bad): cost up
    /// and revenue down are bad news.
    func moverTone(_ c: Candidate) -> Tone {
        Tone(up: isUp(c), better: c.info.better)
    }

    /// The direction the mover's sentence names ("rose" or "fell").
    func isUp(_ c: Candidate) -> Bool {
        let r = c.result
        let change = c.comparison == .prior ? r.priorChange : r.yoyChange
        let pct = c.comparison == .prior ? r.priorChangePct : r.yoyChangePct
        let direction = c.info.unit == .percent ? change?.double : (pct ?? change?.double)
        return (direction ?? 0) > 0
    }

    /// Results beyond their XmR limits (SPEC 6.9), ranked by how far past the nearer limit they lie
    /// in widths of the usual range (a range of width 0: any distance ranks first).
    func unusualValues(limit: Int) -> [Highlight] {
        let candidates = report.results.compactMap { r -> Candidate? in
            guard let u = r.unusual, let value = r.actual?.double, isRanked(r), let info = kpiInfo[r.kpi] else { return nil }
            let beyond = u.side == .above ? value - u.upper : u.lower - value
            let width = u.upper - u.lower
            return Candidate(result: r, info: info, score: width > 0 ? beyond / width : .greatestFiniteMagnitude)
        }
        return top(candidates, limit: limit).compactMap { c in
            guard let u = c.result.unusual else { return nil }
            return Highlight(kind: .unusual, c, text: unusualSentence(c, u), tone: Tone(up: u.side == .above, better: c.info.better))
        }
    }

    /// A group of one line repeats that line, and a group of every line repeats the total:
    /// ranking them too would spend the few highlight slots on the same news twice.
    func isRanked(_ r: KPIResult) -> Bool {
        guard r.level == .group else { return true }
        let members = report.productLines.filter { $0.group == r.key }.count
        return members > 1 && members < report.productLines.count
    }

    /// 1 − attainment; without an attainment (a negative actual), the variance on the wrong side.
    func shortfall(_ r: KPIResult, _ info: KPIInfo) -> Double {
        if let a = r.attainment { return 1 - a }
        guard let v = r.variancePct else { return 0 }
        return info.better == .higher ? -v : v
    }

    func moverCandidate(_ r: KPIResult) -> Candidate? {
        guard r.level == .total || r.level == .line, r.actual != nil, let info = kpiInfo[r.kpi] else { return nil }
        let pop = moveSize(change: r.priorChange, pct: r.priorChangePct, unit: info.unit)
        let yoy = moveSize(change: r.yoyChange, pct: r.yoyChangePct, unit: info.unit)
        let comparison: Comparison
        let score: Double
        switch (pop, yoy) {
        case (nil, nil): return nil
        case (let p?, nil): (comparison, score) = (.prior, p)
        case (nil, let y?): (comparison, score) = (.yoy, y)
        case (let p?, let y?): (comparison, score) = y > p ? (.yoy, y) : (.prior, p)
        }
        if r.level == .line && !lineIsLargeEnough(r, info, comparison) { return nil }
        return Candidate(result: r, info: info, score: score, comparison: comparison)
    }

    /// The size of a move on the scale the summary shows it: points for percent KPIs, else relative.
    func moveSize(change: Num?, pct: Double?, unit: Unit) -> Double? {
        if unit == .percent {
            guard let c = change?.double, c.isFinite, abs(c) >= HighlightRanker.moverMinimumPoints else { return nil }
            return abs(c)
        }
        guard let p = pct, p.isFinite, abs(p) >= HighlightRanker.moverMinimumChange else { return nil }
        return abs(p)
    }

    /// Additive KPIs (and `last`, `first`) weigh a line by its own share of the total, in the period or the
    /// compared window, whichever is larger; other KPIs by the line's share of the first additive KPI.
    func lineIsLargeEnough(_ r: KPIResult, _ info: KPIInfo, _ comparison: Comparison) -> Bool {
        if info.additive || info.agg == "last" || info.agg == "first" {
            guard let total = totals[r.kpi] else { return false }
            let lineSize = max(magnitude(r.actual), magnitude(base(r, comparison)))
            let totalSize = max(magnitude(total.actual), magnitude(base(total, comparison)))
            return totalSize > 0 && lineSize / totalSize >= HighlightRanker.moverMinimumShare
        }
        guard let weight = weightKPI, let total = totals[weight] else { return true }
        return magnitude(weightByLine[r.key]?.actual) / magnitude(total.actual) >= HighlightRanker.moverMinimumShare
    }

    func magnitude(_ n: Num?) -> Double {
        guard let d = n?.double, d.isFinite else { return 0 }
        return abs(d)
    }

    func base(_ r: KPIResult, _ comparison: Comparison) -> Num? {
        comparison == .prior ? r.prior : r.yoy
    }

    /// Best first; ties by KPI order, level (total, group, line), then group/line order and key.
    func top(_ candidates: [Candidate], limit: Int) -> [Candidate] {
        Array(candidates.sorted(by: precedes).prefix(max(0, limit)))
    }

    func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.score != b.score { return a.score > b.score }
        let ka = kpiOrder[a.result.kpi] ?? Int.max, kb = kpiOrder[b.result.kpi] ?? Int.max
        if ka != kb { return ka < kb }
        if a.result.kpi != b.result.kpi { return a.result.kpi < b.result.kpi }
        let la = levelRank(a.result.level), lb = levelRank(b.result.level)
        if la != lb { return la < lb }
        let oa = keyRank(a.result), ob = keyRank(b.result)
        if oa != ob { return oa < ob }
        return a.result.key < b.result.key
    }

    func levelRank(_ level: Level) -> Int {
        switch level {
        case .total: return 0
        case .group: return 1
        case .line: return 2
        }
    }

    func keyRank(_ r: KPIResult) -> Int {
        switch r.level {
        case .total: return 0
        case .group: return groupOrder[r.key] ?? Int.max
        case .line: return lineOrder[r.key] ?? Int.max
        }
    }

    // MARK: Sentences

    func format(_ n: Num?, _ info: KPIInfo) -> String {
        NumberText.value(n, unit: info.unit, currencySymbol: report.presentation.currencySymbol)
    }

    /// `Revenue`, `Revenue for Enterprise`, `Revenue for Cloud Platform`.
    func subject(_ r: KPIResult, _ info: KPIInfo) -> String {
        switch r.level {
        case .total: return info.name
        case .group: return "\(info.name) for \(r.key)"
        case .line: return "\(info.name) for \(lineNames[r.key] ?? r.key)"
        }
    }

    var periodNoun: String { report.cadence.periodNoun }

    /// A beat or a miss: where the actual stands against the target, and for an additive total the
    /// lines that made the gap.
    func targetSentence(_ c: Candidate) -> String {
        let r = c.result
        let drivers = r.level == .total ? driverClause(r.kpi, total: r.variancePct, share: { $0.target }) : ""
        // "came in at" and "reached" read right for singular and plural KPI names alike.
        if report.period.complete {
            return "\(subject(r, c.info)) came in at \(format(r.actual, c.info)), \(gapText(r, c.info))\(drivers)."
        }
        var s = "\(subject(r, c.info)) reached \(format(r.actual, c.info)) after \(report.period.elapsedDays) of "
            + "\(report.period.days) days, \(gapText(r, c.info))"
        if r.forecast != nil, r.target != nil {
            s += "; forecast \(format(r.forecast, c.info)) vs a \(format(r.target, c.info)) target"
        }
        return s + drivers + "."
    }

    /// `6.3% under target ($1.29M)`; percent KPIs in points; in progress against the target to date.
    func gapText(_ r: KPIResult, _ info: KPIInfo) -> String {
        let label = report.period.complete ? "target" : "target to date"
        let target = format(r.targetToDate, info)
        let sign = r.variance?.double ?? r.variancePct ?? 0
        let amount: String
        if info.unit == .percent, let v = r.variance {
            amount = NumberText.magnitudePoints(v.double)
        } else if let vp = r.variancePct {
            amount = NumberText.percent(abs(vp))
        } else {
            let attainment = r.attainment.map { " (\(NumberText.percent($0)) attainment)" } ?? ""
            return "against a \(label) of \(target)\(attainment)"
        }
        if sign == 0 { return "on \(label) (\(target))" }
        return "\(amount) \(sign > 0 ? "over" : "under") \(label) (\(target))"
    }

    /// `Revenue rose 12.5% to $1.21M, from $1.08M the prior week; Cloud Platform contributed …`.
    func moverSentence(_ c: Candidate) -> String {
        let r = c.result
        let change = c.comparison == .prior ? r.priorChange : r.yoyChange
        let pct = c.comparison == .prior ? r.priorChangePct : r.yoyChangePct
        let up = isUp(c)
        let amount = c.info.unit == .percent ? NumberText.magnitudePoints(change?.double) : NumberText.percent(pct.map(abs))
        var s = "\(subject(r, c.info)) \(up ? "rose" : "fell") \(amount) to \(format(r.actual, c.info))"
        if let b = base(r, c.comparison) { s += ", from \(format(b, c.info)) \(comparisonPhrase(c.comparison))" }
        if r.level == .total {
            s += driverClause(r.kpi, total: pct, share: { c.comparison == .prior ? $0.prior : $0.yoy })
        }
        return s + "."
    }

    /// `Bookings at $2.30M is above its usual range ($1.60M–$2.10M).`
    func unusualSentence(_ c: Candidate, _ u: Unusual) -> String {
        let range = "\(format(.double(u.lower), c.info))–\(format(.double(u.upper), c.info))"
        return "\(subject(c.result, c.info)) at \(format(c.result.actual, c.info)) is \(u.side.rawValue) its usual range (\(range))."
    }

    /// `the prior week`, `in the first 12 days of the same month last year`.
    func comparisonPhrase(_ comparison: Comparison) -> String {
        let window = comparison == .prior ? "the prior \(periodNoun)" : "the same \(periodNoun) last year"
        if report.period.complete { return window }
        let days = report.period.elapsedDays == 1 ? "day" : "\(report.period.elapsedDays) days"
        return "in the first \(days) of \(window)"
    }

    /// Names up to two lines whose contribution has the total's sign, largest first:
    /// `; Cloud Platform contributed −4.1 pts of the −6.3%`.
    func driverClause(_ kpi: String, total: Double?, share: (Contribution) -> Double?) -> String {
        guard let total, total != 0, let lines = linesByKPI[kpi] else { return "" }
        let drivers = lines.compactMap { r -> (KPIResult, Double)? in
            guard let c = r.contribution.flatMap(share), c.isFinite, c * total > 0, abs(c) >= 0.0005 else { return nil }
            return (r, c)
        }.sorted { a, b in
            if abs(a.1) != abs(b.1) { return abs(a.1) > abs(b.1) }
            let oa = keyRank(a.0), ob = keyRank(b.0)
            return oa != ob ? oa < ob : a.0.key < b.0.key
        }.prefix(2)
        let of = NumberText.signedPercent(total)
        let name = { (r: KPIResult) in lineNames[r.key] ?? r.key }
        switch drivers.count {
        case 1:
            let (r, c) = drivers[drivers.startIndex]
            return "; \(name(r)) contributed \(NumberText.points(c)) of the \(of)"
        case 2:
            let (r1, c1) = drivers[drivers.startIndex], (r2, c2) = drivers[drivers.startIndex + 1]
            return "; \(name(r1)) (\(NumberText.points(c1))) and \(name(r2)) (\(NumberText.points(c2))) drove the \(of)"
        default:
            return ""
        }
    }
}

extension Highlight {
    init(kind: HighlightKind, _ c: HighlightRanking.Candidate, text: String, tone: Tone) {
        self.init(kind: kind, kpi: c.result.kpi, level: c.result.level, key: c.result.key, text: text, tone: tone)
    }
}

/// The highlights as the summaries list them (SPEC 6.4): good news under "Highlights", bad news
/// under "Lowlights", each in the ranker's order, and the sentence each says when it has none.
/// Markdown, HTML and the email body share it, so the three never disagree.
public struct HighlightSections: Sendable {
    public var good: [Highlight]
    public var bad: [Highlight]
    public var goodEmpty: String
    public var badEmpty: String

    public init(_ report: ReviewReport) {
        good = report.highlights.filter { $0.tone == .good }
        bad = report.highlights.filter { $0.tone == .bad }
        let noTargets = !report.results.contains { $0.target != nil || $0.targetToDate != nil }
        goodEmpty = noTargets ? "No targets set, and no KPI moved notably the right way." : "No KPI beat its target or moved notably the right way."
        badEmpty = noTargets ? "No targets set, and no KPI moved notably the wrong way." : "No KPI is behind target or moved notably the wrong way."
    }
}
