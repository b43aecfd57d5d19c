extension GradientDescent: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, momentum, dampening, nesterov, weightDecay
    case velocity
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a hyper-parameter the
  ///   initializer rejects; for a non-finite velocity. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(
      type: "GradientDescent", version: Self.formatVersion, scalar: T.self)
    try self.init(
      learningRate: container.decode(T.self, forKey: .learningRate),
      momentum: container.decode(T.self, forKey: .momentum),
      dampening: container.decode(T.self, forKey: .dampening),
      nesterov: container.decode(Bool.self, forKey: .nesterov),
      weightDecay: container.decode(T.self, forKey: .weightDecay))
    let velocity = try container.decode([T].self, forKey: .velocity)
    try Check.finite(velocity, "velocity")
    self.velocity = velocity
  }

  /// Saves the hyper-parameters and the velocity (empty before the first update with
  /// momentum, which starts it at the gradient).
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the
  ///   learning rate is not positive and finite, or the velocity holds NaN or infinity (a
  ///   diverged run).
  public func encode(to encoder: any Encoder) throws {
    try Check.learningRate(learningRate)
    try Check.finite(velocity, "velocity")
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(
      type: "GradientDescent", version: Self.formatVersion, scalar: T.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(momentum, forKey: .momentum)
    try container.encode(dampening, forKey: .dampening)
    try container.encode(nesterov, forKey: .nesterov)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(velocity, forKey: .velocity)
  }
}
