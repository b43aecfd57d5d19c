extension GradientClipping: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case kind, bound
  }

  /// Reads a clipping saved by ``encode(to:)``. The bound is checked where the clipping is
  /// used, by ``GradientClipped``.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for an
  ///   unknown kind. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let kind = try container.decode(String.self, forKey: .kind)
    let bound = try container.decode(T.self, forKey: .bound)
    switch kind {
    case "byValue": self = .byValue(bound)
    case "byGlobalNorm": self = .byGlobalNorm(bound)
    default:
      throw OptimizationError.invalidArgument(
        argument: "clipping", value: "\"\(kind)\"",
        requirement: "\"byValue\" or \"byGlobalNorm\"")
    }
  }

  /// Saves the kind, `byValue` or `byGlobalNorm`, and the bound.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .byValue: try container.encode("byValue", forKey: .kind)
    case .byGlobalNorm: try container.encode("byGlobalNorm", forKey: .kind)
    }
    try container.encode(bound, forKey: .bound)
  }
}

extension GradientClipped: Codable where Base: Codable, Scalar: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case clipping, base
  }

  /// Restores an optimizer saved by ``encode(to:)``, which continues exactly as the saved one
  /// would have.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   optimizer's state, a newer format or another scalar type, or a bound the initializer
  ///   rejects; as the base's `init(from:)` for the base. `DecodingError` when a key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(
      type: "GradientClipped", version: Self.formatVersion, scalar: Scalar.self)
    let clipping = try container.decode(GradientClipping<Scalar>.self, forKey: .clipping)
    try self.init(container.decode(Base.self, forKey: .base), clipping: clipping)
  }

  /// Saves the clipping and, under `base`, the wrapped optimizer with its state.
  ///
  /// - Throws: As the base's `encode(to:)`.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(
      type: "GradientClipped", version: Self.formatVersion, scalar: Scalar.self)
    try container.encode(clipping, forKey: .clipping)
    try container.encode(base, forKey: .base)
  }
}
