/// What ``minimize(_:from:using:bounds:options:progress:)`` found, and why it stopped.
public struct MinimizationResult<T: BinaryFloatingPoint>: Equatable {
  /// The parameters returned: the last iterate, or the best one seen when the run diverged or
  /// ended with its cost above the start's (``StopReason/costRose(_:)``).
  public var minimizer: [T]
  /// J at ``minimizer``.
  public var value: T
  /// ‖∇J‖₂ at ``minimizer``; in a run with bounds, the projected gradient's norm
  /// ‖θ − P(θ − ∇J(θ))‖₂ (see ``Bounds``).
  public var gradientNorm: T
  /// The number of steps taken.
  public var iterations: Int
  /// The number of evaluations of value and gradient, including the one at the start.
  public var evaluations: Int
  /// The number of Hessians and Hessian-vector products the method asked for (zero for
  /// first-order methods).
  public var secondOrderEvaluations: Int
  /// The parameters that lay outside the bounds at the start and were moved onto them before
  /// the first evaluation, as SciPy's L-BFGS-B does; empty when the start was inside (or the run
  /// had no bounds).
  public var movedOntoBounds: [Int]
  /// Which criterion stopped the run.
  public var stopReason: StopReason<T>
  /// The cost and gradient norm every ``MinimizationOptions/historyInterval`` iterations, and
  /// at the last.
  public var history: [HistoryEntry<T>]
  /// The wall-clock time of the run.
  public var elapsed: Duration

  /// `true` when a convergence criterion stopped the run (see ``StopReason/isConvergence``).
  public var converged: Bool { stopReason.isConvergence }

  /// The divergence report, when the run diverged.
  public var divergence: Divergence<T>? {
    if case .diverged(let report) = stopReason { return report }
    return nil
  }

  /// The report of a training run stopped early by its validation metric.
  public var earlyStop: EarlyStop<T>? {
    if case .earlyStopped(let report) = stopReason { return report }
    return nil
  }

  /// The report of a run that ended with its cost above its starting cost.
  public var costRise: CostRise<T>? {
    if case .costRose(let report) = stopReason { return report }
    return nil
  }

  /// Creates a result.
  public init(
    minimizer: [T], value: T, gradientNorm: T, iterations: Int, evaluations: Int,
    secondOrderEvaluations: Int = 0, movedOntoBounds: [Int] = [],
    stopReason: StopReason<T>, history: [HistoryEntry<T>], elapsed: Duration
  ) {
    self.minimizer = minimizer
    self.value = value
    self.gradientNorm = gradientNorm
    self.iterations = iterations
    self.evaluations = evaluations
    self.secondOrderEvaluations = secondOrderEvaluations
    self.movedOntoBounds = movedOntoBounds
    self.stopReason = stopReason
    self.history = history
    self.elapsed = elapsed
  }
}

extension MinimizationResult: Sendable where T: Sendable {}

extension MinimizationResult: CustomStringConvertible {
  /// A report for printing: why the run stopped, with its counts; the cost and the gradient
  /// norm at the minimizer; and the minimizer, its first six values when it has more than ten.
  /// The history and the elapsed time are left out (print ``history`` to see the one, read
  /// ``elapsed`` for the other), so that the report of a run is the same on every machine.
  ///
  /// ```
  /// converged: gradient norm below tolerance (20 iterations, 24 evaluations, 20 second-order)
  ///   value 1.0730941101103892e-20, gradient norm 4.611e-9
  ///   minimizer [0.9999999999933785, 0.9999999999764192]
  /// ```
  public var description: String {
    var counts = "\(iterations) iterations, \(evaluations) evaluations"
    if secondOrderEvaluations > 0 { counts += ", \(secondOrderEvaluations) second-order" }
    let shown = minimizer.count <= 10 ? minimizer[...] : minimizer.prefix(6)
    // As Swift prints each value, in its own precision; NaN as "NaN", not "nan" or "-nan".
    func text(_ x: T) -> String { x.isNaN ? "NaN" : "\(x)" }
    var values = shown.map(text)
    if shown.count < minimizer.count { values.append("… (\(minimizer.count) values)") }
    var lines = [
      "\(stopReason) (\(counts))",
      "  value \(text(value)), gradient norm \(readableWithExponent(Double(gradientNorm)))",
      "  minimizer [\(values.joined(separator: ", "))]",
    ]
    if !movedOntoBounds.isEmpty {
      lines.append("  moved onto the bounds before the first evaluation: \(movedOntoBounds)")
    }
    return lines.joined(separator: "\n")
  }
}

/// One recorded iteration.
public struct HistoryEntry<T: BinaryFloatingPoint>: Equatable {
  /// The iteration, 0 being the start.
  public var iteration: Int
  /// J(θ) there.
  public var value: T
  /// ‖∇J(θ)‖₂ there; the projected gradient's norm in a run with bounds.
  public var gradientNorm: T
  /// The validation metric there, in a training run with validation; `nil` otherwise.
  public var validationMetric: T?

  /// Creates an entry.
  public init(iteration: Int, value: T, gradientNorm: T, validationMetric: T? = nil) {
    self.iteration = iteration
    self.value = value
    self.gradientNorm = gradientNorm
    self.validationMetric = validationMetric
  }
}

extension HistoryEntry: Sendable where T: Sendable {}

extension HistoryEntry: Codable where T: Codable {}

/// What the progress callback of ``minimize(_:from:using:bounds:options:progress:)`` sees at each
/// iteration, the start included.
public struct IterationReport<T: BinaryFloatingPoint> {
  /// The iteration, 0 being the start.
  public var iteration: Int
  /// J(θ).
  public var value: T
  /// ‖∇J(θ)‖₂; the projected gradient's norm ‖θ − P(θ − ∇J(θ))‖₂ in a run with bounds.
  public var gradientNorm: T
  /// ‖θₖ − θₖ₋₁‖₂; `nil` at iteration 0.
  public var stepSize: T?
  /// Evaluations so far.
  public var evaluations: Int
  /// θ.
  public var parameters: [T]
  /// The validation metric at θ, in a training run with validation; `nil` otherwise.
  public var validationMetric: T?

  /// Creates a report.
  public init(
    iteration: Int, value: T, gradientNorm: T, stepSize: T?, evaluations: Int, parameters: [T],
    validationMetric: T? = nil
  ) {
    self.validationMetric = validationMetric
    self.iteration = iteration
    self.value = value
    self.gradientNorm = gradientNorm
    self.stepSize = stepSize
    self.evaluations = evaluations
    self.parameters = parameters
  }
}

/// The answer of a progress callback.
public enum ProgressAction: Sendable, Equatable {
  /// Go on.
  case `continue`
  /// Stop now, with ``StopReason/stoppedByCallback``.
  case stop
}
