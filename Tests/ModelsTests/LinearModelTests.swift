import Models
import Optimization
import Testing

/// LinearRegression and PolynomialRegression against independent answers: scikit-learn's
/// published coefficients, the normal equations solved in the test, and exact data.
@Suite struct LinearModelTests {
  // MARK: - Diabetes: gradient descent against the closed form

  /// scikit-learn's `LinearRegression().fit(X, y)` on `load_diabetes()`, as printed (4 decimals)
  /// in its documentation and examples.
  static let publishedCoefficients = [
    -10.0099, -239.8156, 519.8459, 324.3846, -792.1756, 476.7390, 101.0433, 177.0632, 751.2737,
    67.6267,
  ]
  static let publishedIntercept = 152.1335

  /// Half a unit in the 4th decimal, the precision of the published values (plus rounding).
  static let publishedPrecision = 0.5e-4 + 1e-9

  @Test func normalEquationsReproduceScikitLearnOnDiabetes() throws {
    let diabetes = try Fixtures.diabetes()
    #expect(diabetes.count == 442 && diabetes.featureCount == 10)
    let reference = NormalEquations.solve(x: diabetes.features, y: diabetes.targets)
    for (actual, published) in zip(reference.coefficients, Self.publishedCoefficients) {
      #expect(abs(actual - published) <= Self.publishedPrecision, "\(actual) vs \(published)")
    }
    #expect(abs(reference.intercept - Self.publishedIntercept) <= Self.publishedPrecision)
  }

  @Test func leastSquaresMatchesTheNormalEquationsOnDiabetes() throws {
    let diabetes = try Fixtures.diabetes()
    let reference = NormalEquations.solve(x: diabetes.features, y: diabetes.targets)
    var model = LinearRegression<Double>()
    try model.fitLeastSquares(x: diabetes.features, y: diabetes.targets)
    #expect(largestRelativeError(model.coefficients, reference.coefficients) <= 1e-9)
    #expect(relativeError(model.intercept, reference.intercept) <= 1e-9)
    for (actual, published) in zip(model.coefficients, Self.publishedCoefficients) {
      #expect(abs(actual - published) <= Self.publishedPrecision)
    }
    // The training cost is the mean squared error at the solution.
    let cost = try #require(model.trainingCost)
    let mse = try model.meanSquaredError(x: diabetes.features, y: diabetes.targets)
    #expect(relativeError(cost, mse) <= 1e-12)
    #expect(abs(cost - 2859.69) <= 0.01)  // scikit-learn: mean_squared_error = 2859.69…
  }

  @Test func gradientDescentMatchesTheClosedFormOnDiabetes() throws {
    let diabetes = try Fixtures.diabetes()
    let reference = NormalEquations.solve(x: diabetes.features, y: diabetes.targets)
    var model = LinearRegression<Double>(standardizesFeatures: true)
    // On standardized features the Hessian of the mean squared error has eigenvalues from
    // λ = 0.0171 to L = 8.05 here. Polyak's heavy ball converges fastest with
    // α = 4/(√L + √λ)² ≈ 0.25 and μ ≈ (1 − √(αλ))² ≈ 0.87: about 410 iterations to a gradient of
    // 1e-9, where α = 0.1, μ = 0.9 needs about 970 (6 s in a debug build).
    let result = try model.fit(
      x: diabetes.features, y: diabetes.targets,
      using: GradientDescent(learningRate: 0.25, momentum: 0.88),
      options: MinimizationOptions(gradientTolerance: 1e-9, maximumIterations: 1000))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(largestRelativeError(model.coefficients, reference.coefficients) <= 1e-6)
    #expect(relativeError(model.intercept, reference.intercept) <= 1e-6)
    for (actual, published) in zip(model.coefficients, Self.publishedCoefficients) {
      #expect(abs(actual - published) <= Self.publishedPrecision)
    }
    #expect(model.trainingCost == result.value)
  }

  // MARK: - Full, mini-batch and stochastic updates reach the same line

  /// The least-squares line through ``Fixtures/heights`` and ``Fixtures/weights``.
  static func closedFormLine() throws -> LinearRegression<Double> {
    var line = LinearRegression<Double>()
    try line.fitLeastSquares(x: Fixtures.heights, y: Fixtures.weights)
    return line
  }

  @Test func closedFormLineMatchesTheNormalEquations() throws {
    let line = try Self.closedFormLine()
    let reference = NormalEquations.solve(x: Fixtures.heights.map { [$0] }, y: Fixtures.weights)
    let slope = try #require(line.slope)
    #expect(relativeError(slope, reference.coefficients[0]) <= 1e-9)
    #expect(relativeError(line.intercept, reference.intercept) <= 1e-9)
    #expect(abs(slope - 0.9) < 0.1)  // the noise moves the line, but not far
  }

