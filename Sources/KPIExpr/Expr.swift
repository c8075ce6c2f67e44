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

// API implemented by the expression work (signatures fixed here so other modules can build against them):
//
// public enum ExprParser {
//     public static func parseWhere(_ text: String) throws(ExprError) -> Predicate
//     public static func parseValue(_ text: String) throws(ExprError) -> ValueExpr     // `Total Price` alone = one column
//     public static func parseFormula(_ text: String) throws(ExprError) -> ValueExpr
// }
// extension ValueExpr { var names: [String]; var hasMulDiv: Bool; var text: String;
//     func isAdditive(_ kpiIsAdditive: (String) -> Bool) -> Bool
//     func evaluate(_ lookup: (String) -> Num?) -> Num? }   // null in → null; ÷0 → null
// extension Predicate { var columns: [String]; var text: String }
// public struct CompiledValue { init(_:columnIndex:format:) throws(ExprError); func evaluate(_ row: RawRow) -> RowValue }
// public struct CompiledPredicate { init(_:columnIndex:format:) throws(ExprError); func evaluate(_ row: RawRow) -> Bool }
// public enum RowValue { case null, value(Fixed), invalid(column: Int) }

/// TEMPORARY until the expression work lands: accepts any text as one name.
public enum ExprParser {
    public static func parseWhere(_ text: String) throws(ExprError) -> Predicate {
        .compare(.column(text), .eq, .string(""))
    }
    public static func parseValue(_ text: String) throws(ExprError) -> ValueExpr { .name(text) }
    public static func parseFormula(_ text: String) throws(ExprError) -> ValueExpr { .name(text) }
}

// TEMPORARY declarations for the engine to build against until the expression work lands.
public enum RowValue: Sendable, Equatable { case null, value(Fixed), invalid(column: Int) }
public struct CompiledValue: Sendable {
    public init(_ expr: ValueExpr, columnIndex: (String) -> Int?, format: NumberFormat) throws(ExprError) {}
    public func evaluate(_ row: RawRow) -> RowValue { .null }
    public var singleColumn: Int? { nil }
}
public struct CompiledPredicate: Sendable {
    public init(_ pred: Predicate, columnIndex: (String) -> Int?, format: NumberFormat) throws(ExprError) {}
    public func evaluate(_ row: RawRow) -> Bool { true }
}
extension ValueExpr {
    public var names: [String] { [] }
    public var text: String { "" }
    public func evaluate(_ lookup: (String) -> Num?) -> Num? { nil }
}
extension Predicate { public var text: String { "" } }
