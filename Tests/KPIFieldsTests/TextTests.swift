import XCTest
@testable import KPIFields

final class JSONTextTests: XCTestCase {
    func testQuotesAndEscapes() {
        XCTAssertEqual(JSONText.quote(""), "\"\"")
        XCTAssertEqual(JSONText.quote("plain"), "\"plain\"")
        XCTAssertEqual(JSONText.quote("say \"hi\""), #""say \"hi\"""#)
        XCTAssertEqual(JSONText.quote(#"C:\data"#), #""C:\\data""#)
        XCTAssertEqual(JSONText.quote("a\nb\rc\td"), #""a\nb\rc\td""#)
        XCTAssertEqual(JSONText.quote("\u{08}\u{0C}"), #""\b\f""#)
        XCTAssertEqual(JSONText.quote("\u{00}\u{01}\u{1F}"), #""\u0000\u0001\u001f""#)
        XCTAssertEqual(JSONText.quote("/"), "\"/\"")
        XCTAssertEqual(JSONText.quote("\u{7F}"), "\"\u{7F}\"")
    }

    func testNonASCIIIsKeptAsUTF8() {
        XCTAssertEqual(JSONText.quote("Café € 数据 🚀"), "\"Café € 数据 🚀\"")
        XCTAssertEqual(Array(JSONText.quote("é").utf8), [0x22, 0xC3, 0xA9, 0x22])
    }
}

final class ByteTextTests: XCTestCase {
    func with<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let bytes = Array(s.utf8)
        return bytes.withUnsafeBufferPointer(body)
    }

    func testTrimmed() {
        XCTAssertEqual(with("  a b \t") { ByteText.string(ByteText.trimmed($0)) }, "a b")
        XCTAssertEqual(with("\u{00A0}x\u{00A0}") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("\u{00A0}\t \u{00A0}") { ByteText.trimmed($0).count }, 0)
        XCTAssertEqual(with("") { ByteText.trimmed($0).count }, 0)
        // A lone A0 byte (not preceded by C2) is not a blank: "é" ends in A9, "à" in A0.
        XCTAssertEqual(with("à") { ByteText.trimmed($0).count }, 2)
        // One blank at one end only, each kind: the untrimmed fast path must not skip it.
        XCTAssertEqual(with("x\u{00A0}") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("\u{00A0}x") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("\tx") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("x ") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("£5 à") { ByteText.string(ByteText.trimmed($0)) }, "£5 à")
        XCTAssertEqual(with("x") { ByteText.string(ByteText.trimmed($0)) }, "x")
        XCTAssertEqual(with("\u{202F}x") { ByteText.trimmed($0).count }, 4)
    }

    func testEqualsAndBlank() {
        XCTAssertTrue(with("ALL") { ByteText.equals($0, Array("ALL".utf8)) })
        XCTAssertFalse(with("ALL") { ByteText.equals($0, Array("all".utf8)) })
        XCTAssertFalse(with("AL") { ByteText.equals($0, Array("ALL".utf8)) })
        XCTAssertTrue(with("") { ByteText.equals($0, []) })
        XCTAssertTrue(with(" \t\u{00A0}") { ByteText.isBlank($0) })
        XCTAssertTrue(with("") { ByteText.isBlank($0) })
        XCTAssertFalse(with(" . ") { ByteText.isBlank($0) })
    }

    func testStringDecodesUTF8() {
        XCTAssertEqual(with("Zürich") { ByteText.string($0) }, "Zürich")
        let invalid: [UInt8] = [0x41, 0xFF]
        XCTAssertEqual(invalid.withUnsafeBufferPointer { ByteText.string($0) }, "A\u{FFFD}")
    }
}
