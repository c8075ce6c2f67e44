/// One problem in a config file, positioned so an editor can jump to it.
public struct ConfigError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based; 0 when the problem is the file itself (missing, unreadable).
    public var line: Int
    /// 1-based, in Unicode scalars; 0 with `line`.
    public var column: Int
    public var message: String
    /// The offending text, when there is one.
    public var value: String?
    /// One suggestion that would fix it.
    public var hint: String?

    public init(file: String, line: Int, column: Int, message: String, value: String? = nil, hint: String? = nil) {
        self.file = file; self.line = line; self.column = column
        self.message = message; self.value = value; self.hint = hint
    }

    /// `file:line:column: message (value)` then `hint: …` on its own line; a file-level error drops the position.
    public var description: String {
        var text = line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
        if let value { text += " (\(shortenedForError(value)))" }
        if let hint { text += "\nhint: \(hint)" }
        return text
    }
}

/// Every problem found in one config, in file order.
public struct ConfigErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [ConfigError]

    public init(_ errors: [ConfigError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// A value quoted in an error is cut at 80 characters: a hostile or mistaken 100 KB expression
/// must not flood the terminal or the cron mail.
func shortenedForError(_ value: String) -> String {
    value.count <= 80 ? value : String(value.prefix(79)) + "…"
}
