import KPICalendar
import KPIConfig
import KPIExpr
import KPIConcurrency
import KPIFields
import KPIIngest
import KPIModel
import KPIReport

/// Assembles one review (cadence × period) from actuals and targets: SPEC 6.2–6.4 and 7.3.
public struct ReportBuilder {
    let data: Dataset
    let evaluator: Evaluator
    let targets: TargetResolver
    let cadence: Cadence
    let asOf: Day
    let toolVersion: String
    let runWarnings: [String]
    let configSHA256: String
    /// A second evaluator and target resolver, for a second thread (see `build`); nil: one thread.
    public var helper: (Evaluator, TargetResolver)? = nil

    public init(data: Dataset, evaluator: Evaluator, targets: TargetResolver, cadence: Cadence, asOf: Day, toolVersion: String,
                runWarnings: [String], configSHA256: String) {
        self.data = data; self.evaluator = evaluator; self.targets = targets; self.cadence = cadence; self.asOf = asOf
        self.toolVersion = toolVersion; self.runWarnings = runWarnings; self.configSHA256 = configSHA256
    }

    var config: Config { data.config }

    public func build(period: Period) -> ReviewReport {
        // This report's warnings name the `last_year` fallbacks of its own targets (SPEC 6.8).
        targets.resetJournal()
        let w = config.calendar.reviewWindows(grain: cadence.grain, period: period, asOf: asOf, history: config.history)
        var warnings = runWarnings
        let levels = self.levels(for: w)

        // Each KPI's results and warnings, in config order. With a helper cache pair, the
        // count_distinct KPIs (the costly ones: a bitmap per line and window) are built on a second
        // thread while this one builds the others; the order of everything stays the config's.
        let kpis = config.kpis
        var blocks = [(results: [KPIResult], warnings: [String])](repeating: ([], []), count: kpis.count)
        let costly = kpis.indices.filter { i in
            if case .source(let m) = kpis[i].kind { return m.agg == .countDistinct }
            return false
        }
        if let helper, !costly.isEmpty, costly.count < kpis.count {
            let other = Unchecked(ReportBuilder(data: data, evaluator: helper.0, targets: helper.1, cadence: cadence, asOf: asOf,
                                                toolVersion: toolVersion, runWarnings: runWarnings, configSHA256: configSHA256))
            let background = Background { Unchecked(costly.map { other.value.kpiBlock(kpis[$0], levels, w, period) }) }
            for i in kpis.indices where !costly.contains(i) { blocks[i] = kpiBlock(kpis[i], levels, w, period) }
            for (j, block) in background.wait().value.enumerated() { blocks[costly[j]] = block }
        } else {
            for i in kpis.indices { blocks[i] = kpiBlock(kpis[i], levels, w, period) }
        }
        var results: [KPIResult] = []
        for b in blocks { results += b.results; warnings += b.warnings }
        warnings += targets.phasingWarnings(names: kpis.map { ($0.id, $0.name) })
        addContributions(&results)

        let quality = data.ingests.map { ing -> SourceQuality in
            let src = config.source(named: ing.name)
            let ref = w.complete ? w.period.end : asOf
            let stale = ing.lastDate.map { $0.distance(to: ref) > (src?.staleAfterDays ?? 3) } ?? true
            let first = ing.rejects.prefix(5).map { $0.message(path: ing.path) }
            return SourceQuality(name: ing.name, path: ing.path, sha256: ing.sha256, bytes: ing.bytes, rowsRead: ing.rowsRead,
                                 rowsAccepted: ing.rowsAccepted, rowsRejected: ing.rowsRejected, rowsAfterAsOf: ing.rowsAfterAsOf,
                                 rowsBlank: ing.rowsBlank, firstDate: ing.firstDate, lastDate: ing.lastDate, stale: stale,
                                 firstRejections: Array(first))
        }
        for q in quality where q.stale {
            if let last = q.lastDate {
                warnings.append("source '\(q.name)' is stale: last date \(last), more than \(config.source(named: q.name)?.staleAfterDays ?? 3) days before \(w.complete ? w.period.end : asOf)")
            } else {
                warnings.append("source '\(q.name)' is stale: it has no rows on or before \(asOf)")
            }
        }

        let lineInfos = levels.filter { $0.level == .line }.map { l -> ProductLineInfo in
            let line = data.lines.lines[l.lines[0]]
            return ProductLineInfo(id: line.id, name: line.name, group: line.group)
        }
        let groups = levels.filter { $0.level == .group }.map(\.key)
        let symbol: String = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "¥", "AUD": "A$", "CAD": "C$"][config.currency] ?? config.currency
        var report = ReviewReport(
            tool: ToolInfo(version: toolVersion),
            title: config.title ?? "\(config.company.map { $0 + " " } ?? "")\(cadence.rawValue) business review",
            company: config.company, cadence: cadence, asOf: asOf,
            period: PeriodInfo(id: period.id, start: period.start, end: period.end, days: period.days, elapsedDays: w.elapsedDays, complete: w.complete),
            windows: Windows(prior: info(w.prior), yoy: info(w.yoy), qtd: w.qtd.map(info), qtdYoy: w.qtdYoy.map(info), ytd: info(w.ytd), ytdYoy: info(w.ytdYoy),
                             mtd: w.mtd.map(info), mtdYoy: w.mtdYoy.map(info)),
            productLines: lineInfos, groups: groups, kpis: config.kpis.map(kpiInfo), results: results, highlights: [],
            dataQuality: DataQuality(sources: quality, warnings: warnings),
            presentation: Presentation(currency: config.currency, currencySymbol: symbol,
                                       statusStyle: StatusStyle(rawValue: config.output.statusStyle) ?? .emoji, amber: config.statusAmber),
            run: RunFacts(configPath: config.path, configSHA256: configSHA256))
        report.fxRates = FxUse.merged(data.ingests.map(\.fxUsage)).map {
            FxRateUse(currency: $0.currency, firstDate: $0.firstDate, lastDate: $0.lastDate,
                      firstRate: $0.firstRate.description, lastRate: $0.lastRate.description, rows: $0.rows)
        }
        report.highlights = HighlightRanker.highlights(for: report)
        return report
    }

    private func info(_ d: DateWindow) -> WindowInfo { WindowInfo(id: d.id, start: d.start, end: d.end) }

    func kpiInfo(_ d: KPIDefinition) -> KPIInfo {
        let unit = d.unit, better = d.better
        switch d.kind {
        case .formula(_, let text):
            return KPIInfo(id: d.id, name: d.name, unit: unit, better: better, definition: text, formula: text, additive: config.isAdditive(d.id),
                           phasing: config.phasing(of: d.id))
        case .source(let m):
            var def = "\(m.agg.rawValue)(\(m.valueText ?? "*")) from \(m.source)"
            if let w = m.whereText { def += " where \(w)" }
            return KPIInfo(id: d.id, name: d.name, unit: unit, better: better, definition: def, source: m.source, agg: m.agg.rawValue,
                           value: m.valueText, whereClause: m.whereText, additive: config.isAdditive(d.id),
                           bridgeQuantity: d.bridge?.quantity, phasing: config.phasing(of: d.id))
        }
    }

    /// One KPI at every level: its results, and the warnings they raise, in level order.
    func kpiBlock(_ def: KPIDefinition, _ levels: [LevelRef], _ w: ReviewWindows, _ period: Period) -> (results: [KPIResult], warnings: [String]) {
        var results: [KPIResult] = []
        var warnings: [String] = []
        for level in levels {
            let r = result(def, level, w)
            results.append(r)
            if level.level != .line {
                // The headline windows only (period, QTD, YTD): history reaches back before targets existed.
                let shown = [DateWindow(id: period.id, start: period.start, end: period.end)] + [w.qtd, w.ytd].compactMap { $0 }
                for win in shown {
                    if let line = targets.lineWithoutTarget(def.id, level, win.start, win.end) {
                        let label = win.id == period.id ? period.id : "\(win.id) to date"
                        warnings.append("no \(def.name) target at \(level.key) for \(label): line '\(line)' has rows but no target, so the lines' targets cannot be summed")
                    }
                }
            }
            if level.level != .line, case .source(let m) = def.kind, m.agg.isSnapshot,
               let dates = evaluator.snapshotDateSpread(def.id, level, w.current.start, w.current.end) {
                let shown = Set(dates).sorted().map(\.description).joined(separator: ", ")
                let which = m.agg == .last ? "latest" : "earliest"
                warnings.append("\(def.name) at \(level.key): lines' \(which) snapshot dates differ (\(shown)); the sum mixes dates")
            }
        }
        return (results, warnings)
    }

    /// ALL, then groups, then lines. Lines: configured ones plus those with rows in any of the report's windows.
    func levels(for w: ReviewWindows) -> [LevelRef] {
        var lo = w.current.start, hi = w.current.end
        for d in [w.prior, w.yoy, w.ytd, w.ytdYoy] + [w.qtd, w.qtdYoy].compactMap({ $0 }) {
            lo = min(lo, d.start); hi = max(hi, d.end)
        }
        for h in w.history { lo = min(lo, h.start, h.yoy.start); hi = max(hi, h.end, h.yoy.end) }
        let withRows = data.linesWithRows(start: lo, end: hi)
        let included = data.lines.lines.indices.filter { data.lines.lines[$0].configured || withRows.contains($0) }
        var out = [LevelRef(level: .total, key: "ALL", lines: included)]
        var groupOrder: [String] = []
        for i in included { if let g = data.lines.lines[i].group, !groupOrder.contains(g) { groupOrder.append(g) } }
        for g in groupOrder { out.append(LevelRef(level: .group, key: g, lines: included.filter { data.lines.lines[$0].group == g })) }
        for i in included { out.append(LevelRef(level: .line, key: data.lines.lines[i].id, lines: [i])) }
        return out
    }

    private func forecastMethod(_ def: KPIDefinition) -> ForecastMethod? {
        guard case .source(let m) = def.kind else { return nil }
        if let f = def.forecast { return f }
        return (m.agg == .sum || m.agg == .count) ? .linear : .flat
    }

    /// The share of an in-progress period its days to as-of carry under `last_year` phasing (SPEC
    /// 6.8); nil for linear phasing, a complete period, or when it falls back to elapsed / days.
    func lastYearShare(_ kpi: String, _ level: LevelRef, _ w: ReviewWindows) -> Double? {
        guard !w.complete, config.phasing(of: kpi) == .lastYear else { return nil }
        return targets.lastYearShare(kpi, level, period: w.period, through: w.current.end)
    }

    /// In progress only: sum/count run-rate, others flat; derived KPIs apply their formula to the inputs' forecasts.
    func forecast(_ kpi: String, _ level: LevelRef, _ w: ReviewWindows) -> Num? {
        guard !w.complete, let def = config.kpi(kpi) else { return nil }
        if case .formula(let e, _) = def.kind { return e.evaluate { forecast($0, level, w) } }
        guard let actual = evaluator.actual(kpi, level, w.current.start, w.current.end) else { return nil }
        if forecastMethod(def) == .linear {
            // Under `last_year` the run rate follows last year's shape: actual / share (SPEC 6.8).
            if let share = lastYearShare(kpi, level, w) { return share == 0 ? nil : .double(actual.double / share) }
            return .double(actual.double * Double(w.period.days) / Double(w.elapsedDays))
        }
        return actual
    }

    func result(_ def: KPIDefinition, _ level: LevelRef, _ w: ReviewWindows) -> KPIResult {
        let kpi = def.id
        var r = KPIResult(kpi: kpi, level: level.level, key: level.key)
        let additive = config.isAdditive(kpi)
        func actual(_ d: DateWindow) -> Num? { evaluator.actual(kpi, level, d.start, d.end) }
        func target(_ start: Day, _ end: Day) -> TargetResolver.Resolved? { targets.target(kpi, level, start, end) }

        r.actual = actual(w.current)
        r.unusual = unusual(kpi, level, w, actual: r.actual)
        r.bridge = bridge(def, level, w)
        let full = target(w.period.start, w.period.end)
        r.target = full?.value
        r.targetSource = full?.source
        if w.complete {
            r.targetToDate = r.target
        } else {
            // Additive KPIs pace their target to as-of; every other KPI keeps the period's target.
            r.targetToDate = additive ? target(w.current.start, w.current.end)?.value : r.target
        }
        let better = def.better
        r.attainment = attainment(r.actual, r.targetToDate, better)
        if let a = r.actual, let t = r.targetToDate {
            r.variance = a - t
            r.variancePct = t.isZero ? nil : (a - t).double / abs(t.double)
        }
        r.forecast = forecast(kpi, level, w)
        let amber = def.amber ?? config.statusAmber
        r.status = status(w.complete ? r.actual : r.forecast, r.target, amber, better)
        if !w.complete, additive, let t = r.target, let a = r.actual {
            if let share = lastYearShare(kpi, level, w) {
                // (target − actual) / ((1 − share) × days): the days left weighted by last year's shape.
                let left = (1 - share) * Double(w.period.days)
                if left != 0 { r.requiredPerDay = .double((t - a).double / left) }
            } else {
                let remaining = w.period.days - w.elapsedDays
                if remaining > 0 { r.requiredPerDay = .double((t - a).double / Double(remaining)) }
            }
        }
        r.prior = actual(w.prior)
        (r.priorChange, r.priorChangePct) = change(r.actual, r.prior)
        r.yoy = actual(w.yoy)
        (r.yoyChange, r.yoyChangePct) = change(r.actual, r.yoy)
        // Growth speeding up or slowing down: the prior window against its own year-ago window.
        (r.yoyChangePrior, r.yoyChangePctPrior) = change(r.prior, w.priorYoy.flatMap(actual))
        if let m = w.mtd {
            r.mtd = actual(m)
            r.mtdTarget = target(m.start, m.end)?.value
            r.mtdAttainment = attainment(r.mtd, r.mtdTarget, better)
            r.mtdYoy = w.mtdYoy.flatMap(actual)
            (r.mtdYoyChange, r.mtdYoyChangePct) = change(r.mtd, r.mtdYoy)
        }
        if let q = w.qtd {
            r.qtd = actual(q)
            r.qtdTarget = target(q.start, q.end)?.value
            r.qtdAttainment = attainment(r.qtd, r.qtdTarget, better)
            r.qtdYoy = w.qtdYoy.flatMap(actual)
            (r.qtdYoyChange, r.qtdYoyChangePct) = change(r.qtd, r.qtdYoy)
        }
        r.ytd = actual(w.ytd)
        r.ytdTarget = target(w.ytd.start, w.ytd.end)?.value
        r.ytdAttainment = attainment(r.ytd, r.ytdTarget, better)
        r.ytdYoy = actual(w.ytdYoy)
        (r.ytdYoyChange, r.ytdYoyChangePct) = change(r.ytd, r.ytdYoy)
        r.history = w.history.map { h in
            let t: Num?
            if additive { t = target(h.start, h.end)?.value } else { t = target(h.start, h.periodEnd)?.value }
            // A month after the report's end (`months_axis: fiscal_year`) has no actual yet.
            let a = h.afterEnd ? nil : evaluator.actual(kpi, level, h.start, h.end)
            return HistoryPoint(grain: h.grain, id: h.id, start: h.start, end: h.end,
                                actual: a, yoy: evaluator.actual(kpi, level, h.yoy.start, h.yoy.end), target: t)
        }
        return r
    }

    func attainment(_ actual: Num?, _ target: Num?, _ better: Better) -> Double? {
        guard let a = actual?.double, let t = target?.double else { return nil }
        switch better {
        case .higher: return t > 0 && a >= 0 ? a / t : nil
        case .lower: return a > 0 && t >= 0 ? t / a : nil
        }
    }

    func status(_ v: Num?, _ t: Num?, _ amber: Double, _ better: Better) -> Status {
        guard let v = v?.double, let t = t?.double else { return .none }
        switch better {
        case .higher: return v >= t ? .green : v >= t - amber * abs(t) ? .amber : .red
        case .lower: return v <= t ? .green : v <= t + amber * abs(t) ? .amber : .red
        }
    }

    func change(_ a: Num?, _ b: Num?) -> (Num?, Double?) {
        guard let a, let b else { return (nil, nil) }
        let d = a - b
        return (d, b.isZero ? nil : d.double / abs(b.double))
    }

    /// Line contributions to ALL's change (SPEC 6.4): additive KPIs, `last` and `first` only.
    func addContributions(_ results: inout [KPIResult]) {
        var totals: [String: KPIResult] = [:]
        for r in results where r.level == .total { totals[r.kpi] = r }
        for i in results.indices where results[i].level == .line {
            let kpi = results[i].kpi
            guard let def = config.kpi(kpi), let all = totals[kpi] else { continue }
            var isSnapshot = false
            if case .source(let m) = def.kind, m.agg.isSnapshot { isSnapshot = true }
            guard config.isAdditive(kpi) || isSnapshot else { continue }
            let r = results[i]
            func share(_ a: Num?, _ b: Num?, _ denom: Num?) -> Double? {
                guard let a, let b, let d = denom, !d.isZero else { return nil }
                return (a - b).double / abs(d.double)
            }
            let targetShare = all.targetSource == .sumOfLines ? share(r.actual, r.targetToDate, all.targetToDate) : nil
            results[i].contribution = Contribution(prior: share(r.actual, r.prior, all.prior), yoy: share(r.actual, r.yoy, all.yoy), target: targetShare)
        }
    }
}
