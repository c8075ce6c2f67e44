import Foundation
import KPIConfig
import XCTest
import KPITestSupport

/// `kpireview init`, run as the real binary: the first five minutes of a new user.
final class InitTests: XCTestCase {
    var temp: URL!

    override func setUpWithError() throws {
        temp = FileManager.default.temporaryDirectory.appendingPathComponent("kpireview-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: temp)
    }

    // MARK: Starter project

    func testInitThenRunWritesReportsWithTheStarterKPIs() throws {
        let dir = temp.appendingPathComponent("starter").path
        let initRun = try CLI.run(["init", dir])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        XCTAssertTrue(initRun.stdout.contains("kpireview run --config \(dir)/kpireview.yml --as-of 2026-03-01"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("kpireview validate --config \(dir)/kpireview.yml --as-of 2026-03-01"), initRun.stdout)
        for file in ["kpireview.yml", "data/orders.csv", "data/costs.csv", "data/usage.csv", "data/targets.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/" + file), file)
        }

        let out = dir + "/reports"
        let run = try CLI.run(["run", "--config", dir + "/kpireview.yml", "--as-of", "2026-03-01",
                               "--cadence", "weekly,monthly", "--out", out, "--format", "md,json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let weekly = out + "/weekly/2026-W09/kpi-review-weekly-2026-W09"
        XCTAssertTrue(FileManager.default.fileExists(atPath: weekly + ".md"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/monthly/2026-02/kpi-review-monthly-2026-02.json"))

        let json = try JSONReport(path: weekly + ".json")
        XCTAssertEqual(json.kpiIDs, ["bookings", "orders", "aov", "customers", "cost", "gross_margin_pct", "active_users"])
        // Recount the week's booked orders straight from the CSV the init wrote.
        let orders = try CSVTable(path: dir + "/data/orders.csv")
        let week = orders.rows.filter { $0["order_date"]! >= "2026-02-23" && $0["order_date"]! <= "2026-03-01" }
        let booked = week.filter { ["completed", "shipped"].contains($0["status"]!) }
        let cents = booked.map { Int($0["quantity"]!)! * Int($0["unit_price"]!.replacingOccurrences(of: ".", with: ""))! }.reduce(0, +)
        XCTAssertGreaterThan(booked.count, 10, "the sample week should hold a real number of orders")
        XCTAssertEqual(json.actual("orders", key: "ALL"), Double(booked.count))
        XCTAssertEqual(json.actual("bookings", key: "ALL"), Double(cents) / 100)
        XCTAssertEqual(json.actual("orders", key: "app"), Double(booked.filter { $0["product_line"] == "app" }.count))
        XCTAssertNotNil(json.result("bookings", key: "ALL")?["target"] as? Double, "the sample targets cover the week")
    }

    func testStarterConfigLoadsAndExplainsEveryKey() throws {
        let dir = temp.path
        XCTAssertEqual(try CLI.run(["init", dir]).status, 0)
        let config = try ConfigLoader.load(path: dir + "/kpireview.yml")
        XCTAssertEqual(config.sources.map(\.name), ["orders", "costs", "usage"])
        XCTAssertEqual(config.kpis.count, 7)
        XCTAssertEqual(config.productLines.map(\.group), ["Software", "Software", "Hardware"])
        let text = try String(contentsOfFile: dir + "/kpireview.yml", encoding: .utf8)
        for key in ["title:", "company:", "currency:", "week_start:", "fiscal_year_start_month:", "path:", "date:",
                    "product_line:", "date_format:", "delimiter:", "decimal:", "thousands:", "stale_after_days:",
                    "targets:", "product_lines:", "unknown_product_line:", "max_reject_ratio:", "agg:", "value:",
                    "where:", "unit:", "better:", "amber:", "forecast:", "history:", "prefix:", "formats:",
                    "status_style:", "raw_sheet:"] {
            let lines = text.split(separator: "\n").filter { $0.contains(key) }
            XCTAssertTrue(lines.contains { $0.contains("#") }, "\(key) has no explaining comment")
        }
    }

    func testStarterFilesAreTheSameOnEveryInit() throws {
        XCTAssertEqual(try CLI.run(["init", temp.path + "/a"]).status, 0)
        XCTAssertEqual(try CLI.run(["init", temp.path + "/b"]).status, 0)
        for file in ["kpireview.yml", "data/orders.csv", "data/targets.csv"] {
            XCTAssertEqual(FileManager.default.contents(atPath: temp.path + "/a/" + file),
                           FileManager.default.contents(atPath: temp.path + "/b/" + file), file)
        }
    }

    func testInitRefusesToOverwriteUnlessForced() throws {
        let dir = temp.path
        XCTAssertEqual(try CLI.run(["init", dir]).status, 0)
        let config = dir + "/kpireview.yml"
        try "# my edits\n".write(toFile: config, atomically: true, encoding: .utf8)

        let again = try CLI.run(["init", dir])
        XCTAssertEqual(again.status, 2)
        XCTAssertTrue(again.stderr.contains("kpireview: error: \(dir)/kpireview.yml"), again.stderr)
        XCTAssertTrue(again.stderr.contains("already exist"), again.stderr)
        XCTAssertTrue(again.stderr.contains("--force"), again.stderr)
        XCTAssertEqual(try String(contentsOfFile: config, encoding: .utf8), "# my edits\n", "a refused init touches nothing")

        XCTAssertEqual(try CLI.run(["init", dir, "--force"]).status, 0)
        XCTAssertTrue(try String(contentsOfFile: config, encoding: .utf8).hasPrefix("# kpireview.yml — starter"))
    }

    // MARK: --from-csv

    /// A European export: `;` delimiter, decimal comma with `.` thousands, dd/mm/yy dates, headers with spaces.
    static let europeanExport = """
    Order Date;Order #;Product Category;Order Status;Total Price;Items Sold\r
    13/02/26;999;Garden Tools;Paid;7,5;1\r
    16/02/26;1000;Kitchen;Paid;5,00;2\r
    23/02/26;1001;Garden Tools;Paid;1.234,50;3\r
    24/02/26;1002;Kitchen;Paid;10,25;1\r
    25/02/26;1003;Garden Tools;Refunded;99,99;1\r
    01/03/26;1004;Kitchen;Paid;2.000,00;4\r
    02/03/26;1005;Kitchen;Paid;1,00;1\r

    """

    func testFromCSVReadsAnUnusualExportIntoAConfigThatRuns() throws {
        let export = temp.appendingPathComponent("Shop Export.csv").path
        try Self.europeanExport.write(toFile: export, atomically: true, encoding: .utf8)
        let dir = temp.appendingPathComponent("review").path
        let initRun = try CLI.run(["init", dir, "--from-csv", export])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        // Every assumption is printed, not only written.
        XCTAssertTrue(initRun.stdout.contains("delimiter ';'"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("%d/%m/%y: values such as '13/02/26' have a number above 12, so day first"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("decimal ','"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("product line column 'Product Category'"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("--as-of 2026-03-02"), initRun.stdout)

        let config = try ConfigLoader.load(path: dir + "/kpireview.yml")
        let source = try XCTUnwrap(config.sources.first)
        XCTAssertEqual(source.name, "shop_export")
        XCTAssertEqual(URL(fileURLWithPath: source.path).standardizedFileURL.path, temp.appendingPathComponent("Shop Export.csv").standardizedFileURL.path)
        XCTAssertEqual(source.dateColumn, "Order Date")
        XCTAssertEqual(source.dateFormat.pattern, "%d/%m/%y")
        XCTAssertEqual(source.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(source.numberFormat.decimal, UInt8(ascii: ","))
        XCTAssertEqual(source.productLine, .column("Product Category"))
        XCTAssertEqual(config.kpis.map(\.id), ["shop_export_count", "total_price", "items_sold"])
        XCTAssertEqual(config.kpi("total_price")?.measure?.valueText, "Total Price")
        let yaml = try String(contentsOfFile: dir + "/kpireview.yml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("# where: \"`Order Status` in ('Paid')\""), "the status filter is proposed, commented")

        let out = dir + "/reports"
        let run = try CLI.run(["run", "--config", dir + "/kpireview.yml", "--as-of", "2026-03-01",
                               "--cadence", "weekly", "--out", out, "--format", "md,json"])
        XCTAssertTrue([0, 3].contains(run.status), run.stderr)
        let json = try JSONReport(path: out + "/weekly/2026-W09/kpi-review-weekly-2026-W09.json")
        // 23/02 … 01/03/26: 1 234,50 + 10,25 + 99,99 + 2 000,00 (02/03 is after as-of).
        XCTAssertEqual(json.actual("total_price", key: "ALL"), 3344.74)
        XCTAssertEqual(json.actual("total_price", key: "Garden Tools"), 1334.49)
        XCTAssertEqual(json.actual("shop_export_count", key: "ALL"), 4)
        XCTAssertEqual(json.actual("items_sold", key: "Kitchen"), 5)
    }

    func testFromCSVSaysWhenItAssumedDayFirst() throws {
        let export = temp.appendingPathComponent("traffic.csv").path
        try "day,channel,visits\n01/02/2026,Web,120\n02/02/2026,App,80\n03/02/2026,Web,95\n".write(toFile: export, atomically: true, encoding: .utf8)
        let initRun = try CLI.run(["init", temp.path, "--from-csv", export])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        XCTAssertTrue(initRun.stdout.contains("ASSUMED day-first"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("use %m/%d/%Y if the export is month-first"), initRun.stdout)
        let yaml = try String(contentsOfFile: temp.path + "/kpireview.yml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("#   - date column 'day', date_format %d/%m/%Y: ASSUMED day-first"), yaml)
        let config = try ConfigLoader.load(path: temp.path + "/kpireview.yml")
        XCTAssertEqual(config.sources.first?.dateFormat.pattern, "%d/%m/%Y")
        XCTAssertEqual(config.sources.first?.productLine, .column("channel"))
        XCTAssertEqual(config.sources.first?.path, export)
    }

    func testFromCSVFindsMonthFirstTabsAndAConstantLine() throws {
        let export = temp.appendingPathComponent("exports/subs.tsv").path
        try FileManager.default.createDirectory(atPath: temp.path + "/exports", withIntermediateDirectories: true)
        var text = "Signup Date\tAccount\tMonthly Fee\n"
        for i in 1...20 { text += "03/\(i < 10 ? "0" : "")\(i)/2026 09:30\tacct-\(i)\t$\(i),000.00\n" }
        try text.write(toFile: export, atomically: true, encoding: .utf8)
        let initRun = try CLI.run(["init", temp.path, "--from-csv", export])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        XCTAssertTrue(initRun.stdout.contains("delimiter tab"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("product line 'subs'"), initRun.stdout)
        let config = try ConfigLoader.load(path: temp.path + "/kpireview.yml")
        let source = try XCTUnwrap(config.sources.first)
        XCTAssertEqual(source.dateFormat.pattern, "%m/%d/%Y %H:%M")
        XCTAssertEqual(source.delimiter, 9)
        XCTAssertEqual(source.productLine, .constant("subs"))
        XCTAssertEqual(config.currency, "USD")
        XCTAssertEqual(config.kpis.map(\.id), ["subs_count", "monthly_fee"])
        // Inside the config's folder, the path stays relative.
        XCTAssertEqual(source.path, temp.path + "/exports/subs.tsv")
        let yaml = try String(contentsOfFile: temp.path + "/kpireview.yml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("path: exports/subs.tsv"), yaml)

        let run = try CLI.run(["run", "--config", temp.path + "/kpireview.yml", "--as-of", "2026-03-31",
                               "--cadence", "monthly", "--out", temp.path + "/reports", "--format", "json"])
        XCTAssertTrue([0, 3].contains(run.status), run.stderr)
        let json = try JSONReport(path: temp.path + "/reports/monthly/2026-03/kpi-review-monthly-2026-03.json")
        // March 1 … 20 (the data starts on the month's first day, so March has a value): 1 000 + … + 20 000.
        XCTAssertEqual(json.actual("monthly_fee", key: "ALL"), 210_000)
        XCTAssertEqual(json.actual("subs_count", key: "subs"), 20)
    }

    func testFromCSVOffersFirstForOpeningLevelsAndLastForBalances() throws {
        let export = temp.appendingPathComponent("staff.csv").path
        var text = "date,team,opening_headcount,balance,payroll\n"
        for i in 1...20 { text += "2026-03-\(i < 10 ? "0" : "")\(i),team-\(i % 3),\(100 + i),\(5000 + i).00,\(i)00.00\n" }
        try text.write(toFile: export, atomically: true, encoding: .utf8)
        let initRun = try CLI.run(["init", temp.path, "--from-csv", export])
        XCTAssertEqual(initRun.status, 0, initRun.stderr)
        let config = try ConfigLoader.load(path: temp.path + "/kpireview.yml")
        let aggs = config.kpis.compactMap { k in k.measure.map { "\(k.id):\($0.agg.rawValue)" } }
        // A level is never summed over days: the opening one takes the window's earliest day, the balance its latest.
        XCTAssertEqual(aggs, ["staff_count:count", "payroll:sum", "opening_headcount:first", "balance:last"])
        let yaml = try String(contentsOfFile: temp.path + "/kpireview.yml", encoding: .utf8)
        XCTAssertTrue(yaml.contains("  # - { id: balance_opening, name: Opening balance, source: staff, agg: first, value: balance, unit: currency }"), yaml)
    }

    func testFromCSVMissingFileIsAnError() throws {
        let run = try CLI.run(["init", temp.path, "--from-csv", temp.path + "/nope.csv"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("nope.csv: file not found"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.path + "/kpireview.yml"))
    }

    // MARK: The documented worked example

    func testWorkedExampleRunsAsDocumented() throws {
        let config = CLI.repositoryRoot.appendingPathComponent("docs/worked-example/kpireview.yml").path
        let out = temp.path + "/reports"
        let run = try CLI.run(["run", "--config", config, "--as-of", "2025-02-28", "--cadence", "monthly",
                               "--out", out, "--format", "md,json"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let json = try JSONReport(path: out + "/monthly/2025-02/superstore-monthly-2025-02.json")
        // Hand-summed from the 13 order lines dated February 2025 (docs/worked-example.md).
        XCTAssertEqual(json.actual("sales", key: "ALL"), 9480.16)
        XCTAssertEqual(json.actual("sales", key: "technology"), 8455.21)
        XCTAssertEqual(json.actual("orders", key: "ALL"), 11)
        XCTAssertEqual(json.actual("phone_sales", key: "ALL"), 962.96)
        XCTAssertEqual(json.actual("same_day_orders", key: "ALL"), 5)
        XCTAssertEqual(json.result("sales", key: "ALL")?["target"] as? Double, 8250)
        XCTAssertEqual(json.result("sales", key: "furniture")?["status"] as? String, "red")
        XCTAssertEqual(try XCTUnwrap(json.actual("profit_margin", key: "ALL")), 1729.25 / 9480.16, accuracy: 1e-12)
    }

    func testWorkedExampleDraftIsWhatTheDocsShow() throws {
        // The docs run `init` from the repository root; rebuild that layout in the temp folder.
        let docs = temp.appendingPathComponent("docs/worked-example")
        try FileManager.default.createDirectory(at: docs, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: CLI.repositoryRoot.appendingPathComponent("docs/worked-example/superstore_orders.csv"),
            to: docs.appendingPathComponent("superstore_orders.csv"))
        let run = try CLI.run(["init", "review", "--from-csv", "docs/worked-example/superstore_orders.csv"], in: temp)
        XCTAssertEqual(run.status, 0, run.stderr)
        let page = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("docs/worked-example.md"), encoding: .utf8)
        let start = try XCTUnwrap(page.range(of: "```\nwrote review"))
        let end = try XCTUnwrap(page.range(of: "```", range: start.upperBound..<page.endIndex))
        XCTAssertEqual(String(page[page.index(start.lowerBound, offsetBy: 4)..<end.lowerBound]), run.stdout)
        _ = try ConfigLoader.load(path: temp.path + "/review/kpireview.yml")
    }
}

// MARK: Helpers

/// Runs the built `kpireview` binary.
enum CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var repositoryRoot: URL { TestPaths.packageRoot }

    static var binary: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("kpireview"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("kpireview"),
            Bundle(for: InitTests.self).bundleURL.deletingLastPathComponent().appendingPathComponent("kpireview"),
            repositoryRoot.appendingPathComponent(".build/debug/kpireview"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// The report JSON (SPEC 7.3), just enough to look values up.
struct JSONReport {
    var root: [String: Any]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        root = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    var kpiIDs: [String] { ((root["kpis"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String } }

    func result(_ kpi: String, key: String) -> [String: Any]? {
        ((root["results"] as? [[String: Any]]) ?? []).first { $0["kpi"] as? String == kpi && $0["key"] as? String == key }
    }

    func actual(_ kpi: String, key: String) -> Double? { result(kpi, key: key)?["actual"] as? Double }
}

/// A plain comma-separated file without quotes, as the starter data is written.
struct CSVTable {
    var rows: [[String: String]]

    init(path: String) throws {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        rows = lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
