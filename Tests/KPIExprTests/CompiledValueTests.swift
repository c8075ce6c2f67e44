import XCTest
import KPIFields
@testable import KPIExpr

final class CompiledValueTests: XCTestCase {
    private let columns = ["Quantity", "unit_price", "discount", "amount", "Total Price"]

    private func compile(_ text: String) throws -> CompiledValue {
        try CompiledValue(try ExprParser.parseValue(text), columnIndex: header(columns), format: .standard)
    }
    /// Evaluates `text` on one row given in header order.
    private func eval(_ text: String, _ fields: [String]) throws -> RowValue {
        let v = try compile(text)
        return withRow(fields) { v.evaluate($0) }
    }

    func testSingleColumnIsTheExactParsedNumber() throws {
        let v = try compile("amount")
        XCTAssertEqual(v.singleColumn, 3)
        XCTAssertEqual(withRow(["", "", "", "12.34", ""]) { v.evaluate($0) }, .value(fx(12_340_000)))
        XCTAssertEqual(withRow(["", "", "", "-3", ""]) { v.evaluate($0) }, .value(fxInt(-3)))
        XCTAssertEqual(withRow(["1", "1", "1", "", "1"]) { v.evaluate($0) }, .null)
        XCTAssertEqual(withRow(["1", "1", "1", "  ", "1"]) { v.evaluate($0) }, .null)
        XCTAssertEqual(withRow(["1", "1", "1", "N/A", "1"]) { v.evaluate($0) }, .invalid(column: 3))
        // A row shorter than the header has an empty cell there.
        XCTAssertEqual(withRow(["1"]) { v.evaluate($0) }, .null)
    }

    func testSpacedHeaderNameAndCaseInsensitiveLookup() throws {
        XCTAssertEqual(try compile("Total Price").singleColumn, 4)
        XCTAssertEqual(try compile("quantity").singleColumn, 0)
        XCTAssertNil(try compile("amount + 0").singleColumn)
        XCTAssertEqual(try eval("total price", ["", "", "", "", "7.5"]), .value(fx(7_500_000)))
    }

    func testAdditionAndSubtractionAreExact() throws {
        // In Double 0.1 + 0.2 - 0.3 is 5.55e-17; exact arithmetic gives 0.
        XCTAssertEqual(try eval("Quantity + unit_price - discount", ["0.1", "0.2", "0.3", "", ""]), .value(.zero))
        XCTAssertEqual(try eval("amount + 1.5 - -quantity", ["2", "", "", "10.10", ""]), .value(fx(13_600_000)))
        // The same column twice, under two spellings, counts twice.
        XCTAssertEqual(try eval("amount + AMOUNT - discount", ["", "", "0.01", "10.005", ""]), .value(fx(20_000_000)))
        XCTAssertEqual(try eval("-(amount - discount)", ["", "", "4", "10", ""]), .value(fxInt(-6)))
        XCTAssertEqual(try eval("2.25", ["", "", "", "", ""]), .value(fx(2_250_000)))
    }

    func testMultiplicationIsRoundedToSixDigitsPerRow() throws {
        let bookings = "quantity * unit_price * (1 - discount)"
        XCTAssertEqual(try eval(bookings, ["3", "19.99", "0.15", "", ""]), .value(fx(50_974_500)))
        XCTAssertEqual(try eval("amount / 3", ["", "", "", "1", ""]), .value(fx(333_333)))
        XCTAssertEqual(try eval("amount / 3", ["", "", "", "2", ""]), .value(fx(666_667)))
        XCTAssertEqual(try eval("-amount / 3", ["", "", "", "2", ""]), .value(fx(-666_667)))
        // Halves round away from zero: 0.0000015 → 0.000002, -0.0000015 → -0.000002.
        XCTAssertEqual(try eval("amount / 2", ["", "", "", "0.000003", ""]), .value(fx(2)))
        XCTAssertEqual(try eval("amount / 2", ["", "", "", "-0.000003", ""]), .value(fx(-2)))
        XCTAssertEqual(try eval("amount * 0", ["", "", "", "5", ""]), .value(.zero))
    }

    func testNullOperandMakesTheRowNull() throws {
        XCTAssertEqual(try eval("quantity * unit_price", ["2", "", "", "", ""]), .null)
        XCTAssertEqual(try eval("quantity + unit_price", ["", "3", "", "", ""]), .null)
        XCTAssertEqual(try eval("quantity + 0", ["", "3", "", "", ""]), .null)
    }

