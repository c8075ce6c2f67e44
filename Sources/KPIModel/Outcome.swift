/// The tool's version, as reports, manifests and `--version` show it.
public let kpireviewVersion = "0.1.0"

/// Exit codes (SPEC 8).
public enum ExitStatus {
    public static let success: Int32 = 0
    public static let inputError: Int32 = 1
    public static let usageError: Int32 = 2
    public static let warnings: Int32 = 3
    /// Written, but an email could not be sent (SPEC 11; wins over 3).
    public static let emailNotSent: Int32 = 4
    public static let locked: Int32 = 75
}

/// One message for the user. The command line decides how it looks (`kpireview: error: …`); the
/// engine says only what kind of message it is.
public struct Message: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case error
        case warning
        /// Progress and counts (`--verbose`).
        case note
        /// A line that continues the message before it (a hint, a list), shown as it is.
        case detail
    }
    public var kind: Kind
    public var text: String
    public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
}

/// What a command did: its exit code (SPEC 8), its stdout lines and its messages, in order.
public struct RunOutcome: Sendable {
    public var exitCode: Int32
    public var stdout: [String]
    public var messages: [Message]

    public init(exitCode: Int32, stdout: [String] = [], messages: [Message] = []) {
        self.exitCode = exitCode; self.stdout = stdout; self.messages = messages
    }

    /// The messages' texts, without the command line's prefixes (for tests and logs).
    public var stderr: [String] { messages.map(\.text) }
}
