import XCTest
import KPIFields
@testable import KPIExpr

/// Every error names the problem and the 0-based character offset where it is.
final class ErrorTests: XCTestCase {
    private func assertWhereError(_ text: String, _ message: String, at offset: Int,
                                  file: StaticString = #filePath, line: UInt = #line) {
        guard let e = parseError(ExprParser.parseWhere, text, file: file, line: line) else { return }
        XCTAssertTrue(e.message.contains(message), "'\(e.message)' lacks '\(message)'", file: file, line: line)
        XCTAssertEqual(e.offset, offset, "offset for \(text): \(e.message)", file: file, line: line)
    }
    private func assertValueError(_ text: String, _ message: String, at offset: Int,
                                  file: StaticString = #filePath, line: UInt = #line) {
        guard let e = parseError(ExprParser.parseValue, text, file: file, line: line) else { return }
        XCTAssertTrue(e.message.contains(message), "'\(e.message)' lacks '\(message)'", file: file, line: line)
        XCTAssertEqual(e.offset, offset, "offset for \(text): \(e.message)", file: file, line: line)
    }

    func testOperatorsFromOtherLanguagesGetAHint() {
        assertWhereError("status = 'x'", "unknown operator '='; did you mean '=='?", at: 7)
        assertWhereError("a <> 1", "unknown operator '<>'; did you mean '!='?", at: 2)
        assertWhereError("a == 1 && b == 2", "did you mean 'and'?", at: 7)
        assertWhereError("a == 1 || b == 2", "did you mean 'or'?", at: 7)
        assertWhereError("a => 1", "did you mean '>='?", at: 2)
        assertWhereError("!a == 1", "unknown operator '!'", at: 0)
        assertWhereError("a === 1", "did you mean '=='?", at: 4)
    }

    func testUnterminatedQuotesPointAtTheOpeningQuote() {
        assertWhereError("status == 'open", "unterminated string", at: 10)
        assertWhereError("status == 'it''s", "unterminated string", at: 10)
        assertValueError(#""Total Price * 2"#, "unterminated quoted name", at: 0)
        assertValueError("a + `b", "unterminated quoted name", at: 4)
    }

    func testEmptyExpressions() {
        assertWhereError("", "empty expression", at: 0)
        assertWhereError("   ", "empty expression", at: 0)
        assertValueError("", "empty expression", at: 0)
        XCTAssertEqual(parseError(ExprParser.parseFormula, " ")?.message, "empty expression")
        assertValueError(#""" + 1"#, "empty name", at: 0)
    }

    func testParentheses() {
        assertWhereError("(a == 1", "expected ')'", at: 7)
        assertWhereError("(a == 1 or b == 2 c == 3", "expected ')'", at: 18)
        assertWhereError("a == 1)", "unmatched ')'", at: 6)
        assertValueError("(a + b", "expected ')'", at: 6)
        assertValueError("a * (b - c))", "unmatched ')'", at: 11)
        assertValueError("()", "found ')'", at: 1)
    }

    func testWhereStructure() {
        assertWhereError("a ==", "expected a column, a 'string' or a number, found the end of the expression", at: 4)
        assertWhereError("a", "expected a comparison", at: 1)
        assertWhereError("a == 1 b == 2", "after a complete expression", at: 7)
        assertWhereError("a == 1 and or b == 2", "keyword 'or'", at: 11)
        assertWhereError("1 == 2", "needs a column", at: 5)
        assertWhereError("'x' in ('y')", "left side of 'in' must be a column", at: 0)
        assertWhereError("status in (completed)", "quote text with single quotes: 'completed'", at: 11)
        assertWhereError("status in ()", "found ')'", at: 11)
        assertWhereError("status in 'a'", "expected '(' after 'in'", at: 10)
        assertWhereError("status in ('a' 'b')", "expected ')'", at: 15)
        assertWhereError("x > - y", "expected a number after '-'", at: 6)
        assertWhereError("a + 1 == 2", "expected a comparison", at: 2)
    }

    func testValueStructure() {
        assertValueError("Total Price * 2", #"quote names with spaces: "Total Price""#, at: 6)
        assertValueError("a + 'x'", "unexpected text 'x'", at: 4)
        assertValueError("a +", "found the end of the expression", at: 3)
        assertValueError("a # b", "unexpected character '#'", at: 2)
        assertValueError("3x + 1", "invalid number '3x'", at: 0)
        assertValueError("a == 1", "after a complete expression", at: 2)
        assertValueError("a * * b", "found '*'", at: 4)
        assertValueError("a 2", "after a complete expression", at: 2)
    }

    func testOffsetsCountCharactersNotBytes() {
        // "prix unité" is 12 characters but 13 bytes: the `=` is at character 13.
        assertWhereError(#""prix unité" = 2"#, "did you mean '=='?", at: 13)
        assertWhereError("pays == 'Gießen' &", "did you mean 'and'?", at: 17)
    }
}

final class NonASCIINameTests: XCTestCase {
    func testNonASCIILettersMustBeQuoted() throws {
        let e = parseError(ExprParser.parseValue, "prix_unité * 2")
        XCTAssertEqual(e?.offset, 9)
        XCTAssertTrue(e?.message.contains("quote other names") ?? false, e?.message ?? "")
        XCTAssertEqual(try ExprParser.parseValue(#""prix_unité" * 2"#), .binary(.mul, .name("prix_unité"), .number(Fixed(integer: 2))))
        XCTAssertEqual(ValueExpr.name("prix_unité").text, #""prix_unité""#)
    }
}
