@testable import KPIReport
import KPICalendar
import KPIFields
import XCTest

final class JSONBuilderTests: XCTestCase {
    private func rendered(_ v: Num?) -> String {
        let w = JSONBuilder()
        w.object { w.num("n", v) }
        return w.text
    }

    func testFixedValuesAreWrittenAsTheirExactDecimal() {
        XCTAssertEqual(rendered(.fixed(Fixed(raw: 1_234_500_000))), "{\n  \"n\": 1234.5\n}")
        XCTAssertEqual(rendered(.fixed(Fixed(raw: -1))), "{\n  \"n\": -0.000001\n}")
        XCTAssertEqual(rendered(.fixed(Fixed(raw: 12_000_000))), "{\n  \"n\": 12\n}")
        XCTAssertEqual(rendered(.fixed(Fixed(raw: 0))), "{\n  \"n\": 0\n}")
        XCTAssertEqual(rendered(.fixed(Fixed(raw: 10_050_000))), "{\n  \"n\": 10.05\n}")
        XCTAssertEqual(rendered(.double(0.25)), "{\n  \"n\": 0.25\n}")
        XCTAssertEqual(rendered(nil), "{\n  \"n\": null\n}")
    }

    /// The byte path must give `Fixed.description` for every value, including ones past Int64.
    func testFixedTextMatchesDescription() {
        let samples: [Int128] = [1, -999_999, 1_000_001, 123_456_789_012, -98_765_432_100_000,
                                 Int128(Int64.max), Int128(Int64.min), Int128(Int64.max) * 1000 + 7]
        for raw in samples {
            XCTAssertEqual(rendered(.fixed(Fixed(raw: raw))), "{\n  \"n\": \(Fixed(raw: raw).description)\n}", "\(raw)")
        }
    }

    func testDaysAreWrittenAsTheirDescription() {
        let w = JSONBuilder()
        w.object { w.day("d", Day(number: 20_772)) }
        XCTAssertEqual(w.text, "{\n  \"d\": \"2026-11-15\"\n}")
        for number: Int32 in [-719_528, -400_000, -1, 0, 59, 20_772, 2_932_896, 2_932_897, 3_000_000] {
            let b = JSONBuilder()
            b.object { b.day("d", Day(number: number)) }
            XCTAssertEqual(b.text, "{\n  \"d\": \"\(Day(number: number).description)\"\n}", "\(number)")
        }
    }

    func testStringsNeedingEscapesStillGoThroughQuote() {
        let w = JSONBuilder()
        w.object { w.string("a\"b", "line\nnext\\"); w.string("plain", "kpi") }
        XCTAssertEqual(w.text, "{\n  \"a\\\"b\": \"line\\nnext\\\\\",\n  \"plain\": \"kpi\"\n}")
    }
}
