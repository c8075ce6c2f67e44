import Foundation
import KPICalendar
import KPIConfig
import XCTest

@testable import KPIIngest

/// The raw-data sheet's rows are kept during the ingest's one pass: every record as read (rejected
/// rows and rows after as-of included, malformed records and blank lines not), the same whether the
/// file is read in one pass or in parts, and none past the limit.
final class RawRowsTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kpireview-rawrows-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    let csv = "date,line,amount\n2026-11-09,a,10.50\n\n2026-11-10,b,\"1,000\"\nnot a date,a,1\n2026-11-11,\"a\nb\",2\n2026-11-20,a,3\n"

    func importer(limit: Int?) throws -> SourceImporter {
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let yaml = """
        sources:
          orders: { path: orders.csv, date: date, product_line: line }
        kpis:
          - { id: revenue, source: orders, agg: sum, value: amount }
        """
        let config = try ConfigLoader.parse(yaml: yaml, path: dir + "/kpireview.yml")
        let source = try XCTUnwrap(config.sources.first)
        return SourceImporter(source: source, config: config, resolver: LineResolver(config: config),
                              asOf: try XCTUnwrap(Day.parse("2026-11-15")), rawRowLimit: limit)
    }

    func testEveryRecordIsKeptAsRead() throws {
        let ingest = try importer(limit: 10).run()
        let raw = try XCTUnwrap(ingest.rawRows)
        XCTAssertEqual(raw.header, ["date", "line", "amount"])
        // The blank line is no record; the rejected date, the two-line value and the row after as-of are.
        XCTAssertEqual(raw.rows, [["2026-11-09", "a", "10.50"], ["2026-11-10", "b", "1,000"], ["not a date", "a", "1"],
                                  ["2026-11-11", "a\nb", "2"], ["2026-11-20", "a", "3"]])
        XCTAssertEqual(ingest.rowsRead, 5)
        XCTAssertEqual(ingest.rowsRejected, 1)
        XCTAssertEqual(ingest.rowsAfterAsOf, 1)
    }

    func testPartsKeepTheSameRowsInFileOrder() throws {
        let imp = try importer(limit: 10)
        let whole = try XCTUnwrap(try imp.run().rawRows)
        for cut in [17, 36, 40, 60] {
            let parts = try XCTUnwrap(imp.runInTwoParts(cutAt: cut), "cut \(cut) falls between records")
            XCTAssertEqual(parts.rawRows?.header, whole.header, "cut \(cut)")
            XCTAssertEqual(parts.rawRows?.rows, whole.rows, "cut \(cut)")
        }
    }

    func testNoRowsPastTheLimitAndNoneWhenNotAsked() throws {
        XCTAssertNil(try importer(limit: 4).run().rawRows, "5 records, limit 4")
        XCTAssertEqual(try importer(limit: 5).run().rawRows?.rows.count, 5)
        XCTAssertNil(try importer(limit: nil).run().rawRows)
        XCTAssertNil(try importer(limit: 4).runInTwoParts(cutAt: 40)?.rawRows, "the limit counts across parts")
    }
}
