import KPIExpr
import KPIFields

// MARK: Names and additivity over the expression AST

extension ValueExpr {
    /// Every name the expression refers to, in order of first appearance.
    var referencedNames: [String] {
        var names: [String] = []
        collectNames(into: &names)
        return names
    }

    private func collectNames(into names: inout [String]) {
        switch self {
        case .name(let n): if !names.contains(n) { names.append(n) }
        case .number: break
        case .negate(let e): e.collectNames(into: &names)
        case .binary(_, let l, let r):
            l.collectNames(into: &names)
            r.collectNames(into: &names)
        }
    }

    var isSingleName: Bool {
        if case .name = self { return true }
        return false
    }

    /// Additive means the value at a group or the total equals the sum over its lines: sums and
    /// differences of additive KPIs, each possibly scaled by a constant (`(a + b) * 2`, `a / 100`).
    /// A bare constant is not: `a + 5` at ALL is not the sum of the lines' `a + 5`.
    func sumsAdditiveTerms(_ isAdditive: (String) -> Bool) -> Bool {
        switch self {
        case .name(let n): return isAdditive(n)
        case .number: return false
        case .negate(let e): return e.sumsAdditiveTerms(isAdditive)
        case .binary(.add, let l, let r), .binary(.sub, let l, let r):
            return l.sumsAdditiveTerms(isAdditive) && r.sumsAdditiveTerms(isAdditive)
        case .binary(.mul, let l, .number), .binary(.mul, .number, let l):
            return l.sumsAdditiveTerms(isAdditive)
        case .binary(.div, let l, .number(let n)):
            return n != .zero && l.sumsAdditiveTerms(isAdditive)
        case .binary:
            return false
        }
    }
}

extension Config {
    /// Whether a KPI's value at a group or ALL is the sum of its lines' values (SPEC 6.3 rule 2 and 5).
    /// Sums and counts are; a formula is when it adds and subtracts additive KPIs.
    public func isAdditive(_ kpiID: String) -> Bool {
        if let known = kpiAdditive[kpiID] { return known }
        return isAdditive(kpiID, visiting: [])
    }

    /// `visiting` guards against cycles, which validation rejects but this must not hang on.
    private func isAdditive(_ kpiID: String, visiting: Set<String>) -> Bool {
        guard let kpi = kpi(kpiID), !visiting.contains(kpiID) else { return false }
        switch kpi.kind {
        case .source(let measure):
            return measure.agg == .sum || measure.agg == .count
        case .formula(let expr, _):
            return expr.sumsAdditiveTerms { isAdditive($0, visiting: visiting.union([kpiID])) }
        }
    }

    /// KPI ids with every formula after its inputs; otherwise in file order.
    public func topologicalKPIOrder() -> [String] {
        var order: [String] = []
        var done: Set<String> = []
        var visiting: Set<String> = []
        func visit(_ id: String) {
            guard !done.contains(id), visiting.insert(id).inserted, let kpi = kpi(id) else { return }
            if case .formula(let expr, _) = kpi.kind {
                for input in expr.referencedNames { visit(input) }
            }
            visiting.remove(id)
            done.insert(id)
            order.append(id)
        }
        for kpi in kpis { visit(kpi.id) }
        return order
    }
}
