import KPIFields

/// A syntax error in a `where`, `value` or `formula` expression.
public struct ExprError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// 0-based character offset from the expression's start (added to the YAML node's column by the config loader).
    public var offset: Int
    public init(message: String, offset: Int) { self.message = message; self.offset = offset }
    public var description: String { message }
}

public enum ArithOp: String, Sendable, Hashable { case add = "+", sub = "-", mul = "*", div = "/" }

/// `value` (over columns) and `formula` (over KPI ids) expressions.
public indirect enum ValueExpr: Sendable, Hashable {
    /// A column (in `value`) or a KPI id (in `formula`).
    case name(String)
    case number(Fixed)
    case negate(ValueExpr)
    case binary(ArithOp, ValueExpr, ValueExpr)
}

public enum CompareOp: String, Sendable, Hashable { case eq = "==", ne = "!=", lt = "<", le = "<=", gt = ">", ge = ">=" }

public enum Operand: Sendable, Hashable {
    case column(String)
    case string(String)
    case number(Fixed)
}

/// `where` expressions.
public indirect enum Predicate: Sendable, Hashable {
    case and(Predicate, Predicate)
    case or(Predicate, Predicate)
    case not(Predicate)
    case compare(Operand, CompareOp, Operand)
    case isIn(Operand, [Operand], negated: Bool)
}
