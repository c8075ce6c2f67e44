/// SplitMix64 (Steele, Lea and Flood 2014): the one seeded generator of the tests, so a failing
/// random input reproduces from its seed on every machine and Swift version (the standard
/// library's generators promise neither). The demo's generator in the sources is the same
/// algorithm; tests do not reach into it so that they stay independent of the demo's streams.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<n by the remainder (the tiny bias does not matter for test inputs, and the
    /// remainder keeps the sequences the tests were written against). `n` must be positive.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n)): the bound must be positive")
        return Int(next() % UInt64(n))
    }
}
