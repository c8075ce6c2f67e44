import KPIFields

/// One row's `value`: missing (a null operand or no defined result), a number, or a cell that does not parse.
public enum RowValue: Sendable, Equatable {
    case null
    case value(Fixed)
    /// The row index of the first operand column (in expression order) whose cell is not a number.
    case invalid(column: Int)
}

/// A `value` bound to a source's header, evaluated once per CSV row (SPEC 4.2).
public struct CompiledValue: Sendable {
    /// The column when the expression is just one column (for `count_distinct` and raw text).
    public let singleColumn: Int?
    /// Distinct operand columns in first-occurrence order: each is parsed once per row, in this order.
    private let columns: [Int]
    private let format: NumberFormat
    private let program: Program

    private enum Program: Sendable {
        /// Only `+`, `-` and numbers: Σ coefficient × column + constant, exact (coefficients align with `columns`).
        case exact(coefficients: [Int128], constant: Fixed)
        /// Any `*` or `/`: Double per row, rounded to 6 digits.
        case double(DoubleNode)
    }

    /// Throws an error naming the first column the header does not have.
    public init(_ expr: ValueExpr, columnIndex: (String) -> Int?, format: NumberFormat) throws(ExprError) {
        var columns: [Int] = []
        var slotOfName: [String: Int] = [:]
        for name in expr.names {
            guard let index = columnIndex(name) else {
                throw ExprError(message: "unknown column '\(name)'", offset: 0)
            }
            if let slot = columns.firstIndex(of: index) {
                slotOfName[name] = slot
            } else {
                slotOfName[name] = columns.count
                columns.append(index)
            }
        }
        self.columns = columns
        self.format = format
        if case .name = expr { singleColumn = columns.first } else { singleColumn = nil }
        if expr.hasMulDiv {
            program = .double(DoubleNode(expr, slotOfName: slotOfName))
        } else {
            var coefficients = [Int128](repeating: 0, count: columns.count)
            var constant = Fixed.zero
            CompiledValue.linearize(expr, sign: 1, slotOfName, &coefficients, &constant)
            program = .exact(coefficients: coefficients, constant: constant)
        }
    }

    /// Binds a `value` as written in the config: text equal to a header name is that column whatever
    /// it contains (`Price ($)`, `Unit-Price`, SPEC 3); anything else is parsed as an expression.
    public init(text: String, columnIndex: (String) -> Int?, format: NumberFormat) throws(ExprError) {
        let name = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        if !name.isEmpty, columnIndex(name) != nil {
            try self.init(.name(name), columnIndex: columnIndex, format: format)
        } else {
            try self.init(try ExprParser.parseValue(text), columnIndex: columnIndex, format: format)
        }
    }

    /// Turns a tree of `+`, `-` and negations into one coefficient per column plus a constant.
    private static func linearize(
        _ expr: ValueExpr, sign: Int128, _ slotOfName: [String: Int],
        _ coefficients: inout [Int128], _ constant: inout Fixed
    ) {
        switch expr {
        case .name(let n):
            if let slot = slotOfName[n] { coefficients[slot] += sign }
        case .number(let f):
            constant += Fixed(raw: f.raw * sign)
        case .negate(let e):
            linearize(e, sign: -sign, slotOfName, &coefficients, &constant)
        case .binary(let op, let l, let r):
            linearize(l, sign: sign, slotOfName, &coefficients, &constant)
            linearize(r, sign: op == .sub ? -sign : sign, slotOfName, &coefficients, &constant)
        }
    }

    /// An unparsable operand wins over an empty one: such a row is rejected, not silently skipped (SPEC 4.4).
    public func evaluate(_ row: RawRow) -> RowValue {
        switch program {
        case .exact(let coefficients, let constant):
            return evaluateExact(row, coefficients, constant)
        case .double(let node):
            return evaluateDouble(row, node)
        }
    }

    private func evaluateExact(_ row: RawRow, _ coefficients: [Int128], _ constant: Fixed) -> RowValue {
        var sum = constant
        var sawEmpty = false
        for k in columns.indices {
            switch NumberParser.parse(row.field(columns[k]), format: format) {
            case .value(let v): sum.raw += v.raw * coefficients[k]
            case .empty: sawEmpty = true
            case .invalid: return .invalid(column: columns[k])
            }
        }
        return sawEmpty ? .null : .value(sum)
    }

    private func evaluateDouble(_ row: RawRow, _ node: DoubleNode) -> RowValue {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(columns.count, 1)) { operands in
            var sawEmpty = false
            for k in columns.indices {
                switch NumberParser.parse(row.field(columns[k]), format: format) {
                case .value(let v): operands[k] = v.double
                case .empty: sawEmpty = true
                case .invalid: return .invalid(column: columns[k])
                }
            }
            if sawEmpty { return .null }
            // Division by zero, and results too large for Fixed, have no value.
            guard let d = node.evaluate(UnsafeBufferPointer(operands)), let f = Fixed.rounding(d) else { return .null }
            return .value(f)
        }
    }
}

/// A `value` tree with columns replaced by operand slots, evaluated in Double.
indirect enum DoubleNode: Sendable {
    case slot(Int)
    case constant(Double)
    case negate(DoubleNode)
    case binary(ArithOp, DoubleNode, DoubleNode)

    init(_ expr: ValueExpr, slotOfName: [String: Int]) {
        switch expr {
        case .name(let n): self = .slot(slotOfName[n] ?? 0)
        case .number(let f): self = .constant(f.double)
        case .negate(let e): self = .negate(DoubleNode(e, slotOfName: slotOfName))
        case .binary(let op, let l, let r):
            self = .binary(op, DoubleNode(l, slotOfName: slotOfName), DoubleNode(r, slotOfName: slotOfName))
        }
    }

    /// Nil on division by zero.
    func evaluate(_ operands: UnsafeBufferPointer<Double>) -> Double? {
        switch self {
        case .slot(let k): return operands[k]
        case .constant(let d): return d
        case .negate(let e): return e.evaluate(operands).map { -$0 }
        case .binary(let op, let l, let r):
            guard let a = l.evaluate(operands), let b = r.evaluate(operands) else { return nil }
            switch op {
            case .add: return a + b
            case .sub: return a - b
            case .mul: return a * b
            case .div: return b == 0 ? nil : a / b
            }
        }
    }
}
