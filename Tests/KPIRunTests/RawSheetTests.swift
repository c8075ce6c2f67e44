import Foundation
import XCTest
@testable import KPIRun
import KPIDemo
import KPIModel
import KPICalendar

/// `output.raw_sheet`: the first source's rows in the workbook, refused above `raw_sheet_max_rows`.
final class RawSheetTests: XCTestCase {
    func makeCompany(limit: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-raw-\(getpid())-\(limit)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
        sources:
          orders: { path: orders.csv, date: date, product_line: line }
        kpis:
          - { id: revenue, source: orders, agg: sum, value: amount, unit: currency }
        output:
          raw_sheet: true
          raw_sheet_max_rows: \(limit)
        """.write(to: dir.appendingPathComponent("kpireview.yml"), atomically: true, encoding: .utf8)
        try "date,line,amount\n2026-11-09,a,10.50\n2026-11-10,b,\"1,000\"\n2026-11-15,a,2\n".write(to: dir.appendingPathComponent("orders.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    func request(_ dir: URL) -> RunRequest {
        var req = RunRequest()
        req.configPath = dir.appendingPathComponent("kpireview.yml").path
        req.asOf = Day.parse("2026-11-15")
        req.out = dir.appendingPathComponent("out").path
        return req
    }

    func testRawSheetHoldsTheRowsAsRead() throws {
        let dir = try makeCompany(limit: 10)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = ReviewRun.execute(request(dir))
        XCTAssertEqual(outcome.exitCode, 0, outcome.stderr.joined())  // fresh data, no rejects
        let xlsx = dir.appendingPathComponent("out/weekly/2026-W46/kpi-review-weekly-2026-W46.xlsx").path
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", xlsx, "xl/workbook.xml", "xl/sharedStrings.xml"]
        let pipe = Pipe(); p.standardOutput = pipe
        try p.run(); let data = pipe.fileHandleForReading.readDataToEndOfFile(); p.waitUntilExit()
        let xml = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(xml.contains("name=\"Raw orders\""), "the workbook has a 'Raw orders' sheet")
        XCTAssertTrue(xml.contains("1,000"), "cells keep the text as written")
    }

    func testRawSheetRefusedAboveTheLimit() throws {
        let dir = try makeCompany(limit: 2)
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcome = ReviewRun.execute(request(dir))
        XCTAssertEqual(outcome.exitCode, 2)
        XCTAssertTrue(outcome.stderr.joined().contains("3 rows, more than raw_sheet_max_rows (2)"), outcome.stderr.joined())
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out/weekly").path), "nothing written")
    }
}
