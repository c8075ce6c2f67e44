import XCTest
import KPITestSupport

final class SplitMix64Tests: XCTestCase {
    /// SplitMix64's published first outputs for seed 0 pin the generator (the demo's SeededRandom
    /// is pinned to the same three values in GenerateTests).
    func testPublishedOutputsForSeedZero() {
        var g = SplitMix64(seed: 0)
        XCTAssertEqual(g.next(), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(g.next(), 0x6E78_9E6A_A1B9_65F4)
        XCTAssertEqual(g.next(), 0x06C4_5D18_8009_454F)
    }

    func testBelowIsTheRemainderAndStaysInRange() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
        for _ in 0..<1_000 {
            let n = a.below(13)
            XCTAssertEqual(n, Int(b.next() % 13))
            XCTAssertTrue((0..<13).contains(n))
        }
    }

    func testDrivesTheStandardLibrarysRandomAPIs() {
        var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42)
        let xs = (0..<50).map { _ in Int.random(in: 0...1_000, using: &a) }
        let ys = (0..<50).map { _ in Int.random(in: 0...1_000, using: &b) }
        XCTAssertEqual(xs, ys, "one seed, one sequence")
        XCTAssertGreaterThan(Set(xs).count, 40)
    }
}
