extension AdamW: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case weightDecay, base
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type; for a weight decay the
  ///   initializer rejects, or a coupled weight decay in the Adam inside; as
  ///   ``Adam/init(from:)`` for the Adam inside. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "AdamW", version: Self.formatVersion, scalar: T.self)
    let weightDecay = try container.decode(T.self, forKey: .weightDecay)
    let adam = try container.decode(Adam<T>.self, forKey: .base)
    guard adam.weightDecay == 0 else {
      throw OptimizationError.invalidArgument(
        argument: "base.weightDecay", value: "\(Double(adam.weightDecay))",
        requirement: "0: AdamW's decay is its own `weightDecay`, decoupled, and the Adam inside "
          + "it has none")
    }
    composed = try DecoupledWeightDecay(adam, weightDecay: weightDecay)
  }

  /// Saves the decoupled weight decay and, under `base`, the Adam inside with its
  /// hyper-parameters, step count and moments.
  ///
  /// - Throws: As ``Adam/encode(to:)``.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "AdamW", version: Self.formatVersion, scalar: T.self)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(composed.base, forKey: .base)
  }
}
