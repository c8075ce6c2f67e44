import XCTest
@testable import KPIExpr

/// Hostile nesting is an error at the place it goes too deep, never a stack overflow (issue 15 item 4).
final class DepthLimitTests: XCTestCase {
    private let limit = TokenStream.maxDepth

    func testAHundredThousandParenthesesAreAnErrorAtTheFirstTooDeep() {
        let text = String(repeating: "(", count: 100_000) + "a" + String(repeating: ")", count: 100_000)
        XCTAssertThrowsError(try ExprParser.parseValue(text)) { error in
            guard let e = error as? ExprError else { return XCTFail("\(error)") }
            XCTAssertTrue(e.message.hasPrefix("expression nested too deeply (more than 256 levels"), e.message)
            XCTAssertEqual(e.offset, limit, "the 257th '(' is the first too deep")
        }
    }

    func testAFormulaOfAHundredThousandTermsIsAnError() {
        let text = Array(repeating: "a", count: 100_000).joined(separator: " + ")
        XCTAssertThrowsError(try ExprParser.parseFormula(text)) { error in
            guard let e = error as? ExprError else { return XCTFail("\(error)") }
            XCTAssertTrue(e.message.contains("split it into several KPIs"), e.message)
            // "a + a + …": the 257th '+' is at 2 + 4 × 256.
            XCTAssertEqual(e.offset, 2 + 4 * limit)
        }
    }

    func testNestedNotsAndLongOrChainsInWhereAreErrors() {
        let nots = String(repeating: "not ", count: 10_000) + "a == 1"
        XCTAssertThrowsError(try ExprParser.parseWhere(nots))
        let ors = Array(repeating: "a == 1", count: 10_000).joined(separator: " or ")
        XCTAssertThrowsError(try ExprParser.parseWhere(ors))
        let parens = String(repeating: "(", count: 10_000) + "a == 1" + String(repeating: ")", count: 10_000)
        XCTAssertThrowsError(try ExprParser.parseWhere(parens))
        let negations = String(repeating: "-(", count: 10_000) + "a" + String(repeating: ")", count: 10_000)
        XCTAssertThrowsError(try ExprParser.parseValue(negations))
    }

    func testExpressionsJustUnderTheLimitParseAndEvaluate() throws {
        // 255 chained additions: depth 255.
        let terms = Array(repeating: "a", count: limit).joined(separator: " + ")
        guard case .binary(.add, _, _) = try ExprParser.parseFormula(terms) else { return XCTFail("not a sum") }
        let parens = String(repeating: "(", count: limit) + "a" + String(repeating: ")", count: limit)
        XCTAssertEqual(try ExprParser.parseValue(parens), .name("a"))
        let ors = Array(repeating: "a == 1", count: limit).joined(separator: " or ")
        XCTAssertNoThrow(try ExprParser.parseWhere(ors))
    }
}
