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
        isAdditive(kpiID, visiting: [])
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

// MARK: Formula parsing

/// Formulas go through `ExprParser.parseFormula`. While KPIExpr still ships its placeholder (which
/// returns the whole text as one name), a small local parser stands in so references and cycles can
/// be checked; it switches itself off once the real parser is merged.
enum FormulaParsing {
    static let parserIsPlaceholder: Bool = {
        (try? ExprParser.parseFormula("a + b")) == ValueExpr.name("a + b")
    }()

    static func parse(_ text: String) throws(ExprError) -> ValueExpr {
        if parserIsPlaceholder {
            var parser = StandInFormulaParser(text)
            return try parser.parse()
        }
        return try ExprParser.parseFormula(text)
    }
}

/// `+ - * /`, parentheses, numbers and KPI ids; precedence as usual, left-associative.
struct StandInFormulaParser {
    private let chars: [Character]
    private var index = 0

    init(_ text: String) { chars = Array(text) }

    mutating func parse() throws(ExprError) -> ValueExpr {
        let expr = try sum()
        skipSpaces()
        if index < chars.count { throw ExprError(message: "unexpected '\(chars[index])'", offset: index) }
        return expr
    }

    private mutating func sum() throws(ExprError) -> ValueExpr {
        var left = try product()
        while let op = take([.add, .sub]) { left = .binary(op, left, try product()) }
        return left
    }

    private mutating func product() throws(ExprError) -> ValueExpr {
        var left = try factor()
        while let op = take([.mul, .div]) { left = .binary(op, left, try factor()) }
        return left
    }

    private mutating func factor() throws(ExprError) -> ValueExpr {
        skipSpaces()
        guard index < chars.count else { throw ExprError(message: "expression ends where a KPI id or number was expected", offset: index) }
        let c = chars[index]
        if c == "-" {
            index += 1
            return .negate(try factor())
        }
        if c == "(" {
            let open = index
            index += 1
            let inner = try sum()
            skipSpaces()
            guard index < chars.count, chars[index] == ")" else { throw ExprError(message: "'(' is never closed", offset: open) }
            index += 1
            return inner
        }
        if c.isNumber || c == "." { return try number() }
        if c.isLetter || c == "_" { return .name(word()) }
        throw ExprError(message: "unexpected '\(c)'", offset: index)
    }

    private mutating func number() throws(ExprError) -> ValueExpr {
        let start = index
        while index < chars.count, chars[index].isNumber || chars[index] == "." { index += 1 }
        let text = String(chars[start..<index])
        guard let d = Double(text), let fixed = Fixed.rounding(d) else { throw ExprError(message: "invalid number '\(text)'", offset: start) }
        return .number(fixed)
    }

    private mutating func word() -> String {
        let start = index
        while index < chars.count, chars[index].isLetter || chars[index].isNumber || chars[index] == "_" { index += 1 }
        return String(chars[start..<index])
    }

    private mutating func take(_ ops: [ArithOp]) -> ArithOp? {
        skipSpaces()
        guard index < chars.count, let op = ops.first(where: { $0.rawValue == String(chars[index]) }) else { return nil }
        index += 1
        return op
    }

    private mutating func skipSpaces() {
        while index < chars.count, chars[index] == " " || chars[index] == "\t" || chars[index] == "\n" { index += 1 }
    }
}
