import Foundation
import KPICalendar
import XCTest
import KPITestSupport

@testable import KPIDemo
import KPIModel

final class GenerateTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kpireview-generate-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private static var demoFixtures: URL { TestPaths.fixture("demo") }

    /// Regenerates fixtures/demo: `KPIREVIEW_WRITE_FIXTURES=1 swift test --filter testWriteDemoFixtures`.
    func testWriteDemoFixtures() throws {
        guard ProcessInfo.processInfo.environment["KPIREVIEW_WRITE_FIXTURES"] == "1" else {
            throw XCTSkip("set KPIREVIEW_WRITE_FIXTURES=1 to rewrite fixtures/demo")
        }
        try SyntheticCompany.demo.write(to: Self.demoFixtures.path)
    }

    // MARK: Reproducibility

    func testSameSeedWritesIdenticalBytes() throws {
        let company = SyntheticCompany.generated(seed: 42, orderRows: 3_000)
        let first = try hashes(write(company, "a"))
        let second = try hashes(write(company, "b"))
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.count, 7)
    }

    func testDifferentSeedsWriteDifferentData() throws {
        let one = try hashes(write(SyntheticCompany.generated(seed: 1, orderRows: 3_000), "one"))
        let two = try hashes(write(SyntheticCompany.generated(seed: 2, orderRows: 3_000), "two"))
        for file in ["orders.csv", "revenue.csv", "costs.csv", "usage.csv", "targets.csv"] {
            XCTAssertNotEqual(one[file], two[file], file)
        }
        XCTAssertEqual(one["kpireview.yml"], two["kpireview.yml"], "the config does not depend on the seed")
    }

    /// Daily files are sized by days, not by order rows, and their content follows the seed only.
    func testDailyFilesDoNotDependOnOrderRows() throws {
        let small = try hashes(write(SyntheticCompany.generated(seed: 9, orderRows: 500), "small"))
        let large = try hashes(write(SyntheticCompany.generated(seed: 9, orderRows: 5_000), "large"))
        for file in ["revenue.csv", "costs.csv", "usage.csv"] { XCTAssertEqual(small[file], large[file], file) }
        XCTAssertNotEqual(small["orders.csv"], large["orders.csv"])
    }

    func testCommittedDemoFixturesMatchTheGenerator() throws {
        let fresh = try write(SyntheticCompany.demo, "demo")
        for file in SyntheticCompany.fileNames {
            // A golden: a line diff when stale; KPIREVIEW_UPDATE_GOLDEN=1 (or _WRITE_FIXTURES=1) rewrites it.
            assertGolden(try bytes(fresh, file), matches: Self.demoFixtures.appendingPathComponent(file))
        }
    }

    func testGeneratedWithDemoSeedAndRowsIsTheDemo() {
        let generated = SyntheticCompany.generated(seed: SyntheticCompany.demo.seed, orderRows: SyntheticCompany.demo.orderRows)
        XCTAssertEqual(generated.firstDay, SyntheticCompany.demo.firstDay)
        XCTAssertEqual(generated.lastDay, SyntheticCompany.demo.lastDay)
    }

    // MARK: Sizes and ranges

    func testOrderRowCountIsExact() throws {
        for n in [0, 1, 1_234] {
            let dir = try write(SyntheticCompany.generated(seed: 5, orderRows: n), "rows\(n)")
            let orders = try rows(dir, "orders.csv")
            XCTAssertEqual(orders.count, n + 1, "header plus \(n) rows")
            XCTAssertEqual(orders[0], ["order_id", "order_date", "customer_id", "product_line",
                                       "quantity", "unit_price", "discount", "status"])
        }
    }

    func testDemoDatesAndAsOf() throws {
        XCTAssertEqual(SyntheticCompany.demoAsOf.description, "2026-11-15")
        XCTAssertEqual(SyntheticCompany.demoAsOf.weekday, 6, "a Sunday")
        XCTAssertEqual(SyntheticCompany.demo.firstDay.description, "2023-10-01")
        XCTAssertEqual(SyntheticCompany.demo.lastDay.description, "2026-11-17")

        let orders = try rows(Self.demoFixtures, "orders.csv").dropFirst()
        XCTAssertEqual(orders.count, 48_000)
        XCTAssertEqual(orders.first?[1], "2023-10-01")
        XCTAssertEqual(orders.last?[1], "2026-11-17")
        XCTAssertEqual(orders.map { $0[1] }, orders.map { $0[1] }.sorted(), "orders are in date order")
        let afterAsOf = orders.filter { $0[1] > "2026-11-15" }.count
        XCTAssertGreaterThan(afterAsOf, 0, "rows after as-of exist so the demo shows them excluded")
        XCTAssertLessThan(afterAsOf, 200)

        // 2023-10-01 … 2026-11-17 is 366 + 365 + 365 + 47 + 1 = 1144 days, six lines each.
        let revenue = try rows(Self.demoFixtures, "revenue.csv").dropFirst()
        XCTAssertEqual(revenue.count, 1_144 * 6)
        XCTAssertEqual(try rows(Self.demoFixtures, "costs.csv").count - 1, 1_144 * 6)
        XCTAssertEqual(try rows(Self.demoFixtures, "usage.csv").count - 1, 1_144 * 6 * 2)
        XCTAssertEqual(revenue.first?[0], "2023-10-01")
        XCTAssertEqual(revenue.last?[0], "2026-11-17")
    }

    // MARK: Content

    func testEveryLineAppearsUnderItsIdAndAliases() throws {
        let orders = try rows(Self.demoFixtures, "orders.csv").dropFirst()
        let spellings = Set(orders.map { $0[3] })
        XCTAssertEqual(spellings, ["cloud", "CLOUD", "Cloud Platform", "security", "Security Suite",
                                   "data", "Data Warehouse", "DWH", "crm", "CRM",
                                   "payments", "PAYMENTS", "mobile", "Mobile SDK"])
        let ids = ["cloud", "security", "data", "crm", "payments", "mobile"]
        for file in ["revenue.csv", "costs.csv", "usage.csv"] {
            let counts = Dictionary(grouping: try rows(Self.demoFixtures, file).dropFirst(), by: { $0[1] }).mapValues(\.count)
            XCTAssertEqual(Set(counts.keys), Set(ids), file)
            XCTAssertEqual(Set(counts.values).count, 1, "\(file): one row per line and day (per metric)")
        }
    }

    func testOrderFieldsLookLikeAnOrderExport() throws {
        let orders = try rows(Self.demoFixtures, "orders.csv").dropFirst()
        XCTAssertTrue(orders.allSatisfy { $0.count == 8 })
        XCTAssertEqual(orders.first?[0], "SO-1000001")
        XCTAssertEqual(orders.last?[0], "SO-1048000")

        let status = Dictionary(grouping: orders, by: { $0[7] }).mapValues(\.count)
        XCTAssertEqual(Set(status.keys), ["completed", "shipped", "cancelled", "returned"])
        let counted = (status["completed"] ?? 0) + (status["shipped"] ?? 0)
        XCTAssertGreaterThan(Double(counted) / Double(orders.count), 0.88)
        XCTAssertLessThan(Double(counted) / Double(orders.count), 0.96)

        XCTAssertTrue(Set(orders.map { $0[6] }).isSubset(of: ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30"]))
        XCTAssertTrue(orders.allSatisfy { $0[5].split(separator: ".").last?.count == 2 }, "prices carry cents")
        XCTAssertTrue(orders.allSatisfy { (Int($0[4]) ?? 0) >= 1 })

        let customers = Set(orders.map { $0[2] })
        XCTAssertGreaterThan(customers.count, 1_000)
        XCTAssertLessThan(customers.count, orders.count / 5, "customers come back, so distinct counts mean something")
    }

    /// Enterprise orders slow down at weekends; SMB orders much less so.
    func testWeekdayPattern() throws {
        let orders = try rows(Self.demoFixtures, "orders.csv").dropFirst()
        var weekday = 0, weekend = 0
        for row in orders where row[3] == "cloud" {
            guard let day = Day.parse(row[1]) else { return XCTFail(row[1]) }
            if day.weekday >= 5 { weekend += 1 } else { weekday += 1 }
        }
        XCTAssertLessThan(Double(weekend) / 2, Double(weekday) / 5 * 0.4)
    }

    func testGrossMarginPerLineIsRealistic() throws {
        var revenue: [String: Double] = [:], cost: [String: Double] = [:]
        for row in try rows(Self.demoFixtures, "revenue.csv").dropFirst() { revenue[row[1], default: 0] += Double(row[2]) ?? .nan }
        for row in try rows(Self.demoFixtures, "costs.csv").dropFirst() { cost[row[1], default: 0] += Double(row[2]) ?? .nan }
        for (line, r) in revenue {
            let margin = (r - (cost[line] ?? 0)) / r
            XCTAssertGreaterThan(margin, 0.50, line)
            XCTAssertLessThan(margin, 0.75, line)
        }
        let total = (revenue.values.reduce(0, +) - cost.values.reduce(0, +)) / revenue.values.reduce(0, +)
        XCTAssertGreaterThan(total, 0.59)
        XCTAssertLessThan(total, 0.63)
    }

    func testTargetsFileShape() throws {
        let targets = try rows(Self.demoFixtures, "targets.csv")
        XCTAssertEqual(targets[0], ["kpi", "product_line", "period", "target"])
        var byKey: [String: String] = [:]
        for row in targets.dropFirst() {
            XCTAssertNil(byKey[row[0] + "|" + row[1] + "|" + row[2]], "duplicate target \(row)")
            byKey[row[0] + "|" + row[1] + "|" + row[2]] = row[3]
        }
        // 24 months × 6 lines × 3 KPIs, 4 quarters × 6 lines, 8 Cloud weeks, 2 margin years.
        XCTAssertEqual(byKey.count, 24 * 6 * 3 + 24 + 8 + 2)
        XCTAssertEqual(byKey["gross_margin_pct|ALL|2026"], "62%")
        XCTAssertEqual(byKey["gross_margin_pct|ALL|2025"], "60%")
        for week in 42...49 { XCTAssertNotNil(byKey["revenue|cloud|2026-W\(week)"]) }
        for line in ["cloud", "security", "data", "crm", "payments", "mobile"] {
            for kpi in ["bookings", "revenue", "active_users"] {
                XCTAssertNotNil(byKey["\(kpi)|\(line)|2025-01"])
                XCTAssertNotNil(byKey["\(kpi)|\(line)|2026-12"])
            }
            for q in 1...4 {
                let months = (3 * q - 2)...(3 * q)
                let sum = months.map { Int(byKey["revenue|\(line)|2026-\(q == 4 && $0 >= 10 ? "" : "0")\($0)"] ?? "") ?? 0 }.reduce(0, +)
                XCTAssertEqual(Int(byKey["revenue|\(line)|2026-Q\(q)"] ?? ""), sum, "\(line) Q\(q) is the sum of its months")
            }
        }
    }

    /// The demo's October 2026 (a complete month before as-of) puts lines on both sides of target:
    /// Cloud Platform beats, Data Warehouse sits in the amber band, Payments misses.
    func testDemoRevenueAgainstTargetsOnBothSides() throws {
        var actual: [String: Double] = [:]
        for row in try rows(Self.demoFixtures, "revenue.csv").dropFirst() where row[0].hasPrefix("2026-10-") {
            actual[row[1], default: 0] += Double(row[2]) ?? .nan
        }
        var target: [String: Double] = [:]
        for row in try rows(Self.demoFixtures, "targets.csv").dropFirst() where row[0] == "revenue" && row[2] == "2026-10" {
            target[row[1]] = Double(row[3])
        }
        func attainment(_ line: String) -> Double { (actual[line] ?? 0) / (target[line] ?? .infinity) }
        XCTAssertGreaterThanOrEqual(attainment("cloud"), 1.05)
        XCTAssertGreaterThanOrEqual(attainment("data"), 0.90)
        XCTAssertLessThan(attainment("data"), 1.0)
        XCTAssertLessThan(attainment("payments"), 0.9)
        XCTAssertLessThan(attainment("security"), 0.9)
    }

    func testConfigNamesEverySourceKPIAndLine() throws {
        let yaml = try XCTUnwrap(String(data: bytes(Self.demoFixtures, "kpireview.yml"), encoding: .utf8))
        for needle in [
            "\ntitle: Northwind Analytics business review\n", "\ncompany: Northwind Analytics\n", "\ncurrency: USD ",
            "\ncalendar:\n  week_start: monday\n  fiscal_year_start_month: 1\n",
            "\nsources:\n  orders: ", "\n    path: orders.csv\n    date: order_date\n    product_line: product_line\n",
            "  revenue: { path: revenue.csv, date: date, product_line: product_line }",
            "  costs:   { path: costs.csv,   date: date, product_line: product_line }",
            "  usage:   { path: usage.csv,   date: date, product_line: product_line }",
            "\ntargets: targets.csv\n",
            "  - { id: cloud, name: Cloud Platform, group: Enterprise, aliases: [\"CLOUD\", \"Cloud Platform\"] }\n",
            "  - { id: mobile, name: Mobile SDK, group: SMB, aliases: [\"Mobile SDK\"] }\n",
            "    value: quantity * unit_price * (1 - discount)\n    where: status in ('completed', 'shipped')\n",
            "formula: bookings / orders", "agg: count_distinct, value: customer_id",
            "id: avg_discount, name: Average discount, source: orders, agg: avg, value: discount,",
            "unit: percent, better: lower }", "value: amount, unit: currency, better: lower }",
            "formula: (revenue - cost) / revenue, unit: percent", "agg: last, value: value,",
            "where: \"metric == 'active_users'\"", "where: \"metric == 'api_calls'\", unit: count }",
            "\nstatus:\n  amber: 0.10\n",
        ] {
            XCTAssertTrue(yaml.contains(needle), "missing: \(needle)")
        }
        let ids = yaml.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: "- { id: ") ?? line.range(of: "- id: ") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "," && $0 != " " })
        }
        XCTAssertEqual(ids, ["cloud", "security", "data", "crm", "payments", "mobile", "bookings", "orders", "units", "aov",
                             "customers", "avg_discount", "revenue", "cost", "gross_margin_pct", "active_users", "api_calls"])
        XCTAssertFalse(yaml.contains("\t"), "YAML forbids tabs for indentation")
    }

    // MARK: Building blocks

    func testISOWeekIDs() {
        XCTAssertEqual(CompanyCalendar.isoWeekID(monday: CompanyCalendar.day(2026, 11, 9)), "2026-W46")
        XCTAssertEqual(CompanyCalendar.isoWeekID(monday: CompanyCalendar.day(2025, 12, 29)), "2026-W01")
        XCTAssertEqual(CompanyCalendar.isoWeekID(monday: CompanyCalendar.day(2026, 12, 28)), "2026-W53")
        XCTAssertEqual(CompanyCalendar.isoWeekID(monday: CompanyCalendar.day(2024, 12, 30)), "2025-W01")
    }

    func testQuarterEndRush() {
        XCTAssertTrue(CompanyCalendar.isQuarterEndRush(CompanyCalendar.day(2026, 9, 21)))
        XCTAssertFalse(CompanyCalendar.isQuarterEndRush(CompanyCalendar.day(2026, 9, 20)))
        XCTAssertFalse(CompanyCalendar.isQuarterEndRush(CompanyCalendar.day(2026, 11, 30)))
    }

    func testPortableMath() {
        XCTAssertEqual(PortableMath.exp(1), 2.718281828459045, accuracy: 1e-15)
        XCTAssertEqual(PortableMath.exp(-3), 0.049787068367863944, accuracy: 1e-17)
        XCTAssertEqual(PortableMath.compound(0.10, years: 2), 1.21, accuracy: 1e-14)
        XCTAssertEqual(PortableMath.compound(-0.16, years: 1), 0.84, accuracy: 1e-14)
        XCTAssertEqual(PortableMath.cosTurns(0), 1, accuracy: 1e-15)
        XCTAssertEqual(PortableMath.cosTurns(0.25), 0, accuracy: 1e-15)
        XCTAssertEqual(PortableMath.cosTurns(1.5), -1, accuracy: 1e-15)
        XCTAssertEqual(PortableMath.cosTurns(-0.125), 0.7071067811865476, accuracy: 1e-15)
    }

    /// SplitMix64's published first outputs for seed 0 pin the generator: no platform drift.
    func testSeededRandomIsSplitMix64() {
        var random = SeededRandom(seed: 0)
        XCTAssertEqual(random.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(random.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(random.next(), 0x06C4_5D18_8009_454F)
    }

    func testByteWriterFormatsNumbers() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("numbers.txt").path
        let out = try CSVByteWriter(path: path)
        for cents in [0, 5, 100, 123_456, -5, -12_345] { try out.cents(cents); try out.comma() }
        for whole in [0, 7, 1_000_000, Int.max] { try out.integer(whole); try out.comma() }
        try out.newline()
        try out.finish()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8),
                       "0.00,0.05,1.00,1234.56,-0.05,-123.45,0,7,1000000,9223372036854775807,\n")
    }

    /// More than one 64 KiB buffer goes out intact.
    func testByteWriterFlushesLargeOutput() throws {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let path = scratch.appendingPathComponent("large.txt").path
        let out = try CSVByteWriter(path: path)
        for i in 0..<50_000 { try out.integer(i); try out.newline() }
        try out.finish()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 50_000)
        XCTAssertEqual(lines[40_000], "40000")
    }

    func testWriteCreatesNestedDirectoryAndReportsErrors() throws {
        let nested = scratch.appendingPathComponent("x/y/z")
        try SyntheticCompany.generated(seed: 3, orderRows: 10).write(to: nested.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: nested.appendingPathComponent("kpireview.yml").path))

        let blocker = scratch.appendingPathComponent("x/file")
        try Data("not a folder".utf8).write(to: blocker)
        XCTAssertThrowsError(try SyntheticCompany.generated(seed: 3, orderRows: 10).write(to: blocker.path + "/sub")) { error in
            XCTAssertTrue((error as? GenerateError)?.path.hasSuffix("x/file/sub") ?? false, "\(error)")
        }
    }

    private func write(_ company: SyntheticCompany, _ name: String) throws -> URL {
        let dir = scratch.appendingPathComponent(name)
        try company.write(to: dir.path)
        return dir
    }

    private func bytes(_ dir: URL, _ file: String) throws -> Data {
        try Data(contentsOf: dir.appendingPathComponent(file))
    }

    private func rows(_ dir: URL, _ file: String) throws -> [[String]] {
        let text = try XCTUnwrap(String(data: bytes(dir, file), encoding: .utf8))
        return text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// FNV-1a 64: enough to show two outputs are the same bytes.
    private func fnv1a(_ data: Data) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { hash = (hash ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    private func hashes(_ dir: URL) throws -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        for name in SyntheticCompany.fileNames { result[name] = fnv1a(try bytes(dir, name)) }
        return result
    }
}
