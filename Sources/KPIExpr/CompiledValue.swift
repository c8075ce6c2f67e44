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
    private let program: ValueProgram

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
        if case .name = expr { singleColumn = columns.first } else { singleColumn = nil }
        if expr.hasMulDiv {
            var code: [DoubleInstruction] = []
            CompiledValue.emitPostfix(expr, slotOfName, &code)
            program = ValueProgram(columns: columns, format: format, postfix: code)
        } else {
            var coefficients = [Int128](repeating: 0, count: columns.count)
            var constant = Fixed.zero
            CompiledValue.linearize(expr, sign: 1, slotOfName, &coefficients, &constant)
            program = ValueProgram(columns: columns, format: format, coefficients: coefficients, constant: constant)
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

    /// The tree in postfix order: operands left to right, then the operator, as the tree evaluated them.
    private static func emitPostfix(_ expr: ValueExpr, _ slotOfName: [String: Int], _ code: inout [DoubleInstruction]) {
        switch expr {
        case .name(let n):
            code.append(DoubleInstruction(op: .slot, slot: slotOfName[n] ?? 0))
        case .number(let f):
            code.append(DoubleInstruction(op: .constant, constant: f.double))
        case .negate(let e):
            emitPostfix(e, slotOfName, &code)
            code.append(DoubleInstruction(op: .negate))
        case .binary(let op, let l, let r):
            emitPostfix(l, slotOfName, &code)
            emitPostfix(r, slotOfName, &code)
            code.append(DoubleInstruction(op: DoubleInstruction.Op(op)))
        }
    }

    /// An unparsable operand wins over an empty one: such a row is rejected, not silently skipped (SPEC 4.4).
    @inline(__always)
    public func evaluate(_ row: RawRow) -> RowValue {
        program.evaluate(row, memo: nil)
    }

    /// The same, with the row's parsed numbers shared through `memo` by every value of the row
    /// (a column two KPIs use, such as a discount, is parsed once). The memo's format must be the
    /// one this value was compiled with.
    @inline(__always)
    public func evaluate(_ row: RawRow, memo: UnsafeMutablePointer<RowNumbers>) -> RowValue {
        program.evaluate(row, memo: memo)
    }
}

/// The numbers parsed from one row's columns, kept until the next row (`CompiledValue.evaluate(_:memo:)`):
/// plain memory, one slot per column, valid while its stamp is the memo's row stamp.
public struct RowNumbers {
    private let stamps: UnsafeMutablePointer<UInt64>
    private let numbers: UnsafeMutablePointer<ParsedNumber>
    public let columns: Int
    private var row: UInt64 = 1

    public init(columns: Int) {
        self.columns = columns
        stamps = .allocate(capacity: max(columns, 1)); stamps.initialize(repeating: 0, count: max(columns, 1))
        numbers = .allocate(capacity: max(columns, 1)); numbers.initialize(repeating: .empty, count: max(columns, 1))
    }

    /// Call once, when the memo is no longer used.
    public func free() { stamps.deallocate(); numbers.deallocate() }

    /// Forgets every number: the next row begins.
    @inline(__always) public mutating func nextRow() { row &+= 1 }

    /// Column `column`'s number in `row`, parsed at most once per row.
    @inline(__always) func number(_ row: RawRow, _ column: Int, format: NumberFormat) -> ParsedNumber {
        guard column < columns else { return NumberParser.parse(row.field(column), format: format) }
        if stamps[column] == self.row { return numbers[column] }
        let n = NumberParser.parse(row.field(column), format: format)
        stamps[column] = self.row
        numbers[column] = n
        return n
    }
}

/// One step of a postfix Double program.
struct DoubleInstruction {
    enum Op: UInt8 {
        case slot, constant, negate, add, sub, mul, div

        init(_ op: ArithOp) {
            switch op {
            case .add: self = .add
            case .sub: self = .sub
            case .mul: self = .mul
            case .div: self = .div
            }
        }
    }

    var op: Op
    var slot = 0
    var constant = 0.0

    /// Stack height change: operands push one, binary operators pop two and push one.
    var stackEffect: Int {
        switch op {
        case .slot, .constant: return 1
        case .negate: return 0
        case .add, .sub, .mul, .div: return -1
        }
    }
}

