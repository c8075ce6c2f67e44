import XCTest
import KPIFields
@testable import KPIExpr

final class WhereParserTests: XCTestCase {
    private func cmp(_ c: String, _ op: CompareOp, _ n: Int) -> KPIExpr.Predicate { .compare(.column(c), op, .number(fxInt(n))) }

    func testNotBindsTighterThanAndTighterThanOr() throws {
        let p = try ExprParser.parseWhere("a == 1 or b == 2 and not c == 3")
        XCTAssertEqual(p, .or(cmp("a", .eq, 1), .and(cmp("b", .eq, 2), .not(cmp("c", .eq, 3)))))
        let q = try ExprParser.parseWhere("not a == 1 and b == 2")
        XCTAssertEqual(q, .and(.not(cmp("a", .eq, 1)), cmp("b", .eq, 2)))
    }

    func testParenthesesOverridePrecedence() throws {
        let p = try ExprParser.parseWhere("(a == 1 or b == 2) and c != 'x'")
        XCTAssertEqual(p, .and(.or(cmp("a", .eq, 1), cmp("b", .eq, 2)), .compare(.column("c"), .ne, .string("x"))))
    }

    func testAndOrAreLeftAssociative() throws {
        XCTAssertEqual(try ExprParser.parseWhere("a == 1 or b == 2 or c == 3"),
                       .or(.or(cmp("a", .eq, 1), cmp("b", .eq, 2)), cmp("c", .eq, 3)))
    }

    func testKeywordsAreCaseInsensitive() throws {
        let p = try ExprParser.parseWhere("NOT a == 1 AND b == 2 Or status NOT IN ('x') oR c In (4)")
        XCTAssertEqual(p, .or(.or(.and(.not(cmp("a", .eq, 1)), cmp("b", .eq, 2)),
                                  .isIn(.column("status"), [.string("x")], negated: true)),
                              .isIn(.column("c"), [.number(fxInt(4))], negated: false)))
    }

    func testInAndNotInLists() throws {
        XCTAssertEqual(try ExprParser.parseWhere("status in ('completed', 'shipped')"),
                       .isIn(.column("status"), [.string("completed"), .string("shipped")], negated: false))
        XCTAssertEqual(try ExprParser.parseWhere("qty not in (1, -2.5,'n')"),
                       .isIn(.column("qty"), [.number(fxInt(1)), .number(fx(-2_500_000)), .string("n")], negated: true))
        // `not x in (...)` negates the whole membership; `x not in` is the negated list.
        XCTAssertEqual(try ExprParser.parseWhere("not x in (1)"),
                       .not(.isIn(.column("x"), [.number(fxInt(1))], negated: false)))
    }

    func testQuotedNamesAndStrings() throws {
        XCTAssertEqual(try ExprParser.parseWhere(#""Order Status" == 'it''s'"#),
                       .compare(.column("Order Status"), .eq, .string("it's")))
        XCTAssertEqual(try ExprParser.parseWhere("`Unit Price` >= -2.5"),
                       .compare(.column("Unit Price"), .ge, .number(fx(-2_500_000))))
        XCTAssertEqual(try ExprParser.parseWhere(#""say ""hi""" <= ''"#),
                       .compare(.column(#"say "hi""#), .le, .string("")))
        XCTAssertEqual(try ExprParser.parseWhere("meta.kind_2 > +3"),
                       .compare(.column("meta.kind_2"), .gt, .number(fxInt(3))))
    }

    func testAllComparisonOperators() throws {
        for op in [CompareOp.eq, .ne, .lt, .le, .gt, .ge] {
            XCTAssertEqual(try ExprParser.parseWhere("x \(op.rawValue) 1"), cmp("x", op, 1))
            XCTAssertEqual(try ExprParser.parseWhere("x\(op.rawValue)1"), cmp("x", op, 1))
        }
    }

    func testLiteralMayStandLeftOfColumn() throws {
        XCTAssertEqual(try ExprParser.parseWhere("1 < price"), .compare(.number(fxInt(1)), .lt, .column("price")))
        XCTAssertEqual(try ExprParser.parseWhere("a == b"), .compare(.column("a"), .eq, .column("b")))
    }

    func testColumnsInFirstOccurrenceOrder() throws {
        let p = try ExprParser.parseWhere("b == a or c in (1) and b > 2 or 3 < d")
        XCTAssertEqual(p.columns, ["b", "a", "c", "d"])
    }

    func testCanonicalText() throws {
        let cases: [(String, String)] = [
            ("(a==1 OR b==2) AND NOT c IN ('x','y')", "(a == 1 or b == 2) and not c in ('x', 'y')"),
            ("((a == 1)) and (b == 2)", "a == 1 and b == 2"),
            ("a == 1 or (b == 2 and c == 3)", "a == 1 or b == 2 and c == 3"),
            ("a == 1 or (b == 2 or c == 3)", "a == 1 or (b == 2 or c == 3)"),
            ("a == 1 and (b == 2 and c == 3)", "a == 1 and (b == 2 and c == 3)"),
            ("not (a == 1 or b == 2)", "not (a == 1 or b == 2)"),
            ("not not a == 1", "not not a == 1"),
            (#"`Order Status` not in ('it''s') and "and" == 1.50"#, #""Order Status" not in ('it''s') and "and" == 1.5"#),
            ("x >= -0.5", "x >= -0.5"),
        ]
        for (input, canonical) in cases {
            let p = try ExprParser.parseWhere(input)
            XCTAssertEqual(p.text, canonical, input)
            XCTAssertEqual(try ExprParser.parseWhere(p.text), p, "round trip of \(input)")
        }
    }
}
