import XCTest
@testable import KPICalendar

/// Retail periods worked out by hand (weekday facts: 2025-01-31 is a Friday, 2026-01-31 a Saturday,
/// 2025-12-31 a Wednesday, 2026-12-31 a Thursday, 2027-12-31 a Friday).
final class RetailPeriodTests: XCTestCase {
    func testSpecDefaultsFourFourFiveWithA53WeekYear() throws {
        // Last Saturday of January 2025: the 31st is a Friday, 6 days back → 01-25, so FY2026 starts 2025-01-26.
        // Last Saturday of January 2026: the 31st itself. 2025-01-26 … 2026-01-31 = 371 days = 53 weeks, so the
        // last month has 5 + 1 weeks. Months 4-4-5: 28, 28, 35 days per quarter.
        XCTAssertEqual(retailDefault.weekStart, .sunday)
        assertPeriod(try retailDefault.period(id: "FY2026"), "FY2026", "2025-01-26", "2026-01-31")
        try assertMonths(retailDefault, "FY2026", """
        2025-01-26 2025-02-22
        2025-02-23 2025-03-22
        2025-03-23 2025-04-26
        2025-04-27 2025-05-24
        2025-05-25 2025-06-21
        2025-06-22 2025-07-26
        2025-07-27 2025-08-23
        2025-08-24 2025-09-20
        2025-09-21 2025-10-25
        2025-10-26 2025-11-22
        2025-11-23 2025-12-20
        2025-12-21 2026-01-31
        """)
        XCTAssertEqual(try retailDefault.period(id: "FY2026-M12").days, 42)
        // Q4 = 13 + 1 weeks: 2025-10-26 … 2026-01-31.
        assertPeriod(try retailDefault.period(id: "FY2026-Q4"), "FY2026-Q4", "2025-10-26", "2026-01-31")
        // Last Saturday of January 2027: the 31st is a Sunday → 01-30; FY2027 is 2026-02-01 … 2027-01-30, 52 weeks.
        assertPeriod(try retailDefault.period(id: "FY2027"), "FY2027", "2026-02-01", "2027-01-30")
        XCTAssertNotNil(retailIDError(retailDefault, "FY2027-W53"))
    }

    func testFiveFourFourPutsTheExtraWeekInItsFourWeekLastMonth() throws {
        // FY2026 as above; months 5-4-4: 35, 28, 28 days; the last month 4 + 1 weeks = 35 days.
        let cal = RetailCalendar(pattern: .fiveFourFour)
        assertPeriod(try cal.period(id: "FY2026-M01"), "FY2026-M01", "2025-01-26", "2025-03-01")
        assertPeriod(try cal.period(id: "FY2026-M02"), "FY2026-M02", "2025-03-02", "2025-03-29")
        assertPeriod(try cal.period(id: "FY2026-M11"), "FY2026-M11", "2025-11-30", "2025-12-27")
        assertPeriod(try cal.period(id: "FY2026-M12"), "FY2026-M12", "2025-12-28", "2026-01-31")
        // Quarters do not depend on the pattern.
        assertPeriod(try cal.period(id: "FY2026-Q2"), "FY2026-Q2", "2025-04-27", "2025-07-26")
    }

    func testNearestEndsUpToThreeDaysIntoTheNextMonth() throws {
        // December year ends, nearest Saturday. 2025-12-31 (Wed): 4 back (12-27) vs 3 forward → 2026-01-03.
        // 2026-12-31 (Thu): 5 back vs 2 forward → 2027-01-02. 2027-12-31 (Fri): 6 back vs 1 forward → 2028-01-01.
        let dec = RetailCalendar(pattern: .fourFourFive, yearEndMonth: 12, yearEndRule: .nearest)
        assertPeriod(try dec.period(id: "FY2026"), "FY2026", "2026-01-04", "2027-01-02")
        assertPeriod(try dec.period(id: "FY2027"), "FY2027", "2027-01-03", "2028-01-01")
        // A January day can belong to the year named after the previous December.
        assertPeriod(dec.period(.year, containing: d("2027-01-01")), "FY2026", "2026-01-04", "2027-01-02")
        assertPeriod(dec.period(.week, containing: d("2027-01-02")), "FY2026-W52", "2026-12-27", "2027-01-02")
        assertPeriod(dec.period(.week, containing: d("2026-01-03")), "FY2025-W53", "2025-12-28", "2026-01-03")
        // Under `last` the same Decembers end on 12-27 (2025) and 12-26 (2026).
        let last = RetailCalendar(pattern: .fourFourFive, yearEndMonth: 12, yearEndRule: .last)
        assertPeriod(try last.period(id: "FY2026"), "FY2026", "2025-12-28", "2026-12-26")
        // Other weekdays: a year ending on Sunday has Monday weeks.
        let sunday = RetailCalendar(yearEndMonth: 6, yearEndWeekday: .sunday, yearEndRule: .nearest)
        XCTAssertEqual(sunday.weekStart, .monday)
        // 2026-06-30 is a Tuesday: the nearest Sunday is 2 days back, 06-28.
        XCTAssertEqual(try sunday.period(id: "FY2026").end, d("2026-06-28"))
    }

