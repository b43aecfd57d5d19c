import AutoDiff

/// An optimizer that transforms the gradient or the parameters around another, `base`, and
/// passes its learning rate and its reset on to it: what ``GradientClipped``,
/// ``CoupledWeightDecay`` and ``DecoupledWeightDecay`` share. Each conformance writes only its
/// own `update(_:along:)`.
@usableFromInline
protocol OptimizerWrapper: Optimizer {
  associatedtype Base: Optimizer where Base.Scalar == Scalar
  /// The wrapped update rule.
  var base: Base { get set }
}

extension OptimizerWrapper {
  /// α, forwarded to the base optimizer.
  @inlinable
  public var learningRate: Scalar {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }

  /// Resets the base optimizer; the wrapper keeps no state of its own between updates.
  public mutating func reset() { base.reset() }
}
