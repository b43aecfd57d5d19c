/// A small, fast, seeded random number generator (SplitMix64), so that shuffling, splitting
/// and initialization are the same on every run and every platform.
///
/// ```swift
/// var generator = SplitMix64(seed: 42)
/// let order = (0..<10).shuffled(using: &generator)   // the same order on every run
/// ```
///
/// The sequence is Steele, Lea and Flood's SplitMix64 (OOPSLA 2014): the state advances by the
/// golden-ratio increment 0x9E3779B97F4A7C15 and each output is a mix of it. It is not a
/// cryptographic generator.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable, Codable {
  /// The current state; two generators with the same state produce the same sequence.
  public var state: UInt64

  /// A generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
