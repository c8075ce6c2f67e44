/// JSON string literals (RFC 8259) for the result and manifest writers.
public enum JSONText {
    /// `s` as a quoted JSON string: `"` and `\` escaped, control characters as `\n \r \t \b \f` or
    /// `\u00xx` (lower-case hex); every other character, including non-ASCII, kept as its UTF-8.
    public static func quote(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        out.append(UInt8(ascii: "\""))
        for c in s.utf8 {
            switch c {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(c)
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(c)
            case 0x0A: appendEscape(UInt8(ascii: "n"), to: &out)
            case 0x0D: appendEscape(UInt8(ascii: "r"), to: &out)
            case 0x09: appendEscape(UInt8(ascii: "t"), to: &out)
            case 0x08: appendEscape(UInt8(ascii: "b"), to: &out)
            case 0x0C: appendEscape(UInt8(ascii: "f"), to: &out)
            case 0..<0x20: appendUnicodeEscape(c, to: &out)
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendEscape(_ letter: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\")); out.append(letter)
    }

    private static func appendUnicodeEscape(_ c: UInt8, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hex[Int(c >> 4)]); out.append(hex[Int(c & 15)])
    }
}
