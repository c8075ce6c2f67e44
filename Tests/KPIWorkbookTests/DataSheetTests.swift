import XCTest
@testable import KPIWorkbook

/// Data (sheet4): 8 results × 33 fields = 264 rows under the table's header row.
final class DataSheetTests: XCTestCase {
    func testTablePartCoversEveryResultField() throws {
        let file = try XLSXFile.write(Fixture.report())
        XCTAssertTrue(try file.members().contains("xl/tables/table1.xml"))
        let table = try file.part("xl/tables/table1.xml")
        XCTAssertTrue(table.contains(#"name="KPIData""#))
        XCTAssertTrue(table.contains(#"ref="A1:K265""#))
        let names = matches(#"<tableColumn id="[0-9]+" name="([^"]+)"/>"#, in: table).map { $0[1] }
        XCTAssertEqual(names, ["period", "kpi", "kpi_name", "unit", "level", "key", "name", "status", "target_source", "field", "value"])
        XCTAssertEqual(DataSheet.fields.count, 33)
    }

    func testLongFormRows() throws {
        let data = try XLSXFile.write(Fixture.report()).sheet(4)
        XCTAssertEqual(data["A1"]?.text, "period")
        // Row 2: revenue, total, ALL, actual.
        XCTAssertEqual(data["B2"]?.text, "revenue")
        XCTAssertEqual(data["E2"]?.text, "total")
        XCTAssertEqual(data["F2"]?.text, "ALL")
        XCTAssertEqual(data["G2"]?.text, "Total")
        XCTAssertEqual(data["H2"]?.text, "green")
        XCTAssertEqual(data["I2"]?.text, "sum_of_lines")
        XCTAssertEqual(data["J2"]?.text, "actual")
        XCTAssertEqual(data["K2"]?.number, 125_000.5)
        // Row 3: target; row 8: forecast (null for a complete period: empty).
        XCTAssertEqual(data["J3"]?.text, "target")
        XCTAssertEqual(data["K3"]?.number, 120_000)
        XCTAssertEqual(data["J8"]?.text, "forecast")
        XCTAssertNil(data["K8"]?.raw)
        // Result 4 (retail revenue) starts at row 2 + 3 × 33 = 101: no status colour, no target source.
        XCTAssertEqual(data["F101"]?.text, "retail")
        XCTAssertEqual(data["G101"]?.text, "Retail Store")
        XCTAssertEqual(data["H101"]?.text, "none")
        XCTAssertNil(data["I101"])
        XCTAssertEqual(data["K101"]?.number, 45_000.5)
        // Cloud's contribution to the yoy change (row 68 + 31).
        XCTAssertEqual(data["J99"]?.text, "contribution_yoy")
        XCTAssertEqual(data["K99"]?.number, 0.1)
        XCTAssertEqual(data["J265"]?.text, "contribution_target")
        XCTAssertNil(data["A266"])
    }
}
