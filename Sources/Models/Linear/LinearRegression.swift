import AutoDiff
import Optimization

/// Linear regression, ŷ = w·x + b, fitted by minimizing the mean squared error with any
/// optimizer — or in closed form by least squares.
///
/// The cost is the mean squared error over the n training rows,
///
/// ```
/// J(w, b) = (1/n) Σᵢ (w·xᵢ + b − yᵢ)²
/// ```
///
/// written with the AutoDiff layer; its gradient comes from reverse mode, never from a
/// hand-derived formula. With one feature, w is the ``slope`` of the line y = m·x + b:
///
/// ```swift
/// var model = LinearRegression<Double>(standardizesFeatures: true)
/// try model.fit(x: heights, y: weights, using: GradientDescent(learningRate: 0.1))
/// print(model.slope!, model.intercept)        // weight = m · height + b
/// print(try model.predict(174))                // a new student
/// ```
///
/// With ``standardizesFeatures`` the model trains on standardized features (see
/// ``Standardizer``), where gradient descent converges in far fewer steps, and reports
/// ``coefficients`` and ``intercept`` in the original units. Mini-batch and stochastic training
/// take a ``Batching``:
///
/// ```swift
/// try model.fit(x: rows, y: targets, using: Adam(learningRate: 0.01),
///               batching: .miniBatch(size: 32), seed: 7)
/// ```
///
/// Fitting again starts from the current coefficients (a warm start) when the number of
/// features is the same, and from zero otherwise. A call that throws leaves the model unchanged.
///
/// A model is `Codable`, fitted or not; a decoded model equals the saved one and predicts the
/// same numbers, bit for bit:
///
/// ```swift
/// let data = try JSONEncoder().encode(model)
/// let restored = try JSONDecoder().decode(LinearRegression<Double>.self, from: data)
/// ```
public struct LinearRegression<T: BinaryFloatingPoint & RealScalar & Sendable>: Equatable,
  Sendable
{
  /// Whether `fit` standardizes the features before training (the coefficients are reported in
  /// the original units either way).
  public var standardizesFeatures: Bool
  /// w, one coefficient per feature, in the units of the data; empty before the first fit.
  public internal(set) var coefficients: [T] = []
  /// b, the intercept, in the units of the data.
  public internal(set) var intercept: T = 0
  /// J at the fitted coefficients: the mean squared error on the training data.
  public internal(set) var trainingCost: T? = nil

  /// An unfitted model.
  ///
  /// - Parameter standardizesFeatures: Train on standardized features. Default `false`.
  public init(standardizesFeatures: Bool = false) {
    self.standardizesFeatures = standardizesFeatures
  }

  /// The number of features the model was fitted with; `nil` before the first fit.
  public var featureCount: Int? { coefficients.isEmpty ? nil : coefficients.count }

  /// m, the slope of the line when the model was fitted with one feature; `nil` otherwise.
  public var slope: T? { coefficients.count == 1 ? coefficients[0] : nil }

  // MARK: Prediction

  /// ŷ = w·x + b for one row of features.
  ///
  /// - Throws: ``ModelError/notFitted(advice:)`` before the first fit,
  ///   ``ModelError/sizeMismatch(argument:expected:actual:advice:)`` when `row` has another
  ///   number of features.
  @inlinable
  public func predict(_ row: [T]) throws -> T {
    try Validate.features(row.count, expected: featureCount, model: "linear regression")
    var total = intercept
    for j in row.indices { total += coefficients[j] * row[j] }
    return total
  }

  /// ŷ = m·x + b for a model fitted with one feature.
  @inlinable
  public func predict(_ x: T) throws -> T { try predict([x]) }

  /// ŷ for every row.
  @inlinable
  public func predict(_ rows: [[T]]) throws -> [T] { try rows.map { try predict($0) } }

  /// The mean squared error (1/n) Σ (ŷᵢ − yᵢ)² of the model on `x` and `y`.
  ///
  /// - Throws: ``ModelError`` for empty, ragged or non-finite data, or mismatched sizes.
  public func meanSquaredError(x: [[T]], y: [T]) throws -> T {
    _ = try Validate.matrix(x, argument: "x")
    try Validate.vector(y, argument: "y")
    try Validate.sameCount(rows: x.count, y.count, argument: "y")
    var total: T = 0
    for (row, target) in zip(x, y) {
      let r = try predict(row) - target
      total += r * r
    }
    return total / T(x.count)
  }

  // MARK: Fitting by minimization

  /// Fits w and b to rows of features by minimizing J with `method`, on every row at every step.
  ///
  /// - Parameters:
  ///   - x: n rows of p features; not empty, rectangular, finite.
  ///   - y: n targets, finite.
  ///   - method: Any optimizer, or `LBFGS`.
  ///   - options: Stopping criteria, history and trace; see `MinimizationOptions`.
  ///   - progress: Called at every iteration; return `ProgressAction.stop` to end the run.
  /// - Returns: The run's result. Its `minimizer` is (w̃…, b̃) in the units the model trains in
  ///   (standardized when ``standardizesFeatures``); ``coefficients`` and ``intercept`` hold the
  ///   same line in the original units.
  /// - Throws: ``ModelError`` for bad data or when the run diverges (try a smaller learning
  ///   rate); `OptimizationError` for invalid options. The model is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [[T]], y: [T], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, targets, start) = try prepare(x: x, y: y)
    return try fit(
      design, from: start, cost: Self.cost(design, targets), using: method,
      options: options,
      progress: progress)
  }

  /// Fits w and b with full-batch, mini-batch or stochastic updates of a first-order optimizer.
  ///
  /// In the batched modes one iteration of `options` is one epoch; see ``Batching``.
  ///
  /// - Parameters:
  ///   - x: n rows of p features; not empty, rectangular, finite.
  ///   - y: n targets, finite.
  ///   - optimizer: A first-order optimizer (L-BFGS needs the same cost at every step, so it
  ///     trains on full batches only).
  ///   - batching: ``Batching/full``, ``Batching/miniBatch(size:)`` or ``Batching/stochastic``.
  ///   - seed: Seeds the shuffle of the rows at every epoch. Default 0.
  ///   - options: Stopping criteria (an iteration is an epoch), history and trace.
  ///   - progress: Called after every epoch; return `.stop` to end the run.
  /// - Returns: The run's result, as for full-batch training.
  /// - Throws: ``ModelError`` for bad data, a batch size below 1, or a diverging run;
  ///   `OptimizationError` for invalid options. The model is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [[T]], y: [T], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, targets, start) = try prepare(x: x, y: y)
    return try fit(
      design, from: start, cost: Self.cost(design, targets),
      using: optimizer, batching: batching, seed: seed, options: options, progress: progress)
  }

  /// Fits the line y = m·x + b to one feature, `x` holding one value per row; otherwise as the
  /// form that takes rows of features.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [T], y: [T], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    try Validate.vector(x, argument: "x")
    return try fit(
      x: x.map { [$0] }, y: y, using: method, options: options, progress: progress)
  }

  /// Fits the line y = m·x + b to one feature in batches, `x` holding one value per row;
  /// otherwise as the form that takes rows of features.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [T], y: [T], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    try Validate.vector(x, argument: "x")
    return try fit(
      x: x.map { [$0] }, y: y, using: optimizer, batching: batching, seed: seed,
      options: options, progress: progress)
  }

  // MARK: Closed form

  /// Fits w and b exactly, by least squares: the minimizer of J, computed with a Householder QR
  /// factorization of the centred features (no normal equations, so no squared condition number).
  ///
  /// - Throws: ``ModelError`` for bad data, or
  ///   ``ModelError/invalidArgument(argument:value:requirement:)`` when the features are
  ///   collinear (or there are fewer rows than features plus one), so that no unique solution
  ///   exists. The model is then unchanged.
  public mutating func fitLeastSquares(x: [[T]], y: [T]) throws {
    let width = try Validate.matrix(x, argument: "x")
    try Validate.vector(y, argument: "y")
    try Validate.sameCount(rows: x.count, y.count, argument: "y")
    let solution = try LeastSquares.solve(x, y, width: width)
    var fitted = self
    fitted.coefficients = solution.coefficients
    fitted.intercept = solution.intercept
    let cost = try fitted.meanSquaredError(x: x, y: y)
    guard cost.isFinite, fitted.intercept.isFinite, fitted.coefficients.allSatisfy(\.isFinite)
    else { throw LeastSquares.overflow }
    fitted.trainingCost = cost
    self = fitted
  }

  /// Fits the line y = m·x + b exactly, `x` holding one value per row.
  public mutating func fitLeastSquares(x: [T], y: [T]) throws {
    try Validate.vector(x, argument: "x")
    try fitLeastSquares(x: x.map { [$0] }, y: y)
  }

  // MARK: Internals

  /// Validated data and the warm start, in the units the model trains in.
  @inlinable
  func prepare(x: [[T]], y: [T]) throws -> (DesignMatrix<T>, [T], [T]) {
    let design = try DesignMatrix(rows: x, argument: "x", standardize: standardizesFeatures)
    try Validate.vector(y, argument: "y")
    try Validate.sameCount(rows: design.rowCount, y.count, argument: "y")
    var start = [T](repeating: 0, count: design.width + 1)
    if coefficients.count == design.width {
      start = design.trainingBlock(coefficients, bias: intercept)
    }
    return (design, y, start)
  }

  /// J_B(w̃, b̃) = (1/|B|) Σ_{i∈B} (w̃·x̃ᵢ + b̃ − yᵢ)², over the parameter vector (w̃…, b̃).
  ///
  /// Over a batch of more than a few rows, written with array operations: X̃_B w̃ + b̃ − y_B is
  /// one matrix-vector product (for one feature, m·x + b − y, which AutoDiff sums and
  /// differentiates in one pass over the data); over a few rows, with scalar variables.
  @inlinable
  static func cost(_ design: DesignMatrix<T>, _ y: [T]) -> BatchCost<T> {
    let features = BatchArrays(design)
    let targets = BatchArrays(values: y, rowCount: y.count, columns: 1)
    let width = design.width
    return { p, rows in
      guard BatchArrays<T>.usesArrays(rows: rows.count, operationsPerRow: 2 * width + 3) else {
        return scalarCost(design, y, p, rows)
      }
      let target = targets.vector(rows)
      if width == 1 {
        let m = VariableVector(p[0])
        let b = VariableVector(p[1])
        return mean(pow(m * features.vector(rows) + b - target, 2))
      }
      let parameters = VariableVector(p)
      let prediction = matmul(features.matrix(rows), parameters[0..<width]) + parameters[width...]
      return mean(pow(prediction - target, 2))
    }
  }

  /// J_B written with scalar variables, row by row: the faster form for a few rows.
  @inlinable
  static func scalarCost(
    _ design: DesignMatrix<T>, _ y: [T], _ p: [Variable<T>], _ rows: ArraySlice<Int>
  ) -> Variable<T> {
    var total: Variable<T> = 0
    for i in rows {
      let residual = design.affine(p, offset: 0, bias: p[design.width], row: i) - Variable(y[i])
      total += residual * residual
    }
    return total / Variable(T(rows.count))
  }

  @usableFromInline
  mutating func adopt(_ result: MinimizationResult<T>, _ design: DesignMatrix<T>) {
    let line = design.line(in: result.minimizer)
    coefficients = line.weights
    intercept = line.bias
    trainingCost = result.value
  }
}

extension LinearRegression: FittedModel {}
