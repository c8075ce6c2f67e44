import XCTest
@testable import KPIWorkbook

/// Scorecard (sheet1): layout of the fixture's complete week — the header is row 13, data rows 14…21:
/// Revenue Total/Enterprise/Cloud Platform/Retail Store, then Gross margin likewise; columns A…R.
final class ScorecardTests: XCTestCase {
    var sheet: XLSXFile.Sheet!
    var file: XLSXFile!

    override func setUpWithError() throws {
        file = try XLSXFile.write(Fixture.report())
        sheet = try file.sheet(1)
    }

    func testHeaderRowAndOrderFollowResults() throws {
        XCTAssertEqual(sheet["A13"]?.text, "KPI")
        XCTAssertEqual(sheet["C13"]?.text, "Actual")
        XCTAssertEqual(sheet["G13"]?.text, "Status")
        XCTAssertEqual(sheet["H13"]?.text, "Prior\n2026-W45")
        XCTAssertEqual(sheet["K13"]?.text, "Δ vs\nlast year")
        XCTAssertEqual(sheet["L13"]?.text, "YoY trend\n(pts)")
        XCTAssertEqual(sheet["M13"]?.text, "QTD\n2026-Q4", "no MTD columns: the fixture has no MTD window")
        XCTAssertEqual(sheet["O13"]?.text, "QTD\nYoY")
        XCTAssertEqual(sheet["Q13"]?.text, "YTD\ntarget")
        XCTAssertEqual(sheet["R13"]?.text, "YTD\nYoY")
        XCTAssertNil(sheet["S13"], "no forecast columns for a complete period")
        XCTAssertEqual(sheet.row("Revenue", "Total"), 14)
        XCTAssertEqual(sheet.row("Revenue", "Enterprise"), 15)
        XCTAssertEqual(sheet.row("Revenue", "Cloud Platform"), 16, "lines show the display name from productLines")
        XCTAssertEqual(sheet.row("Revenue", "Retail Store"), 17)
        XCTAssertEqual(sheet.row("Gross margin", "Total"), 18)
        XCTAssertEqual(sheet.row("Gross margin", "Retail Store"), 21)
    }

    func testNumbersAreNumberCells() throws {
        let actual = try XCTUnwrap(sheet["C14"])
        XCTAssertTrue(actual.type == nil || actual.type == "n", "actual must be a number cell, got t=\(actual.type ?? "")")
        XCTAssertEqual(actual.number, 125_000.5)
        XCTAssertEqual(sheet["D14"]?.number, 120_000)
        XCTAssertEqual(try XCTUnwrap(sheet["E14"]?.number), 125_000.5 / 120_000, accuracy: 1e-12)
        XCTAssertEqual(sheet["F14"]?.number, 5_000.5)
        XCTAssertEqual(try XCTUnwrap(sheet["I14"]?.number), 15_000.5 / 110_000, accuracy: 1e-12)
        XCTAssertEqual(sheet["P14"]?.number, 6_000_000)
        XCTAssertEqual(sheet["F16"]?.number, -15_000)
    }

    func testNullsAreEmptyCells() throws {
        // Retail revenue has no target: target, attainment, variance and prior are empty, never 0 or text.
        for ref in ["D17", "E17", "F17", "H17", "I17"] {
            XCTAssertNil(sheet[ref]?.raw, "\(ref) should be empty")
        }
        // Gross margin for retail is null throughout.
        XCTAssertNil(sheet["C21"]?.raw)
        XCTAssertFalse(sheet.xml.contains("null"))
    }

