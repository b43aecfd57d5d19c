/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension PolynomialRegression: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case degree, standardizer, regression
  }

  /// Decodes a polynomial regression saved by ``encode(to:)``.
  ///
  /// A polynomial regression saves as its header, its degree and, once fitted, the two pieces it
  /// predicts with: `standardizer`, μ and σ of x, and `regression`, the linear regression on
  /// z, z², …, z^d with z = (x − μ)/σ, each in its own encoding:
  ///
  /// ```json
  /// {"type": "PolynomialRegression", "version": 1, "scalar": "Double", "degree": 2,
  ///  "standardizer": {"type": "Standardizer", "version": 1, "scalar": "Double",
  ///                   "means": [1.5], "deviations": [0.9]},
  ///  "regression": {"type": "LinearRegression", "version": 1, "scalar": "Double",
  ///                 "standardizesFeatures": true, "coefficients": [2.1, 0.4],
  ///                 "intercept": 3.2, "trainingCost": 0.01}}
  /// ```
  ///
  /// These, not the ``coefficients`` in powers of x (which are computed from them, with rounding),
  /// are what restores the same predictions bit for bit. Both are absent before the first fit.
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(model)
  /// let restored = try JSONDecoder().decode(PolynomialRegression<Double>.self, from: data)
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another model or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for a degree that ``init(degree:)`` rejects,
  ///   a standardizer without a regression (or the reverse), or a regression whose size
  ///   disagrees with the degree; `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "PolynomialRegression", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    let degree: Int = try file.required(.degree)
    self = try file.checked { try PolynomialRegression(degree: degree) }
    guard try file.together(.standardizer, .regression) else { return }
    let scale: Standardizer<T> = try file.required(.standardizer)
    guard scale.featureCount == 1 else {
      let features = ModelArchive.counted(scale.featureCount, "feature")
      throw file.corrupted("`standardizer` has \(features), but a polynomial has one, x")
    }
    let linear: LinearRegression<T> = try file.required(.regression)
    guard linear.standardizesFeatures else {
      throw file.corrupted(
        "`regression.standardizesFeatures` is false; a polynomial regression standardizes "
          + "its powers")
    }
    guard let count = linear.featureCount else {
      throw file.corrupted("`regression` is not fitted, but `standardizer` is present")
    }
    guard count == degree else {
      throw file.corrupted(
        "`regression` has \(ModelArchive.counted(count, "coefficient")) besides its "
          + "intercept, but `degree` is \(degree)")
    }
    self.scale = scale
    self.linear = linear
  }

  /// Encodes the header, ``degree`` and, once fitted, the standardizer of x and the regression
  /// on its powers.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "PolynomialRegression", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(degree, forKey: .degree)
    if let scale {
      try container.encode(scale, forKey: .standardizer)
      try container.encode(linear, forKey: .regression)
    }
  }
}
