/// One lexical token; `offset` and `length` count Characters so errors point where the user looks.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A bare identifier `[A-Za-z_][A-Za-z0-9_.]*` (also the keywords, told apart by the parser).
        case ident(String)
        /// A "double quoted" or `backticked` name.
        case quotedName(String)
        /// A 'single quoted' text literal.
        case string(String)
        /// Unsigned digits with an optional fraction, as written.
        case number(String)
        /// `== != < <= > >= + - * /`
        case op(String)
        case leftParen, rightParen, comma, end
    }
    var kind: Kind
    var offset: Int
    var length: Int

    /// How the token reads in an error message.
    var quoted: String {
        switch kind {
        case .ident(let s), .number(let s), .op(let s): return "'\(s)'"
        case .quotedName(let s): return "\"\(s)\""
        case .string(let s): return "'\(s.replacingQuoteDoubling())'"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .comma: return "','"
        case .end: return "the end of the expression"
        }
    }
}

extension String {
    /// Single-quoted literal body with `'` doubled.
    func replacingQuoteDoubling() -> String {
        var out = ""
        for c in self { if c == "'" { out += "''" } else { out.append(c) } }
        return out
    }
}

/// Splits an expression into tokens; shared by `where`, `value` and `formula`.
struct Lexer {
    private let chars: [Character]
    private var pos = 0

    init(_ text: String) { chars = Array(text) }

    static func tokenize(_ text: String) throws(ExprError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let t = try lexer.next()
            tokens.append(t)
            if t.kind == .end { return tokens }
        }
    }

    static func isIdentStart(_ c: Character) -> Bool {
        c == "_" || (c.isASCII && c.isLetter)
    }
    static func isIdentPart(_ c: Character) -> Bool {
        isIdentStart(c) || c == "." || (c.isASCII && c.isNumber)
    }
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    private func peek(_ ahead: Int = 0) -> Character? {
        pos + ahead < chars.count ? chars[pos + ahead] : nil
    }

    private mutating func next() throws(ExprError) -> Token {
        while let c = peek(), c.isWhitespace { pos += 1 }
        let start = pos
        guard let c = peek() else { return Token(kind: .end, offset: pos, length: 0) }
        if Lexer.isIdentStart(c) { return lexIdentifier() }
        if Lexer.isDigit(c) { return try lexNumber() }
        switch c {
        case "'": return try lexQuoted(close: "'", what: "string") { .string($0) }
        case "\"": return try lexQuoted(close: "\"", what: "quoted name") { .quotedName($0) }
        case "`": return try lexQuoted(close: "`", what: "quoted name") { .quotedName($0) }
        case "(": pos += 1; return Token(kind: .leftParen, offset: start, length: 1)
        case ")": pos += 1; return Token(kind: .rightParen, offset: start, length: 1)
        case ",": pos += 1; return Token(kind: .comma, offset: start, length: 1)
        case "+", "-", "*", "/":
            pos += 1; return Token(kind: .op(String(c)), offset: start, length: 1)
        default: return try lexOperator()
        }
    }

    private mutating func lexIdentifier() -> Token {
        let start = pos
        while let c = peek(), Lexer.isIdentPart(c) { pos += 1 }
        return Token(kind: .ident(String(chars[start..<pos])), offset: start, length: pos - start)
    }

    private mutating func lexNumber() throws(ExprError) -> Token {
        let start = pos
        while let c = peek(), Lexer.isDigit(c) { pos += 1 }
        if peek() == ".", let d = peek(1), Lexer.isDigit(d) {
            pos += 1
            while let c = peek(), Lexer.isDigit(c) { pos += 1 }
        }
        if let c = peek(), Lexer.isIdentPart(c) {
            while let c = peek(), Lexer.isIdentPart(c) { pos += 1 }
            throw ExprError(message: "invalid number '\(String(chars[start..<pos]))'", offset: start)
        }
        return Token(kind: .number(String(chars[start..<pos])), offset: start, length: pos - start)
    }

    /// Reads a quoted string or name; a doubled closing quote stands for one.
    private mutating func lexQuoted(
        close: Character, what: String, make: (String) -> Token.Kind
    ) throws(ExprError) -> Token {
        let start = pos
        pos += 1
        var body = ""
        while true {
            guard let c = peek() else {
                throw ExprError(message: "unterminated \(what): missing closing \(close)", offset: start)
            }
            pos += 1
            if c == close {
                if peek() == close { body.append(c); pos += 1; continue }
                break
            }
            body.append(c)
        }
        return Token(kind: make(body), offset: start, length: pos - start)
    }

    /// Comparison operators, with a hint for the spellings of other languages.
    private mutating func lexOperator() throws(ExprError) -> Token {
        let start = pos
        let pair = String([peek(), peek(1)].compactMap { $0 })
        for op in ["==", "!=", "<=", ">="] where pair == op {
            pos += 2; return Token(kind: .op(op), offset: start, length: 2)
        }
        let hints: [(written: String, meant: String)] = [
            ("<>", "!="), ("=<", "<="), ("=>", ">="), ("&&", "and"), ("||", "or"),
            ("=", "=="), ("!", "not' or '!="), ("&", "and"), ("|", "or"),
        ]
        for hint in hints where pair.hasPrefix(hint.written) {
            throw ExprError(message: "unknown operator '\(hint.written)'; did you mean '\(hint.meant)'?", offset: start)
        }
        if let c = peek(), c == "<" || c == ">" {
            pos += 1; return Token(kind: .op(String(c)), offset: start, length: 1)
        }
        if let c = peek(), c.isLetter || c.isNumber {
            throw ExprError(
                message: "unexpected character '\(c)'; bare names are ASCII letters, digits, '_' and '.': quote other names with \"double quotes\"",
                offset: start)
        }
        throw ExprError(message: "unexpected character '\(pair.prefix(1))'", offset: start)
    }
}