    func testPercentKPIChangesAreInPoints() throws {
        // Gross margin ALL: variance 0.02 and prior change 0.02 are shown as +2.0 pts (value × 100).
        XCTAssertEqual(try XCTUnwrap(sheet["F18"]?.number), 2, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(sheet["I18"]?.number), 2, accuracy: 1e-12)
        XCTAssertEqual(sheet["C18"]?.number, 0.42, "the value itself stays a fraction with a 0.0% format")
        let styles = try file.part("xl/styles.xml")
        XCTAssertTrue(styles.contains(#"formatCode="+0.0&quot; pts&quot;;[Red]-0.0&quot; pts&quot;;0.0&quot; pts&quot;""#))
    }

    func testStatusWordsAndFills() throws {
        XCTAssertEqual(sheet["G14"]?.text, "Green")
        XCTAssertEqual(sheet["G15"]?.text, "Amber")
        XCTAssertEqual(sheet["G16"]?.text, "Red")
        XCTAssertEqual(sheet["G17"]?.text, "n/a")
        let styles = try file.part("xl/styles.xml")
        for rgb in ["FFC6EFCE", "FFFFEB9C", "FFFFC7CE", "FFE7E6E6"] {
            XCTAssertTrue(styles.contains(#"<fgColor rgb="\#(rgb)"/>"#), "fill \(rgb) missing")
        }
        // Each status cell is filled with its colour.
        for (ref, rgb) in [("G14", "FFC6EFCE"), ("G15", "FFFFEB9C"), ("G16", "FFFFC7CE"), ("G17", "FFE7E6E6"), ("G19", "FFFFEB9C")] {
            XCTAssertEqual(try file.style(try XCTUnwrap(sheet[ref]?.style)).fill, rgb, ref)
        }
    }

    func testCellsCarryTheirUnitsFormat() throws {
        XCTAssertEqual(try file.style(try XCTUnwrap(sheet["C14"]?.style)).numFormat, ##""$"#,##0"##)
        XCTAssertEqual(try file.style(try XCTUnwrap(sheet["C18"]?.style)).numFormat, "0.0%")
        XCTAssertEqual(try file.style(try XCTUnwrap(sheet["E14"]?.style)).numFormat, "0.0%")
        XCTAssertEqual(try file.style(try XCTUnwrap(sheet["I14"]?.style)).numFormat, "+0.0%;[Red]-0.0%;0.0%")
    }

    func testNumberFormatsByUnit() throws {
        let styles = try file.part("xl/styles.xml")
        XCTAssertTrue(styles.contains(#"formatCode="&quot;$&quot;#,##0""#), "currency")
        XCTAssertTrue(styles.contains(#"formatCode="0.0%""#), "percent and attainment")
        XCTAssertTrue(styles.contains(#"formatCode="+0.0%;[Red]-0.0%;0.0%""#), "relative change")
        XCTAssertTrue(styles.contains(#"formatCode="+&quot;$&quot;#,##0;[Red]-&quot;$&quot;#,##0;&quot;$&quot;#,##0""#), "variance")
    }

    func testSmallCurrencyValuesGetCents() throws {
        XCTAssertEqual(KPIFormats.valueFormat(unit: .currency, currencySymbol: "$", smallValues: true), ##""$"#,##0.00"##)
        XCTAssertEqual(KPIFormats.valueFormat(unit: .currency, currencySymbol: "CHF", smallValues: false), ##""CHF "#,##0"##)
        XCTAssertEqual(KPIFormats.valueFormat(unit: .count, currencySymbol: "$", smallValues: true), "#,##0")
        XCTAssertEqual(KPIFormats.valueFormat(unit: .ratio, currencySymbol: "$", smallValues: true), "#,##0.00")
        XCTAssertEqual(KPIFormats.signedFormat("0.0%", better: .lower), "[Red]+0.0%;-0.0%;0.0%", "a rise is bad when lower is better")
        XCTAssertTrue(KPIFormats.hasSmallValues(Fixture.marginResults()))
        XCTAssertFalse(KPIFormats.hasSmallValues(Fixture.revenueResults(complete: true)))
    }

    func testFrozenPaneAutofilterAndPrintSetup() throws {
        XCTAssertTrue(sheet.xml.contains(#"<pane xSplit="2" ySplit="13" topLeftCell="C14" activePane="bottomRight" state="frozen"/>"#))
        XCTAssertTrue(sheet.xml.contains(#"<autoFilter ref="A13:R21"/>"#))
        XCTAssertTrue(sheet.xml.contains(#"orientation="landscape""#))
        XCTAssertTrue(sheet.xml.contains(#"<pageSetUpPr fitToPage="1"/>"#))
        XCTAssertTrue(sheet.xml.contains(#"fitToHeight="0""#), "one page wide, as many pages tall as needed")
        XCTAssertTrue(sheet.xml.contains("Page &amp;P of &amp;N"))
        XCTAssertTrue(sheet.xml.contains("Weekly review 2026-W46 (2026-11-09 to 2026-11-15)"))
        let workbook = try file.part("xl/workbook.xml")
        XCTAssertTrue(workbook.contains(#"<definedName name="_xlnm.Print_Titles" localSheetId="0">Scorecard!$13:$13</definedName>"#))
        XCTAssertTrue(sheet.xml.contains("<cols>"), "column widths are set")
    }

    func testTitleBlock() throws {
        XCTAssertEqual(sheet["A1"]?.text, "Acme weekly business review")
        XCTAssertEqual(sheet["A2"]?.text, "Acme Corp")
        XCTAssertEqual(sheet["A3"]?.text, "Weekly review 2026-W46 (2026-11-09 to 2026-11-15)")
        XCTAssertEqual(sheet["A4"]?.text, "As of 2026-11-16: period complete")
        XCTAssertEqual(sheet["B6"]?.text, "Green")
        XCTAssertEqual(sheet["B9"]?.text, "n/a")
    }

    func testInProgressAddsTargetToDateForecastAndRequiredPerDay() throws {
        let progress = try XLSXFile.write(Fixture.report(complete: false)).sheet(1)
        XCTAssertEqual(progress["A4"]?.text, "As of 2026-11-11: in progress — day 3 of 7, forecast used for status")
        // One more note row than the complete report: the header moves to row 14.
        XCTAssertEqual(progress["E14"]?.text, "Target\nto date")
        XCTAssertEqual(progress["I14"]?.text, "Forecast")
        XCTAssertEqual(progress["J14"]?.text, "Required\n/ day")
        XCTAssertEqual(progress.row("Revenue", "Total"), 15)
        XCTAssertEqual(progress["E15"]?.number, 51_428.571429)
        XCTAssertEqual(progress["I15"]?.number, 291_667.833333)
        XCTAssertEqual(progress["J15"]?.number, -10_000)
        XCTAssertNil(progress["I16"]?.raw, "no forecast for the group: empty")
        XCTAssertTrue(progress.xml.contains(#"<autoFilter ref="A14:U22"/>"#))
    }

    func testQuarterlyReportsHaveNoQTDColumns() throws {
        var report = Fixture.report()
        report.cadence = .quarterly
        report.windows.qtd = nil
        report.windows.qtdYoy = nil
        let quarterly = try XLSXFile.write(report).sheet(1)
        XCTAssertEqual(quarterly["A3"]?.text, "Quarterly review 2026-W46 (2026-11-09 to 2026-11-15)")
        XCTAssertEqual(quarterly["M13"]?.text, "YTD\n2026", "QTD columns are left out")
        XCTAssertEqual(quarterly["N13"]?.text, "YTD\ntarget")
        XCTAssertEqual(quarterly["O13"]?.text, "YTD\nYoY")
        XCTAssertNil(quarterly["P13"])
        XCTAssertEqual(quarterly["M14"]?.number, 6_000_000)
        XCTAssertTrue(quarterly.xml.contains(#"<autoFilter ref="A13:O21"/>"#))
    }
}
