import AutoDiff

/// AdamW: ``Adam`` with decoupled weight decay, as in PyTorch's `torch.optim.AdamW`.
///
/// For gradient g = ∇J(θ) at step t = 1, 2, …:
///
/// ```
/// θ ← θ · (1 − α·λ)                     decoupled weight decay
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// θ ← θ − α · m̂ / (√v̂ + ε)             with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ)
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 0.001 |
/// | β₁ | ``beta1`` | 0.9 |
/// | β₂ | ``beta2`` | 0.999 |
/// | ε | ``epsilon`` | 1e-8 |
/// | λ | ``weightDecay`` | 0.01 |
///
/// It is the composition ``DecoupledWeightDecay`` ∘ ``Adam``; no line of Adam is repeated here.
///
/// `Codable` when `T` is: the decoupled weight decay and the Adam inside, with its step count and
/// moments, are saved, so that a decoded copy continues bit for bit (see ``init(from:)``).
///
/// Reference: Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019.
public struct AdamW<T: BinaryFloatingPoint & RealScalar>: Optimizer {
  public typealias Scalar = T

  /// The composed rule: Adam inside decoupled weight decay.
  @usableFromInline var composed: DecoupledWeightDecay<Adam<T>>

  /// Creates the rule; the hyper-parameters keep PyTorch's defaults.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 0.001.
  ///   - beta1: β₁ in [0, 1). Default 0.9.
  ///   - beta2: β₂ in [0, 1). Default 0.999.
  ///   - epsilon: ε > 0. Default 1e-8.
  ///   - weightDecay: λ ≥ 0. Default 0.01.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first hyper-parameter out of range.
  public init(
    learningRate: T = 0.001, beta1: T = 0.9, beta2: T = 0.999, epsilon: T = 1e-8,
    weightDecay: T = 0.01
  ) throws {
    let adam = try Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    composed = try DecoupledWeightDecay(adam, weightDecay: weightDecay)
  }

  /// α.
  @inlinable
  public var learningRate: T {
    get { composed.learningRate }
    set { composed.learningRate = newValue }
  }
  /// β₁.
  public var beta1: T { composed.base.beta1 }
  /// β₂.
  public var beta2: T { composed.base.beta2 }
  /// ε.
  public var epsilon: T { composed.base.epsilon }
  /// λ, the decoupled weight decay.
  public var weightDecay: T { composed.weightDecay }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try composed.update(&parameters, along: gradient)
  }

  /// Clears Adam's moments and step count.
  public mutating func reset() { composed.reset() }
}
