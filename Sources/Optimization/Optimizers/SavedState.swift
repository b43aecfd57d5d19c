// Saving and restoring an optimizer's state, written once for every optimizer and wrapper.
//
// Each encoding begins with a header, `type` (the optimizer's name, such as "Adam"), `version`
// (its format version) and `scalar` ("Float" or "Double"), followed by the hyper-parameters and
// the state under the names of the corresponding properties. Decoding checks, in this order:
//
// 1. the header: another optimizer's state, a newer format or another scalar type is an error,
//    never a silent default;
// 2. the hyper-parameters, by the type's own initializer, so that a file is held to the same
//    rules as a call;
// 3. the state: buffers whose lengths agree with each other, counts of at least 0, and finite
//    values (NaN or infinity in a state mean a diverged run, which encoding refuses too).
//
// Scratch buffers that every update refills (the decayed or clipped gradient, the line search's
// points, the bounded step's cached inner products) are not saved.

/// The keys every saved optimizer state begins with.
protocol SavedStateKey: CodingKey {
  /// The optimizer's name, such as "Adam".
  static var type: Self { get }
  /// The format version of that optimizer's encoding.
  static var version: Self { get }
  /// The scalar type of the state, "Float" or "Double".
  static var scalar: Self { get }
}

extension KeyedEncodingContainer where Key: SavedStateKey {
  /// Writes the header: the optimizer's name, its format version and the scalar type.
  mutating func encodeHeader<T>(type name: String, version: Int, scalar: T.Type) throws {
    try encode(name, forKey: .type)
    try encode(version, forKey: .version)
    try encode("\(T.self)", forKey: .scalar)
  }
}

extension KeyedDecodingContainer where Key: SavedStateKey {
  /// Reads the header and rejects another optimizer's state, a format newer than `newest`, or
  /// another scalar type.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming `type`,
  ///   `version` or `scalar`; `DecodingError` when a key is missing.
  func decodeHeader<T>(type name: String, version newest: Int, scalar: T.Type) throws {
    let type = try decode(String.self, forKey: .type)
    guard type == name else {
      throw OptimizationError.invalidArgument(
        argument: "type", value: "\"\(type)\"",
        requirement: "\"\(name)\": this is the saved state of another optimizer; decode it as "
          + "that type")
    }
    let version = try decode(Int.self, forKey: .version)
    try Check.atLeast(version, 1, "version")
    guard version <= newest else {
      throw OptimizationError.invalidArgument(
        argument: "version", value: "\(version)",
        requirement: "at most \(newest), the newest \(name) format this version of Descent "
          + "reads: update Descent to read it")
    }
    let scalar = try decode(String.self, forKey: .scalar)
    guard scalar == "\(T.self)" else {
      throw OptimizationError.invalidArgument(
        argument: "scalar", value: "\"\(scalar)\"",
        requirement: "\"\(T.self)\", the scalar type it is decoded as: decode it with the "
          + "scalar type it was saved with, so that the run continues exactly")
    }
  }
}

extension Check {
  /// Every element of a saved vector is finite.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   first element that is NaN or infinite, as `name[i]`.
  static func finite<T: BinaryFloatingPoint>(_ values: [T], _ name: String) throws {
    guard let i = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw OptimizationError.invalidArgument(
      argument: "\(name)[\(i)]", value: "\(Double(values[i]))",
      requirement: "finite: NaN and infinity in an optimizer's state come from a run that "
        + "diverged, which cannot be saved or resumed; resume from an earlier checkpoint with a "
        + "lower learning rate")
  }

  /// A saved vector has the length the rest of the saved state implies.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   vector.
  static func savedLength(_ actual: Int, _ name: String, expected: Int, of type: String) throws {
    guard actual != expected else { return }
    throw OptimizationError.invalidArgument(
      argument: name, value: "\(elements(actual)) long",
      requirement: "\(elements(expected)) long, as the rest of the saved \(type) state implies: "
        + "the file is damaged or was edited")
  }

  private static func elements(_ count: Int) -> String {
    count == 1 ? "1 element" : "\(count) elements"
  }
}
