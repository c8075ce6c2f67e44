import KPIReport
import KPITestSupport
import XCTest

@testable import KPIMetrics

/// SPEC 6.5's bridge: hand-worked lines and the identity as a property over random data.
final class PriceVolumeMixTests: XCTestCase {
    typealias L = PriceVolumeMix.Line

    func testContinuingLinesSplitIntoVolumeMixAndPrice() {
        // The case fixtures/cases/bridge-new-lost vs prior: A 100/10 → 132/12, B 200/40 → 171/36,
        // C new (0/0 → 50/5), D lost (60/3 → 0/0), E unpriced (5/0 → 8/0).
        let p = PriceVolumeMix.bridge([L(ra: 132, qa: 12, rb: 100, qb: 10), L(ra: 171, qa: 36, rb: 200, qb: 40),
                                       L(ra: 50, qa: 5, rb: 0, qb: 0), L(ra: 0, qa: 0, rb: 60, qb: 3), L(ra: 8, qa: 0, rb: 5, qb: 0)])
        XCTAssertEqual(p.volume, -12, accuracy: 1e-12)   // (48 − 50) × 300/50
        XCTAssertEqual(p.mix, 12, accuracy: 1e-12)       // (12 − 9.6) × 10 + (36 − 38.4) × 5
        XCTAssertEqual(p.price, 3, accuracy: 1e-12)      // (132 − 120) + (171 − 180)
        XCTAssertEqual(p.new, 50); XCTAssertEqual(p.lost, -60); XCTAssertEqual(p.other, 3)
        XCTAssertTrue(PriceVolumeMix.identityHolds(p, ra: 361, rb: 365))
    }

    func testOneLineHasNoMix() {
        let p = PriceVolumeMix.bridge([L(ra: 132, qa: 12, rb: 100, qb: 10)])
        XCTAssertEqual(p, BridgeParts(volume: 20, mix: 0, price: 12, new: 0, lost: 0, other: 0))
    }

    func testNegativeQuantitiesAreNotPriced() {
        // Returns exceeding sales (q < 0) in the base: the line is new, its whole change in `new`;
        // negative now: lost; negative in both: unpriced (`other`).
        let p = PriceVolumeMix.bridge([L(ra: 30, qa: 3, rb: -10, qb: -1), L(ra: -5, qa: -1, rb: 40, qb: 4),
                                       L(ra: -7, qa: -2, rb: -3, qb: -1)])
        XCTAssertEqual(p, BridgeParts(volume: 0, mix: 0, price: 0, new: 40, lost: -45, other: -4))
    }

    func testNoNegativeZero() {
        // Units unchanged at a negative average price: volume = 0 × (−5) would be −0.
        let p = PriceVolumeMix.bridge([L(ra: -50, qa: 10, rb: -50, qb: 10)])
        for (name, v) in p.named { XCTAssertEqual(v.sign, .plus, name) }
    }

    func testNoLinesIsAllZero() {
        XCTAssertEqual(PriceVolumeMix.bridge([]), BridgeParts(volume: 0, mix: 0, price: 0, new: 0, lost: 0, other: 0))
    }

    /// The identity volume + mix + price + new + lost + other = Σ r_a − Σ r_b, within 1e-9 × the
    /// largest of 1, |r_a|, |r_b| and the parts, over 5,000 random levels: 1–12 lines, quantities
    /// zero, negative, tiny or huge, values in cents up to 10^9, from a fixed seed.
    func testTheIdentityHoldsOnRandomData() {
        var rng = SplitMix64(seed: 0x6_5B1D_6E00)
        func quantity() -> Double {
            switch rng.below(6) {
            case 0: return 0
            case 1: return -Double(rng.below(50))
            case 2: return Double(rng.below(1_000)) / 1_000          // fractional units (kg)
            case 3: return Double(rng.below(10_000_000))            // huge
            default: return Double(rng.below(500) + 1)
            }
        }
        func value() -> Double { Double(rng.below(200_000_000_001) - 100_000_000_000) / 100 }
        for trial in 0..<5_000 {
            let lines = (0..<(1 + rng.below(12))).map { _ in L(ra: value(), qa: quantity(), rb: value(), qb: quantity()) }
            let p = PriceVolumeMix.bridge(lines)
            let ra = lines.reduce(0) { $0 + $1.ra }, rb = lines.reduce(0) { $0 + $1.rb }
            XCTAssertTrue(PriceVolumeMix.identityHolds(p, ra: ra, rb: rb),
                          "trial \(trial): parts \(p.total) vs change \(ra - rb) for \(lines)")
            for (name, v) in p.named { XCTAssertTrue(v.isFinite, "trial \(trial): \(name) \(v)") }
            if lines.count == 1 { XCTAssertEqual(p.mix, 0, "trial \(trial): a line's mix is 0") }
        }
    }
}
