import AutoDiff

/// An optimizer built around another, ``base``, that transforms the gradient or the parameters
/// and passes its learning rate and its reset on to the base.
///
/// ```
/// α(wrapper) = α(base)        reset(wrapper) = reset(base)
/// ```
///
/// ``GradientClipped``, ``CoupledWeightDecay`` and ``DecoupledWeightDecay`` are wrappers; a
/// conformance writes only ``Optimizer/update(_:along:)`` (and keeps no state of its own between
/// updates, since ``DescentMethod/reset()`` resets only the base). A wrapper of your own, such as
/// one that adds Gaussian noise to each gradient, composes with the others like them.
public protocol OptimizerWrapper<Base>: Optimizer {
  /// The type of the wrapped optimizer.
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

  /// Resets the base optimizer.
  public mutating func reset() { base.reset() }
}
