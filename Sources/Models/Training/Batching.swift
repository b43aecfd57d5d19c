/// How much of the data each update of the parameters sees.
///
/// | case | one update uses | updates per epoch |
/// | --- | --- | --- |
/// | ``full`` | every row: ∇J(θ) | 1 |
/// | ``miniBatch(size:)`` | b rows: ∇J_B(θ) = (1/b) Σ_{i∈B} ∇ℓᵢ(θ) | ⌈n / b⌉ |
/// | ``stochastic`` | one row: ∇ℓᵢ(θ) | n |
///
/// In the batched modes the rows are shuffled at the start of every epoch with a
/// ``SplitMix64`` generator seeded by the `seed` argument of `fit`, so a run is reproducible.
/// An iteration of the stopping criteria is then one epoch, and the cost and gradient they test
/// are those of the whole training set, evaluated at the end of the epoch.
public enum Batching: Sendable, Hashable, Codable, CustomStringConvertible {
  /// Every update uses every row (batch gradient descent).
  case full
  /// Every update uses `size` rows (the last batch of an epoch may be smaller).
  case miniBatch(size: Int)
  /// Every update uses one row (stochastic gradient descent).
  case stochastic

  /// The batch size for `rowCount` rows.
  @inlinable
  func batchSize(rowCount: Int) -> Int {
    switch self {
    case .full: return rowCount
    case .miniBatch(let size): return size
    case .stochastic: return 1
    }
  }

  /// `full`, `miniBatch(size: 32)` or `stochastic`.
  public var description: String {
    switch self {
    case .full: return "full"
    case .miniBatch(let size): return "miniBatch(size: \(size))"
    case .stochastic: return "stochastic"
    }
  }
}