    /// Structural facts over many years and every setting: each period contains its days, months and
    /// quarters tile their year, and every id parses back to its period.
    func testEveryPeriodTilesAndRoundTripsThroughItsId() throws {
        var calendars: [RetailCalendar] = [nrf, retailDefault]
        for pattern in RetailCalendar.Pattern.allCases {
            for month in [1, 2, 6, 9, 12] {
                for rule in RetailCalendar.YearEndRule.allCases {
                    calendars.append(RetailCalendar(pattern: pattern, yearEndMonth: month, yearEndWeekday: .friday,
                                                    yearEndRule: rule, fiscalYearNamedBy: month == 6 ? .start : .end))
                }
            }
        }
        for cal in calendars {
            var day = d("2019-12-20")
            var year = cal.period(.year, containing: day)
            while day < d("2031-01-10") {
                for grain in Grain.allCases {
                    let p = cal.period(grain, containing: day)
                    XCTAssertTrue(p.contains(day), "\(cal) \(p) \(day)")
                    XCTAssertEqual(try cal.period(id: p.id), p, "\(cal) \(p)")
                    XCTAssertEqual(p.start.weekday, cal.weekStart.rawValue, "\(cal) \(p)")
                }
                day = day.adding(days: 5)
            }
            for _ in 0..<10 {
                XCTAssertTrue(year.days == 364 || year.days == 371, "\(cal) \(year)")
                let months = cal.completePeriods(.month, endingFrom: year.start, through: year.end)
                XCTAssertEqual(months.count, 12, "\(cal) \(year)")
                XCTAssertEqual(months.first?.start, year.start)
                XCTAssertEqual(months.map(\.days).reduce(0, +), year.days)
                let quarters = cal.completePeriods(.quarter, endingFrom: year.start, through: year.end)
                XCTAssertEqual(quarters.map(\.days), [91, 91, 91, year.days - 273], "\(cal) \(year)")
                year = cal.next(year)
            }
        }
    }

    func testIdsOfAGregorianCalendarGetTheRetailPeriodThatHoldsMostOfThem() {
        // NRF fiscal 2026 starts 2026-02-01; fiscal months 10 and 11 are 2026-11-01 … 11-28 and 11-29 … 2027-01-02.
        let month = retailIDError(nrf, "2026-11")
        XCTAssertEqual(month?.description, "2026-11 does not fit the calendar: on this retail calendar months are named FYyyyy-Mmm; "
            + "2026-11-01..2026-11-30 falls mostly in FY2026-M10 (2026-11-01..2026-11-28): did you mean FY2026-M10?")
        XCTAssertEqual(retailIDError(nrf, "2026-12")?.hint?.hasSuffix("did you mean FY2026-M11?"), true)
        // ISO 2026-W46 is Mon 11-09 … Sun 11-15: 6 days in the Sunday week 11-08 … 11-14 (280 days after 02-01: W41).
        XCTAssertEqual(retailIDError(nrf, "2026-W46")?.hint,
                       "2026-11-09..2026-11-15 falls mostly in FY2026-W41 (2026-11-08..2026-11-14): did you mean FY2026-W41?")
        XCTAssertEqual(retailIDError(nrf, "WE-2026-11-14")?.hint,
                       "2026-11-08..2026-11-14 falls in FY2026-W41 (2026-11-08..2026-11-14): did you mean FY2026-W41?")
        // 2026-Q4 (Oct 1 … Dec 31): 31 days in FY2026-Q3 (08-02 … 10-31), 61 in Q4 (11-01 … 2027-01-30).
        XCTAssertEqual(retailIDError(nrf, "2026-Q4")?.hint?.hasSuffix("did you mean FY2026-Q4?"), true)
        // Calendar 2026: 31 days in NRF fiscal 2025, 334 in fiscal 2026; named by end, that year is FY2027.
        XCTAssertEqual(retailIDError(nrf, "2026")?.hint?.hasSuffix("did you mean FY2026?"), true)
        XCTAssertEqual(retailIDError(retailDefault, "2026")?.hint,
                       "2026-01-01..2026-12-31 falls mostly in FY2027 (2026-02-01..2027-01-30): did you mean FY2027?")
        // Forms that name nothing still say which ids this calendar uses.
        XCTAssertEqual(retailIDError(nrf, "2025-W53")?.hint,
                       "period ids look like FY2026-W41 (week), FY2026-M10 (month), FY2026-Q4 (quarter), FY2026 (year)")
        XCTAssertEqual(retailIDError(nrf, "2026-13")?.message.hasPrefix("2026-13 does not fit the calendar"), true)
    }

