extension ParameterInitializer: Codable {
  private enum CodingKeys: String, CodingKey {
    case kind, value, lowerBound, upperBound, mean, standardDeviation
  }

  /// Decodes `{"kind": "glorotUniform"}`, `{"kind": "constant", "value": 0.5}`,
  /// `{"kind": "uniform", "lowerBound": -0.1, "upperBound": 0.1}` or
  /// `{"kind": "normal", "mean": 0, "standardDeviation": 0.01}`.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for an unknown kind
  ///   or numbers that mean nothing (a non-finite constant, bounds out of order, a negative
  ///   standard deviation), naming the field by its place in the file.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let place = codingPathDescription(decoder.codingPath, or: "initializer")
    let kind = try container.decode(String.self, forKey: .kind)
    switch kind {
    case "zeros": self = .zeros
    case "constant": self = .constant(try container.decode(Double.self, forKey: .value))
    case "uniform":
      let lower = try container.decode(Double.self, forKey: .lowerBound)
      let upper = try container.decode(Double.self, forKey: .upperBound)
      guard lower <= upper else {
        throw ModelError.invalidArgument(
          argument: place, value: "uniform from \(lower) to \(upper)",
          requirement: "a range whose `lowerBound` is at most its `upperBound`")
      }
      self = .uniform(in: lower...upper)
    case "normal":
      self = .normal(
        mean: try container.decode(Double.self, forKey: .mean),
        standardDeviation: try container.decode(Double.self, forKey: .standardDeviation))
    case "glorotUniform": self = .glorotUniform
    case "glorotNormal": self = .glorotNormal
    case "heUniform": self = .heUniform
    case "heNormal": self = .heNormal
    default:
      let kinds = Self.kinds.map { "\"\($0)\"" }.joined(separator: ", ")
      throw ModelError.invalidArgument(
        argument: "\(place).kind", value: "\"\(kind)\"", requirement: "one of \(kinds)")
    }
    try validate(argument: place)
  }

  /// Encodes the kind and the numbers of the initializer, as ``init(from:)`` reads them.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(kind, forKey: .kind)
    switch self {
    case .constant(let c):
      try container.encode(c, forKey: .value)
    case .uniform(let range):
      try container.encode(range.lowerBound, forKey: .lowerBound)
      try container.encode(range.upperBound, forKey: .upperBound)
    case .normal(let mean, let deviation):
      try container.encode(mean, forKey: .mean)
      try container.encode(deviation, forKey: .standardDeviation)
    case .zeros, .glorotUniform, .glorotNormal, .heUniform, .heNormal:
      break
    }
  }
}

/// A coding path as a message names a field of a file: `blocks[2].initializer`; `fallback`
/// for the top level.
func codingPathDescription(_ path: [any CodingKey], or fallback: String) -> String {
  var text = ""
  for key in path {
    if let index = key.intValue {
      text += "[\(index)]"
    } else {
      text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
    }
  }
  return text.isEmpty ? fallback : text
}

/// The argument a message names for `field` of the value decoded at `path`: `blocks[2].rows`,
/// or `rows` at the top level.
func codingPathDescription(_ path: [any CodingKey], field: String) -> String {
  path.isEmpty ? field : "\(codingPathDescription(path, or: "")).\(field)"
}
