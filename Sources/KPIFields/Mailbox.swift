/// One RFC 5322 mailbox (section 3.4): `KPI Review <kpi@acme.example>`, `"Lee, Ann" <ann@x.example>`
/// or a bare `kpi@acme.example`. The config checks addresses with it and the email writer renders
/// them, so both agree on what an address is.
///
/// Written by hand: Foundation has no address parser, and no Swift package on this machine parses
/// RFC 5322 mailboxes (vapor/multipart-kit does form-data bodies only). The grammar is small.
public struct Mailbox: Sendable, Hashable, CustomStringConvertible {
    /// The display name, unquoted and unescaped, runs of white space made one space; nil when none.
    /// May hold any Unicode (RFC 6532); the writer encodes it (RFC 2047).
    public var displayName: String?
    /// As written: a dot-atom (`pm.team`) or a quoted string with its quotes (`"pm team"`).
    public var localPart: String
    /// A dot-atom (`acme.example`) or a domain literal (`[192.0.2.1]`).
    public var domain: String

    public init(displayName: String?, localPart: String, domain: String) {
        self.displayName = displayName; self.localPart = localPart; self.domain = domain
    }

    /// `local@domain`, the addr-spec.
    public var address: String { localPart + "@" + domain }

    /// `Name <local@domain>` (the name quoted when it needs it), or the bare address.
    public var description: String {
        guard let name = displayName, !name.isEmpty else { return address }
        return Self.phrase(name) + " <" + address + ">"
    }

    /// A display name as an RFC 5322 phrase: atoms as they are, else one quoted string.
    public static func phrase(_ name: String) -> String {
        let plain = name.unicodeScalars.allSatisfy { MailboxParser.isAtext($0) || $0 == " " || $0.value >= 0x80 }
        if plain && !name.hasPrefix(" ") && !name.hasSuffix(" ") && !name.contains("  ") { return name }
        var out = "\""
        for s in name.unicodeScalars {
            if s == "\"" || s == "\\" { out.append("\\") }
            out.unicodeScalars.append(s)
        }
        return out + "\""
    }

    /// Parses one mailbox; leading and trailing white space and comments are allowed.
    public static func parse(_ text: String) -> Result<Mailbox, TextSyntaxError> {
        var p = MailboxParser(Array(text.unicodeScalars))
        do { return .success(try p.mailbox()) } catch { return .failure(error) }
    }
}

/// Why a short text (a mailbox, a template) does not parse, and where: 0-based, in Unicode scalars
/// from the text's start, so a config error can point at the column.
public struct TextSyntaxError: Error, Sendable, Equatable {
    public var offset: Int
    public var message: String
    public init(offset: Int, message: String) { self.offset = offset; self.message = message }
}

/// A recursive-descent parser over Unicode scalars for RFC 5322's `mailbox` (no obsolete forms
/// except the `.` in display names that real names have: `John Q. Public`).
struct MailboxParser {
    let s: [Unicode.Scalar]
    var i = 0

    init(_ scalars: [Unicode.Scalar]) { s = scalars }

