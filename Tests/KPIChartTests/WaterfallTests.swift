import XCTest
import KPIModel
import KPIReport
import KPIChartFixtures
import KPITestSupport
@testable import KPIChart

/// The bridge waterfall (SPEC 6.5, 10): steps from the base to the actual, and its SVG golden
/// (looked at in Chromium before it was recorded).
final class WaterfallTests: XCTestCase {
    let revenue = ChartFixtures.kpi("revenue", "Revenue", .currency)
    // fixtures/cases/bridge-new-lost at ALL vs last year.
    let yoy = BridgeParts(volume: -11.2, mix: 7.2, price: 27, new: 50, lost: -40, other: 8)

    func testStepsRunFromTheBaseToTheActual() throws {
        let w = try XCTUnwrap(Waterfall.build(kpi: revenue, parts: yoy, base: 320, actual: 361, baseLabel: "2025-W46",
                                              actualLabel: "2026-W46", currencySymbol: "$"))
        XCTAssertEqual(w.steps.map(\.label), ["2025-W46", "volume", "mix", "price", "new lines", "lost lines", "other", "2026-W46"])
        XCTAssertEqual(w.steps.map(\.kind), [.total, .decrease, .increase, .increase, .increase, .decrease, .increase, .total])
        // Running levels: 320 → 308.8 → 316 → 343 → 393 → 353 → 361.
        let ends = w.steps.map(\.to)
        for (got, want) in zip(ends, [320, 308.8, 316, 343, 393, 353, 361, 361]) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        XCTAssertEqual(w.steps.map(\.valueText), ["$320.00", "−$11.20", "+$7.20", "+$27.00", "+$50.00", "−$40.00", "+$8.00", "$361.00"])
        XCTAssertEqual(w.axis.min, 300); XCTAssertEqual(w.axis.max, 400)
        XCTAssertEqual(w.description, "Revenue from $320.00 (2025-W46) to $361.00 (2026-W46): volume −$11.20, mix +$7.20, price +$27.00, "
                       + "new lines +$50.00, lost lines −$40.00, other +$8.00.")
    }

    func testColoursFollowTheKPIsBetterDirection() throws {
        let cost = ChartFixtures.kpi("cost", "Cost", .currency, better: .lower)
        let parts = BridgeParts(volume: 20, mix: 0, price: -12, new: 0, lost: 0, other: 0)
        let fills: (KPIInfo) throws -> [String] = { kpi in
            let w = try XCTUnwrap(Waterfall.build(kpi: kpi, parts: parts, base: 100, actual: 108, baseLabel: "a", actualLabel: "b", currencySymbol: "$"))
            return WaterfallLayout().scene(w).shapes.dropFirst().compactMap { shape -> String? in
                if case .rect(_, _, _, _, let fill?, _) = shape { return fill.hex }
                return nil
            }
        }
        // Revenue up by volume is good (green), down by price bad (orange); for cost the reverse.
        XCTAssertEqual(try fills(revenue), ["#1f4e79", "#2e7d32", "#c8590c", "#1f4e79"])
        XCTAssertEqual(try fills(cost), ["#1f4e79", "#c8590c", "#2e7d32", "#1f4e79"])
    }

    func testZeroPartsAreLeftOutAndMissingTotalsGiveNoChart() throws {
        let parts = BridgeParts(volume: 20, mix: 0, price: 12, new: 0, lost: 0, other: 0)
        let w = try XCTUnwrap(Waterfall.build(kpi: revenue, parts: parts, base: 100, actual: 132, baseLabel: "2026-W45",
                                              actualLabel: "2026-W46", currencySymbol: "$"))
        XCTAssertEqual(w.steps.map(\.label), ["2026-W45", "volume", "price", "2026-W46"])
        XCTAssertNil(Waterfall.build(kpi: revenue, parts: parts, base: nil, actual: 132, baseLabel: "x", actualLabel: "y", currencySymbol: "$"))
    }

    func testWaterfallSVGGolden() throws {
        let w = try XCTUnwrap(Waterfall.build(kpi: revenue, parts: yoy, base: 320, actual: 361, baseLabel: "2025-W46",
                                              actualLabel: "2026-W46", currencySymbol: "$"))
        let out = SVGRenderer.render(WaterfallLayout().scene(w), id: "b1") + "\n"
        XCTAssertEqual(out.components(separatedBy: "<rect").count - 1, 1 + 8, "the background and one bar per step")
        XCTAssertTrue(out.contains("<title id=\"b1-title\">Revenue: 2025-W46 to 2026-W46</title>"))
        assertGolden(out, matches: TestPaths.folder(of: #filePath).appendingPathComponent("Golden/waterfall.svg"))
    }
}
