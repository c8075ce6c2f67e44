import XCTest
import KPICalendar
import KPIFields
import KPIModel
import KPIReport
import KPIChartFixtures
import KPITestSupport
@testable import KPIChart

/// One SVG golden per chart feature (SPEC 10). Each was rendered in Chromium and looked at before
/// it was recorded.
final class ChartGoldenTests: XCTestCase {
    typealias F = ChartFixtures

    /// `Golden/<name>` beside this file; `KPIREVIEW_UPDATE_GOLDEN=1` records (and fails). Look at a
    /// recorded SVG as a picture first: `scripts/look-at-svg.sh OUT.png` renders them all.
    func golden(_ name: String) -> URL { TestPaths.folder(of: #filePath).appendingPathComponent("Golden/" + name) }

    func svg(_ report: ReviewReport, kpi: String, events: [ChartEvent] = []) -> String {
        SVGRenderer.render(ChartBuilder.trend(report, kpi: kpi, events: events), id: "c1") + "\n"
    }

    /// Weekly 6-12: weeks and months as two panels; last values labelled; targets as diamonds.
    func testWeeklyTwoPanels() throws {
        let out = svg(F.weeklyBookings(), kpi: "bookings")
        XCTAssertTrue(out.contains(">Last 6 weeks</text>") && out.contains(">Last 12 months</text>"))
        XCTAssertTrue(out.contains(">$1.89M</text>") && out.contains(">$8.21M</text>"), "each panel's last value labelled")
        XCTAssertEqual(out.components(separatedBy: "<polygon").count - 1, 18 + 1, "a diamond per target, one in the legend")
        assertGolden(out, matches: golden("weekly-6-12.svg"))
    }

    /// Monthly: 13 months, the same month last year on the chart.
    func testMonthlyThirteenMonths() throws {
        let months = F.months(from: 2025, 10, [(7_100_000, 6_000_000, 7_000_000)] + F.bookingsMonths)
        let out = svg(F.report(.monthly, [(F.bookings, months)]), kpi: "bookings")
        XCTAssertTrue(out.contains(">Last 13 months</text>"))
        assertGolden(out, matches: golden("monthly-13.svg"))
    }

    /// Quarterly: 8 quarters of a percent KPI, ticks in 0.1 % steps; the first target is missing.
    func testQuarterlyPercent() throws {
        let margin = F.kpi("gross_margin_pct", "Gross margin", .percent)
        let out = svg(F.report(.quarterly, [(margin, F.quarters(from: 2024, 4, F.marginQuarters))]), kpi: "gross_margin_pct")
        XCTAssertTrue(out.contains(">62.0%</text>") && out.contains(">61.5%</text>"), out)
        assertGolden(out, matches: golden("quarterly-percent.svg"))
    }

    /// A KPI with no history (a new source): an empty chart that says so, no axis.
    func testNoHistorySaysNoDataYet() throws {
        let out = svg(F.report(.weekly, [(F.bookings, [])]), kpi: "bookings")
        XCTAssertEqual(out.components(separatedBy: ">no data yet</text>").count - 1, 2, "both panels")
        XCTAssertTrue(out.contains(">Weeks</text>") && out.contains(">Months</text>"))
        XCTAssertTrue(out.contains("Weeks: no data yet. Months: no data yet."), "the description says it too")
        assertGolden(out, matches: golden("no-history.svg"))
    }

    /// History points that are all null (before the source's data): the same empty chart, with the periods labelled.
    func testAllNullSeries() throws {
        let nulls: [(Double?, Double?, Double?)] = Array(repeating: (nil, nil, nil), count: 6)
        let out = svg(F.report(.weekly, [(F.bookings, F.weeks(nulls) + F.months(from: 2025, 11, Array(repeating: (nil, nil, nil), count: 12)))]),
                      kpi: "bookings")
        XCTAssertTrue(out.contains(">no data yet</text>") && out.contains(">W46</text>"))
        assertGolden(out, matches: golden("all-null.svg"))
    }

    /// A constant series sits on an axis from zero: 0 … 5,000 → 5,000 / 4 = 1,250 → step 2,000 (the
    /// nice step at least 1,250) → 0, 2K, 4K, 6K.
    func testConstantSeries() throws {
        let flat: [(Double?, Double?, Double?)] = Array(repeating: (5000, 5000, nil), count: 6)
        let out = svg(F.report(.monthly, [(F.bookings, F.months(from: 2026, 5, flat))]), kpi: "bookings")
        for label in ["$0", "$2K", "$4K", "$6K"] { XCTAssertTrue(out.contains(">\(label)</text>"), label) }
        assertGolden(out, matches: golden("constant.svg"))
    }

    /// A loss: every value negative, labels with a real minus sign, the axis ending at the largest value.
    func testNegativeValues() throws {
        let loss: [(Double?, Double?, Double?)] = [(-12_000, -8_000, -10_000), (-15_500, -9_000, -10_000), (-9_800, -11_000, -10_000),
                                                   (-14_200, -7_500, -10_000), (-11_100, -10_200, -10_000), (-13_400, -9_900, -10_000)]
        let out = svg(F.report(.monthly, [(F.kpi("profit", "Profit", .currency), F.months(from: 2026, 5, loss))]), kpi: "profit")
        // Range −15,500 … −7,500 = 8,000; 8,000 / 4 = 2,000 → axis −16K … −6K.
        for label in ["\u{2212}$16K", "\u{2212}$6K", "\u{2212}$13.4K"] { XCTAssertTrue(out.contains(">\(label)</text>"), label) }
        assertGolden(out, matches: golden("negative.svg"))
    }

    /// Mixed signs: an axis across zero (−200 … 400), the zero grid line darker.
    func testMixedSigns() throws {
        let mixed: [(Double?, Double?, Double?)] = [(120, -50, 100), (-150, 20, 100), (320, 80, 100), (40, -120, 100), (-60, 10, 100), (210, 60, 100)]
        let out = svg(F.report(.monthly, [(F.kpi("net", "Net adds", .count), F.months(from: 2026, 5, mixed))]), kpi: "net")
        XCTAssertTrue(out.contains(">\u{2212}200</text>") && out.contains(">400</text>") && out.contains(">0</text>"))
        XCTAssertTrue(out.contains("stroke=\"\(Palette.zero.hex)\""), "zero line")
        assertGolden(out, matches: golden("mixed-sign.svg"))
    }

    /// A source that started this week: one point with values (the actual as a dot, the target's
    /// diamond, last year's dot), five weeks and twelve months before the data (null).
    func testSinglePointTargetVisible() throws {
        let weeks = F.weeks(Array(repeating: (nil, nil, nil), count: 5) + [(1_886_792, 1_515_775, 1_916_110)])
        let months = F.months(from: 2025, 11, Array(repeating: (nil, nil, nil), count: 12))
        let out = svg(F.report(.weekly, [(F.bookings, weeks + months)]), kpi: "bookings")
        XCTAssertEqual(out.components(separatedBy: "<polygon").count - 1, 2, "the target's diamond and the legend's")
        XCTAssertFalse(out.contains("<polyline"), "no line through one point")
        assertGolden(out, matches: golden("single-point.svg"))
    }

    /// Events as numbered marks at their periods, numbered once across both panels.
    func testEventMarks() throws {
        let events = [ChartEvent(date: F.day("2026-10-20"), text: "Price change"), ChartEvent(date: F.day("2026-03-03"), text: "Outage")]
        let chart = ChartBuilder.trend(F.weeklyBookings(), kpi: "bookings", events: events)
        XCTAssertEqual(chart.panels[0].events.map(\.number), [1], "2026-10-20 is in W43")
        XCTAssertEqual(chart.panels[0].events.map(\.index), [2])
        XCTAssertEqual(chart.panels[1].events.map(\.number), [1, 2], "October and March")
        XCTAssertEqual(chart.panels[1].events.map(\.index), [11, 4])
        assertGolden(SVGRenderer.render(chart, id: "c1") + "\n", matches: golden("events.svg"))
    }

    /// In progress: the period's point covers the elapsed days and is drawn hollow.
    func testInProgressPointHollow() throws {
        let chart = ChartBuilder.trend(F.weeklyBookings(complete: false), kpi: "bookings")
        XCTAssertEqual(chart.panels[0].categories.map(\.partial), [false, false, false, false, false, true])
        XCTAssertEqual(chart.panels[1].categories.filter(\.partial).count, 0, "history months are complete")
        let out = SVGRenderer.render(chart, id: "c1") + "\n"
        XCTAssertTrue(out.contains("r=\"3.25\" fill=\"#ffffff\""))
        XCTAssertTrue(chart.description.contains("2026-W46 $1.89M to date"))
        assertGolden(out, matches: golden("in-progress.svg"))
    }

    /// The small trend of a table row: the period's grain only, no text.
    func testSparkline() throws {
        let out = SVGRenderer.render(ChartBuilder.spark(F.weeklyBookings(), kpi: "bookings", level: .total, key: "ALL"),
                                     layout: .spark, id: "s1", cssClass: "spark") + "\n"
        XCTAssertFalse(out.contains("<text"))
        assertGolden(out, matches: golden("spark.svg"))
    }
}
