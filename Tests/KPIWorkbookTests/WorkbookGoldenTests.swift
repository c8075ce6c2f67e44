import Foundation
import XCTest
import KPITestSupport
@testable import KPIWorkbook
import KPIReport
import KPIChartFixtures
import KPIModel

/// One golden workbook per writer feature, from a small report of GoldenReports, compared part by
/// part on the unzipped XML (KPITestSupport.XLSXGolden, after libxlsxwriter's own tests): a
/// failure names the part and its first differing element. Each golden was opened in openpyxl
/// and rendered by LibreOffice before it was committed; `KPIREVIEW_UPDATE_GOLDEN=1` rewrites them
/// and fails (docs/testing.md). Sheets: 1 Scorecard, then one per KPI, then Data and Notes.
final class WorkbookGoldenTests: XCTestCase {
    static let goldens = TestPaths.folder(of: #filePath).appendingPathComponent("Golden")

    private func assertWorkbook(_ report: ReviewReport, _ name: String, _ comparison: XLSXComparison,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let written = try XLSXFile.write(report, name: name + ".xlsx")
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: written.path).deletingLastPathComponent().path) }
        assertXLSXGolden(written.path, matches: Self.goldens.appendingPathComponent(name + ".xlsx"), comparison, file: file, line: line)
    }

    /// The fills and fonts of green/amber/red/none (styles.xml) and which cells carry them.
    func testStatusFills() throws {
        try assertWorkbook(GoldenReports.statusFills(), "status-fills",
                           XLSXComparison(parts: ["xl/styles.xml", "xl/worksheets/sheet1.xml"]))
    }

    /// Number formats per unit and currency code, signed variance formats, text status labels.
    func testNumberFormats() throws {
        try assertWorkbook(GoldenReports.numberFormats(), "number-formats",
                           XLSXComparison(parts: ["xl/styles.xml", "xl/worksheets/sheet1.xml"]))
    }

    /// The WBR box columns of the Scorecard: the YoY trend in points beside YoY, MTD with its target
    /// and YoY (weekly only), QTD and YTD each with target and YoY; percent KPIs in points.
    func testWBRBox() throws {
        try assertWorkbook(WBRBoxFixtures.report(.weekly), "wbr-box",
                           XLSXComparison(parts: ["xl/styles.xml", "xl/worksheets/sheet1.xml"]))
    }

    /// The history table of the trend sheet and its two line charts (weeks, months) with gaps.
    func testTrendChart() throws {
        try assertWorkbook(GoldenReports.trendChart(), "trend-chart", XLSXComparison(parts: [
            "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels", "xl/drawings/drawing1.xml",
            "xl/drawings/_rels/drawing1.xml.rels", "xl/charts/chart1.xml", "xl/charts/chart2.xml",
        ]))
    }

    /// The long-form Data sheet and its Excel table.
    func testDataTable() throws {
        try assertWorkbook(GoldenReports.dataTable(), "data-table", XLSXComparison(parts: [
            "xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels", "xl/tables/table1.xml",
        ]))
    }

    /// Definitions, target rules, data quality with rejections, warnings and run facts.
    func testNotesSheet() throws {
        try assertWorkbook(GoldenReports.notesSheet(), "notes-sheet", XLSXComparison(parts: ["xl/worksheets/sheet5.xml"]))
    }

    /// The Bridge sheet (SPEC 6.5): parts vs prior, last year and target, the waterfall's helper
    /// columns and its stacked column chart with an invisible base series.
    func testBridgeSheet() throws {
        try assertWorkbook(GoldenReports.bridgeSheet(), "bridge-sheet", XLSXComparison(parts: [
            "xl/workbook.xml", "xl/worksheets/sheet3.xml", "xl/worksheets/_rels/sheet3.xml.rels", "xl/drawings/drawing1.xml",
            "xl/charts/chart1.xml",
        ]))
    }

    /// Frozen panes, autofilter, column widths, print setup (landscape, fit to width, repeated
    /// header rows, header and footer) of every sheet, and the defined names they need; the cells
    /// themselves are on the ignore list here (the other goldens hold them).
    func testSheetSetup() throws {
        // Nine sheets: Scorecard, six trend sheets (names with spaces are quoted in the print titles), Data, Notes.
        let sheets = (1...9).map { "xl/worksheets/sheet\($0).xml" }
        try assertWorkbook(GoldenReports.numberFormats(), "sheet-setup", XLSXComparison(
            parts: ["xl/workbook.xml"] + sheets,
            ignoring: Dictionary(uniqueKeysWithValues: sheets.map { ($0, XLSXComparison.cellData) })))
    }

    /// Every golden opens in openpyxl with the sheets its test expects (a second reader of the
    /// committed files, so a golden recorded broken cannot stay).
    func testGoldensOpenInOpenpyxl() throws {
        try Processes.requirePython("openpyxl")
        let expected: [(String, [String])] = [
            ("status-fills", ["Scorecard", "Revenue", "Data", "Notes"]),
            ("number-formats", ["Scorecard", "Bookings", "Average order value", "Orders", "Gross margin", "Cost per order",
                                "Net promoter score", "Data", "Notes"]),
            ("trend-chart", ["Scorecard", "Revenue", "Data", "Notes"]),
            ("data-table", ["Scorecard", "Revenue", "Data", "Notes"]),
            ("bridge-sheet", ["Scorecard", "Revenue", "Bridge", "Data", "Notes"]),
            ("notes-sheet", ["Scorecard", "Bookings", "Gross margin", "Data", "Notes"]),
            ("sheet-setup", ["Scorecard", "Bookings", "Average order value", "Orders", "Gross margin", "Cost per order",
                             "Net promoter score", "Data", "Notes"]),
        ]
        let script = "import sys, json, openpyxl\nprint(json.dumps(openpyxl.load_workbook(sys.argv[1]).sheetnames))"
        for (name, sheets) in expected {
            let r = try Processes.python(["-c", script, Self.goldens.appendingPathComponent(name + ".xlsx").path])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderrText)")
            let got = (try? JSONSerialization.jsonObject(with: r.stdout)) as? [String]
            XCTAssertEqual(got, sheets, name)
        }
    }
}
