/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension LogisticRegression: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case l2Penalty, standardizesFeatures, weights, intercept, trainingCost
  }

  /// Decodes a logistic regression saved by ``encode(to:)``.
  ///
  /// A logistic regression saves as its header, its settings and, once fitted, its weights,
  /// intercept and cost:
  ///
  /// ```json
  /// {"type": "LogisticRegression", "version": 1, "scalar": "Double",
  ///  "l2Penalty": 0.01, "standardizesFeatures": true,
  ///  "weights": [-0.41, 1.3], "intercept": 0.2, "trainingCost": 0.08}
  /// ```
  ///
  /// `weights`, `intercept` and `trainingCost` are absent before the first fit.
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(model)
  /// let restored = try JSONDecoder().decode(LogisticRegression<Double>.self, from: data)
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another model or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for a penalty that
  ///   ``init(l2Penalty:standardizesFeatures:)`` rejects, a missing, empty or non-finite value,
  ///   or weights without an intercept; `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "LogisticRegression", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    let l2Penalty: T = try file.required(.l2Penalty)
    let standardizesFeatures: Bool = try file.required(.standardizesFeatures)
    self = try file.checked {
      try LogisticRegression(l2Penalty: l2Penalty, standardizesFeatures: standardizesFeatures)
    }
    if let line: ([T], T) = try file.line(.weights, .intercept) {
      (weights, intercept) = line
    }
    trainingCost = try file.trainingCost(.trainingCost, fittedWith: .weights)
  }

  /// Encodes the header, ``l2Penalty``, ``standardizesFeatures`` and, once fitted, ``weights``,
  /// ``intercept`` and ``trainingCost``.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "LogisticRegression", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(l2Penalty, forKey: .l2Penalty)
    try container.encode(standardizesFeatures, forKey: .standardizesFeatures)
    if featureCount != nil {
      try container.encode(weights, forKey: .weights)
      try container.encode(intercept, forKey: .intercept)
    }
    try container.encodeIfPresent(trainingCost, forKey: .trainingCost)
  }
}
