import Foundation
import KPIFields

// Quoted-printable (RFC 2045 6.7), encoded-words (RFC 2047) and header folding (RFC 5322 2.2.3),
// written here by hand: Foundation on Linux has base64 (used below) but no quoted-printable and no
// encoded-words, and no Swift package on this machine does either (vapor/multipart-kit writes
// form-data bodies only; swift-extras-base64 is base64 alone). Each is a page of well-specified code.

/// The longest line this writer emits, CRLF excluded (RFC 2045's 76 for encoded bodies; headers
/// are folded to the same width).
let lineLimit = 76

enum QuotedPrintable {
    static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` with its line ends made CRLF, encoded: printable ASCII as is, everything else `=XX`,
    /// lines of at most 76 characters with soft breaks (`=` at the end). Also encoded, for the
    /// transports that mangle them: a space or tab at a line's end, a `.` starting a line (SMTP's
    /// end of data, for a sendmail without `-i`) and `From ` starting a line (mbox quoting).
    static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        for line in lines(of: Array(text.utf8)) {
            encodeLine(line, into: &out)
            out += [13, 10]
        }
        return out
    }

    /// Splits on CRLF, LF or CR; a final line end does not start another (empty) line.
    static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var out: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 13 || bytes[i] == 10 {
                out.append(bytes[start..<i])
                i += bytes[i] == 13 && i + 1 < bytes.count && bytes[i + 1] == 10 ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < bytes.count { out.append(bytes[start..<bytes.count]) }
        return out
    }

    static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var column = 0
        let startsWithFrom = line.starts(with: Array("From ".utf8))
        for (n, i) in line.indices.enumerated() {
            let b = line[i]
            let last = i == line.index(before: line.endIndex)
            let literal = (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !last)
            let escaped: [UInt8] = [61, hex[Int(b >> 4)], hex[Int(b & 15)]]
            var piece: [UInt8] = literal && !(n == 0 && b == 70 && startsWithFrom) ? [b] : escaped
            // Room for the piece and, unless the line ends here, a soft break's `=`.
            if column + piece.count > lineLimit - (last ? 0 : 1) {
                out += [61, 13, 10]
                column = 0
            }
            // A `.` starting a line, after a hard or a soft break.
            if column == 0 && b == 46 { piece = escaped }
            out += piece
            column += piece.count
        }
    }
}

enum EncodedWord {
    /// The longest encoded-word this writer makes: with `Reply-To: ` before it, a line stays under 76.
    static let maxLength = 62

    /// True when `text` can go in a header as it is: printable ASCII and spaces, and no `=?` that a
    /// reader would take for an encoded-word.
    static func isPlain(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 <= 126 } && !text.contains("=?")
    }

    /// `=?UTF-8?Q?…?=` words (RFC 2047 4.2), each at most `maxLength` characters and holding whole
    /// Unicode scalars. `phrase` applies 5(3)'s stricter set for display names.
    static func encode(_ text: String, phrase: Bool) -> [String] {
        let prefix = "=?UTF-8?Q?", suffix = "?="
        let room = maxLength - prefix.count - suffix.count
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            var piece = ""
            for b in String(scalar).utf8 {
                if b == 32 {
                    piece += "_"
                } else if safe(b, phrase: phrase) {
                    piece.unicodeScalars.append(Unicode.Scalar(b))
                } else {
                    piece += "=" + String(decoding: [QuotedPrintable.hex[Int(b >> 4)], QuotedPrintable.hex[Int(b & 15)]], as: UTF8.self)
                }
            }
            if current.count + piece.count > room, !current.isEmpty {
                words.append(prefix + current + suffix)
                current = ""
            }
            current += piece
        }
        if !current.isEmpty || words.isEmpty { words.append(prefix + current + suffix) }
        return words
    }

    static func safe(_ b: UInt8, phrase: Bool) -> Bool {
        switch b {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"): return true
        case 33...126: return !phrase && b != UInt8(ascii: "=") && b != UInt8(ascii: "?") && b != UInt8(ascii: "_")
        default: return false
        }
    }
}

enum Header {
    /// `Name: token token …` folded at the spaces between tokens so that lines stay within 76
    /// characters where the tokens allow (a single longer token keeps its own line). CRLF at the end.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var out = name + ":"
        var column = out.count
        for token in tokens where !token.isEmpty {
            // Fold before a token that does not fit; right after the colon too (RFC 5322 allows white
            // space there) when the token would fit on a line of its own, as the xlsx MIME type does.
            let first = column == name.count + 1
            if column + 1 + token.count > lineLimit && (!first || 1 + token.count <= lineLimit) {
                out += "\r\n"
                column = 0
            }
            out += " " + token
            column += 1 + token.count
        }
        return out + "\r\n"
    }

    /// An unstructured header's text (Subject) as tokens: its words when plain, else encoded-words.
    /// Runs of spaces keep their length: the extra spaces lead the next token.
    static func unstructured(_ text: String) -> [String] {
        let flat = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\t", with: " ")
        guard EncodedWord.isPlain(flat) else { return EncodedWord.encode(flat, phrase: false) }
        var tokens: [String] = []
        var pending = ""
        for part in flat.split(separator: " ", omittingEmptySubsequences: false) {
            if part.isEmpty { pending += " "; continue }
            tokens.append(pending + part)
            pending = ""
        }
        if !pending.isEmpty, let last = tokens.popLast() { tokens.append(last + pending) }
        return tokens
    }

    /// Mailboxes as tokens, comma-separated; display names as atoms, a quoted string, or encoded-words.
    static func addresses(_ boxes: [Mailbox]) -> [String] {
        var tokens: [String] = []
        for (n, box) in boxes.enumerated() {
            let comma = n + 1 < boxes.count ? "," : ""
            guard let name = box.displayName, !name.isEmpty else { tokens.append(box.address + comma); continue }
            if EncodedWord.isPlain(name) {
                tokens.append(Mailbox.phrase(name))
            } else {
                tokens += EncodedWord.encode(name, phrase: true)
            }
            tokens.append("<" + box.address + ">" + comma)
        }
        return tokens
    }

    /// A parameter (`name="file.xlsx"`), or RFC 2231's `name*=utf-8''…` when the value is not plain
    /// ASCII that can sit in a quoted string.
    static func parameter(_ name: String, _ value: String) -> String {
        let plain = value.utf8.allSatisfy { $0 >= 32 && $0 <= 126 && $0 != 34 && $0 != 92 }
        if plain { return "\(name)=\"\(value)\"" }
        var encoded = ""
        for b in value.utf8 {
            let unreserved = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || "-._~".utf8.contains(b)
            encoded += unreserved ? String(UnicodeScalar(b)) : "%" + String(decoding: [QuotedPrintable.hex[Int(b >> 4)], QuotedPrintable.hex[Int(b & 15)]], as: UTF8.self)
        }
        return "\(name)*=utf-8''\(encoded)"
    }
}

enum Base64 {
    /// RFC 2045 base64 in lines of 76 characters, each ending in CRLF (Foundation's encoder).
    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        let text = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array(text.utf8) + [13, 10]
    }
}
