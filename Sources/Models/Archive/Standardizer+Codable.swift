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
/// Decoding checks what ``init(means:deviations:)`` checks, and throws
/// ``ModelError/corruptedFile(model:problem:)`` when the file fails it; another type, another
/// scalar type or a newer format throw as for every model (see ``ModelError``).
extension Standardizer: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case means, deviations
  }

  /// Decodes a standardizer saved by ``encode(to:)``.
  ///
  /// - Throws: ``ModelError`` when the file holds something else, a newer format, or values
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
