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
    #expect(text == "`y` is empty; pass at least one row of data.")
  }

  @Test func standardizerOfNoRows() throws {
    let data = try Dataset<Double>(features: [], targets: [], featureNames: ["a"])
    #expect(
      message { _ = try data.standardizer() } == "`rows` is empty; pass at least one row of data.")
  }

  /// Known issue: an empty row or an empty list of means is reported with the advice meant for an
  /// empty table, "pass at least one row of data".
  @Test func datasetRowOrMeansWithoutValues() {
    let row = message { _ = try Dataset<Double>(features: [[]], targets: []) }
    #expect(row == "`features[0]` is empty; pass at least one row of data.")
    let means = message { _ = try Standardizer<Double>(means: [], deviations: []) }
    #expect(means == "`means` is empty; pass at least one row of data.")
    withKnownIssue("ModelError.empty always advises adding rows") {
      #expect(!row.contains("row of data"), "\(row)")
      #expect(!means.contains("row of data"), "\(means)")
    }
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
        + "or impute that value before fitting.")
  }

  @Test func nonFiniteDatasetValues() {
    #expect(
      message { _ = try Dataset<Double>(features: [[1], [.nan]], targets: []) }
        == "`features` holds a NaN or infinite value at row 1, column 0 (counting from 0); "
        + "remove or impute that value before fitting.")
    #expect(
      message { _ = try Dataset<Double>(features: [[1]], targets: [-.infinity]) }
        == "`targets` holds a NaN or infinite value at element 0 (counting from 0); remove or "
        + "impute that value before fitting.")
  }

  @Test func nonFiniteOrZeroStandardizer() {
    #expect(
      message { _ = try Standardizer<Double>(means: [.nan], deviations: [1]) }
        == "`means` holds a NaN or infinite value at element 0 (counting from 0); remove or "
        + "impute that value before fitting.")
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

  /// Known issue: features of about 10²⁰⁰ that are linearly independent overflow the QR
  /// factorization, and the error calls them rank-deficient instead of too large.
  @Test func leastSquaresOfHugeFeatures() throws {
    let line = try Self.fittedLine()
    let text = expectRejection(leaving: line) {
      try $0.fitLeastSquares(x: [[1e200], [2e200], [3e200], [5e200]], y: [1, 2, 3, 4])
    } matching: { (_: ModelError) in
    }
    withKnownIssue("overflow is reported as rank deficiency") {
      #expect(!text.contains("rank-deficient"), "\(text)")
    }
  }

  /// Known issue: `fitLeastSquares` accepts targets whose squared error overflows and records an
  /// infinite training cost, where `fit` throws.
  @Test func leastSquaresOfHugeTargets() throws {
    var line = LinearRegression<Double>()
    let outcome = Result {
      try line.fitLeastSquares(x: [1, 2, 3, 4], y: [1e300, -1e300, 1e300, 1e300])
    }
    withKnownIssue("the fit succeeds with trainingCost = inf") {
      if case .success = outcome {
        #expect(line.trainingCost?.isFinite == true, "\(line)")
      }
    }
  }

  /// Known issue: a degree so high that a power of the standardized x overflows is reported as a
  /// non-finite value in a column of `x` that the caller never passed.
  @Test func polynomialPowersOverflow() throws {
    var polynomial = try PolynomialRegression<Double>(degree: 2000)
    let text = message {
      try polynomial.fitLeastSquares(x: [-1, 0, 1, 2, 3, 4], y: [1, 2, 3, 4, 5, 6])
    }
    #expect(text.hasPrefix("`x` holds a NaN or infinite value at row 0, column "))
    withKnownIssue("the message names a column of the internal powers") {
      #expect(!text.contains("column"), "\(text)")
    }
  }

  // MARK: - Hyper-parameters of models

  @Test func degreeAndLayerSizesOutOfRange() {
    #expect(
      message { _ = try PolynomialRegression<Double>(degree: 0) }
        == "`degree` is 0; it must be at least 1, such as 2 or 3.")
    #expect(
      message { _ = try MultilayerPerceptron<Double>(layerSizes: [4, 0, 3]) }
        == "`layerSizes` is [4, 0, 3]; it must be at least two sizes, each at least 1, such as "
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

  /// Known issue: layer sizes whose product overflows `Int` trap in `init` instead of throwing.
  @Test func layerSizesTooLargeToAllocate() async {
    await withKnownIssue("MultilayerPerceptron(layerSizes: [.max, 2]) traps") {
      await #expect(processExitsWith: .success) {
        _ = try? MultilayerPerceptron<Double>(layerSizes: [.max, 2])
      }
    }
  }

  /// Known issue: a class count whose parameter count overflows `Int` is accepted, and `fit`
  /// traps.
  @Test func classCountTooLargeToAllocate() async {
    await withKnownIssue("SoftmaxRegression(classCount: .max) traps in fit") {
      await #expect(processExitsWith: .success) {
        guard var model = try? SoftmaxRegression<Double>(classCount: .max) else { return }
        _ = try? model.fit(x: [[1.0], [2]], labels: [0, 1], using: LBFGS())
      }
    }
  }

  /// Known issue: a degree no computer can hold is accepted, and the fit crashes.
  @Test func degreeTooLargeToAllocate() async {
    await withKnownIssue("PolynomialRegression(degree: .max) crashes in fit") {
      await #expect(processExitsWith: .success) {
        guard var model = try? PolynomialRegression<Double>(degree: .max) else { return }
        _ = try? model.fitLeastSquares(x: [1, 2, 3], y: [1, 2, 3])
      }
    }
  }

  // MARK: - Malformed CSV

  @Test func unreadableFiles() throws {
    let directory = FileManager.default.temporaryDirectory
    #expect(
      message { _ = try Dataset<Double>(contentsOf: directory) }
        == "cannot read the file at `\(directory.path)`: it is a directory; pass the URL of a CSV "
        + "file.")
    let latin1 = directory.appendingPathComponent("descent-catalogue-\(UUID().uuidString).csv")
    try Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: latin1)
    defer { try? FileManager.default.removeItem(at: latin1) }
    #expect(
      message { _ = try Dataset<Double>(contentsOf: latin1) }
        == "cannot read the file at `\(latin1.path)`: it is not UTF-8 text; save it as UTF-8 CSV.")
  }

  // MARK: - Diverging runs

  @Test func divergingFit() throws {
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: Fixtures.heights, y: Fixtures.weights.map { $0 + 10 })
    let optimizer = try GradientDescent<Double>(learningRate: 0.01)
    let text = expectRejection(leaving: line) {
      try $0.fit(x: Fixtures.heights, y: Fixtures.weights, using: optimizer)
    } matching: { (_: ModelError) in
    }
    #expect(
      text == """
        training diverged, and the model was left as it was. the cost grew to 35200000.0 at \
        iteration 1; the best cost was 110.6 at iteration 0, whose parameters are returned. The \
        learning rate 0.01 is probably too large: try a smaller one, such as 0.001.
        """)
  }

  // MARK: - Preconditions and public fields

  @Test func standardizerTransformOfAnotherWidth() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let standardizer = try! Standardizer<Double>(fitting: [[1, 2], [3, 5]])
      _ = standardizer.transform([1, 2, 3])
    }
    #expect(standardError(result).contains("row has 3 features, expected 2"))
  }

  @Test func datasetRowOutOfRange() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let data = try! Dataset<Double>(features: [[1], [2]], targets: [])
      _ = data[[5]]
    }
    #expect(standardError(result).contains("row 5 is out of range 0..<2"))
  }

  /// Known issue: `Dataset`'s stored properties are public and settable without a check, so
  /// targets edited to another length make `split` (and any row selection) trap.
  @Test func datasetEditedIntoInconsistentParts() async {
    await withKnownIssue("an edited Dataset traps in split instead of throwing") {
      await #expect(processExitsWith: .success) {
        guard var data = try? Dataset<Double>(features: [[1], [2]], targets: [1, 2]) else { return }
        data.targets.removeLast()
        _ = try? data.split(testFraction: 0.5, seed: 1)
      }
    }
  }
}
