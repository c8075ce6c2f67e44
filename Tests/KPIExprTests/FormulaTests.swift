import XCTest
import KPIFields
@testable import KPIExpr

final class FormulaTests: XCTestCase {
    private let values: [String: Num] = [
        "revenue": .fixed(fxInt(1000)), "cost": .fixed(fx(750_250_000)), "orders": .fixed(fxInt(8)),
        "zero": .fixed(.zero), "share": .double(0.25),
    ]
    private func eval(_ formula: String) throws -> Num? {
        try ExprParser.parseFormula(formula).evaluate { values[$0] }
    }

    func testAdditionAndSubtractionStayExact() throws {
        XCTAssertEqual(try eval("revenue - cost"), .fixed(fx(249_750_000)))
        XCTAssertEqual(try eval("revenue + 1.5 - -cost"), .fixed(fx(1_751_750_000)))
        XCTAssertEqual(try eval("-revenue"), .fixed(fxInt(-1000)))
    }

    func testMultiplicationAndDivisionGoToDouble() throws {
        XCTAssertEqual(try eval("revenue / orders"), .double(125))
        XCTAssertEqual(try eval("0.5 * revenue"), .double(500))
        XCTAssertEqual(try eval("(revenue - cost) / revenue"), .double(0.24975))
        XCTAssertEqual(try eval("share + revenue"), .double(1000.25))
        XCTAssertEqual(try eval("-share"), .double(-0.25))
    }

    func testNullInputAndDivisionByZeroGiveNull() throws {
        XCTAssertNil(try eval("revenue / zero"))
        XCTAssertNil(try eval("revenue / (orders - 8)"))
        XCTAssertNil(try eval("revenue - missing"))
        XCTAssertNil(try eval("-missing"))
        XCTAssertNil(try eval("missing * 0"))
    }

    func testAdditivity() throws {
        let additive: Set<String> = ["revenue", "cost", "bookings", "orders"]
        let cases: [(String, Bool)] = [
            ("revenue - cost", true),
            ("0.5 * bookings", true),
            ("revenue / 1000", true),
            ("bookings * 2 + revenue - -cost", true),
            ("-cost", true),
            ("revenue * (2 - 1)", true),
            ("revenue", true),
            ("aov", false),
            ("revenue + aov", false),
            ("bookings / orders", false),
            ("1000 / revenue", false),
            ("revenue * cost", false),
            ("42", false),
            ("revenue + 1", false),
            ("revenue / 0", false),
            ("revenue / (1 - 1)", false),
        ]
        for (formula, expected) in cases {
            XCTAssertEqual(try ExprParser.parseFormula(formula).isAdditive { additive.contains($0) }, expected, formula)
        }
    }
}
