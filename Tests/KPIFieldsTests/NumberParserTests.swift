import XCTest
@testable import KPIFields

final class NumberParserTests: XCTestCase {
    let european = NumberFormat(decimal: UInt8(ascii: ","), thousands: UInt8(ascii: "."))
    let spaced = NumberFormat(decimal: UInt8(ascii: ","), thousands: UInt8(ascii: " "))
    let percent = NumberFormat(allowPercent: true)
    let noThousands = NumberFormat(thousands: 0)

    /// The parsed value in millionths, or a marker for empty / invalid.
    func raw(_ text: String, _ format: NumberFormat = .standard, file: StaticString = #filePath, line: UInt = #line) -> Int128? {
        switch NumberParser.parse(text, format: format) {
        case .value(let f): return f.raw
        case .empty: XCTFail("\(text) parsed as empty", file: file, line: line); return nil
        case .invalid: XCTFail("\(text) parsed as invalid", file: file, line: line); return nil
        }
    }

    func assertInvalid(_ text: String, _ format: NumberFormat = .standard, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(NumberParser.parse(text, format: format), .invalid, "\(text)", file: file, line: line)
    }

    func testPlainNumbers() {
        XCTAssertEqual(raw("0"), 0)
        XCTAssertEqual(raw("12"), 12_000_000)
        XCTAssertEqual(raw("-12"), -12_000_000)
        XCTAssertEqual(raw("+12"), 12_000_000)
        XCTAssertEqual(raw("12.5"), 12_500_000)
        XCTAssertEqual(raw("0.01"), 10_000)
        XCTAssertEqual(raw(".5"), 500_000)
        XCTAssertEqual(raw("5."), 5_000_000)
        XCTAssertEqual(raw("007"), 7_000_000)
        XCTAssertEqual(raw("-0"), 0)
        XCTAssertEqual(raw("123456789012345.678901"), 123_456_789_012_345_678_901)
    }

    func testBlankFieldsAreEmptyNotZero() {
        XCTAssertEqual(NumberParser.parse(""), .empty)
        XCTAssertEqual(NumberParser.parse("  "), .empty)
        XCTAssertEqual(NumberParser.parse("\t \u{00A0}"), .empty)
    }

    func testSurroundingBlanksAreTrimmed() {
        XCTAssertEqual(raw("  42 "), 42_000_000)
        XCTAssertEqual(raw("\t42\t"), 42_000_000)
        XCTAssertEqual(raw("\u{00A0}42\u{00A0}"), 42_000_000)
    }

    func testThousandsSeparators() {
        XCTAssertEqual(raw("1,234"), 1_234_000_000)
        XCTAssertEqual(raw("1,234,567.5"), 1_234_567_500_000)
        XCTAssertEqual(raw("-12,345"), -12_345_000_000)
        XCTAssertEqual(raw("123,456"), 123_456_000_000)
        XCTAssertEqual(raw("1234567"), 1_234_567_000_000)
        assertInvalid("1,23")
        assertInvalid("12,34,567")
        assertInvalid(",123")
        assertInvalid("1234,567")
        assertInvalid("1,2345")
        assertInvalid("1,")
        assertInvalid("1,,234")
        assertInvalid("1.234,5")
        // No thousands configured: a comma is garbage.
        assertInvalid("1,234", noThousands)
        XCTAssertEqual(raw("1234.5", noThousands), 1_234_500_000)
    }

    func testDecimalCommaThousandsDot() {
        XCTAssertEqual(raw("1.234,56", european), 1_234_560_000)
        XCTAssertEqual(raw("1.234.567", european), 1_234_567_000_000)
        XCTAssertEqual(raw("1,234", european), 1_234_000)
        XCTAssertEqual(raw("-0,5", european), -500_000)
        assertInvalid("1.23", european)
        assertInvalid("1,234.56", european)
    }

    func testSpaceThousands() {
        XCTAssertEqual(raw("1 234,5", spaced), 1_234_500_000)
        XCTAssertEqual(raw("1 234 567", spaced), 1_234_567_000_000)
        XCTAssertEqual(raw("1\u{00A0}234,5", spaced), 1_234_500_000)
        XCTAssertEqual(raw("1\u{202F}234,5", spaced), 1_234_500_000)
        XCTAssertEqual(raw("1 234 €", spaced), 1_234_000_000)
        XCTAssertEqual(raw("1234 €", spaced), 1_234_000_000)
        assertInvalid("1 23", spaced)
        assertInvalid("12 34 567", spaced)
        // With `,` thousands a space inside a number is garbage.
        assertInvalid("1 234")
    }

    func testExponents() {
        XCTAssertEqual(raw("1.2E+05"), 120_000_000_000)
        XCTAssertEqual(raw("1.2e5"), 120_000_000_000)
        XCTAssertEqual(raw("-1.5e-3"), -1_500)
        XCTAssertEqual(raw("1e0"), 1_000_000)
        XCTAssertEqual(raw("1E-6"), 1)
        XCTAssertEqual(raw("5e-7"), 1)
        XCTAssertEqual(raw("2.5e-7"), 0)
        XCTAssertEqual(raw("1e25"), 10_000_000_000_000_000_000_000_000_000_000)
        XCTAssertEqual(raw("1e-400"), 0)
        assertInvalid("1e")
        assertInvalid("1e+")
        assertInvalid("e5")
        assertInvalid("1.2E+05.3")
    }

