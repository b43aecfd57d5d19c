import AutoDiff
import Optimization

/// Binary logistic regression: P(y = 1 | x) = σ(w·x + b), with σ(z) = 1 / (1 + e⁻ᶻ), fitted by
/// minimizing the mean log-loss with an optional L2 penalty.
///
/// The cost over n rows with labels yᵢ ∈ {0, 1} and scores zᵢ = w·xᵢ + b is
///
/// ```
/// J(w, b) = (1/n) Σᵢ [ log(1 + e^{zᵢ}) − yᵢ·zᵢ ]  +  (λ/2)·‖w‖²
/// ```
///
/// where the bracket is the log-loss −yᵢ log σ(zᵢ) − (1 − yᵢ) log(1 − σ(zᵢ)), computed with
/// `softplus` so that it stays finite for any score. The intercept is not penalized. This is
/// scikit-learn's objective `0.5·‖w‖² + C·Σ log-loss` divided by n·C, with λ = 1/(n·C).
///
/// ```swift
/// var model = try LogisticRegression<Double>(l2Penalty: 0.01, standardizesFeatures: true)
/// try model.fit(x: training.features, labels: training.labels(), using: LBFGS())
/// print(try model.accuracy(x: test.features, labels: test.labels()))
/// ```
///
/// With ``standardizesFeatures`` the model trains (and is penalized) on standardized features,
/// as a scikit-learn pipeline of `StandardScaler` and `LogisticRegression` is, and reports
/// ``weights`` and ``intercept`` in the original units.
///
/// A model is `Codable`, fitted or not; a decoded model equals the saved one and predicts the
/// same probabilities, bit for bit:
///
/// ```swift
/// let data = try JSONEncoder().encode(model)
/// let restored = try JSONDecoder().decode(LogisticRegression<Double>.self, from: data)
/// ```
public struct LogisticRegression<T: BinaryFloatingPoint & RealScalar & Sendable>: Equatable,
  Sendable
{
  /// λ ≥ 0, the weight of the L2 penalty (λ/2)·‖w‖².
  public let l2Penalty: T
  /// Whether `fit` standardizes the features before training.
  public var standardizesFeatures: Bool
  /// w, one weight per feature, in the units of the data; empty before the first fit.
  public internal(set) var weights: [T] = []
  /// b, the intercept.
  public internal(set) var intercept: T = 0
  /// J at the fitted parameters, on the training data.
  public internal(set) var trainingCost: T? = nil

  /// An unfitted model.
  ///
  /// - Parameters:
  ///   - l2Penalty: λ ≥ 0. Default 0.
  ///   - standardizesFeatures: Train on standardized features. Default `false`.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when λ is negative
  ///   or not finite.
  public init(l2Penalty: T = 0, standardizesFeatures: Bool = false) throws {
    guard l2Penalty >= 0, l2Penalty.isFinite else {
      throw ModelError.invalidArgument(
        argument: "l2Penalty", value: "\(Double(l2Penalty))",
        requirement: "zero or positive and finite, such as 0.01")
    }
    self.l2Penalty = l2Penalty
    self.standardizesFeatures = standardizesFeatures
  }

  /// The number of features the model was fitted with; `nil` before the first fit.
  public var featureCount: Int? { weights.isEmpty ? nil : weights.count }

  // MARK: Prediction

  /// P(y = 1 | x) = σ(w·x + b) for one row.
  ///
  /// - Throws: ``ModelError`` before the first fit or for a row of another size.
  @inlinable
  public func probability(_ row: [T]) throws -> T {
    try Validate.features(row.count, expected: featureCount, model: "logistic regression")
    var z = intercept
    for j in row.indices { z += weights[j] * row[j] }
    return sigmoid(z)
  }

  /// P(y = 1 | x) for every row.
  @inlinable
  public func probabilities(_ rows: [[T]]) throws -> [T] { try rows.map { try probability($0) } }

  /// The predicted class: 1 when P(y = 1 | x) ≥ ½, else 0.
  @inlinable
  public func predict(_ row: [T]) throws -> Int { try probability(row) >= 0.5 ? 1 : 0 }

  /// The predicted class of every row.
  @inlinable
  public func predict(_ rows: [[T]]) throws -> [Int] { try rows.map { try predict($0) } }

  /// The fraction of rows whose predicted class equals the label.
  ///
  /// - Throws: ``ModelError`` for empty data, mismatched sizes, or labels other than 0 and 1.
  public func accuracy(x: [[T]], labels: [Int]) throws -> Double {
    try classificationAccuracy(x: x, labels: labels, classCount: 2) {
      try predict($0)
    }
  }

  // MARK: Fitting

  /// Fits w and b by minimizing J with `method`, on every row at every step.
  ///
  /// - Parameters:
  ///   - x: n rows of p features; not empty, rectangular, finite.
  ///   - labels: n labels, each 0 or 1.
  ///   - method: Any optimizer, or `LBFGS`.
  ///   - options: Stopping criteria, history and trace.
  ///   - progress: Called at every iteration.
  /// - Returns: The run's result; its `minimizer` is (w̃…, b̃) in the units the model trains in.
  /// - Throws: ``ModelError`` for bad data, a label other than 0 or 1, or a diverging run;
  ///   the model is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [[T]], labels: [Int], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, start) = try prepare(x: x, labels: labels)
    return try fit(
      design, from: start, cost: Self.cost(design, labels, l2Penalty),
      using: method, options: options,
      progress: progress)
  }

  /// Fits w and b with full-batch, mini-batch or stochastic updates; see ``Batching``.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [[T]], labels: [Int], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, start) = try prepare(x: x, labels: labels)
    return try fit(
      design, from: start, cost: Self.cost(design, labels, l2Penalty),
      using: optimizer, batching: batching, seed: seed, options: options, progress: progress)
  }

  // MARK: Internals

  @inlinable
  func prepare(x: [[T]], labels: [Int]) throws -> (DesignMatrix<T>, [T]) {
    let design = try DesignMatrix(rows: x, argument: "x", standardize: standardizesFeatures)
    try Validate.sameCount(rows: design.rowCount, labels.count, argument: "labels")
    try Validate.labels(labels, classCount: 2)
    var start = [T](repeating: 0, count: design.width + 1)
    if weights.count == design.width {
      start = design.trainingBlock(weights, bias: intercept)
    }
    return (design, start)
  }

  /// J_B(w̃, b̃) = (1/|B|) Σ_{i∈B} [log(1 + e^{zᵢ}) − yᵢ zᵢ] + (λ/2)‖w̃‖², zᵢ = w̃·x̃ᵢ + b̃.
  ///
  /// log(1 + e^z) − y z is softplus(−z) for y = 1 and softplus(z) for y = 0, that is
  /// softplus(sᵢ zᵢ) with sᵢ = 1 − 2yᵢ. Over a batch of more than a few rows it is written with
  /// array operations on the rows multiplied by their signs (sᵢ x̃ᵢ, exact): the mean of
  /// softplus((S X̃_B) w̃ + b̃ s_B); over a few rows, with scalar variables.
  @inlinable
  static func cost(_ design: DesignMatrix<T>, _ labels: [Int], _ lambda: T) -> BatchCost<T> {
    let width = design.width
    let signs = labels.map { T($0 == 1 ? -1 : 1) }
    var signedValues = design.values
    for i in 0..<design.rowCount where labels[i] == 1 {
      for j in 0..<width { signedValues[i * width + j] = -signedValues[i * width + j] }
    }
    let signedFeatures = BatchArrays(
      values: signedValues, rowCount: design.rowCount, columns: width)
    let signArrays = BatchArrays(values: signs, rowCount: signs.count, columns: 1)
    return { p, rows in
      guard BatchArrays<T>.usesArrays(rows: rows.count, operationsPerRow: 2 * width + 4) else {
        return scalarCost(design, labels, lambda, p, rows)
      }
      let s = signArrays.vector(rows)
      let loss: Variable<T>
      if width == 1 {
        let w = VariableVector(p[0])
        let b = VariableVector(p[1])
        loss = mean(softplus(w * signedFeatures.vector(rows) + b * s))
      } else {
        let parameters = VariableVector(p)
        let z = matmul(signedFeatures.matrix(rows), parameters[0..<width])
        loss = mean(softplus(z + parameters[width...] * s))
      }
      return loss + penalty(lambda, p, width)
    }
  }

  /// (λ/2)‖w̃‖², the penalty on the weights (not on the intercept).
  @inlinable
  static func penalty(_ lambda: T, _ p: [Variable<T>], _ width: Int) -> Variable<T> {
    guard lambda > 0 else { return 0 }
    var squares: Variable<T> = 0
    for j in 0..<width { squares += p[j] * p[j] }
    return Variable(lambda / 2) * squares
  }

  /// J_B written with scalar variables, row by row: the faster form for a few rows.
  @inlinable
  static func scalarCost(
    _ design: DesignMatrix<T>, _ labels: [Int], _ lambda: T, _ p: [Variable<T>],
    _ rows: ArraySlice<Int>
  ) -> Variable<T> {
    var total: Variable<T> = 0
    for i in rows {
      let z = design.affine(p, offset: 0, bias: p[design.width], row: i)
      // log(1 + e^z) − y·z: softplus(−z) when y = 1, softplus(z) when y = 0.
      total += labels[i] == 1 ? softplus(-z) : softplus(z)
    }
    return total / Variable(T(rows.count)) + penalty(lambda, p, design.width)
  }

  @usableFromInline
  mutating func adopt(_ result: MinimizationResult<T>, _ design: DesignMatrix<T>) {
    let line = design.line(in: result.minimizer)
    weights = line.weights
    intercept = line.bias
    trainingCost = result.value
  }
}

extension LogisticRegression: FittedModel {}
