import AutoDiff

/// Gradient descent, θ ← θ − α·∇J(θ), with optional momentum, Nesterov momentum and weight
/// decay as in PyTorch's `torch.optim.SGD`.
///
/// With the defaults it is the textbook rule. In full, for gradient g = ∇J(θ) at step t:
///
/// ```
/// g ← g + λ·θ                                   coupled weight decay (when λ > 0)
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
/// Sutskever et al. write v ← μ·v − α·g, which differs when α changes during a run). The weight
/// decay is ``CoupledWeightDecay`` applied before the rule: `GradientDescent(learningRate: α,
/// weightDecay: λ)` steps exactly as `GradientDescent(learningRate: α).couplingWeightDecay(λ)`.
///
/// `Codable` when `T` is: the hyper-parameters and the velocity are saved, so that a decoded copy
/// continues bit for bit (see ``init(from:)``).
///
/// - Complexity: O(n) per update; one vector of state when μ > 0, and one of scratch when
/// λ > 0.
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
  /// λ ≥ 0: coupled weight decay (an L2 penalty λ/2·‖θ‖² added to the cost); see
  /// ``CoupledWeightDecay``.
  public var weightDecay: T { decay.rate }
  /// Whether the step looks ahead along the velocity (Nesterov) rather than following it.
  public let nesterov: Bool

  /// The term g + λ·θ, applied before the rule.
  @usableFromInline var decay: CoupledDecay<T>
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
    self.decay = try CoupledDecay(weightDecay)
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
  }

  @inlinable
  public mutating func update(_ parameters: inout [T], along gradient: [T]) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    let alpha = learningRate
    let mu = momentum
    guard mu != 0 else {
      let decayed = decay.gradient(gradient, at: parameters)
      withUpdateBuffers(&parameters, decayed) { theta, g in
        for i in theta.indices { theta[i] = theta[i] - alpha * g[i] }
      }
      return
    }
    let first = velocity.isEmpty
    try prepareState(&velocity, count: parameters.count, initial: 0)
    let keep = 1 - dampening
    let lookAhead = nesterov
    let decayed = decay.gradient(gradient, at: parameters)
    withUpdateBuffers(&parameters, decayed, &velocity) { theta, g, v in
      for i in theta.indices {
        v[i] = first ? g[i] : mu * v[i] + keep * g[i]
        let direction = lookAhead ? g[i] + mu * v[i] : v[i]
        theta[i] = theta[i] - alpha * direction
      }
    }
  }

  /// Clears the velocity.
  public mutating func reset() { velocity = [] }
}
