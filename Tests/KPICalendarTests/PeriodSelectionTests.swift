import XCTest
@testable import KPICalendar

final class PeriodSelectionTests: XCTestCase {
    func testCurrentIsThePeriodContainingAsOf() throws {
        assertPeriod(try iso.resolve(period: "current", grain: .week, asOf: d("2026-11-16")), "2026-W47", "2026-11-16", "2026-11-22")
        assertPeriod(try iso.resolve(period: "current", grain: .month, asOf: d("2026-11-16")), "2026-11", "2026-11-01", "2026-11-30")
        assertPeriod(try fiscalJuly.resolve(period: "current", grain: .quarter, asOf: d("2026-11-16")),
                     "FY2027-Q2", "2026-10-01", "2026-12-31")
    }

    func testADateMeansThePeriodOfTheCadenceContainingIt() throws {
        assertPeriod(try iso.resolve(period: "2026-11-12", grain: .week, asOf: d("2026-11-16")), "2026-W46", "2026-11-09", "2026-11-15")
        assertPeriod(try sundayWeeks.resolve(period: "2026-11-12", grain: .week, asOf: d("2026-11-16")),
                     "WE-2026-11-14", "2026-11-08", "2026-11-14")
        assertPeriod(try iso.resolve(period: "2026-11-12", grain: .month, asOf: d("2026-11-16")), "2026-11", "2026-11-01", "2026-11-30")
        assertPeriod(try fiscalJuly.resolve(period: "2026-08-31", grain: .quarter, asOf: d("2026-11-16")),
                     "FY2027-Q1", "2026-07-01", "2026-09-30")
    }

    func testAnIdOfTheCadencesGrain() throws {
        assertPeriod(try iso.resolve(period: "2026-W45", grain: .week, asOf: d("2026-11-16")), "2026-W45", "2026-11-02", "2026-11-08")
        assertPeriod(try iso.resolve(period: "2026-10", grain: .month, asOf: d("2026-11-16")), "2026-10", "2026-10-01", "2026-10-31")
        assertPeriod(try fiscalJuly.resolve(period: "FY2027-Q2", grain: .quarter, asOf: d("2026-11-16")),
                     "FY2027-Q2", "2026-10-01", "2026-12-31")
    }

    func testAnIdOfAnotherGrainIsAUsageError() {
        let e = selectionError(iso, "2026-11", .week, asOf: "2026-11-16")
        XCTAssertEqual(e?.message.contains("is a month"), true, "\(String(describing: e))")
        XCTAssertEqual(e?.message.contains("weekly"), true)
        // 2026-11-01 is a Sunday, the last day of 2026-W44.
        XCTAssertEqual(e?.hint?.contains("2026-W44"), true, "\(String(describing: e))")
        XCTAssertEqual(selectionError(iso, "2026-W46", .month, asOf: "2026-11-16")?.hint?.contains("2026-11"), true)
        XCTAssertEqual(selectionError(fiscalJuly, "2026-11", .quarter, asOf: "2026-11-16")?.hint?.contains("FY2027-Q2"), true)
    }

    func testABadIdKeepsItsHint() {
        let e = selectionError(fiscalJuly, "2026-Q4", .quarter, asOf: "2026-11-16")
        XCTAssertEqual(e?.hint?.contains("did you mean FY2027-Q2?"), true, "\(String(describing: e))")
        XCTAssertNotNil(selectionError(iso, "bogus", .week, asOf: "2026-11-16"))
    }

    func testAPeriodStartingAfterAsOfIsAUsageError() throws {
        let e = selectionError(iso, "2026-W48", .week, asOf: "2026-11-16")
        XCTAssertEqual(e?.message.contains("after as-of 2026-11-16"), true, "\(String(describing: e))")
        XCTAssertEqual(e?.hint?.contains("2026-W46"), true, "\(String(describing: e))")
        XCTAssertNotNil(selectionError(iso, "2026-11-23", .week, asOf: "2026-11-16"))
        XCTAssertNotNil(selectionError(iso, "2026-12", .month, asOf: "2026-11-30"))
        // Starting on as-of is fine: one day of data.
        assertPeriod(try iso.resolve(period: "2026-12", grain: .month, asOf: d("2026-12-01")), "2026-12", "2026-12-01", "2026-12-31")
    }
}
