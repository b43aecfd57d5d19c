import AutoDiff

// Weight decay, written once. Two conventions exist and both are PyTorch's:
//
//   coupled (L2 penalty, SGD/Adam/RMSprop/Adagrad `weight_decay`):  g ← g + λ·θ
//   decoupled (Loshchilov & Hutter, AdamW):                         θ ← θ·(1 − α·λ)
//
// Each is a wrapper around any optimizer: `CoupledWeightDecay` and `DecoupledWeightDecay`. The
// `weightDecay:` argument of GradientDescent, Adam, RMSProp and AdaGrad is shorthand for the
// coupled one: the optimizer applies the same term, `CoupledDecay`, to its gradient before its
// own rule, so `Adam(weightDecay: λ)` and `Adam().couplingWeightDecay(λ)` agree bit for bit.

// MARK: - Coupled

/// The coupled weight-decay term: the gradient g + λ·θ (PyTorch `grad.add(param, alpha=λ)`),
/// formed in a buffer reused from update to update.
@usableFromInline
struct CoupledDecay<T: BinaryFloatingPoint & RealScalar> {
  /// λ ≥ 0.
  @usableFromInline let rate: T
  /// g + λ·θ of the latest update (not state: refilled at every update).
  @usableFromInline var decayed: [T] = []

  /// The term for λ = `rate`.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming
  ///   `weightDecay` when λ is negative or not finite.
  @usableFromInline
  init(_ rate: T) throws {
    try Check.nonNegative(rate, "weightDecay", example: "0.0001")
    self.rate = rate
  }

  /// g + λ·θ; `gradient` itself when λ = 0 (so that a non-finite θ does not turn g into NaN
  /// through 0·θ). `gradient` and `parameters` have the same length.
  @inlinable
  mutating func gradient(_ gradient: [T], at parameters: [T]) -> [T] {
    guard rate != 0 else { return gradient }
    let lambda = rate
    copy(parameters, into: &decayed)
    withUpdateBuffers(&decayed, gradient) { d, g in
      for i in d.indices { d[i] = g[i] + lambda * d[i] }
    }
    return decayed
  }
}

/// An optimizer that adds λ·θ to each gradient before passing it on: coupled weight decay, the
/// gradient of an L2 penalty λ/2·‖θ‖² added to the cost.
///
/// ```
/// g ← g + λ·θ        then        θ ← base.update(θ, g)
/// ```
///
/// | symbol | parameter |
/// | --- | --- |
/// | λ | ``weightDecay`` |
///
/// This is PyTorch's `weight_decay` of `SGD`, `Adam`, `RMSprop` and `Adagrad`, and optax's
/// `add_decayed_weights` placed before the rule. The `weightDecay:` argument of
/// ``GradientDescent``, ``Adam``, ``RMSProp`` and ``AdaGrad`` is shorthand for it:
/// `Adam(weightDecay: λ)` takes the same steps, bit for bit, as `Adam().couplingWeightDecay(λ)`.
///
/// ## Order with clipping
///
/// Wrappers apply from the outside in. PyTorch clips `.grad` (`clip_grad_norm_`) before
/// `step()` adds λ·θ, so the decay goes inside the clipping:
///
/// ```swift
/// let optimizer = try Adam<Double>(learningRate: 0.01)
///   .couplingWeightDecay(1e-4)            // g + λ·θ, second
///   .clippingGradients(.byGlobalNorm(1))  // clip g, first
/// ```
///
/// which is also what `Adam(learningRate: 0.01, weightDecay: 1e-4).clippingGradients(...)` does.
/// Written the other way round, the clipping bounds g + λ·θ instead.
///
/// Adaptive optimizers divide the decay term by their running scale along with the gradient;
/// for decay that is not rescaled, use ``DecoupledWeightDecay`` (``AdamW``).
///
/// - Complexity: O(n) per update and one vector of n scalars, when λ > 0; nothing when λ = 0.
///
/// `Codable` when the base is: λ and, under `base`, the wrapped optimizer with its state are
/// saved, so that a decoded copy continues bit for bit (see ``init(from:)``).
public struct CoupledWeightDecay<Base: Optimizer>: OptimizerWrapper {
  public typealias Scalar = Base.Scalar

