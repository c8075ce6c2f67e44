import XCTest
import KPIFields
@testable import KPIExpr

final class CompiledPredicateTests: XCTestCase {
    private let columns = ["status", "price", "name", "other", "qty"]

    private func compile(_ text: String) throws -> CompiledPredicate {
        try CompiledPredicate(try ExprParser.parseWhere(text), columnIndex: header(columns), format: .standard)
    }
    /// Which of the rows `text` selects; each row lists the cells in header order.
    private func selects(_ text: String, _ rows: [[String]]) throws -> [Bool] {
        let p = try compile(text)
        return rows.map { fields in withRow(fields) { p.evaluate($0) } }
    }
    private func status(_ s: String) -> [String] { [s, "", "", "", ""] }
    private func price(_ s: String) -> [String] { ["", s, "", "", ""] }
    private func qty(_ s: String) -> [String] { ["", "", "", "", s] }

    func testStringEqualityIsByteExactAfterTrimming() throws {
        XCTAssertEqual(try selects("status == 'completed'",
                                   [status("completed"), status("  completed\t"), status("Completed"), status("")]),
                       [true, true, false, false])
        XCTAssertEqual(try selects("'completed' != status", [status("completed"), status("open")]), [false, true])
    }

    func testEmptyCellComparesAsEmptyString() throws {
        XCTAssertEqual(try selects("status == ''", [status(""), status("   "), status("x")]), [true, true, false])
        XCTAssertEqual(try selects("status != 'x'", [status(""), status("x")]), [true, false])
        XCTAssertEqual(try selects("status < 'b'", [status("apple"), status("banana"), status("")]), [true, false, true])
    }

    func testStringOrderingIsByteWise() throws {
        // Bytes, not numbers: "10" < "9"; uppercase sorts before lowercase.
        XCTAssertEqual(try selects("price < '9'", [price("10"), price("90")]), [true, false])
        XCTAssertEqual(try selects("status >= 'a'", [status("B"), status("b"), status("a")]), [false, true, true])
    }

    func testNumericComparisonParsesTheCell() throws {
        XCTAssertEqual(try selects("price > 10", [price("12.5"), price("10"), price("9"), price(" 10.01 ")]),
                       [true, false, false, true])
        XCTAssertEqual(try selects("price == 10", [price("10.00"), price("10.000001")]), [true, false])
        XCTAssertEqual(try selects("price == '10'", [price("10.00"), price("10")]), [false, true])
        XCTAssertEqual(try selects("price <= -2.5", [price("-2.5"), price("-2.4"), price("-3")]), [true, false, true])
        // A literal on the left is flipped: `10 < price` is `price > 10`.
        XCTAssertEqual(try selects("10 < price", [price("12"), price("10"), price("3")]), [true, false, false])
        XCTAssertEqual(try selects("10 >= price", [price("12"), price("10"), price("3")]), [false, true, true])
    }

    func testNumericComparisonWithEmptyOrNonNumericCellIsFalseEvenForNotEqual() throws {
        for op in ["==", "!=", "<", "<=", ">", ">="] {
            XCTAssertEqual(try selects("price \(op) 0", [price(""), price("abc"), price("N/A")]), [false, false, false], op)
        }
        XCTAssertEqual(try selects("price != 10", [price("11")]), [true])
        // `not` negates the false comparison.
        XCTAssertEqual(try selects("not price > 5", [price(""), price("6"), price("4")]), [true, false, true])
    }

    func testColumnAgainstColumnComparesTrimmedBytes() throws {
        XCTAssertEqual(try selects("name == other",
                                   [["", "", "x ", " x", ""], ["", "", "x", "y", ""], ["", "", "", "", ""]]),
                       [true, false, true])
        XCTAssertEqual(try selects("name < other", [["", "", "a", "b", ""], ["", "", "b", "a", ""]]), [true, false])
    }

    func testInList() throws {
        let rows = [status("completed"), status("shipped "), status("open"), status("")]
        XCTAssertEqual(try selects("status in ('completed', 'shipped')", rows), [true, true, false, false])
        XCTAssertEqual(try selects("status not in ('completed', 'shipped')", rows), [false, false, true, true])
        XCTAssertEqual(try selects("status in ('')", rows), [false, false, false, true])
    }

    func testNumericInListAndUnparsableCells() throws {
        let rows = [qty("2.0"), qty("3"), qty(""), qty("abc"), qty("1")]
        XCTAssertEqual(try selects("qty in (1, 2)", rows), [true, false, false, false, true])
        // `not in` is the negation, except that a cell that is not a number is false.
        XCTAssertEqual(try selects("qty not in (1, 2)", rows), [false, true, false, false, false])
        // Mixed list: the text element matches bytes, the number element numerically.
        XCTAssertEqual(try selects("qty in ('abc', 3)", rows), [false, true, false, true, false])
        XCTAssertEqual(try selects("qty not in ('abc', 3)", rows), [true, false, false, false, true])
    }

    func testPrecedenceInEvaluation() throws {
        let row = ["a", "1", "", "", ""]
        XCTAssertEqual(try selects("status == 'a' or status == 'b' and price > 5", [row]), [true])
        XCTAssertEqual(try selects("(status == 'a' or status == 'b') and price > 5", [row]), [false])
        XCTAssertEqual(try selects("not status == 'b' and not price > 5", [row]), [true])
    }

    func testUnknownColumnsAreNamed() throws {
        XCTAssertThrowsError(try compile("state == 'x'")) { error in
            XCTAssertEqual((error as? ExprError)?.message, "unknown column 'state'")
        }
        XCTAssertThrowsError(try compile("status == completed")) { error in
            XCTAssertEqual((error as? ExprError)?.message,
                           "unknown column 'completed'; to compare with text, use single quotes: 'completed'")
        }
        XCTAssertThrowsError(try compile("price > 1 and colour in ('red')")) { error in
            XCTAssertEqual((error as? ExprError)?.message, "unknown column 'colour'")
        }
    }
}
