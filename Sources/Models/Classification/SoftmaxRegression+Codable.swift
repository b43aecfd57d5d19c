/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension SoftmaxRegression: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case classCount, l2Penalty, standardizesFeatures, weights, intercepts, trainingCost
  }

  /// Decodes a softmax regression saved by ``encode(to:)``.
  ///
  /// A softmax regression saves as its header, its settings and, once fitted, one row of weights
  /// and one intercept per class, and its cost:
  ///
  /// ```json
  /// {"type": "SoftmaxRegression", "version": 1, "scalar": "Double",
  ///  "classCount": 3, "l2Penalty": 0.01, "standardizesFeatures": true,
  ///  "weights": [[-1.1, 0.9], [0.2, -0.3], [0.9, -0.6]], "intercepts": [0.4, 1.2, -1.6],
  ///  "trainingCost": 0.12}
  /// ```
  ///
  /// `weights`, `intercepts` and `trainingCost` are absent before the first fit.
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(model)
  /// let restored = try JSONDecoder().decode(SoftmaxRegression<Double>.self, from: data)
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another model or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for a class count or penalty that
  ///   ``init(classCount:l2Penalty:standardizesFeatures:)`` rejects, weights or intercepts of
  ///   another count than the classes, ragged or empty weights, or a non-finite value;
  ///   `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "SoftmaxRegression", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    let classCount: Int = try file.required(.classCount)
    let l2Penalty: T = try file.required(.l2Penalty)
    let standardizesFeatures: Bool = try file.required(.standardizesFeatures)
    self = try file.checked {
      try SoftmaxRegression(
        classCount: classCount, l2Penalty: l2Penalty, standardizesFeatures: standardizesFeatures)
    }
    if try file.together(.weights, .intercepts) {
      let weights: [[T]] = try file.required(.weights)
      guard weights.count == classCount else {
        let rows = ModelArchive.counted(weights.count, "row")
        throw file.corrupted("`weights` has \(rows), but `classCount` is \(classCount)")
      }
      let width = weights[0].count
      guard width > 0 else {
        throw file.corrupted("`weights[0]` is empty; a fitted model has one weight per feature")
      }
      for (c, row) in weights.enumerated() where row.count != width {
        throw file.corrupted(
          "`weights[\(c)]` has \(ModelArchive.counted(row.count, "element")), but `weights[0]` "
            + "has \(width)")
      }
      try file.finite(weights, .weights)
      let intercepts: [T] = try file.required(.intercepts)
      guard intercepts.count == classCount else {
        let elements = ModelArchive.counted(intercepts.count, "element")
        throw file.corrupted("`intercepts` has \(elements), but `classCount` is \(classCount)")
      }
      try file.finite(intercepts, .intercepts)
      self.weights = weights
      self.intercepts = intercepts
    }
    trainingCost = try file.trainingCost(.trainingCost, fittedWith: .weights)
  }

  /// Encodes the header, ``classCount``, ``l2Penalty``, ``standardizesFeatures`` and, once
  /// fitted, ``weights``, ``intercepts`` and ``trainingCost``.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "SoftmaxRegression", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(classCount, forKey: .classCount)
    try container.encode(l2Penalty, forKey: .l2Penalty)
    try container.encode(standardizesFeatures, forKey: .standardizesFeatures)
    if featureCount != nil {
      try container.encode(weights, forKey: .weights)
      try container.encode(intercepts, forKey: .intercepts)
    }
    try container.encodeIfPresent(trainingCost, forKey: .trainingCost)
  }
}
