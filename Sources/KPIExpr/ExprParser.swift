import KPIFields

/// Parses the three expression languages of SPEC 3. Errors carry the 0-based Character offset of the problem.
public enum ExprParser {
    /// `and` / `or` / `not` over comparisons and `in` lists; precedence not > and > or.
    public static func parseWhere(_ text: String) throws(ExprError) -> Predicate {
        var p = try TokenStream(text)
        let pred = try p.parseOr()
        try p.expectEnd()
        return pred
    }

    /// Arithmetic over columns. Text that is only bare words (`Total Price`) is one column name with spaces.
    public static func parseValue(_ text: String) throws(ExprError) -> ValueExpr {
        var p = try TokenStream(text)
        if let spaced = p.spacedName(in: text) { return .name(spaced) }
        let expr = try p.parseSum(nameWord: "column")
        try p.expectEnd()
        return expr
    }

    /// Arithmetic over KPI ids.
    public static func parseFormula(_ text: String) throws(ExprError) -> ValueExpr {
        var p = try TokenStream(text)
        let expr = try p.parseSum(nameWord: "KPI id")
        try p.expectEnd()
        return expr
    }
}

/// Recursive-descent parser over the token list.
///
/// Depth is bounded: the parser recurses once per parenthesis, negation and `not`, and the tree it
/// builds is as deep as its longest chain of operators, and both the parser's recursion and every
/// later walk of the tree (compiling, evaluating, freeing) use the stack. `maxDepth` keeps each far
/// from any thread's stack limit (a hostile `value:` of 100,000 parentheses or a formula of 100,000
/// terms is a config error, not a crash).
struct TokenStream {
    /// The deepest tree (levels of nesting plus operators chained) an expression may make.
    static let maxDepth = 256

    private var tokens: [Token]
    private var index = 0
    /// The depth of the tree being built at the parser's current position.
    private var depth = 0

    init(_ text: String) throws(ExprError) {
        tokens = try Lexer.tokenize(text)
        if tokens.count == 1 { throw ExprError(message: "empty expression", offset: 0) }
    }

    private var current: Token { tokens[index] }
    private mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    mutating func expectEnd() throws(ExprError) {
        guard current.kind != .end else { return }
        if current.kind == .rightParen {
            throw ExprError(message: "unmatched ')'", offset: current.offset)
        }
        throw ExprError(message: "unexpected \(current.quoted) after a complete expression; expected an operator", offset: current.offset)
    }

    private func isKeyword(_ word: String, _ token: Token? = nil) -> Bool {
        if case .ident(let s) = (token ?? current).kind { return s.lowercased() == word }
        return false
    }

    private mutating func expectRightParen(opening: Token) throws(ExprError) {
        guard current.kind == .rightParen else {
            throw ExprError(
                message: "expected ')' to close the '(' at offset \(opening.offset), found \(current.quoted)",
                offset: current.offset)
        }
        _ = advance()
    }

    /// One level deeper; throws when an expression would nest beyond `maxDepth`.
    private mutating func descend(at offset: Int) throws(ExprError) {
        depth += 1
        if depth > Self.maxDepth {
            throw ExprError(
                message: "expression nested too deeply (more than \(Self.maxDepth) levels of parentheses, negations or chained operators); split it into several KPIs",
                offset: offset)
        }
    }

    // MARK: value and formula

    /// The whole text as one name when it is two or more bare words and nothing else (SPEC 3 `value`).
    func spacedName(in text: String) -> String? {
        let words = tokens.dropLast()
        guard words.count >= 2, words.allSatisfy({ if case .ident = $0.kind { true } else { false } }),
              let first = words.first, let last = words.last else { return nil }
        return String(Array(text)[first.offset..<(last.offset + last.length)])
    }

    mutating func parseSum(nameWord: String) throws(ExprError) -> ValueExpr {
        let entry = depth
        defer { depth = entry }
        var left = try parseProduct(nameWord: nameWord)
        while case .op(let s) = current.kind, s == "+" || s == "-" {
            try descend(at: current.offset)
            _ = advance()
            let right = try parseProduct(nameWord: nameWord)
            left = .binary(s == "+" ? .add : .sub, left, right)
        }
        return left
    }

    private mutating func parseProduct(nameWord: String) throws(ExprError) -> ValueExpr {
        let entry = depth
        defer { depth = entry }
        var left = try parseUnary(nameWord: nameWord)
        while case .op(let s) = current.kind, s == "*" || s == "/" {
            try descend(at: current.offset)
            _ = advance()
            let right = try parseUnary(nameWord: nameWord)
            left = .binary(s == "*" ? .mul : .div, left, right)
        }
        return left
    }

    /// A minus directly before a number literal makes a negative literal; otherwise it negates.
    private mutating func parseUnary(nameWord: String) throws(ExprError) -> ValueExpr {
        guard case .op(let s) = current.kind, s == "-" || s == "+" else { return try parseAtom(nameWord: nameWord) }
        let entry = depth
        defer { depth = entry }
        try descend(at: current.offset)
        _ = advance()
        if s == "+" { return try parseUnary(nameWord: nameWord) }
        if case .number(let digits) = current.kind {
            let token = advance()
            return .number(-(try fixed(digits, at: token.offset)))
        }
        return .negate(try parseUnary(nameWord: nameWord))
    }

