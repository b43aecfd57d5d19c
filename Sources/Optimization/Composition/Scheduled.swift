import AutoDiff

/// An optimizer whose learning rate follows a ``LearningRateSchedule``.
///
/// Before update t (counted from 0) the wrapped optimizer's rate is set to
/// `schedule.learningRate(at: t, base: learningRate)`; ``learningRate`` is the base rate α that
/// multiplicative schedules scale. A scheduled rate of exactly 0 (a cosine schedule at the end of
/// its period, an exponential one that has underflowed) is an update that does not move the
/// parameters; a negative or non-finite rate throws
/// ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming `schedule`.
///
/// `Codable` when the base is: the base rate, the step count, the schedule and, under `base`, the
/// wrapped optimizer with its state are saved, so that a decoded copy continues bit for bit at
/// the same point of the schedule (see ``init(from:)``). A ``LearningRateSchedule/custom(_:)``
/// schedule is a function and cannot be saved.
public struct Scheduled<Base: Optimizer>: Optimizer {
  public typealias Scalar = Base.Scalar

  /// The wrapped update rule; its `learningRate` is the rate of the latest update.
  public var base: Base { wrapped }
  @usableFromInline var wrapped: Base
  /// The schedule.
  public let schedule: LearningRateSchedule<Scalar>
  /// α, the base rate the schedule scales.
  public var learningRate: Scalar
  /// The number of updates taken, t.
  public var stepCount: Int { steps }
  @usableFromInline var steps = 0

  /// Wraps `base`, taking its current learning rate as the base rate.
  public init(_ base: Base, schedule: LearningRateSchedule<Scalar>) {
    self.wrapped = base
    self.schedule = schedule
    self.learningRate = base.learningRate
  }

  @inlinable
  public mutating func update(_ parameters: inout [Scalar], along gradient: [Scalar]) throws {
    try Check.learningRate(learningRate)
    let rate = schedule.learningRate(at: steps, base: learningRate)
    guard rate >= 0, rate.isFinite else {
      throw OptimizationError.invalidArgument(
        argument: "schedule", value: "\(Double(rate)) at step \(steps)",
        requirement: "a finite learning rate of at least 0 at every step; check the schedule")
    }
    try Check.gradientSize(gradient.count, parameters: parameters.count)
    // A rate of exactly 0 (a cosine schedule at the end of its period) is a step that does not
    // move; the base is not asked, since its own rules require a positive rate.
    guard rate > 0 else {
      steps += 1
      return
    }
    wrapped.learningRate = rate
    try wrapped.update(&parameters, along: gradient)
    steps += 1
  }

  /// Resets the wrapped optimizer and restarts the schedule at t = 0.
  public mutating func reset() {
    wrapped.reset()
    steps = 0
  }
}

extension Optimizer {
  /// This optimizer with its learning rate following `schedule`; see ``Scheduled``.
  public func scheduled(_ schedule: LearningRateSchedule<Scalar>) -> Scheduled<Self> {
    Scheduled(self, schedule: schedule)
  }
}
