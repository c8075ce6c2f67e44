import KPICalendar
import KPIConfig
import KPIFields
import KPIModel

/// Exact integer arithmetic for the phasing shares.
enum Exact {
    /// a × b / d rounded half away from zero; nil when a × b overflows Int128 or d is 0.
    static func mulDiv(_ a: Int128, _ b: Int128, _ d: Int128) -> Int128? {
        guard d != 0 else { return nil }
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        guard !overflow else { return nil }
        let negative = (product < 0) != (d < 0)
        let n = product < 0 ? 0 - product : product, m = d < 0 ? 0 - d : d
        let q = n / m, r = n % m
        let rounded = r >= m - r ? q + 1 : q
        return negative ? -rounded : rounded
    }
}

/// A given period whose `last_year` phasing fell back to linear (SPEC 6.8), for the warning that
/// names it; or a period in progress whose forecast shape did.
public struct PhasingFallback: Hashable, Sendable {
    public var kpi: String
    public var key: String
    public var period: String
    public var start: Day
}

extension TargetResolver {
    /// The days 364 days before (weekdays kept, SPEC 6.8).
    static let lastYearOffset = -364

    /// The KPI's actuals at `level` over `runs` mapped 364 days back, and over the given period's
    /// whole mapped days; nil (linear instead) when the period's mapped days are not all inside the
    /// data (6.1: a window before the source's first date has no value) or add up to 0 or less.
    func lastYearFraction(_ kpi: String, _ level: LevelRef, _ period: Period, _ runs: [(start: Day, end: Day)]) -> (part: Num, whole: Num)? {
        let off = TargetResolver.lastYearOffset
        guard let whole = evaluator.actual(kpi, level, period.start.adding(days: off), period.end.adding(days: off)),
              whole.double > 0 else { return nil }
        var part = Num.fixed(.zero)
        for run in runs {
            guard let v = evaluator.actual(kpi, level, run.start.adding(days: off), run.end.adding(days: off)) else { return nil }
            part = part + v
        }
        return (part, whole)
    }

    /// Rule 2 under `last_year`: per given period, target × (mapped actuals on the window's days) /
    /// (mapped actuals on all its days), rounded once to 6 decimals half away from zero — exact when
    /// the actuals are exact decimals (a Double only past Int128, or for a KPI whose actuals are
    /// Doubles); a period that cannot be shaped so is phased linearly and named in a warning.
    func phasedLastYear(_ kpi: String, _ level: LevelRef, _ start: Day, _ end: Day) -> Fixed? {
        guard let pieces = book.pieces(kpi, level.key, start, end), let list = book.given[kpi]?[level.key] else { return nil }
        var total = Fixed.zero
        for piece in pieces {
            let t = list[piece.period]
            guard let f = lastYearFraction(kpi, level, t.period, piece.runs) else {
                note([PhasingFallback(kpi: kpi, key: level.key, period: t.period.id, start: t.period.start)])
                total += TargetBook.linearShare(t, days: piece.days)
                continue
            }
            if case .fixed(let a) = f.part, case .fixed(let b) = f.whole, let raw = Exact.mulDiv(t.value.raw, a.raw, b.raw) {
                total += Fixed(raw: raw)
            } else {
                total += Fixed.rounding(t.value.double * f.part.double / f.whole.double) ?? .zero
            }
        }
        return total
    }

    /// The share of a period in progress that its days to as-of carry under `last_year` (SPEC 6.8):
    /// the KPI's actuals at the level on the mapped days up to as-of over those on all its mapped
    /// days; nil (and the period named in the warning) when that falls back to elapsed / days.
    func lastYearShare(_ kpi: String, _ level: LevelRef, period: Period, through asOf: Day) -> Double? {
        guard let f = lastYearFraction(kpi, level, period, [(period.start, asOf)]) else {
            note([PhasingFallback(kpi: kpi, key: level.key, period: period.id, start: period.start)])
            return nil
        }
        return f.part.double / f.whole.double
    }

    /// The report's `last_year` fallbacks as warnings, one line per KPI (SPEC 8), in config order.
    func phasingWarnings(names: [(id: String, name: String)]) -> [String] {
        var out: [String] = []
        for (id, name) in names {
            let mine = journal.filter { $0.kpi == id }
            guard !mine.isEmpty else { continue }
            var byPeriod: [String: (start: Day, keys: [String])] = [:]
            for f in mine { byPeriod[f.period, default: (f.start, [])].keys.append(f.key) }
            let periods = byPeriod.sorted { ($0.value.start, $0.key) < ($1.value.start, $1.key) }.map { id, v in
                "\(id) (\(v.keys.sorted().joined(separator: ", ")))"
            }
            out.append("\(name): last_year phasing fell back to linear for \(periods.joined(separator: "; ")): the days 364 days earlier are not all inside the data, or their actuals do not add up to more than 0")
        }
        return out
    }
}