    private mutating func parseAtom(nameWord: String) throws(ExprError) -> ValueExpr {
        let token = advance()
        switch token.kind {
        case .ident(let name), .quotedName(let name):
            try checkNotEmpty(name, token)
            if case .ident(let next) = current.kind {
                throw ExprError(
                    message: "expected an operator between '\(name)' and '\(next)'; quote names with spaces: \"\(name) \(next)\"",
                    offset: current.offset)
            }
            return .name(name)
        case .number(let digits):
            return .number(try fixed(digits, at: token.offset))
        case .leftParen:
            let entry = depth
            defer { depth = entry }
            try descend(at: token.offset)
            let inner = try parseSum(nameWord: nameWord)
            try expectRightParen(opening: token)
            return inner
        case .string:
            throw ExprError(message: "unexpected text \(token.quoted); use a \(nameWord) or a number", offset: token.offset)
        default:
            throw ExprError(message: "expected a \(nameWord), a number or '(', found \(token.quoted)", offset: token.offset)
        }
    }

    // MARK: where

    mutating func parseOr() throws(ExprError) -> Predicate {
        let entry = depth
        defer { depth = entry }
        var left = try parseAnd()
        while isKeyword("or") {
            try descend(at: current.offset)
            _ = advance()
            left = .or(left, try parseAnd())
        }
        return left
    }

    private mutating func parseAnd() throws(ExprError) -> Predicate {
        let entry = depth
        defer { depth = entry }
        var left = try parseNot()
        while isKeyword("and") {
            try descend(at: current.offset)
            _ = advance()
            left = .and(left, try parseNot())
        }
        return left
    }

    private mutating func parseNot() throws(ExprError) -> Predicate {
        let entry = depth
        defer { depth = entry }
        if isKeyword("not") {
            try descend(at: current.offset)
            _ = advance()
            return .not(try parseNot())
        }
        if current.kind == .leftParen {
            try descend(at: current.offset)
            let open = advance()
            let inner = try parseOr()
            try expectRightParen(opening: open)
            return inner
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(ExprError) -> Predicate {
        let leftToken = current
        let left = try parseOperand()
        if isKeyword("in") {
            _ = advance()
            return try parseInList(left, leftToken, negated: false)
        }
        if isKeyword("not"), isKeyword("in", tokens[min(index + 1, tokens.count - 1)]) {
            _ = advance(); _ = advance()
            return try parseInList(left, leftToken, negated: true)
        }
        guard case .op(let s) = current.kind, let op = CompareOp(rawValue: s) else {
            throw ExprError(
                message: "expected a comparison (== != < <= > >=) or 'in' after \(leftToken.quoted), found \(current.quoted)",
                offset: current.offset)
        }
        _ = advance()
        let rightToken = current
        let right = try parseOperand()
        if case .column = left {} else if case .column = right {} else {
            throw ExprError(message: "a comparison needs a column on at least one side", offset: rightToken.offset)
        }
        return .compare(left, op, right)
    }

    private mutating func parseInList(_ left: Operand, _ leftToken: Token, negated: Bool) throws(ExprError) -> Predicate {
        guard case .column = left else {
            throw ExprError(message: "the left side of 'in' must be a column", offset: leftToken.offset)
        }
        guard current.kind == .leftParen else {
            throw ExprError(message: "expected '(' after 'in', found \(current.quoted)", offset: current.offset)
        }
        let open = advance()
        var items: [Operand] = []
        repeat {
            if !items.isEmpty { _ = advance() }
            let token = current
            let item = try parseOperand()
            if case .column(let name) = item {
                throw ExprError(
                    message: "expected a 'string' or a number in the list, found the name \(token.quoted); quote text with single quotes: '\(name)'",
                    offset: token.offset)
            }
            items.append(item)
        } while current.kind == .comma
        try expectRightParen(opening: open)
        return .isIn(left, items, negated: negated)
    }

    private mutating func parseOperand() throws(ExprError) -> Operand {
        let token = advance()
        switch token.kind {
        case .ident(let name):
            if ["and", "or", "not", "in"].contains(name.lowercased()) {
                throw ExprError(
                    message: "expected a column, a 'string' or a number, found the keyword '\(name)'",
                    offset: token.offset)
            }
            return .column(name)
        case .quotedName(let name):
            try checkNotEmpty(name, token)
            return .column(name)
        case .string(let s):
            return .string(s)
        case .number(let digits):
            return .number(try fixed(digits, at: token.offset))
        case .op(let s) where s == "-" || s == "+":
            guard case .number(let digits) = current.kind else {
                throw ExprError(message: "expected a number after '\(s)', found \(current.quoted)", offset: current.offset)
            }
            let value = try fixed(digits, at: advance().offset)
            return .number(s == "-" ? -value : value)
        default:
            throw ExprError(message: "expected a column, a 'string' or a number, found \(token.quoted)", offset: token.offset)
        }
    }

    // MARK: shared

    private func checkNotEmpty(_ name: String, _ token: Token) throws(ExprError) {
        if name.isEmpty { throw ExprError(message: "empty name in quotes", offset: token.offset) }
    }

    private func fixed(_ digits: String, at offset: Int) throws(ExprError) -> Fixed {
        guard case .value(let f) = NumberParser.parse(digits, format: .standard) else {
            throw ExprError(message: "invalid number '\(digits)'", offset: offset)
        }
        return f
    }
}
