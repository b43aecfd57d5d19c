import Models
import Optimization
import Testing

/// Every bad input to `fit` and `predict` is a thrown error that says what to change, and a model
/// that throws is left exactly as it was: each test starts from a fitted model (so that its state
/// is not trivial) and compares it with a copy afterwards.
@Suite struct ModelInputTests {
  // MARK: - Data and fitted models

  /// Six rows of two features, with a target, two-class and three-class labels, and a single
  /// feature for the polynomial.
  static let x: [[Double]] = [
    [0.5, 1.0], [1.5, -0.5], [2.0, 2.5], [3.5, 1.0], [-1.0, 0.5], [0.0, -2.0],
  ]
  static let y: [Double] = [1.0, 0.2, 3.1, 2.2, -0.4, -1.9]
  static let binary = [0, 1, 1, 1, 0, 0]
  static let classes = [0, 1, 2, 2, 0, 1]
  static let t: [Double] = [-1, -0.5, 0, 0.5, 1, 1.5]

  /// One fitted model of each kind.
  struct Fitted {
    var linear = LinearRegression<Double>(standardizesFeatures: true)
    var logistic: LogisticRegression<Double>
    var softmax: SoftmaxRegression<Double>
    var polynomial: PolynomialRegression<Double>
    /// Three outputs, fitted to the three-class labels.
    var network: MultilayerPerceptron<Double>
    /// One output, fitted to the two-class labels.
    var binaryNetwork: MultilayerPerceptron<Double>
    /// One output, fitted to the targets.
    var regressionNetwork: MultilayerPerceptron<Double>

    init() throws {
      logistic = try LogisticRegression(l2Penalty: 0.1, standardizesFeatures: true)
      softmax = try SoftmaxRegression(classCount: 3, l2Penalty: 0.1, standardizesFeatures: true)
      polynomial = try PolynomialRegression(degree: 2)
      network = try MultilayerPerceptron(
        layerSizes: [2, 3, 3], standardizesFeatures: true, seed: 1)
      binaryNetwork = try MultilayerPerceptron(layerSizes: [2, 3, 1], seed: 2)
      regressionNetwork = try MultilayerPerceptron(layerSizes: [2, 3, 1], seed: 3)
      let (x, y, t) = (ModelInputTests.x, ModelInputTests.y, ModelInputTests.t)
      let (binary, classes) = (ModelInputTests.binary, ModelInputTests.classes)
      let options = MinimizationOptions<Double>(maximumIterations: 50)
      try linear.fit(x: x, y: y, using: LBFGS(), options: options)
      try logistic.fit(x: x, labels: binary, using: LBFGS(), options: options)
      try softmax.fit(x: x, labels: classes, using: LBFGS(), options: options)
      try polynomial.fit(x: t, y: y, using: LBFGS(), options: options)
      try network.fit(x: x, labels: classes, using: LBFGS(), options: options)
      try binaryNetwork.fit(x: x, labels: binary, using: LBFGS(), options: options)
      try regressionNetwork.fit(x: x, y: y.map { [$0] }, using: LBFGS(), options: options)
    }
  }

  @Test func theFixturesAreFitted() throws {
    let fitted = try Fitted()
    #expect(fitted.linear.featureCount == 2 && fitted.linear.trainingCost != nil)
    #expect(fitted.logistic.featureCount == 2 && fitted.logistic.trainingCost != nil)
    #expect(fitted.softmax.featureCount == 2 && fitted.softmax.trainingCost != nil)
    #expect(fitted.polynomial.coefficients.count == 3)
    #expect(fitted.network.standardizer != nil && fitted.network.trainingCost != nil)
    #expect(fitted.binaryNetwork.trainingCost != nil)
    #expect(fitted.regressionNetwork.trainingCost != nil)
  }

  // MARK: - Sizes

