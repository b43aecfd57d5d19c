import AutoDiff

/// RMSProp: gradient descent divided by a running root-mean-square of the gradient, with
/// optional momentum and the centered variant, as in PyTorch's `torch.optim.RMSprop`.
///
/// For gradient g = ∇J(θ):
///
/// ```
/// g ← g + λ·θ                          coupled weight decay (when λ > 0)
/// s ← ρ·s + (1 − ρ)·g²                  mean square
/// ḡ ← ρ·ḡ + (1 − ρ)·g                   mean gradient          (centered only)
/// r = √(s − ḡ²) + ε   (centered)   or   r = √s + ε
/// b ← μ·b + g / r,   θ ← θ − α·b         (momentum, when μ > 0)
/// θ ← θ − α·g / r                        (otherwise)
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 0.01 |
/// | ρ | ``alpha`` | 0.99 |
/// | ε | ``epsilon`` | 1e-8 |
/// | μ | ``momentum`` | 0 |
/// | centered | ``centered`` | `false` |
/// | λ | ``weightDecay`` | 0 |
///
/// ε is added after the square root. The smoothing constant keeps PyTorch's name, `alpha`. The
/// weight decay is ``CoupledWeightDecay`` applied before the rule: `RMSProp(weightDecay: λ)`
/// steps exactly as `RMSProp().couplingWeightDecay(λ)`.
///
/// `Codable` when `T` is: the hyper-parameters, the mean square, the mean gradient (centered) and
/// the momentum buffer (μ > 0) are saved, so that a decoded copy continues bit for bit (see
/// ``init(from:)``).
///
/// - Complexity: O(n) per update; one to three vectors of state, and one of scratch when λ > 0.
///
/// References: Hinton, Srivastava & Swersky, Neural Networks for Machine Learning, lecture 6e,
/// 2012 (RMSProp); Graves, "Generating Sequences With Recurrent Neural Networks", 2013
/// (centered variant).
public struct RMSProp<T: BinaryFloatingPoint & RealScalar>: Optimizer {
  public typealias Scalar = T

  /// α, the step size.
  public var learningRate: T
  /// ρ in [0, 1): decay rate of the mean square (PyTorch's `alpha`).
  public let alpha: T
  /// ε > 0, added to the root mean square.
  public let epsilon: T
  /// μ in [0, 1): momentum on the scaled step. 0 turns it off.
  public let momentum: T
  /// Whether to divide by the running standard deviation rather than the root mean square.
  public let centered: Bool
  /// λ ≥ 0: coupled weight decay, added to the gradient; see ``CoupledWeightDecay``.
  public var weightDecay: T { decay.rate }
  /// The term g + λ·θ, applied before the rule.
  @usableFromInline var decay: CoupledDecay<T>

  /// s, the running mean square.
  @usableFromInline var meanSquare: [T] = []
  /// ḡ, the running mean gradient (centered variant).
  @usableFromInline var meanGradient: [T] = []
  /// b, the momentum buffer.
  @usableFromInline var velocity: [T] = []

  /// Creates the rule; the hyper-parameters keep PyTorch's names and defaults.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 0.01.
  ///   - alpha: ρ in [0, 1). Default 0.99.
  ///   - epsilon: ε > 0. Default 1e-8.
  ///   - momentum: μ in [0, 1). Default 0.
  ///   - centered: Default `false`.
  ///   - weightDecay: λ ≥ 0. Default 0.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first hyper-parameter out of range.
  public init(
    learningRate: T = 0.01, alpha: T = 0.99, epsilon: T = 1e-8, momentum: T = 0,
    centered: Bool = false, weightDecay: T = 0
  ) throws {
    try Check.learningRate(learningRate)
    try Check.fraction(alpha, "alpha", example: "0.99")
    try Check.positive(epsilon, "epsilon", example: "1e-8")
    try Check.fraction(momentum, "momentum", example: "0.9")
    self.decay = try CoupledDecay(weightDecay)
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.momentum = momentum
    self.centered = centered
  }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    let n = parameters.count
    try prepareState(&meanSquare, count: n, initial: 0)
    // Unused buffers stay one element long so that the loop below can address them
    // unconditionally.
    try prepareState(&meanGradient, count: centered ? n : Swift.min(n, 1), initial: 0)
    try prepareState(&velocity, count: momentum > 0 ? n : Swift.min(n, 1), initial: 0)
    let rate = learningRate
    let rho = alpha
    let weight = 1 - alpha
    let eps = epsilon
    let mu = momentum
    let isCentered = centered
    let decayed = decay.gradient(gradient, at: parameters)
    withUpdateBuffers(&parameters, decayed, &meanSquare, &meanGradient, &velocity) {
      theta, g, s, mean, b in
      for i in theta.indices {
        s[i] = s[i] * rho + weight * g[i] * g[i]
        var root: T
        if isCentered {
          mean[i] = movingAverage(mean[i], toward: g[i], weight: weight)
          root = (s[i] - mean[i] * mean[i]).squareRoot()
        } else {
          root = s[i].squareRoot()
        }
        root = root + eps
        if mu > 0 {
          b[i] = b[i] * mu + g[i] / root
          theta[i] = theta[i] - rate * b[i]
        } else {
          theta[i] = theta[i] + -rate * g[i] / root
        }
      }
    }
  }

  /// Clears the running averages and the momentum buffer.
  public mutating func reset() {
    meanSquare = []
    meanGradient = []
    velocity = []
  }
}
