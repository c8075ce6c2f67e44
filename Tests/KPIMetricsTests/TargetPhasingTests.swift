import KPICalendar
import KPIFields
import KPIIngest
import XCTest
@testable import KPIMetrics

/// SPEC 6.3 rule 2 exactly: per given period target × days / day count, rounded once.
final class TargetPhasingTests: XCTestCase {
    private func day(_ s: String) -> Day { Day.parse(s) ?? Day(number: 0) }
    private func fixed(_ s: String) -> Fixed { Fixed.parse(s) ?? .zero }

    private func book(_ targets: [(String, String, String, String)]) -> TargetBook {
        var table = TargetTable()
        for (id, start, end, value) in targets {
            let p = Period(grain: .month, id: id, start: day(start), end: day(end))
            table.given["sales", default: [:]]["ALL", default: []].append(GivenTarget(period: p, value: fixed(value)))
        }
        return TargetBook(table)
    }

    func testMulDivRoundsHalfAwayFromZero() {
        XCTAssertEqual(Exact.mulDiv(5, 1, 2), 3)
        XCTAssertEqual(Exact.mulDiv(-5, 1, 2), -3)
        XCTAssertEqual(Exact.mulDiv(7, 1, 3), 2)
        XCTAssertEqual(Exact.mulDiv(8, 1, -3), -3)
        XCTAssertNil(Exact.mulDiv(1, 1, 0))
        XCTAssertNil(Exact.mulDiv(Int128.max, 2, 3))
    }

    func testALargeTargetIsPhasedExactly() {
        let b = book([("2026-11", "2026-11-01", "2026-11-30", "123456789012.345678")])
        // 123456789012.345678 × 7 / 30 = 28806584102.8806582 → …658 (a Double sum gave …657).
        XCTAssertEqual(b.phased("sales", "ALL", day("2026-11-09"), day("2026-11-15")), fixed("28806584102.880658"))
        // The whole period is its target, exactly.
        XCTAssertEqual(b.phased("sales", "ALL", day("2026-11-01"), day("2026-11-30")), fixed("123456789012.345678"))
    }

    func testEachPeriodsShareIsRoundedOnceNotEachDay() {
        // 100 over 30 and over 31 days: a week across both, 100 × 1/30 = 3.3333333… → 3.333333 and
        // 100 × 6/31 = 19.3548387… → 19.354839: 22.688172. Rounded daily shares would give
        // 3.333333 + 6 × 3.225806 = 22.688169.
        let b = book([("2026-11", "2026-11-01", "2026-11-30", "100"), ("2026-12", "2026-12-01", "2026-12-31", "100")])
        XCTAssertEqual(b.phased("sales", "ALL", day("2026-11-30"), day("2026-12-06")), fixed("22.688172"))
        // A day without a given period leaves the window without a phased target.
        XCTAssertNil(b.phased("sales", "ALL", day("2026-10-31"), day("2026-11-06")))
    }

    func testPiecesAreTheRunsEachPeriodOwns() {
        // A quarter with its middle month given: the quarter owns October and December, the month November.
        var table = TargetTable()
        let q = Period(grain: .quarter, id: "2026-Q4", start: day("2026-10-01"), end: day("2026-12-31"))
        let m = Period(grain: .month, id: "2026-11", start: day("2026-11-01"), end: day("2026-11-30"))
        table.given["sales"] = ["ALL": [GivenTarget(period: m, value: fixed("3000")), GivenTarget(period: q, value: fixed("9200"))]]
        let pieces = TargetBook(table).pieces("sales", "ALL", day("2026-10-31"), day("2026-12-01"))
        XCTAssertEqual(pieces?.map(\.period), [0, 1])
        XCTAssertEqual(pieces?.map(\.days), [30, 2])
        XCTAssertEqual(pieces?[1].runs.map { "\($0.start)..\($0.end)" }, ["2026-10-31..2026-10-31", "2026-12-01..2026-12-01"])
        // 3000 + 9200 × 2/92 = 3000 + 200.
        XCTAssertEqual(TargetBook(table).phased("sales", "ALL", day("2026-10-31"), day("2026-12-01")), fixed("3200"))
    }
}
