import Foundation
import KPICalendar
import KPIConfig
import KPIFields
import KPIIngest
import KPIModel
import XCTest

@testable import KPIMetrics

/// Actuals from the daily partials, computed by hand from five rows:
///
///     date        line  amount  customer
///     2026-11-09  a      10.50  c1
///     2026-11-09  b       4.25  c2
///     2026-11-10  a       2.00  c1
///     2026-11-11  b       1.00  c3
///     2026-11-11  a       3.00  c2
final class EvaluatorTests: XCTestCase {
    var dir = ""
    var data: Dataset!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "kpireview-metrics-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let csv = """
        date,line,amount,customer
        2026-11-09,a,10.50,c1
        2026-11-09,b,4.25,c2
        2026-11-10,a,2.00,c1
        2026-11-11,b,1.00,c3
        2026-11-11,a,3.00,c2

        """
        try Data(csv.utf8).write(to: URL(fileURLWithPath: dir + "/orders.csv"))
        let yaml = """
        sources:
          orders: { path: orders.csv, date: date, product_line: line }
        kpis:
          - { id: revenue, source: orders, agg: sum, value: amount, unit: currency }
          - { id: orders, source: orders, agg: count }
          - { id: customers, source: orders, agg: count_distinct, value: customer }
          - { id: avg_order, source: orders, agg: avg, value: amount }
          - { id: per_customer, formula: revenue / customers }
        """
        let config = try ConfigLoader.parse(yaml: yaml, path: dir + "/kpireview.yml")
        let source = try XCTUnwrap(config.sources.first)
        let ingest = try SourceImporter(source: source, config: config, resolver: LineResolver(config: config),
                                        asOf: try XCTUnwrap(Day.parse("2026-11-15"))).run()
        data = Dataset(config: config, ingests: [ingest])
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func day(_ s: String) -> Day { Day.parse(s) ?? Day(number: 0) }
    var all: LevelRef { LevelRef(level: .total, key: "ALL", lines: [0, 1]) }
    func line(_ id: String) -> LevelRef { LevelRef(level: .line, key: id, lines: [data.lines.index(of: id) ?? -1]) }
    func money(_ cents: Int) -> Num { .fixed(Fixed(raw: Int128(cents) * 10_000)) }

    func testLinesAreTheDataLinesInOrder() {
        XCTAssertEqual(data.lines.lines.map(\.id), ["a", "b"])
    }

    func testSumsCountsAndAveragesPerWindowAndLevel() {
        let e = Evaluator(data: data)
        // ALL, 9–11 Nov: 10.50 + 4.25 + 2.00 + 1.00 + 3.00 = 20.75 over 5 rows; average 4.15.
        XCTAssertEqual(e.actual("revenue", all, day("2026-11-09"), day("2026-11-11")), money(20_75))
        XCTAssertEqual(e.actual("orders", all, day("2026-11-09"), day("2026-11-11")), .fixed(Fixed(integer: 5)))
        XCTAssertEqual(e.actual("avg_order", all, day("2026-11-09"), day("2026-11-11"))?.double ?? 0, 4.15, accuracy: 1e-12)
        // Line a: 10.50 + 2.00 + 3.00 = 15.50; line b: 4.25 + 1.00 = 5.25.
        XCTAssertEqual(e.actual("revenue", line("a"), day("2026-11-09"), day("2026-11-11")), money(15_50))
        XCTAssertEqual(e.actual("revenue", line("b"), day("2026-11-09"), day("2026-11-11")), money(5_25))
        // 10–11 Nov: 2.00 + 1.00 + 3.00 = 6.00.
        XCTAssertEqual(e.actual("revenue", all, day("2026-11-10"), day("2026-11-11")), money(6_00))
    }

    func testDistinctCountsAreUnionsNotSums() {
        let e = Evaluator(data: data)
        // a: {c1, c2} = 2, b: {c2, c3} = 2, ALL: {c1, c2, c3} = 3 (not 2 + 2).
        XCTAssertEqual(e.actual("customers", line("a"), day("2026-11-09"), day("2026-11-11")), .fixed(Fixed(integer: 2)))
        XCTAssertEqual(e.actual("customers", line("b"), day("2026-11-09"), day("2026-11-11")), .fixed(Fixed(integer: 2)))
        XCTAssertEqual(e.actual("customers", all, day("2026-11-09"), day("2026-11-11")), .fixed(Fixed(integer: 3)))
        // 10 Nov alone: c1 once.
        XCTAssertEqual(e.actual("customers", all, day("2026-11-10"), day("2026-11-10")), .fixed(Fixed(integer: 1)))
        // A formula over both: 20.75 / 3.
        XCTAssertEqual(e.actual("per_customer", all, day("2026-11-09"), day("2026-11-11"))?.double ?? 0, 20.75 / 3, accuracy: 1e-9)
    }

    func testAWindowStartingBeforeTheFirstDateHasNoValue() {
        let e = Evaluator(data: data)
        XCTAssertNil(e.actual("revenue", all, day("2026-11-08"), day("2026-11-11")), "no data yet is not zero")
        XCTAssertEqual(e.actual("revenue", all, day("2026-11-12"), day("2026-11-14")), money(0), "after the first date, no rows is zero")
    }

    func testAttainmentAndStatusFollowBetter() throws {
        let b = ReportBuilder(data: data, evaluator: Evaluator(data: data), targets: TargetResolver(book: TargetBook(), data: data),
                              cadence: .weekly, asOf: day("2026-11-15"), toolVersion: "test", runWarnings: [], configSHA256: "")
        // Higher is better: 90 of 100 is 0.9; within 10 % of the target is amber, below it red.
        XCTAssertEqual(b.attainment(.double(90), .double(100), .higher), 0.9)
        XCTAssertEqual(b.status(.double(90), .double(100), 0.10, .higher), .amber)
        XCTAssertEqual(b.status(.double(89), .double(100), 0.10, .higher), .red)
        XCTAssertEqual(b.status(.double(100), .double(100), 0.10, .higher), .green)
        // Lower is better: 110 against 100 attains 100 / 110 and is amber; 111 is red.
        XCTAssertEqual(b.attainment(.double(110), .double(100), .lower) ?? 0, 100.0 / 110.0, accuracy: 1e-15)
        XCTAssertEqual(b.status(.double(110), .double(100), 0.10, .lower), .amber)
        XCTAssertEqual(b.status(.double(111), .double(100), 0.10, .lower), .red)
        XCTAssertEqual(b.status(nil, .double(100), 0.10, .lower), Status.none)
    }
}
