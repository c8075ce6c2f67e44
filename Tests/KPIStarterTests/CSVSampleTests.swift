import Foundation
import XCTest

@testable import KPIStarter

/// `init --from-csv` samples an export with the run's own reader (KPIIngest's `CSVReader`), so the
/// draft is made from the fields the run will see.
final class CSVSampleTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kpireview-sample-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ bytes: [UInt8], _ name: String) throws -> String {
        let path = dir + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func testFieldsAreTheRunsFields() throws {
        // A BOM, spaces around an unquoted field (the run trims them), a quoted delimiter and line
        // break, a CRLF line, a blank line, and two records libcsv refuses (stray quotes): left out.
        let text = "\u{FEFF}date;line;amount\n2026-11-02;  cloud  ;1,5\n2026-11-03;\"da;ta\";\"2\n0\"\r\n\n2026-11-04;cl\"oud;3\n2026-11-05;\"x\"y;4\n2026-11-06;crm;5\n"
        let sample = try CSVSampleReader.read(path: write(Array(text.utf8), "eu.csv"))
        XCTAssertEqual(sample.delimiter, ";")
        XCTAssertEqual(sample.header, ["date", "line", "amount"])
        XCTAssertEqual(sample.rows, [["2026-11-02", "cloud", "1,5"], ["2026-11-03", "da;ta", "2\n0"], ["2026-11-06", "crm", "5"]])
        XCTAssertTrue(sample.complete)
        XCTAssertEqual(sample.tailRows, [])
    }

    func testUTF16IsTheRunsError() throws {
        let path = try write([0xFF, 0xFE] + Array("d\0a\0t\0e\0\n\0".utf8), "excel.csv")
        XCTAssertThrowsError(try CSVSampleReader.read(path: path)) { error in
            XCTAssertEqual((error as? CSVSampleError)?.description, "\(path): is UTF-16 encoded; save it as UTF-8 (in Excel: CSV UTF-8)")
        }
    }

    func testEmptyAndMissingFiles() throws {
        let empty = try write(Array(" \n\r\n".utf8), "empty.csv")
        XCTAssertThrowsError(try CSVSampleReader.read(path: empty)) { error in
            XCTAssertEqual((error as? CSVSampleError)?.message, "the file is empty: it needs a header row")
        }
        XCTAssertThrowsError(try CSVSampleReader.read(path: dir + "/none.csv")) { error in
            XCTAssertEqual((error as? CSVSampleError)?.message, "file not found")
        }
    }

    func testALargeFileGivesItsHeadAndItsLastRows() throws {
        // 40,000 rows of 30 bytes: 1.2 MB, more than the 1 MB head. Row i is "2026-01-01,line,<i padded>".
        var text = "date,line,n\n"
        for i in 0..<40_000 { text += "2026-01-01,line," + String(repeating: "0", count: 13 - String(i).count) + String(i) + "\n" }
        let sample = try CSVSampleReader.read(path: write(Array(text.utf8), "big.csv"))
        XCTAssertFalse(sample.complete)
        XCTAssertEqual(sample.rows.count, CSVSampleReader.headRows)
        XCTAssertEqual(sample.rows.first, ["2026-01-01", "line", "0000000000000"])
        // The tail is the last 64 KiB less its cut first line: 65,536 / 30 = 2,184.5, so 2,184 whole rows.
        XCTAssertEqual(sample.tailRows.count, 2_184)
        XCTAssertEqual(sample.tailRows.last, ["2026-01-01", "line", "0000000039999"])
    }
}
