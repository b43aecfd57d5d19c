extension RMSProp: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, alpha, epsilon, momentum, centered, weightDecay
    case meanSquare, meanGradient, velocity
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a hyper-parameter the
  ///   initializer rejects; for buffers whose lengths disagree (the mean gradient is as long as
  ///   the mean square when centered and empty otherwise, the velocity as long when
  ///   `momentum > 0` and empty otherwise) or hold NaN or infinity. `DecodingError` when a key
  ///   is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "RMSProp", version: Self.formatVersion, scalar: T.self)
    try self.init(
      learningRate: container.decode(T.self, forKey: .learningRate),
      alpha: container.decode(T.self, forKey: .alpha),
      epsilon: container.decode(T.self, forKey: .epsilon),
      momentum: container.decode(T.self, forKey: .momentum),
      centered: container.decode(Bool.self, forKey: .centered),
      weightDecay: container.decode(T.self, forKey: .weightDecay))
    let meanSquare = try container.decode([T].self, forKey: .meanSquare)
    let meanGradient = try container.decode([T].self, forKey: .meanGradient)
    let velocity = try container.decode([T].self, forKey: .velocity)
    let n = meanSquare.count
    try Check.savedLength(
      meanGradient.count, "meanGradient", expected: centered ? n : 0, of: "RMSProp")
    try Check.savedLength(
      velocity.count, "velocity", expected: momentum > 0 ? n : 0, of: "RMSProp")
    try Check.finite(meanSquare, "meanSquare")
    try Check.finite(meanGradient, "meanGradient")
    try Check.finite(velocity, "velocity")
    // The update keeps an unused buffer one element long (see `update`); it is never written.
    let unused = [T](repeating: 0, count: Swift.min(n, 1))
    self.meanSquare = meanSquare
    self.meanGradient = centered ? meanGradient : unused
    self.velocity = momentum > 0 ? velocity : unused
  }

  /// Saves the hyper-parameters, the mean square, the mean gradient (when centered) and the
  /// momentum buffer (when `momentum > 0`); a buffer the variant does not use is saved empty.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the
  ///   learning rate is not positive and finite, or a buffer holds NaN or infinity.
  public func encode(to encoder: any Encoder) throws {
    let meanGradient = centered ? self.meanGradient : []
    let velocity = momentum > 0 ? self.velocity : []
    try Check.learningRate(learningRate)
    try Check.finite(meanSquare, "meanSquare")
    try Check.finite(meanGradient, "meanGradient")
    try Check.finite(velocity, "velocity")
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "RMSProp", version: Self.formatVersion, scalar: T.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(alpha, forKey: .alpha)
    try container.encode(epsilon, forKey: .epsilon)
    try container.encode(momentum, forKey: .momentum)
    try container.encode(centered, forKey: .centered)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(meanSquare, forKey: .meanSquare)
    try container.encode(meanGradient, forKey: .meanGradient)
    try container.encode(velocity, forKey: .velocity)
  }
}
