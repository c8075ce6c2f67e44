import Foundation

/// YAML text for the configs `kpireview init` writes: a scalar stays plain only when YAML would read it
/// back as the same string (not a number, a boolean, null, or text starting with an indicator).
enum YAMLText {
    /// Words YAML 1.1 (Yams) reads as booleans or null.
    static let specialWords: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    static func scalar(_ s: String) -> String {
        isPlainSafe(s) ? s : doubleQuoted(s)
    }

    static func doubleQuoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    static func isPlainSafe(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return false }
        guard first.properties.isAlphabetic || first == "_" else { return false }
        guard last != " " else { return false }
        if specialWords.contains(s.lowercased()) { return false }
        if s.contains(": ") || s.contains(" #") { return false }
        let allowed = s.unicodeScalars.allSatisfy { c in
            c.properties.isAlphabetic || ("0"..."9").contains(c) || " _-./()".unicodeScalars.contains(c)
        }
        return allowed
    }

    /// A `{ key: value, … }` flow mapping; values are already YAML text.
    static func flow(_ pairs: [(String, String)]) -> String {
        "{ " + pairs.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + " }"
    }
}

/// Names inside `where`/`value` expressions (SPEC 3): bare when the expression lexer reads them as one
/// identifier, else backticked (backticks need no escaping inside a double-quoted YAML string).
enum ExprName {
    static let keywords: Set<String> = ["and", "or", "not", "in"]

    static func quoted(_ name: String) -> String {
        if let first = name.first, first == "_" || (first.isASCII && first.isLetter),
           name.allSatisfy({ $0 == "_" || $0 == "." || ($0.isASCII && ($0.isLetter || $0.isNumber)) }),
           !keywords.contains(name.lowercased())
        {
            return name
        }
        return "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
