import XCTest
@testable import KPITestSupport

final class XLSXGoldenTests: XCTestCase {
    func testElementsSplitAtTagBoundaries() {
        let xml = "<?xml version=\"1.0\"?>\n<sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>\n  <c r=\"B1\"><v>1.5</v></c></row></sheetData>"
        XCTAssertEqual(XLSXGolden.xmlElements(xml), [
            "<?xml version=\"1.0\"?>", "<sheetData>", "<row r=\"1\">", "<c r=\"A1\" t=\"s\">", "<v>0</v>", "</c>",
            "<c r=\"B1\">", "<v>1.5</v>", "</c>", "</row>", "</sheetData>",
        ])
        XCTAssertEqual(XLSXGolden.xmlElements("<t xml:space=\"preserve\"> a b</t>"), ["<t xml:space=\"preserve\"> a b</t>"])
    }

    func testSharedStringsAreInlinedIntoCells() {
        let strings = XLSXGolden.sharedStrings(#"<sst><si><t>Revenue</t></si><si><r><t>A</t></r><r><t xml:space="preserve"> &amp; B</t></r></si></sst>"#)
        XCTAssertEqual(strings, ["Revenue", "A &amp; B"])
        let list = ["<c r=\"A1\" s=\"2\" t=\"s\">", "<v>1</v>", "</c>", "<c r=\"B1\" s=\"3\">", "<v>1</v>", "</c>"]
        XCTAssertEqual(XLSXGolden.inliningSharedStrings(list, strings: strings),
                       ["<c r=\"A1\" s=\"2\" t=\"s\">", "<v>shared \"A &amp; B\"</v>", "</c>", "<c r=\"B1\" s=\"3\">", "<v>1</v>", "</c>"])
    }

    /// Two small zips that differ in one cell's style and in an ignored element.
    func testDifferenceNamesThePartAndTheFirstElement() throws {
        try Processes.requirePython("zipfile")
        let dir = try TestPaths.scratchFolder("kpireview-xlsx-golden-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        func zip(_ name: String, sheet: String, calc: String) throws -> ZipArchive {
            let path = dir.appendingPathComponent(name).path
            let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as z:
                z.writestr("xl/workbook.xml", sys.argv[3])
                z.writestr("xl/worksheets/sheet1.xml", sys.argv[2])
                z.writestr("xl/sharedStrings.xml", "<sst><si><t>Red</t></si></sst>")
            """
            let r = try Processes.python(["-c", script, path, sheet, "<workbook><calcPr calcId=\"\(calc)\"/></workbook>"])
            XCTAssertEqual(r.status, 0, r.stderrText)
            return try ZipArchive(path: path)
        }
        let golden = try zip("g.xlsx", sheet: #"<sheetData><row r="1"><c r="A1" s="4" t="s"><v>0</v></c></row></sheetData>"#, calc: "1")
        let same = try zip("s.xlsx", sheet: #"<sheetData><row r="1"><c r="A1" s="4" t="s"><v>0</v></c></row></sheetData>"#, calc: "2")
        let other = try zip("o.xlsx", sheet: #"<sheetData><row r="1"><c r="A1" s="5" t="s"><v>0</v></c></row></sheetData>"#, calc: "1")
        let comparison = XLSXComparison(parts: ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
        XCTAssertEqual(golden.members, ["xl/sharedStrings.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"])
        XCTAssertNil(XLSXGolden.difference(expected: golden, actual: same, comparison), "calcPr is on the ignore list")
        XCTAssertNotNil(XLSXGolden.difference(expected: golden, actual: same, XLSXComparison(parts: ["xl/workbook.xml"], ignoring: [:])
            .withoutLibraryDefaults), "without the ignore list calcPr differs")
        let message = XLSXGolden.difference(expected: golden, actual: other, comparison) ?? ""
        XCTAssertTrue(message.hasPrefix("xl/worksheets/sheet1.xml: first difference at element 3:\n"
                                        + "  golden: <c r=\"A1\" s=\"4\" t=\"s\">\n  actual: <c r=\"A1\" s=\"5\" t=\"s\">"), message)
        XCTAssertTrue(message.contains("- <c r=\"A1\" s=\"4\" t=\"s\">\n+ <c r=\"A1\" s=\"5\" t=\"s\">\n  <v>shared \"Red\"</v>"), message)
    }
}

private extension XLSXComparison {
    var withoutLibraryDefaults: XLSXComparison {
        var c = self
        c.ignoredElements = [:]
        return c
    }
}
