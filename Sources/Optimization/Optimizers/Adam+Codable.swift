extension Adam: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, beta1, beta2, epsilon, weightDecay
    case stepCount, firstMoment, secondMoment
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a hyper-parameter the
  ///   initializer rejects; for a negative step count, moments of different lengths or a
  ///   non-finite moment. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "Adam", version: Self.formatVersion, scalar: T.self)
    try self.init(
      learningRate: container.decode(T.self, forKey: .learningRate),
      beta1: container.decode(T.self, forKey: .beta1),
      beta2: container.decode(T.self, forKey: .beta2),
      epsilon: container.decode(T.self, forKey: .epsilon),
      weightDecay: container.decode(T.self, forKey: .weightDecay))
    let steps = try container.decode(Int.self, forKey: .stepCount)
    let firstMoment = try container.decode([T].self, forKey: .firstMoment)
    let secondMoment = try container.decode([T].self, forKey: .secondMoment)
    try Check.atLeast(steps, 0, "stepCount")
    try Check.savedLength(
      secondMoment.count, "secondMoment", expected: firstMoment.count, of: "Adam")
    try Check.finite(firstMoment, "firstMoment")
    try Check.finite(secondMoment, "secondMoment")
    self.steps = steps
    self.firstMoment = firstMoment
    self.secondMoment = secondMoment
  }

  /// Saves the hyper-parameters, the step count and both moments.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the
  ///   learning rate is not positive and finite, or a moment holds NaN or infinity (a diverged
  ///   run).
  public func encode(to encoder: any Encoder) throws {
    try Check.learningRate(learningRate)
    try Check.finite(firstMoment, "firstMoment")
    try Check.finite(secondMoment, "secondMoment")
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "Adam", version: Self.formatVersion, scalar: T.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(beta1, forKey: .beta1)
    try container.encode(beta2, forKey: .beta2)
    try container.encode(epsilon, forKey: .epsilon)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(steps, forKey: .stepCount)
    try container.encode(firstMoment, forKey: .firstMoment)
    try container.encode(secondMoment, forKey: .secondMoment)
  }
}
