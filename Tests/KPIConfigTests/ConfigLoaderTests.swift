import KPICalendar
import KPIExpr
import KPIFields
import XCTest
@testable import KPIConfig

final class ConfigLoaderTests: XCTestCase {
    /// The example of SPEC 3, verbatim.
    static let specExample = #"""
    title: Acme weekly business review        # optional
    company: Acme Corp                         # optional
    currency: USD                              # display only (symbol in formats)
    calendar:
      week_start: monday                       # monday..sunday
      fiscal_year_start_month: 1               # 1..12; FY named by the calendar year in which it ends
    sources:
      orders:
        path: data/orders.csv                  # relative to the config file
        date: order_date                       # column holding the row's date (or date-time)
        product_line: product_line             # column holding the product line
        date_format: "%Y-%m-%d"                # optional, see 4.2
        delimiter: ","                         # optional: "," ";" "\t" "|"
        decimal: "."                           # optional: "." or ","
        thousands: ","                         # optional: "", ",", ".", " "
        stale_after_days: 3                    # optional: freshness warning threshold (7.3)
      revenue: { path: data/revenue.csv, date: date, product_line: product_line }
      costs:   { path: data/costs.csv,   date: date, product_line: product_line }
      usage:   { path: data/usage.csv,   date: date, product_line: product_line }
    targets: data/targets.csv                  # optional
    product_lines:                             # optional; display order, names, groups, aliases
      - { id: cloud, name: Cloud Platform, group: Enterprise, aliases: ["CLOUD", "Cloud Platform"] }
    unknown_product_line: other                # other (bucket "other") | reject
    max_reject_ratio: 0.01                     # above this share of a source's checked rows rejected, fail (4.4)
    kpis:
      - id: bookings
        name: Bookings
        source: orders
        agg: sum                               # sum | count | count_distinct | avg | min | max | last
        value: quantity * unit_price * (1 - discount)   # a column, or arithmetic over columns
        where: status in ('completed', 'shipped')
        unit: currency                         # currency | count | percent | ratio | number
        better: higher                         # higher | lower
        # amber: 0.05                          # optional per-KPI status band
        # forecast: linear                     # optional: linear | flat (see 6.4)
      - { id: orders, name: Orders, source: orders, agg: count, where: "status in ('completed', 'shipped')", unit: count }
      - { id: aov, name: Average order value, formula: bookings / orders, unit: currency }
      - { id: revenue, name: Revenue, source: revenue, agg: sum, value: amount, unit: currency }
      - { id: cost, name: Cost, source: costs, agg: sum, value: amount, unit: currency, better: lower }
      - { id: gross_margin_pct, name: Gross margin, formula: (revenue - cost) / revenue, unit: percent }
      - { id: active_users, name: Active users, source: usage, agg: last, value: value,
          where: "metric == 'active_users'", unit: count }
    status:
      amber: 0.10                              # within 10% of target on the wrong side -> amber
    history: { weeks: 6, months: 12, quarters: 8 }
    output:
      prefix: kpi-review
      formats: [xlsx, md, json, html]
      status_style: emoji                      # emoji | text
      raw_sheet: false                         # optional raw-data sheet in the workbook (7.1)
    """#

    static let minimal = """
    sources:
      sales: { path: sales.csv, date: day, product_line: line }
    kpis:
      - { id: revenue, source: sales, agg: sum, value: amount }
    """

    func testSpecExampleTopLevel() throws {
        let config = try XCTUnwrap(parseValid(Self.specExample, path: "acme/kpireview.yml"))
        XCTAssertEqual(config.path, "acme/kpireview.yml")
        XCTAssertEqual(config.directory, "acme")
        XCTAssertEqual(config.title, "Acme weekly business review")
        XCTAssertEqual(config.company, "Acme Corp")
        XCTAssertEqual(config.currency, "USD")
        XCTAssertEqual(config.calendar, CalendarRules(weekStart: .monday, fiscalYearStartMonth: 1))
        XCTAssertEqual(config.targetsPath, "acme/data/targets.csv")
        XCTAssertEqual(config.unknownProductLine, .other)
        XCTAssertEqual(config.maxRejectRatio, 0.01)
        XCTAssertEqual(config.statusAmber, 0.10)
        XCTAssertEqual(config.history, HistoryDepth(weeks: 6, months: 12, quarters: 8))
        XCTAssertEqual(config.output.prefix, "kpi-review")
        XCTAssertEqual(config.output.formats, [.xlsx, .md, .json, .html])
        XCTAssertEqual(config.output.statusStyle, "emoji")
        XCTAssertFalse(config.output.rawSheet)
        XCTAssertEqual(config.output.rawSheetMaxRows, 100_000)

        XCTAssertEqual(config.productLines.count, 1)
        let cloud = try XCTUnwrap(config.productLines.first)
        XCTAssertEqual(cloud.id, "cloud")
        XCTAssertEqual(cloud.name, "Cloud Platform")
        XCTAssertEqual(cloud.group, "Enterprise")
        XCTAssertEqual(cloud.aliases, ["CLOUD", "Cloud Platform"])
    }

    func testSpecExampleSources() throws {
        let config = try XCTUnwrap(parseValid(Self.specExample, path: "acme/kpireview.yml"))
        XCTAssertEqual(config.sources.map(\.name), ["orders", "revenue", "costs", "usage"])
        let orders = try XCTUnwrap(config.source(named: "orders"))
        XCTAssertEqual(orders.path, "acme/data/orders.csv")
        XCTAssertEqual(orders.dateColumn, "order_date")
        XCTAssertEqual(orders.productLine, .column("product_line"))
        XCTAssertEqual(orders.dateFormat.pattern, "%Y-%m-%d")
        XCTAssertEqual(orders.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(orders.numberFormat, NumberFormat(decimal: UInt8(ascii: "."), thousands: UInt8(ascii: ","), allowPercent: false))
        XCTAssertEqual(orders.staleAfterDays, 3)
        XCTAssertEqual(orders.line, 8)
        XCTAssertEqual(orders.column, 3)

        let costs = try XCTUnwrap(config.source(named: "costs"))
        XCTAssertEqual(costs.path, "acme/data/costs.csv")
        XCTAssertEqual(costs.dateColumn, "date")
        XCTAssertNil(costs.dateFormat.pattern, "no date_format means the ISO forms")
        XCTAssertEqual(costs.line, 18)
        XCTAssertNil(config.source(named: "nope"))
    }

    func testSpecExampleKPIs() throws {
        let config = try XCTUnwrap(parseValid(Self.specExample, path: "acme/kpireview.yml"))
        XCTAssertEqual(config.kpis.map(\.id), ["bookings", "orders", "aov", "revenue", "cost", "gross_margin_pct", "active_users"])

        let bookings = try XCTUnwrap(config.kpi("bookings"))
        XCTAssertEqual(bookings.name, "Bookings")
        XCTAssertEqual(bookings.unit, .currency)
        XCTAssertEqual(bookings.better, .higher)
        XCTAssertNil(bookings.amber)
        XCTAssertNil(bookings.forecast)
        XCTAssertEqual(bookings.line, 26)
        XCTAssertEqual(bookings.column, 5)
        let measure = try XCTUnwrap(bookings.measure)
        XCTAssertEqual(measure.source, "orders")
        XCTAssertEqual(measure.agg, .sum)
        XCTAssertEqual(measure.valueText, "quantity * unit_price * (1 - discount)")
        XCTAssertEqual(measure.whereText, "status in ('completed', 'shipped')")
        XCTAssertNotNil(measure.value)
        XCTAssertNotNil(measure.filter)

        let orders = try XCTUnwrap(config.kpi("orders")?.measure)
        XCTAssertEqual(orders.agg, .count)
        XCTAssertNil(orders.value)
        XCTAssertEqual(orders.whereText, "status in ('completed', 'shipped')")

        let cost = try XCTUnwrap(config.kpi("cost"))
        XCTAssertEqual(cost.better, .lower)

        let margin = try XCTUnwrap(config.kpi("gross_margin_pct"))
        XCTAssertEqual(margin.unit, .percent)
        guard case .formula(let expr, let text) = margin.kind else { return XCTFail("gross_margin_pct is a formula") }
        XCTAssertEqual(text, "(revenue - cost) / revenue")
        XCTAssertEqual(expr.referencedNames, ["revenue", "cost"])

        let users = try XCTUnwrap(config.kpi("active_users"))
        XCTAssertEqual(users.measure?.agg, .last)
        XCTAssertEqual(users.measure?.whereText, "metric == 'active_users'")
        XCTAssertEqual(users.unit, .count)
    }

    func testMinimalConfigTakesEveryDefault() throws {
        let config = try XCTUnwrap(parseValid(Self.minimal, path: "kpireview.yml"))
        XCTAssertNil(config.title)
        XCTAssertNil(config.company)
        XCTAssertEqual(config.directory, ".")
        XCTAssertEqual(config.currency, "USD")
        XCTAssertEqual(config.calendar.weekStart, .monday)
        XCTAssertEqual(config.calendar.fiscalYearStartMonth, 1)
        XCTAssertNil(config.targetsPath)
        XCTAssertTrue(config.productLines.isEmpty)
        XCTAssertEqual(config.unknownProductLine, .other)
        XCTAssertEqual(config.maxRejectRatio, 0.01)
        XCTAssertEqual(config.statusAmber, 0.10)
        XCTAssertEqual(config.history, HistoryDepth(weeks: 6, months: 12, quarters: 8))
        XCTAssertEqual(config.output.prefix, "kpi-review")
        XCTAssertEqual(config.output.formats, [.xlsx, .md, .json, .html])
        XCTAssertEqual(config.output.statusStyle, "emoji")
        XCTAssertFalse(config.output.rawSheet)
        XCTAssertEqual(config.output.rawSheetMaxRows, 100_000)

        let sales = try XCTUnwrap(config.sources.first)
        XCTAssertEqual(sales.path, "sales.csv", "a config in the working directory leaves relative paths as they are")
        XCTAssertEqual(sales.delimiter, UInt8(ascii: ","))
        XCTAssertEqual(sales.numberFormat.decimal, UInt8(ascii: "."))
        XCTAssertEqual(sales.numberFormat.thousands, UInt8(ascii: ","))
        XCTAssertFalse(sales.numberFormat.allowPercent)
        XCTAssertEqual(sales.staleAfterDays, 3)
        XCTAssertNil(sales.dateFormat.pattern)

        let revenue = try XCTUnwrap(config.kpi("revenue"))
        XCTAssertEqual(revenue.name, "revenue", "name defaults to the id")
        XCTAssertEqual(revenue.unit, .number)
        XCTAssertEqual(revenue.better, .higher)
        XCTAssertEqual(revenue.line, 4)
        XCTAssertEqual(revenue.column, 5)
    }

    func testEverySettingOverridden() throws {
        let yaml = #"""
        currency: EUR
        calendar: { week_start: Sunday, fiscal_year_start_month: 7 }
        sources:
          eu:
            path: /data/eu.csv
            date: Datum
            product_line: { column: Category }
            delimiter: "\t"
            decimal: ","
            stale_after_days: 31
          cloud:
            path: ./cloud.csv
            date: day
            product_line: { constant: cloud }
            delimiter: '\t'
            decimal: ","
            thousands: ""
          pipes: { path: p.csv, date: d, product_line: l, delimiter: "|", thousands: " " }
        product_lines:
          - id: cloud
          - { id: edge, name: Edge, group: Devices }
        unknown_product_line: reject
        max_reject_ratio: 0
        kpis:
          - { id: customers, source: eu, agg: count_distinct, value: customer_id, forecast: linear, amber: 0.05 }
          - { id: spend, source: cloud, agg: avg, value: amount, forecast: flat, better: lower, unit: ratio }
          - { id: per_day, formula: customers / 7, forecast: flat }
        status: { amber: 0 }
        history: { weeks: 0, months: 24 }
        output:
          prefix: acme
          formats: md
          status_style: text
          raw_sheet: true
          raw_sheet_max_rows: 5000
        """#
        let config = try XCTUnwrap(parseValid(yaml, path: "/etc/kpi/k.yml"))
        XCTAssertEqual(config.currency, "EUR")
        XCTAssertEqual(config.calendar, CalendarRules(weekStart: .sunday, fiscalYearStartMonth: 7))
        XCTAssertEqual(config.unknownProductLine, .reject)
        XCTAssertEqual(config.maxRejectRatio, 0)
        XCTAssertEqual(config.statusAmber, 0)
        XCTAssertEqual(config.history, HistoryDepth(weeks: 0, months: 24, quarters: 8))
        XCTAssertEqual(config.output.prefix, "acme")
        XCTAssertEqual(config.output.formats, [.md])
        XCTAssertEqual(config.output.statusStyle, "text")
        XCTAssertTrue(config.output.rawSheet)
        XCTAssertEqual(config.output.rawSheetMaxRows, 5000)

        let eu = try XCTUnwrap(config.source(named: "eu"))
        XCTAssertEqual(eu.path, "/data/eu.csv", "absolute paths stay")
        XCTAssertEqual(eu.productLine, .column("Category"))
        XCTAssertEqual(eu.delimiter, 9, "YAML's \"\\t\" escape is a tab")
        XCTAssertEqual(eu.numberFormat.decimal, UInt8(ascii: ","))
        XCTAssertEqual(eu.numberFormat.thousands, UInt8(ascii: "."), "decimal ',' alone makes thousands '.'")
        XCTAssertEqual(eu.staleAfterDays, 31)

        let cloud = try XCTUnwrap(config.source(named: "cloud"))
        XCTAssertEqual(cloud.path, "/etc/kpi/cloud.csv")
        XCTAssertEqual(cloud.productLine, .constant("cloud"))
        XCTAssertEqual(cloud.delimiter, 9, "the two characters \\t also mean a tab")
        XCTAssertEqual(cloud.numberFormat.thousands, 0, "\"\" means no thousands separator")

        let pipes = try XCTUnwrap(config.source(named: "pipes"))
        XCTAssertEqual(pipes.delimiter, UInt8(ascii: "|"))
        XCTAssertEqual(pipes.numberFormat.thousands, UInt8(ascii: " "))

        XCTAssertEqual(config.productLines.map(\.id), ["cloud", "edge"])
        XCTAssertEqual(config.productLines.map(\.name), ["cloud", "Edge"])
        XCTAssertEqual(config.productLines.map(\.group), [nil, "Devices"])

        XCTAssertEqual(config.kpi("customers")?.measure?.agg, .countDistinct)
        XCTAssertEqual(config.kpi("customers")?.forecast, .linear)
        XCTAssertEqual(config.kpi("customers")?.amber, 0.05)
        XCTAssertEqual(config.kpi("spend")?.forecast, .flat)
        XCTAssertEqual(config.kpi("spend")?.better, .lower)
        XCTAssertEqual(config.kpi("spend")?.unit, .ratio)
        XCTAssertEqual(config.kpi("per_day")?.forecast, .flat)
    }

    func testRelativePathsResolveAgainstTheConfigFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpiconfig-\(UInt32.random(in: 0...UInt32.max))")
        let folder = root.appendingPathComponent("review")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let file = folder.appendingPathComponent("kpireview.yml")
        let yaml = """
        targets: plan/targets.csv
        sources:
          sales: { path: data/sales.csv, date: day, product_line: line }
          abs: { path: /srv/abs.csv, date: day, product_line: line }
        kpis:
          - { id: revenue, source: sales, agg: sum, value: amount }
        """
        try yaml.write(to: file, atomically: true, encoding: .utf8)

        let config = try ConfigLoader.load(path: file.path)
        XCTAssertEqual(config.path, file.path)
        XCTAssertEqual(config.directory, folder.path)
        XCTAssertEqual(config.source(named: "sales")?.path, folder.path + "/data/sales.csv")
        XCTAssertEqual(config.source(named: "abs")?.path, "/srv/abs.csv")
        XCTAssertEqual(config.targetsPath, folder.path + "/plan/targets.csv")
    }

    func testPathHelpers() {
        XCTAssertEqual(ConfigPaths.directory(of: "kpireview.yml"), ".")
        XCTAssertEqual(ConfigPaths.directory(of: "a/b/k.yml"), "a/b")
        XCTAssertEqual(ConfigPaths.directory(of: "/k.yml"), "/")
        XCTAssertEqual(ConfigPaths.resolve("x.csv", against: "/"), "/x.csv")
        XCTAssertEqual(ConfigPaths.resolve("./x.csv", against: "a"), "a/x.csv")
        XCTAssertEqual(ConfigPaths.resolve("../x.csv", against: "a"), "a/../x.csv")
    }

    func testMissingFileIsOneErrorNamingThePath() {
        do {
            _ = try ConfigLoader.load(path: "/nonexistent/kpireview.yml")
            XCTFail("a missing file must fail")
        } catch {
            XCTAssertEqual(error.errors.count, 1)
            XCTAssertEqual(error.errors.first?.line, 0)
            XCTAssertEqual(error.errors.first?.column, 0)
            XCTAssertEqual(error.description, "/nonexistent/kpireview.yml: config file not found")
        }
    }

    func testDirectoryInsteadOfFileCannotBeRead() {
        do {
            _ = try ConfigLoader.load(path: NSTemporaryDirectory())
            XCTFail("a directory is not a config")
        } catch {
            XCTAssertEqual(error.errors.map(\.message), ["cannot read config file"])
        }
    }

    func testByteOrderMarkDoesNotShiftColumns() {
        let errors = parseErrors("\u{FEFF}titel: x\n" + Self.minimal)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["1:1"])
        XCTAssertEqual(errors.first?.hint, "did you mean 'title'?")
    }
}
