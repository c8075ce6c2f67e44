import KPIFields

extension ValueExpr {
    /// A derived KPI's value from its inputs' values (SPEC 6.1): any nil input or a division by zero gives nil.
    /// `+`/`-` of exact values stay exact; `*` and `/` go to Double.
    public func evaluate(_ lookup: (String) -> Num?) -> Num? {
        switch self {
        case .name(let n):
            return lookup(n)
        case .number(let f):
            return .fixed(f)
        case .negate(let e):
            switch e.evaluate(lookup) {
            case .fixed(let f)?: return .fixed(-f)
            case .double(let d)?: return .double(-d)
            case nil: return nil
            }
        case .binary(let op, let l, let r):
            guard let a = l.evaluate(lookup), let b = r.evaluate(lookup) else { return nil }
            switch op {
            case .add: return a + b
            case .sub: return a - b
            case .mul: return a * b
            case .div: return a / b
            }
        }
    }

    /// SPEC 6.1: only sums and differences of additive KPIs, each possibly scaled by a number
    /// (`revenue - cost`, `0.5 * bookings`, `revenue / 1000`). A bare number or a KPI/KPI ratio is not.
    public func isAdditive(_ kpiIsAdditive: (String) -> Bool) -> Bool {
        switch self {
        case .name(let n):
            return kpiIsAdditive(n)
        case .number:
            return false
        case .negate(let e):
            return e.isAdditive(kpiIsAdditive)
        case .binary(.add, let l, let r), .binary(.sub, let l, let r):
            return l.isAdditive(kpiIsAdditive) && r.isAdditive(kpiIsAdditive)
        case .binary(.mul, let l, let r):
            return (l.isAdditive(kpiIsAdditive) && r.isNonZeroConstant)
                || (l.isNonZeroConstant && r.isAdditive(kpiIsAdditive))
        case .binary(.div, let l, let r):
            return l.isAdditive(kpiIsAdditive) && r.isNonZeroConstant
        }
    }

    /// A scale factor: no names, and a defined, non-zero value.
    private var isNonZeroConstant: Bool {
        guard names.isEmpty, let v = evaluate({ _ in nil }) else { return false }
        return !v.isZero
    }
}
