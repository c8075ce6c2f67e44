import KPIExpr
import KPIFields
import XCTest
@testable import KPIConfig

final class ExprHelpersTests: XCTestCase {
    static let yaml = """
    sources:
      s: { path: s.csv, date: d, product_line: l }
    kpis:
      - { id: margin_pct, formula: (revenue - cost) / revenue }
      - { id: margin, formula: revenue - cost }
      - { id: revenue, source: s, agg: sum, value: amount }
      - { id: cost, source: s, agg: sum, value: cost }
      - { id: orders, source: s, agg: count }
      - { id: customers, source: s, agg: count_distinct, value: customer }
      - { id: price, source: s, agg: avg, value: price }
      - { id: users, source: s, agg: last, value: users }
      - { id: aov, formula: revenue / orders }
      - { id: doubled, formula: (revenue + cost) * 2 }
      - { id: in_thousands, formula: -margin / 1000 }
      - { id: plus_five, formula: revenue + 5 }
      - { id: over_zero, formula: revenue / 0 }
      - { id: with_avg, formula: revenue + price }
      - { id: margin_of_margin, formula: margin + margin_pct }
    """

    func testAdditivity() throws {
        let config = try XCTUnwrap(parseValid(Self.yaml))
        let additive = config.kpis.map(\.id).filter { config.isAdditive($0) }
        XCTAssertEqual(additive, ["margin", "revenue", "cost", "orders", "doubled", "in_thousands"])
        XCTAssertFalse(config.isAdditive("no_such_kpi"))
    }

    func testTopologicalOrderPutsInputsFirst() throws {
        let config = try XCTUnwrap(parseValid(Self.yaml))
        let order = config.topologicalKPIOrder()
        XCTAssertEqual(order, [
            "revenue", "cost", "margin_pct", "margin", "orders", "customers", "price", "users", "aov", "doubled",
            "in_thousands", "plus_five", "over_zero", "with_avg", "margin_of_margin",
        ])
        XCTAssertEqual(Set(order), Set(config.kpis.map(\.id)))
    }

    func testReferencedNamesInOrderWithoutRepeats() {
        let expr = ValueExpr.binary(.div, .binary(.sub, .name("revenue"), .name("cost")), .name("revenue"))
        XCTAssertEqual(expr.referencedNames, ["revenue", "cost"])
    }

    func testSuggestions() {
        XCTAssertEqual(Suggest.closest(to: "stale_after_day", among: ConfigBuilder.sourceKeys), "stale_after_days")
        XCTAssertEqual(Suggest.closest(to: "Title", among: ConfigBuilder.topLevelKeys), "title")
        XCTAssertEqual(Suggest.closest(to: "prodcut_line", among: ConfigBuilder.sourceKeys), "product_line")
        XCTAssertNil(Suggest.closest(to: "colour", among: ["amber"]))
        XCTAssertEqual(Suggest.distance(Array("kitten"), Array("sitting")), 3)
        XCTAssertEqual(Suggest.distance(Array("ab"), Array("ba")), 1)
        XCTAssertEqual(ConfigBuilder.offset(of: "order", in: "orders + order"), 9)
    }
}
