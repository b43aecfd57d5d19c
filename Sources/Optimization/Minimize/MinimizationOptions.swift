/// When ``minimize(_:from:using:bounds:options:progress:)`` stops, what it records and what it prints.
///
/// The run stops at the first iteration k where one of these holds (checked in this order):
///
/// | criterion | test | default | ``StopReason`` |
/// | --- | --- | --- | --- |
/// | divergence | J(θₖ) or ∇J(θₖ) or θₖ not finite, or J(θₖ) − J_best > ``divergenceFactor``·max(\|J_best\|, \|J(θ₀)\|) | 1e4 | ``StopReason/diverged(_:)`` |
/// | gradient | ‖∇J(θₖ)‖₂ ≤ ``gradientTolerance`` | 1e-8 | ``StopReason/gradientNormBelowTolerance`` |
/// | step | ‖θₖ − θₖ₋₁‖₂ ≤ ``stepTolerance`` | off | ``StopReason/stepSizeBelowTolerance`` |
/// | cost change | \|J(θₖ) − J(θₖ₋w)\| ≤ ``valueTolerance``, or ≤ ``relativeValueTolerance``·\|J(θₖ)\| | off | ``StopReason/valueChangeBelowTolerance`` |
/// | callback | the progress callback returned ``ProgressAction/stop`` | — | ``StopReason/stoppedByCallback`` |
/// | iterations | k = ``maximumIterations`` | 1000 | ``StopReason/iterationLimit`` |
/// | time | elapsed ≥ ``timeLimit`` | off | ``StopReason/timeLimit`` |
///
/// w is ``valueChangeWindow``. A tolerance of `nil` turns its criterion off. The defaults follow
/// Optim.jl: only the gradient test and the iteration limit are on.
///
/// Two rules then decide what the stop may claim (see ``StopReason``): a step or cost-change
/// stop where ‖∇J(θₖ)‖₂ > ‖∇J(θ₀)‖₂ is ``StopReason/stoppedAtLargeGradient(_:)``, not
/// convergence; and any stop but divergence where J(θₖ) > J(θ₀) is ``StopReason/costRose(_:)``,
/// which returns the best parameters seen.
public struct MinimizationOptions<T: BinaryFloatingPoint>: Equatable {
  /// Stop when ‖∇J(θ)‖₂ ≤ this. Default 1e-8; `nil` turns the test off.
  public var gradientTolerance: T?
  /// Stop when ‖θₖ − θₖ₋₁‖₂ ≤ this; converged only if also ‖∇J(θₖ)‖₂ ≤ ‖∇J(θ₀)‖₂. Default
  /// `nil` (off).
  public var stepTolerance: T?
  /// Stop when \|J(θₖ) − J(θₖ₋w)\| ≤ this; converged only if also ‖∇J(θₖ)‖₂ ≤ ‖∇J(θ₀)‖₂.
  /// Default `nil` (off).
  public var valueTolerance: T?
  /// Stop when \|J(θₖ) − J(θₖ₋w)\| ≤ this · \|J(θₖ)\|; converged only if also
  /// ‖∇J(θₖ)‖₂ ≤ ‖∇J(θ₀)‖₂. Default `nil` (off).
  public var relativeValueTolerance: T?
  /// w, from 1 to 2²⁰, the number of iterations the cost change is measured over. Default 1.
  public var valueChangeWindow: Int
  /// The most steps to take. Default 1000.
  public var maximumIterations: Int
  /// The most wall-clock time to spend. Default `nil` (no limit).
  public var timeLimit: Duration?
  /// How far above its best the cost may rise, in units of max(\|J_best\|, \|J(θ₀)\|), before the
  /// run counts as diverged. Default 1e4; `nil` keeps only the NaN/infinity test.
  public var divergenceFactor: T?
  /// Record the cost and gradient norm every this many iterations (and always the last).
  /// Default 1.
  public var historyInterval: Int
  /// Print a line of trace every this many iterations (and always the last), as Optim.jl's
  /// `show_trace`/`show_every`. Default `nil` (silent).
  public var traceInterval: Int?

  /// Creates options; see each property for its meaning and default.
  public init(
    gradientTolerance: T? = 1e-8, stepTolerance: T? = nil, valueTolerance: T? = nil,
    relativeValueTolerance: T? = nil, valueChangeWindow: Int = 1, maximumIterations: Int = 1000,
    timeLimit: Duration? = nil, divergenceFactor: T? = 1e4, historyInterval: Int = 1,
    traceInterval: Int? = nil
  ) {
    self.gradientTolerance = gradientTolerance
    self.stepTolerance = stepTolerance
    self.valueTolerance = valueTolerance
    self.relativeValueTolerance = relativeValueTolerance
    self.valueChangeWindow = valueChangeWindow
    self.maximumIterations = maximumIterations
    self.timeLimit = timeLimit
    self.divergenceFactor = divergenceFactor
    self.historyInterval = historyInterval
    self.traceInterval = traceInterval
  }

  /// Throws ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the first
  /// option out of range.
  public func validate() throws {
    if let tolerance = gradientTolerance {
      try Check.nonNegative(tolerance, "gradientTolerance", example: "1e-8")
    }
    if let tolerance = stepTolerance {
      try Check.nonNegative(tolerance, "stepTolerance", example: "1e-10")
    }
    if let tolerance = valueTolerance {
      try Check.nonNegative(tolerance, "valueTolerance", example: "1e-12")
    }
    if let tolerance = relativeValueTolerance {
      try Check.nonNegative(tolerance, "relativeValueTolerance", example: "1e-9")
    }
    try Check.within(valueChangeWindow, 1, 1 << 20, "valueChangeWindow")
    try Check.atLeast(maximumIterations, 0, "maximumIterations")
    if let limit = timeLimit, limit <= .zero {
      throw OptimizationError.invalidArgument(
        argument: "timeLimit", value: "\(limit)", requirement: "positive, such as .seconds(10)")
    }
    if let factor = divergenceFactor {
      try Check.positive(factor, "divergenceFactor", example: "1e4")
    }
    try Check.atLeast(historyInterval, 1, "historyInterval")
    if let interval = traceInterval { try Check.atLeast(interval, 1, "traceInterval") }
  }
}

extension MinimizationOptions: Sendable where T: Sendable {}