  /// The wrapped update rule.
  public var base: Base
  /// The term g + λ·θ and its buffer.
  @usableFromInline var decay: CoupledDecay<Scalar>

  /// λ, the coefficient of the L2 penalty λ/2·‖θ‖².
  public var weightDecay: Scalar { decay.rate }

  /// Wraps `base`.
  ///
  /// - Parameters:
  ///   - base: The update rule applied to the decayed gradient.
  ///   - weightDecay: λ ≥ 0.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when λ is
  ///   negative or not finite.
  public init(_ base: Base, weightDecay: Scalar) throws {
    self.decay = try CoupledDecay(weightDecay)
    self.base = base
  }

  @inlinable
  public mutating func update(_ parameters: inout [Scalar], along gradient: [Scalar]) throws {
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    try base.update(&parameters, along: decay.gradient(gradient, at: parameters))
  }
}

extension Optimizer {
  /// This optimizer with coupled weight decay: g ← g + λ·θ before each update.
  ///
  /// See ``CoupledWeightDecay``, and its note on the order with ``clippingGradients(_:)``.
  public func couplingWeightDecay(_ weightDecay: Scalar) throws -> CoupledWeightDecay<Self> {
    try CoupledWeightDecay(self, weightDecay: weightDecay)
  }
}

// MARK: - Decoupled

/// An optimizer whose parameters shrink toward zero before each update, independently of the
/// gradient: decoupled weight decay.
///
/// ```
/// θ ← θ · (1 − α·λ)        then        θ ← base.update(θ, g)
/// ```
///
/// | symbol | parameter |
/// | --- | --- |
/// | α | `base.learningRate` (the rate of the step being taken) |
/// | λ | ``weightDecay`` |
///
/// Unlike the coupled term g + λθ, the shrinkage is not divided by an adaptive optimizer's
/// running scale, which is why it regularizes Adam as intended. ``AdamW`` is this wrapper around
/// ``Adam``. Reference: Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019.
///
/// `Codable` when the base is: λ and, under `base`, the wrapped optimizer with its state are
/// saved, so that a decoded copy continues bit for bit (see ``init(from:)``).
public struct DecoupledWeightDecay<Base: Optimizer>: OptimizerWrapper {
  public typealias Scalar = Base.Scalar

  /// The wrapped update rule.
  public var base: Base
  /// λ, the fraction of each parameter removed per unit of learning rate.
  public let weightDecay: Scalar
  /// θ as it was before the base's step, reused from update to update (not state: refilled at
  /// every update).
  @usableFromInline var previous: [Scalar] = []

  /// Wraps `base`.
  ///
  /// - Parameters:
  ///   - base: The update rule applied after the shrinkage.
  ///   - weightDecay: λ ≥ 0.
  public init(_ base: Base, weightDecay: Scalar) throws {
    try Check.nonNegative(weightDecay, "weightDecay", example: "0.01")
    self.base = base
    self.weightDecay = weightDecay
  }

  @inlinable
  public mutating func update(_ parameters: inout [Scalar], along gradient: [Scalar]) throws {
    try Check.learningRate(base.learningRate)
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    guard weightDecay != 0 else { return try base.update(&parameters, along: gradient) }
    // PyTorch shrinks first, param.mul_(1 − lr·weight_decay), then steps. The base's step does
    // not read θ, so the same result comes from stepping first and then subtracting α·λ·θ of
    // the parameters as they were — which leaves them untouched when the base throws.
    copy(parameters, into: &previous)
    let rate = base.learningRate * weightDecay
    try base.update(&parameters, along: gradient)
    withUpdateBuffers(&parameters, previous) { theta, old in
      for i in theta.indices { theta[i] = theta[i] - rate * old[i] }
    }
  }
}

extension Optimizer {
  /// This optimizer with decoupled weight decay: θ ← θ·(1 − α·λ) before each update.
  ///
  /// See ``DecoupledWeightDecay``.
  public func decouplingWeightDecay(_ weightDecay: Scalar) throws -> DecoupledWeightDecay<Self> {
    try DecoupledWeightDecay(self, weightDecay: weightDecay)
  }
}
