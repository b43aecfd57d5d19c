import AutoDiff

/// Adam: gradient descent scaled by bias-corrected running averages of the gradient and its
/// square, as in PyTorch's `torch.optim.Adam`.
///
/// For gradient g = ∇J(θ) at step t = 1, 2, …:
///
/// ```
/// g ← g + λ·θ                          coupled weight decay (when λ > 0)
/// m ← β₁·m + (1 − β₁)·g                 first moment
/// v ← β₂·v + (1 − β₂)·g²                second moment
/// m̂ = m / (1 − β₁ᵗ)     v̂ = v / (1 − β₂ᵗ)
/// θ ← θ − α · m̂ / (√v̂ + ε)
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 0.001 |
/// | β₁ | ``beta1`` | 0.9 |
/// | β₂ | ``beta2`` | 0.999 |
/// | ε | ``epsilon`` | 1e-8 |
/// | λ | ``weightDecay`` | 0 |
///
/// ε is added after the square root of the bias-corrected second moment (PyTorch's and the
/// paper's convention; some libraries add it inside). For weight decay that is not rescaled by
/// √v̂, use ``AdamW``.
///
/// The weight decay is ``CoupledWeightDecay`` applied before the rule: `Adam(weightDecay: λ)`
/// steps exactly as `Adam().couplingWeightDecay(λ)`.
///
/// `Codable` when `T` is: the hyper-parameters, the step count and both moments are saved, so
/// that a decoded copy continues bit for bit (see ``init(from:)``).
///
/// - Complexity: O(n) per update; two vectors of state, and one of scratch when λ > 0.
///
/// Reference: Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015
/// (arXiv:1412.6980, 2014).
public struct Adam<T: BinaryFloatingPoint & RealScalar>: Optimizer {
  public typealias Scalar = T

  /// α, the largest step size, roughly, per parameter.
  public var learningRate: T
  /// β₁ in [0, 1): decay rate of the first-moment average.
  public let beta1: T
  /// β₂ in [0, 1): decay rate of the second-moment average.
  public let beta2: T
  /// ε > 0: keeps the step finite where the gradient has been zero.
  public let epsilon: T
  /// λ ≥ 0: coupled weight decay, added to the gradient; see ``CoupledWeightDecay``.
  public var weightDecay: T { decay.rate }
  /// The term g + λ·θ, applied before the rule.
  @usableFromInline var decay: CoupledDecay<T>

  /// t, the number of updates taken since creation or ``reset()``.
  public var stepCount: Int { steps }
  /// Storage of ``stepCount``.
  @usableFromInline var steps: Int = 0
  /// m, the first-moment average.
  @usableFromInline var firstMoment: [T] = []
  /// v, the second-moment average.
  @usableFromInline var secondMoment: [T] = []

  /// Creates the rule; the hyper-parameters keep PyTorch's defaults.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 0.001.
  ///   - beta1: β₁ in [0, 1). Default 0.9.
  ///   - beta2: β₂ in [0, 1). Default 0.999.
  ///   - epsilon: ε > 0. Default 1e-8.
  ///   - weightDecay: λ ≥ 0. Default 0.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first hyper-parameter out of range.
  public init(
    learningRate: T = 0.001, beta1: T = 0.9, beta2: T = 0.999, epsilon: T = 1e-8,
    weightDecay: T = 0
  ) throws {
    try Check.learningRate(learningRate)
    try Check.fraction(beta1, "beta1", example: "0.9")
    try Check.fraction(beta2, "beta2", example: "0.999")
    try Check.positive(epsilon, "epsilon", example: "1e-8")
    self.decay = try CoupledDecay(weightDecay)
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    try prepareState(&firstMoment, count: parameters.count, initial: 0)
    try prepareState(&secondMoment, count: parameters.count, initial: 0)
    steps += 1
    // Bias corrections, in the order PyTorch evaluates them (step_size = lr / (1 − β₁ᵗ),
    // denominator √v / √(1 − β₂ᵗ) + ε), so that trajectories agree to the last bits.
    let t = T(stepCount)
    let correction1 = 1 - pow(beta1, t)
    let correction2Root = pow(1 - pow(beta2, t), 0.5)
    let stepSize = learningRate / correction1
    let weight1 = 1 - beta1
    let weight2 = 1 - beta2
    let b2 = beta2
    let eps = epsilon
    let decayed = decay.gradient(gradient, at: parameters)
    withUpdateBuffers(&parameters, decayed, &firstMoment, &secondMoment) { theta, g, m, v in
      for i in theta.indices {
        m[i] = movingAverage(m[i], toward: g[i], weight: weight1)
        v[i] = v[i] * b2 + weight2 * g[i] * g[i]
        let denominator = v[i].squareRoot() / correction2Root + eps
        theta[i] = theta[i] + -stepSize * m[i] / denominator
      }
    }
  }

  /// Clears both moments and the step count.
  public mutating func reset() {
    steps = 0
    firstMoment = []
    secondMoment = []
  }
}
