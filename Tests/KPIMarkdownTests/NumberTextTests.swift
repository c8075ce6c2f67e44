import XCTest
import KPIFields
import KPIReport

final class NumberTextTests: XCTestCase {
    private func money(_ v: Double, _ symbol: String = "$") -> String {
        NumberText.value(.fixed(Fixed.rounding(v) ?? .zero), unit: .currency, currencySymbol: symbol)
    }

    func testCurrencyUsesCentsBelowAThousandThenThreeSignificantDigits() {
        XCTAssertEqual(money(845.2), "$845.20")
        XCTAssertEqual(money(999.5), "$999.50")
        XCTAssertEqual(money(1_234), "$1.23K")
        XCTAssertEqual(money(12_400), "$12.4K")
        XCTAssertEqual(money(123_456), "$123K")
        XCTAssertEqual(money(1_234_567), "$1.23M")
        XCTAssertEqual(money(12_345_678), "$12.3M")
        XCTAssertEqual(money(1_500_000_000), "$1.50B")
        XCTAssertEqual(money(2_000_000_000_000), "$2.00T")
    }

    func testCurrencyRoundingBoundariesMoveToTheNextTier() {
        XCTAssertEqual(money(999_999), "$1.00M")
        XCTAssertEqual(money(999_499), "$999K")
        XCTAssertEqual(money(999.995), "$1.00K")
        XCTAssertEqual(money(999.994), "$999.99")
        XCTAssertEqual(money(9_995), "$10.0K")
        XCTAssertEqual(money(99_950), "$100K")
    }

    func testRoundingIsHalfAwayFromZeroOnTheDecimalText() {
        // 845.205 is not exact in binary; the shortest text is, and that is what a reader sees.
        XCTAssertEqual(NumberText.value(.double(845.205), unit: .currency, currencySymbol: "$"), "$845.21")
        XCTAssertEqual(money(845.205), "$845.21")
        XCTAssertEqual(money(-845.205), "−$845.21")
        XCTAssertEqual(NumberText.value(.double(0.12355), unit: .percent, currencySymbol: "$"), "12.4%")
        XCTAssertEqual(NumberText.value(.double(0.12345), unit: .percent, currencySymbol: "$"), "12.3%")
    }

    func testNegativesUseARealMinusAndZeroHasNoSign() {
        XCTAssertEqual(money(-1_234_567), "−$1.23M")
        XCTAssertEqual(money(0), "$0.00")
        XCTAssertEqual(money(-0.001), "$0.00")
        XCTAssertEqual(NumberText.value(.double(-0.0004), unit: .percent, currencySymbol: "$"), "0.0%")
    }

    func testCurrencyCodeGetsASpace() {
        XCTAssertEqual(money(1_230_000, "CHF"), "CHF 1.23M")
        XCTAssertEqual(money(12.5, "€"), "€12.50")
    }

    func testCountsPercentsRatiosAndNumbers() {
        XCTAssertEqual(NumberText.value(.fixed(Fixed(integer: 1_234)), unit: .count, currencySymbol: "$"), "1,234")
        XCTAssertEqual(NumberText.value(.fixed(Fixed(integer: 1_234_567)), unit: .count, currencySymbol: "$"), "1,234,567")
        XCTAssertEqual(NumberText.value(.fixed(Fixed(integer: 999_999)), unit: .count, currencySymbol: "$"), "999,999")
        XCTAssertEqual(NumberText.value(.double(12.5), unit: .count, currencySymbol: "$"), "12.5")
        XCTAssertEqual(NumberText.value(.double(874_361_782.5), unit: .count, currencySymbol: "$"), "874,361,783")  // a forecast of calls
        XCTAssertEqual(NumberText.value(.double(0.124), unit: .percent, currencySymbol: "$"), "12.4%")
        XCTAssertEqual(NumberText.value(.double(1.234), unit: .ratio, currencySymbol: "$"), "1.23")
        XCTAssertEqual(NumberText.value(.double(1_234.5), unit: .number, currencySymbol: "$"), "1,234.50")
        XCTAssertEqual(NumberText.value(.double(2_500_000), unit: .number, currencySymbol: "$"), "2.50M")
        XCTAssertEqual(NumberText.value(.fixed(Fixed(integer: 42)), unit: .number, currencySymbol: "$"), "42")
    }

    func testMissingIsADash() {
        XCTAssertEqual(NumberText.value(nil, unit: .currency, currencySymbol: "$"), "—")
        XCTAssertEqual(NumberText.change(nil, pct: nil, unit: .count), "—")
        XCTAssertEqual(NumberText.change(nil, pct: nil, unit: .percent), "—")
        XCTAssertEqual(NumberText.percent(nil), "—")
        XCTAssertEqual(NumberText.percent(.nan), "—")
    }

    func testChangesAreSignedAndPercentKPIsChangeInPoints() {
        XCTAssertEqual(NumberText.change(.double(0.031), pct: 0.08, unit: .percent), "+3.1 pts")
        XCTAssertEqual(NumberText.change(.double(-0.02), pct: -0.05, unit: .percent), "−2.0 pts")
        XCTAssertEqual(NumberText.change(.fixed(Fixed(integer: 120)), pct: 120.0 / 4700.0, unit: .count), "+2.6%")
        XCTAssertEqual(NumberText.change(.fixed(Fixed(integer: -65_000)), pct: -65.0 / 1275.0, unit: .currency), "−5.1%")
        XCTAssertEqual(NumberText.change(.fixed(.zero), pct: 0, unit: .currency), "0.0%")
        XCTAssertEqual(NumberText.change(.fixed(.zero), pct: -0.0004, unit: .currency), "0.0%")
    }

    func testChangeWithoutAPercentageShowsTheSignedAmount() {
        // The prior was 0, so there is no percentage: the amount itself, signed.
        XCTAssertEqual(NumberText.change(.fixed(Fixed(integer: 500)), pct: nil, unit: .currency), "+$500.00")
        XCTAssertEqual(NumberText.change(.fixed(Fixed(integer: -12_400)), pct: nil, unit: .currency), "−$12.4K")
        XCTAssertEqual(NumberText.change(.fixed(.zero), pct: nil, unit: .count), "0")
    }

    func testPercentAndPoints() {
        XCTAssertEqual(NumberText.percent(1.042), "104.2%")
        XCTAssertEqual(NumberText.percent(12.345), "1,234.5%")
        XCTAssertEqual(NumberText.percent(-0.25), "−25.0%")
        XCTAssertEqual(NumberText.signedPercent(0.0625), "+6.3%")
        XCTAssertEqual(NumberText.points(-0.041), "−4.1 pts")
        XCTAssertEqual(NumberText.magnitudePoints(-0.041), "4.1 pts")
    }
}