    func testRetailIdsThatDoNotExist() {
        XCTAssertEqual(retailIDError(nrf, "FY2025-W53")?.description,
                       "week 53 does not exist in FY2025, which has 52 weeks (FY2025-W53); "
                           + "the last week of FY2025 is FY2025-W52 (2026-01-25..2026-01-31)")
        XCTAssertEqual(retailIDError(nrf, "FY2026-M13")?.description,
                       "month 13 does not exist (FY2026-M13); fiscal months are M01 to M12, as in FY2026-M01")
        XCTAssertNotNil(retailIDError(nrf, "FY2026-M00"))
        XCTAssertEqual(retailIDError(nrf, "FY2026-Q5")?.message, "quarter 5 does not exist (FY2026-Q5)")
        XCTAssertEqual(retailIDError(nrf, "FY0000")?.message, "year 0 is out of range (FY0000)")
        for text in ["", "FY26", "FY2026-W1", "FY2026-M1", "2026-11-12", "fiscal 2026"] {
            XCTAssertEqual(retailIDError(nrf, text)?.message.hasPrefix("not a period id"), true, "'\(text)'")
        }
        XCTAssertEqual(try nrf.period(id: "fy2026-m10").id, "FY2026-M10")
    }

    func testRetailIdsOnAGregorianCalendarGetTheGregorianPeriod() {
        XCTAssertEqual(idError(iso, "FY2026-M01")?.description,
                       "retail month ids are used only on a retail calendar; months here are calendar months, named YYYY-MM "
                           + "(FY2026-M01); did you mean 2026-01, month 1 of 2026?")
        // Fiscal July: FY2027 starts 2026-07, so its third month is 2026-09.
        XCTAssertEqual(idError(fiscalJuly, "FY2027-M03")?.hint, "did you mean 2026-09, month 3 of FY2027?")
        // Week 5 of 2026 starts 4 × 7 days after 2026-01-01: 01-29, a Thursday in ISO week 5.
        XCTAssertEqual(idError(iso, "FY2026-W05")?.hint,
                       "week 5 of 2026 counted from its first day (2026-01-01) starts 2026-01-29: did you mean 2026-W05?")
        XCTAssertEqual(idError(sundayWeeks, "FY2026-W05")?.message,
                       "retail week ids are used only on a retail calendar; weeks here are named WE-YYYY-MM-DD by their last day (FY2026-W05)")
        XCTAssertEqual(idError(sundayWeeks, "FY2026-W05")?.hint?.hasSuffix("did you mean WE-2026-01-31?"), true)
        XCTAssertNil(idError(iso, "FY2026-W54")?.hint)
    }

    func testSelectionOnARetailCalendar() throws {
        let cal = CalendarRules.retail(nrf)
        let asOf = d("2026-11-16")
        assertPeriod(try cal.resolve(period: "current", grain: .month, asOf: asOf), "FY2026-M10", "2026-11-01", "2026-11-28")
        assertPeriod(try cal.resolve(period: "2026-11-12", grain: .week, asOf: asOf), "FY2026-W41", "2026-11-08", "2026-11-14")
        assertPeriod(try cal.resolve(period: "FY2026-Q3", grain: .quarter, asOf: asOf), "FY2026-Q3", "2026-08-02", "2026-10-31")
        assertPeriod(cal.latestComplete(.month, asOf: d("2026-11-27")), "FY2026-M09", "2026-10-04", "2026-10-31")
        assertPeriod(cal.latestComplete(.month, asOf: d("2026-11-28")), "FY2026-M10", "2026-11-01", "2026-11-28")
        assertPeriod(cal.latestComplete(.week, asOf: asOf), "FY2026-W41", "2026-11-08", "2026-11-14")

        let gregorian = try XCTUnwrap(selectionError(cal, "2026-11", .month, asOf: "2026-11-16"))
        XCTAssertEqual(gregorian.hint?.hasSuffix("did you mean FY2026-M10?"), true, "\(gregorian)")
        // 2026-11-01 is day 273 of fiscal 2026: week index 39, FY2026-W40.
        XCTAssertEqual(selectionError(cal, "FY2026-M10", .week, asOf: "2026-11-16")?.hint,
                       "use a week id such as FY2026-W40 (the week containing 2026-11-01), a date, or current")
        XCTAssertEqual(selectionError(cal, "FY2026-M11", .month, asOf: "2026-11-16")?.message,
                       "FY2026-M11 starts 2026-11-29, after as-of 2026-11-16 (--period FY2026-M11)")
    }

    func testBackfillAcrossTheFiscalYearEndAndThe53rdWeek() {
        let cal = CalendarRules.retail(nrf)
        // Months ending 2026-01-01 … 06-30: 01-03 (fiscal 2025's December, 11-30 … 01-03), 01-31, 02-28, 04-04,
        // 05-02, 05-30 (FY2026-M05 ends 07-04).
        XCTAssertEqual(cal.completePeriods(.month, endingFrom: d("2026-01-01"), through: d("2026-06-30")).map(\.id),
                       ["FY2025-M11", "FY2025-M12", "FY2026-M01", "FY2026-M02", "FY2026-M03", "FY2026-M04"])
        XCTAssertEqual(cal.completePeriods(.week, endingFrom: d("2024-01-21"), through: d("2024-02-10")).map(\.id),
                       ["FY2023-W52", "FY2023-W53", "FY2024-W01"])
    }
}