    func testRoundingAtTheSeventhDigitIsHalfAwayFromZero() {
        XCTAssertEqual(raw("0.0000005"), 1)
        XCTAssertEqual(raw("-0.0000005"), -1)
        XCTAssertEqual(raw("0.0000004999"), 0)
        XCTAssertEqual(raw("0.00000025"), 0)
        XCTAssertEqual(raw("1.2345674"), 1_234_567)
        XCTAssertEqual(raw("1.2345675"), 1_234_568)
        XCTAssertEqual(raw("-1.2345675"), -1_234_568)
        XCTAssertEqual(raw("2.9999995"), 3_000_000)
        // Digits far past the ones an Int128 can hold are still read exactly enough to round.
        XCTAssertEqual(raw("0.12345650000000000000000000000000000000000001"), 123_457)
        XCTAssertEqual(raw("0.12345649999999999999999999999999999999999999"), 123_456)
    }

    func testOverflowIsInvalid() {
        assertInvalid("1e26")
        assertInvalid("100000000000000000000000000")
        assertInvalid("1e99999999999")
        XCTAssertEqual(raw("10000000000000000000000000"), 10_000_000_000_000_000_000_000_000_000_000)
        // Many integer digits with a negative exponent come back into range.
        XCTAssertEqual(raw("1" + String(repeating: "0", count: 40) + "e-40"), 1_000_000)
        XCTAssertEqual(raw("1" + String(repeating: "0", count: 60) + "e-40"), 100_000_000_000_000_000_000_000_000)
    }

    func testCurrencySymbols() {
        XCTAssertEqual(raw("$1,234.50"), 1_234_500_000)
        XCTAssertEqual(raw("$ 5"), 5_000_000)
        XCTAssertEqual(raw("5$"), 5_000_000)
        XCTAssertEqual(raw("-$5"), -5_000_000)
        XCTAssertEqual(raw("$-5"), -5_000_000)
        XCTAssertEqual(raw("€12.5"), 12_500_000)
        XCTAssertEqual(raw("12,50 €", european), 12_500_000)
        XCTAssertEqual(raw("£3"), 3_000_000)
        XCTAssertEqual(raw("¥1,000"), 1_000_000_000)
        XCTAssertEqual(raw("5 ¥"), 5_000_000)
        assertInvalid("$")
        assertInvalid("$$5")
        assertInvalid("$5$")
        assertInvalid("--5")
        assertInvalid("5-")
        assertInvalid("- 5")
        assertInvalid("USD 5")
    }

    func testAccountingNegatives() {
        XCTAssertEqual(raw("(12.00)"), -12_000_000)
        XCTAssertEqual(raw("(1,234.50)"), -1_234_500_000)
        XCTAssertEqual(raw("($12.00)"), -12_000_000)
        XCTAssertEqual(raw("(12 €)"), -12_000_000)
        XCTAssertEqual(raw(" ( 7 ) "), -7_000_000)
        assertInvalid("()")
        assertInvalid("(-5)")
        assertInvalid("(5")
        assertInvalid("5)")
    }

    func testPercentOnlyWhenAllowed() {
        XCTAssertEqual(raw("12%", percent), 120_000)
        XCTAssertEqual(raw("40 %", percent), 400_000)
        XCTAssertEqual(raw("-2.5%", percent), -25_000)
        XCTAssertEqual(raw("0.00005%", percent), 1)
        assertInvalid("12%")
        assertInvalid("12%%", percent)
        assertInvalid("%12", percent)
    }

    func testGarbageIsInvalid() {
        assertInvalid("N/A")
        assertInvalid("abc")
        assertInvalid("-")
        assertInvalid("+")
        assertInvalid(".")
        assertInvalid("1.2.3")
        assertInvalid("12abc")
        assertInvalid("0x10")
        assertInvalid("1 2")
        assertInvalid("nan")
        assertInvalid("inf")
    }

    func testParsesFromABorrowedSliceWithoutLookingPastIt() {
        // "12" followed by bytes outside the field must not be read.
        let bytes: [UInt8] = Array("12,345".utf8)
        let result = bytes.withUnsafeBufferPointer { buf in
            NumberParser.parse(UnsafeBufferPointer(rebasing: buf[0..<2]), format: .standard)
        }
        XCTAssertEqual(result, .value(Fixed(raw: 12_000_000)))
        let euro: [UInt8] = Array("5€".utf8)
        let cut = euro.withUnsafeBufferPointer { buf in
            NumberParser.parse(UnsafeBufferPointer(rebasing: buf[0..<3]), format: .standard)
        }
        XCTAssertEqual(cut, .invalid)
    }

    func testDecimalEqualToThousandsReadsTheMarkAsDecimal() {
        let same = NumberFormat(decimal: UInt8(ascii: ","), thousands: UInt8(ascii: ","))
        XCTAssertEqual(raw("1,5", same), 1_500_000)
        assertInvalid("1,234,5", same)
    }
}
