import XCTest
@testable import KPIWorkbook

final class NotesAndRawSheetTests: XCTestCase {
    /// The texts of a sheet's column A and the rows each is on, top to bottom.
    private func columnA(_ sheet: XLSXFile.Sheet) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for (ref, cell) in sheet.cells where ref.hasPrefix("A") && !ref.dropFirst().contains(where: \.isLetter) {
            if let t = cell.text, let row = Int(ref.dropFirst()) { out[t, default: []].append(row) }
        }
        return out.mapValues { $0.sorted() }
    }

    func testNotesDefinitionsQualityAndRunFacts() throws {
        let notes = try XLSXFile.write(Fixture.report()).sheet(5)
        let all = columnA(notes)
        let rows = all.mapValues { $0[0] }
        // Definitions: one row per KPI with its parts.
        let revenue = try XCTUnwrap(rows["revenue"])
        XCTAssertEqual(notes["C\(revenue)"]?.text, "revenue")
        XCTAssertEqual(notes["D\(revenue)"]?.text, "sum")
        XCTAssertEqual(notes["E\(revenue)"]?.text, "amount")
        XCTAssertEqual(notes["H\(revenue)"]?.text, "currency")
        XCTAssertEqual(notes["J\(revenue)"]?.text, "yes")
        let margin = try XCTUnwrap(rows["gross_margin_pct"])
        XCTAssertEqual(notes["G\(margin)"]?.text, "(revenue - cost) / revenue")
        XCTAssertNil(notes["C\(margin)"], "a derived KPI has no source")
        // Target rules in the order they are tried.
        let ruleRows = ["explicit", "phased", "implied", "sum_of_lines"].compactMap { rows[$0] }
        XCTAssertEqual(ruleRows.count, 4)
        XCTAssertEqual(ruleRows, ruleRows.sorted())
        // Data quality counts are numbers; dates are date cells.
        // "revenue" in column A: its definition, its data-quality row, its input row.
        XCTAssertEqual(all["revenue"]?.count, 3)
        let quality = try XCTUnwrap(all["revenue"]?[1])
        XCTAssertEqual(notes["B\(quality)"]?.number, 1_000)
        XCTAssertEqual(notes["C\(quality)"]?.number, 990)
        XCTAssertEqual(notes["D\(quality)"]?.number, 4)
        XCTAssertEqual(notes["E\(quality)"]?.number, 5)
        XCTAssertEqual(notes["F\(quality)"]?.number, 1)
        XCTAssertEqual(notes["H\(quality)"]?.number, 46_341, "2026-11-15")
        XCTAssertEqual(notes["I\(quality)"]?.text, "fresh")
        XCTAssertEqual(notes["B\(quality + 2)"]?.text, "data/revenue.csv:17:3: amount is not a number (N/A)")
        // Warnings and run facts.
        let warnings = try XCTUnwrap(rows["Warnings"])
        XCTAssertEqual(notes["B\(warnings + 1)"]?.text, "line retail has rows but no target for revenue")
        XCTAssertEqual(notes["B\(try XCTUnwrap(rows["tool"]))"]?.text, "kpireview 0.9.0")
        XCTAssertEqual(notes["B\(try XCTUnwrap(rows["config SHA-256"]))"]?.text, String(repeating: "0f", count: 32))
        let input = try XCTUnwrap(all["revenue"]?[2])
        XCTAssertEqual(notes["B\(input)"]?.number, 12_345)
        XCTAssertEqual(notes["C\(input)"]?.text, String(repeating: "ab", count: 32))
    }

    func testRawSheetIsPlainTextAfterNotes() throws {
        let raw = RawSheet(header: ["date", "product_line", "amount"],
                           rows: [["2026-11-09", "cloud", "1,200.50"], ["2026-11-10", "", "N/A"]],
                           note: "First 2 of 2 accepted rows of revenue.csv")
        let file = try XLSXFile.write(Fixture.report(), options: WorkbookOptions(rawRows: raw))
        let workbook = try file.part("xl/workbook.xml")
        XCTAssertEqual(matches(#"<sheet name="([^"]+)""#, in: workbook).map { $0[1] },
                       ["Scorecard", "Revenue", "Gross margin", "Data", "Notes", "Raw data"])
        let sheet = try file.sheet(6)
        XCTAssertEqual(sheet["A1"]?.text, "First 2 of 2 accepted rows of revenue.csv")
        XCTAssertEqual(sheet["C3"]?.text, "amount")
        XCTAssertEqual(sheet["C4"]?.text, "1,200.50", "raw text exactly as given")
        XCTAssertNil(sheet["B5"], "an empty raw field is an empty cell")
        XCTAssertEqual(sheet["C5"]?.text, "N/A")
        XCTAssertTrue(sheet.xml.contains(#"<autoFilter ref="A3:C5"/>"#))
    }

    func testNoRawSheetByDefault() throws {
        let members = try XLSXFile.write(Fixture.report()).members()
        XCTAssertFalse(members.contains("xl/worksheets/sheet6.xml"))
    }
}
