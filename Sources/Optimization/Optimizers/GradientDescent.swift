import AutoDiff

/// Gradient descent, θ ← θ − α·∇J(θ), with optional momentum, Nesterov momentum and weight
/// decay as in PyTorch's `torch.optim.SGD`.
///
/// With the defaults it is the textbook rule. In full, for gradient g = ∇J(θ) at step t:
///
/// ```
/// g ← g + λ·θ                                   (weight decay, when λ > 0)
/// v ← g                        at t = 1         (momentum, when μ > 0)
/// v ← μ·v + (1 − τ)·g          at t > 1
/// d ← g + μ·v   (Nesterov)     or   d ← v        (heavy ball)     or   d ← g   (μ = 0)
/// θ ← θ − α·d
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 0.01 |
/// | μ | ``momentum`` | 0 |
/// | τ | ``dampening`` | 0 |
/// | λ | ``weightDecay`` | 0 |
/// | Nesterov | ``nesterov`` | `false` |
///
/// The learning rate multiplies the velocity, not the gradient inside it (PyTorch's convention;
/// Sutskever et al. write v ← μ·v − α·g, which differs when α changes during a run).
///
/// - Complexity: O(n) per update; one extra vector of state when μ > 0.
///
/// References: Cauchy, 1847 (the rule); Polyak, "Some methods of speeding up the convergence of
/// iteration methods", 1964 (heavy ball); Nesterov, 1983; Sutskever, Martens, Dahl & Hinton,
/// "On the importance of initialization and momentum in deep learning", ICML 2013.
public struct GradientDescent<T: BinaryFloatingPoint & RealScalar>: Optimizer {
  public typealias Scalar = T

  /// α, the step taken per unit of gradient (or velocity).
  public var learningRate: T
  /// μ in [0, 1): the fraction of the previous velocity kept. 0 turns momentum off.
  public let momentum: T
  /// τ in [0, 1): the fraction of the gradient left out of the velocity after the first step.
  public let dampening: T
  /// λ ≥ 0: coupled weight decay (an L2 penalty λ/2·‖θ‖² added to the cost).
  public let weightDecay: T
  /// Whether the step looks ahead along the velocity (Nesterov) rather than following it.
  public let nesterov: Bool

  /// The velocity v; empty before the first update or without momentum.
  @usableFromInline var velocity: [T] = []

  /// Creates the rule; the hyper-parameters keep PyTorch's names and defaults.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 0.01.
  ///   - momentum: μ in [0, 1). Default 0.
  ///   - dampening: τ in [0, 1). Default 0.
  ///   - nesterov: Use Nesterov momentum; needs μ > 0 and τ = 0. Default `false`.
  ///   - weightDecay: λ ≥ 0. Default 0.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first hyper-parameter out of range.
  public init(
    learningRate: T = 0.01, momentum: T = 0, dampening: T = 0, nesterov: Bool = false,
    weightDecay: T = 0
  ) throws {
    try Check.learningRate(learningRate)
    try Check.fraction(momentum, "momentum", example: "0.9")
    try Check.fraction(dampening, "dampening", example: "0")
    try Check.nonNegative(weightDecay, "weightDecay", example: "0.0001")
    if nesterov && (momentum == 0 || dampening != 0) {
      throw OptimizationError.invalidArgument(
        argument: "nesterov", value: "true",
        requirement: "false unless momentum > 0 and dampening == 0 (Nesterov momentum needs "
          + "momentum); set momentum such as 0.9")
    }
    self.learningRate = learningRate
    self.momentum = momentum
    self.dampening = dampening
    self.nesterov = nesterov
    self.weightDecay = weightDecay
  }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    let alpha = learningRate
    let lambda = weightDecay
    let mu = momentum
    guard mu != 0 else {
      parameters.withUnsafeMutableBufferPointer { theta in
        gradient.withUnsafeBufferPointer { g in
          for i in theta.indices {
            let d = decayed(g[i], parameter: theta[i], rate: lambda)
            theta[i] = theta[i] - alpha * d
          }
        }
      }
      return
    }
    let first = velocity.isEmpty
    try prepareState(&velocity, count: parameters.count, initial: 0)
    let keep = 1 - dampening
    let lookAhead = nesterov
    velocity.withUnsafeMutableBufferPointer { v in
      parameters.withUnsafeMutableBufferPointer { theta in
        gradient.withUnsafeBufferPointer { g in
          for i in theta.indices {
            let d = decayed(g[i], parameter: theta[i], rate: lambda)
            v[i] = first ? d : mu * v[i] + keep * d
            let direction = lookAhead ? d + mu * v[i] : v[i]
            theta[i] = theta[i] - alpha * direction
          }
        }
      }
    }
  }

  /// Clears the velocity.
  public mutating func reset() { velocity = [] }
}
