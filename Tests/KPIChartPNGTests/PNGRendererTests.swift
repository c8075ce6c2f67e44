import Foundation
import XCTest
import KPIChart
import KPIChartFixtures
import KPITestSupport
@testable import KPIChartPNG

final class PNGRendererTests: XCTestCase {
    /// `Golden/<name>` beside this file, compared byte for byte; `KPIREVIEW_UPDATE_GOLDEN=1` records
    /// (and fails), so every recorded PNG is looked at before it is committed.
    func assertGolden(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        KPITestSupport.assertGolden(Data(bytes), matches: TestPaths.folder(of: #filePath).appendingPathComponent("Golden/" + name),
                                    file: file, line: line)
    }

    /// Width, height, bit depth and colour type from the IHDR chunk (PNG signature, length, "IHDR", fields).
    func header(_ png: [UInt8]) -> (width: Int, height: Int, depth: UInt8, colourType: UInt8) {
        func be32(_ o: Int) -> Int { png[o..<o + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (be32(16), be32(20), png[24], png[25])
    }

    func testWeeklySixTwelveChartMatchesGolden() throws {
        let chart = ChartBuilder.trend(ChartFixtures.weeklyBookings(), kpi: "bookings")
        let png = try PNGChartRenderer().render(chart)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let h = header(png)
        XCTAssertEqual(h.width, 1200); XCTAssertEqual(h.height, 480)
        XCTAssertEqual(h.depth, 8); XCTAssertEqual(h.colourType, 3, "8-bit palette")
        XCTAssertLessThan(png.count, 60_000, "SPEC 10: each PNG chart under 60 KB")
        try assertGolden(png, "weekly-bookings.png")
    }
}

extension PNGRendererTests {
    /// A KPI without history: the PNG says "no data yet" in both panels.
    func testNoDataYetChartMatchesGolden() throws {
        let chart = ChartBuilder.trend(ChartFixtures.report(.weekly, [(ChartFixtures.bookings, [])]), kpi: "bookings")
        let png = try PNGChartRenderer().render(chart)
        XCTAssertEqual(header(png).width, 1200)
        try assertGolden(png, "no-data-yet.png")
    }

    /// The same picture every time, also from a second renderer (the font face is cached by cairo).
    func testBytesAreReproducible() throws {
        let chart = ChartBuilder.trend(ChartFixtures.weeklyBookings(complete: false), kpi: "bookings")
        let a = try PNGChartRenderer().render(chart), b = try PNGChartRenderer().render(chart)
        XCTAssertEqual(a, b)
    }

    func testMissingFontIsAClearError() {
        XCTAssertThrowsError(try PNGChartRenderer(fontPath: "/nonexistent/DejaVuSans.ttf")) { error in
            XCTAssertEqual("\(error)", "/nonexistent/DejaVuSans.ttf: font not found (install fonts-dejavu-core)")
        }
    }

    /// Palette quantisation keeps a picture of at most 256 colours exact.
    func testQuantisationIsExactUpTo256Colours() {
        var rgb: [UInt8] = []
        for i in 0..<256 { rgb += [UInt8(i), UInt8(255 - i), 7] }
        let (palette, indices) = PNGEncoder.quantise(Pixels(width: 16, height: 16, rgb: rgb))
        let back = indices.flatMap { Array(palette[3 * Int($0)..<3 * Int($0) + 3]) }
        XCTAssertEqual(back, rgb)
    }
}

extension PNGRendererTests {
    /// The email's chart with the report's events (SPEC 6.7) as numbered marks: one in a week and its
    /// month (the same number in both panels), one in a month only; an event of another KPI is not drawn.
    func testEventMarksFromTheReportMatchGolden() throws {
        var report = ChartFixtures.weeklyBookings()
        let day = ChartFixtures.day
        report.annotations = [
            .init(date: day("2026-10-20"), kpi: "bookings", productLine: nil, text: "Price change", grain: .week, id: "2026-W43", event: 0),
            .init(date: day("2026-10-20"), kpi: "bookings", productLine: nil, text: "Price change", grain: .month, id: "2026-10", event: 0),
            .init(date: day("2026-03-03"), kpi: nil, productLine: "ALL", text: "Outage", grain: .month, id: "2026-03", event: 1),
            .init(date: day("2026-11-10"), kpi: "orders", productLine: nil, text: "Other KPI", grain: .week, id: "2026-W46", event: 2),
        ]
        let events = ChartBuilder.events(report, kpi: "bookings")
        XCTAssertEqual(events.map(\.text), ["Price change", "Outage"])
        let chart = ChartBuilder.trend(report, kpi: "bookings", events: events)
        XCTAssertEqual(chart.panels.map { $0.events.map(\.number) }, [[1], [1, 2]])
        let png = try PNGChartRenderer().render(chart)
        XCTAssertLessThan(png.count, 60_000)
        try assertGolden(png, "weekly-bookings-events.png")
    }
}
