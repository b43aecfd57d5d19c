import AutoDiff

/// When the least-squares solvers stop, how they scale the parameters, and the loss they apply.
///
/// The tests of Moré's Levenberg–Marquardt (MINPACK's `lmder`), checked after every trial step,
/// with Φ the sum of squares (or the robust cost), Δ the trust-region radius and D the parameter
/// scaling:
///
/// | criterion | test | default | ``LeastSquaresStopReason`` |
/// | --- | --- | --- | --- |
/// | reduction | the actual and the predicted relative reduction of Φ are both ≤ ``reductionTolerance`` | 1e-10 | ``LeastSquaresStopReason/reductionBelowTolerance`` |
/// | step | Δ ≤ ``stepTolerance`` · ‖D p‖ (the relative error of p is at most about this) | 1e-10 | ``LeastSquaresStopReason/stepBelowTolerance`` |
/// | gradient | the largest \|cos\| of the angle between r and a column of J is ≤ ``gradientTolerance`` | 1e-12 | ``LeastSquaresStopReason/gradientBelowTolerance`` |
/// | precision | one of the three with its tolerance replaced by the machine epsilon | — | ``LeastSquaresStopReason/precisionLimit`` |
/// | evaluations | the residuals were evaluated ``maximumEvaluations`` times | 10 000 | ``LeastSquaresStopReason/evaluationLimit`` |
/// | iterations | ``maximumIterations`` Jacobians were used | 1000 | ``LeastSquaresStopReason/iterationLimit`` |
///
/// The tolerances are relative, so they do not depend on the units of the data or of the
/// parameters. Defaults are tighter than MINPACK's (√ε ≈ 1.5e-8) because the Jacobian is exact:
/// the last digits are cheap.
///
/// Under ``Bounds`` (an argument of the solvers, not an option) the gradient test is on the
/// projected gradient: a parameter held at its bound by a gradient that pushes outward counts as
/// stationary (see ``leastSquares(_:from:bounds:mode:options:)``).
public struct LeastSquaresOptions<T: BinaryFloatingPoint & RealScalar>: Equatable {
  /// How the parameters are scaled in the trust region ‖D p‖ ≤ Δ.
  public enum Scaling: Equatable {
    /// D = diag of the column norms of J, each the largest seen so far (MINPACK's `mode = 1`):
    /// invariant under a change of units of the parameters.
    case jacobianColumnNorms
    /// A fixed positive D, one element per parameter (MINPACK's `mode = 2` with `diag`).
    case fixed([T])
  }

  /// Stop when the actual and predicted relative reductions of the cost in a step are both at
  /// most this (MINPACK's `ftol`). Default 1e-10; must be ≥ 0.
  public var reductionTolerance: T
  /// Stop when the trust region has shrunk to this fraction of ‖D p‖ (MINPACK's `xtol`).
  /// Default 1e-10; must be ≥ 0.
  public var stepTolerance: T
  /// Stop when the residual vector is this close to orthogonal to every column of the Jacobian:
  /// max |Jⱼᵀr| / (‖Jⱼ‖ ‖r‖) ≤ this (MINPACK's `gtol`). Default 1e-12; must be ≥ 0.
  public var gradientTolerance: T
  /// The most Jacobians to evaluate, one per accepted step. Default 1000; must be ≥ 1.
  public var maximumIterations: Int
  /// The most evaluations of the residuals, alone or with their Jacobian, the start included.
  /// Default 10 000; must be ≥ 1. The polish, at most ``polishSteps`` steps of two evaluations
  /// each, comes on top.
  public var maximumEvaluations: Int
  /// The first trust-region radius, as a multiple of ‖D p₀‖ (of 1 when p₀ = 0) (MINPACK's
  /// `factor`). Default 100; must be positive; from 0.1 to 100 is the useful range, smaller for
  /// a more cautious first step.
  public var initialRadiusFactor: T
  /// How the parameters are scaled. Default ``Scaling/jacobianColumnNorms``.
  public var scaling: Scaling
  /// The loss applied to the residuals. Default ``RobustLoss/linear`` (least squares).
  public var loss: RobustLoss<T>
  /// The undamped steps that follow a converged Levenberg–Marquardt run. Default
  /// ``PolishMethod/newton``.
  ///
  /// Levenberg–Marquardt stops when its tolerances are met, typically with the last few digits
  /// of the parameters still wrong: near the solution the cost is flat to rounding error, and
  /// on a problem with large residuals the Gauss–Newton model that Levenberg–Marquardt damps
  /// converges only linearly. A few undamped steps from there, each solved by QR and kept only
  /// if it does not increase the cost, gain those digits for a few evaluations.
  public var polishMethod: PolishMethod
  /// The most steps of the polish. Default 5; must be ≥ 0, and 0 turns the polish off.
  public var polishSteps: Int

