extension CoupledWeightDecay: Codable where Base: Codable, Scalar: Codable {
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
  ///   optimizer's state, a newer format or another scalar type, or a weight decay the
  ///   initializer rejects; as the base's `init(from:)` for the base. `DecodingError` when a
  ///   key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(
      type: "CoupledWeightDecay", version: Self.formatVersion, scalar: Scalar.self)
    let weightDecay = try container.decode(Scalar.self, forKey: .weightDecay)
    try self.init(container.decode(Base.self, forKey: .base), weightDecay: weightDecay)
  }

  /// Saves λ and, under `base`, the wrapped optimizer with its state.
  ///
  /// - Throws: As the base's `encode(to:)`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(
      type: "CoupledWeightDecay", version: Self.formatVersion, scalar: Scalar.self)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(base, forKey: .base)
  }
}

extension DecoupledWeightDecay: Codable where Base: Codable, Scalar: Codable {
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
  ///   optimizer's state, a newer format or another scalar type, or a weight decay the
  ///   initializer rejects; as the base's `init(from:)` for the base. `DecodingError` when a
  ///   key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(
      type: "DecoupledWeightDecay", version: Self.formatVersion, scalar: Scalar.self)
    let weightDecay = try container.decode(Scalar.self, forKey: .weightDecay)
    try self.init(container.decode(Base.self, forKey: .base), weightDecay: weightDecay)
  }

  /// Saves λ and, under `base`, the wrapped optimizer with its state.
  ///
  /// - Throws: As the base's `encode(to:)`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(
      type: "DecoupledWeightDecay", version: Self.formatVersion, scalar: Scalar.self)
    try container.encode(weightDecay, forKey: .weightDecay)
    try container.encode(base, forKey: .base)
  }
}
