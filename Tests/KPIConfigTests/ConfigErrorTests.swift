import KPIFields
import XCTest
@testable import KPIConfig

/// Each YAML is written inline so the expected line:column can be read off it (columns are 1-based).
final class ConfigErrorTests: XCTestCase {
    func testUnknownKeyNamesPositionAndClosestKey() {
        let yaml = """
        sources:
          orders:
            path: o.csv
            date: d
            product_line: pl
            stale_after_day: 3
        kpis:
          - { id: n, source: orders, agg: count }
        """
        let error = assertSingleError(yaml, line: 6, column: 5, message: "unknown key in source 'orders'", value: "stale_after_day")
        XCTAssertEqual(error?.hint, "did you mean 'stale_after_days'?")
        XCTAssertEqual(error?.description, "k.yml:6:5: unknown key in source 'orders' (stale_after_day)\nhint: did you mean 'stale_after_days'?")
    }

    func testUnknownKeyFarFromAnyListsTheKnownKeys() {
        let yaml = """
        status: { colour: red }
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: n, source: s, agg: count }
        """
        let error = assertSingleError(yaml, line: 1, column: 11, message: "unknown key in status", value: "colour")
        XCTAssertEqual(error?.hint, "known keys: amber")
    }

    func testMisspeltTopLevelKeyAlsoLeavesARequiredKeyMissing() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpi:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["1:1", "3:1"])
        XCTAssertEqual(errors.map(\.message), ["missing required key 'kpis'", "unknown key"])
        XCTAssertEqual(errors.last?.hint, "did you mean 'kpis'?")
    }

    func testEveryWrongTypeIsCollectedInFileOrder() {
        let yaml = """
        title: [a, b]
        calendar:
          fiscal_year_start_month: 13
          week_start: someday
        sources:
          s: { path: s.csv, date: d, product_line: l, stale_after_days: soon }
        kpis:
          - { id: n, source: s, agg: count, amber: -0.1 }
        history: { weeks: 600 }
        max_reject_ratio: 2
        output: { raw_sheet: maybe, formats: [xlsx, pdf] }
        status:
          amber: -0.05
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" },
                       ["1:8", "3:28", "4:15", "6:65", "8:44", "9:19", "10:19", "11:22", "11:45", "13:10"])
        XCTAssertEqual(errors.map(\.message), [
            "'title' must be text, not a list",
            "'fiscal_year_start_month' must be an integer from 1 to 12 in calendar",
            "'week_start' must be a day of the week, monday to sunday",
            "'stale_after_days' must be an integer from 0 to 3650 in source 's'",
            "'amber' must be a number of at least 0 in KPI 'n'",
            "'weeks' must be an integer from 0 to 520 in history",
            "'max_reject_ratio' must be a number from 0 to 1",
            "'raw_sheet' must be true or false in output",
            "'formats' must be one of xlsx, md, json, html, eml in output",
            "'amber' must be a number of at least 0 in status",
        ])
        XCTAssertEqual(errors.map(\.value), [nil, "13", "someday", "soon", "-0.1", "600", "2", "maybe", "pdf", "-0.05"])
        XCTAssertEqual(errors[2].hint, "known days: monday, tuesday, wednesday, thursday, friday, saturday, sunday")
        let all = ConfigErrors(errors).description.split(separator: "\n")
        XCTAssertEqual(all.first, "k.yml:1:8: 'title' must be text, not a list")
    }

    func testFiscalMonthZeroIsOutOfRange() {
        let yaml = """
        calendar: { fiscal_year_start_month: 0 }
        sources: { s: { path: s.csv, date: d, product_line: l } }
        kpis: [{ id: n, source: s, agg: count }]
        """
        assertSingleError(yaml, line: 1, column: 38, message: "'fiscal_year_start_month' must be an integer from 1 to 12 in calendar",
                          value: "0")
    }

    func testBadEnumValueHintsTheClosestValue() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - id: n
            source: s
            agg: summ
            value: amount
            unit: curency
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["6:10", "8:11"])
        XCTAssertEqual(errors.map(\.message), [
            "'agg' must be one of sum, count, count_distinct, avg, min, max, last, first in KPI 'n'",
            "'unit' must be one of currency, count, percent, ratio, number in KPI 'n'",
        ])
        XCTAssertEqual(errors.map(\.hint), ["did you mean 'sum'?", "did you mean 'currency'?"])
    }

    func testUnknownSourceAndUnknownFormulaInput() {
        let yaml = """
        sources:
          orders: { path: o.csv, date: d, product_line: l }
        kpis:
          - { id: bookings, source: order, agg: sum, value: amount }
          - { id: orders, source: orders, agg: count }
          - { id: aov, formula: bookings / order }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["4:29", "6:36"])
        XCTAssertEqual(errors.map(\.message), ["unknown source in KPI 'bookings'", "unknown KPI in the formula of KPI 'aov'"])
        XCTAssertEqual(errors.map(\.value), ["order", "order"])
        XCTAssertEqual(errors.map(\.hint), ["did you mean 'orders'?", "did you mean 'orders'?"])
    }

    func testFormulaCyclesAreNamedOnceEach() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: base, source: s, agg: count }
          - { id: a, formula: b + base }
          - { id: b, formula: a * 2 }
          - { id: c, formula: c + base }
          - { id: x, formula: y }
          - { id: y, formula: z - base }
          - { id: z, formula: x / 2 }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["5:23", "7:23", "8:23"])
        XCTAssertEqual(errors.map(\.value), ["a -> b -> a", "c -> c", "x -> y -> z -> x"])
        XCTAssertEqual(errors.first?.description, "k.yml:5:23: formula cycle: a KPI cannot depend on itself (a -> b -> a)")
    }

    func testDuplicateIdsPointAtTheSecondDeclaration() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
          s: { path: t.csv, date: d, product_line: l }
        product_lines:
          - { id: cloud }
          - { id: cloud }
        kpis:
          - { id: n, source: s, agg: count }
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["3:3", "6:11", "9:11"])
        XCTAssertEqual(errors.map(\.message), [
            "duplicate source name; first declared on line 2",
            "duplicate product line id; first declared on line 5",
            "duplicate KPI id; first declared on line 8",
        ])
        XCTAssertEqual(errors.map(\.value), ["s", "cloud", "n"])
    }

    func testDuplicateKeyInOneMapping() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l, date: e }
        kpis:
          - { id: n, source: s, agg: count }
        """
        assertSingleError(yaml, line: 2, column: 47, message: "duplicate key in source 's'; first given on line 2", value: "date")
    }

    func testReservedLineAndGroupIds() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        product_lines:
          - { id: ALL }
          - { id: Other }
          - { id: cloud, group: other }
          - { id: edge, group: cloud }
        kpis:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["4:11", "5:11", "6:25", "7:24"])
        XCTAssertEqual(errors.map(\.message), [
            "'ALL' is reserved and cannot be a product line id",
            "'other' is reserved and cannot be a product line id",
            "'other' is reserved and cannot be a group name",
            "a group cannot share a product line's id",
        ])
        XCTAssertEqual(errors.map(\.value), ["ALL", "Other", "other", "cloud"])
    }

    func testAliasNamingAnotherLineIsRejected() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        product_lines:
          - { id: cloud, aliases: [CLOUD] }
          - { id: edge, aliases: [Edge, cloud] }
        kpis:
          - { id: n, source: s, agg: count }
        """
        assertSingleError(yaml, line: 5, column: 33, message: "alias of product line 'edge' already names product line 'cloud'", value: "cloud")
    }

    func testDecimalEqualToThousands() {
        let yaml = """
        sources:
          eu: { path: e.csv, date: d, product_line: l, decimal: ",", thousands: "," }
          us: { path: u.csv, date: d, product_line: l, thousands: "." }
        kpis:
          - { id: n, source: eu, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["2:73", "3:59"])
        XCTAssertEqual(errors.map(\.message), ["'thousands' must differ from 'decimal' in source 'eu'", "'thousands' must differ from 'decimal' in source 'us'"])
        XCTAssertEqual(errors.first?.hint, "with decimal \",\" use thousands \".\", \" \" or \"\"")
    }

    func testBadDelimiterAndDecimal() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l, delimiter: ":", decimal: "·" }
        kpis:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["2:58", "2:72"])
        XCTAssertEqual(errors.map(\.value), [":", "·"])
    }

    func testLinearForecastOnlyOnSumsAndCounts() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: avg_price, source: s, agg: avg, value: price, forecast: linear }
          - { id: units, source: s, agg: sum, value: qty, forecast: linear }
          - { id: per_unit, formula: avg_price / units, forecast: linear }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["4:67", "6:59"])
        XCTAssertEqual(errors.map(\.message), [
            "'forecast: linear' needs agg sum, count or count_distinct in KPI 'avg_price'",
            "'forecast: linear' applies to source KPIs; a formula forecasts from its inputs' forecasts in KPI 'per_unit'",
        ])
        XCTAssertEqual(errors.first?.value, "agg avg")
    }

    func testAggOtherThanCountNeedsAValue() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: total, source: s, agg: sum }
          - { id: rows, source: s, agg: count }
        """
        assertSingleError(yaml, line: 4, column: 34, message: "'agg: sum' needs a 'value' (a column or arithmetic over columns) in KPI 'total'")
    }

    func testSourceAndFormulaBothOrNeither() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: n, source: s, agg: count }
          - { id: both, source: s, agg: count, formula: n * 2 }
          - id: neither
            unit: count
          - { id: derived, formula: n / 2, agg: sum }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["5:5", "6:5", "8:36"])
        XCTAssertEqual(errors.map(\.message), [
            "a KPI takes either 'source' or 'formula', not both, in KPI 'both'",
            "a KPI needs 'source' (with 'agg') or 'formula' in KPI 'neither'",
            "'agg' applies to source KPIs; a formula KPI is computed from other KPIs in KPI 'derived'",
        ])
    }

    func testMissingAndNullRequiredKeys() {
        let yaml = """
        sources:
          orders:
            date: d
            product_line: l
          usage:
            path:
            date: d
            product_line: l
        kpis:
          - { source: orders, agg: count }
          - { id: u, source: usage }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["3:5", "6:5", "10:5", "11:5"])
        XCTAssertEqual(errors.map(\.message), [
            "missing required key 'path' in source 'orders'",
            "'path' needs a value in source 'usage'",
            "missing required key 'id' in KPI #1",
            "missing required key 'agg' in KPI 'u'",
        ])
    }

    func testUnknownKeyInAKPINamesTheKPI() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: n, source: s, agg: count, wher: "x == 1" }
        """
        let error = assertSingleError(yaml, line: 4, column: 37, message: "unknown key in KPI 'n'", value: "wher")
        XCTAssertEqual(error?.hint, "did you mean 'where'?")
    }

    func testKPIIdMustBeUsableInFormulas() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: gross-margin, source: s, agg: count }
        """
        assertSingleError(yaml, line: 4, column: 11,
                          message: "a KPI id must start with a letter or '_' and use only letters, digits and '_' (formulas refer to it)",
                          value: "gross-margin")
    }

    func testProductLineBindingErrors() {
        let yaml = """
        sources:
          a: { path: a.csv, date: d, product_line: { column: c, constant: x } }
          b: { path: b.csv, date: d, product_line: { constant: clod } }
          c: { path: c.csv, date: d, product_line: { constant: ALL } }
          d: { path: d.csv, date: d, product_line: {} }
        product_lines:
          - { id: cloud }
        kpis:
          - { id: n, source: a, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["2:44", "3:56", "4:56", "5:44"])
        XCTAssertEqual(errors.map(\.message), [
            "'product_line' takes either 'column' or 'constant', not both, in source 'a'",
            "constant product line of source 'b' is not in product_lines",
            "'ALL' is reserved and cannot be a product line",
            "'product_line' needs 'column' (the column holding the line) or 'constant' (one line for every row) in source 'd'",
        ])
        XCTAssertEqual(errors[1].hint, "did you mean 'cloud'?")
    }

    func testOutputChecks() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: n, source: s, agg: count }
        output:
          prefix: reports/kpi
          formats: [md, md]
          status_style: emojis
          raw_sheet_max_rows: 0
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["6:11", "7:17", "8:17", "9:23"])
        XCTAssertEqual(errors.map(\.value), ["reports/kpi", "md", "emojis", "0"])
        XCTAssertEqual(errors[2].hint, "did you mean 'emoji'?")
    }

    func testWrongShapesOfSections() {
        let yaml = """
        sources: [orders]
        kpis:
          n: { source: s, agg: count }
        product_lines: cloud
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["1:10", "3:3", "4:16"])
        XCTAssertEqual(errors.map(\.message), [
            "'sources' must map source names to their settings, found a list",
            "'kpis' must be a list of KPI definitions, not a mapping",
            "'product_lines' must be a list of {id, name, group, aliases}, not a single value",
        ])
    }

    func testFormulaSyntaxErrorColumnInsidePlainAndQuotedScalars() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: a, source: s, agg: count }
          - { id: b, source: s, agg: count }
          - { id: plain, formula: a $ b }
          - { id: quoted, formula: "a + $b" }
        """
        let errors = parseErrors(yaml)
        // plain: the value starts at column 27, '$' is character 2 of it; quoted: '"' at 28, '$' is character 4 after it.
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["6:29", "7:33"])
        XCTAssertEqual(errors.map(\.value), ["a $ b", "a + $b"])
        XCTAssertTrue(errors.allSatisfy { $0.message.hasPrefix("invalid 'formula' in KPI '") })
    }

    /// Runs once KPIExpr's real parser is merged (the placeholder accepts any text).
    func testWhereAndValueSyntaxErrorColumns() throws {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: a, source: s, agg: sum, value: price * , where: "status == 'x'" }
          - id: b
            source: s
            agg: count
            where: status = 'x'
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["4:49", "8:19"])
        XCTAssertEqual(errors.map(\.value), ["price *", "status = 'x'"])
        XCTAssertEqual(errors.map { $0.message.components(separatedBy: ":").first }, ["invalid 'value' in KPI 'a'", "invalid 'where' in KPI 'b'"])
    }

    /// Runs once KPIFields's real date_format validation is merged (the placeholder accepts any pattern).
    func testDateFormatErrorColumn() throws {
        try XCTSkipIf((try? DateFormat(pattern: "%Q")) != nil, "KPIFields still ships its placeholder date_format")
        let yaml = """
        sources:
          s:
            path: s.csv
            date: d
            product_line: l
            date_format: "%d/%Q/%Y"
        kpis:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.map { "\($0.line):\($0.column)" }, ["6:22"])
        XCTAssertEqual(errors.first?.value, "%d/%Q/%Y")
    }

    func testExpressionPositionOfEachScalarStyle() throws {
        let root = try XCTUnwrap(try Yams.compose(yaml: "a: x + y\nb: 'x + y'\nc: \"x + y\"\nd: |\n  x + y\n"))
        let mapping = try XCTUnwrap(root.mapping)
        let positions = ["a", "b", "c", "d"].map { key -> String in
            guard let node = mapping[key] else { return "missing" }
            let p = NodeReader.expressionPosition(of: node, offset: 2)
            return "\(p.line):\(p.column)"
        }
        XCTAssertEqual(positions, ["1:6", "2:7", "3:7", "4:4"])
    }

    func testYAMLSyntaxErrorIsPositioned() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l
        kpis:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first.map { "\($0.line):\($0.column)" }, "3:5")
        XCTAssertEqual(errors.first?.message.hasPrefix("invalid YAML: "), true)
    }

    func testBadIndentationIsASyntaxError() {
        let yaml = """
        sources:
          s: { path: s.csv, date: d, product_line: l }
         kpis:
          - { id: n, source: s, agg: count }
        """
        let errors = parseErrors(yaml)
        XCTAssertEqual(errors.count, 1)
        XCTAssertEqual(errors.first.map { "\($0.line):\($0.column)" }, "3:2")
        XCTAssertEqual(errors.first?.message, "invalid YAML: did not find expected key, while parsing a block mapping at line 1, column 1")
    }

    func testEmptyConfig() {
        XCTAssertEqual(parseErrors("# nothing yet\n").map(\.description),
                       ["k.yml:1:1: config file is empty: it needs at least 'sources' and 'kpis'"])
    }
}

import Yams

/// Nesting that would overflow the YAML parser's stack is a config error where it goes too deep (issue 15 item 4).
final class ConfigNestingTests: XCTestCase {
    func testTenThousandOpenBracketsAreAnError() {
        let yaml = "title: " + String(repeating: "[", count: 10_000)
        // The 64th '[' is column 7 + 64.
        assertSingleError(yaml, line: 1, column: 71,
                          message: "config nested too deeply (more than 64 levels of mappings, lists or brackets)")
    }

    func testThreeThousandNestedBlockMappingsAreAnError() {
        let yaml = (0..<3000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n")
        assertSingleError(yaml, line: 65, column: 65,
                          message: "config nested too deeply (more than 64 levels of mappings, lists or brackets)")
    }

    func testNestedDashesCountAsLevels() {
        let yaml = String(repeating: "- ", count: 100) + "x"
        assertSingleError(yaml, line: 1, column: 127,
                          message: "config nested too deeply (more than 64 levels of mappings, lists or brackets)")
    }

    func testBracketsInsideQuotesAndCommentsDoNotCount() {
        let yaml = """
        title: "\(String(repeating: "[", count: 200))"   # \(String(repeating: "{", count: 200))
        company: '\(String(repeating: "{", count: 200))'
        sources:
          s: { path: s.csv, date: d, product_line: l }
        kpis:
          - { id: n, source: s, agg: count }
        """
        XCTAssertNotNil(parseValid(yaml))
    }
}
