import AutoDiff

/// What a ``DescentMethod`` may ask of the problem during one step: the cost and its gradient,
/// the bounds, and, when the cost can give them, second derivatives.
///
/// The driver, ``minimize(_:from:using:bounds:options:progress:)``, builds one for the run and
/// hands it to ``DescentMethod/step(_:value:gradient:problem:)`` at each iteration; it counts
/// every evaluation a method makes through it. A first-order method uses only
/// ``callAsFunction(_:_:)``; ``LBFGS`` also reads ``bounds``; ``NewtonTrustRegion`` asks for
/// ``hessian(at:into:)`` or ``hessianVectorProduct(at:along:into:)``.
///
/// Second derivatives are available when the cost is a `DifferentiableFunction` (written once
/// over `RealScalar`, so that it can be evaluated on the nested numbers that forward-over-reverse
/// differentiation needs); a closure over `Variable` gives first derivatives only.
public struct MinimizationProblem<Scalar: BinaryFloatingPoint> {
  /// The box the parameters must stay in, or `nil` when the run has none.
  public let bounds: Bounds<Scalar>?
  @usableFromInline let valueAndGradient: ([Scalar], inout [Scalar]) throws -> Scalar
  @usableFromInline let hessianBody: (([Scalar], inout [Scalar]) throws -> Void)?
  @usableFromInline let hessianVectorProductBody:
    (([Scalar], [Scalar], inout [Scalar]) throws -> Void)?

  /// Creates a problem from its parts.
  ///
  /// - Parameters:
  ///   - bounds: The box, or `nil`.
  ///   - valueAndGradient: Returns J(θ) and writes ∇J(θ) into its second argument.
  ///   - hessian: Writes ∇²J(θ) into its second argument, n × n row by row; `nil` when not
  ///     available.
  ///   - hessianVectorProduct: Writes ∇²J(θ)·v into its third argument; `nil` when not
  ///     available.
  @inlinable
  public init(
    bounds: Bounds<Scalar>?,
    valueAndGradient: @escaping (_ point: [Scalar], _ gradient: inout [Scalar]) throws -> Scalar,
    hessian: ((_ point: [Scalar], _ hessian: inout [Scalar]) throws -> Void)? = nil,
    hessianVectorProduct: (
      (_ point: [Scalar], _ direction: [Scalar], _ product: inout [Scalar]) throws -> Void
    )? = nil
  ) {
    self.bounds = bounds
    self.valueAndGradient = valueAndGradient
    self.hessianBody = hessian
    self.hessianVectorProductBody = hessianVectorProduct
  }

  /// J(θ), with ∇J(θ) written into `gradient` (which may arrive with any contents and is sized
  /// by the call). Each call counts as one evaluation.
  @inlinable
  public func callAsFunction(_ point: [Scalar], _ gradient: inout [Scalar]) throws -> Scalar {
    try valueAndGradient(point, &gradient)
  }

  /// `true` when ``hessian(at:into:)`` and ``hessianVectorProduct(at:along:into:)`` can be
  /// called.
  @inlinable
  public var providesSecondDerivatives: Bool {
    hessianBody != nil && hessianVectorProductBody != nil
  }

  /// Writes the Hessian H = ∇²J(θ) into `matrix`, row by row: `matrix[i * n + j]` = ∂²J/∂θᵢ∂θⱼ.
  ///
  /// - Throws: ``OptimizationError/unsupported(method:requirement:advice:)`` when the cost gives
  ///   first derivatives only; what the cost throws.
  @inlinable
  public func hessian(at point: [Scalar], into matrix: inout [Scalar]) throws {
    guard let body = hessianBody else { throw Self.noSecondDerivatives }
    try body(point, &matrix)
  }

  /// Writes the Hessian-vector product ∇²J(θ)·v into `product`, without forming the Hessian.
  ///
  /// - Throws: ``OptimizationError/unsupported(method:requirement:advice:)`` when the cost gives
  ///   first derivatives only; what the cost throws.
  @inlinable
  public func hessianVectorProduct(
    at point: [Scalar], along direction: [Scalar], into product: inout [Scalar]
  ) throws {
    guard let body = hessianVectorProductBody else { throw Self.noSecondDerivatives }
    try body(point, direction, &product)
  }

  @usableFromInline
  static var noSecondDerivatives: OptimizationError {
    OptimizationError.unsupported(
      method: "this method", requirement: "second derivatives of the cost",
      advice: "a closure over Variable gives first derivatives only; write the cost as a "
        + "DifferentiableFunction (a struct whose callAsFunction<S: RealScalar>(_ x: [S]) -> S "
        + "holds the formula) and pass that to minimize.")
  }
}
