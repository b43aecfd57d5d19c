extension AdaGrad: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, learningRateDecay, initialAccumulator, epsilon, weightDecay
    case stepCount, accumulator
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a hyper-parameter the
  ///   initializer rejects; for a negative step count or a non-finite accumulator.
  ///   `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "AdaGrad", version: Self.formatVersion, scalar: T.self)
    try self.init(
      learningRate: container.decode(T.self, forKey: .learningRate),
      learningRateDecay: container.decode(T.self, forKey: .learningRateDecay),
      initialAccumulator: container.decode(T.self, forKey: .initialAccumulator),
      epsilon: container.decode(T.self, forKey: .epsilon),
      weightDecay: container.decode(T.self, forKey: .weightDecay))
    let steps = try container.decode(Int.self, forKey: .stepCount)
    let accumulator = try container.decode([T].self, forKey: .accumulator)
    try Check.atLeast(steps, 0, "stepCount")
    try Check.finite(accumulator, "accumulator")
    self.steps = steps
    self.accumulator = accumulator
  }

  /// Saves the hyper-parameters, the step count and the accumulator.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the
  ///   learning rate is not positive and finite, or the accumulator holds NaN or infinity.
  public func encode(to encoder: any Encoder) throws {
    try Check.learningRate(learningRate)
    try Check.finite(accumulator, "accumulator")
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "AdaGrad", version: Self.formatVersion, scalar: T.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(learningRateDecay, forKey: .learningRateDecay)
    try container.encode(initialAccumulator, forKey: .initialAccumulator)
    try container.encode(epsilon, forKey: .epsilon)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(steps, forKey: .stepCount)
    try container.encode(accumulator, forKey: .accumulator)
  }
}