  @Test func fullBatchReachesTheClosedForm() throws {
    let line = try Self.closedFormLine()
    var model = LinearRegression<Double>(standardizesFeatures: true)
    let result = try model.fit(
      x: Fixtures.heights, y: Fixtures.weights, using: GradientDescent(learningRate: 0.1),
      batching: .full, options: MinimizationOptions(gradientTolerance: 1e-10))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(relativeError(try #require(model.slope), try #require(line.slope)) <= 1e-9)
    #expect(relativeError(model.intercept, line.intercept) <= 1e-9)
  }

  /// Gradient descent whose rate decays from 0.1 by a factor of 0.999 at every update.
  ///
  /// A batch's gradient is not zero at the least-squares line, so a constant rate leaves the
  /// parameters jittering around it; a decaying rate lets them settle, as close as the rate is
  /// small by the time the decay outpaces the contraction.
  static func decaying() throws -> Scheduled<GradientDescent<Double>> {
    try GradientDescent(learningRate: 0.1).scheduled(.exponential(factor: 0.999))
  }

  /// 1600 epochs of 4 batches of 8 rows: the rate falls to 0.1·0.999⁶⁴⁰⁰ ≈ 2e-4. Measured
  /// relative errors: at most 3.2e-4 over the seeds below.
  @Test(arguments: [UInt64(1), 7, 42])
  func miniBatchesWithADecayingRateReachTheClosedForm(seed: UInt64) throws {
    let line = try Self.closedFormLine()
    var model = LinearRegression<Double>(standardizesFeatures: true)
    let result = try model.fit(
      x: Fixtures.heights, y: Fixtures.weights, using: Self.decaying(),
      batching: .miniBatch(size: 8), seed: seed,
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 1600))
    #expect(result.stopReason == .iterationLimit)
    #expect(relativeError(try #require(model.slope), try #require(line.slope)) <= 1e-3)
    #expect(relativeError(model.intercept, line.intercept) <= 1e-3)
  }

  /// 250 epochs of 30 single rows: the rate falls to 0.1·0.999⁷⁵⁰⁰ ≈ 6e-5. Measured relative
  /// errors: at most 1.7e-4 over the seeds below.
  @Test(arguments: [UInt64(1), 7, 42])
  func stochasticUpdatesWithADecayingRateReachTheClosedForm(seed: UInt64) throws {
    let line = try Self.closedFormLine()
    var model = LinearRegression<Double>(standardizesFeatures: true)
    let result = try model.fit(
      x: Fixtures.heights, y: Fixtures.weights, using: Self.decaying(), batching: .stochastic,
      seed: seed, options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 250))
    #expect(result.stopReason == .iterationLimit)
    #expect(relativeError(try #require(model.slope), try #require(line.slope)) <= 5e-4)
    #expect(relativeError(model.intercept, line.intercept) <= 5e-4)
  }

