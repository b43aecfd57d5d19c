extension LearningRateSchedule: Codable where T: Codable {
  fileprivate enum CodingKeys: String, CodingKey {
    case kind, interval, factor, period, minimum, steps, then
  }

  /// Builds a schedule saved by ``encode(to:)`` with the static function named by its `kind`.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for an
  ///   unknown kind, or for a constant that function rejects (an interval below 1, a factor
  ///   outside (0, 1], …). `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "constant":
      self = .constant
    case "step":
      self = try .step(
        every: container.decode(Int.self, forKey: .interval),
        factor: container.decode(T.self, forKey: .factor))
    case "exponential":
      self = try .exponential(factor: container.decode(T.self, forKey: .factor))
    case "cosine":
      self = try .cosine(
        period: container.decode(Int.self, forKey: .period),
        minimum: container.decode(T.self, forKey: .minimum))
    case "linearWarmup":
      self = try .linearWarmup(
        steps: container.decode(Int.self, forKey: .steps),
        then: container.decode(Self.self, forKey: .then))
    default:
      throw OptimizationError.invalidArgument(
        argument: "schedule", value: "\"\(kind)\"",
        requirement: "one of \"constant\", \"step\", \"exponential\", \"cosine\" and "
          + "\"linearWarmup\"")
    }
  }

  /// Saves the kind of the schedule (`constant`, `step`, `exponential`, `cosine`,
  /// `linearWarmup`) and the arguments of the static function that built it.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming
  ///   `schedule` for a custom schedule, anywhere in it: a function cannot be saved.
  public func encode(to encoder: any Encoder) throws {
    try definition.encode(to: encoder)
  }
}

extension LearningRateSchedule.Definition: Encodable where T: Codable {
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: LearningRateSchedule<T>.CodingKeys.self)
    switch self {
    case .constant:
      try container.encode("constant", forKey: .kind)
    case .step(let interval, let factor):
      try container.encode("step", forKey: .kind)
      try container.encode(interval, forKey: .interval)
      try container.encode(factor, forKey: .factor)
    case .exponential(let factor):
      try container.encode("exponential", forKey: .kind)
      try container.encode(factor, forKey: .factor)
    case .cosine(let period, let minimum):
      try container.encode("cosine", forKey: .kind)
      try container.encode(period, forKey: .period)
      try container.encode(minimum, forKey: .minimum)
    case .linearWarmup(let steps, let then):
      try container.encode("linearWarmup", forKey: .kind)
      try container.encode(steps, forKey: .steps)
      try container.encode(then, forKey: .then)
    case .custom:
      throw OptimizationError.invalidArgument(
        argument: "schedule", value: "custom",
        requirement: "one of the built-in schedules (constant, step, exponential, cosine, "
          + "linearWarmup) to be saved: a custom schedule is a function, which cannot be "
          + "written to a file")
    }
  }
}