    static func isAtext(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: return true
        default: return "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(c)
        }
    }

    var atEnd: Bool { i >= s.count }
    var current: Unicode.Scalar? { atEnd ? nil : s[i] }

    func fail(_ message: String, at offset: Int? = nil) -> TextSyntaxError {
        TextSyntaxError(offset: offset ?? min(i, s.count), message: message)
    }

    mutating func mailbox() throws(TextSyntaxError) -> Mailbox {
        try skipCFWS()
        if atEnd { throw fail("an address is empty") }
        // Either `phrase <addr-spec>`, `<addr-spec>`, or `addr-spec`: read words until '<', '@' or the end.
        let start = i
        var words: [String] = []
        while let c = current, c != "<" && c != "@" {
            if c == "\"" {
                words.append(try quotedString().text)
            } else if Self.isAtext(c) || c.value >= 0x80 || c == "." {
                words.append(phraseAtom())
            } else if c == "," || c == ";" {
                throw fail("one address per item: '\(c)' separates addresses; list them as separate items")
            } else {
                throw fail("'\(c)' is not allowed here in an address; quote the name (\"…\") if it is part of it")
            }
            try skipCFWS()
        }
        if current == "<" {
            let open = i
            i += 1
            let (local, domain) = try addrSpec()
            try skipCFWS()
            guard current == ">" else { throw fail(atEnd ? "'<' at column \(open + 1) is never closed by '>'" : "expected '>' after the address") }
            i += 1
            try skipCFWS()
            if !atEnd { throw fail("unexpected text after the address's closing '>'") }
            let name = words.joined(separator: " ")
            return Mailbox(displayName: name.isEmpty ? nil : name, localPart: local, domain: domain)
        }
        // A bare addr-spec: parse again from the start, strictly.
        if words.count > 1 && current == "@" {
            throw fail("a display name needs the address in <…>: Name <local@domain>", at: start)
        }
        i = start
        let (local, domain) = try addrSpec()
        try skipCFWS()
        if !atEnd {
            throw fail(current == "<" ? "a display name with '@' or '.' must be quoted"
                : "unexpected text after the address; a display name goes before it, with the address in <…>")
        }
        return Mailbox(displayName: nil, localPart: local, domain: domain)
    }

    /// One atom of a display name; non-ASCII letters (RFC 6532) and '.' (obs-phrase) allowed.
    mutating func phraseAtom() -> String {
        var out = ""
        while let c = current, Self.isAtext(c) || c.value >= 0x80 || c == "." {
            out.unicodeScalars.append(c); i += 1
        }
        return out
    }

    mutating func addrSpec() throws(TextSyntaxError) -> (String, String) {
        try skipCFWS()
        let local: String
        if current == "\"" {
            local = try quotedString().raw
        } else {
            local = try dotAtom(what: "the part before '@'")
        }
        try skipCFWS()
        guard current == "@" else {
            throw fail(atEnd ? "an address needs '@' and a domain" : "expected '@' after '\(local)'")
        }
        i += 1
        try skipCFWS()
        let domain: String
        if current == "[" {
            domain = try domainLiteral()
        } else {
            domain = try dotAtom(what: "the domain")
        }
        return (local, domain)
    }

    /// `1*atext *("." 1*atext)`, ASCII only (an address with non-ASCII needs SMTPUTF8).
    mutating func dotAtom(what: String) throws(TextSyntaxError) -> String {
        var out = ""
        let start = i
        while true {
            let part = i
            while let c = current, Self.isAtext(c) { out.unicodeScalars.append(c); i += 1 }
            if let c = current, c.value >= 0x80 {
                throw fail("non-ASCII in \(what) needs SMTPUTF8, which kpireview does not send; use the ASCII form (punycode for a domain)")
            }
            if i == part {
                if atEnd || current == ">" { throw fail(i == start ? "\(what) is empty" : "\(what) must not end with '.'") }
                throw fail(current == "." ? "'..' is not allowed in \(what); quote the part before '@' if it has it"
                    : "'\(current.map(String.init) ?? "")' is not allowed in \(what)")
            }
            guard current == "." else { return out }
            out.append("."); i += 1
        }
    }

    /// `"…"` with `\` escapes; `text` unescaped, `raw` as written with its quotes.
    mutating func quotedString() throws(TextSyntaxError) -> (text: String, raw: String) {
        let open = i
        i += 1
        var text = "", raw = "\""
        while let c = current {
            i += 1
            switch c {
            case "\"":
                raw.append("\"")
                return (text, raw)
            case "\\":
                guard let next = current, next.value >= 0x20 || next == "\t", next.value != 0x7F else {
                    throw fail("'\\' must be followed by a printable character")
                }
                i += 1
                text.unicodeScalars.append(next); raw.append("\\"); raw.unicodeScalars.append(next)
            case "\r", "\n":
                throw fail("a line break is not allowed in an address", at: i - 1)
            default:
                guard c.value >= 0x20 && c.value != 0x7F || c == "\t" else { throw fail("control character in a quoted string", at: i - 1) }
                text.unicodeScalars.append(c); raw.unicodeScalars.append(c)
            }
        }
        throw fail("the quote opened at column \(open + 1) is never closed", at: open)
    }

    mutating func domainLiteral() throws(TextSyntaxError) -> String {
        let open = i
        var out = "["
        i += 1
        while let c = current {
            i += 1
            if c == "]" { return out + "]" }
            guard (0x21...0x7E).contains(c.value), c != "[", c != "\\" else {
                throw fail("'\(c)' is not allowed in a domain literal", at: i - 1)
            }
            out.unicodeScalars.append(c)
        }
        throw fail("the '[' at column \(open + 1) is never closed", at: open)
    }

    /// White space and (nested) comments, which RFC 5322 allows around every token.
    mutating func skipCFWS() throws(TextSyntaxError) {
        while let c = current {
            if c == " " || c == "\t" { i += 1; continue }
            guard c == "(" else { return }
            let open = i
            var depth = 0
            repeat {
                guard let d = current else { throw fail("the comment '(' at column \(open + 1) is never closed", at: open) }
                i += 1
                if d == "\\" { i += 1 } else if d == "(" { depth += 1 } else if d == ")" { depth -= 1 }
            } while depth > 0
        }
    }
}
