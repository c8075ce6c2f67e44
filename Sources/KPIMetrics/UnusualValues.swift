import KPICalendar
import KPIConfig
import KPIFields
import KPIModel
import KPIReport

/// An XmR (individuals and moving range) chart of a series (SPEC 6.9): centre x̄, mR̄ the average
/// absolute difference of consecutive points, natural process limits x̄ ± 2.66 mR̄ (not clamped).
public struct XmRChart: Sendable, Hashable {
    /// At least this many non-null points make a chart.
    public static let minimumPoints = 8
    /// 3 / d2 with d2 = 1.128 for moving ranges of two points, rounded as Wheeler publishes it.
    public static let scale = 2.66

    public var center: Double
    public var movingRange: Double
    public var lower: Double { center - Self.scale * movingRange }
    public var upper: Double { center + Self.scale * movingRange }

    /// The chart of `points` in time order; nulls are dropped before counting and differencing.
    /// Nil with fewer than `minimumPoints` points left.
    public init?(_ points: [Double?]) {
        let xs = points.compactMap { $0 }.filter(\.isFinite)
        guard xs.count >= Self.minimumPoints else { return nil }
        center = xs.reduce(0, +) / Double(xs.count)
        var ranges = 0.0
        for i in 1..<xs.count { ranges += abs(xs[i] - xs[i - 1]) }
        movingRange = ranges / Double(xs.count - 1)
    }

    /// `value`'s side when strictly beyond a limit, else nil.
    public func classify(_ value: Double) -> Unusual? {
        let lo = lower, hi = upper
        if value > hi { return Unusual(side: .above, center: center, lower: lo, upper: hi) }
        if value < lo { return Unusual(side: .below, center: center, lower: lo, upper: hi) }
        return nil
    }
}

extension Cadence {
    /// How many periods before the reviewed one the XmR chart reads (SPEC 6.9).
    public var unusualBaseline: Int {
        switch self {
        case .weekly: return 26
        case .monthly: return 24
        case .quarterly: return 12
        }
    }
}

extension ReportBuilder {
    /// The period's actual against the XmR chart of the same grain's `unusualBaseline` periods before
    /// it; totals and groups of complete periods only (lines and periods in progress: nil).
    func unusual(_ kpi: String, _ level: LevelRef, _ w: ReviewWindows, actual: Num?) -> Unusual? {
        guard w.complete, level.level != .line, let value = actual?.double, value.isFinite else { return nil }
        var points: [Double?] = []
        var p = w.period
        for _ in 0..<cadence.unusualBaseline {
            p = config.calendar.previous(p)
            points.append(evaluator.actual(kpi, level, p.start, p.end)?.double)
        }
        return XmRChart(points.reversed())?.classify(value)
    }
}
