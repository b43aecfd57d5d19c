import AutoDiff

/// A first-order update rule over a flat parameter vector: θ ← rule(θ, ∇J(θ), state).
///
/// ```swift
/// var optimizer = try Adam<Double>(learningRate: 0.01)
/// var parameters = [-1.2, 1.0]
/// for _ in 0..<100 {
///   let gradient = gradient(at: parameters, of: rosenbrock)
///   try optimizer.update(&parameters, along: gradient)
/// }
/// ```
///
/// Every optimizer is also a ``DescentMethod``, so it can be handed to
/// ``minimize(_:from:using:bounds:options:progress:)`` as it is.
///
/// ## Writing your own
///
/// Conform a value type: store the hyper-parameters and the state, validate in `init`, and
/// write the rule in ``update(_:along:)``. The package's own checks are internal, so a
/// conformance outside the package throws its own ``OptimizationError``. Sign descent,
/// θ ← θ − α·sign(∇J), fits in a dozen lines:
///
/// ```swift
/// struct SignDescent: Optimizer {
///   var learningRate: Double
///
///   init(learningRate: Double) throws {
///     guard learningRate > 0, learningRate.isFinite else {
///       throw OptimizationError.invalidArgument(
///         argument: "learningRate", value: "\(learningRate)",
///         requirement: "positive and finite, such as 0.01")
///     }
///     self.learningRate = learningRate
///   }
///
///   mutating func update(_ parameters: inout [Double], along gradient: [Double]) throws {
///     guard gradient.count == parameters.count else {
///       throw OptimizationError.sizeMismatch(
///         argument: "gradient", expected: parameters.count, actual: gradient.count,
///         advice: "pass the gradient at these parameters.")
///     }
///     for i in parameters.indices where gradient[i] != 0 {
///       parameters[i] -= gradient[i] > 0 ? learningRate : -learningRate
///     }
///   }
///
///   mutating func reset() {}  // no state
/// }
///
/// let result = try minimize(rosenbrock, from: [-1.2, 1], using: SignDescent(learningRate: 0.001))
/// ```
///
/// Wrappers compose with any conformance, your own included: ``scheduled(_:)`` changes the
/// learning rate step by step, ``clippingGradients(_:)`` bounds the gradient first,
/// ``couplingWeightDecay(_:)`` adds λ·θ to it and ``decouplingWeightDecay(_:)`` shrinks θ.
/// A wrapper of your own conforms to ``OptimizerWrapper``.
public protocol Optimizer<Scalar>: DescentMethod {
  /// Applies one update to `parameters`, given the gradient of the cost at them.
  ///
  /// - Parameters:
  ///   - parameters: θ, updated in place.
  ///   - gradient: ∇J(θ), one element per parameter.
  /// - Throws: ``OptimizationError`` when `gradient` and `parameters` differ in length, when
  ///   `parameters` differs in length from the vector the state was built for (call ``DescentMethod/reset()``
  ///   first), or when ``DescentMethod/learningRate`` is not positive and finite.
  mutating func update(_ parameters: inout [Scalar], along gradient: [Scalar]) throws
}

extension Optimizer {
  /// One update along the current gradient, then one evaluation at the new point.
  @inlinable
  public mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    objective: (_ point: [Scalar], _ gradient: inout [Scalar]) throws -> Scalar
  ) throws -> StepOutcome {
    try update(&parameters, along: gradient)
    value = try objective(parameters, &gradient)
    return .advanced
  }

  /// One update along the current gradient, projected onto the bounds when the problem has
  /// them, then one evaluation at the new point: projected gradient descent (and projected
  /// Adam, …),
  ///
  /// ```
  /// θₖ₊₁ = P(rule(θₖ, ∇J(θₖ))),   P(θ)ᵢ = min(max(θᵢ, lᵢ), uᵢ)
  /// ```
  @inlinable
  public mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    problem: MinimizationProblem<Scalar>
  ) throws -> StepOutcome {
    try update(&parameters, along: gradient)
    problem.bounds?.clamp(&parameters)
    value = try problem(parameters, &gradient)
    return .advanced
  }
}
