/// Why a least-squares solver stopped: one case per test of ``LeastSquaresOptions``, and the
/// failures.
///
/// The first four are convergence (``isConvergence``). ``precisionLimit`` is convergence to the
/// precision of the floating-point type: a tolerance was tighter than the arithmetic can resolve
/// and no further progress was possible.
public enum LeastSquaresStopReason: Sendable, Equatable, CustomStringConvertible {
  /// The actual and predicted relative reductions of the cost were at most
  /// ``LeastSquaresOptions/reductionTolerance`` (MINPACK `info = 1`).
  case reductionBelowTolerance
  /// The trust region, and so the relative change of the parameters, was at most
  /// ``LeastSquaresOptions/stepTolerance`` (MINPACK `info = 2`).
  case stepBelowTolerance
  /// The residuals were orthogonal to every column of the Jacobian to within
  /// ``LeastSquaresOptions/gradientTolerance``, or were all zero (MINPACK `info = 4`); under
  /// bounds, every column but those of the parameters held at a bound that the gradient pushes
  /// against (the projected gradient).
  case gradientBelowTolerance
  /// No further reduction of the cost or change of the parameters is possible in floating-point
  /// arithmetic (MINPACK `info = 6, 7, 8`).
  case precisionLimit
  /// ``LeastSquaresOptions/maximumIterations`` Jacobians were used.
  case iterationLimit
  /// ``LeastSquaresOptions/maximumEvaluations`` evaluations of the residuals were made.
  case evaluationLimit
  /// Every step tried from the last point, down to a vanishing trust region, gave a NaN or
  /// infinite residual; the result holds that last point, where the residuals are finite.
  case nonFiniteResiduals
  /// The Jacobian at an accepted point held a NaN or an infinity (the residuals were finite);
  /// the result holds that point.
  case nonFiniteJacobian

  /// `true` for the criteria that mean the solver has converged.
  public var isConvergence: Bool {
    switch self {
    case .reductionBelowTolerance, .stepBelowTolerance, .gradientBelowTolerance, .precisionLimit:
      return true
    case .iterationLimit, .evaluationLimit, .nonFiniteResiduals, .nonFiniteJacobian:
      return false
    }
  }

  public var description: String {
    switch self {
    case .reductionBelowTolerance:
      return "converged: relative reduction of the cost below tolerance"
    case .stepBelowTolerance: return "converged: relative step below tolerance"
    case .gradientBelowTolerance:
      return "converged: residuals orthogonal to the Jacobian's columns within tolerance"
    case .precisionLimit:
      return "converged: no further progress possible in floating-point precision"
    case .iterationLimit: return "not converged: iteration limit reached"
    case .evaluationLimit: return "not converged: evaluation limit reached"
    case .nonFiniteResiduals:
      return "stopped: every smaller step gave NaN or infinite residuals (the model is not finite "
        + "near the returned parameters)"
    case .nonFiniteJacobian:
      return "stopped: the Jacobian is NaN or infinite at the returned parameters"
    }
  }
}