  @Test(arguments: [Batching.miniBatch(size: 8), .stochastic])
  func theSeedFixesTheShuffle(batching: Batching) throws {
    func fitted(seed: UInt64) throws -> (LinearRegression<Double>, [Double]) {
      var model = LinearRegression<Double>(standardizesFeatures: true)
      let result = try model.fit(
        x: Fixtures.heights, y: Fixtures.weights, using: GradientDescent(learningRate: 0.05),
        batching: batching, seed: seed,
        options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 5))
      return (model, result.minimizer)
    }
    let (first, firstMinimizer) = try fitted(seed: 7)
    let (again, againMinimizer) = try fitted(seed: 7)
    let (other, otherMinimizer) = try fitted(seed: 8)
    #expect(first == again)
    #expect(firstMinimizer == againMinimizer)
    #expect(first != other)
    #expect(firstMinimizer != otherMinimizer)
  }

  // MARK: - Polynomial regression

  /// y = 2 − x + 0.5x² − 0.25x³ at 21 points of [−2, 3], without noise.
  static let cubic: [Double] = [2, -1, 0.5, -0.25]
  static let cubicX: [Double] = (0...20).map { -2 + 0.25 * Double($0) }
  static var cubicY: [Double] {
    cubicX.map { x in
      let quadratic = cubic[0] + cubic[1] * x + cubic[2] * x * x
      return quadratic + cubic[3] * x * x * x
    }
  }

  @Test func polynomialRegressionRecoversACubicByLBFGS() throws {
    var model = try PolynomialRegression<Double>(degree: 3)
    let result = try model.fit(
      x: Self.cubicX, y: Self.cubicY, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-12))
    #expect(result.converged)
    #expect(largestRelativeError(model.coefficients, Self.cubic) <= 1e-8)
    #expect(try #require(model.trainingCost) <= 1e-20)
    #expect(abs(try model.predict(1.5) - 0.78125) <= 1e-8)  // 2 − 1.5 + 1.125 − 0.84375
  }

  @Test func polynomialRegressionRecoversACubicByLeastSquares() throws {
    var model = try PolynomialRegression<Double>(degree: 3)
    try model.fitLeastSquares(x: Self.cubicX, y: Self.cubicY)
    #expect(largestRelativeError(model.coefficients, Self.cubic) <= 1e-10)
    #expect(try model.predict([0, 1.5]) == [model.predict(0), model.predict(1.5)])
    #expect(abs(try model.predict(0) - 2) <= 1e-12)
  }

  @Test func polynomialOfDegreeOneIsTheLine() throws {
    let line = try Self.closedFormLine()
    var model = try PolynomialRegression<Double>(degree: 1)
    try model.fitLeastSquares(x: Fixtures.heights, y: Fixtures.weights)
    #expect(model.coefficients.count == 2)
    #expect(relativeError(model.coefficients[0], line.intercept) <= 1e-9)
    #expect(relativeError(model.coefficients[1], try #require(line.slope)) <= 1e-9)
  }

  // MARK: - Warm start

  @Test func fittingAgainStartsFromTheFittedLine() throws {
    var model = LinearRegression<Double>(standardizesFeatures: true)
    let first = try model.fit(
      x: Fixtures.heights, y: Fixtures.weights, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-11))
    #expect(first.converged)
    let fitted = model
    var start: [Double] = []
    let second = try model.fit(x: Fixtures.heights, y: Fixtures.weights, using: LBFGS()) {
      report in
      if report.iteration == 0 { start = report.parameters }
      return .continue
    }
    #expect(second.iterations == 0)
    #expect(second.stopReason == .gradientNormBelowTolerance)
    #expect(largestRelativeError(start, first.minimizer) <= 1e-12)
    #expect(relativeError(second.value, first.value) <= 1e-12)
    #expect(largestRelativeError(model.coefficients, fitted.coefficients) <= 1e-12)
  }

  @Test func anotherNumberOfFeaturesStartsFromZero() throws {
    var model = LinearRegression<Double>()
    try model.fitLeastSquares(x: Fixtures.heights, y: Fixtures.weights)
    var start: [Double] = []
    let rows = Fixtures.heights.map { [$0, $0 * $0 / 100] }
    try model.fit(
      x: rows, y: Fixtures.weights, using: LBFGS(),
      options: MinimizationOptions(maximumIterations: 0)
    ) { report in
      start = report.parameters
      return .continue
    }
    #expect(start == [0, 0, 0])
    #expect(model.featureCount == 2)
    #expect(model.slope == nil)
  }

  @Test func polynomialFittingAgainStartsFromTheFittedCurve() throws {
    var model = try PolynomialRegression<Double>(degree: 3)
    try model.fit(
      x: Self.cubicX, y: Self.cubicY, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-12))
    let second = try model.fit(x: Self.cubicX, y: Self.cubicY, using: LBFGS())
    #expect(second.iterations == 0)
    #expect(second.stopReason == .gradientNormBelowTolerance)
  }

  // MARK: - One feature

  @Test func oneFeatureArraysAreRowsOfOneFeature() throws {
    var fromValues = LinearRegression<Double>(standardizesFeatures: true)
    var fromRows = LinearRegression<Double>(standardizesFeatures: true)
    let options = MinimizationOptions<Double>(maximumIterations: 20)
    try fromValues.fit(
      x: Fixtures.heights, y: Fixtures.weights, using: GradientDescent(learningRate: 0.1),
      options: options)
    try fromRows.fit(
      x: Fixtures.heights.map { [$0] }, y: Fixtures.weights,
      using: GradientDescent(learningRate: 0.1), options: options)
    #expect(fromValues == fromRows)
    #expect(try fromValues.predict(174) == fromValues.predict([174]))
    let slope = try #require(fromValues.slope)
    #expect(try fromValues.predict(174) == fromValues.intercept + slope * 174)
  }

  // MARK: - Float

  @Test func fitsTheLineInFloat() throws {
    let line = try Self.closedFormLine()
    let heights = Fixtures.heights.map { Float($0) }
    let weights = Fixtures.weights.map { Float($0) }
    var exact = LinearRegression<Float>()
    try exact.fitLeastSquares(x: heights, y: weights)
    #expect(relativeError(Double(try #require(exact.slope)), try #require(line.slope)) <= 1e-5)
    #expect(relativeError(Double(exact.intercept), line.intercept) <= 1e-5)
    // A gradient of 1e-8 is out of reach in Float; L-BFGS stops where no step lowers the cost.
    var model = LinearRegression<Float>(standardizesFeatures: true)
    try model.fit(
      x: heights, y: weights, using: LBFGS(), options: MinimizationOptions(gradientTolerance: 1e-4))
    #expect(relativeError(Double(try #require(model.slope)), try #require(line.slope)) <= 1e-4)
    #expect(relativeError(Double(model.intercept), line.intercept) <= 1e-4)
  }
}
