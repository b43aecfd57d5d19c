/// The header that begins the encoding of every model and ``Standardizer``, and the checks that
/// decoding runs on it and on the values after it.
///
/// Each encodes as one keyed container (a JSON object) holding, beside its own keys,
///
/// | key | value |
/// | --- | --- |
/// | `type` | the type's name without its scalar, such as `"MultilayerPerceptron"` |
/// | `version` | the format version, 1 |
/// | `scalar` | the scalar type, `"Double"` or `"Float"` |
///
/// Decoding reads the header first and rejects another type, another scalar type and a newer
/// version before it reads anything else; then every value the model's own keys hold is
/// checked as its initializer checks it, so that no file decodes into a model that predicts
/// wrong numbers.
enum ModelArchive {
  /// The format version this library writes, and the newest it reads.
  static let formatVersion = 1

  enum HeaderKey: String, CodingKey {
    case type, version, scalar
  }

  /// The name a scalar type is saved under: "Double", "Float".
  static func scalarName<T>(_: T.Type) -> String { String(describing: T.self) }

  /// Writes the header of a `type` over scalar `T`.
  static func writeHeader<T>(type: String, scalar: T.Type, to encoder: any Encoder) throws {
    var header = encoder.container(keyedBy: HeaderKey.self)
    try header.encode(type, forKey: .type)
    try header.encode(formatVersion, forKey: .version)
    try header.encode(scalarName(T.self), forKey: .scalar)
  }