    func testDivisionByZeroIsNull() throws {
        XCTAssertEqual(try eval("amount / quantity", ["0", "", "", "10", ""]), .null)
        XCTAssertEqual(try eval("amount / (quantity - discount)", ["2", "", "2.0", "10", ""]), .null)
        XCTAssertEqual(try eval("amount / 0", ["", "", "", "10", ""]), .null)
    }

    func testFirstUnparsableColumnInExpressionOrderWinsOverNull() throws {
        XCTAssertEqual(try eval("discount + amount", ["", "", "abc", "x", ""]), .invalid(column: 2))
        XCTAssertEqual(try eval("amount * discount", ["", "", "abc", "x", ""]), .invalid(column: 3))
        XCTAssertEqual(try eval("quantity * unit_price", ["", "N/A", "", "", ""]), .invalid(column: 1))
        XCTAssertEqual(try eval("quantity + unit_price", ["", "N/A", "", "", ""]), .invalid(column: 1))
    }

    func testUnknownColumnIsNamed() throws {
        XCTAssertThrowsError(try compile("amount * price")) { error in
            XCTAssertEqual((error as? ExprError)?.message, "unknown column 'price'")
        }
        XCTAssertThrowsError(try compile("Net Price")) { error in
            XCTAssertEqual((error as? ExprError)?.message, "unknown column 'Net Price'")
        }
    }
}

final class CompiledValueFromTextTests: XCTestCase {
    private let lookup = header(["Price ($)", "Unit-Price", "a", "b", "a-b"])

    func testTextEqualToAHeaderNameIsThatColumn() throws {
        XCTAssertEqual(try CompiledValue(text: " price ($) ", columnIndex: lookup, format: .standard).singleColumn, 0)
        XCTAssertEqual(try CompiledValue(text: "Unit-Price", columnIndex: lookup, format: .standard).singleColumn, 1)
        // The header name wins over the arithmetic reading.
        XCTAssertEqual(try CompiledValue(text: "a-b", columnIndex: lookup, format: .standard).singleColumn, 4)
    }

    func testOtherTextIsParsed() throws {
        let v = try CompiledValue(text: "a - b", columnIndex: lookup, format: .standard)
        XCTAssertNil(v.singleColumn)
        XCTAssertEqual(withRow(["", "", "5", "2", "9"]) { v.evaluate($0) }, .value(fxInt(3)))
        XCTAssertThrowsError(try CompiledValue(text: "a -", columnIndex: lookup, format: .standard)) { error in
            XCTAssertEqual((error as? ExprError)?.offset, 3)
        }
    }
}

/// `RowNumbers`: one parse per column and row, shared by the row's values.
final class RowNumbersTests: XCTestCase {
    private let columns = ["Quantity", "unit_price", "discount", "amount", "Total Price"]

    private func compile(_ text: String) throws -> CompiledValue {
        try CompiledValue(try ExprParser.parseValue(text), columnIndex: header(columns), format: .standard)
    }

    /// Values sharing a row's parsed numbers give what each gives alone, row after row: a column
    /// parsed for one value serves the next, and `nextRow` forgets it (an empty, an invalid and a
    /// valid cell in turn in the same column).
    func testValuesSharingParsedNumbersGiveTheirOwnResults() throws {
        let programs = try ["Quantity * unit_price * (1 - discount)", "discount", "discount - amount", "amount / discount"].map(compile)
        let rows = [["4", "180.00", "0.05", "12.5", ""], ["2", "10", "", "3", ""], ["1", "1", "N/A", "1", ""],
                    ["3", "2.5", "0.10", "(7)", ""], ["0", "0", "0", "0", ""], ["1", "2"]]
        var memo = RowNumbers(columns: columns.count)
        defer { memo.free() }
        for fields in rows {
            memo.nextRow()
            for v in programs {
                let alone = withRow(fields) { v.evaluate($0) }
                let shared = withRow(fields) { row in withUnsafeMutablePointer(to: &memo) { v.evaluate(row, memo: $0) } }
                XCTAssertEqual(shared, alone, "\(fields)")
            }
        }
        // The first row's bookings, by hand: 4 × 180 × 0.95 = 684 (a new row: the memo forgets the last).
        memo.nextRow()
        XCTAssertEqual(withRow(rows[0]) { row in withUnsafeMutablePointer(to: &memo) { programs[0].evaluate(row, memo: $0) } }, .value(fxInt(684)))
    }
}
