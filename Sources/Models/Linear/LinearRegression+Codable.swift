/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension LinearRegression: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case standardizesFeatures, coefficients, intercept, trainingCost
  }

  /// Decodes a linear regression saved by ``encode(to:)``.
  ///
  /// A linear regression saves as its header, its setting and, once fitted, its line and cost:
  ///
  /// ```json
  /// {"type": "LinearRegression", "version": 1, "scalar": "Double",
  ///  "standardizesFeatures": true, "coefficients": [0.9], "intercept": -88, "trainingCost": 11.6}
  /// ```
  ///
  /// `coefficients`, `intercept` and `trainingCost` are absent before the first fit.
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(model)
  /// let restored = try JSONDecoder().decode(LinearRegression<Double>.self, from: data)
  /// // restored == model, and predicts the same numbers, bit for bit.
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another model or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for a missing, empty or non-finite value, or
  ///   coefficients without an intercept; `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "LinearRegression", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    self.init(standardizesFeatures: try file.required(.standardizesFeatures))
    if let line: ([T], T) = try file.line(.coefficients, .intercept) {
      (coefficients, intercept) = line
    }
    trainingCost = try file.trainingCost(.trainingCost, fittedWith: .coefficients)
  }

  /// Encodes the header, ``standardizesFeatures`` and, once fitted, ``coefficients``,
  /// ``intercept`` and ``trainingCost``.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "LinearRegression", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(standardizesFeatures, forKey: .standardizesFeatures)
    if featureCount != nil {
      try container.encode(coefficients, forKey: .coefficients)
      try container.encode(intercept, forKey: .intercept)
    }
    try container.encodeIfPresent(trainingCost, forKey: .trainingCost)
  }
}
