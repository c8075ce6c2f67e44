import KPIFields

/// A `where` bound to a source's header, evaluated once per CSV row.
///
/// Rules (SPEC 4.2): cells are compared after trimming spaces; an empty cell is the empty string.
/// Column vs 'text' and column vs column compare bytes. Column vs number parses the cell with the
/// source's number format, and an empty or non-numeric cell makes that comparison false — for `!=`
/// too, so `price != 0` does not select rows whose price is missing. `not in` with number elements is
/// likewise false for such a cell.
public struct CompiledPredicate: Sendable {
    private let root: Node
    private let format: NumberFormat

    indirect enum Node: Sendable {
        case and(Node, Node)
        case or(Node, Node)
        case not(Node)
        case text(column: Int, CompareOp, [UInt8])
        case columns(Int, CompareOp, Int)
        case number(column: Int, CompareOp, Fixed)
        case inList(column: Int, texts: [[UInt8]], numbers: [Fixed], negated: Bool)
    }

    /// Throws an error naming the first column the header does not have.
    public init(_ pred: Predicate, columnIndex: (String) -> Int?, format: NumberFormat) throws(ExprError) {
        root = try Node(pred, columnIndex)
        self.format = format
    }

    public func evaluate(_ row: RawRow) -> Bool {
        root.evaluate(row, format)
    }
}

extension CompiledPredicate.Node {
    init(_ pred: Predicate, _ columnIndex: (String) -> Int?) throws(ExprError) {
        switch pred {
        case .and(let l, let r): self = .and(try Self(l, columnIndex), try Self(r, columnIndex))
        case .or(let l, let r): self = .or(try Self(l, columnIndex), try Self(r, columnIndex))
        case .not(let p): self = .not(try Self(p, columnIndex))
        case .compare(let l, let op, let r): self = try Self.comparison(l, op, r, columnIndex)
        case .isIn(let l, let items, let negated): self = try Self.membership(l, items, negated, columnIndex)
        }
    }

    /// Puts the column on the left, so each comparison has one shape to evaluate.
    private static func comparison(
        _ l: Operand, _ op: CompareOp, _ r: Operand, _ columnIndex: (String) -> Int?
    ) throws(ExprError) -> Self {
        switch (l, r) {
        case (.column(let a), .column(let b)):
            let left = try resolve(a, columnIndex)
            guard let right = columnIndex(b) else {
                throw ExprError(
                    message: "unknown column '\(b)'; to compare with text, use single quotes: '\(b)'", offset: 0)
            }
            return .columns(left, op, right)
        case (.column(let a), .string(let s)):
            return .text(column: try resolve(a, columnIndex), op, Array(s.utf8))
        case (.column(let a), .number(let f)):
            return .number(column: try resolve(a, columnIndex), op, f)
        case (.string, .column), (.number, .column):
            return try comparison(r, op.swapped, l, columnIndex)
        default:
            throw ExprError(message: "a comparison needs a column on at least one side", offset: 0)
        }
    }

    private static func membership(
        _ l: Operand, _ items: [Operand], _ negated: Bool, _ columnIndex: (String) -> Int?
    ) throws(ExprError) -> Self {
        guard case .column(let name) = l else {
            throw ExprError(message: "the left side of 'in' must be a column", offset: 0)
        }
        var texts: [[UInt8]] = [], numbers: [Fixed] = []
        for item in items {
            switch item {
            case .string(let s): texts.append(Array(s.utf8))
            case .number(let f): numbers.append(f)
            case .column(let c):
                throw ExprError(message: "expected a 'string' or a number in the list, found the name '\(c)'", offset: 0)
            }
        }
        return .inList(column: try resolve(name, columnIndex), texts: texts, numbers: numbers, negated: negated)
    }

    private static func resolve(_ name: String, _ columnIndex: (String) -> Int?) throws(ExprError) -> Int {
        guard let index = columnIndex(name) else { throw ExprError(message: "unknown column '\(name)'", offset: 0) }
        return index
    }

    func evaluate(_ row: RawRow, _ format: NumberFormat) -> Bool {
        switch self {
        case .and(let l, let r): return l.evaluate(row, format) && r.evaluate(row, format)
        case .or(let l, let r): return l.evaluate(row, format) || r.evaluate(row, format)
        case .not(let p): return !p.evaluate(row, format)
        case .text(let column, let op, let literal):
            let cell = RowBytes.trimmed(row.field(column))
            return literal.withUnsafeBufferPointer { op.holds(RowBytes.compare(cell, $0)) }
        case .columns(let a, let op, let b):
            return op.holds(RowBytes.compare(RowBytes.trimmed(row.field(a)), RowBytes.trimmed(row.field(b))))
        case .number(let column, let op, let literal):
            guard case .value(let v) = NumberParser.parse(row.field(column), format: format) else { return false }
            return op.holds(v < literal ? -1 : (v == literal ? 0 : 1))
        case .inList(let column, let texts, let numbers, let negated):
            return Self.isMember(row.field(column), texts, numbers, negated, format)
        }
    }

    /// `in` is any match; `not in` its negation, except a cell that must be a number and is not: false.
    private static func isMember(
        _ field: UnsafeBufferPointer<UInt8>, _ texts: [[UInt8]], _ numbers: [Fixed], _ negated: Bool,
        _ format: NumberFormat
    ) -> Bool {
        let cell = RowBytes.trimmed(field)
        for text in texts where text.withUnsafeBufferPointer({ RowBytes.equal(cell, $0) }) {
            return !negated
        }
        guard !numbers.isEmpty else { return negated }
        guard case .value(let v) = NumberParser.parse(field, format: format) else { return false }
        return numbers.contains(v) != negated
    }
}
