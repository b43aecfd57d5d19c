import AutoDiff

// Weight decay, written once. Two conventions exist and both are PyTorch's:
//
//   coupled (L2 penalty, SGD/Adam/RMSprop/Adagrad `weight_decay`):  g ← g + λ·θ
//   decoupled (Loshchilov & Hutter, AdamW):                         θ ← θ·(1 − α·λ)
//
// The coupled form is one term inside each optimizer's element loop; the decoupled form is a
// wrapper, `DecoupledWeightDecay`, around any optimizer.

/// The gradient with the coupled weight-decay term, g + λ·θ (PyTorch `grad.add(param, alpha=λ)`).
@inlinable @inline(__always)
func decayed<T: RealScalar>(_ gradient: T, parameter: T, rate: T) -> T {
  rate == 0 ? gradient : gradient + rate * parameter
}

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
public struct DecoupledWeightDecay<Base: Optimizer>: Optimizer {
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

  /// α, forwarded to the base optimizer.
  @inlinable
  public var learningRate: Scalar {
    get { base.learningRate }
    set { base.learningRate = newValue }
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
    parameters.withUnsafeMutableBufferPointer { theta in
      previous.withUnsafeBufferPointer { old in
        for i in theta.indices { theta[i] = theta[i] - rate * old[i] }
      }
    }
  }

  public mutating func reset() { base.reset() }
}

extension Optimizer {
  /// This optimizer with decoupled weight decay: θ ← θ·(1 − α·λ) before each update.
  ///
  /// See ``DecoupledWeightDecay``.
  public func decouplingWeightDecay(_ weightDecay: Scalar) throws -> DecoupledWeightDecay<Self> {
    try DecoupledWeightDecay(self, weightDecay: weightDecay)
  }
}
