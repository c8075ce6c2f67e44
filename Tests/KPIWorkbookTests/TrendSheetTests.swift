import XCTest
@testable import KPIWorkbook

/// Trend sheets: sheet2 = Revenue (3 weeks + 2 months), sheet3 = Gross margin (2 weeks); table header on row 4.
final class TrendSheetTests: XCTestCase {
    func testHistoryTableHoldsTheTotalsHistory() throws {
        let file = try XLSXFile.write(Fixture.report())
        let revenue = try file.sheet(2)
        XCTAssertEqual(revenue["A4"]?.text, "Grain")
        XCTAssertEqual(revenue["G4"]?.text, "Target")
        XCTAssertEqual(revenue["A5"]?.text, "Week")
        XCTAssertEqual(revenue["B5"]?.text, "2026-W44")
        // 2026-10-26 is Excel day 46321 (days since 1899-12-30), shown as yyyy-mm-dd.
        XCTAssertEqual(revenue["C5"]?.number, 46_321)
        XCTAssertEqual(try file.style(try XCTUnwrap(revenue["C5"]?.style)).numFormat, "yyyy-mm-dd")
        XCTAssertEqual(revenue["E5"]?.number, 100_000)
        XCTAssertEqual(revenue["F5"]?.number, 90_000)
        XCTAssertEqual(revenue["G5"]?.number, 105_000)
        XCTAssertNil(revenue["G6"]?.raw, "W45 has no target: empty")
        XCTAssertEqual(revenue["A8"]?.text, "Month")
        XCTAssertEqual(revenue["B9"]?.text, "2026-10")
        XCTAssertNil(revenue["F9"]?.raw, "2025-10 has no value: empty")
        XCTAssertNil(revenue["A10"], "five points, no more")
    }

    func testOneChartPerGrainBlock() throws {
        let file = try XLSXFile.write(Fixture.report())
        let charts = try file.members().filter { $0.hasPrefix("xl/charts/chart") && $0.hasSuffix(".xml") }
        XCTAssertEqual(charts.count, 3, "revenue: weeks and months; gross margin: weeks")
        let drawings = try file.members().filter { $0.hasPrefix("xl/drawings/drawing") && $0.hasSuffix(".xml") }
        XCTAssertEqual(drawings.count, 2, "one drawing per trend sheet")
    }

    func testWeeklyChartSeries() throws {
        let file = try XLSXFile.write(Fixture.report())
        let chart = try file.part("xl/charts/chart1.xml")
        XCTAssertTrue(chart.contains("<c:lineChart>"))
        XCTAssertTrue(chart.contains("<a:t>Revenue by week</a:t>"))
        XCTAssertTrue(chart.contains("<c:f>Revenue!$B$5:$B$7</c:f>"), "categories: the weeks' ids")
        XCTAssertTrue(chart.contains("<c:f>Revenue!$E$5:$E$7</c:f>"), "this year")
        XCTAssertTrue(chart.contains("<c:f>Revenue!$F$5:$F$7</c:f>"), "last year")
        XCTAssertTrue(chart.contains("<c:f>Revenue!$G$5:$G$7</c:f>"), "target")
        XCTAssertEqual(matches(#"<a:prstDash val="dash"/>"#, in: chart).count, 1, "only last year is dashed")
        XCTAssertTrue(chart.contains(#"formatCode="&quot;$&quot;#,##0""#), "value axis in the unit's format")
        let monthly = try file.part("xl/charts/chart2.xml")
        XCTAssertTrue(monthly.contains("<c:f>Revenue!$B$8:$B$9</c:f>"))
    }

    func testEmptySeriesAreLeftOut() throws {
        // Gross margin has no last-year values at all: its chart has this year and target only.
        let chart = try XLSXFile.write(Fixture.report()).part("xl/charts/chart3.xml")
        XCTAssertEqual(matches("<c:ser>", in: chart).count, 2)
        XCTAssertTrue(chart.contains("<c:f>'Gross margin'!$E$5:$E$6</c:f>"))
        XCTAssertTrue(chart.contains(#"formatCode="0.0%""#))
    }
}

extension TrendSheetTests {
    /// SPEC 6.7: the history table gets an Event column when the report has events: each point's
    /// events that concern the KPI at ALL; none without events.
    func testEventColumnListsEachPointsEvents() throws {
        var report = Fixture.report()
        XCTAssertNil(try XLSXFile.write(report).sheet(2)["H4"], "no Event column without events")
        report.annotations = [
            .init(date: Fixture.day("2026-11-03"), kpi: nil, productLine: nil, text: "Price update", grain: .week, id: "2026-W45", event: 0),
            .init(date: Fixture.day("2026-11-04"), kpi: "revenue", productLine: "ALL", text: "Billing fix", grain: .week, id: "2026-W45", event: 1),
            .init(date: Fixture.day("2026-11-05"), kpi: "revenue", productLine: "cloud", text: "Cloud only", grain: .week, id: "2026-W45", event: 2),
            .init(date: Fixture.day("2026-10-07"), kpi: "gross_margin_pct", productLine: nil, text: "Other KPI", grain: .month, id: "2026-10", event: 3),
        ]
        let revenue = try XLSXFile.write(report).sheet(2)
        XCTAssertEqual(revenue["H4"]?.text, "Event")
        XCTAssertNil(revenue["H5"], "W44: none")
        XCTAssertEqual(revenue["H6"]?.text, "2026-11-03 Price update; 2026-11-04 Billing fix", "W45: the all-KPI and the ALL event, not the line's")
        XCTAssertNil(revenue["H9"], "2026-10: the other KPI's event is not here")
    }
}
