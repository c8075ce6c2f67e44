import Foundation
import XCTest
import KPITestSupport

/// Currencies (SPEC 13) through the binary: the `fx` file's errors are config errors at
/// file:line:column (exit 2, nothing written); so are a source's bad `currency`; a converted run lists
/// the rates in JSON, the manifest and the Notes sheet.
final class FxTests: KPIReviewTestCase {
    static let config = """
        title: FX review
        currency: USD
        fx: fx.csv
        max_reject_ratio: 0.9
        sources:
          orders: { path: orders.csv, date: order_date, product_line: product_line, currency: { column: currency } }
        kpis:
          - { id: bookings, name: Bookings, source: orders, agg: sum, value: amount, unit: currency }

        """
    static let orders = """
        order_date,product_line,currency,amount
        2026-11-09,cloud,USD,100
        2026-11-10,cloud,EUR,10
        2026-11-11,cloud,JPY,1000
        2026-11-14,cloud,USD,1

        """

    override func setUpWithError() throws {
        try super.setUpWithError()
        try write("kpireview.yml", Self.config)
        try write("orders.csv", Self.orders)
    }

    func useRates(_ rows: String) throws { try write("fx.csv", "date,currency,rate\n" + rows) }

    func assertConfigError(_ expected: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try runReview()
        assertExit(r, 2, file: file, line: line)
        XCTAssertEqual(r.stderrLines, expected, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        assertNothingWritten(file: file, line: line)
    }

    func testAConvertedRunListsTheRatesUsedInJSONAndTheManifest() throws {
        try useRates("2026-11-01,EUR,1.08\n2026-11-01,JPY,0.0066\n2026-11-12,EUR,1.1\n")
        let r = try runReview("--format", "json,xlsx,md")
        assertExit(r, 0)
        let report = "out/weekly/2026-W46/kpi-review-weekly-2026-W46.json"
        // 100 + 10 × 1.08 + 1000 × 0.0066 + 1 = 100 + 10.8 + 6.6 + 1.
        XCTAssertEqual(try result(report, kpi: "bookings", key: "ALL")["actual"] as? Double, 118.4)
        let rates = try json(report)["fx_rates"] as? [[String: String]]
        XCTAssertEqual(rates, [["currency": "EUR", "first_date": "2026-11-01", "last_date": "2026-11-01"],
                               ["currency": "JPY", "first_date": "2026-11-01", "last_date": "2026-11-01"]])
        let manifest = try readText("out/weekly/2026-W46/manifest.json")
        XCTAssertTrue(manifest.contains("{\"name\": \"fx\", \"path\": \"fx.csv\", \"sha256\": \""), manifest)
        try assertNotesListRates("out/weekly/2026-W46/kpi-review-weekly-2026-W46.xlsx")
        let summary = try readText("out/weekly/2026-W46/kpi-review-weekly-2026-W46.md")
        XCTAssertTrue(summary.contains("Converted into USD at the latest rate on or before each row's date; rates used: EUR (2026-11-01), JPY (2026-11-01)."), summary)
    }

    func assertNotesListRates(_ xlsx: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try Processes.requirePython("openpyxl")
        let script = """
            import sys, openpyxl
            ws = openpyxl.load_workbook(sys.argv[1])["Notes"]
            rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
            start = next(i for i, r in enumerate(rows) if r[0] == "Exchange rates")
            for r in rows[start + 2:start + 4]:
                print(r[0], r[1], r[2].date(), r[5], r[4].date(), r[6])
            print(any(r[0] == "fx" and r[7] == "fx.csv" for r in rows))
            """
        let out = try Processes.python(["-c", script, dir.appendingPathComponent(xlsx).path])
        XCTAssertEqual(out.stdoutText, "EUR 1 2026-11-01 1.08 2026-11-01 1.08\nJPY 1 2026-11-01 0.0066 2026-11-01 0.0066\nTrue\n",
                       String(decoding: out.stderr, as: UTF8.self), file: file, line: line)
    }

    func testWithoutFxTheRatesAreAnEmptyList() throws {
        try write("kpireview.yml", baseConfig)
        try write("orders.csv", "order_date,product_line,amount,status\n2026-11-14,cloud,5,ok\n")
        assertExit(try runReview(), 0)
        let rates = try json(w46JSON)["fx_rates"] as? [Any]
        XCTAssertEqual(rates?.count, 0)
    }

    func testADuplicateDateAndCurrency() throws {
        try useRates("2026-11-01,EUR,1.08\n2026-11-02,EUR,1.09\n2026-11-01,EUR,1.1\n")
        try assertConfigError(["kpireview: error: fx.csv:4:1: duplicate rate for EUR on 2026-11-01 (first on line 2) (2026-11-01)"])
    }

    func testANonPositiveOrUnparsableRateAndABadCodeAreAllReported() throws {
        try useRates("2026-11-01,EUR,0\n2026-11-01,JPY,-0.0066\n2026-11-01,GBP,\"1,17\"\n2026-11-01,eur,1.1\n2026-11-01,EURO,1.1\n2026-11-01,CHF,1.2.3\n2026-11-01,GBP,1,17\n")
        try assertConfigError([
            "kpireview: error: fx.csv:2:3: rate must be above 0 (0)",
            "kpireview: error: fx.csv:3:3: rate must be above 0 (-0.0066)",
            "kpireview: error: fx.csv:4:3: rate is not a number (1,17)",
            "kpireview: error: fx.csv:5:2: a currency code is three capital letters (ISO 4217) (eur)",
            "hint: write EUR",
            "kpireview: error: fx.csv:6:2: a currency code is three capital letters (ISO 4217) (EURO)",
            "kpireview: error: fx.csv:7:3: rate is not a number (1.2.3)",
            "kpireview: error: fx.csv:8:4: expected 3 fields, found 4",
        ])
    }

    func testAnUnparsableDateAndTooManyDecimals() throws {
        try useRates("2026-13-01,EUR,1.08\n2026-11-01,JPY,0.0066123456789\n")
        try assertConfigError([
            "kpireview: error: fx.csv:2:1: date does not parse (2026-13-01)",
            "hint: write dates as YYYY-MM-DD",
            "kpireview: error: fx.csv:3:3: rate has more than 12 decimals (0.0066123456789)",
        ])
    }

    func testTheBaseCurrencyRateIsOne() throws {
        try useRates("2026-11-01,USD,1.0\n2026-11-02,USD,1.01\n")
        try assertConfigError(["kpireview: error: fx.csv:3:3: the rate of the base currency USD is 1 (1.01)"])
    }

    func testAMissingColumnAndAMissingFile() throws {
        try write("fx.csv", "date,code,rate\n2026-11-01,EUR,1\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.hasPrefix("kpireview: error: fx.csv:1:1: fx file lacks column(s) currency (columns found: date, code, rate)"), r.stderr)
        assertNothingWritten()
        try FileManager.default.removeItem(at: dir.appendingPathComponent("fx.csv"))
        let missing = try runReview()
        assertExit(missing, 2)
        XCTAssertTrue(missing.stderr.contains("fx.csv"), missing.stderr)
        assertNothingWritten()
    }

    func testCurrencyConfigErrorsAreFoundBeforeAnyInputIsRead() throws {
        // No fx.csv exists: the config errors come first.
        try write("kpireview.yml", """
            currency: USD
            sources:
              orders: { path: orders.csv, date: order_date, product_line: product_line, currency: { constant: eur } }
              other: { path: orders.csv, date: order_date, product_line: product_line, currency: currency }
              third: { path: orders.csv, date: order_date, product_line: product_line, currency: { column: currency, constant: EUR } }
            kpis:
              - { id: bookings, name: Bookings, source: orders, agg: sum, value: amount, unit: currency }

            """)
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines, [
            "kpireview: error: kpireview.yml:3:99: a currency code is three capital letters (ISO 4217) in currency of source 'orders' (eur)",
            "hint: write EUR",
            "kpireview: error: kpireview.yml:4:86: 'currency' of source 'other' takes {column: NAME} (the column holding each row's currency) or {constant: CODE} (currency)",
            "hint: e.g. currency: { column: currency } or currency: { constant: EUR }",
            "kpireview: error: kpireview.yml:5:86: 'currency' takes either 'column' or 'constant', not both, in source 'third'",
        ])
        assertNothingWritten()
    }

    func testACurrencyWithoutAnFxFileIsAConfigError() throws {
        try write("kpireview.yml", Self.config.replacingOccurrences(of: "fx: fx.csv\n", with: ""))
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertEqual(r.stderrLines.first,
                       "kpireview: error: kpireview.yml:5:87: source 'orders' sets 'currency' but the config names no 'fx' rates file to convert its rows with")
        assertNothingWritten()
    }

    func testAnUnknownFxKeyInASourceIsStillAnError() throws {
        try write("kpireview.yml", Self.config.replacingOccurrences(of: "currency: { column: currency }", with: "currency: { colum: currency }"))
        try useRates("2026-11-01,EUR,1.08\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("kpireview.yml:6:89: unknown key in currency of source 'orders' (colum)"), r.stderr)
        assertNothingWritten()
    }

    func testAMissingCurrencyColumnNamesTheSource() throws {
        try useRates("2026-11-01,EUR,1.08\n")
        try write("orders.csv", "order_date,product_line,amount\n2026-11-09,cloud,100\n")
        let r = try runReview()
        assertExit(r, 2)
        XCTAssertTrue(r.stderr.contains("source 'orders' lacks column(s) 'currency'"), r.stderr)
    }

    func testRowsWithoutARateAreRejectedWithTheReason() throws {
        try useRates("2026-11-10,EUR,1.08\n")
        let r = try runReview()
        assertExit(r, 3)
        // JPY has no rates at all; the USD row needs none; EUR's first rate is on the EUR row's day.
        XCTAssertEqual(try readText("out/rejects/orders.csv"), """
            line,column,reason,raw
            4,currency,no fx rate for JPY on or before 2026-11-11 (JPY),"2026-11-11,cloud,JPY,1000"

            """)
        // 100 + 10 × 1.08 + 1.
        XCTAssertEqual(try result("out/weekly/2026-W46/kpi-review-weekly-2026-W46.json", kpi: "bookings", key: "ALL")["actual"] as? Double, 111.8)
    }
}
