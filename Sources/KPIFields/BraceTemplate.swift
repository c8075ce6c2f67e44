/// A text with `{name}` variables, such as the email subject
/// `{title} · {cadence} {period}: {red} red, {amber} amber`. `{{` and `}}` stand for `{` and `}`.
/// The config checks the names against the ones it knows; the writer fills them in.
public struct BraceTemplate: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case text(String)
        /// A variable and its offset in the template (0-based, in Unicode scalars, at its `{`).
        case variable(String, offset: Int)
    }

    public var pieces: [Piece]

    /// Variable names in order of appearance (repeats included).
    public var variables: [(name: String, offset: Int)] {
        pieces.compactMap { if case .variable(let n, let o) = $0 { return (n, o) } else { return nil } }
    }

    /// Nil with an error (offset and message) for an unclosed `{`, a lone `}` or an empty or
    /// malformed name (names are letters, digits and `_`).
    public static func parse(_ text: String) -> Result<BraceTemplate, TextSyntaxError> {
        let s = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var literal = ""
        var i = 0
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            (0x41...0x5A).contains(c.value) || (0x61...0x7A).contains(c.value) || (0x30...0x39).contains(c.value) || c == "_"
        }
        while i < s.count {
            let c = s[i]
            if c == "{" && i + 1 < s.count && s[i + 1] == "{" { literal.append("{"); i += 2; continue }
            if c == "}" && i + 1 < s.count && s[i + 1] == "}" { literal.append("}"); i += 2; continue }
            if c == "}" { return .failure(TextSyntaxError(offset: i, message: "'}' without '{'; write '}}' for a literal brace")) }
            guard c == "{" else { literal.unicodeScalars.append(c); i += 1; continue }
            let open = i
            var j = i + 1
            var name = ""
            while j < s.count, isNameScalar(s[j]) { name.unicodeScalars.append(s[j]); j += 1 }
            guard j < s.count, s[j] == "}" else {
                let why = j >= s.count ? "'{' is never closed by '}'" : "a variable name is letters, digits and '_' only"
                return .failure(TextSyntaxError(offset: j >= s.count ? open : j, message: why + "; write '{{' for a literal brace"))
            }
            guard !name.isEmpty else { return .failure(TextSyntaxError(offset: open, message: "'{}' names no variable")) }
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
            pieces.append(.variable(name, offset: open))
            i = j + 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        return .success(BraceTemplate(pieces: pieces))
    }

    public init(pieces: [Piece]) { self.pieces = pieces }

    /// The text with each variable replaced by its value (a name without a value stays as `{name}`).
    public func render(_ values: [String: String]) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .variable(let n, _): out += values[n] ?? "{\(n)}"
            }
        }
        return out
    }
}
