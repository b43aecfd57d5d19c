extension Scheduled: Codable where Base: Codable, Scalar: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, stepCount, schedule, base
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have: the schedule resumes at the saved step.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a base rate that is not
  ///   positive and finite, a negative step count, or a schedule its static function rejects;
  ///   as the base's `init(from:)` for the base. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "Scheduled", version: Self.formatVersion, scalar: Scalar.self)
    let learningRate = try container.decode(Scalar.self, forKey: .learningRate)
    let steps = try container.decode(Int.self, forKey: .stepCount)
    try Check.learningRate(learningRate)
    try Check.atLeast(steps, 0, "stepCount")
    let schedule = try container.decode(LearningRateSchedule<Scalar>.self, forKey: .schedule)
    self.init(try container.decode(Base.self, forKey: .base), schedule: schedule)
    self.learningRate = learningRate
    self.steps = steps
  }

  /// Saves the base rate, the step count, the schedule and, under `base`, the wrapped optimizer
  /// with its state (its learning rate is the rate of the latest update).
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the base
  ///   rate is not positive and finite, or the schedule is a custom one (a function cannot be
  ///   saved); as the base's `encode(to:)` for the base.
  public func encode(to encoder: any Encoder) throws {
    try Check.learningRate(learningRate)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "Scheduled", version: Self.formatVersion, scalar: Scalar.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(steps, forKey: .stepCount)
    try container.encode(schedule, forKey: .schedule)
    try container.encode(wrapped, forKey: .base)
  }
}