  /// Checks the `type` and `version` of a file that holds no scalar-typed model (a parameter
  /// layout, a training checkpoint): `name` is the type's name, `noun` what the file should be
  /// ("parameter layout"), `format` the word for its format ("layout").
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` naming `type` or
  ///   `version`.
  static func checkHeader<Key: CodingKey>(
    _ container: KeyedDecodingContainer<Key>, typeKey: Key, versionKey: Key, name: String,
    noun: String, format: String, newest: Int
  ) throws {
    let type = try container.decode(String.self, forKey: typeKey)
    guard type == name else {
      throw ModelError.invalidArgument(
        argument: "type", value: "\"\(type)\"",
        requirement: "\"\(name)\": this file is not a \(noun)")
    }
    let version = try container.decode(Int.self, forKey: versionKey)
    guard version >= 1, version <= newest else {
      throw ModelError.invalidArgument(
        argument: "version", value: "\(version)",
        requirement: "at most \(newest), the newest \(format) format this version of Descent "
          + "reads: update Descent to read it")
    }
  }

  /// Checks the header of a `type` over scalar `T`, then opens the container of its own keys.
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for data without a
  ///   header, another type or another scalar type;
  ///   ``ModelError/newerFormat(model:version:newest:)`` for a newer version;
  ///   ``ModelError/corruptedFile(model:problem:)`` for a version below 1 or a missing scalar.
  static func reader<T, Key: CodingKey>(
    type: String, scalar: T.Type, keyedBy: Key.Type, from decoder: any Decoder
  ) throws -> ArchiveReader<Key> {
    let scalar = scalarName(T.self)
    let model = "\(type)<\(scalar)>"
    guard let header = try? decoder.container(keyedBy: HeaderKey.self),
      let foundType = try? header.decode(String.self, forKey: .type)
    else {
      throw ModelError.incompatibleFile(
        expected: "a \(model)", found: "data without a model header (no `type` key)",
        advice: "decode a file written by encoding a \(model), such as with "
          + "`JSONEncoder().encode(model)`.")
    }
    let foundScalar = try? header.decode(String.self, forKey: .scalar)
    let found = foundScalar.map { "\(foundType)<\($0)>" } ?? foundType
    guard foundType == type else {
      throw ModelError.incompatibleFile(
        expected: "a \(model)", found: "\(article(found)) \(found)",
        advice: "decode it as \(found).")
    }
    let file = ArchiveReader(
      model: model, container: try decoder.container(keyedBy: HeaderKey.self))
    let version: Int = try file.required(.version)
    guard version >= 1 else {
      throw file.corrupted("`version` is \(version); it must be 1 or more")
    }
    guard version <= formatVersion else {
      throw ModelError.newerFormat(model: found, version: version, newest: formatVersion)
    }
    guard let foundScalar else { throw file.corrupted("`scalar` is missing") }
    guard foundScalar == scalar else {
      throw ModelError.incompatibleFile(
        expected: "a \(model)", found: "a \(found)", advice: "decode it as \(found).")
    }
    return ArchiveReader(model: model, container: try decoder.container(keyedBy: Key.self))
  }

  /// "1 row", "2 rows".
  static func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }

  /// "an" before a vowel, "a" otherwise.
  static func article(_ name: String) -> String {
    guard let first = name.lowercased().first else { return "a" }
    return "aeiou".contains(first) ? "an" : "a"
  }
}

/// A model's own keys, read with the checks every decoder needs: a value that must be there, a
/// value that must be finite, and the model's initializer rerun on what was read. Each failure is
/// a ``ModelError/corruptedFile(model:problem:)`` naming the key.
struct ArchiveReader<Key: CodingKey> {
  /// The type being decoded, such as "MultilayerPerceptron<Double>".
  let model: String
  let container: KeyedDecodingContainer<Key>

  /// The error for a file whose values cannot make a model.
  func corrupted(_ problem: String) -> ModelError {
    .corruptedFile(model: model, problem: problem)
  }

  /// The value at `key`, which must be present.
  func required<Value: Decodable>(_ key: Key) throws -> Value {
    guard let value = try container.decodeIfPresent(Value.self, forKey: key) else {
      throw corrupted("`\(key.stringValue)` is missing")
    }
    return value
  }

  /// The value at `key`, or `nil` when the key is absent.
  func optional<Value: Decodable>(_ key: Key) throws -> Value? {
    try container.decodeIfPresent(Value.self, forKey: key)
  }

  /// Whether the keys are all present; throws when only some are.
  func together(_ keys: Key...) throws -> Bool {
    let present = keys.filter { container.contains($0) }
    guard let first = present.first, present.count < keys.count else { return !present.isEmpty }
    let missing = keys.first { !container.contains($0) }!
    throw corrupted("`\(first.stringValue)` is present without `\(missing.stringValue)`")
  }

  /// Throws when `key` is present and `other` is not.
  func only(_ key: Key, with other: Key) throws {
    guard container.contains(key), !container.contains(other) else { return }
    throw corrupted("`\(key.stringValue)` is present without `\(other.stringValue)`")
  }

  /// Throws when `value` is NaN or infinite; `nil` passes.
  func finite<T: BinaryFloatingPoint>(_ value: T?, _ key: Key) throws {
    guard let value, !value.isFinite else { return }
    throw corrupted("`\(key.stringValue)` is NaN or infinite")
  }

  /// Throws when an element of `values` is NaN or infinite.
  func finite<T: BinaryFloatingPoint>(_ values: [T], _ key: Key) throws {
    guard let i = values.firstIndex(where: { !$0.isFinite }) else { return }
    throw corrupted(
      "`\(key.stringValue)` holds a NaN or infinite value at element \(i) (counting from 0)")
  }

  /// Throws when an element of `rows` is NaN or infinite.
  func finite<T: BinaryFloatingPoint>(_ rows: [[T]], _ key: Key) throws {
    for (i, row) in rows.enumerated() {
      guard let j = row.firstIndex(where: { !$0.isFinite }) else { continue }
      throw corrupted(
        "`\(key.stringValue)` holds a NaN or infinite value at row \(i), column \(j) "
          + "(counting from 0)")
    }
  }

  /// A fitted line's weights (at least one) and intercept, all finite; `nil` when both keys are
  /// absent, as in an unfitted model.
  func line<T: BinaryFloatingPoint & Decodable>(_ weightsKey: Key, _ interceptKey: Key) throws
    -> (weights: [T], intercept: T)?
  {
    guard try together(weightsKey, interceptKey) else { return nil }
    let weights: [T] = try required(weightsKey)
    guard !weights.isEmpty else {
      throw corrupted("`\(weightsKey.stringValue)` is empty; a fitted model has one per feature")
    }
    try finite(weights, weightsKey)
    let intercept: T = try required(interceptKey)
    try finite(intercept, interceptKey)
    return (weights, intercept)
  }

  /// The training cost at `key`, finite; present only when `fitted`, a key of the fitted state,
  /// is.
  func trainingCost<T: BinaryFloatingPoint & Decodable>(_ key: Key, fittedWith fitted: Key)
    throws -> T?
  {
    try only(key, with: fitted)
    let cost: T? = try optional(key)
    try finite(cost, key)
    return cost
  }

  /// Runs an initializer's checks on values read from the file, turning its ``ModelError`` into
  /// a ``ModelError/corruptedFile(model:problem:)`` with the same message.
  func checked<Result>(_ body: () throws -> Result) throws -> Result {
    do {
      return try body()
    } catch let error as ModelError {
      var problem = error.description
      if problem.hasSuffix(".") { problem.removeLast() }
      throw corrupted(problem)
    }
  }
}
