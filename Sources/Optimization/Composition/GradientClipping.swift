import AutoDiff

/// A bound on the gradient applied before an update.
///
/// ```
/// by value c:        gᵢ ← min(max(gᵢ, −c), c)
/// by global norm c:  g ← g · c / ‖g‖₂   when ‖g‖₂ > c
/// ```
///
/// Clipping by global norm keeps the direction; clipping by value does not. (PyTorch:
/// `clip_grad_value_`, `clip_grad_norm_`; the latter divides by ‖g‖ + 10⁻⁶, this by ‖g‖.)
///
/// `Codable` when `T` is: the kind (`byValue`, `byGlobalNorm`) and the bound are saved.
///
/// Reference: Pascanu, Mikolov & Bengio, "On the difficulty of training recurrent neural
/// networks", ICML 2013.
public enum GradientClipping<T: BinaryFloatingPoint & RealScalar>: Equatable {
  /// Each element clamped to [−c, c].
  case byValue(T)
  /// The whole gradient rescaled to norm at most c.
  case byGlobalNorm(T)

  /// The bound c.
  public var bound: T {
    switch self {
    case .byValue(let c), .byGlobalNorm(let c): return c
    }
  }

  /// Clips `gradient` in place.
  @inlinable
  public func clip(_ gradient: inout [T]) {
    switch self {
    case .byValue(let c):
      gradient.withUnsafeMutableBufferPointer { g in
        for i in g.indices { g[i] = Swift.min(Swift.max(g[i], -c), c) }
      }
    case .byGlobalNorm(let c):
      let norm = euclideanNorm(gradient)
      guard norm > c, norm.isFinite else { return }
      let scale = c / norm
      gradient.withUnsafeMutableBufferPointer { g in
        for i in g.indices { g[i] = g[i] * scale }
      }
    }
  }
}

extension GradientClipping: Sendable where T: Sendable {}

/// An optimizer that clips the gradient before passing it on; see ``GradientClipping``.
///
/// `Codable` when the base is: the clipping and, under `base`, the wrapped optimizer with its
/// state are saved, so that a decoded copy continues bit for bit (see ``init(from:)``).
public struct GradientClipped<Base: Optimizer>: OptimizerWrapper {
  public typealias Scalar = Base.Scalar

  /// The wrapped update rule.
  public var base: Base
  /// The bound applied to each gradient.
  public let clipping: GradientClipping<Scalar>
  /// The clipped copy of the gradient, reused from update to update.
  @usableFromInline var clipped: [Scalar] = []

  /// Wraps `base`.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the bound
  ///   is not positive and finite.
  public init(_ base: Base, clipping: GradientClipping<Scalar>) throws {
    try Check.positive(clipping.bound, "clipping", example: "1.0")
    self.base = base
    self.clipping = clipping
  }

  @inlinable
  public mutating func update(_ parameters: inout [Scalar], along gradient: [Scalar]) throws {
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    copy(gradient, into: &clipped)
    clipping.clip(&clipped)
    try base.update(&parameters, along: clipped)
  }
}

extension Optimizer {
  /// This optimizer with each gradient clipped first, such as `.byGlobalNorm(1)`.
  ///
  /// See ``GradientClipping``.
  public func clippingGradients(_ clipping: GradientClipping<Scalar>) throws
    -> GradientClipped<Self>
  {
    try GradientClipped(self, clipping: clipping)
  }
}
