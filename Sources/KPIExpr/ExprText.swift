import KPIFields

/// Canonical text: what the Notes sheet and error messages show; parsing it gives the same tree back.
enum ExprText {
    static let keywords: Set<String> = ["and", "or", "not", "in"]

    /// A name stays bare when the lexer would read it back as one identifier, else it is double quoted.
    static func name(_ s: String) -> String {
        if let first = s.first, Lexer.isIdentStart(first), s.allSatisfy(Lexer.isIdentPart),
           !keywords.contains(s.lowercased()) {
            return s
        }
        var out = "\""
        for c in s { if c == "\"" { out += "\"\"" } else { out.append(c) } }
        return out + "\""
    }

    static func string(_ s: String) -> String { "'" + s.replacingQuoteDoubling() + "'" }
}

extension ValueExpr {
    /// Referenced columns (in `value`) or KPI ids (in `formula`), unique, in first-occurrence order.
    public var names: [String] {
        var seen = Set<String>(), out: [String] = []
        collectNames { if seen.insert($0).inserted { out.append($0) } }
        return out
    }

    func collectNames(_ add: (String) -> Void) {
        switch self {
        case .name(let n): add(n)
        case .number: break
        case .negate(let e): e.collectNames(add)
        case .binary(_, let l, let r): l.collectNames(add); r.collectNames(add)
        }
    }

    /// Any `*` or `/`: such a `value` is computed per row in Double and rounded to 6 digits (SPEC 4.2).
    public var hasMulDiv: Bool {
        switch self {
        case .name, .number: return false
        case .negate(let e): return e.hasMulDiv
        case .binary(let op, let l, let r): return op == .mul || op == .div || l.hasMulDiv || r.hasMulDiv
        }
    }

    /// Canonical text with the fewest parentheses that keep the tree (operators are left-associative).
    public var text: String {
        switch self {
        case .name(let n): return ExprText.name(n)
        case .number(let f): return f.description
        case .negate(let e):
            switch e {
            case .binary, .negate: return "-(\(e.text))"
            case .number(let f) where f < .zero: return "-(\(e.text))"
            default: return "-" + e.text
            }
        case .binary(let op, let l, let r):
            let left = l.precedence < op.precedence ? "(\(l.text))" : l.text
            let right = r.precedence <= op.precedence ? "(\(r.text))" : r.text
            return "\(left) \(op.rawValue) \(right)"
        }
    }

    /// Atoms and negations bind tighter than any binary operator.
    private var precedence: Int {
        if case .binary(let op, _, _) = self { return op.precedence }
        return 3
    }
}

extension ArithOp {
    var precedence: Int { self == .add || self == .sub ? 1 : 2 }
}

extension Operand {
    var text: String {
        switch self {
        case .column(let n): return ExprText.name(n)
        case .string(let s): return ExprText.string(s)
        case .number(let f): return f.description
        }
    }
}

extension Predicate {
    /// Referenced columns, unique, in first-occurrence order.
    public var columns: [String] {
        var seen = Set<String>(), out: [String] = []
        collectColumns { if seen.insert($0).inserted { out.append($0) } }
        return out
    }

    private func collectColumns(_ add: (String) -> Void) {
        switch self {
        case .and(let l, let r), .or(let l, let r): l.collectColumns(add); r.collectColumns(add)
        case .not(let p): p.collectColumns(add)
        case .compare(let l, _, let r):
            if case .column(let n) = l { add(n) }
            if case .column(let n) = r { add(n) }
        case .isIn(let l, let items, _):
            for operand in [l] + items { if case .column(let n) = operand { add(n) } }
        }
    }

    /// Canonical text: lowercase keywords, fewest parentheses (precedence not > and > or).
    public var text: String {
        switch self {
        case .or(let l, let r):
            return "\(l.text) or \(r.wrapped(below: 2))"
        case .and(let l, let r):
            return "\(l.wrapped(below: 2)) and \(r.wrapped(below: 3))"
        case .not(let p):
            return "not \(p.wrapped(below: 3))"
        case .compare(let l, let op, let r):
            return "\(l.text) \(op.rawValue) \(r.text)"
        case .isIn(let l, let items, let negated):
            let list = items.map(\.text).joined(separator: ", ")
            return "\(l.text) \(negated ? "not in" : "in") (\(list))"
        }
    }

    /// 1 = or, 2 = and, 3 = not and comparisons.
    private var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        default: return 3
        }
    }

    private func wrapped(below level: Int) -> String {
        precedence < level ? "(\(text))" : text
    }
}
