/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension Standardizer: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case means, deviations
  }

  /// Decodes a standardizer saved by ``encode(to:)``.
  ///
  /// A standardizer saves as its header and its μ and σ:
  ///
  /// ```json
  /// {"type": "Standardizer", "version": 1, "scalar": "Double",
  ///  "means": [5.84, 3.05], "deviations": [0.83, 0.43]}
  /// ```
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(standardizer)
  /// let restored = try JSONDecoder().decode(Standardizer<Double>.self, from: data)
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another type or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for a missing or non-finite value or values
  ///   that ``init(means:deviations:)`` rejects; `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "Standardizer", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    let means: [T] = try file.required(.means)
    let deviations: [T] = try file.required(.deviations)
    try file.finite(means, .means)
    self = try file.checked { try Standardizer(means: means, deviations: deviations) }
  }

  /// Encodes the header, ``means`` and ``deviations``.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "Standardizer", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(means, forKey: .means)
    try container.encode(deviations, forKey: .deviations)
  }
}
