import Foundation
import Models
import Optimization
import Testing

// The tests behind the article "Every input you can get wrong" (Sources/Models/Models.docc/
// BadInputCatalogue.md), for models and data sets: the entries that ModelInputTests and
// DatasetTests do not already check word for word. Each test passes the bad input, checks the
// message verbatim, and checks that the model (or data set) is exactly as it was. Keep the
// messages in sync with the article.

/// The description of the error `body` throws, or "" (with an issue recorded) when it throws
/// nothing.
private func message(
  sourceLocation: SourceLocation = #_sourceLocation, of body: () throws -> Void
) -> String {
  do {
    try body()
    Issue.record("no error was thrown", sourceLocation: sourceLocation)
    return ""
  } catch {
    return "\(error)"
  }
}

/// The standard error of an exit test's child process.
private func standardError(_ result: ExitTest.Result?) -> String {
  guard let result else { return "" }
  return String(decoding: result.standardErrorContent, as: UTF8.self)
}

@Suite("Catalogue of bad inputs: models and data sets")
struct CatalogueTests {
  static let x = ModelInputTests.x
  static let y = ModelInputTests.y

  /// A line fitted by least squares to the six rows, so that its state is not trivial.
  static func fittedLine() throws -> LinearRegression<Double> {
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: x, y: y)
    return line
  }

  /// A 2-3-1 network fitted for a few iterations to the targets.
  static func fittedNetwork() throws -> MultilayerPerceptron<Double> {
    var network = try MultilayerPerceptron<Double>(layerSizes: [2, 3, 1], seed: 3)
    try network.fit(
      x: x, y: y.map { [$0] }, using: LBFGS(), options: MinimizationOptions(maximumIterations: 5))
    return network
  }

  // MARK: - Sizes

  @Test func networkDataOfAnotherWidth() throws {
    let network = try Self.fittedNetwork()
    let wide = Self.x.map { $0 + [1] }
    let inputs = expectRejection(leaving: network) {
      try $0.fit(x: wide, y: Self.y.map { [$0] }, using: LBFGS())
    } matching: { (_: ModelError) in
    }
    #expect(inputs == "`x[0]` has 3 elements but must have 2; the network has 2 inputs.")
    let outputs = expectRejection(leaving: network) {
      try $0.fit(x: Self.x, y: Self.y.map { [$0, $0] }, using: LBFGS())
    } matching: { (_: ModelError) in
    }
    #expect(
      outputs == "`y[0]` has 2 elements but must have 1; pass one target per output of the network."
    )
  }

  @Test func networkParametersOfAnotherCount() throws {
    let network = try Self.fittedNetwork()
    let text = expectRejection(leaving: network) {
      try $0.setParameters([1, 2, 3])
    } matching: { (_: ModelError) in
    }
    #expect(
      text
        == "`parameters` has 3 elements but must have 13; pass one value per weight and bias of "
        + "layers [2, 3, 1].")
  }

  @Test func standardizerOfAnotherWidth() throws {
    let data = try Dataset<Double>(features: Self.x, targets: Self.y)
    let narrow = try Dataset<Double>(features: Self.x.map { [$0[0]] }, targets: Self.y)
    let standardizer = try narrow.standardizer()
    let text = message { _ = try data.standardized(using: standardizer) }
    #expect(
      text
        == "`standardizer` has 1 element but must have 2; fit it on data with the same features, "
        + "e.g. `try training.standardizer()`.")
  }

  @Test func datasetTargetsOrNamesOfAnotherLength() {
    #expect(
      message { _ = try Dataset<Double>(features: [[1], [2]], targets: [1]) }
        == "`targets` has 1 element but must have 2; pass one target per row, or none.")
    #expect(
      message { _ = try Dataset<Double>(features: [[1], [2]], targets: [], targetName: "y") }
        == "`targets` has 0 elements but must have 2; pass one target per row, or no "
        + "`targetName` for data without targets.")
    #expect(
      message {
        _ = try Dataset<Double>(features: [[1], [2]], targets: [], featureNames: ["a", "b"])
      }
        == "`featureNames` has 2 elements but must have 1; pass one name per feature, that is per "
        + "value in each row.")
    #expect(
      message { _ = try Dataset<Double>(features: [[1, 2], [3]], targets: []) }
        == "`features[1]` has 1 element but must have 2; every row must have as many features as "
        + "the first.")
  }

  // MARK: - Empty

  @Test func rowsWithoutFeatures() throws {
    let line = try Self.fittedLine()
    let text = expectRejection(leaving: line) {
      try $0.fit(x: [[], []], y: [1, 2], using: LBFGS())
    } matching: { (_: ModelError) in
    }
    #expect(text == "`x[0]` is a row with no features; it must be a row with at least one feature.")
  }

  @Test func noTargets() throws {
    let line = try Self.fittedLine()
    let text = expectRejection(leaving: line) {
      try $0.fit(x: Self.x, y: [], using: LBFGS())
    } matching: { (_: ModelError) in
    }
    #expect(text == "`y` is empty; it needs at least one value.")
  }

  @Test func standardizerOfNoRows() throws {
    let data = try Dataset<Double>(features: [], targets: [], featureNames: ["a"])
    #expect(
      message { _ = try data.standardizer() } == "`rows` is empty; it needs at least one value.")
  }

  /// An empty row or an empty list of means says that a value is needed (it used to advise
  /// adding rows; found by the catalogue).
  @Test func datasetRowOrMeansWithoutValues() {
    let row = message { _ = try Dataset<Double>(features: [[]], targets: []) }
    #expect(row == "`features[0]` is empty; it needs at least one value.")
    let means = message { _ = try Standardizer<Double>(means: [], deviations: []) }
    #expect(means == "`means` is empty; it needs at least one value.")
  }

  @Test func labelsOfDataWithoutATarget() throws {
    let data = try Dataset<Double>(features: [[1], [2]], targets: [])
    #expect(
      message { _ = try data.labels() }
        == "`targetName` is nil; it must be the name of a label column; load the data with "
        + "`target:` set.")
  }

  @Test func tooFewRowsForLeastSquares() throws {
    let line = try Self.fittedLine()
    let text = expectRejection(leaving: line) {
      try $0.fitLeastSquares(x: Array(Self.x.prefix(2)), y: Array(Self.y.prefix(2)))
    } matching: { (_: ModelError) in
    }
    #expect(
      text == "`x` is 2 rows of 2 features; it must be at least 3 rows, one more than the number "
        + "of features.")
  }

  // MARK: - NaN and infinity

  @Test func nonFiniteNetworkParameters() throws {
    let network = try Self.fittedNetwork()
    let text = expectRejection(leaving: network) { network in
      var parameters = network.parameters
      parameters[5] = .infinity
      try network.setParameters(parameters)
    } matching: { (_: ModelError) in
    }
    #expect(
      text == "`parameters` holds a NaN or infinite value at element 5 (counting from 0); remove "
        + "or replace that value.")
  }

  @Test func nonFiniteDatasetValues() {
    #expect(
      message { _ = try Dataset<Double>(features: [[1], [.nan]], targets: []) }
        == "`features` holds a NaN or infinite value at row 1, column 0 (counting from 0); "
        + "remove or replace that value.")
    #expect(
      message { _ = try Dataset<Double>(features: [[1]], targets: [-.infinity]) }
        == "`targets` holds a NaN or infinite value at element 0 (counting from 0); remove or "
        + "replace that value.")
  }

  @Test func nonFiniteOrZeroStandardizer() {
    #expect(
      message { _ = try Standardizer<Double>(means: [.nan], deviations: [1]) }
        == "`means` holds a NaN or infinite value at element 0 (counting from 0); remove or "
        + "replace that value.")
    #expect(
      message { _ = try Standardizer<Double>(means: [0, 0], deviations: [1, 0]) }
        == "`deviations[1]` is 0.0; it must be positive and finite.")
    #expect(
      message { _ = try Standardizer<Double>(means: [0], deviations: [1, 2]) }
        == "`deviations` has 2 elements but must have 1; pass one deviation per mean.")
  }

  @Test func targetsSoLargeTheCostOverflows() throws {
    let line = try Self.fittedLine()
    let huge = Self.y.map { $0 * 1e200 }
    let expected = """
      `x, y` is data on which the cost or its gradient overflows at the starting parameters; it \
      must be values of moderate size; rescale the targets or standardize the features.
      """
    let full = expectRejection(leaving: line) {
      try $0.fit(x: Self.x, y: huge, using: LBFGS())
    } matching: { (_: ModelError) in
    }
    #expect(full == expected)
    let batched = expectRejection(leaving: line) {
      try $0.fit(x: Self.x, y: huge, using: Adam(), batching: .miniBatch(size: 2))
    } matching: { (_: ModelError) in
    }
    #expect(batched == expected)
  }

  @Test func nonFiniteInputToPredictIsNotAnError() throws {
    let line = try Self.fittedLine()
    #expect(try line.predict([.nan, 1]).isNaN)
  }

  /// Linearly independent features of about 10²⁰⁰ are solved (each column is scaled before the
  /// factorization; they used to overflow it and be called rank-deficient).
  @Test func leastSquaresOfHugeFeatures() throws {
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: [[1e200], [2e200], [3e200], [5e200]], y: [1, 2, 3, 5])
    #expect(Swift.abs(line.coefficients[0] * 1e200 - 1) < 1e-12)
    #expect(Swift.abs(line.intercept) < 1e-12)
  }

  /// Targets whose squared error overflows are rejected as `fit` rejects them, and the model is
  /// unchanged (least squares used to succeed with an infinite training cost).
  @Test func leastSquaresOfHugeTargets() throws {
    let line = try Self.fittedLine()
    let text = expectRejection(leaving: line) {
      try $0.fitLeastSquares(
        x: [[1, 0], [2, 1], [3, 0], [4, 2]], y: [1e300, -1e300, 1e300, 1e300])
    } matching: { (_: ModelError) in
    }
    #expect(
      text == "`x, y` is data on which least squares overflows; it must be values of moderate "
        + "size; rescale the targets or standardize the features.")
  }

  /// A power of the standardized x that overflows names the degree and the value of x
  /// responsible (it used to name a column of the internal powers).
  @Test func polynomialPowersOverflow() throws {
    var polynomial = try PolynomialRegression<Double>(degree: 30)
    var x = [Double](repeating: 0, count: 400)
    x[0] = 1e200
    let text = message { try polynomial.fitLeastSquares(x: x, y: x) }
    #expect(
      text.hasPrefix(
        "`degree` is 30; it must be low enough that every power of the standardized x is finite; "
          + "x[0] = 1e+200 lies so far from the others"),
      "\(text)")
  }

  // MARK: - Hyper-parameters of models

  @Test func degreeAndLayerSizesOutOfRange() {
    #expect(
      message { _ = try PolynomialRegression<Double>(degree: 0) }
        == "`degree` is 0; it must be from 1 to 30, such as 2 or 3 (higher powers overflow, and their "
        + "coefficients lose every digit).")
    #expect(
      message { _ = try MultilayerPerceptron<Double>(layerSizes: [4, 0, 3]) }
        == "`layerSizes` is [4, 0, 3]; it must be at least two sizes, each from 1 to 1048576, such as "
        + "[4, 8, 3].")
  }

  @Test func batchesOfNoRows() throws {
    let data = try Dataset<Double>(features: [[1], [2]], targets: [])
    #expect(
      message { _ = try data.batches(size: 0, seed: nil) } == "`size` is 0; it must be at least 1.")
  }

  @Test func collinearFeaturesForLeastSquares() throws {
    let line = try Self.fittedLine()
    let collinear = Self.x.map { [$0[0], $0[1], $0[0] - 2 * $0[1]] }
    let text = expectRejection(leaving: line) {
      try $0.fitLeastSquares(x: collinear, y: Self.y)
    } matching: { (_: ModelError) in
    }
    #expect(
      text == """
        `x` is rank-deficient (feature 2 is constant or a linear combination of the features \
        before it); it must be features that are linearly independent; remove the redundant \
        column.
        """)
  }

  @Test func learningRateOutOfRangeThroughFit() throws {
    let line = try Self.fittedLine()
    var optimizer = try GradientDescent<Double>(learningRate: 0.1)
    optimizer.learningRate = 0
    let text = expectRejection(leaving: line) {
      try $0.fit(x: Self.x, y: Self.y.map { 2 * $0 }, using: optimizer)
    } matching: { (_: OptimizationError) in
    }
    #expect(
      text == "`learningRate` is 0.0; it must be positive and finite, such as 0.01 (lower it if "
        + "the cost grows).")
  }

  /// Sizes no computer can hold are rejected (they used to pass and then trap).
  @Test func layerSizesTooLargeToAllocate() {
    #expect(
      message { _ = try MultilayerPerceptron<Double>(layerSizes: [.max, 2]) }
        == "`layerSizes` is [9223372036854775807, 2]; it must be at least two sizes, each from 1 to "
        + "1048576, such as [4, 8, 3].")
    #expect(
      message { _ = try MultilayerPerceptron<Double>(layerSizes: [1 << 20, 1 << 20]) }
        == "`layerSizes` is [1048576, 1048576]; it must be at most 2²⁸ weights and biases in all "
        + "(this network needs more).")
  }

  @Test func classCountTooLargeToAllocate() {
    #expect(
      message { _ = try SoftmaxRegression<Double>(classCount: .max) }
        == "`classCount` is 9223372036854775807; it must be from 2 to 1048576 (for two classes, "
        + "LogisticRegression is the same model).")
  }

  @Test func degreeTooLargeToAllocate() {
    #expect(
      message { _ = try PolynomialRegression<Double>(degree: .max) }
        == "`degree` is 9223372036854775807; it must be from 1 to 30, such as 2 or 3 (higher "
        + "powers overflow, and their coefficients lose every digit).")
  }

  @Test func datasetRowOutOfRange() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let data = try! Dataset<Double>(features: [[1], [2]], targets: [])
      _ = data[[5]]
    }
    #expect(standardError(result).contains("row 5 is out of range 0..<2"))
  }

  /// `Dataset`'s stored properties are read-only outside the module, so its parts cannot be
  /// edited into inconsistent lengths (they used to be settable, and `split` then trapped). A
  /// dataset is changed by making a new one, which validates.
  @Test func datasetPartsAreValidatedTogether() {
    #expect(throws: ModelError.self) {
      _ = try Dataset<Double>(features: [[1], [2]], targets: [1])
    }
  }
}
