import XCTest
import KPIModel
import KPIReport
@testable import KPIChart

/// Nice steps and tick labels, each case worked by hand.
final class AxisTests: XCTestCase {
    func testNiceSteps() {
        // rough → exponent, fraction → the first multiplier (1, 2, 2.5, 5, 10) at least the fraction.
        XCTAssertEqual(NiceScale.niceStep(0.3), 0.5)            // 3 × 10^-1 → 5 × 10^-1
        XCTAssertEqual(NiceScale.niceStep(183_413), 200_000)    // 1.83 × 10^5 → 2 × 10^5
        XCTAssertEqual(NiceScale.niceStep(2_200), 2_500)        // 2.2 → 2.5
        XCTAssertEqual(NiceScale.niceStep(1_000), 1_000)        // exactly 1 stays 1
        XCTAssertEqual(NiceScale.niceStep(0.005), 0.005)        // 5 × 10^-3, whatever log10's last bit
        XCTAssertEqual(NiceScale.niceStep(6_000), 10_000)       // 6 → 10
    }

    func testRanges() {
        // The demo's weekly bookings: 1,307,897 … 2,041,549; 733,652 / 4 = 183,413 → step 200K → 1.2M … 2.2M.
        let r = NiceScale.range(of: [1_972_832, 1_307_897, 2_041_549, nil])
        XCTAssertEqual(r?.min, 1_200_000); XCTAssertEqual(r?.max, 2_200_000); XCTAssertEqual(r?.step, 200_000)
        XCTAssertNil(NiceScale.range(of: [nil, nil]), "all null: no axis")
        XCTAssertNil(NiceScale.range(of: []), "no history: no axis")
        // Constant 0: 0 … 1, step 0.25.
        XCTAssertEqual(NiceScale.range(of: [0, 0]).map { [$0.min, $0.max, $0.step] }, [0, 1, 0.25])
        // Constant −3: −3 … 0; 3 / 4 = 0.75 → step 1.
        XCTAssertEqual(NiceScale.range(of: [-3, -3]).map { [$0.min, $0.max, $0.step] }, [-3, 0, 1])
        // Mixed −150 … 320: 470 / 4 = 117.5 → 200 → −200 … 400.
        XCTAssertEqual(NiceScale.range(of: [-150, 320]).map { [$0.min, $0.max, $0.step] }, [-200, 400, 200])
        XCTAssertEqual(NiceScale.ticks(min: 0.6, max: 0.62, step: 0.005).count, 5)
    }

    func label(_ v: Double, _ step: Double, _ largest: Double, _ unit: KPIModel.Unit, _ symbol: String = "$") -> String {
        NumberText.tick(v, step: step, largest: largest, unit: unit, currencySymbol: symbol)
    }

    func testTickLabels() {
        XCTAssertEqual(label(1_200_000, 200_000, 2_200_000, .currency), "$1.2M")
        XCTAssertEqual(label(2_000_000, 200_000, 2_200_000, .currency), "$2.0M", "one decimal on every tick of the axis")
        XCTAssertEqual(label(1_250_000, 250_000, 2_000_000, .currency), "$1.25M")
        XCTAssertEqual(label(0, 2_000, 6_000, .currency), "$0")
        XCTAssertEqual(label(-16_000, 2_000, 16_000, .currency), "\u{2212}$16K")
        XCTAssertEqual(label(0.5, 0.25, 1, .currency), "$0.50", "cents below a thousand")
        XCTAssertEqual(label(20, 5, 40, .currency, "CHF"), "CHF 20")
        XCTAssertEqual(label(0.615, 0.005, 0.62, .percent), "61.5%")
        XCTAssertEqual(label(0.6, 0.005, 0.62, .percent), "60.0%")
        XCTAssertEqual(label(0.3, 0.1, 0.5, .percent), "30%", "0.30000000000000004 snapped")
        XCTAssertEqual(label(1_500, 500, 2_000, .count), "1,500", "counts grouped below 10,000")
        XCTAssertEqual(label(20_000, 5_000, 25_000, .count), "20K")
        XCTAssertEqual(label(-200, 200, 400, .count), "\u{2212}200")
        XCTAssertEqual(label(1.25, 0.25, 2, .ratio), "1.25")
        XCTAssertEqual(label(3, 1, 5, .number), "3")
    }

    func testCategoryLabels() {
        XCTAssertEqual(ChartBuilder.category(grain: .week, id: "2026-W41").label, "W41")
        XCTAssertEqual(ChartBuilder.category(grain: .week, id: "WE-2026-10-11").label, "10-11")
        XCTAssertEqual(ChartBuilder.category(grain: .week, id: "WE-2026-10-11").year, "2026")
        XCTAssertEqual(ChartBuilder.category(grain: .month, id: "2026-10").label, "Oct")
        XCTAssertEqual(ChartBuilder.category(grain: .quarter, id: "FY2027-Q1").label, "Q1")
        XCTAssertEqual(ChartBuilder.category(grain: .quarter, id: "FY2027-Q1").year, "FY2027")
        XCTAssertEqual(ChartBuilder.category(grain: .month, id: "P13-odd").label, "P13-odd", "an unknown id as it is")
    }

    func testTextWidthsAreDejaVuSans() {
        // "W41": W 2025 + 4 1303 + 1 1303 = 4631 units; at 10 px: 4631 / 2048 × 10 = 22.61 px.
        XCTAssertEqual(TextMetrics.width("W41", size: 10), 4631.0 / 2048 * 10, accuracy: 1e-9)
    }

    func testSVGEscapesAndForbidsControls() {
        XCTAssertEqual(MarkupText.escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        XCTAssertEqual(MarkupText.escape("x\u{0}y\u{7F}z\u{FFFF}"), "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
        XCTAssertEqual(SVGRenderer.num(-0.001), "0"); XCTAssertEqual(SVGRenderer.num(12.5), "12.5"); XCTAssertEqual(SVGRenderer.num(3.05), "3.05")
    }
}
