import Foundation
import XCTest

/// Inputs tried as an attacker or bad luck would (issue 15): each is a clear error with the exact
/// exit code and message, nothing written, never a crash.
final class HostileInputTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("orders.csv", goodOrders)
    }

    func testTenThousandBracketsInTheConfigAreAConfigError() throws {
        try write("kpireview.yml", "title: " + String(repeating: "[", count: 10_000) + "\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:1:71: config nested too deeply (more than 64 levels of mappings, lists or brackets)")
        assertNothingWritten()
    }

    func testThreeThousandNestedMappingsAreAConfigError() throws {
        let yaml = (0..<3000).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        try write("kpireview.yml", yaml)
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:65:129: config nested too deeply (more than 64 levels of mappings, lists or brackets)")
    }

    func testAValueOfAHundredThousandParenthesesIsAConfigError() throws {
        let value = String(repeating: "(", count: 100_000) + "amount" + String(repeating: ")", count: 100_000)
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "value: amount", with: "value: \"\(value)\""))
        let r = try runReview()
        assertExit(r, 2)
        let first = r.stderrLines.first ?? ""
        // The value starts at column 71 (after its opening quote); the 257th '(' is 256 further.
        XCTAssertTrue(first.hasPrefix("kpireview: error: kpireview.yml:7:\(71 + 256): invalid 'value' in KPI 'bookings': expression nested too deeply (more than 256 levels"), first)
        XCTAssertLessThan(r.stderr.utf8.count, 2_000, "the error does not echo the expression")
        assertNothingWritten()
    }

    func testAFormulaOfAHundredThousandTermsIsAConfigError() throws {
        let formula = Array(repeating: "bookings", count: 100_000).joined(separator: " + ")
        let config = baseConfig.replacingOccurrences(
            of: "output:", with: "  - { id: big, name: Big, formula: \"\(formula)\" }\noutput:")
        try write("kpireview.yml", config)
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("expression nested too deeply"), r.stderr)
        assertNothingWritten()
    }

    // MARK: item 5: bounded memory

    func testALineWithoutEndLongerThan16MiBIsAnErrorNamingFileAndLine() throws {
        try write("kpireview.yml", baseConfig)
        var text = goodOrders
        text += "2026-11-10,cloud,1," + String(repeating: "x", count: 17 << 20)
        try write("orders.csv", text)
        let r = try runReview()
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv:9: a line longer than 16 MiB; is this a CSV export?"])
        assertNothingWritten()
    }

    func testAQuoteLeftOpenOver16MiBOfLinesIsAnErrorAtTheLineItOpened() throws {
        try write("kpireview.yml", baseConfig)
        let line = String(repeating: "y", count: 1023) + "\n"
        try write("orders.csv", goodOrders + "2026-11-10,cloud,\"" + String(repeating: line, count: 17 << 10))
        let r = try runReview()
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv:9: a record longer than 16 MiB; is a quote left open?"])
        assertNothingWritten()
    }

    func testATenMiBFieldIsReadWithBoundedMemory() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders + "2026-11-11,cloud,\(String(repeating: "9", count: 10 << 20)),ok\n")
        let r = try runReview()
        // The huge amount is out of range: the row is rejected with that reason, the rest reported.
        assertExit(r, 3)
        XCTAssertTrue(try readText("out/rejects/orders.csv").contains("\n9,amount,number out of range (needed by KPI 'bookings') (999"))
    }

    // MARK: item 7: no cell a spreadsheet runs

    func testRejectedCellsThatLookLikeFormulasAreNeutralised() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", goodOrders
            + "=HYPERLINK(\"http://evil.example\";\"x\"),cloud,1,ok\n"
            + "2026-11-10,cloud,@SUM(1),ok\n"
            + "'quoted,cloud,1,ok\n"
            + "-x,cloud,1,ok\n"
            + "-1,cloud,1,ok\n")
        let r = try runReview()
        assertExit(r, 3)
        let rejects = try readText("out/rejects/orders.csv").split(separator: "\n").map(String.init)
        XCTAssertEqual(rejects.count, 6, rejects.joined(separator: "\n"))
        // Every cell that starts with = + - (not before a digit) @ or ' gets one leading quote.
        XCTAssertEqual(rejects[1], #"9,1,malformed CSV record (stray or unbalanced quote),"'=HYPERLINK(""http://evil.example"";""x""),cloud,1,ok""#)
        // A row whose risky cell is not its first: `raw` starts with a date and needs no quote.
        XCTAssertEqual(rejects[2], "10,amount,not a number (needed by KPI 'bookings') (@SUM(1)),\"2026-11-10,cloud,@SUM(1),ok\"")
        XCTAssertTrue(rejects[3].hasSuffix(#","''quoted,cloud,1,ok""#), rejects[3])
        XCTAssertTrue(rejects[4].hasSuffix(#","'-x,cloud,1,ok""#), rejects[4])
        XCTAssertTrue(rejects[5].hasSuffix(#","-1,cloud,1,ok""#), rejects[5])
        for row in rejects.dropFirst() {
            for cell in csvCells(row) {
                XCTAssertFalse(["=", "+", "@", "\t", "\r"].contains(where: { cell.hasPrefix($0) }), "cell \(cell) of \(row)")
            }
        }
    }

    /// The cells of one CSV line (quotes and doubled quotes undone).
    private func csvCells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false, chars = Array(line), i = 0
        while i < chars.count {
            let c = chars[i]
            if quoted {
                if c == "\"" { if i + 1 < chars.count && chars[i + 1] == "\"" { cell.append("\""); i += 1 } else { quoted = false } } else { cell.append(c) }
            } else if c == "\"" { quoted = true } else if c == "," { cells.append(cell); cell = "" } else { cell.append(c) }
            i += 1
        }
        cells.append(cell)
        return cells
    }

    // MARK: item 8: plain messages

    func testAFileOfSecretsIsNotEchoed() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG\nDB_PASSWORD=hunter2\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertFalse(r.stderr.contains("wJalr") || r.stderr.contains("hunter2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("(its first line has 1 field(s), none of them a column the config names; is it the right file?)"), r.stderr)
    }

    func testARealHeaderIsStillListed() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", "order_date,line,amount,status\n2026-11-10,cloud,1,ok\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("(columns found: order_date, line, amount, status)"), r.stderr)
    }

    func testAFIFOAsASourceIsAnErrorNotAHang() throws {
        try write("kpireview.yml", baseConfig)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("orders.csv"))
        XCTAssertEqual(mkfifo(dir.appendingPathComponent("orders.csv").path, 0o600), 0)
        let r = try runReview()
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv: is not a regular file (a device, pipe or socket); point the source at a CSV file"])
        assertNothingWritten()
    }

    func testADeviceAsASourceIsAnError() throws {
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "path: orders.csv", with: "path: /dev/zero"))
        let r = try runReview()
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: /dev/zero: is not a regular file (a device, pipe or socket); point the source at a CSV file"])
    }

    func testAnOutputPathThroughAFileIsAPlainSentence() throws {
        try write("kpireview.yml", baseConfig)
        try write("blocker", "x")
        let r = try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "blocker/out", "--format", "json"], cwd: dir)
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: blocker/out: cannot create the output folder: a part of the path is a file, not a folder"])
        let r2 = try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "blocker", "--format", "json"], cwd: dir)
        assertExit(r2, 1)
        XCTAssertEqual(r2.stderrLines, ["kpireview: error: blocker: cannot create the output folder: a file of that name is in the way"])
    }

    // MARK: item 6: many KPIs

    func testTooManyKPIsForTheWorkbookIsAConfigErrorBeforeAnyInputIsRead() throws {
        let lines = (1...10).map { "  - { id: l\($0), name: Line \($0) }" }.joined(separator: "\n")
        let kpis = (0..<5000).map { "  - { id: f\($0), name: F \($0), formula: \"bookings + \($0)\" }" }.joined(separator: "\n")
        let config = baseConfig.replacingOccurrences(of: "output:", with: kpis + "\nproduct_lines:\n" + lines + "\noutput:")
        try write("kpireview.yml", config)
        // No orders.csv at all: the error must come before any input is opened.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("orders.csv"))
        let r = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "xlsx")
        assertExit(r, 2)
        // 33 fields a result on the Data sheet (SPEC 7.3 order), plus the header row.
        let rows = 5002 * 11 * 33 + 1
        XCTAssertEqual(r.stderrLines.first, "kpireview: error: kpireview.yml: 5002 KPIs at 11 levels need \(rows) rows on the workbook's Data sheet, more than a sheet's 1048576; use fewer KPIs or product lines, or leave xlsx out of output.formats")
        // Without the workbook the same config gets as far as its input.
        let json = try kpireview("run", "--as-of", "2026-11-15", "--out", "out", "--format", "json")
        assertExit(json, 1)
        XCTAssertTrue(json.stderr.contains("orders.csv: file not found"), json.stderr)
    }

    // MARK: a date far in the past (found by the CSV fuzzer)

    func testARowDatedYear26CostsNoMemoryAndChangesNoResult() throws {
        try write("kpireview.yml", baseConfig)
        assertExit(try runReview(), 0)
        let before = try json(w46JSON)
        // A typo'd year: accepted and counted, its first date reported, but no window reaches it,
        // so no series is stretched over two thousand years.
        try write("orders.csv", goodOrders + "0026-11-10,cloud,5,ok\n")
        let r = try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "out2", "--format", "md,json"], cwd: dir)
        assertExit(r, 0)
        let after = try json("out2/weekly/2026-W46/e2e-weekly-2026-W46.json")
        // The period's own values are those without the row; last year, now inside the data's range
        // (it starts in year 26), is 0 instead of "no data yet" (SPEC 6.1).
        let actuals = { (doc: [String: Any]) in (doc["results"] as? [[String: Any]] ?? []).map { "\($0["kpi"]!) \($0["key"]!) \($0["actual"]!)" } }
        XCTAssertEqual(actuals(after), actuals(before))
        XCTAssertEqual(try result("out2/weekly/2026-W46/e2e-weekly-2026-W46.json", kpi: "bookings", key: "ALL")["yoy"] as? Int, 0)
        XCTAssertTrue(try result(w46JSON, kpi: "bookings", key: "ALL")["yoy"] is NSNull)
        let q = try sourceQuality("out2/weekly/2026-W46/e2e-weekly-2026-W46.json")
        XCTAssertEqual(q["rows_accepted"] as? Int, 7)
        XCTAssertEqual(q["first_date"] as? String, "0026-11-10")
    }
}