  @Test func targetsOfAnotherLengthThanTheRows() throws {
    let fitted = try Fitted()
    let short = Array(Self.y.dropLast())
    let expected = ModelError.sizeMismatch(
      argument: "y", expected: 6, actual: 5, advice: "pass one value per row of `x`.")
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: short, using: LBFGS())
    }
    #expect(message == "`y` has 5 elements but must have 6; pass one value per row of `x`.")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: short, using: GradientDescent(), batching: .stochastic)
    }
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fitLeastSquares(x: Self.x, y: short)
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fit(x: Self.t, y: short, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fitLeastSquares(x: Self.t, y: short)
    }
    expectRejection(expected, leaving: fitted.regressionNetwork) {
      try $0.fit(x: Self.x, y: short.map { [$0] }, using: LBFGS())
    }
    let labels = ModelError.sizeMismatch(
      argument: "labels", expected: 6, actual: 7, advice: "pass one value per row of `x`.")
    let long = Self.binary + [0]
    expectRejection(labels, leaving: fitted.logistic) {
      try $0.fit(x: Self.x, labels: long, using: LBFGS())
    }
    expectRejection(labels, leaving: fitted.softmax) {
      try $0.fit(x: Self.x, labels: long, using: LBFGS())
    }
    expectRejection(labels, leaving: fitted.network) {
      try $0.fit(x: Self.x, labels: long, using: GradientDescent(), batching: .miniBatch(size: 2))
    }
  }

  @Test func noRows() throws {
    let fitted = try Fitted()
    let expected = ModelError.empty(argument: "x")
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: [[Double]](), y: [], using: LBFGS())
    }
    #expect(message == "`x` is empty; it needs at least one value.")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: [Double](), y: [], using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fitLeastSquares(x: [[Double]](), y: [])
    }
    expectRejection(expected, leaving: fitted.logistic) {
      try $0.fit(x: [], labels: [], using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.softmax) {
      try $0.fit(x: [], labels: [], using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fit(x: [], y: [], using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.network) {
      try $0.fit(x: [], labels: [], using: LBFGS())
    }
    // Rows, but no targets.
    expectRejection(ModelError.empty(argument: "y"), leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: [], using: LBFGS())
    }
    // Rows without a feature.
    let noFeatures = ModelError.invalidArgument(
      argument: "x[0]", value: "a row with no features",
      requirement: "a row with at least one feature")
    expectRejection(noFeatures, leaving: fitted.linear) {
      try $0.fit(x: [[], []], y: [1, 2], using: LBFGS())
    }
  }

  @Test func raggedRows() throws {
    let fitted = try Fitted()
    var x = Self.x
    x[4] = [1, 2, 3]
    let expected = ModelError.sizeMismatch(
      argument: "x[4]", expected: 2, actual: 3,
      advice: "every row must have as many features as the first.")
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: x, y: Self.y, using: LBFGS())
    }
    #expect(
      message == "`x[4]` has 3 elements but must have 2; every row must have as many features "
        + "as the first.")
    expectRejection(expected, leaving: fitted.linear) { try $0.fitLeastSquares(x: x, y: Self.y) }
    expectRejection(expected, leaving: fitted.logistic) {
      try $0.fit(x: x, labels: Self.binary, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.softmax) {
      try $0.fit(x: x, labels: Self.classes, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.network) {
      try $0.fit(x: x, labels: Self.classes, using: LBFGS())
    }
  }

  @Test func networkInputsAndOutputsOfAnotherWidth() throws {
    let fitted = try Fitted()
    let wide = Self.x.map { $0 + [1] }
    expectRejection(
      ModelError.sizeMismatch(
        argument: "x[0]", expected: 2, actual: 3, advice: "the network has 2 inputs."),
      leaving: fitted.network
    ) { try $0.fit(x: wide, labels: Self.classes, using: LBFGS()) }
    expectRejection(
      ModelError.sizeMismatch(
        argument: "y[0]", expected: 1, actual: 2,
        advice: "pass one target per output of the network."),
      leaving: fitted.regressionNetwork
    ) { try $0.fit(x: Self.x, y: Self.y.map { [$0, $0] }, using: LBFGS()) }
  }

  // MARK: - Non-finite values

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteFeatureIsReportedWithItsRowAndColumn(value: Double) throws {
    let fitted = try Fitted()
    var x = Self.x
    x[3][1] = value
    let expected = ModelError.nonFinite(argument: "x", row: 3, column: 1)
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: x, y: Self.y, using: LBFGS())
    }
    #expect(
      message == "`x` holds a NaN or infinite value at row 3, column 1 (counting from 0); "
        + "remove or replace that value.")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: x, y: Self.y, using: GradientDescent(), batching: .miniBatch(size: 2))
    }
    expectRejection(expected, leaving: fitted.linear) { try $0.fitLeastSquares(x: x, y: Self.y) }
    expectRejection(expected, leaving: fitted.logistic) {
      try $0.fit(x: x, labels: Self.binary, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.softmax) {
      try $0.fit(x: x, labels: Self.classes, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.network) {
      try $0.fit(x: x, labels: Self.classes, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.regressionNetwork) {
      try $0.fit(x: x, y: Self.y.map { [$0] }, using: LBFGS())
    }
    // A one-dimensional input names the element.
    var t = Self.t
    t[2] = value
    let element = ModelError.nonFinite(argument: "x", row: 2, column: nil)
    expectRejection(element, leaving: fitted.polynomial) {
      try $0.fit(x: t, y: Self.y, using: LBFGS())
    }
    expectRejection(element, leaving: fitted.polynomial) { try $0.fitLeastSquares(x: t, y: Self.y) }
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: Self.t, y: Self.y)
    expectRejection(element, leaving: line) { try $0.fit(x: t, y: Self.y, using: LBFGS()) }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity])
  func nonFiniteTargetIsReportedWithItsRow(value: Double) throws {
    let fitted = try Fitted()
    var y = Self.y
    y[4] = value
    let expected = ModelError.nonFinite(argument: "y", row: 4, column: nil)
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: y, using: LBFGS())
    }
    #expect(
      message == "`y` holds a NaN or infinite value at element 4 (counting from 0); "
        + "remove or replace that value.")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: y, using: GradientDescent(), batching: .stochastic)
    }
    expectRejection(expected, leaving: fitted.linear) { try $0.fitLeastSquares(x: Self.x, y: y) }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fit(x: Self.t, y: y, using: LBFGS())
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fitLeastSquares(x: Self.t, y: y)
    }
    expectRejection(
      ModelError.nonFinite(argument: "y", row: 4, column: 0), leaving: fitted.regressionNetwork
    ) { try $0.fit(x: Self.x, y: y.map { [$0] }, using: LBFGS()) }
  }

  // MARK: - Labels

  @Test func labelOutsideTheClasses() throws {
    let fitted = try Fitted()
    var labels = Self.binary
    labels[2] = 2
    let message = expectRejection(
      ModelError.invalidLabel(row: 2, label: 2, classCount: 2), leaving: fitted.logistic
    ) { try $0.fit(x: Self.x, labels: labels, using: LBFGS()) }
    #expect(message == "label 2 at row 2 is not a class; labels must be integers in 0..<2.")
    expectRejection(
      ModelError.invalidLabel(row: 2, label: 2, classCount: 2), leaving: fitted.binaryNetwork
    ) { try $0.fit(x: Self.x, labels: labels, using: LBFGS()) }
    labels[2] = -1
    expectRejection(
      ModelError.invalidLabel(row: 2, label: -1, classCount: 2), leaving: fitted.logistic
    ) { try $0.fit(x: Self.x, labels: labels, using: GradientDescent(), batching: .stochastic) }

    var classes = Self.classes
    classes[5] = 3
    expectRejection(
      ModelError.invalidLabel(row: 5, label: 3, classCount: 3), leaving: fitted.softmax
    ) { try $0.fit(x: Self.x, labels: classes, using: LBFGS()) }
    expectRejection(
      ModelError.invalidLabel(row: 5, label: 3, classCount: 3), leaving: fitted.network
    ) { try $0.fit(x: Self.x, labels: classes, using: LBFGS()) }
    classes[5] = -1
    expectRejection(
      ModelError.invalidLabel(row: 5, label: -1, classCount: 3), leaving: fitted.softmax
    ) { try $0.fit(x: Self.x, labels: classes, using: LBFGS()) }
    expectRejection(
      ModelError.invalidLabel(row: 5, label: -1, classCount: 3), leaving: fitted.network
    ) { try $0.fit(x: Self.x, labels: classes, using: GradientDescent(), batching: .full) }
  }

  @Test func accuracyChecksItsLabelsToo() throws {
    let fitted = try Fitted()
    #expect(throws: ModelError.invalidLabel(row: 0, label: 2, classCount: 2)) {
      try fitted.logistic.accuracy(x: Self.x, labels: [2, 0, 0, 0, 0, 0])
    }
    #expect(throws: ModelError.invalidLabel(row: 1, label: 3, classCount: 3)) {
      try fitted.softmax.accuracy(x: Self.x, labels: [0, 3, 0, 0, 0, 0])
    }
  }

  // MARK: - Hyper-parameters

  @Test(arguments: [-1.0, .nan, .infinity])
  func l2PenaltyMustBeZeroOrPositiveAndFinite(penalty: Double) throws {
    let expected = ModelError.invalidArgument(
      argument: "l2Penalty", value: "\(penalty)",
      requirement: "zero or positive and finite, such as 0.01")
    #expect(throws: expected) { try LogisticRegression<Double>(l2Penalty: penalty) }
    #expect(throws: expected) { try SoftmaxRegression<Double>(classCount: 3, l2Penalty: penalty) }
    #expect(throws: Never.self) { try LogisticRegression<Double>(l2Penalty: 0) }
  }

  @Test func hyperParameterMessages() {
    do {
      _ = try LogisticRegression<Double>(l2Penalty: -1)
      Issue.record("no error thrown")
    } catch {
      #expect(
        "\(error)" == "`l2Penalty` is -1.0; it must be zero or positive and finite, such as 0.01.")
    }
    do {
      _ = try SoftmaxRegression<Double>(classCount: 1)
      Issue.record("no error thrown")
    } catch {
      #expect(
        "\(error)" == "`classCount` is 1; it must be from 2 to 1048576 (for two classes, "
          + "LogisticRegression is the same model).")
    }
  }

  @Test(arguments: [1, 0, -2])
  func classCountMustBeAtLeastTwo(count: Int) {
    #expect(
      throws: ModelError.invalidArgument(
        argument: "classCount", value: "\(count)",
        requirement:
          "from 2 to 1048576 (for two classes, LogisticRegression is the same model)")
    ) { try SoftmaxRegression<Double>(classCount: count) }
  }

  @Test(arguments: [0, -1])
  func degreeMustBeAtLeastOne(degree: Int) {
    #expect(
      throws: ModelError.invalidArgument(
        argument: "degree", value: "\(degree)",
        requirement:
          "from 1 to 30, such as 2 or 3 (higher powers overflow, and their coefficients lose "
          + "every digit)")
    ) { try PolynomialRegression<Double>(degree: degree) }
  }

  @Test(arguments: [[], [4], [4, 0, 3], [4, 8, -1]])
  func layerSizesMustBeAtLeastTwoPositiveSizes(sizes: [Int]) {
    #expect(
      throws: ModelError.invalidArgument(
        argument: "layerSizes", value: "\(sizes)",
        requirement: "at least two sizes, each from 1 to 1048576, such as [4, 8, 3]")
    ) { try MultilayerPerceptron<Double>(layerSizes: sizes) }
  }

  @Test(arguments: [0, -3])
  func miniBatchesNeedAtLeastOneRow(size: Int) throws {
    let fitted = try Fitted()
    let batching = Batching.miniBatch(size: size)
    let expected = ModelError.invalidArgument(
      argument: "batching", value: "miniBatch(size: \(size))",
      requirement: "a batch size of at least 1, such as .miniBatch(size: 32)")
    let optimizer = try Adam<Double>(learningRate: 0.01)
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: Self.y, using: optimizer, batching: batching)
    }
    #expect(
      message == "`batching` is miniBatch(size: \(size)); it must be a batch size of at least 1, "
        + "such as .miniBatch(size: 32).")
    expectRejection(expected, leaving: fitted.logistic) {
      try $0.fit(x: Self.x, labels: Self.binary, using: optimizer, batching: batching)
    }
    expectRejection(expected, leaving: fitted.softmax) {
      try $0.fit(x: Self.x, labels: Self.classes, using: optimizer, batching: batching)
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fit(x: Self.t, y: Self.y, using: optimizer, batching: batching)
    }
    expectRejection(expected, leaving: fitted.network) {
      try $0.fit(x: Self.x, labels: Self.classes, using: optimizer, batching: batching)
    }
    expectRejection(expected, leaving: fitted.regressionNetwork) {
      try $0.fit(x: Self.x, y: Self.y.map { [$0] }, using: optimizer, batching: batching)
    }
  }

  @Test func aBatchLargerThanTheDataIsTheFullBatch() throws {
    var large = LinearRegression<Double>()
    var full = LinearRegression<Double>()
    let options = MinimizationOptions<Double>(gradientTolerance: nil, maximumIterations: 3)
    let optimizer = try GradientDescent<Double>(learningRate: 0.05)
    try large.fit(
      x: Self.x, y: Self.y, using: optimizer, batching: .miniBatch(size: 100), options: options)
    try full.fit(x: Self.x, y: Self.y, using: optimizer, batching: .full, options: options)
    // The same updates, but the shuffled rows are summed in another order.
    #expect(largestRelativeError(large.coefficients, full.coefficients) <= 1e-14)
    #expect(relativeError(large.intercept, full.intercept) <= 1e-14)
  }

  // MARK: - Options and divergence

  @Test func invalidOptionsAreAnOptimizationError() throws {
    let fitted = try Fitted()
    let options = MinimizationOptions<Double>(maximumIterations: -1)
    let expected = OptimizationError.invalidArgument(
      argument: "maximumIterations", value: "-1", requirement: "at least 0")
    let message = expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: Self.y, using: LBFGS(), options: options)
    }
    #expect(message == "`maximumIterations` is -1; it must be at least 0.")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fit(
        x: Self.x, y: Self.y, using: GradientDescent(), batching: .stochastic, options: options)
    }
    expectRejection(expected, leaving: fitted.logistic) {
      try $0.fit(x: Self.x, labels: Self.binary, using: LBFGS(), options: options)
    }
    expectRejection(expected, leaving: fitted.softmax) {
      try $0.fit(x: Self.x, labels: Self.classes, using: LBFGS(), options: options)
    }
    expectRejection(expected, leaving: fitted.polynomial) {
      try $0.fit(x: Self.t, y: Self.y, using: LBFGS(), options: options)
    }
    expectRejection(expected, leaving: fitted.network) {
      try $0.fit(x: Self.x, labels: Self.classes, using: LBFGS(), options: options)
    }
    let tolerance = MinimizationOptions<Double>(gradientTolerance: -1)
    expectRejection(leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: Self.y, using: LBFGS(), options: tolerance)
    } matching: { (error: OptimizationError) in
      #expect(error.argument == "gradientTolerance")
    }
  }

  @Test func aLearningRateSetOutOfRangeIsAnOptimizationError() throws {
    let fitted = try Fitted()
    var optimizer = try GradientDescent<Double>(learningRate: 0.1)
    optimizer.learningRate = -1
    // The rate is checked at the first update, so the data must not already be fitted: a run
    // that converges at iteration 0 never updates.
    let otherTargets = Self.y.map { 2 * $0 }
    let otherClasses = Self.classes.map { (2 - $0) }
    expectRejection(leaving: fitted.linear) {
      try $0.fit(x: Self.x, y: otherTargets, using: optimizer)
    } matching: { (error: OptimizationError) in
      #expect(error.argument == "learningRate")
    }
    expectRejection(leaving: fitted.network) {
      try $0.fit(x: Self.x, labels: otherClasses, using: optimizer, batching: .miniBatch(size: 4))
    } matching: { (error: OptimizationError) in
      #expect(error.argument == "learningRate")
    }
  }

  @Test func aDivergingRunLeavesTheModelAsItWas() throws {
    // Unstandardized heights of about 170 cm: the curvature of the cost is about 2·170², so a
    // rate of 0.01 multiplies the error by about 600 at every step.
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: Fixtures.heights, y: Fixtures.weights.map { $0 + 10 })
    let optimizer = try GradientDescent<Double>(learningRate: 0.01)
    let message = expectRejection(leaving: line) {
      try $0.fit(x: Fixtures.heights, y: Fixtures.weights, using: optimizer)
    } matching: { (error: ModelError) in
      guard case .diverged(let iteration, let detail) = error else {
        Issue.record("expected .diverged, got \(error)")
        return
      }
      #expect(iteration >= 1 && iteration < 10)
      #expect(detail.contains("at iteration \(iteration)"))
      #expect(detail.contains("The learning rate 0.01 is probably too large"))
    }
    #expect(message.hasPrefix("training diverged, and the model was left as it was: "))
    #expect(message.hasSuffix("try a smaller one, such as 0.001."))

    expectRejection(leaving: line) {
      try $0.fit(
        x: Fixtures.heights, y: Fixtures.weights, using: optimizer, batching: .miniBatch(size: 5))
    } matching: { (error: ModelError) in
      guard case .diverged = error else {
        Issue.record("expected .diverged, got \(error)")
        return
      }
    }

    let fitted = try Fitted()
    let huge = try GradientDescent<Double>(learningRate: 1e3)
    expectRejection(leaving: fitted.regressionNetwork) {
      try $0.fit(x: Self.x, y: Self.y.map { [$0 * 100] }, using: huge)
    } matching: { (error: ModelError) in
      guard case .diverged = error else {
        Issue.record("expected .diverged, got \(error)")
        return
      }
    }
  }

  @Test func targetsSoLargeThatTheCostOverflows() throws {
    // (10²⁰⁰)² is infinite: the cost at the start of the run cannot be evaluated.
    let fitted = try Fitted()
    var copy = fitted.linear
    do {
      try copy.fit(x: Self.x, y: Self.y.map { $0 * 1e200 }, using: LBFGS())
      Issue.record("no error was thrown")
    } catch {
      #expect(copy == fitted.linear)
      #expect(!"\(error)".contains("`start`"), "\(error)")
      #expect(error is ModelError, "\(error)")
    }
  }

  // MARK: - Closed form

  @Test func leastSquaresNeedsMoreRowsThanFeatures() throws {
    let fitted = try Fitted()
    let expected = ModelError.invalidArgument(
      argument: "x", value: "2 rows of 2 features",
      requirement: "at least 3 rows, one more than the number of features")
    expectRejection(expected, leaving: fitted.linear) {
      try $0.fitLeastSquares(x: Array(Self.x.prefix(2)), y: Array(Self.y.prefix(2)))
    }
    // Three values of x for a cubic's four coefficients.
    var cubic = try PolynomialRegression<Double>(degree: 3)
    try cubic.fitLeastSquares(x: Self.t, y: Self.y)
    expectRejection(leaving: cubic) {
      try $0.fitLeastSquares(x: [0, 1, 2], y: [1, 2, 0])
    } matching: { (error: ModelError) in
      #expect(
        error
          == .invalidArgument(
            argument: "x", value: "3 rows of 3 features",
            requirement: "at least 4 rows, one more than the number of features"))
    }
  }

  @Test func leastSquaresRejectsCollinearFeatures() throws {
    let fitted = try Fitted()
    let collinear = Self.x.map { [$0[0], $0[1], $0[0] - 2 * $0[1]] }
    let message = expectRejection(leaving: fitted.linear) {
      try $0.fitLeastSquares(x: collinear, y: Self.y)
    } matching: { (error: ModelError) in
      guard case .invalidArgument(let argument, let value, _) = error else {
        Issue.record("expected .invalidArgument, got \(error)")
        return
      }
      #expect(argument == "x")
      #expect(value.contains("rank-deficient (feature 2"))
    }
    #expect(message.contains("remove the redundant column"))
    // Two distinct values of x cannot fix a parabola.
    expectRejection(leaving: fitted.polynomial) {
      try $0.fitLeastSquares(x: [1, 1, 2, 2, 1], y: [0, 1, 2, 3, 4])
    } matching: { (error: ModelError) in
      guard case .invalidArgument(argument: "x", _, _) = error else {
        Issue.record("expected .invalidArgument for x, got \(error)")
        return
      }
    }
  }

  // MARK: - Prediction

  @Test func predictingBeforeFittingIsNotFitted() throws {
    let linear = LinearRegression<Double>()
    let expected = ModelError.notFitted(advice: "call `fit` on the linear regression first.")
    #expect(throws: expected) { try linear.predict([1, 2]) }
    #expect(throws: expected) { try linear.predict(1) }
    #expect(throws: expected) { try linear.predict([[1, 2]]) }
    #expect(throws: expected) { try linear.meanSquaredError(x: [[1, 2]], y: [3]) }
    #expect(
      "\(expected)" == "the model cannot predict yet: call `fit` on the linear regression first.")
    let logistic = try LogisticRegression<Double>()
    let notFittedLogistic = ModelError.notFitted(
      advice: "call `fit` on the logistic regression first.")
    #expect(throws: notFittedLogistic) { try logistic.probability([1, 2]) }
    #expect(throws: notFittedLogistic) { try logistic.predict([1, 2]) }
    #expect(throws: notFittedLogistic) { try logistic.accuracy(x: [[1, 2]], labels: [1]) }
    let softmax = try SoftmaxRegression<Double>(classCount: 3)
    let notFittedSoftmax = ModelError.notFitted(
      advice: "call `fit` on the softmax regression first.")
    #expect(throws: notFittedSoftmax) { try softmax.probabilities([1, 2]) }
    #expect(throws: notFittedSoftmax) { try softmax.predict([1, 2]) }
    let polynomial = try PolynomialRegression<Double>(degree: 2)
    #expect(
      throws: ModelError.notFitted(advice: "call `fit` on the polynomial regression first.")
    ) { try polynomial.predict(1) }
    #expect(polynomial.coefficients.isEmpty)
  }

  @Test func aFailedFirstFitLeavesTheModelUnfitted() throws {
    let fresh = LinearRegression<Double>()
    expectRejection(ModelError.nonFinite(argument: "y", row: 0, column: nil), leaving: fresh) {
      try $0.fit(x: Self.x, y: [.nan] + Self.y.dropFirst(), using: LBFGS())
    }
    var model = fresh
    _ = try? model.fit(x: Self.x, y: [.nan] + Self.y.dropFirst(), using: LBFGS())
    #expect(model.featureCount == nil)
    #expect(throws: ModelError.self) { try model.predict([1, 2]) }
  }

  @Test func predictingWithAnotherNumberOfFeatures() throws {
    let fitted = try Fitted()
    let expected = ModelError.sizeMismatch(
      argument: "row", expected: 2, actual: 3,
      advice: "the linear regression was fitted with 2 features per row.")
    #expect(throws: expected) { try fitted.linear.predict([1, 2, 3]) }
    #expect(
      "\(expected)"
        == "`row` has 3 elements but must have 2; the linear regression was fitted with 2 "
        + "features per row.")
    #expect(
      throws: ModelError.sizeMismatch(
        argument: "row", expected: 2, actual: 1,
        advice: "the linear regression was fitted with 2 features per row.")
    ) { try fitted.linear.predict(1) }
    #expect(
      throws: ModelError.sizeMismatch(
        argument: "row", expected: 2, actual: 1,
        advice: "the logistic regression was fitted with 2 features per row.")
    ) { try fitted.logistic.probability([1]) }
    #expect(
      throws: ModelError.sizeMismatch(
        argument: "row", expected: 2, actual: 4,
        advice: "the softmax regression was fitted with 2 features per row.")
    ) { try fitted.softmax.predict([1, 2, 3, 4]) }
    #expect(
      throws: ModelError.sizeMismatch(
        argument: "input", expected: 2, actual: 3, advice: "the network has 2 inputs.")
    ) { try fitted.network.predict([1, 2, 3]) }
    #expect(throws: ModelError.self) { try fitted.network.probabilities([1]) }
  }

  // MARK: - Network parameters

  @Test func setParametersChecksCountAndValues() throws {
    let fitted = try Fitted()
    expectRejection(
      ModelError.nonFinite(argument: "parameters", row: 5, column: nil), leaving: fitted.network
    ) { network in
      var parameters = network.parameters
      parameters[5] = .nan
      try network.setParameters(parameters)
    }
    let message = expectRejection(leaving: fitted.network) {
      try $0.setParameters([1, 2, 3])
    } matching: { (error: ModelError) in
      guard case .sizeMismatch(let argument, let expected, let actual, _) = error else {
        Issue.record("expected .sizeMismatch, got \(error)")
        return
      }
      #expect(argument == "parameters")
      #expect(expected == 21 && actual == 3)  // (2 + 1)·3 + (3 + 1)·3
    }
    #expect(!message.contains("row of `x`"), "\(message)")
    #expect(message.contains("weight and bias"), "\(message)")
  }
}
