import XCTest
import KPIFields
@testable import KPIExpr

final class ValueParserTests: XCTestCase {
    private let q = ValueExpr.name("quantity"), u = ValueExpr.name("unit_price"), d = ValueExpr.name("discount")

    func testArithmeticPrecedenceAndAssociativity() throws {
        let e = try ExprParser.parseValue("quantity * unit_price * (1 - discount)")
        XCTAssertEqual(e, .binary(.mul, .binary(.mul, q, u), .binary(.sub, .number(fxInt(1)), d)))
        XCTAssertEqual(try ExprParser.parseValue("a - b - c"),
                       .binary(.sub, .binary(.sub, .name("a"), .name("b")), .name("c")))
        XCTAssertEqual(try ExprParser.parseValue("a + b * c"),
                       .binary(.add, .name("a"), .binary(.mul, .name("b"), .name("c"))))
        XCTAssertEqual(try ExprParser.parseValue("a / b / 2"),
                       .binary(.div, .binary(.div, .name("a"), .name("b")), .number(fxInt(2))))
    }

    func testUnaryMinusAndNegativeLiterals() throws {
        XCTAssertEqual(try ExprParser.parseValue("-a + -3"), .binary(.add, .negate(.name("a")), .number(fxInt(-3))))
        XCTAssertEqual(try ExprParser.parseValue("-a * b"), .binary(.mul, .negate(.name("a")), .name("b")))
        XCTAssertEqual(try ExprParser.parseValue("+a"), .name("a"))
        XCTAssertEqual(try ExprParser.parseValue("-(a + b)"), .negate(.binary(.add, .name("a"), .name("b"))))
    }

    func testSpacedWordsAreOneColumn() throws {
        XCTAssertEqual(try ExprParser.parseValue("Total Price"), .name("Total Price"))
        XCTAssertEqual(try ExprParser.parseValue("  Net  Sales Amount "), .name("Net  Sales Amount"))
        XCTAssertEqual(try ExprParser.parseValue("amount"), .name("amount"))
        XCTAssertEqual(try ExprParser.parseValue(#""Total Price" * 2"#), .binary(.mul, .name("Total Price"), .number(fxInt(2))))
        XCTAssertEqual(try ExprParser.parseValue("`Total Price`"), .name("Total Price"))
    }

    func testFormulaOverKPIIds() throws {
        XCTAssertEqual(try ExprParser.parseFormula("(revenue - cost) / revenue"),
                       .binary(.div, .binary(.sub, .name("revenue"), .name("cost")), .name("revenue")))
        XCTAssertEqual(try ExprParser.parseFormula("0.5 * bookings"),
                       .binary(.mul, .number(fx(500_000)), .name("bookings")))
    }

    func testNamesAndHasMulDiv() throws {
        let e = try ExprParser.parseValue("a * b + a - (c - b)")
        XCTAssertEqual(e.names, ["a", "b", "c"])
        XCTAssertTrue(e.hasMulDiv)
        XCTAssertFalse(try ExprParser.parseValue("a + b - -c + 2").hasMulDiv)
        XCTAssertTrue(try ExprParser.parseValue("-(a / 2)").hasMulDiv)
        XCTAssertEqual(try ExprParser.parseValue("3").names, [])
    }

    func testCanonicalTextHasMinimalParentheses() throws {
        let cases: [(String, String)] = [
            ("quantity*unit_price*(1-discount)", "quantity * unit_price * (1 - discount)"),
            ("((a - b)) - c", "a - b - c"),
            ("a - (b - c)", "a - (b - c)"),
            ("a - (b + c)", "a - (b + c)"),
            ("a + (b * c)", "a + b * c"),
            ("(a + b) * c", "(a + b) * c"),
            ("a / (b * c)", "a / (b * c)"),
            ("(a / b) * c", "a / b * c"),
            ("-(a + b)", "-(a + b)"),
            ("-(-a)", "-(-a)"),
            ("- -3", "-(-3)"),
            ("a - -3.50", "a - -3.5"),
            ("-a * 2", "-a * 2"),
            (#""Total Price" * 2"#, #""Total Price" * 2"#),
            ("Total Price", #""Total Price""#),
            ("`in` + 1", #""in" + 1"#),
            ("1.000", "1"),
        ]
        for (input, canonical) in cases {
            let e = try ExprParser.parseValue(input)
            XCTAssertEqual(e.text, canonical, input)
            XCTAssertEqual(try ExprParser.parseValue(e.text), e, "round trip of \(input)")
        }
    }
}
