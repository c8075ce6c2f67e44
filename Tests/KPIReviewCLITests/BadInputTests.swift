import Foundation
import XCTest

/// Every file of `fixtures/bad/` run as the `orders` source as of 2026-11-15 (SPEC 4.1, 4.4): the exit
/// code, the message, the rejects file byte for byte and the reconciled counts. Each fixture starts
/// with a good row on 2026-11-02 (so 2026-W46 lies inside the data) and most end with a good row on
/// 2026-11-14 (so the source is not stale).
final class BadInputTests: KPIReviewTestCase {
    override func setUpWithError() throws {
        try super.setUpWithError()
        // Generous, so that bad rows are written and reported rather than fatal.
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "max_reject_ratio: 0.5", with: "max_reject_ratio: 0.9"))
    }

    /// Runs the fixture as `orders.csv`.
    func runFixture(_ name: String, _ extra: String...) throws -> CommandResult {
        try write("orders.csv", try badFixture(name))
        return try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "out", "--format", "json"] + extra, cwd: dir)
    }

    /// Asserts the rejects file exactly, in `OUT/rejects/` and in the period folder.
    func assertRejects(_ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let header = "line,column,reason,raw\n"
        XCTAssertEqual(try readText("out/rejects/orders.csv"), header + expected, file: file, line: line)
        XCTAssertEqual(try read(w46 + "rejects/orders.csv"), try read("out/rejects/orders.csv"), file: file, line: line)
    }

    /// Asserts the JSON counts and that they reconcile.
    func assertCounts(read: Int, accepted: Int, rejected: Int, afterAsOf: Int, blank: Int,
                      file: StaticString = #filePath, line: UInt = #line) throws {
        let q = try sourceQuality(w46JSON)
        XCTAssertEqual(q["rows_read"] as? Int, read, "rows_read", file: file, line: line)
        XCTAssertEqual(q["rows_accepted"] as? Int, accepted, "rows_accepted", file: file, line: line)
        XCTAssertEqual(q["rows_rejected"] as? Int, rejected, "rows_rejected", file: file, line: line)
        XCTAssertEqual(q["rows_after_as_of"] as? Int, afterAsOf, "rows_after_as_of", file: file, line: line)
        XCTAssertEqual(q["rows_blank"] as? Int, blank, "rows_blank", file: file, line: line)
        XCTAssertEqual(read, accepted + rejected + afterAsOf + blank, "the test's own counts reconcile", file: file, line: line)
        let m = try json(w46 + "manifest.json")
        let input = (m["inputs"] as? [[String: Any]])?.first
        XCTAssertEqual(input?["rows_read"] as? Int, read, "manifest rows_read", file: file, line: line)
        XCTAssertEqual(input?["rows_rejected"] as? Int, rejected, "manifest rows_rejected", file: file, line: line)
    }

    func bookings(_ key: String) throws -> Double? { try result(w46JSON, kpi: "bookings", key: key)["actual"] as? Double }
    func orders(_ key: String) throws -> Int? { try result(w46JSON, kpi: "orders", key: key)["actual"] as? Int }


    // MARK: encodings and line endings

    /// A Latin-1 product line (`Caf\xE9`) is not valid UTF-8: the row is rejected, and `raw` in the
    /// rejects file keeps the original byte so the row can be fixed and replayed.
    func testInvalidUTF8ProductLineIsRejectedWithItsBytesKept() throws {
        var bytes = Array("order_date,product_line,amount,status\n2026-11-02,cloud,1.00,ok\n2026-11-10,Caf".utf8)
        bytes += [0xE9]
        bytes += Array(",2.50,ok\n2026-11-14,cloud,3.00,ok\n".utf8)
        try write("orders.csv", Data(bytes))
        let r = try runKPIReview(["run", "--as-of", "2026-11-15", "--out", "out", "--format", "json"], cwd: dir)
        assertExit(r, 3)
        try assertCounts(read: 3, accepted: 2, rejected: 1, afterAsOf: 0, blank: 0)
        var expected = Array("line,column,reason,raw\n3,product_line,product line is not valid UTF-8 (Caf\u{FFFD}),\"2026-11-10,Caf".utf8)
        expected += [0xE9]
        expected += Array(",2.50,ok\"\n".utf8)
        XCTAssertEqual(Array(try read("out/rejects/orders.csv")), expected)
        XCTAssertEqual(try bookings("ALL"), 3.0)
    }

    func testUTF8ByteOrderMarkIsSkipped() throws {
        let r = try runFixture("bom-utf8.csv")
        assertExit(r, 0)
        XCTAssertEqual(r.stderr, "")
        try assertCounts(read: 3, accepted: 3, rejected: 0, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("ALL"), 15.5)
        XCTAssertFalse(exists("out/rejects"))
    }

    func testASecondByteOrderMarkIsPartOfTheFirstHeaderName() throws {
        let r = try runFixture("bom-doubled.csv")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: orders.csv:1: source 'orders' lacks column(s) 'order_date' (columns found: \u{FEFF}order_date, product_line, amount, status)",
        ])
        assertNothingWritten()
    }

    func testUTF16LittleEndianIsAnInputErrorSayingSo() throws {
        let r = try runFixture("bom-utf16le.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv: is UTF-16 encoded; save it as UTF-8 (in Excel: CSV UTF-8)"])
        assertNothingWritten()
    }

    func testUTF16BigEndianIsAnInputErrorSayingSo() throws {
        let r = try runFixture("bom-utf16be.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv: is UTF-16 encoded; save it as UTF-8 (in Excel: CSV UTF-8)"])
        assertNothingWritten()
    }

    func testCRLFMixedWithLF() throws {
        let r = try runFixture("crlf-mixed-lf.csv")
        assertExit(r, 3)
        // One line per source: the count, the rejects file and the first reason at file:line:column (SPEC 8).
        XCTAssertEqual(r.stderrLines, ["kpireview: warning: 1 row of source 'orders' rejected, listed in out/rejects/orders.csv; the first: orders.csv:5:3: not a number (needed by KPI 'bookings') (x)"])
        try assertRejects("5,amount,not a number (needed by KPI 'bookings') (x),\"2026-11-13,cloud,x,ok\"\n")
        try assertCounts(read: 5, accepted: 4, rejected: 1, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("cloud"), 30)
        XCTAssertEqual(try bookings("data"), 5.5, "the CR of a CRLF line is not part of its last field")
    }

    func testARejectedMultiLineRecordKeepsItsCRLF() throws {
        let r = try runFixture("crlf-multiline-quoted.csv")
        assertExit(r, 3)
        try assertRejects("3,amount,\"not a number (needed by KPI 'bookings') (12\r\n34)\",\"2026-11-13,cloud,\"\"12\r\n34\"\",ok\"\n")
        try assertCounts(read: 3, accepted: 2, rejected: 1, afterAsOf: 0, blank: 0)
    }

    func testNULBytesAreKeptInTheRawText() throws {
        let r = try runFixture("nul-bytes.csv")
        assertExit(r, 3)
        // `5\0` is not a number; `o\0k` is not 'ok', so no KPI selects that row and it is accepted.
        try assertRejects("3,amount,not a number (needed by KPI 'bookings') (5\u{0}),\"2026-11-13,cloud,5\u{0},ok\"\n")
        try assertCounts(read: 4, accepted: 3, rejected: 1, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try orders("cloud"), 0)
    }

    // MARK: headers and empty files

    func testHeaderOnlyIsValidWithZeroRows() throws {
        for name in ["header-only.csv", "header-only-no-newline.csv"] {
            let r = try runFixture(name)
            // Valid, but a source without a single row is stale: written with a warning.
            assertExit(r, 3)
            XCTAssertEqual(r.stderrLines, ["kpireview: warning: source 'orders' is stale; see the reports' data quality"], name)
            try assertCounts(read: 0, accepted: 0, rejected: 0, afterAsOf: 0, blank: 0)
            XCTAssertEqual(try sourceQuality(w46JSON)["stale"] as? Bool, true)
            XCTAssertTrue(try sourceQuality(w46JSON)["last_date"] is NSNull)
            XCTAssertFalse(exists("out/rejects"))
        }
    }

    func testAnEmptyFileHasNoHeader() throws {
        let r = try runFixture("empty.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv: has no header row"])
        assertNothingWritten()
    }

    func testBlankLinesOnlyHaveNoHeader() throws {
        let r = try runFixture("blank-lines-only.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, ["kpireview: error: orders.csv: has no header row"])
        assertNothingWritten()
    }

    func testADuplicatedHeaderAKPIUsesIsAConfigError() throws {
        let r = try runFixture("duplicated-headers.csv")
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: orders.csv:1: source 'orders': 'amount' is the name of columns 3 and 4 (columns found: order_date, product_line, amount, amount, status)",
        ])
        assertNothingWritten()
    }

    func testADuplicatedHeaderNothingUsesIsFine() throws {
        let r = try runFixture("duplicated-headers-unused.csv")
        assertExit(r, 0)
        try assertCounts(read: 3, accepted: 3, rejected: 0, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("ALL"), 15.5)
    }

    // MARK: rows

    func testWrongColumnCountsAreRejectedUnlessAfterAsOf() throws {
        let r = try runFixture("wrong-column-count.csv")
        assertExit(r, 3)
        try assertRejects("""
            4,5,"expected 4 fields, found 5","2026-11-13,cloud,1,ok,extra"
            5,status,"expected 4 fields, found 3","2026-11-13,cloud,2"

            """)
        try assertCounts(read: 6, accepted: 3, rejected: 2, afterAsOf: 1, blank: 0)
        XCTAssertEqual(try bookings("cloud"), 10)
    }

    func testBadDatesAreRejectedAndTimesAreIgnored() throws {
        let r = try runFixture("bad-dates.csv")
        assertExit(r, 3)
        try assertRejects("""
            3,order_date,date does not parse (2026-13-01),"2026-13-01,cloud,1,ok"
            4,order_date,date does not parse (2026-02-30),"2026-02-30,cloud,2,ok"
            5,order_date,date does not parse (12/11/2026),"12/11/2026,cloud,3,ok"
            6,order_date,date does not parse,",cloud,4,ok"
            7,order_date,date does not parse (2026-11-1),"2026-11-1,cloud,5,ok"

            """)
        try assertCounts(read: 9, accepted: 4, rejected: 5, afterAsOf: 0, blank: 0)
        // 2026-11-13T08:30:00+02:00 and 2026-11-13 23:59 are both dated the 13th, as written.
        XCTAssertEqual(try bookings("cloud"), 30)
    }

    func testBadNumbersASelectingKPINeedsAreRejectedAndUnselectedNAIsFine() throws {
        let r = try runFixture("bad-numbers.csv")
        assertExit(r, 3)
        try assertRejects("""
            3,amount,not a number (needed by KPI 'bookings') (abc),"2026-11-13,cloud,abc,ok"
            4,amount,"not a number (needed by KPI 'bookings') (1,23)","2026-11-13,cloud,""1,23"",ok"
            5,amount,not a number (needed by KPI 'bookings') (12.3.4),"2026-11-13,cloud,12.3.4,ok"

            """)
        try assertCounts(read: 10, accepted: 7, rejected: 3, afterAsOf: 0, blank: 0)
        // $1,234.50 + (10.00) + 1.2E+03; the empty amount is null (adds nothing), the N/A row is cancelled.
        XCTAssertEqual(try bookings("cloud"), 2424.5)
        // `orders` has no value: the empty-amount row still counts.
        XCTAssertEqual(try orders("cloud"), 4)
        let warnings = (try json(w46JSON)["data_quality"] as? [String: Any])?["warnings"] as? [String] ?? []
        XCTAssertEqual(Array(warnings.prefix(4)), [
            "source 'orders': 3 of 10 rows rejected, listed in rejects/orders.csv",
            "orders.csv:3:3: not a number (needed by KPI 'bookings') (abc)",
            "orders.csv:4:3: not a number (needed by KPI 'bookings') (1,23)",
            "orders.csv:5:3: not a number (needed by KPI 'bookings') (12.3.4)",
        ], "the reports show the counts and the first reasons")
    }

    func testAnEmptyProductLineIsRejected() throws {
        let r = try runFixture("empty-product-line.csv")
        assertExit(r, 3)
        try assertRejects("""
            3,product_line,product line is empty,"2026-11-13,,10,ok"
            4,product_line,product line is empty,"2026-11-13,   ,20,ok"

            """)
        try assertCounts(read: 4, accepted: 2, rejected: 2, afterAsOf: 0, blank: 0)
    }

    func testUnknownProductLineUnderRejectIsRejected() throws {
        try write("kpireview.yml", baseConfig + """
            product_lines:
              - { id: cloud, name: Cloud }
              - { id: data, name: Data }
            unknown_product_line: reject

            """)
        let r = try runFixture("unknown-product-line.csv")
        assertExit(r, 3)
        try assertRejects("""
            4,product_line,unknown product line (mobile),"2026-11-13,mobile,7,ok"
            5,product_line,unknown product line (mobile),"2026-11-13,mobile,8,ok"

            """)
        try assertCounts(read: 5, accepted: 3, rejected: 2, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("ALL"), 15.5)
    }

    func testUnknownProductLineUnderOtherIsCountedWithAWarning() throws {
        try write("kpireview.yml", baseConfig + """
            product_lines:
              - { id: cloud, name: Cloud }
              - { id: data, name: Data }

            """)
        let r = try runFixture("unknown-product-line.csv")
        assertExit(r, 0)
        try assertCounts(read: 5, accepted: 5, rejected: 0, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("other"), 15)
        XCTAssertEqual(try bookings("ALL"), 30.5)
        let warnings = (try json(w46JSON)["data_quality"] as? [String: Any])?["warnings"] as? [String] ?? []
        XCTAssertTrue(warnings.contains("source 'orders': unknown product line 'mobile' (2 rows) counted under 'other'"), "\(warnings)")
    }

    func testAStrayQuoteRejectsItsRecordAndTheNextLineParses() throws {
        let r = try runFixture("stray-quote.csv")
        assertExit(r, 3)
        try assertRejects("""
            4,2,malformed CSV record (stray or unbalanced quote),"2026-11-13,cl""oud,3,ok"
            6,2,malformed CSV record (stray or unbalanced quote),"2026-11-13,""cloud""x,4,ok"

            """)
        try assertCounts(read: 6, accepted: 4, rejected: 2, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("cloud"), 30, "the rows right after each malformed one count")
    }

    func testAQuoteOpenAtEndOfFileIsAFileErrorNamingItsLine() throws {
        let r = try runFixture("open-quote-eof.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: orders.csv:4: a quoted field opened on this line is never closed; it would swallow the rest of the file",
        ])
        assertNothingWritten()
    }

    func testBlankRowsAreCountedNotRejected() throws {
        let r = try runFixture("blank-rows.csv")
        assertExit(r, 0)
        XCTAssertEqual(r.stderr, "")
        try assertCounts(read: 8, accepted: 3, rejected: 0, afterAsOf: 0, blank: 5)
        XCTAssertFalse(exists("out/rejects"))
    }

    func testRowsAfterAsOfAreCountedAndNotChecked() throws {
        let r = try runFixture("after-as-of.csv")
        assertExit(r, 3)
        // Only the row whose date does not parse is rejected: it cannot be known to be after as-of.
        try assertRejects("7,order_date,date does not parse (2099-13-01),\"2099-13-01,cloud,3,ok\"\n")
        try assertCounts(read: 7, accepted: 3, rejected: 1, afterAsOf: 3, blank: 0)
    }

    func testQuotedFieldsAndPhysicalLineNumbersAfterAMultiLineRecord() throws {
        let r = try runFixture("quoted-fields.csv")
        assertExit(r, 3)
        // The record on lines 4-5 holds a newline: the bad row after it is on physical line 6.
        try assertRejects("6,amount,not a number (needed by KPI 'bookings') (bad),\"2026-11-13,cloud,bad,ok,after the multi-line record\"\n")
        try assertCounts(read: 5, accepted: 4, rejected: 1, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("cloud"), 1000.25)
        XCTAssertEqual(try bookings("data"), 7.5)
    }

    func testTheLastRowWithoutALineTerminatorCounts() throws {
        let r = try runFixture("no-final-newline.csv")
        assertExit(r, 0)
        try assertCounts(read: 3, accepted: 3, rejected: 0, afterAsOf: 0, blank: 0)
        XCTAssertEqual(try bookings("data"), 5.5)
    }

    func testABadLastRowWithoutALineTerminatorIsRejected() throws {
        let r = try runFixture("no-final-newline-bad.csv")
        assertExit(r, 3)
        try assertRejects("5,amount,not a number (needed by KPI 'bookings') (x),\"2026-11-14,data,x,ok\"\n")
        try assertCounts(read: 4, accepted: 3, rejected: 1, afterAsOf: 0, blank: 0)
    }

    /// Generated rather than committed: 1 MB fields, one unselected (accepted) and one a KPI needs.
    func testAOneMegabyteFieldIsReadWholeAndQuotedShort() throws {
        let long = String(repeating: "9", count: 1 << 20)
        let text = "order_date,product_line,amount,status\n2026-11-02,cloud,1,ok\n"
            + "2026-11-13,cloud,10,\"\(String(repeating: "a", count: 1 << 20))\"\n"
            + "2026-11-13,cloud,\(long),ok\n2026-11-14,data,5.50,ok\n"
        try write("orders.csv", text)
        let r = try runReview("--format", "json")
        assertExit(r, 3)
        try assertCounts(read: 4, accepted: 3, rejected: 1, afterAsOf: 0, blank: 0)
        // A well-formed number too large for exact arithmetic is out of range, not "not a number" (issue 15 item 8).
        let reason = "number out of range (needed by KPI 'bookings') (\(String(repeating: "9", count: 80))… (1048576 bytes))"
        try assertRejects("4,amount,\(reason),\"2026-11-13,cloud,\(long),ok\"\n")
        XCTAssertEqual(try bookings("cloud"), 0)
    }

    // MARK: --strict and max_reject_ratio

    func testStrictWritesNothingAndPrintsFileLineColumn() throws {
        let r = try runFixture("bad-numbers.csv", "--strict")
        assertExit(r, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: orders.csv:3:3: not a number (needed by KPI 'bookings') (abc)",
            "kpireview: error: orders.csv:4:3: not a number (needed by KPI 'bookings') (1,23)",
            "kpireview: error: orders.csv:5:3: not a number (needed by KPI 'bookings') (12.3.4)",
            "kpireview: error: nothing written (--strict)",
        ])
        assertNothingWritten()
    }

    func testStrictWithCleanInputSucceeds() throws {
        let r = try runFixture("bom-utf8.csv", "--strict")
        assertExit(r, 0)
    }

    func testAboveMaxRejectRatioWritesNothing() throws {
        // 3 of 10 checked rows rejected: 30% > 25%.
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "max_reject_ratio: 0.5", with: "max_reject_ratio: 0.25"))
        let r = try runFixture("bad-numbers.csv")
        assertExit(r, 1)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: orders.csv:3:3: not a number (needed by KPI 'bookings') (abc)",
            "kpireview: error: orders.csv:4:3: not a number (needed by KPI 'bookings') (1,23)",
            "kpireview: error: orders.csv:5:3: not a number (needed by KPI 'bookings') (12.3.4)",
            "kpireview: error: orders.csv: 3 of 10 rows rejected (30%), above max_reject_ratio 25%",
            "kpireview: error: nothing written",
        ])
        assertNothingWritten()
    }

    func testTheRatioIgnoresBlankAndAfterAsOfRows() throws {
        // 1 rejected of 3 checked (the 5 blank rows and 1 after as-of do not count): 33% ≤ 34%.
        try write("kpireview.yml", baseConfig.replacingOccurrences(of: "max_reject_ratio: 0.5", with: "max_reject_ratio: 0.34"))
        try write("orders.csv", "order_date,product_line,amount,status\n2026-11-02,cloud,1,ok\n,,,,\n,,,,\n,,,,\n,,,,\n,,,,\n2026-11-13,cloud,x,ok\n2026-11-16,cloud,y,ok\n2026-11-14,data,5.50,ok\n")
        let r = try runReview("--format", "json")
        assertExit(r, 3)
        try assertCounts(read: 9, accepted: 2, rejected: 1, afterAsOf: 1, blank: 5)
    }
}
