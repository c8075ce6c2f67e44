import KPIModel
import KPIReport
import XCTest

@testable import KPIMetrics

/// SPEC 6.9's XmR chart, worked by hand.
final class XmRChartTests: XCTestCase {
    func testCentreMovingRangeAndLimits() throws {
        // 10, 12, 11, 13, 12, 14, 13, 15: x̄ = 100/8 = 12.5; |Δ| 2,1,2,1,2,1,2 = 11, mR̄ = 11/7.
        let chart = try XCTUnwrap(XmRChart([10, 12, 11, 13, 12, 14, 13, 15]))
        XCTAssertEqual(chart.center, 12.5)
        XCTAssertEqual(chart.movingRange, 11.0 / 7.0, accuracy: 1e-15)
        // 2.66 × 11/7 = 4.18; limits 8.32 … 16.68.
        XCTAssertEqual(chart.lower, 8.32, accuracy: 1e-12)
        XCTAssertEqual(chart.upper, 16.68, accuracy: 1e-12)
        XCTAssertEqual(chart.classify(16.7)?.side, .above)
        XCTAssertEqual(chart.classify(8.3)?.side, .below)
        XCTAssertNil(chart.classify(16.68 - 1e-9), "inside the limits")
        XCTAssertNil(chart.classify(12.5))
        let u = try XCTUnwrap(chart.classify(20))
        XCTAssertEqual(u.center, 12.5)
        XCTAssertEqual(u.lower, chart.lower)
        XCTAssertEqual(u.upper, chart.upper)
    }

    func testOnTheLimitIsNotUnusual() throws {
        // A flat series: mR̄ = 0, both limits at the centre; the centre itself is not beyond them.
        let chart = try XCTUnwrap(XmRChart(Array(repeating: 5.0, count: 8)))
        XCTAssertEqual(chart.lower, 5); XCTAssertEqual(chart.upper, 5)
        XCTAssertNil(chart.classify(5))
        XCTAssertEqual(chart.classify(5.000001)?.side, .above)
    }

    func testFewerThanEightPointsAfterDroppingNullsIsNoChart() {
        XCTAssertNil(XmRChart([1, 2, 3, 4, 5, 6, 7]))
        XCTAssertNil(XmRChart([nil, 1, 2, nil, 3, 4, 5, 6, 7, nil]))
        XCTAssertNil(XmRChart([]))
        XCTAssertNotNil(XmRChart([nil, 1, 2, nil, 3, 4, 5, 6, 7, 8]))
    }

    func testNullsAreDroppedBeforeDifferencing() throws {
        // Without the nulls: 0, 10, 0, 10, 0, 10, 0, 10 → x̄ 5, |Δ| all 10 → mR̄ 10.
        let chart = try XCTUnwrap(XmRChart([0, nil, 10, 0, nil, nil, 10, 0, 10, 0, 10]))
        XCTAssertEqual(chart.center, 5)
        XCTAssertEqual(chart.movingRange, 10)
        // Not clamped: the lower limit is negative (5 − 26.6 = −21.6).
        XCTAssertEqual(chart.lower, -21.6, accuracy: 1e-12)
        XCTAssertEqual(chart.classify(-22)?.side, .below)
    }

    func testBaselineLengthPerCadence() {
        XCTAssertEqual(Cadence.weekly.unusualBaseline, 26)
        XCTAssertEqual(Cadence.monthly.unusualBaseline, 24)
        XCTAssertEqual(Cadence.quarterly.unusualBaseline, 12)
    }
}
