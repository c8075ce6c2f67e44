import Foundation
import XCTest
import KPITestSupport

/// Issue 23 through the built binary: `agg: first`, no invented zeros, MTD and the WBR box,
/// `history.months_axis: fiscal_year`, `%a` dates and repeated header names.
final class WBRRunTests: KPIReviewTestCase {
    /// A case folder of `fixtures/cases`, run as its case.json says, into the scratch folder's `out`.
    func runCase(_ name: String, formats: String = "json") throws -> (CommandResult, [String: Any]) {
        let folder = packageRoot.appendingPathComponent("fixtures/cases/" + name)
        let args = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("case.json"))) as? [String: Any] ?? [:]
        let cadence = args["cadence"] as? String ?? "weekly"
        var run = ["run", "--config", folder.appendingPathComponent("kpireview.yml").path, "--cadence", cadence,
                   "--as-of", args["as_of"] as? String ?? "", "--out", "out", "--format", formats]
        if let p = args["period"] as? String { run += ["--period", p] }
        let r = try kpireview(run)
        let cadenceFolder = dir.appendingPathComponent("out/" + cadence)
        let period = try FileManager.default.contentsOfDirectory(atPath: cadenceFolder.path).sorted().first ?? ""
        let file = try FileManager.default.contentsOfDirectory(atPath: cadenceFolder.appendingPathComponent(period).path)
            .first { $0.hasSuffix(".json") && $0 != "manifest.json" } ?? ""
        return (r, try json("out/\(cadence)/\(period)/\(file)"))
    }

    func row(_ doc: [String: Any], _ kpi: String, _ key: String) -> [String: Any] {
        (doc["results"] as? [[String: Any]] ?? []).first { $0["kpi"] as? String == kpi && $0["key"] as? String == key } ?? [:]
    }

    func testFirstAggregationValidatesAndRuns() throws {
        let config = packageRoot.appendingPathComponent("fixtures/cases/first-aggregation/kpireview.yml").path
        let v = try kpireview("validate", "--config", config)
        assertExit(v, 0)
        let (r, doc) = try runCase("first-aggregation")
        assertExit(r, 0)
        // A's earliest timestamp on its earliest day (100 + 5), B's earliest day (50 + 30).
        XCTAssertEqual(row(doc, "opening_headcount", "A")["actual"] as? Double, 105)
        XCTAssertEqual(row(doc, "opening_headcount", "B")["actual"] as? Double, 80)
        XCTAssertEqual(row(doc, "opening_headcount", "ALL")["actual"] as? Double, 185)
        XCTAssertEqual(row(doc, "opening_headcount", "ALL")["target"] as? Double, 200)
    }

    func testFirstNeedsAValue() throws {
        try write("orders.csv", goodOrders)
        try write("kpireview.yml", baseConfig.replacingOccurrences(
            of: "unit: count }", with: "unit: count }\n  - { id: opening, source: orders, agg: first }"))
        let r = try kpireview("validate")
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("'agg: first' needs a 'value'"), r.stderr)
    }

    /// A column that stops being filled: the month after is null in JSON, "—" in Markdown, an empty
    /// cell in the workbook and a gap in the HTML chart (fixtures/cases/column-stops-being-filled).
    func testColumnThatStopsBeingFilled() throws {
        let (r, doc) = try runCase("column-stops-being-filled", formats: "json,md,xlsx,html")
        assertExit(r, 0)
        XCTAssertTrue(row(doc, "revenue", "A")["actual"] is NSNull)
        XCTAssertTrue(row(doc, "revenue", "A")["prior_change_pct"] is NSNull)
        XCTAssertEqual(row(doc, "orders", "A")["actual"] as? Double, 2)
        let highlights = (doc["highlights"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String }
        XCTAssertFalse(highlights.contains { $0.contains("100.0%") && $0.contains("fell") }, "\(highlights)")
        XCTAssertFalse(highlights.contains { $0.hasPrefix("Revenue for") || $0.hasPrefix("Discounts") }, "\(highlights)")

        let base = "out/monthly/2026-08/kpi-review-monthly-2026-08"
        let md = try readText(base + ".md")
        let alpha = try XCTUnwrap(md.components(separatedBy: "### Alpha").last?.components(separatedBy: "### Beta").first)
        XCTAssertTrue(alpha.contains("| Revenue | — | — | — | ⚪ | — | — | — |"), alpha)

        try Processes.requirePython("openpyxl")
        let cells = try Processes.python(["-c", """
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            card = [r for r in wb['Scorecard'].iter_rows(values_only=True) if r[0] == 'Revenue' and r[1] == 'Alpha'][0]
            trend = [r for r in wb['Discounts'].iter_rows(values_only=True) if r[1] == '2026-07'][0]
            print(repr(card[2]), repr(trend[4]))
            """, dir.appendingPathComponent(base + ".xlsx").path])
        XCTAssertEqual(cells.stdoutText, "None None\n", cells.stderrText)

        // The Discounts chart's this-year line runs Jan–Jun (six points) and stops: July is a gap, not a drop to 0.
        let html = try readText(base + ".html")
        let chart = try XCTUnwrap(html.components(separatedBy: ">Discounts</title>").dropFirst().first?.components(separatedBy: "</svg>").first)
        let lines = chart.components(separatedBy: "<polyline points=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(lines.count, 1, chart)
        XCTAssertEqual(lines.first?.split(separator: " ").count, 6, chart)
    }

    /// MTD through the binary: in progress (to as-of), a week crossing into a month (its MTD is
    /// the new month's days only), the monthly review (null), and the fiscal month on a retail calendar.
    func testMonthToDateInWeeklyReviewsOnly() throws {
        let folder = packageRoot.appendingPathComponent("fixtures/cases/mtd-weekly")
        let config = folder.appendingPathComponent("kpireview.yml").path
        func report(_ args: [String], _ path: String) throws -> [String: Any] {
            let r = try kpireview(["run", "--config", config, "--out", "out", "--format", "json"] + args)
            assertExit(r, 0)
            return try json("out/" + path)
        }
        // Wed 11-11: W46 in progress; MTD 11-01 … 11-11 = 8 × 20 + 3 × 30, its yoy 11 × 10, target 600 × 11 / 30.
        let current = try report(["--as-of", "2026-11-11", "--period", "current"], "weekly/2026-W46/kpi-review-weekly-2026-W46.json")
        XCTAssertEqual((current["windows"] as? [String: Any]).flatMap { $0["mtd"] as? [String: Any] }?["end"] as? String, "2026-11-11")
        let all = row(current, "revenue", "ALL")
        XCTAssertEqual(all["mtd"] as? Double, 250)
        XCTAssertEqual(all["mtd_yoy"] as? Double, 110)
        XCTAssertEqual(all["mtd_target"] as? Double, 220)
        // W44 (10-26 … 11-01) ends on November's first day: MTD is that day.
        let crossing = try report(["--as-of", "2026-11-15", "--period", "2026-W44"], "weekly/2026-W44/kpi-review-weekly-2026-W44.json")
        let windows = crossing["windows"] as? [String: Any]
        XCTAssertEqual((windows?["mtd"] as? [String: Any])?["start"] as? String, "2026-11-01")
        XCTAssertEqual((windows?["mtd"] as? [String: Any])?["id"] as? String, "2026-11")
        XCTAssertEqual(row(crossing, "revenue", "ALL")["mtd"] as? Double, 20)
        XCTAssertEqual(row(crossing, "revenue", "ALL")["mtd_yoy"] as? Double, 10)
        // A monthly review: no MTD.
        let month = try report(["--as-of", "2026-11-15", "--cadence", "monthly", "--period", "2026-10"], "monthly/2026-10/kpi-review-monthly-2026-10.json")
        XCTAssertTrue((month["windows"] as? [String: Any])?["mtd"] is NSNull)
        XCTAssertTrue(row(month, "revenue", "ALL")["mtd"] is NSNull)
        XCTAssertEqual(row(month, "revenue", "ALL")["qtd_yoy_change_pct"] as? Double, 1)

        // NRF's 4-5-4 calendar: FY2026-W41 (11-08 … 11-14) lies in FY2026-M10 (from 11-01).
        try write("retail.yml", (try String(contentsOfFile: config, encoding: .utf8))
            .replacingOccurrences(of: "sales.csv", with: folder.appendingPathComponent("sales.csv").path)
            .replacingOccurrences(of: "targets: targets.csv\n", with: "calendar: { type: retail, pattern: 4-5-4, year_end_rule: nearest, fiscal_year_named_by: start }\n"))
        let r = try kpireview("run", "--config", "retail.yml", "--out", "out", "--format", "json", "--as-of", "2026-11-15")
        assertExit(r, 0)
        let retail = try json("out/weekly/FY2026-W41/kpi-review-weekly-FY2026-W41.json")
        let mtd = (retail["windows"] as? [String: Any])?["mtd"] as? [String: Any]
        XCTAssertEqual(mtd?["id"] as? String, "FY2026-M10")
        XCTAssertEqual(mtd?["start"] as? String, "2026-11-01")
        XCTAssertEqual(mtd?["end"] as? String, "2026-11-14")
        // 11-01 … 11-08 at 20, 11-09 … 11-14 at 30.
        XCTAssertEqual(row(retail, "revenue", "ALL")["mtd"] as? Double, 8 * 20 + 6 * 30)
    }

    /// `history.months_axis: fiscal_year` through the binary: the workbook's trend sheet and the HTML chart
    /// carry the fiscal year's twelve months, later ones without an actual; a monthly review too; a bad value
    /// is a config error at its position.
    func testFiscalYearMonthsAxisInEveryWriter() throws {
        let (r, doc) = try runCase("months-axis-fiscal-year", formats: "json,xlsx,html")
        assertExit(r, 0)
        XCTAssertEqual((row(doc, "revenue", "ALL")["history"] as? [[String: Any]])?.count, 18)
        let base = "out/weekly/2026-W46/kpi-review-weekly-2026-W46"
        try Processes.requirePython("openpyxl")
        let cells = try Processes.python(["-c", """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1])['Revenue']
            months = [r for r in ws.iter_rows(values_only=True) if r[0] == 'Month']
            print(len(months), months[0][1], months[-1][1], repr(months[5][4]), months[5][5], months[5][6], len(ws._charts))
            """, dir.appendingPathComponent(base + ".xlsx").path])
        // 12 months 2026-07 … 2027-06; December (the sixth) has no actual, last year 310, target 900; two charts.
        XCTAssertEqual(cells.stdoutText, "12 2026-07 2027-06 None 310 900 2\n", cells.stderrText)
        let html = try readText(base + ".html")
        XCTAssertTrue(html.contains(">FY2027 by month</text>"), "the months panel names the fiscal year")

        let folder = packageRoot.appendingPathComponent("fixtures/cases/months-axis-fiscal-year")
        let monthly = try kpireview("run", "--config", folder.appendingPathComponent("kpireview.yml").path, "--cadence", "monthly",
                                    "--period", "2026-10", "--as-of", "2026-11-15", "--out", "out", "--format", "json")
        assertExit(monthly, 0)
        let history = row(try json("out/monthly/2026-10/kpi-review-monthly-2026-10.json"), "revenue", "ALL")["history"] as? [[String: Any]] ?? []
        XCTAssertEqual(history.map { $0["id"] as? String ?? "" }, ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12",
                                                                     "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"])
        XCTAssertEqual(history[3]["actual"] as? Double, 620)
        XCTAssertTrue(history[4]["actual"] is NSNull, "November is after the October review's end")
        XCTAssertEqual(history[4]["yoy"] as? Double, 300)

        try write("orders.csv", goodOrders)
        try write("kpireview.yml", baseConfig + "history: { months_axis: calendar }\n")
        let bad = try kpireview("validate")
        assertExit(bad, 2)
        XCTAssertTrue(bad.stderr.contains("kpireview: error: kpireview.yml:11:25: 'months_axis' must be one of trailing, fiscal_year in history (calendar)"), bad.stderr)
    }

    /// An export with weekday names in its dates and a header naming a column twice: `init` guesses
    /// `%a, %d-%b-%Y`, leaves the repeated column alone, and the draft validates and runs.
    func testInitGuessesWeekdayDatesAndSkipsARepeatedColumn() throws {
        try write("export.csv", """
            Order Date,Segment,Sales,Note,note
            "Sun, 05-Jan-2020",Consumer,100.50,a,b
            "Monday, 06-Jan-2020",Corporate,20.25,,
            "tue, 07-JAN-2020",Consumer,30.00,c,
            "Sat, 11-Jan-2020",Consumer,5.00,,d

            """)
        let initRun = try kpireview("init", "draft", "--from-csv", "export.csv")
        assertExit(initRun, 0)
        XCTAssertTrue(initRun.stdout.contains("date_format %a, %d-%b-%Y: a weekday name first"), initRun.stdout)
        XCTAssertTrue(initRun.stdout.contains("'note' names columns 4 and 5: no KPI uses it"), initRun.stdout)
        let yaml = try readText("draft/kpireview.yml")
        XCTAssertTrue(yaml.contains("date_format: \"%a, %d-%b-%Y\""), yaml)
        assertExit(try kpireview("validate", "--config", "draft/kpireview.yml", "--as-of", "2020-01-11"), 0)
        let run = try kpireview("run", "--config", "draft/kpireview.yml", "--as-of", "2020-01-12", "--cadence", "weekly",
                                "--period", "2020-W02", "--out", "out", "--format", "json")
        XCTAssertTrue([0, 3].contains(run.exitCode), run.stderr)
        // ISO week 2020-W02 is Mon 01-06 … Sun 01-12: 20.25 + 30 + 5.
        let doc = try json("out/weekly/2020-W02/kpi-review-weekly-2020-W02.json")
        XCTAssertEqual(row(doc, "sales", "ALL")["actual"] as? Double, 55.25)
    }
}
