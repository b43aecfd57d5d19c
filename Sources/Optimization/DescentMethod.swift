import AutoDiff

/// A method that moves parameters downhill on an objective it may evaluate: the unit of work
/// that ``minimize(_:from:using:bounds:options:progress:)`` repeats.
///
/// There are two layers. Every ``Optimizer`` (gradient descent, Adam, …) is a `DescentMethod`
/// whose step is "apply the update rule to the current gradient, then evaluate the objective
/// once at the new point"; that step is provided, so a first-order rule only writes
/// ``Optimizer/update(_:along:)``. Methods that must evaluate the objective themselves, such as
/// ``LBFGS`` with its line search, conform to `DescentMethod` directly. The driver sees only
/// this protocol, so swapping `Adam` for `LBFGS` changes one argument.
///
/// The method's state (moments, curvature pairs, step counts) lives in the value; a step
/// mutates it, ``reset()`` forgets it.
public protocol DescentMethod<Scalar> {
  /// The floating-point type of parameters and costs: `Float` or `Double`.
  associatedtype Scalar: BinaryFloatingPoint & RealScalar

  /// The step-size multiplier α; what to lower when a run diverges.
  var learningRate: Scalar { get set }

  /// Takes one step from `parameters`, leaving the new point, its value and its gradient.
  ///
  /// - Parameters:
  ///   - parameters: On entry the current point θₖ; on return θₖ₊₁.
  ///   - value: On entry J(θₖ); on return J(θₖ₊₁).
  ///   - gradient: On entry ∇J(θₖ); on return ∇J(θₖ₊₁).
  ///   - objective: Evaluates J at a point and writes ∇J there into its second argument. Each
  ///     call counts as one evaluation.
  /// - Returns: ``StepOutcome/advanced`` normally; ``StepOutcome/stalled`` when the method could
  ///   not find a better point (the arguments are then left at θₖ).
  mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    objective: (_ point: [Scalar], _ gradient: inout [Scalar]) throws -> Scalar
  ) throws -> StepOutcome

  /// Takes one step on a problem that may have bounds and second derivatives: the form the
  /// driver calls.
  ///
  /// The default implementation calls ``step(_:value:gradient:objective:)`` when the problem
  /// has no bounds and throws ``OptimizationError/unsupported(method:requirement:advice:)``
  /// when it has; every ``Optimizer`` gets a projected step instead (see
  /// `Optimizer`'s `step(_:value:gradient:problem:)`), and ``LBFGS`` and ``NewtonTrustRegion``
  /// implement it themselves.
  ///
  /// - Parameters:
  ///   - parameters: On entry the current point θₖ, inside ``MinimizationProblem/bounds``; on
  ///     return θₖ₊₁, inside them too.
  ///   - value: On entry J(θₖ); on return J(θₖ₊₁).
  ///   - gradient: On entry ∇J(θₖ); on return ∇J(θₖ₊₁).
  ///   - problem: The cost, its derivatives and the bounds.
  /// - Returns: As ``step(_:value:gradient:objective:)``.
  mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    problem: MinimizationProblem<Scalar>
  ) throws -> StepOutcome

  /// Forgets all state, as if the method had never taken a step.
  mutating func reset()
}

extension DescentMethod {
  /// Steps with ``step(_:value:gradient:objective:)``; throws when the problem has bounds,
  /// which a method that does not implement this requirement cannot respect.
  @inlinable
  public mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    problem: MinimizationProblem<Scalar>
  ) throws -> StepOutcome {
    guard problem.bounds == nil else {
      throw OptimizationError.unsupported(
        method: "\(Self.self)", requirement: "bounds",
        advice: "use LBFGS or any Optimizer (Adam, GradientDescent, …), which keep the "
          + "parameters inside the bounds, or implement step(_:value:gradient:problem:).")
    }
    return try step(
      &parameters, value: &value, gradient: &gradient, objective: problem.valueAndGradient)
  }
}

/// What one ``DescentMethod/step(_:value:gradient:objective:)`` achieved.
public enum StepOutcome: Sendable, Equatable {
  /// The method moved to a new point.
  case advanced
  /// The method found no acceptable point along its search direction and stayed put.
  case stalled
}
