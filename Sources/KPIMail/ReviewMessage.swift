import KPIFields
import KPIModel
import KPIReport

/// Who a review's message is from and to, and its subject, already filled in.
public struct MessageHeaders: Sendable {
    public var from: Mailbox
    public var to: [Mailbox]
    public var cc: [Mailbox]
    public var replyTo: [Mailbox]
    public var subject: String
    public init(from: Mailbox, to: [Mailbox], cc: [Mailbox] = [], replyTo: [Mailbox] = [], subject: String) {
        self.from = from; self.to = to; self.cc = cc; self.replyTo = replyTo; self.subject = subject
    }
}

/// A report file attached to the message, byte for byte as written in the report folder.
public struct Attachment: Sendable {
    public var filename: String
    public var bytes: [UInt8]
    public init(filename: String, bytes: [UInt8]) { self.filename = filename; self.bytes = bytes }

    /// The MIME type of a report file, from its extension.
    public var contentType: String {
        switch filename.split(separator: ".").last.map(String.init) {
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "md": return "text/markdown; charset=utf-8"
        case "json": return "application/json"
        case "html": return "text/html; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    /// What the body's attachment line calls it.
    var kind: String {
        switch filename.split(separator: ".").last.map(String.init) {
        case "xlsx": return "workbook"
        case "md": return "Markdown summary"
        case "json": return "JSON results"
        case "html": return "HTML report"
        default: return "file"
        }
    }
}

/// A PNG shown in the HTML body by `cid:` (the charts, SPEC 10/11).
public struct InlineImage: Sendable {
    /// A short name, unique in the message (`chart-1-revenue`); letters, digits, `-` `_` `.`.
    public var contentID: String
    public var filename: String
    public var png: [UInt8]
    /// Display size in CSS pixels (the PNG itself is drawn at 2×).
    public var width: Int
    public var height: Int
    public var alt: String
    /// Shown above the chart (the KPI's name), so a reader knows which KPI it is; "" for none.
    public var title = ""
    /// The events marked on the chart, by their numbers (SPEC 6.7), listed below it.
    public var events: [(number: Int, text: String)] = []
    public init(contentID: String, filename: String, png: [UInt8], width: Int, height: Int, alt: String) {
        self.contentID = contentID; self.filename = filename; self.png = png; self.width = width; self.height = height; self.alt = alt
    }
}

/// The review as one RFC 5322 message (SPEC 11):
/// `multipart/mixed` ⟶ [`multipart/related` ⟶ [`multipart/alternative` ⟶ [text/plain, text/html],
/// the images], the attachments]. A wrapper with nothing to wrap is left out: no `related` without
/// images, no `mixed` without attachments. CRLF line ends, no Date header (sending adds it);
/// boundaries and Message-ID come from the content, so the same report gives the same bytes.
public enum ReviewMessage {
    /// `plainText` is the Markdown summary; the HTML body is made here from the report.
    public static func render(report: ReviewReport, headers: MessageHeaders, plainText: String,
                              attachments: [Attachment], images: [InlineImage]) -> [UInt8] {
        let domain = headers.from.domain
        let cids = images.map { contentID(for: $0, domain: domain) }
        let html = MailBody.render(report, images: zip(images, cids).map { ($0.0, $0.1) }, attachments: attachments)
        var body = MIMEPart.multipart(subtype: "alternative", parts: [.text("plain", plainText), .text("html", html)])
        if !images.isEmpty {
            body = .multipart(subtype: "related", parts: [body] + zip(images, cids).map { image, cid in
                .binary(contentType: "image/png", filename: image.filename, bytes: image.png, contentID: cid)
            })
        }
        if !attachments.isEmpty {
            body = .multipart(subtype: "mixed", parts: [body] + attachments.map {
                .binary(contentType: $0.contentType, filename: $0.filename, bytes: $0.bytes, contentID: nil)
            })
        }
        var top = [Header.fold("From", Header.addresses([headers.from])),
                   Header.fold("To", Header.addresses(headers.to))]
        if !headers.cc.isEmpty { top.append(Header.fold("Cc", Header.addresses(headers.cc))) }
        if !headers.replyTo.isEmpty { top.append(Header.fold("Reply-To", Header.addresses(headers.replyTo))) }
        top.append(Header.fold("Subject", Header.unstructured(headers.subject)))
        let rest = ["MIME-Version: 1.0\r\n",
                    // RFC 3834: a report, not a person; vacation responders stay quiet.
                    "Auto-Submitted: auto-generated\r\n"]
        let unsigned = body.render(extraHeaders: top + rest)
        let id = "Message-ID: <\(SHA256.hash(unsigned).prefix(32))@\(domain)>\r\n"
        return body.render(extraHeaders: top + [id] + rest)
    }

    /// `<name>.<hash of the image>@<from-domain>`: unique across messages and stable across reruns.
    static func contentID(for image: InlineImage, domain: String) -> String {
        let name = String(image.contentID.unicodeScalars.map { s -> Character in
            let ok = (0x30...0x39).contains(s.value) || (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value)
                || s == "-" || s == "_" || s == "."
            return ok ? Character(s) : "-"
        })
        // A domain literal (`[192.0.2.1]`) would need escaping in the body's `cid:` URLs.
        let right = domain.hasPrefix("[") ? "kpireview.invalid" : domain
        return "\(name.isEmpty ? "image" : name).\(SHA256.hash(image.png).prefix(16))@\(right)"
    }
}
