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

  // MARK: - setParameters restores everything a prediction needs

  /// A network trained on standardized heights, restored from its parameters into a fresh
  /// network of the same settings: the issue's case, where the restored network predicted 3.705
  /// instead of 0.475 without an error. Without the standardizer the parameters meet raw heights
  /// (about 170 where they expect about 0); the call now throws instead, and with the
  /// standardizer the restored network predicts the same numbers bit for bit.
  @Test func restoringAStandardizingNetworkNeedsItsStandardizer() throws {
    let x = Fixtures.heights.map { [$0] }
    let y = Fixtures.weights.map { [$0 / 100] }
    var trained = try MultilayerPerceptron<Double>(
      layerSizes: [1, 4, 1], standardizesFeatures: true, seed: 1)
    try trained.fit(x: x, y: y, using: LBFGS(), options: Self.few)
    let fresh = try MultilayerPerceptron<Double>(
      layerSizes: [1, 4, 1], standardizesFeatures: true, seed: 9)

    let message = expectRejection(
      ModelError.invalidArgument(
        argument: "standardizer", value: "nil",
        requirement: "the standardizer saved with these parameters, because the network "
          + "standardizes its inputs (without it, the parameters predict wrong numbers): pass "
          + "`standardizer: trained.standardizer`, or save and load the whole network with "
          + "Codable"),
      leaving: fresh
    ) { try $0.setParameters(trained.parameters) }
    #expect(
      message
        == "`standardizer` is nil; it must be the standardizer saved with these parameters, "
        + "because the network standardizes its inputs (without it, the parameters predict "
        + "wrong numbers): pass `standardizer: trained.standardizer`, or save and load the "
        + "whole network with Codable.")

    var restored = fresh
    try restored.setParameters(trained.parameters, standardizer: trained.standardizer)
    #expect(restored.parameters == trained.parameters)
    #expect(restored.standardizer == trained.standardizer)
    #expect(restored.trainingCost == nil)  // the cost of the replaced parameters is gone
    for row in x {
      #expect(Self.bits(try restored.predict(row)) == Self.bits(try trained.predict(row)))
    }

    // What the parameters predict on raw inputs, the silent error the call now refuses.
    var raw = try MultilayerPerceptron<Double>(layerSizes: [1, 4, 1])
    try raw.setParameters(trained.parameters)
    let wrong = try raw.predict([174])[0]
    let right = try trained.predict([174])[0]
    #expect(abs(wrong - right) > 0.1, "raw \(wrong), standardized \(right)")
  }

  @Test func setParametersRejectsAStandardizerThatDoesNotFit() throws {
    let fitted = try ModelInputTests.Fitted()
    // `network` standardizes its two inputs; `regressionNetwork` does not standardize.
    let standardizer = try #require(fitted.network.standardizer)
    let parameters = fitted.network.parameters

    let unwanted = expectRejection(
      ModelError.invalidArgument(
        argument: "standardizer", value: "a standardizer",
        requirement: "nil, because the network does not standardize its inputs; to restore "
          + "parameters trained on standardized inputs, create the network with "
          + "`standardizesFeatures: true`"),
      leaving: fitted.regressionNetwork
    ) { try $0.setParameters($0.parameters, standardizer: standardizer) }
    #expect(
      unwanted
        == "`standardizer` is a standardizer; it must be nil, because the network does not "
        + "standardize its inputs; to restore parameters trained on standardized inputs, "
        + "create the network with `standardizesFeatures: true`.")

    let narrow = try Standardizer<Double>(means: [1], deviations: [2])
    let width = expectRejection(
      ModelError.sizeMismatch(
        argument: "standardizer", expected: 2, actual: 1,
        advice: "pass the standardizer saved with these parameters, one mean and deviation per "
          + "input of the network."),
      leaving: fitted.network
    ) { try $0.setParameters(parameters, standardizer: narrow) }
    #expect(
      width
        == "`standardizer` has 1 element but must have 2; pass the standardizer saved with "
        + "these parameters, one mean and deviation per input of the network.")

    // The parameters are checked first, as before: a bad count throws even with a standardizer.
    expectRejection(leaving: fitted.network) {
      try $0.setParameters([1, 2, 3], standardizer: standardizer)
    } matching: { (error: ModelError) in
      guard case .sizeMismatch(let argument, 21, 3, _) = error else {
        Issue.record("expected .sizeMismatch of `parameters`, got \(error)")
        return
      }
      #expect(argument == "parameters")
    }
    var nonFinite = parameters
    nonFinite[2] = .infinity
    expectRejection(
      ModelError.nonFinite(argument: "parameters", row: 2, column: nil), leaving: fitted.network
    ) { try $0.setParameters(nonFinite, standardizer: standardizer) }
  }

  @Test func setParametersThenSavingRoundTrips() throws {
    // A network restored through setParameters (no training cost) saves and loads like any other.
    let fitted = try ModelInputTests.Fitted()
    var network = try MultilayerPerceptron<Double>(
      layerSizes: [2, 3, 3], standardizesFeatures: true, seed: 5)
    try network.setParameters(
      fitted.network.parameters, standardizer: fitted.network.standardizer)
    let restored = try Self.roundTrip(network)
    #expect(restored == network)
    #expect(try Self.object(network)["trainingCost"] == nil)
    for row in ModelInputTests.x {
      #expect(Self.bits(try restored.predict(row)) == Self.bits(try fitted.network.predict(row)))
    }
  }

  // MARK: - Files that do not fit

  /// The description of the `ModelError` that decoding `data` as `Value` throws; "" (with an
  /// issue recorded) when it throws nothing or another error.
  static func failure<Value: Decodable>(
    decoding _: Value.Type, from data: Data, with decoder: JSONDecoder = JSONDecoder(),
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> String {
    do {
      _ = try decoder.decode(Value.self, from: data)
      Issue.record("no error was thrown", sourceLocation: sourceLocation)
    } catch let error as ModelError {
      return error.description
    } catch {
      Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    }
    return ""
  }

  /// The encoding of `value`, changed by `change` as a JSON object.
  static func edited<Value: Encodable>(
    _ value: Value, _ change: (inout [String: Any]) -> Void
  ) throws -> Data {
    var keys = try object(value)
    change(&keys)
    return try JSONSerialization.data(withJSONObject: keys)
  }

  /// A decoder that reads "nan" and "inf" strings as numbers, the way a file with a non-finite
  /// value can reach a model.
  static var lenient: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return decoder
  }

  static let changed =
    ". The file was changed after it was saved; encode the model again, or use an unchanged "
    + "copy of the file."

  /// Every type decodes every other type's file as an error naming both.
  @Test func anotherModelIsAnError() throws {
    let fitted = try ModelInputTests.Fitted()
    let files: [(name: String, data: Data)] = [
      ("LinearRegression", try JSONEncoder().encode(fitted.linear)),
      ("PolynomialRegression", try JSONEncoder().encode(fitted.polynomial)),
      ("LogisticRegression", try JSONEncoder().encode(fitted.logistic)),
      ("SoftmaxRegression", try JSONEncoder().encode(fitted.softmax)),
      ("MultilayerPerceptron", try JSONEncoder().encode(fitted.network)),
      ("Standardizer", try JSONEncoder().encode(try #require(fitted.network.standardizer))),
    ]
    let decoders: [(name: String, decode: (Data) -> String)] = [
      ("LinearRegression", { Self.failure(decoding: LinearRegression<Double>.self, from: $0) }),
      (
        "PolynomialRegression",
        { Self.failure(decoding: PolynomialRegression<Double>.self, from: $0) }
      ),
      ("LogisticRegression", { Self.failure(decoding: LogisticRegression<Double>.self, from: $0) }),
      ("SoftmaxRegression", { Self.failure(decoding: SoftmaxRegression<Double>.self, from: $0) }),
      (
        "MultilayerPerceptron",
        { Self.failure(decoding: MultilayerPerceptron<Double>.self, from: $0) }
      ),
      ("Standardizer", { Self.failure(decoding: Standardizer<Double>.self, from: $0) }),
    ]
    for file in files {
      for decoder in decoders where decoder.name != file.name {
        #expect(
          decoder.decode(file.data)
            == "this file holds a \(file.name)<Double>, not a \(decoder.name)<Double>; "
            + "decode it as \(file.name)<Double>.")
      }
    }

    let logistic = try JSONEncoder().encode(fitted.logistic)
    #expect(
      throws: ModelError.incompatibleFile(
        expected: "a SoftmaxRegression<Double>", found: "a LogisticRegression<Double>",
        advice: "decode it as LogisticRegression<Double>.")
    ) {
      try JSONDecoder().decode(SoftmaxRegression<Double>.self, from: logistic)
    }
  }

  @Test func dataThatIsNotAModelIsAnError() throws {
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: Data("[1, 2, 3]".utf8))
        == "this file holds data without a model header (no `type` key), not a "
        + "MultilayerPerceptron<Double>; decode a file written by encoding a "
        + "MultilayerPerceptron<Double>, such as with `JSONEncoder().encode(model)`.")
    let checkpoint = Data(#"{"type": "TrainingCheckpoint", "version": 1}"#.utf8)
    #expect(
      Self.failure(decoding: LinearRegression<Double>.self, from: checkpoint)
        == "this file holds a TrainingCheckpoint, not a LinearRegression<Double>; decode it as "
        + "TrainingCheckpoint.")
  }

  @Test func anotherScalarTypeIsAnError() throws {
    var line = LinearRegression<Float>()
    try line.fitLeastSquares(x: [1, 2, 3], y: [2, 4, 7])
    let float = try JSONEncoder().encode(line)
    #expect(
      Self.failure(decoding: LinearRegression<Double>.self, from: float)
        == "this file holds a LinearRegression<Float>, not a LinearRegression<Double>; decode "
        + "it as LinearRegression<Float>.")
    let network = try JSONEncoder().encode(ModelInputTests.Fitted().network)
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Float>.self, from: network)
        == "this file holds a MultilayerPerceptron<Double>, not a MultilayerPerceptron<Float>; "
        + "decode it as MultilayerPerceptron<Double>.")
  }

  @Test func aNewerOrInvalidVersionIsAnError() throws {
    let network = try ModelInputTests.Fitted().network
    let newer = try Self.edited(network) { $0["version"] = 2 }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: newer)
        == "this file holds a MultilayerPerceptron<Double> in format version 2, but this "
        + "version of Descent reads format versions up to 1; update Descent to read it.")
    #expect(
      throws: ModelError.newerFormat(
        model: "MultilayerPerceptron<Double>", version: 2, newest: 1)
    ) {
      try JSONDecoder().decode(MultilayerPerceptron<Double>.self, from: newer)
    }
    let zero = try Self.edited(network) { $0["version"] = 0 }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: zero)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `version` is 0; "
        + "it must be 1 or more" + Self.changed)
    let standardizer = try Self.edited(try #require(network.standardizer)) {
      $0["version"] = 3
    }
    #expect(
      Self.failure(decoding: Standardizer<Double>.self, from: standardizer)
        == "this file holds a Standardizer<Double> in format version 3, but this version of "
        + "Descent reads format versions up to 1; update Descent to read it.")
  }

  @Test func aNonFiniteValueIsAnError() throws {
    let fitted = try ModelInputTests.Fitted()
    let nan = try Self.edited(fitted.network) {
      var parameters = $0["parameters"] as! [Any]
      parameters[5] = "nan"
      $0["parameters"] = parameters
    }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: nan, with: Self.lenient)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `parameters` "
        + "holds a NaN or infinite value at element 5 (counting from 0)" + Self.changed)
    #expect(
      throws: ModelError.corruptedFile(
        model: "MultilayerPerceptron<Double>",
        problem: "`parameters` holds a NaN or infinite value at element 5 (counting from 0)")
    ) {
      try Self.lenient.decode(MultilayerPerceptron<Double>.self, from: nan)
    }

    let intercept = try Self.edited(fitted.logistic) { $0["intercept"] = "-inf" }
    #expect(
      Self.failure(decoding: LogisticRegression<Double>.self, from: intercept, with: Self.lenient)
        == "the LogisticRegression<Double> in this file cannot be restored: `intercept` is NaN "
        + "or infinite" + Self.changed)

    let weights = try Self.edited(fitted.softmax) {
      var weights = $0["weights"] as! [[Any]]
      weights[1][0] = "inf"
      $0["weights"] = weights
    }
    #expect(
      Self.failure(decoding: SoftmaxRegression<Double>.self, from: weights, with: Self.lenient)
        == "the SoftmaxRegression<Double> in this file cannot be restored: `weights` holds a "
        + "NaN or infinite value at row 1, column 0 (counting from 0)" + Self.changed)

    let cost = try Self.edited(fitted.linear) { $0["trainingCost"] = "nan" }
    #expect(
      Self.failure(decoding: LinearRegression<Double>.self, from: cost, with: Self.lenient)
        == "the LinearRegression<Double> in this file cannot be restored: `trainingCost` is NaN "
        + "or infinite" + Self.changed)

    let mean = try Self.edited(try #require(fitted.network.standardizer)) {
      $0["means"] = ["nan", 1]
    }
    #expect(
      Self.failure(decoding: Standardizer<Double>.self, from: mean, with: Self.lenient)
        == "the Standardizer<Double> in this file cannot be restored: `means` holds a NaN or "
        + "infinite value at element 0 (counting from 0)" + Self.changed)
  }

  @Test func aCorruptedSizeIsAnError() throws {
    let fitted = try ModelInputTests.Fitted()
    let short = try Self.edited(fitted.network) {
      $0["parameters"] = ($0["parameters"] as! [Any]).dropLast() as [Any]
    }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: short)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `parameters` has "
        + "20 elements, but layers [2, 3, 3] have 21 weights and biases" + Self.changed)

    let wide = try Self.edited(fitted.network) {
      var standardizer = $0["standardizer"] as! [String: Any]
      standardizer["means"] = [0, 0, 0]
      standardizer["deviations"] = [1, 1, 1]
      $0["standardizer"] = standardizer
    }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: wide)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `standardizer` "
        + "has 3 features, but the network has 2 inputs" + Self.changed)

    let layers = try Self.edited(fitted.network) { $0["layerSizes"] = [2, 4, 3] }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: layers)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `parameters` has "
        + "21 elements, but layers [2, 4, 3] have 27 weights and biases" + Self.changed)

    let rows = try Self.edited(fitted.softmax) { $0["classCount"] = 4 }
    #expect(
      Self.failure(decoding: SoftmaxRegression<Double>.self, from: rows)
        == "the SoftmaxRegression<Double> in this file cannot be restored: `weights` has 3 "
        + "rows, but `classCount` is 4" + Self.changed)

    let ragged = try Self.edited(fitted.softmax) {
      var weights = $0["weights"] as! [[Any]]
      weights[2].append(1)
      $0["weights"] = weights
    }
    #expect(
      Self.failure(decoding: SoftmaxRegression<Double>.self, from: ragged)
        == "the SoftmaxRegression<Double> in this file cannot be restored: `weights[2]` has 3 "
        + "elements, but `weights[0]` has 2" + Self.changed)

    let intercepts = try Self.edited(fitted.softmax) { $0["intercepts"] = [0.5] }
    #expect(
      Self.failure(decoding: SoftmaxRegression<Double>.self, from: intercepts)
        == "the SoftmaxRegression<Double> in this file cannot be restored: `intercepts` has 1 "
        + "element, but `classCount` is 3" + Self.changed)

    let degree = try Self.edited(fitted.polynomial) { $0["degree"] = 3 }
    #expect(
      Self.failure(decoding: PolynomialRegression<Double>.self, from: degree)
        == "the PolynomialRegression<Double> in this file cannot be restored: `regression` has "
        + "2 coefficients besides its intercept, but `degree` is 3" + Self.changed)

    let empty = try Self.edited(fitted.linear) { $0["coefficients"] = [Double]() }
    #expect(
      Self.failure(decoding: LinearRegression<Double>.self, from: empty)
        == "the LinearRegression<Double> in this file cannot be restored: `coefficients` is "
        + "empty; a fitted model has one per feature" + Self.changed)
  }

  @Test func aMissingOrInconsistentValueIsAnError() throws {
    let fitted = try ModelInputTests.Fitted()
    let missing = try Self.edited(fitted.network) { $0["parameters"] = nil }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: missing)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `parameters` is "
        + "missing" + Self.changed)

    let noIntercept = try Self.edited(fitted.linear) { $0["intercept"] = nil }
    #expect(
      Self.failure(decoding: LinearRegression<Double>.self, from: noIntercept)
        == "the LinearRegression<Double> in this file cannot be restored: `coefficients` is "
        + "present without `intercept`" + Self.changed)

    let costOnly = try Self.edited(fitted.logistic) {
      $0["weights"] = nil
      $0["intercept"] = nil
    }
    #expect(
      Self.failure(decoding: LogisticRegression<Double>.self, from: costOnly)
        == "the LogisticRegression<Double> in this file cannot be restored: `trainingCost` is "
        + "present without `weights`" + Self.changed)

    let noStandardizer = try Self.edited(fitted.network) { $0["standardizer"] = nil }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: noStandardizer)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `standardizer` is "
        + "missing, but the network standardizes its inputs and was fitted (`trainingCost` is "
        + "present)" + Self.changed)

    let unused = try Self.edited(fitted.network) { $0["standardizesFeatures"] = false }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: unused)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `standardizer` is "
        + "present, but `standardizesFeatures` is false, so the network would not apply it"
        + Self.changed)

    let activation = try Self.edited(fitted.network) { $0["activation"] = "swish" }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: activation)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `activation` is "
        + "\"swish\"; it must be one of \"tanh\", \"relu\", \"sigmoid\"" + Self.changed)

    let polynomial = try Self.edited(fitted.polynomial) { $0["regression"] = nil }
    #expect(
      Self.failure(decoding: PolynomialRegression<Double>.self, from: polynomial)
        == "the PolynomialRegression<Double> in this file cannot be restored: `standardizer` is "
        + "present without `regression`" + Self.changed)
  }

  /// Decoding reruns each initializer's checks, with the initializer's own words.
  @Test func aValueTheInitializerRejectsIsAnError() throws {
    let fitted = try ModelInputTests.Fitted()
    let classes = try Self.edited(fitted.softmax) { $0["classCount"] = 1 }
    #expect(
      Self.failure(decoding: SoftmaxRegression<Double>.self, from: classes)
        == "the SoftmaxRegression<Double> in this file cannot be restored: `classCount` is 1; "
        + "it must be from 2 to 1048576 (for two classes, LogisticRegression is the same model)"
        + Self.changed)

    let penalty = try Self.edited(fitted.logistic) { $0["l2Penalty"] = -1 }
    #expect(
      Self.failure(decoding: LogisticRegression<Double>.self, from: penalty)
        == "the LogisticRegression<Double> in this file cannot be restored: `l2Penalty` is "
        + "-1.0; it must be zero or positive and finite, such as 0.01" + Self.changed)

    let layers = try Self.edited(fitted.network) { $0["layerSizes"] = [2, 0, 3] }
    #expect(
      Self.failure(decoding: MultilayerPerceptron<Double>.self, from: layers)
        == "the MultilayerPerceptron<Double> in this file cannot be restored: `layerSizes` is "
        + "[2, 0, 3]; it must be at least two sizes, each from 1 to 1048576, such as [4, 8, 3]"
        + Self.changed)

    let degree = try Self.edited(fitted.polynomial) { $0["degree"] = 31 }
    #expect(
      Self.failure(decoding: PolynomialRegression<Double>.self, from: degree)
        == "the PolynomialRegression<Double> in this file cannot be restored: `degree` is 31; "
        + "it must be from 1 to 30, such as 2 or 3 (higher powers overflow, and their "
        + "coefficients lose every digit)" + Self.changed)

    let deviation = try Self.edited(try #require(fitted.network.standardizer)) {
      $0["deviations"] = [1, 0]
    }
    #expect(
      Self.failure(decoding: Standardizer<Double>.self, from: deviation)
        == "the Standardizer<Double> in this file cannot be restored: `deviations[1]` is 0.0; "
        + "it must be positive and finite" + Self.changed)
  }
}
