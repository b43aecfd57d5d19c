import AutoDiff

/// How the learning rate changes from one update to the next: αₜ as a function of the update
/// index t = 0, 1, 2, … and the optimizer's base rate α.
///
/// | schedule | αₜ | PyTorch |
/// | --- | --- | --- |
/// | ``constant`` | α | — |
/// | ``step(every:factor:)`` | α·γ^⌊t/k⌋ | `StepLR` |
/// | ``exponential(factor:)`` | α·γᵗ | `ExponentialLR` |
/// | ``cosine(period:minimum:)`` | αₘᵢₙ + (α − αₘᵢₙ)(1 + cos(π·min(t, T)/T))/2 | `CosineAnnealingLR` (one half-period) |
/// | ``linearWarmup(steps:then:)`` | α·(t + 1)/w for t < w, then the next schedule at t − w | `LinearLR` + `SequentialLR` |
/// | ``custom(_:)`` | f(t) | `LambdaLR` (absolute, not a multiplier) |
///
/// Apply one with ``Optimizer/scheduled(_:)``:
///
/// ```swift
/// let optimizer = try Adam<Double>(learningRate: 0.01)
///   .scheduled(.linearWarmup(steps: 100, then: .cosine(period: 900)))
/// ```
///
/// A schedule is `Codable` when `T` is, except a ``custom(_:)`` one (or one built with
/// ``init(_:)``), whose function is code rather than data: its kind and its constants are
/// saved, and decoding builds it again with the same static function, checked the same way.
public struct LearningRateSchedule<T: BinaryFloatingPoint & RealScalar> {
  /// αₜ from the update index t and the base rate α.
  @usableFromInline let rate: (_ step: Int, _ base: T) -> T
  /// Which static function built the schedule, with its arguments: what is saved.
  let definition: Definition

  /// The static function a schedule comes from and its arguments.
  indirect enum Definition {
    case constant
    case step(interval: Int, factor: T)
    case exponential(factor: T)
    case cosine(period: Int, minimum: T)
    case linearWarmup(steps: Int, then: Definition)
    /// A function of the user's, which cannot be saved.
    case custom
  }

  /// A schedule from a function of the update index and the base rate.
  public init(_ rate: @escaping (_ step: Int, _ base: T) -> T) {
    self.init(.custom, rate)
  }

  init(_ definition: Definition, _ rate: @escaping (_ step: Int, _ base: T) -> T) {
    self.rate = rate
    self.definition = definition
  }

  /// αₜ for update `step` (counted from 0) of an optimizer whose base rate is `base`.
  @inlinable
  public func learningRate(at step: Int, base: T) -> T { rate(step, base) }

  /// The base rate at every step.
  public static var constant: Self { Self(.constant) { _, base in base } }

  /// The base rate multiplied by γ every k updates: α·γ^⌊t/k⌋.
  ///
  /// - Parameters:
  ///   - interval: k ≥ 1, the number of updates between decays.
  ///   - factor: γ in (0, 1]. Default 0.1 (PyTorch's).
  public static func step(every interval: Int, factor: T = 0.1) throws -> Self {
    try Check.atLeast(interval, 1, "interval")
    try checkFactor(factor)
    return Self(.step(interval: interval, factor: factor)) { step, base in
      base * pow(factor, step / interval)
    }
  }

  /// The base rate multiplied by γ at every update: α·γᵗ.
  ///
  /// - Parameter factor: γ in (0, 1], such as 0.99.
  public static func exponential(factor: T) throws -> Self {
    try checkFactor(factor)
    return Self(.exponential(factor: factor)) { step, base in base * pow(factor, step) }
  }

  /// Cosine annealing from the base rate down to `minimum` over `period` updates, then
  /// `minimum`: αₘᵢₙ + (α − αₘᵢₙ)·(1 + cos(π·t/T))/2.
  ///
  /// Reference: Loshchilov & Hutter, "SGDR: Stochastic Gradient Descent with Warm Restarts",
  /// ICLR 2017.
  ///
  /// - Parameters:
  ///   - period: T ≥ 1, the number of updates of the descent.
  ///   - minimum: αₘᵢₙ ≥ 0, the final rate. Default 0.
  public static func cosine(period: Int, minimum: T = 0) throws -> Self {
    try Check.atLeast(period, 1, "period")
    try Check.nonNegative(minimum, "minimum", example: "0")
    return Self(.cosine(period: period, minimum: minimum)) { step, base in
      let progress = T(Swift.min(step, period)) / T(period)
      let cosine = cos(T.pi * progress)
      return minimum + (base - minimum) * (1 + cosine) / 2
    }
  }

  /// A linear ramp from α/w to α over the first w updates, then `schedule`, restarted at 0.
  ///
  /// - Parameters:
  ///   - steps: w ≥ 1, the length of the warm-up.
  ///   - schedule: What follows the warm-up. Default ``constant``.
  public static func linearWarmup(steps: Int, then schedule: Self = .constant) throws -> Self {
    try Check.atLeast(steps, 1, "steps")
    return Self(.linearWarmup(steps: steps, then: schedule.definition)) { step, base in
      step < steps ? base * T(step + 1) / T(steps) : schedule.rate(step - steps, base)
    }
  }

  /// A rate given by your own function of the update index t = 0, 1, …, ignoring the base rate.
  ///
  /// The rate it returns is checked at each update like any learning rate.
  public static func custom(_ rate: @escaping (_ step: Int) -> T) -> Self {
    Self(.custom) { step, _ in rate(step) }
  }

  static func checkFactor(_ factor: T) throws {
    guard factor > 0, factor <= 1 else {
      throw OptimizationError.invalidArgument(
        argument: "factor", value: "\(Double(factor))",
        requirement: "in (0, 1], such as 0.5 (a decay, not a growth)")
    }
  }
}