  /// The step of the polish.
  public enum PolishMethod: Sendable, Equatable {
    /// No polish.
    case none
    /// s = −(JᵀJ)⁻¹Jᵀr, solved by QR of J.
    case gaussNewton
    /// s = −(JᵀJ + Σ rᵢ∇²rᵢ)⁻¹Jᵀr, Newton's step on ½Σ rᵢ², with the exact second derivatives of
    /// the residuals (forward over reverse mode); solved through the QR factors of J, and
    /// replaced by the Gauss–Newton step where the Hessian is not positive definite. Newton's
    /// step converges quadratically where Gauss–Newton is linear (large residuals). With a
    /// ``RobustLoss`` other than linear the Gauss–Newton step is used.
    case newton
  }

  /// Creates options; see each property for its meaning and default.
  public init(
    reductionTolerance: T = 1e-10, stepTolerance: T = 1e-10, gradientTolerance: T = 1e-12,
    maximumIterations: Int = 1000, maximumEvaluations: Int = 10_000,
    initialRadiusFactor: T = 100, scaling: Scaling = .jacobianColumnNorms,
    loss: RobustLoss<T> = .linear, polishMethod: PolishMethod = .newton, polishSteps: Int = 5
  ) {
    self.reductionTolerance = reductionTolerance
    self.stepTolerance = stepTolerance
    self.gradientTolerance = gradientTolerance
    self.maximumIterations = maximumIterations
    self.maximumEvaluations = maximumEvaluations
    self.initialRadiusFactor = initialRadiusFactor
    self.scaling = scaling
    self.loss = loss
    self.polishMethod = polishMethod
    self.polishSteps = polishSteps
  }

  /// Throws ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the first
  /// option out of range, or ``OptimizationError/sizeMismatch(argument:expected:actual:advice:)``
  /// for a fixed scaling of another length than `parameterCount`.
  public func validate(parameterCount: Int) throws {
    try Check.nonNegative(reductionTolerance, "reductionTolerance", example: "1e-10")
    try Check.nonNegative(stepTolerance, "stepTolerance", example: "1e-10")
    try Check.nonNegative(gradientTolerance, "gradientTolerance", example: "1e-12")
    try Check.atLeast(maximumIterations, 1, "maximumIterations")
    try Check.atLeast(maximumEvaluations, 1, "maximumEvaluations")
    try Check.positive(initialRadiusFactor, "initialRadiusFactor", example: "100")
    try Check.atLeast(polishSteps, 0, "polishSteps")
    try loss.validate()
    if case .fixed(let scale) = scaling {
      guard scale.count == parameterCount else {
        throw OptimizationError.sizeMismatch(
          argument: "scaling", expected: parameterCount, actual: scale.count,
          advice: "give one positive scale per parameter, or use .jacobianColumnNorms.")
      }
      for (index, value) in scale.enumerated() {
        try Check.positive(value, "scaling[\(index)]", example: "1")
      }
    }
  }
}

extension LeastSquaresOptions.Scaling: Sendable where T: Sendable {}
extension LeastSquaresOptions: Sendable where T: Sendable {}
