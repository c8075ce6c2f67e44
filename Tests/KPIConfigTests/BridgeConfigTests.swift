import XCTest
@testable import KPIConfig

/// `bridge: { quantity: … }` (SPEC 6.5): a sum KPI and a sum or count KPI of the same source.
final class BridgeConfigTests: XCTestCase {
    let sources = """
    sources:
      orders: { path: o.csv, date: d, product_line: l }
      usage: { path: u.csv, date: d, product_line: l }
    kpis:
    """

    func testAValidBridge() throws {
        let config = try XCTUnwrap(parseValid(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: units } }
          - { id: units, source: orders, agg: sum, value: qty }
          - { id: orders, source: orders, agg: count, where: "qty > 0" }
          - { id: bookings, source: orders, agg: sum, value: amount, bridge: { quantity: orders } }
        """))
        XCTAssertEqual(config.kpi("revenue")?.bridge, BridgeConfig(quantity: "units"))
        XCTAssertEqual(config.kpi("bookings")?.bridge, BridgeConfig(quantity: "orders"))
        XCTAssertNil(config.kpi("units")?.bridge)
    }

    func testAQuantityOfAnotherSource() {
        let error = assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: calls } }
          - { id: calls, source: usage, agg: sum, value: n }
        """, line: 5, column: 81, message: "the quantity of a bridge must come from the same source in KPI 'revenue'",
             value: "calls from usage, revenue from orders")
        XCTAssertEqual(error?.hint, "prices are revenue over units of the same rows: count the units in source 'orders'")
    }

    func testAQuantityThatDoesNotAddUp() {
        assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: buyers } }
          - { id: buyers, source: orders, agg: count_distinct, value: customer }
        """, line: 5, column: 81, message: "the quantity of a bridge must be a sum or count KPI (units add up) in KPI 'revenue'",
             value: "buyers: agg count_distinct")
        assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: per } }
          - { id: units, source: orders, agg: sum, value: qty }
          - { id: per, formula: units / 2 }
        """, line: 5, column: 81, message: "the quantity of a bridge must be a sum or count KPI (units add up) in KPI 'revenue'",
             value: "per: a formula")
    }

    func testAnUnknownQuantityKPI() {
        let error = assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: unit } }
          - { id: units, source: orders, agg: sum, value: qty }
        """, line: 5, column: 81, message: "unknown quantity KPI in the bridge of KPI 'revenue'", value: "unit")
        XCTAssertEqual(error?.hint, "did you mean 'units'?")
    }

    func testABridgeOnAKPIThatIsNotASum() {
        assertSingleError(sources + """

          - { id: price, source: orders, agg: avg, value: amount, bridge: { quantity: units } }
          - { id: units, source: orders, agg: sum, value: qty }
        """, line: 5, column: 67, message: "'bridge' needs a sum KPI (revenue split by its units) in KPI 'price'", value: "agg avg")
    }

    func testBridgeKeysAreChecked() {
        assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: { quantity: units, by: line } }
          - { id: units, source: orders, agg: sum, value: qty }
        """, line: 5, column: 88, message: "unknown key in the bridge of KPI 'revenue'", value: "by")
        assertSingleError(sources + """

          - { id: revenue, source: orders, agg: sum, value: amount, bridge: units }
          - { id: units, source: orders, agg: sum, value: qty }
        """, line: 5, column: 69, message: "expected a mapping of keys in the bridge of KPI 'revenue', found a single value")
    }
}
