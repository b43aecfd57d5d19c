/// Everything the `minimize` driver knows between two steps: the iterate, its cost and gradient,
/// the best point, the values the criteria compare against, the counters and the history.
///
/// A value of this type is what a training checkpoint stores of the driver, so that a resumed
/// run makes the same decisions (iteration limit, cost-change window, divergence and honest
/// stops) as the uninterrupted one. Its contents are internal; it is `Codable` so that a
/// checkpoint can be saved as JSON.
public struct RunState<T: BinaryFloatingPoint>: Equatable {
  @usableFromInline package var iteration: Int
  @usableFromInline package var parameters: [T]
  @usableFromInline package var value: T
  @usableFromInline package var gradient: [T]
  @usableFromInline package var gradientNorm: T
  @usableFromInline package var stepSize: T?
  @usableFromInline package var evaluations: Int
  @usableFromInline package var secondOrderEvaluations: Int
  @usableFromInline package var initialValue: T
  @usableFromInline package var initialGradientNorm: T
  @usableFromInline package var best: [T]
  @usableFromInline package var bestValue: T
  @usableFromInline package var bestGradientNorm: T
  @usableFromInline package var bestIteration: Int
  @usableFromInline package var recentValues: [T]
  @usableFromInline package var history: [HistoryEntry<T>]
  @usableFromInline package var movedOntoBounds: [Int]
  /// The run time before the checkpoint, added to the resumed run's.
  @usableFromInline package var elapsed: Duration

  @inlinable
  package init(
    iteration: Int, parameters: [T], value: T, gradient: [T], gradientNorm: T, stepSize: T?,
    evaluations: Int, secondOrderEvaluations: Int, initialValue: T, initialGradientNorm: T,
    best: [T], bestValue: T, bestGradientNorm: T, bestIteration: Int, recentValues: [T],
    history: [HistoryEntry<T>], movedOntoBounds: [Int], elapsed: Duration
  ) {
    self.iteration = iteration
    self.parameters = parameters
    self.value = value
    self.gradient = gradient
    self.gradientNorm = gradientNorm
    self.stepSize = stepSize
    self.evaluations = evaluations
    self.secondOrderEvaluations = secondOrderEvaluations
    self.initialValue = initialValue
    self.initialGradientNorm = initialGradientNorm
    self.best = best
    self.bestValue = bestValue
    self.bestGradientNorm = bestGradientNorm
    self.bestIteration = bestIteration
    self.recentValues = recentValues
    self.history = history
    self.movedOntoBounds = movedOntoBounds
    self.elapsed = elapsed
  }

  /// The iteration the state was taken at: the number of steps taken.
  public var iterations: Int { iteration }
}

extension RunState: Sendable where T: Sendable {}
extension RunState: Codable where T: Codable {}
