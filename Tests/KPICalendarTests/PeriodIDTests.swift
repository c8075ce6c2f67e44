import XCTest
@testable import KPICalendar

final class PeriodIDTests: XCTestCase {
    func testParsesEveryGrain() throws {
        assertPeriod(try iso.period(id: "2026-W46"), "2026-W46", "2026-11-09", "2026-11-15")
        assertPeriod(try iso.period(id: "2025-W01"), "2025-W01", "2024-12-30", "2025-01-05")
        assertPeriod(try iso.period(id: "2020-W53"), "2020-W53", "2020-12-28", "2021-01-03")
        assertPeriod(try iso.period(id: "2026-11"), "2026-11", "2026-11-01", "2026-11-30")
        assertPeriod(try iso.period(id: "2026-Q4"), "2026-Q4", "2026-10-01", "2026-12-31")
        assertPeriod(try iso.period(id: "2026"), "2026", "2026-01-01", "2026-12-31")
        assertPeriod(try fiscalJuly.period(id: "FY2027-Q2"), "FY2027-Q2", "2026-10-01", "2026-12-31")
        assertPeriod(try fiscalJuly.period(id: "FY2027"), "FY2027", "2026-07-01", "2027-06-30")
        assertPeriod(try sundayWeeks.period(id: "WE-2026-11-14"), "WE-2026-11-14", "2026-11-08", "2026-11-14")
        XCTAssertEqual(try iso.period(id: "2026-W46").grain, .week)
        XCTAssertEqual(try fiscalJuly.period(id: "FY2027").grain, .year)
    }

    func testLowercaseIdsGiveTheCanonicalId() throws {
        XCTAssertEqual(try iso.period(id: "2026-w46").id, "2026-W46")
        XCTAssertEqual(try fiscalJuly.period(id: "fy2027-q2").id, "FY2027-Q2")
        XCTAssertEqual(try sundayWeeks.period(id: "we-2026-11-14").id, "WE-2026-11-14")
    }

    func testEveryPeriodRoundTripsThroughItsId() throws {
        let calendars = [iso, fiscalJuly, fiscalApril, sundayWeeks, saturdayWeeks,
                         CalendarRules(weekStart: .wednesday, fiscalYearStartMonth: 10)]
        for rules in calendars {
            for offset in stride(from: 0, to: 3 * 366, by: 3) {
                for grain in Grain.allCases {
                    let p = rules.period(grain, containing: d("2024-12-01").adding(days: offset))
                    XCTAssertEqual(try rules.period(id: p.id), p, "\(rules) \(p)")
                }
            }
        }
    }

    func testWeekThatDoesNotExist() {
        let e = idError(iso, "2025-W53")
        XCTAssertEqual(e?.message.contains("52 weeks"), true, "\(String(describing: e))")
        XCTAssertEqual(e?.hint?.contains("2025-W52"), true)
        XCTAssertNotNil(idError(iso, "2026-W00"))
        XCTAssertNotNil(idError(iso, "2026-W54"))
    }

    func testISOWeekIdWhenWeeksDoNotStartMonday() {
        // ISO 2026-W46 is Mon 11-09..Sun 11-15; the week holding its Thursday (11-12) is named.
        let sunday = idError(sundayWeeks, "2026-W46")
        XCTAssertEqual(sunday?.message.contains("Monday"), true, "\(String(describing: sunday))")
        XCTAssertEqual(sunday?.hint?.contains("WE-2026-11-14"), true, "\(String(describing: sunday))")
        XCTAssertEqual(idError(saturdayWeeks, "2026-W46")?.hint?.contains("WE-2026-11-13"), true)
    }

    func testWeekEndingIdsMustNameAWeeksLastDay() {
        // Sunday-start weeks end on Saturdays: 2026-11-12 (Thu) is nearest to Sat 11-14, Mon 11-09 to Sat 11-07.
        XCTAssertEqual(idError(sundayWeeks, "WE-2026-11-12")?.hint, "did you mean WE-2026-11-14?")
        XCTAssertEqual(idError(sundayWeeks, "WE-2026-11-09")?.hint, "did you mean WE-2026-11-07?")
        XCTAssertEqual(idError(saturdayWeeks, "WE-2026-11-14")?.hint, "did you mean WE-2026-11-13?")
        XCTAssertEqual(idError(sundayWeeks, "WE-2026-02-30")?.message.contains("not a date"), true)
        // ISO calendars name the same week differently.
        XCTAssertEqual(idError(iso, "WE-2026-11-15")?.hint, "did you mean 2026-W46?")
    }

    func testCalendarQuarterIdInAFiscalCalendar() {
        let e = idError(fiscalJuly, "2026-Q4")
        XCTAssertEqual(e?.message.contains("does not fit the calendar"), true, "\(String(describing: e))")
        XCTAssertEqual(e?.hint?.contains("did you mean FY2027-Q2?"), true, "\(String(describing: e))")
        XCTAssertEqual(idError(fiscalApril, "2026-Q4")?.hint?.contains("did you mean FY2027-Q3?"), true)
        XCTAssertEqual(idError(fiscalJuly, "2026-Q1")?.hint?.contains("did you mean FY2026-Q3?"), true)
    }

    func testFiscalIdsInAJanuaryCalendar() {
        XCTAssertEqual(idError(iso, "FY2027-Q1")?.hint, "did you mean 2027-Q1?")
        XCTAssertEqual(idError(iso, "FY2027")?.hint, "did you mean 2027?")
        XCTAssertEqual(idError(iso, "FY2027")?.message.contains("does not fit the calendar"), true)
        XCTAssertEqual(idError(fiscalJuly, "2026")?.hint?.contains("did you mean FY2026"), true)
    }

    func testImpossibleMonthsQuartersAndMalformedText() {
        XCTAssertEqual(idError(iso, "2026-13")?.message.contains("month 13"), true)
        XCTAssertNotNil(idError(iso, "2026-00"))
        XCTAssertEqual(idError(iso, "2026-Q5")?.message.contains("quarter 5"), true)
        XCTAssertNotNil(idError(fiscalJuly, "FY2027-Q0"))
        for text in ["", "last week", "2026-W4", "2026-11-12", "26-11", "2026-Q", "FY27", " 2026-11", "2026-11 "] {
            XCTAssertEqual(idError(iso, text)?.message.hasPrefix("not a period id"), true, "'\(text)'")
        }
        XCTAssertEqual(idError(fiscalJuly, "nonsense")?.hint,
                       "period ids look like 2026-W46 (week), 2026-11 (month), FY2027-Q2 (quarter), FY2027 (year)")
    }
}
