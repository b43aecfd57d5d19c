extension StrongWolfeLineSearch: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case sufficientDecrease, curvature, maximumEvaluations
  }

  /// Restores a line search saved by ``encode(to:)``.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   type's encoding, a newer format or another scalar type, and for a constant the
  ///   initializer rejects. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(
      type: "StrongWolfeLineSearch", version: Self.formatVersion, scalar: T.self)
    try self.init(
      sufficientDecrease: container.decode(T.self, forKey: .sufficientDecrease),
      curvature: container.decode(T.self, forKey: .curvature),
      maximumEvaluations: container.decode(Int.self, forKey: .maximumEvaluations))
  }

  /// Saves the constants c₁, c₂ and the evaluation limit; a search keeps nothing else from one
  /// call to the next.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(
      type: "StrongWolfeLineSearch", version: Self.formatVersion, scalar: T.self)
    try container.encode(sufficientDecrease, forKey: .sufficientDecrease)
    try container.encode(curvature, forKey: .curvature)
    try container.encode(maximumEvaluations, forKey: .maximumEvaluations)
  }
}
