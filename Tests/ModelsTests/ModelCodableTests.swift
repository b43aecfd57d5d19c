import AutoDiff
import Foundation
import Models
import Optimization
import Testing

/// Saving and loading models: every model and `Standardizer` round-trips through JSON to an equal
/// value that predicts the same numbers bit for bit, in `Float` and `Double`, fitted and not; a
/// file that does not fit the type it is decoded as throws a message that says what to change,
/// checked word for word; and `setParameters` cannot restore a network that predicts wrong.
@Suite struct ModelCodableTests {
  typealias Number = BinaryFloatingPoint & RealScalar & Sendable & Codable

  enum Scalar: String, CaseIterable, Sendable, CustomStringConvertible {
    case double = "Double"
    case float = "Float"
    var description: String { rawValue }
  }

  // MARK: - Helpers

  /// Encodes `value` with `JSONEncoder` and decodes it again.
  static func roundTrip<Value: Codable>(_ value: Value) throws -> Value {
    try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(value))
  }

  /// The keys of `value`'s encoding, as a JSON object.
  static func object<Value: Encodable>(_ value: Value) throws -> [String: Any] {
    try #require(
      JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
  }

  /// Expects the encoding of `value` to start with the header of `type` over `T`.
  static func expectHeader<Value: Encodable, T>(
    _ value: Value, type: String, scalar: T.Type,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let keys = try object(value)
    #expect(keys["type"] as? String == type, sourceLocation: sourceLocation)
    #expect(keys["version"] as? Int == 1, sourceLocation: sourceLocation)
    #expect(
      keys["scalar"] as? String == String(describing: T.self), sourceLocation: sourceLocation)
  }

  /// The bits of each value, so that a comparison tells −0 from 0 and a last-bit difference
  /// shows (`Float` widens to `Double` exactly).
  static func bits<T: BinaryFloatingPoint>(_ values: [T]) -> [UInt64] {
    values.map { Double($0).bitPattern }
  }

  /// Iris in `T`: four features, the species, and a regression target (petal width from the
  /// other three).
  struct Iris<T: Number> {
    let x: [[T]]
    let labels: [Int]
    let threeFeatures: [[T]]
    let petalWidth: [T]
    /// Virginica (1) against the rest (0): classes that overlap.
    var virginica: [Int] { labels.map { $0 == 2 ? 1 : 0 } }

    init() throws {
      let iris = try Fixtures.iris()
      x = iris.features.map { $0.map { T($0) } }
      labels = try iris.labels()
      threeFeatures = x.map { Array($0.prefix(3)) }
      petalWidth = x.map { $0[3] }
    }
  }

  static let few = MinimizationOptions<Double>(maximumIterations: 20)

  static func options<T: Number>(_: T.Type, iterations: Int = 20) -> MinimizationOptions<T> {
    MinimizationOptions(maximumIterations: iterations)
  }

  // MARK: - Round trips

  @Test(arguments: Scalar.allCases)
  func standardizerRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.standardizer(Double.self)
    case .float: try Self.standardizer(Float.self)
    }
  }

  static func standardizer<T: Number>(_: T.Type) throws {
    let iris = try Iris<T>()
    let standardizer = try Standardizer(fitting: iris.x)
    let restored = try roundTrip(standardizer)
    #expect(restored == standardizer)
    #expect(
      bits(restored.transform(iris.x).flatMap { $0 })
        == bits(standardizer.transform(iris.x).flatMap { $0 }))
    try expectHeader(standardizer, type: "Standardizer", scalar: T.self)
  }

  @Test(arguments: Scalar.allCases)
  func linearRegressionRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.linearRegression(Double.self)
    case .float: try Self.linearRegression(Float.self)
    }
  }

  static func linearRegression<T: Number>(_: T.Type) throws {
    let iris = try Iris<T>()
    let (x, y) = (iris.threeFeatures, iris.petalWidth)
    var byLBFGS = LinearRegression<T>()
    try byLBFGS.fit(x: x, y: y, using: LBFGS(), options: options(T.self))
    var byAdam = LinearRegression<T>(standardizesFeatures: true)
    try byAdam.fit(
      x: x, y: y, using: Adam(learningRate: 0.05), batching: .miniBatch(size: 16), seed: 3,
      options: options(T.self, iterations: 5))
    var exact = LinearRegression<T>()
    try exact.fitLeastSquares(x: x, y: y)
    for model in [byLBFGS, byAdam, exact] {
      let restored = try roundTrip(model)
      #expect(restored == model)
      #expect(bits(try restored.predict(x)) == bits(try model.predict(x)))
    }
    try expectHeader(byAdam, type: "LinearRegression", scalar: T.self)

    let unfitted = LinearRegression<T>(standardizesFeatures: true)
    #expect(try roundTrip(unfitted) == unfitted)
    let keys = try object(unfitted)
    #expect(keys["coefficients"] == nil && keys["intercept"] == nil)
    #expect(keys["trainingCost"] == nil && keys["standardizesFeatures"] as? Bool == true)
  }

  @Test(arguments: Scalar.allCases)
  func polynomialRegressionRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.polynomialRegression(Double.self)
    case .float: try Self.polynomialRegression(Float.self)
    }
  }

  static func polynomialRegression<T: Number>(_: T.Type) throws {
    let x = Fixtures.heights.map { T($0) }
    let y = Fixtures.weights.map { T($0) }
    var byLBFGS = try PolynomialRegression<T>(degree: 3)
    try byLBFGS.fit(x: x, y: y, using: LBFGS(), options: options(T.self))
    var byAdam = try PolynomialRegression<T>(degree: 2)
    try byAdam.fit(
      x: x, y: y, using: Adam(learningRate: 0.1), batching: .miniBatch(size: 8), seed: 1,
      options: options(T.self, iterations: 5))
    for model in [byLBFGS, byAdam] {
      let restored = try roundTrip(model)
      #expect(restored == model)
      #expect(bits(try restored.predict(x)) == bits(try model.predict(x)))
      #expect(bits(restored.coefficients) == bits(model.coefficients))
    }
    try expectHeader(byLBFGS, type: "PolynomialRegression", scalar: T.self)
    let keys = try object(byLBFGS)
    #expect((keys["regression"] as? [String: Any])?["type"] as? String == "LinearRegression")
    #expect((keys["standardizer"] as? [String: Any])?["type"] as? String == "Standardizer")

    let unfitted = try PolynomialRegression<T>(degree: 4)
    #expect(try roundTrip(unfitted) == unfitted)
    #expect(try object(unfitted).keys.sorted() == ["degree", "scalar", "type", "version"])
  }

  @Test(arguments: Scalar.allCases)
  func logisticRegressionRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.logisticRegression(Double.self)
    case .float: try Self.logisticRegression(Float.self)
    }
  }

  static func logisticRegression<T: Number>(_: T.Type) throws {
    let iris = try Iris<T>()
    var byLBFGS = try LogisticRegression<T>(l2Penalty: 0.01, standardizesFeatures: true)
    try byLBFGS.fit(x: iris.x, labels: iris.virginica, using: LBFGS(), options: options(T.self))
    var byAdam = try LogisticRegression<T>()
    try byAdam.fit(
      x: iris.x, labels: iris.virginica, using: Adam(learningRate: 0.05),
      batching: .miniBatch(size: 16), seed: 2, options: options(T.self, iterations: 5))
    for model in [byLBFGS, byAdam] {
      let restored = try roundTrip(model)
      #expect(restored == model)
      #expect(bits(try restored.probabilities(iris.x)) == bits(try model.probabilities(iris.x)))
    }
    try expectHeader(byLBFGS, type: "LogisticRegression", scalar: T.self)

    let unfitted = try LogisticRegression<T>(l2Penalty: 0.5)
    #expect(try roundTrip(unfitted) == unfitted)
    #expect(try object(unfitted)["weights"] == nil)
  }

  @Test(arguments: Scalar.allCases)
  func softmaxRegressionRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.softmaxRegression(Double.self)
    case .float: try Self.softmaxRegression(Float.self)
    }
  }

  static func softmaxRegression<T: Number>(_: T.Type) throws {
    let iris = try Iris<T>()
    var byLBFGS = try SoftmaxRegression<T>(
      classCount: 3, l2Penalty: 0.01, standardizesFeatures: true)
    try byLBFGS.fit(x: iris.x, labels: iris.labels, using: LBFGS(), options: options(T.self))
    var byAdam = try SoftmaxRegression<T>(classCount: 3)
    try byAdam.fit(
      x: iris.x, labels: iris.labels, using: Adam(learningRate: 0.05),
      batching: .miniBatch(size: 16), seed: 2, options: options(T.self, iterations: 5))
    for model in [byLBFGS, byAdam] {
      let restored = try roundTrip(model)
      #expect(restored == model)
      let expected = try iris.x.flatMap { try model.probabilities($0) }
      #expect(bits(try iris.x.flatMap { try restored.probabilities($0) }) == bits(expected))
    }
    try expectHeader(byAdam, type: "SoftmaxRegression", scalar: T.self)

    let unfitted = try SoftmaxRegression<T>(classCount: 4)
    #expect(try roundTrip(unfitted) == unfitted)
    #expect(try object(unfitted)["intercepts"] == nil)
  }

  @Test(arguments: Scalar.allCases)
  func multilayerPerceptronRoundTrips(scalar: Scalar) throws {
    switch scalar {
    case .double: try Self.multilayerPerceptron(Double.self)
    case .float: try Self.multilayerPerceptron(Float.self)
    }
  }

  static func multilayerPerceptron<T: Number>(_: T.Type) throws {
    let iris = try Iris<T>()
    var classifier = try MultilayerPerceptron<T>(
      layerSizes: [4, 5, 3], activation: .tanh, standardizesFeatures: true, seed: 1)
    try classifier.fit(x: iris.x, labels: iris.labels, using: LBFGS(), options: options(T.self))
    var regression = try MultilayerPerceptron<T>(
      layerSizes: [3, 4, 1], activation: .relu, seed: 2)
    try regression.fit(
      x: iris.threeFeatures, y: iris.petalWidth.map { [$0] }, using: Adam(learningRate: 0.01),
      batching: .miniBatch(size: 16), seed: 4, options: options(T.self, iterations: 5))
    var binary = try MultilayerPerceptron<T>(
      layerSizes: [4, 3, 1], activation: .sigmoid, standardizesFeatures: true, seed: 3)
    try binary.fit(
      x: iris.x, labels: iris.virginica, using: Adam(learningRate: 0.05),
      batching: .miniBatch(size: 32), seed: 5, options: options(T.self, iterations: 5))
    for (model, x) in [(classifier, iris.x), (regression, iris.threeFeatures), (binary, iris.x)] {
      let restored = try roundTrip(model)
      #expect(restored == model)
      #expect(
        bits(try x.flatMap { try restored.predict($0) })
          == bits(try x.flatMap { try model.predict($0) }))
    }
    try expectHeader(classifier, type: "MultilayerPerceptron", scalar: T.self)
    let keys = try object(classifier)
    #expect(keys["activation"] as? String == "tanh")
    #expect((keys["standardizer"] as? [String: Any])?["type"] as? String == "Standardizer")
    #expect(try object(regression)["standardizer"] == nil)

    // Unfitted: parameters but no standardizer and no cost, standardizing or not.
    for network in [
      try MultilayerPerceptron<T>(layerSizes: [2, 3, 1], standardizesFeatures: true, seed: 7),
      try MultilayerPerceptron<T>(layerSizes: [2, 2], activation: .relu),
    ] {
      #expect(try roundTrip(network) == network)
      let keys = try object(network)
      #expect(keys["standardizer"] == nil && keys["trainingCost"] == nil)
    }
  }

  /// The example of the documentation: a network saved to a file and loaded in "another run".
  @Test func networkSavedToAFileAndLoaded() throws {
    let iris = try Iris<Double>()
    var network = try MultilayerPerceptron<Double>(
      layerSizes: [4, 8, 3], standardizesFeatures: true, seed: 1)
    try network.fit(x: iris.x, labels: iris.labels, using: LBFGS(), options: Self.few)
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("ModelCodableTests-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }

    let data = try JSONEncoder().encode(network)
    try data.write(to: url)
    let restored = try JSONDecoder().decode(
      MultilayerPerceptron<Double>.self, from: Data(contentsOf: url))

    #expect(restored == network)
    for row in iris.x {
      #expect(Self.bits(try restored.predict(row)) == Self.bits(try network.predict(row)))
      #expect(try restored.predictClass(row) == network.predictClass(row))
    }
  }
}
