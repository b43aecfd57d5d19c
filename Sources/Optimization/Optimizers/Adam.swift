import AutoDiff

/// Adam: gradient descent scaled by bias-corrected running averages of the gradient and its
/// square, as in PyTorch's `torch.optim.Adam`.
///
/// For gradient g = ∇J(θ) at step t = 1, 2, …:
///
/// ```
/// g ← g + λ·θ                          (coupled weight decay, when λ > 0)
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
/// - Complexity: O(n) per update; two vectors of state.
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
  /// λ ≥ 0: coupled weight decay, added to the gradient.
  public let weightDecay: T

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
    try Check.nonNegative(weightDecay, "weightDecay", example: "0.0001")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.weightDecay = weightDecay
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
    let lambda = weightDecay
    firstMoment.withUnsafeMutableBufferPointer { m in
      secondMoment.withUnsafeMutableBufferPointer { v in
        parameters.withUnsafeMutableBufferPointer { theta in
          gradient.withUnsafeBufferPointer { g in
            for i in theta.indices {
              let d = decayed(g[i], parameter: theta[i], rate: lambda)
              m[i] = movingAverage(m[i], toward: d, weight: weight1)
              v[i] = v[i] * b2 + weight2 * d * d
              let denominator = v[i].squareRoot() / correction2Root + eps
              theta[i] = theta[i] + -stepSize * m[i] / denominator
            }
          }
        }
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
