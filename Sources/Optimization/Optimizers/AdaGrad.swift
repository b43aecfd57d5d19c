import AutoDiff

/// AdaGrad: gradient descent divided by the root of each parameter's accumulated squared
/// gradients, as in PyTorch's `torch.optim.Adagrad`.
///
/// For gradient g = ∇J(θ) at step t = 1, 2, …:
///
/// ```
/// g ← g + λ·θ                          coupled weight decay (when λ > 0)
/// αₜ = α / (1 + (t − 1)·η)              (learning-rate decay)
/// s ← s + g²
/// θ ← θ − αₜ · g / (√s + ε)
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 0.01 |
/// | η | ``learningRateDecay`` | 0 |
/// | s₀ | ``initialAccumulator`` | 0 |
/// | ε | ``epsilon`` | 1e-10 |
/// | λ | ``weightDecay`` | 0 |
///
/// Parameters with large past gradients take smaller steps; the step of every parameter
/// shrinks over time, which suits sparse features and convex problems.
///
/// The weight decay is ``CoupledWeightDecay`` applied before the rule: `AdaGrad(weightDecay: λ)`
/// steps exactly as `AdaGrad().couplingWeightDecay(λ)`.
///
/// `Codable` when `T` is: the hyper-parameters, the step count and the accumulator are saved, so
/// that a decoded copy continues bit for bit (see ``init(from:)``).
///
/// - Complexity: O(n) per update; one vector of state, and one of scratch when λ > 0.
///
/// Reference: Duchi, Hazan & Singer, "Adaptive Subgradient Methods for Online Learning and
/// Stochastic Optimization", JMLR 12, 2011.
public struct AdaGrad<T: BinaryFloatingPoint & RealScalar>: Optimizer {
  public typealias Scalar = T

  /// α, the initial step size.
  public var learningRate: T
  /// η ≥ 0: the step at update t is α / (1 + (t − 1)·η).
  public let learningRateDecay: T
  /// s₀ ≥ 0: the starting value of every accumulator.
  public let initialAccumulator: T
  /// ε > 0, added to the root of the accumulator.
  public let epsilon: T
  /// λ ≥ 0: coupled weight decay, added to the gradient; see ``CoupledWeightDecay``.
  public var weightDecay: T { decay.rate }
  /// The term g + λ·θ, applied before the rule.
  @usableFromInline var decay: CoupledDecay<T>

  /// t, the number of updates since creation or ``reset()``.
  public var stepCount: Int { steps }
  /// Storage of ``stepCount``.
  @usableFromInline var steps: Int = 0
  /// s, the accumulated squared gradients.
  @usableFromInline var accumulator: [T] = []

  /// Creates the rule; the hyper-parameters keep PyTorch's defaults.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 0.01.
  ///   - learningRateDecay: η ≥ 0. Default 0.
  ///   - initialAccumulator: s₀ ≥ 0. Default 0.
  ///   - epsilon: ε > 0. Default 1e-10.
  ///   - weightDecay: λ ≥ 0. Default 0.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first hyper-parameter out of range.
  public init(
    learningRate: T = 0.01, learningRateDecay: T = 0, initialAccumulator: T = 0,
    epsilon: T = 1e-10, weightDecay: T = 0
  ) throws {
    try Check.learningRate(learningRate)
    try Check.nonNegative(learningRateDecay, "learningRateDecay", example: "0")
    try Check.nonNegative(initialAccumulator, "initialAccumulator", example: "0.1")
    try Check.positive(epsilon, "epsilon", example: "1e-10")
    self.decay = try CoupledDecay(weightDecay)
    self.learningRate = learningRate
    self.learningRateDecay = learningRateDecay
    self.initialAccumulator = initialAccumulator
    self.epsilon = epsilon
  }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    try prepareState(&accumulator, count: parameters.count, initial: initialAccumulator)
    steps += 1
    let rate = learningRate / (1 + T(stepCount - 1) * learningRateDecay)
    let eps = epsilon
    let decayed = decay.gradient(gradient, at: parameters)
    withUpdateBuffers(&parameters, decayed, &accumulator) { theta, g, s in
      for i in theta.indices {
        s[i] = s[i] + g[i] * g[i]
        let root = s[i].squareRoot() + eps
        theta[i] = theta[i] + -rate * g[i] / root
      }
    }
  }

  /// Clears the accumulator and the step count.
  public mutating func reset() {
    steps = 0
    accumulator = []
  }
}
