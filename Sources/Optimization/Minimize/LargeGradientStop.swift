/// The report of a run whose step, or change of cost, fell below its tolerance while the
/// gradient was larger than at the start.
///
/// The step test ‖θₖ − θₖ₋₁‖₂ ≤ ``MinimizationOptions/stepTolerance`` and the cost-change test
/// \|J(θₖ) − J(θₖ₋w)\| ≤ ``MinimizationOptions/valueTolerance`` say only that the method has
/// stopped moving; the gradient says whether it stopped at a minimum. They count as
/// convergence only when
///
/// ```
/// ‖∇J(θₖ)‖₂ ≤ ‖∇J(θ₀)‖₂    the gradient is no larger than at the start
/// ```
///
/// At a minimum of a smooth cost the gradient vanishes, so a run that approaches one ends with a
/// gradient smaller than at its start. A method that barely moves at a point where the gradient
/// has grown is held up by something else: a pole or a cliff (log x² near 0, where the gradient
/// 2/x is unbounded), a cost with no minimum, or a kink. The run is then reported as
/// ``StopReason/stoppedAtLargeGradient(_:)``, which is not convergence (as SciPy's BFGS reports
/// its "precision loss" stop as a failure). The test is deliberately weak: it never overrules a
/// stop where the gradient has shrunk at all, because a loose tolerance chosen to stop early is
/// the caller's choice; only ``MinimizationOptions/gradientTolerance`` certifies a stationary
/// point.
public struct LargeGradientStop<T: BinaryFloatingPoint>: Equatable {
  /// The test that stopped the run.
  public enum Criterion: Sendable, Equatable {
    /// ‖θₖ − θₖ₋₁‖₂ ≤ ``MinimizationOptions/stepTolerance``.
    case stepSize
    /// The change of cost over ``MinimizationOptions/valueChangeWindow`` iterations was within
    /// ``MinimizationOptions/valueTolerance`` or ``MinimizationOptions/relativeValueTolerance``.
    case valueChange
  }

  /// The test that stopped the run.
  public var criterion: Criterion
  /// The iteration at which it held.
  public var iteration: Int
  /// ‖∇J(θₖ)‖₂ there.
  public var gradientNorm: T
  /// ‖∇J(θ₀)‖₂, smaller than ``gradientNorm``.
  public var initialGradientNorm: T
  /// What happened and where to look, for printing.
  public var message: String

  /// Creates a report, composing its ``message``.
  public init(criterion: Criterion, iteration: Int, gradientNorm: T, initialGradientNorm: T) {
    self.criterion = criterion
    self.iteration = iteration
    self.gradientNorm = gradientNorm
    self.initialGradientNorm = initialGradientNorm
    let what =
      switch criterion {
      case .stepSize: "the step size"
      case .valueChange: "the change of cost"
      }
    message =
      "\(what) fell below tolerance at iteration \(iteration), but the gradient norm is "
      + "\(readableWithExponent(Double(gradientNorm))), larger than at the start "
      + "(\(readableWithExponent(Double(initialGradientNorm)))): the cost may be unbounded below "
      + "or not smooth near the returned parameters; look there for a logarithm, a division or a "
      + "square root near zero."
  }
}

extension LargeGradientStop: Sendable where T: Sendable {}