/// A compiled `value`, built once and read per row. Its tables are plain memory owned by a final class,
/// so evaluating a row retains and releases nothing (an enum with array payloads retained both per row).
final class ValueProgram: @unchecked Sendable {
    /// Distinct operand columns, each parsed once per row, in this order.
    private let columns: UnsafeMutableBufferPointer<Int>
    private let format: NumberFormat
    /// Exact form (no `*`, `/`): Σ coefficient × column + constant; coefficients align with `columns`.
    private let coefficients: UnsafeMutableBufferPointer<Int128>
    private let constant: Fixed
    /// Double form: postfix code over operand slots, and the deepest stack it needs.
    private let code: UnsafeMutableBufferPointer<DoubleInstruction>
    private let stackDepth: Int
    private let isExact: Bool

    init(columns: [Int], format: NumberFormat, coefficients: [Int128], constant: Fixed) {
        self.columns = ValueProgram.copy(columns)
        self.format = format
        self.coefficients = ValueProgram.copy(coefficients)
        self.constant = constant
        self.code = ValueProgram.copy([])
        self.stackDepth = 0
        self.isExact = true
    }

    init(columns: [Int], format: NumberFormat, postfix: [DoubleInstruction]) {
        self.columns = ValueProgram.copy(columns)
        self.format = format
        self.coefficients = ValueProgram.copy([])
        self.constant = .zero
        self.code = ValueProgram.copy(postfix)
        var depth = 0, deepest = 0
        for instruction in postfix {
            depth += instruction.stackEffect
            deepest = max(deepest, depth)
        }
        self.stackDepth = deepest
        self.isExact = false
    }

    deinit {
        columns.deallocate()
        coefficients.deallocate()
        code.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return UnsafeMutableBufferPointer(rebasing: buffer[0..<array.count])
    }

    @inline(__always)
    func evaluate(_ row: RawRow, memo: UnsafeMutablePointer<RowNumbers>?) -> RowValue {
        isExact ? evaluateExact(row, memo) : evaluateDouble(row, memo)
    }

    @inline(__always)
    private func parse(_ row: RawRow, _ column: Int, _ memo: UnsafeMutablePointer<RowNumbers>?) -> ParsedNumber {
        if let memo { return memo.pointee.number(row, column, format: format) }
        return NumberParser.parse(row.field(column), format: format)
    }

    private func evaluateExact(_ row: RawRow, _ memo: UnsafeMutablePointer<RowNumbers>?) -> RowValue {
        var sum = constant
        var sawEmpty = false
        for k in 0..<columns.count {
            switch parse(row, columns[k], memo) {
            case .value(let v): sum.raw += v.raw * coefficients[k]
            case .empty: sawEmpty = true
            case .invalid: return .invalid(column: columns[k])
            }
        }
        return sawEmpty ? .null : .value(sum)
    }

    private func evaluateDouble(_ row: RawRow, _ memo: UnsafeMutablePointer<RowNumbers>?) -> RowValue {
        // Operand slots first, then the stack: one stack allocation per row.
        let slots = columns.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: max(slots + stackDepth, 1)) { scratch in
            var sawEmpty = false
            for k in 0..<slots {
                switch parse(row, columns[k], memo) {
                case .value(let v): scratch[k] = v.double
                case .empty: sawEmpty = true
                case .invalid: return .invalid(column: columns[k])
                }
            }
            if sawEmpty { return .null }
            // Division by zero, and results too large for Fixed, have no value.
            guard let d = run(scratch, slots: slots), let f = Fixed.rounding(d) else { return .null }
            return .value(f)
        }
    }

    /// Runs the postfix code with operands in `scratch[0..<slots]` and the stack after them. Nil on division by zero.
    @inline(__always)
    private func run(_ scratch: UnsafeMutableBufferPointer<Double>, slots: Int) -> Double? {
        var top = slots  // next free stack cell
        for instruction in code {
            switch instruction.op {
            case .slot:
                scratch[top] = scratch[instruction.slot]; top += 1
            case .constant:
                scratch[top] = instruction.constant; top += 1
            case .negate:
                scratch[top - 1] = -scratch[top - 1]
            case .add, .sub, .mul, .div:
                let a = scratch[top - 2], b = scratch[top - 1]
                top -= 1
                switch instruction.op {
                case .add: scratch[top - 1] = a + b
                case .sub: scratch[top - 1] = a - b
                case .mul: scratch[top - 1] = a * b
                default:
                    if b == 0 { return nil }
                    scratch[top - 1] = a / b
                }
            }
        }
        return scratch[slots]
    }
}
