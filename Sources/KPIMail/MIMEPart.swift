import KPIFields

/// A MIME entity (RFC 2045/2046): a leaf with its encoded body, or a multipart of other entities.
/// Rendering is a pure function of the tree: boundaries derive from the content they enclose, so
/// the same tree always gives the same bytes.
indirect enum MIMEPart {
    /// `headers` are complete lines (CRLF-terminated, folded); `body` is already transfer-encoded.
    case leaf(headers: [String], body: [UInt8])
    case multipart(subtype: String, parts: [MIMEPart])

    /// A text part: UTF-8, quoted-printable, CRLF line ends.
    static func text(_ subtype: String, _ text: String) -> MIMEPart {
        .leaf(headers: [Header.fold("Content-Type", ["text/\(subtype);", "charset=utf-8"]),
                        "Content-Transfer-Encoding: quoted-printable\r\n"],
              body: QuotedPrintable.encode(text))
    }

    /// A base64 part: an inline image (`contentID` set) or an attachment.
    static func binary(contentType: String, filename: String, bytes: [UInt8], contentID: String?) -> MIMEPart {
        var headers = [Header.fold("Content-Type", [contentType + ";", Header.parameter("name", filename)]),
                       "Content-Transfer-Encoding: base64\r\n"]
        if let contentID { headers.append(Header.fold("Content-ID", ["<\(contentID)>"])) }
        headers.append(Header.fold("Content-Disposition", [(contentID == nil ? "attachment" : "inline") + ";",
                                                           Header.parameter("filename", filename)]))
        return .leaf(headers: headers, body: Base64.encode(bytes))
    }

    /// The entity's bytes: its headers, an empty line, its body. `extraHeaders` go first (the
    /// message's own headers, for the top-level entity).
    func render(extraHeaders: [String] = []) -> [UInt8] {
        switch self {
        case .leaf(let headers, let body):
            return Array((extraHeaders + headers).joined().utf8) + [13, 10] + body
        case .multipart(let subtype, let parts):
            let rendered = parts.map { $0.render() }
            let boundary = Self.boundary(subtype: subtype, parts: rendered)
            var out = Array((extraHeaders + [Header.fold("Content-Type", ["multipart/\(subtype);", "boundary=\"\(boundary)\""])]).joined().utf8)
            out += [13, 10]
            let dashes = Array("--\(boundary)".utf8)
            for (n, part) in rendered.enumerated() {
                if n > 0 { out += [13, 10] }
                out += dashes + [13, 10] + part
            }
            out += [13, 10] + dashes + Array("--\r\n".utf8)
            return out
        }
    }

    /// `=_` then a hash of what the boundary encloses. Neither quoted-printable (`=` is always followed
    /// by two hex digits or a line end) nor base64 (`=` only as padding at a line's end) can hold
    /// `=_`, so no line of a leaf starts with the boundary; nested multiparts hash other content, so
    /// their boundaries differ from the enclosing one within the first characters.
    static func boundary(subtype: String, parts: [[UInt8]]) -> String {
        var bytes = Array(subtype.utf8)
        for p in parts { bytes += [0] + p }
        return "=_kpireview_" + String(SHA256.hash(bytes).prefix(32))
    }
}
