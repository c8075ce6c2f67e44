import XCTest
import KPIFields
import KPIReport
@testable import KPIRun

/// The reader of published reports (SPEC 6.6): only period.complete and each result's key and
/// actual, the number's text kept, so an exact decimal compares digit for digit.
final class PublishedJSONTests: XCTestCase {
    func scan(_ text: String) throws -> (Bool, [ResultKey: PublishedActual]) {
        try PublishedJSON.scan(Array(text.utf8))
    }

    func testKeepsTheNumbersTextAndSkipsEverythingElse() throws {
        let (complete, actuals) = try scan("""
            {"schema_version": 1, "title": "a \\"quoted\\" title {[", "period": {"id": "2026-W45", "complete": true},
             "results": [
              {"kpi": "sales", "level": "total", "key": "ALL", "actual": 123456789012345.123456, "history": [{"id": "x", "actual": 1e3}]},
              {"kpi": "sales", "level": "line", "key": "caf\\u00e9", "contribution": null, "actual": null},
              {"kpi": "ratio", "level": "group", "key": "G", "actual": 0.1234567890123}
             ], "restatements": [], "fx_rates": []}
            """)
        XCTAssertTrue(complete)
        XCTAssertEqual(actuals[ResultKey(kpi: "sales", level: .total, key: "ALL")], .number("123456789012345.123456"))
        XCTAssertEqual(actuals[ResultKey(kpi: "sales", level: .line, key: "café")], .null)
        // Beyond a Double's 16 digits, still exact: one millionth apart is a restatement.
        let was = try XCTUnwrap(actuals[ResultKey(kpi: "sales", level: .total, key: "ALL")])
        XCTAssertFalse(was.differs(from: .fixed(try XCTUnwrap(Fixed.parse("123456789012345.123456")))))
        XCTAssertTrue(was.differs(from: .fixed(try XCTUnwrap(Fixed.parse("123456789012345.123457")))))
        // A Double compares within 1e-9 relative; more than six decimals is never read as exact.
        let ratio = try XCTUnwrap(actuals[ResultKey(kpi: "ratio", level: .group, key: "G")])
        XCTAssertEqual(ratio.value(exact: true), .double(0.1234567890123))
        XCTAssertFalse(ratio.differs(from: .double(0.1234567890123 * (1 + 1e-10))))
        XCTAssertTrue(ratio.differs(from: .double(0.1234567890123 * (1 + 1e-8))))
        XCTAssertTrue(PublishedActual.null.differs(from: .fixed(.zero)))
        XCTAssertFalse(PublishedActual.null.differs(from: nil))
    }

    func testBrokenReportsAreErrorsNotCrashes() {
        for (text, why) in [("{\"period\": {\"complete\": true}, \"results\": [", "expected '{' at byte 43"),
                            ("{\"period\": {}, \"results\": []}", "no period.complete"),
                            ("{\"period\": {\"complete\": false}}", "no results"),
                            ("{\"period\": {\"complete\": true}, \"results\": [{\"kpi\": \"a\"}]}", "a result without kpi, level, key or actual"),
                            ("", "expected '{'"), ("{\"results\": [] } x", "text after the JSON value")] {
            XCTAssertThrowsError(try scan(text), text) { error in
                XCTAssertTrue("\(error)".hasPrefix(why), "\(text): \(error)")
            }
        }
    }
}
