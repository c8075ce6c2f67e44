import Foundation
import KPITestSupport
import XCTest

/// Phased targets (SPEC 6.3 rule 2, 6.8) through the binary: the exact text of a phased target, the
/// `last_year` shape end to end, and the phasing keys' config errors.
final class PhasingRunTests: KPIReviewTestCase {
    /// Copies a case folder of fixtures/cases into the scratch folder.
    func useCase(_ name: String) throws {
        let folder = TestPaths.fixture("cases").appendingPathComponent(name)
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            try write(file, try Data(contentsOf: folder.appendingPathComponent(file)))
        }
    }

    func testAPhasedTargetIsExactInTheJSONText() throws {
        try useCase("target-phased-exact")
        let r = try kpireview("run", "--as-of", "2026-11-15", "--period", "2026-W46", "--out", "out", "--format", "json")
        assertExit(r, 0)
        let text = try readText("out/weekly/2026-W46/kpi-review-weekly-2026-W46.json")
        // 123456789012.345678 × 7 / 30 = 28806584102.8806582: a Double sum said …657.
        XCTAssertTrue(text.contains("\"target\": 28806584102.880658,"), text)
        XCTAssertFalse(text.contains("28806584102.880657"), text)
    }

    func testLastYearPhasingShapesTargetToDateForecastAndRequiredPerDay() throws {
        try useCase("phasing-last-year-in-progress")
        let r = try kpireview("run", "--cadence", "monthly", "--as-of", "2026-11-15", "--period", "current", "--out", "out",
                              "--format", "json,md")
        assertExit(r, 3)  // the launch source is stale
        let report = "out/monthly/2026-11/kpi-review-monthly-2026-11.json"
        let sales = try result(report, kpi: "sales", key: "ALL")
        XCTAssertEqual(sales["target_to_date"] as? Double, 400)
        XCTAssertEqual(sales["forecast"] as? Double, 750)
        XCTAssertEqual(try XCTUnwrap(sales["required_per_day"] as? Double), 700.0 / 18.0, accuracy: 1e-12)
        let linear = try result(report, kpi: "sales_linear", key: "ALL")
        XCTAssertEqual(linear["target_to_date"] as? Double, 500)
        let warnings = (try json(report)["data_quality"] as? [String: Any])?["warnings"] as? [String] ?? []
        XCTAssertEqual(warnings.filter { $0.contains("last_year phasing fell back") },
                       ["Launch sales: last_year phasing fell back to linear for 2026-11 (A, ALL): the days 364 days earlier are not all inside the data, or their actuals do not add up to more than 0"])
        XCTAssertTrue(try readText("out/monthly/2026-11/kpi-review-monthly-2026-11.md").contains("last_year phasing fell back"))
    }

    func testPhasingConfigErrors() throws {
        try write("orders.csv", "order_date,product_line,amount,status\n2026-11-09,cloud,5,ok\n")
        try write("kpireview.yml", """
            targets_phasing: seasonal
            sources:
              orders: { path: orders.csv, date: order_date, product_line: product_line }
            kpis:
              - { id: bookings, source: orders, agg: sum, value: amount, phasing: last_year }
              - { id: avg_order, source: orders, agg: avg, value: amount, phasing: last_year }
              - { id: share, formula: bookings / bookings, phasing: linear }
              - { id: doubled, formula: bookings + bookings, phasing: lastyear }

            """)
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: kpireview.yml:1:18: 'targets_phasing' must be one of linear, last_year (seasonal)",
            "hint: known values: linear, last_year",
            "kpireview: error: kpireview.yml:6:72: 'phasing' applies to additive KPIs (sum, count, and formulas adding or subtracting them) in KPI 'avg_order'",
            "hint: a ratio, average, min, max, last or distinct count takes the target of a period containing the window, unphased",
            "kpireview: error: kpireview.yml:7:57: 'phasing' applies to additive KPIs (sum, count, and formulas adding or subtracting them) in KPI 'share'",
            "hint: a ratio, average, min, max, last or distinct count takes the target of a period containing the window, unphased",
            "kpireview: error: kpireview.yml:8:59: 'phasing' must be one of linear, last_year in KPI 'doubled' (lastyear)",
            "hint: did you mean 'last_year'?",
        ])
        assertNothingWritten()
    }
}
