import KPIFields
import Yams

/// The `email:` block (SPEC 11): who the review goes to and how it is sent.
public struct EmailConfig: Sendable {
    public var from: Mailbox
    /// At least one.
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var replyTo: [Mailbox]
    /// With variables from `subjectVariables`, every one checked.
    public var subject: BraceTemplate
    /// Report files attached to the message, in the config's order; never `eml`.
    public var attach: [OutputFormat]
    /// The first N KPIs in config order get an inline chart: 0…12.
    public var charts: Int
    public var sendIf: SendCondition
    /// The program `--send` pipes a message to, with `-t -i`: an absolute path, a path resolved
    /// against the config's folder, or a bare name looked up on PATH when sending.
    public var sendmail: String
    /// Where each `attach` item is written, for the run's check against `--format`.
    public var attachPositions: [OutputFormat: ConfigPosition]
    /// Where the block is, for errors that concern it as a whole.
    public var position: ConfigPosition

    /// The subject's variables (SPEC 11): the counts are of the ALL-level statuses.
    public static let subjectVariables = ["title", "company", "cadence", "Cadence", "period", "start", "end", "as_of",
                                          "green", "amber", "red"]
    public static let defaultSubject = "{title} · {cadence} {period}: {red} red, {amber} amber"
    public static let defaultSendmail = "/usr/sbin/sendmail"
    public static let chartRange = 0...12
}

/// When `run --send` sends a report's message.
public enum SendCondition: String, Sendable, CaseIterable {
    /// Every written report.
    case always
    /// A report folder that is new, or replaced by one whose files differ.
    case changed
    /// Any red status at any level, rejected rows or a stale source.
    case alert
}

/// A line and column in the config file (1-based).
public struct ConfigPosition: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) { self.line = line; self.column = column }
}

extension ConfigBuilder {
    static let emailKeys = ["from", "to", "cc", "reply_to", "subject", "attach", "charts", "send_if", "sendmail"]

