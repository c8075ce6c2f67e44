import KPICalendar
import KPIConfig
import KPIFields
import KPIModel
import KPIReport

/// The price–volume–mix bridge of SPEC 6.5, over the lines of one level, in Double.
public enum PriceVolumeMix {
    /// One line's value r and quantity q, in the actual window (a) and the base (b).
    public struct Line: Sendable, Hashable {
        public var ra: Double, qa: Double, rb: Double, qb: Double
        public init(ra: Double, qa: Double, rb: Double, qb: Double) { self.ra = ra; self.qa = qa; self.rb = rb; self.qb = qb }
    }

    /// Continuing lines (q > 0 in both) split into volume, mix and price; new lines (q_b ≤ 0 < q_a),
    /// lost lines (q_b > 0 ≥ q_a) and unpriced lines (q ≤ 0 in both) keep their whole change.
    /// The parts add up to Σ (r_a − r_b) up to rounding (1e-9 relative, `identityHolds`).
    public static func bridge(_ lines: [Line]) -> BridgeParts {
        var parts = BridgeParts(volume: 0, mix: 0, price: 0, new: 0, lost: 0, other: 0)
        var continuing: [Line] = []
        for l in lines {
            switch (l.qb > 0, l.qa > 0) {
            case (true, true): continuing.append(l)
            case (false, true): parts.new += l.ra - l.rb
            case (true, false): parts.lost += l.ra - l.rb
            case (false, false): parts.other += l.ra - l.rb
            }
        }
        guard !continuing.isEmpty else { return parts.withoutNegativeZeros }
        var qa = 0.0, qb = 0.0, rb = 0.0
        for l in continuing { qa += l.qa; qb += l.qb; rb += l.rb }
        // Invariant: every continuing line has q_b > 0, so Q_b > 0 and every P_b,i is finite.
        let averagePrice = rb / qb
        parts.volume = (qa - qb) * averagePrice
        for l in continuing {
            let price = l.rb / l.qb
            parts.mix += (l.qa - qa * (l.qb / qb)) * price
            parts.price += l.ra - price * l.qa
        }
        // One continuing line (a line row): q_b / Q_b is exactly 1, so its mix is exactly 0.
        return parts.withoutNegativeZeros
    }

    /// SPEC 6.5's tolerance: the parts equal r_a − r_b within 1e-9 × the largest of 1, |r_a|, |r_b|
    /// and the parts.
    public static func identityHolds(_ parts: BridgeParts, ra: Double, rb: Double) -> Bool {
        let scale = ([1, abs(ra), abs(rb)] + parts.named.map { abs($0.value) }).max() ?? 1
        return abs(parts.total - (ra - rb)) <= 1e-9 * scale
    }
}

extension BridgeParts {
    /// −0 (a volume of 0 × a negative price) as +0, so no text shows "−$0.00".
    var withoutNegativeZeros: BridgeParts {
        BridgeParts(volume: volume + 0, mix: mix + 0, price: price + 0, new: new + 0, lost: lost + 0, other: other + 0)
    }
}

extension ReportBuilder {
    /// The bridge of a bridged KPI's row: against prior, yoy and the lines' targets to date; each
    /// null when any r or q of its base, or of the actual, is null at a line of the level.
    func bridge(_ def: KPIDefinition, _ level: LevelRef, _ w: ReviewWindows) -> Bridge? {
        guard let quantity = def.bridge?.quantity else { return nil }
        let lines = level.lines.map { i in LevelRef(level: .line, key: data.lines.lines[i].id, lines: [i]) }
        func values(_ kpi: String, _ d: DateWindow) -> [Double]? {
            var out: [Double] = []
            for line in lines {
                guard let v = evaluator.actual(kpi, line, d.start, d.end)?.double else { return nil }
                out.append(v)
            }
            return out
        }
        func targets(_ kpi: String) -> [Double]? {
            var out: [Double] = []
            for line in lines {
                guard let v = self.targets.target(kpi, line, w.current.start, w.current.end)?.value.double else { return nil }
                out.append(v)
            }
            return out
        }
        guard let ra = values(def.id, w.current), let qa = values(quantity, w.current) else {
            return Bridge(prior: nil, yoy: nil, target: nil)
        }
        func against(_ rb: [Double]?, _ qb: [Double]?) -> BridgeParts? {
            guard let rb, let qb else { return nil }
            let rows = lines.indices.map { PriceVolumeMix.Line(ra: ra[$0], qa: qa[$0], rb: rb[$0], qb: qb[$0]) }
            return PriceVolumeMix.bridge(rows)
        }
        return Bridge(prior: against(values(def.id, w.prior), values(quantity, w.prior)),
                      yoy: against(values(def.id, w.yoy), values(quantity, w.yoy)),
                      target: against(targets(def.id), targets(quantity)))
    }
}
