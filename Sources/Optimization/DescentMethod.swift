import AutoDiff

/// A method that moves parameters downhill on an objective it may evaluate: the unit of work
/// that ``minimize(_:from:using:options:progress:)`` repeats.
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

  /// Forgets all state, as if the method had never taken a step.
  mutating func reset()
}

/// What one ``DescentMethod/step(_:value:gradient:objective:)`` achieved.
public enum StepOutcome: Sendable, Equatable {
  /// The method moved to a new point.
  case advanced
  /// The method found no acceptable point along its search direction and stayed put.
  case stalled
}
