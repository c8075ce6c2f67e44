import XCTest
import KPITestSupport
@testable import KPIFields

/// The plain fast path must give exactly what the full grammar gives, and leave everything else to it.
final class PlainNumberTests: XCTestCase {
    let european = NumberFormat(decimal: UInt8(ascii: ","), thousands: UInt8(ascii: "."))

    func plain(_ text: String, _ format: NumberFormat = .standard) -> Fixed? {
        var t = text
        return t.withUTF8 { NumberParser.parsePlain(ByteText.trimmed($0), decimal: format.decimal) }
    }

    func grammar(_ text: String, _ format: NumberFormat = .standard) -> ParsedNumber {
        var t = text
        return t.withUTF8 { NumberParser.parseGrammar(ByteText.trimmed($0), format: format) }
    }

    /// Both paths agree, and the plain path really took the field.
    func assertSame(_ text: String, _ format: NumberFormat = .standard, file: StaticString = #filePath, line: UInt = #line) {
        guard let fast = plain(text, format) else {
            return XCTFail("plain path declined \(text)", file: file, line: line)
        }
        XCTAssertEqual(.value(fast), grammar(text, format), text, file: file, line: line)
        XCTAssertEqual(NumberParser.parse(text, format: format), .value(fast), text, file: file, line: line)
    }

    func testPlainFormsMatchTheGrammar() {
        let forms = [
            "0", "7", "-7", "12.5", "-0.5", ".5", "-.5", "5.", "-5.", "007", "-0", "0.000000", "00.10",
            "  42.25 ", "\t-3.75\t", "\u{00A0}19.99\u{00A0}",
            "1.0000005", "1.0000004", "-1.0000005", "2.49999949", "0.0000005", "0.00000049",
            "123456789012.345678", "999999999999999999", "-999999999999.999999", "0.99999999999999999",
            "12345678901234567.8", "1.23456789012345678",
        ]
        for text in forms { assertSame(text) }
    }

    func testRoundingHandComputed() {
        XCTAssertEqual(plain("1.0000005")?.raw, 1_000_001)
        XCTAssertEqual(plain("1.0000004")?.raw, 1_000_000)
        XCTAssertEqual(plain("-1.0000005")?.raw, -1_000_001)
        XCTAssertEqual(plain("0.00000049")?.raw, 0)
        XCTAssertEqual(plain("0.99999999999999999")?.raw, 1_000_000)
        XCTAssertEqual(plain("-0.5")?.raw, -500_000)
        XCTAssertEqual(plain(".5")?.raw, 500_000)
        XCTAssertEqual(plain("5.")?.raw, 5_000_000)
        XCTAssertEqual(plain("999999999999999999")?.raw, 999_999_999_999_999_999_000_000)
    }

    func testConfiguredDecimalMark() {
        assertSame("12,5", european)
        assertSame("-0,25", european)
        XCTAssertEqual(plain("12,5", european)?.raw, 12_500_000)
        // With a comma decimal mark a point is a thousands separator: the grammar's business.
        XCTAssertNil(plain("1.234", european))
        XCTAssertEqual(NumberParser.parse("1.234", format: european), .value(Fixed(raw: 1_234_000_000)))
    }

    func testOtherFormsAreLeftToTheGrammar() {
        for text in ["", "-", ".", "-.", "+5", "1,234.5", "1e3", "$5", "5%", "(5)", "1.2.3", "--5", "5-", "12 34",
                     "1234567890123456789", "0.0000000000000000001"] {
            XCTAssertNil(plain(text), text)
        }
        // 19 digits still parse, through the grammar.
        XCTAssertEqual(NumberParser.parse("1234567890123456789"), .value(Fixed(raw: 1_234_567_890_123_456_789_000_000)))
        XCTAssertEqual(NumberParser.parse("+5"), .value(Fixed(raw: 5_000_000)))
        XCTAssertEqual(NumberParser.parse("-"), .invalid)
        XCTAssertEqual(NumberParser.parse("."), .invalid)
    }

    func testRandomPlainFieldsMatchTheGrammar() {
        var rng = SplitMix64(seed: 20261122)
        for _ in 0..<20_000 {
            let intDigits = Int(rng.next() % 10), fracDigits = Int(rng.next() % 10)
            var text = rng.next() % 2 == 0 ? "-" : ""
            for _ in 0..<intDigits { text.append(Character(String(rng.next() % 10))) }
            if fracDigits > 0 || rng.next() % 4 == 0 {
                text.append(".")
                for _ in 0..<fracDigits { text.append(Character(String(rng.next() % 10))) }
            }
            guard intDigits + fracDigits > 0 else { continue }
            assertSame(text)
        }
    }
}
