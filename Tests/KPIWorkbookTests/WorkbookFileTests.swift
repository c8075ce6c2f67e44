import Foundation
import XCTest
@testable import KPIWorkbook
import KPIReport

/// Whole-file properties: document properties, reproducibility, sheet order and names, errors.
final class WorkbookFileTests: XCTestCase {
    func testCoreAndAppProperties() throws {
        let file = try XLSXFile.write(Fixture.report())
        let core = try file.part("docProps/core.xml")
        XCTAssertTrue(core.contains(#"<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-16T00:00:00Z</dcterms:created>"#))
        XCTAssertTrue(core.contains("<dc:title>Acme weekly business review</dc:title>"))
        XCTAssertTrue(core.contains("<dc:subject>Weekly review 2026-W46 (2026-11-09 to 2026-11-15)</dc:subject>"))
        XCTAssertTrue(core.contains("<cp:keywords>KPI review, weekly, 2026-W46</cp:keywords>"))
        XCTAssertTrue(try file.part("docProps/app.xml").contains("<Company>Acme Corp</Company>"))
    }

    func testSameReportGivesByteIdenticalFiles() throws {
        let a = try XLSXFile.write(Fixture.report())
        Thread.sleep(forTimeInterval: 2.1)  // past the zip format's 2-second clock
        let b = try XLSXFile.write(Fixture.report())
        let bytesA = try Data(contentsOf: URL(fileURLWithPath: a.path))
        let bytesB = try Data(contentsOf: URL(fileURLWithPath: b.path))
        XCTAssertGreaterThan(bytesA.count, 10_000)
        XCTAssertEqual(bytesA, bytesB)
        // Another as-of gives another file (the created date is part of it).
        var later = Fixture.report()
        later.asOf = Fixture.day("2026-11-17")
        let c = try XLSXFile.write(later)
        XCTAssertNotEqual(bytesA, try Data(contentsOf: URL(fileURLWithPath: c.path)))
    }

    func testSheetOrder() throws {
        let workbook = try XLSXFile.write(Fixture.report()).part("xl/workbook.xml")
        let names = matches(#"<sheet name="([^"]+)""#, in: workbook).map { unescape($0[1]) }
        XCTAssertEqual(names, ["Scorecard", "Revenue", "Gross margin", "Data", "Notes"])
    }

    func testTrendSheetNamesAreValidAndUnique() throws {
        let long = "Revenue from enterprise customers [net]: EMEA"
        let kpis = [
            KPIInfo(id: "a", name: long, unit: .currency, better: .higher, definition: ""),
            KPIInfo(id: "b", name: long + " and APAC", unit: .percent, better: .higher, definition: ""),
            KPIInfo(id: "c", name: "Data", unit: .currency, better: .higher, definition: ""),
            KPIInfo(id: "d", name: "Cost/Order?", unit: .percent, better: .lower, definition: ""),
        ]
        let file = try XLSXFile.write(Fixture.report(kpis: kpis))
        let workbook = try file.part("xl/workbook.xml")
        let names = matches(#"<sheet name="([^"]+)""#, in: workbook).map { unescape($0[1]) }
        // The fixed sheets keep their names: a KPI called "Data" yields.
        XCTAssertEqual(names, ["Scorecard", "Revenue from enterprise custome", "Revenue from enterprise cus (2)",
                               "Data (2)", "Cost-Order-", "Data", "Notes"])
        XCTAssertTrue(names.allSatisfy { $0.count <= 31 })
        // The trend sheet's chart refers to its own (quoted) sheet name.
        XCTAssertTrue(try file.part("xl/charts/chart1.xml").contains("<c:f>'Revenue from enterprise custome'!$B$5:$B$7</c:f>"))
    }

    func testSheetNameRules() {
        var names = SheetNames()
        XCTAssertEqual(names.claim("Scorecard"), "Scorecard")
        XCTAssertEqual(names.claim("scorecard"), "scorecard (2)", "Excel compares names ignoring case")
        XCTAssertEqual(names.claim("History"), "History (2)", "Excel reserves History")
        XCTAssertEqual(names.claim("'Quoted'"), "Quoted")
        XCTAssertEqual(names.claim("[]:*?/\\"), "-------")
        XCTAssertEqual(names.claim(""), "Sheet")
        XCTAssertEqual(names.claim(String(repeating: "x", count: 40)), String(repeating: "x", count: 31))
        XCTAssertEqual(names.claim(String(repeating: "x", count: 35)), String(repeating: "x", count: 27) + " (2)")
        XCTAssertEqual(names.claim(String(repeating: "x", count: 31)), String(repeating: "x", count: 27) + " (3)")
        XCTAssertEqual(SheetNames.truncate("Ümsätze 😀 Zahlen", to: 9), "Ümsätze ", "an emoji counts two, as in Excel")
    }

    func testFailureNamesTheLibxlsxwriterError() {
        let path = "/nonexistent-dir-kpiwb/review.xlsx"
        XCTAssertThrowsError(try WorkbookWriter.write(Fixture.report(), to: path)) { error in
            guard let e = error as? WorkbookError else { return XCTFail("not a WorkbookError: \(error)") }
            XCTAssertEqual(e.operation, "workbook_close")
            XCTAssertEqual(e.code, 2, "LXW_ERROR_CREATING_XLSX_FILE")
            XCTAssertTrue(e.description.hasPrefix("xlsx: workbook_close: "), e.description)
            XCTAssertTrue(e.message.contains("Error creating output xlsx file"), e.message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }

    func testNumbersSurviveACommaDecimalLocale() throws {
        // Someone set a comma-decimal LC_NUMERIC: the writer resets it, so 125000.5 stays one number.
        try useCommaDecimalLocale()
        defer { _ = setlocale(LC_NUMERIC, "C") }
        let sheet = try XLSXFile.write(Fixture.report()).sheet(1)
        XCTAssertEqual(sheet["C14"]?.raw, "125000.5")
    }

    func testEmptyReportStillWritesAValidTable() throws {
        var report = Fixture.report()
        report.results = []
        let file = try XLSXFile.write(report)
        XCTAssertTrue(try file.part("xl/tables/table1.xml").contains(#"ref="A1:K2""#))
        XCTAssertEqual(try file.sheet(2)["A5"]?.text, "No history for this KPI.")
        let charts = try file.members().filter { $0.hasPrefix("xl/charts/") }
        XCTAssertEqual(charts, [])
    }

    /// Sets LC_NUMERIC to de_DE, compiling the locale into a temporary LOCPATH when the system lacks it.
    private func useCommaDecimalLocale() throws {
        if setlocale(LC_NUMERIC, "de_DE.UTF-8") != nil { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpiwb-locale").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: dir + "/de_DE.UTF-8"),
           FileManager.default.isExecutableFile(atPath: "/usr/bin/localedef") {
            _ = try XLSXFile.run("/usr/bin/localedef", ["-i", "de_DE", "-f", "UTF-8", dir + "/de_DE.UTF-8"])
        }
        setenv("LOCPATH", dir, 1)
        defer { unsetenv("LOCPATH") }
        guard setlocale(LC_NUMERIC, "de_DE.UTF-8") != nil else { throw XCTSkip("no de_DE locale available") }
        guard String(cString: localeconv().pointee.decimal_point) == "," else { throw XCTSkip("de_DE has no comma decimal") }
    }
}

/// The libxlsxwriter wrapper on its own.
final class XLSXBookTests: XCTestCase {
    func testAFailedBuildWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpiwb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("broken.xlsx").path
        do {
            let book = try XLSXBook(path: path)
            _ = try book.addSheet(named: "Scorecard")
            XCTAssertThrowsError(try book.addSheet(named: "a/b")) { error in
                let e = error as? WorkbookError
                XCTAssertEqual(e?.operation, "workbook_validate_sheet_name(a/b)")
                XCTAssertEqual(e?.message.contains("Worksheet name cannot contain invalid characters"), true, e?.message ?? "")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "the book was dropped without workbook_close")
    }

    func testOverlongTextIsCutToExcelsLimit() throws {
        var report = Fixture.report()
        report.dataQuality.warnings = [String(repeating: "w", count: 40_000)]
        let file = try XLSXFile.write(report)
        let longest = try file.sharedStrings().map(\.count).max()
        XCTAssertEqual(longest, 32_767)
    }
}
