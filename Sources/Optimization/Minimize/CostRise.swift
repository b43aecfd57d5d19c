/// The report of a run that ended with its cost above its starting cost.
///
/// Whatever ended the run (a convergence test, a limit, the callback or a stall), a final cost
/// above the starting one means the run made things worse than doing nothing:
///
/// ```
/// J(θₖ) > J(θ₀)    at the iteration k where the run ends
/// ```
///
/// Such a run is never reported as converged. ``minimize(_:from:using:bounds:options:progress:)``
/// returns the best parameters seen, θ_best = argmin over the iterates of J, as it does for a
/// run that diverged, and this report keeps what the run would otherwise have said in
/// ``endedBy``. Gradient descent at a learning rate too large for the curvature does this when
/// a step lands on a plateau: in the Michaelis–Menten model v = Vmax·s / (K + s), a step to a
/// large K flattens the curve, and the gradient there is small enough to pass the gradient test
/// at a cost far above the start's.
public struct CostRise<T: BinaryFloatingPoint>: Equatable {
  /// The criterion that ended the run, which would have been its stop reason had the cost not
  /// risen.
  public var endedBy: StopReason<T>
  /// The last iteration, k.
  public var iteration: Int
  /// J(θ₀), the cost at the start.
  public var initialValue: T
  /// J(θₖ), the cost at the last iterate: above ``initialValue``.
  public var value: T
  /// θₖ, the last iterate (the result returns the best one instead).
  public var lastParameters: [T]
  /// The iteration of the best cost seen, whose parameters the result returns.
  public var bestIteration: Int
  /// The best cost seen, at most ``initialValue``.
  public var bestValue: T
  /// The learning rate in use, and a smaller one to try.
  public var learningRate: T
  /// What happened and what to change, for printing.
  public var message: String

  /// Creates a report, composing its ``message``.
  public init(
    endedBy: StopReason<T>, iteration: Int, initialValue: T, value: T, lastParameters: [T],
    bestIteration: Int, bestValue: T, learningRate: T
  ) {
    self.endedBy = endedBy
    self.iteration = iteration
    self.initialValue = initialValue
    self.value = value
    self.lastParameters = lastParameters
    self.bestIteration = bestIteration
    self.bestValue = bestValue
    self.learningRate = learningRate
    let when =
      switch endedBy {
      case .gradientNormBelowTolerance: "where the gradient norm fell below tolerance"
      case .stepSizeBelowTolerance: "where the step size fell below tolerance"
      case .valueChangeBelowTolerance: "where the change of cost fell below tolerance"
      case .stoppedAtLargeGradient(let stop):
        stop.criterion == .stepSize
          ? "where the step size fell below tolerance"
          : "where the change of cost fell below tolerance"
      case .iterationLimit: "when the iteration limit was reached"
      case .timeLimit: "when the time limit was reached"
      case .stoppedByCallback: "when the progress callback stopped the run"
      case .stalled: "where no acceptable step was found"
      case .earlyStopped: "when the validation metric stopped improving"
      case .diverged, .costRose: "when the run stopped"
      }
    let rate = readable(Double(learningRate))
    let smaller = readable(Double(learningRate) / 10)
    message =
      "the cost rose from \(readable(Double(initialValue))) at the start to "
      + "\(readable(Double(value))) at iteration \(iteration), \(when); the best cost was "
      + "\(readable(Double(bestValue))) at iteration \(bestIteration), whose parameters are "
      + "returned. The learning rate \(rate) is probably too large: try a smaller one, such as "
      + "\(smaller)."
  }
}

extension CostRise: Sendable where T: Sendable {}