    mutating func readEmail(_ node: Node) -> EmailConfig? {
        guard let f = reader.fields(of: node, context: "email", known: Self.emailKeys) else { return nil }
        let at = NodeReader.position(node)
        let fromNode = reader.require("from", in: f)
        let toNode = reader.require("to", in: f)
        let from = fromNode.flatMap { readMailbox($0, key: "from") }
        var to: [Mailbox] = []
        if let toNode {
            to = readMailboxes(toNode, key: "to")
            if toNode.sequence?.isEmpty == true { reader.error(at: toNode, "'to' must name at least one address in email") }
        }
        let cc = f["cc"].map { readMailboxes($0, key: "cc") } ?? []
        let replyTo = f["reply_to"].map { readMailboxes($0, key: "reply_to") } ?? []

        var subject = BraceTemplate(pieces: [])
        if case .success(let t) = BraceTemplate.parse(EmailConfig.defaultSubject) { subject = t }
        if let node = f["subject"], let t = readSubject(node) { subject = t }

        var attach: [OutputFormat] = [.xlsx]
        var positions: [OutputFormat: ConfigPosition] = [:]
        if let node = f["attach"], let items = reader.list(node, key: "attach", context: "email") {
            attach = []
            for item in items {
                guard let format = reader.choice(item, key: "attach", context: "email", as: OutputFormat.self) else { continue }
                if format == .eml {
                    reader.error(at: item, "a message cannot attach itself: 'attach' takes the report files (\(Self.attachable))", value: "eml")
                } else if attach.contains(format) {
                    reader.error(at: item, "format listed twice in email attach", value: format.rawValue)
                } else {
                    attach.append(format)
                    let p = NodeReader.position(item)
                    positions[format] = ConfigPosition(line: p.line, column: p.column)
                }
            }
        } else {
            positions[.xlsx] = ConfigPosition(line: at.line, column: at.column)
        }
        let charts = f["charts"].flatMap { reader.int($0, key: "charts", context: "email", range: EmailConfig.chartRange) } ?? 4
        let sendIf = f["send_if"].flatMap { reader.choice($0, key: "send_if", context: "email", as: SendCondition.self) } ?? .always
        var sendmail = EmailConfig.defaultSendmail
        if let node = f["sendmail"], let program = reader.nonEmptyText(node, key: "sendmail", context: "email") {
            if program.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                reader.error(at: node, "'sendmail' must be a program's path on one line in email", value: program)
            } else {
                // A bare name is looked up on PATH when sending (`msmtp`); a path with a slash is a file.
                sendmail = program.contains("/") ? ConfigPaths.resolve(program, against: directory) : program
            }
        }
        guard let from, !to.isEmpty else { return nil }
        return EmailConfig(from: from, to: to, cc: cc, replyTo: replyTo, subject: subject, attach: attach, charts: charts,
                           sendIf: sendIf, sendmail: sendmail, attachPositions: positions,
                           position: ConfigPosition(line: at.line, column: at.column))
    }

    static var attachable: String { OutputFormat.allCases.filter { $0 != .eml }.map(\.rawValue).joined(separator: ", ") }

    mutating func readMailboxes(_ node: Node, key: String) -> [Mailbox] {
        guard let items = reader.list(node, key: key, context: "email") else { return [] }
        return items.compactMap { readMailbox($0, key: key) }
    }

    /// One RFC 5322 mailbox; the error points at the offending character when the text is on one line.
    mutating func readMailbox(_ node: Node, key: String) -> Mailbox? {
        guard let text = reader.text(node, key: key, context: "email") else { return nil }
        switch Mailbox.parse(text) {
        case .success(let m): return m
        case .failure(let e):
            let p = reader.position(ofOffset: e.offset, in: node, text: text)
            reader.error(line: p.line, column: p.column, "'\(key)' is not an email address in email: \(e.message)", value: text,
                         hint: "write a@example.com, or Name <a@example.com>; quote a name with a comma: \"Lee, Ann\" <ann@example.com>")
            return nil
        }
    }

    /// The subject template; every variable must be one of SPEC 11's.
    mutating func readSubject(_ node: Node) -> BraceTemplate? {
        guard let text = reader.nonEmptyText(node, key: "subject", context: "email"), let raw = node.scalar?.string else { return nil }
        switch BraceTemplate.parse(raw) {
        case .failure(let e):
            let p = reader.position(ofOffset: e.offset, in: node, text: raw)
            reader.error(line: p.line, column: p.column, "'subject' in email: \(e.message)", value: text)
            return nil
        case .success(let t):
            var ok = true
            for v in t.variables where !EmailConfig.subjectVariables.contains(v.name) {
                let p = reader.position(ofOffset: v.offset, in: node, text: raw)
                let known = EmailConfig.subjectVariables
                let hint = Suggest.closest(to: v.name, among: known).map { "did you mean '{\($0)}'?" }
                    ?? "known variables: " + known.map { "{\($0)}" }.joined(separator: " ")
                reader.error(line: p.line, column: p.column, "unknown variable in email subject", value: "{\(v.name)}", hint: hint)
                ok = false
            }
            return ok ? t : nil
        }
    }

    /// SPEC 11's cross-checks, once `output` and `email` are both read: `eml` needs `email`, and
    /// every attached format must be one the run writes. `eml` joins `output.formats`, given or
    /// default ("eml is added when `email` is set"): a config that lists its formats and gains an
    /// email block writes the message without a second edit; `--format` still says exactly.
    mutating func checkEmailFormats(_ config: inout Config) {
        guard let email = config.email else {
            if let node = formatNodes[.eml] {
                reader.error(at: node, "format eml needs an 'email' block (from, to) to address the message", value: "eml",
                             hint: "add email: { from: \"KPI Review <kpi@example.com>\", to: [team@example.com] }")
            }
            return
        }
        if !config.output.formats.contains(.eml) { config.output.formats.append(.eml) }
        for format in email.attach where !config.output.formats.contains(format) {
            let p = email.attachPositions[format] ?? email.position
            reader.error(line: p.line, column: p.column, "email attaches \(format.rawValue), which output.formats does not write",
                         value: format.rawValue, hint: "add \(format.rawValue) to output.formats, or remove it from email.attach")
        }
    }
}
