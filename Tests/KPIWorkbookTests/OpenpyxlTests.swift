import Foundation
import XCTest
@testable import KPIWorkbook

/// A second reader: openpyxl opens the workbook and checks values and types against the report.
final class OpenpyxlTests: XCTestCase {
    static let script = #"""
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
errors = []
def check(what, got, want):
    if got != want: errors.append(f"{what}: got {got!r}, want {want!r}")
check("sheets", wb.sheetnames, ["Scorecard", "Revenue", "Gross margin", "Data", "Notes"])
sc = wb["Scorecard"]
check("C14", sc["C14"].value, 125000.5)
check("C14 type", sc["C14"].data_type, "n")
check("C14 format", sc["C14"].number_format, '"$"#,##0')
check("A14 bold", sc["A14"].font.b, True)
check("B16 indent", sc["B16"].alignment.indent, 2.0)
check("D17 empty", sc["D17"].value, None)
check("G16", sc["G16"].value, "Red")
check("G16 fill", sc["G16"].fill.fgColor.rgb, "FFFFC7CE")
check("C18", sc["C18"].value, 0.42)
check("freeze", sc.freeze_panes, "C14")
check("filter", sc.auto_filter.ref, "A13:R21")
check("landscape", sc.page_setup.orientation, "landscape")
check("fit to page", sc.sheet_properties.pageSetUpPr.fitToPage, True)
check("any height", sc.page_setup.fitToHeight, 0)
rv = wb["Revenue"]
check("Revenue C5", rv["C5"].value, datetime.datetime(2026, 10, 26))
check("Revenue E7", rv["E7"].value, 125000.5)
data = wb["Data"]
check("tables", list(data.tables.keys()), ["KPIData"])
check("table ref", data.tables["KPIData"].ref, "A1:K265")
check("K2", data["K2"].value, 125000.5)
check("K8", data["K8"].value, None)
notes = wb["Notes"]
texts = [c.value for row in notes.iter_rows() for c in row if isinstance(c.value, str)]
check("config sha", ("0f" * 32) in texts, True)
check("props created", wb.properties.created, datetime.datetime(2026, 11, 16, 0, 0))
check("props title", wb.properties.title, "Acme weekly business review")
if errors:
    print("\n".join(errors)); sys.exit(1)
print("ok")
"""#

    func testOpenpyxlReadsTheReportsValues() throws {
        let probe = try? XLSXFile.run("/usr/bin/env", ["python3", "-c", "import openpyxl"])
        guard let probe, probe.status == 0 else { throw XCTSkip("python3 with openpyxl is not installed (make deps)") }
        let file = try XLSXFile.write(Fixture.report())
        let result = try XLSXFile.run("/usr/bin/env", ["python3", "-c", OpenpyxlTests.script, file.path])
        let out = String(decoding: result.out, as: UTF8.self)
        XCTAssertEqual(result.status, 0, out + result.err)
        XCTAssertEqual(out.trimmingCharacters(in: .whitespacesAndNewlines), "ok")
    }
}
