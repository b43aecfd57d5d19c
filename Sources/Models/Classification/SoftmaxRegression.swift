import AutoDiff
import Optimization

/// Multi-class (softmax) logistic regression: P(y = c | x) = softmax(z)_c with scores
/// z_c = w_c·x + b_c, fitted by minimizing the mean cross-entropy with an optional L2 penalty.
///
/// For n rows with labels yᵢ ∈ {0, …, K − 1}:
///
/// ```
/// J(W, b) = (1/n) Σᵢ [ log Σ_c e^{z_{i,c}} − z_{i,yᵢ} ]  +  (λ/2)·‖W‖²_F
/// ```
///
/// The log-sum-exp is evaluated as m + log Σ_c e^{z_c − m} with m = max_c z_c, which stays finite
/// for any scores and has the same derivatives (m enters as a constant; the shift cancels).
/// The intercepts are not penalized.
///
/// ```swift
/// var model = try SoftmaxRegression<Double>(classCount: 3, standardizesFeatures: true)
/// try model.fit(x: training.features, labels: training.labels(), using: LBFGS())
/// print(try model.probabilities(test.features[0]))   // three probabilities summing to 1
/// print(try model.accuracy(x: test.features, labels: test.labels()))
/// ```
///
/// Without a penalty the parameters are determined only up to a common shift of every class,
/// and on separable classes the scores grow without bound; use λ > 0 (or stop early) there.
///
/// A model is `Codable`, fitted or not; a decoded model equals the saved one and predicts the
/// same probabilities, bit for bit:
///
/// ```swift
/// let data = try JSONEncoder().encode(model)
/// let restored = try JSONDecoder().decode(SoftmaxRegression<Double>.self, from: data)
/// ```
public struct SoftmaxRegression<T: BinaryFloatingPoint & RealScalar & Sendable>: Equatable,
  Sendable
{
  /// K ≥ 2, the number of classes; labels are 0..<K.
  public let classCount: Int
  /// λ ≥ 0, the weight of the L2 penalty on the weights.
  public let l2Penalty: T
  /// Whether `fit` standardizes the features before training.
  public var standardizesFeatures: Bool
  /// W: for each class, one weight per feature, in the units of the data; empty before the
  /// first fit.
  public internal(set) var weights: [[T]] = []
  /// b: one intercept per class.
  public internal(set) var intercepts: [T] = []
  /// J at the fitted parameters, on the training data.
  public internal(set) var trainingCost: T? = nil

  /// An unfitted model.
  ///
  /// - Parameters:
  ///   - classCount: K, from 2 to 2²⁰.
  ///   - l2Penalty: λ ≥ 0. Default 0.
  ///   - standardizesFeatures: Train on standardized features. Default `false`.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for K < 2 or a
  ///   negative or non-finite λ.
  public init(classCount: Int, l2Penalty: T = 0, standardizesFeatures: Bool = false) throws {
    guard classCount >= 2, classCount <= 1 << 20 else {
      throw ModelError.invalidArgument(
        argument: "classCount", value: "\(classCount)",
        requirement:
          "from 2 to 1048576 (for two classes, LogisticRegression is the same model)")
    }
    guard l2Penalty >= 0, l2Penalty.isFinite else {
      throw ModelError.invalidArgument(
        argument: "l2Penalty", value: "\(Double(l2Penalty))",
        requirement: "zero or positive and finite, such as 0.01")
    }
    self.classCount = classCount
    self.l2Penalty = l2Penalty
    self.standardizesFeatures = standardizesFeatures
  }

  /// The number of features the model was fitted with; `nil` before the first fit.
  public var featureCount: Int? { weights.first?.count }

  // MARK: Prediction

  /// P(y = c | x) for c = 0..<K: softmax of the scores, summing to 1.
  ///
  /// - Throws: ``ModelError`` before the first fit or for a row of another size.
  @inlinable
  public func probabilities(_ row: [T]) throws -> [T] {
    try Validate.features(row.count, expected: featureCount, model: "softmax regression")
    var scores = intercepts
    for c in 0..<classCount {
      for j in row.indices { scores[c] += weights[c][j] * row[j] }
    }
    return Softmax.probabilities(scores)
  }

  /// The most probable class.
  @inlinable
  public func predict(_ row: [T]) throws -> Int {
    Softmax.argmax(try probabilities(row))
  }

  /// The most probable class of every row.
  @inlinable
  public func predict(_ rows: [[T]]) throws -> [Int] { try rows.map { try predict($0) } }

  /// The fraction of rows whose predicted class equals the label.
  ///
  /// - Throws: ``ModelError`` for empty data, mismatched sizes, or labels outside 0..<K.
  public func accuracy(x: [[T]], labels: [Int]) throws -> Double {
    try classificationAccuracy(x: x, labels: labels, classCount: classCount) {
      try predict($0)
    }
  }

  // MARK: Fitting

  /// Fits W and b by minimizing J with `method`, on every row at every step.
  ///
  /// - Parameters:
  ///   - x: n rows of p features; not empty, rectangular, finite.
  ///   - labels: n labels in 0..<K.
  ///   - method: Any optimizer, or `LBFGS`.
  ///   - options: Stopping criteria, history and trace.
  ///   - progress: Called at every iteration.
  /// - Returns: The run's result; its `minimizer` holds, class after class, (w̃_c…, b̃_c) in the
  ///   units the model trains in.
  /// - Throws: ``ModelError`` for bad data, a label outside 0..<K, or a diverging run; the
  ///   model is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [[T]], labels: [Int], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, start) = try prepare(x: x, labels: labels)
    return try fit(
      design, from: start,
      cost: Self.cost(design, labels, classCount: classCount, lambda: l2Penalty), using: method,
      options: options,
      progress: progress)
  }

  /// Fits W and b with full-batch, mini-batch or stochastic updates; see ``Batching``.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [[T]], labels: [Int], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, start) = try prepare(x: x, labels: labels)
    return try fit(
      design, from: start,
      cost: Self.cost(design, labels, classCount: classCount, lambda: l2Penalty),
      using: optimizer, batching: batching, seed: seed, options: options, progress: progress)
  }

  // MARK: Internals

  @inlinable
  func prepare(x: [[T]], labels: [Int]) throws -> (DesignMatrix<T>, [T]) {
    let design = try DesignMatrix(rows: x, argument: "x", standardize: standardizesFeatures)
    try Validate.sameCount(rows: design.rowCount, labels.count, argument: "labels")
    try Validate.labels(labels, classCount: classCount)
    let stride = design.width + 1
    var start = [T](repeating: 0, count: classCount * stride)
    if featureCount == design.width {
      for c in 0..<classCount {
        start.replaceSubrange(
          c * stride..<(c + 1) * stride, with: design.trainingBlock(weights[c], bias: intercepts[c])
        )
      }
    }
    return (design, start)
  }

  /// J_B over the parameters laid out class after class as (w̃_c…, b̃_c).
  ///
  /// Over a batch of more than a few rows, written with array operations: the parameters are
  /// the K × (p + 1) matrix P of the classes' (w̃_c, b̃_c), the scores of every row are
  /// [X̃_B 1] Pᵀ in one matrix product, and the loss is `crossEntropy(logits:labels:)`; over a
  /// few rows, with scalar variables.
  @inlinable
  static func cost(_ design: DesignMatrix<T>, _ labels: [Int], classCount: Int, lambda: T)
    -> BatchCost<T>
  {
    let features = BatchArrays(design, appendingOnes: true)
    let stride = design.width + 1
    return { p, rows in
      guard
        BatchArrays<T>.usesArrays(rows: rows.count, operationsPerRow: classCount * 2 * stride)
      else {
        return scalarCost(design, labels, classCount: classCount, lambda: lambda, p, rows)
      }
      let parameters = VariableVector(p).reshaped(rows: classCount, columns: stride)
      let scores = matmul(features.matrix(rows), parameters.transposed())
      let batchLabels = features.coversAll(rows) ? labels : rows.map { labels[$0] }
      return crossEntropy(logits: scores, labels: batchLabels)
        + penalty(lambda, p, classCount: classCount, width: design.width)
    }
  }

  /// (λ/2)‖W̃‖²_F, the penalty on the weights (not on the intercepts).
  @inlinable
  static func penalty(_ lambda: T, _ p: [Variable<T>], classCount: Int, width: Int)
    -> Variable<T>
  {
    guard lambda > 0 else { return 0 }
    var squares: Variable<T> = 0
    for c in 0..<classCount {
      for j in 0..<width { squares += p[c * (width + 1) + j] * p[c * (width + 1) + j] }
    }
    return Variable(lambda / 2) * squares
  }

  /// J_B written with scalar variables, row by row: the faster form for a few rows.
  @inlinable
  static func scalarCost(
    _ design: DesignMatrix<T>, _ labels: [Int], classCount: Int, lambda: T, _ p: [Variable<T>],
    _ rows: ArraySlice<Int>
  ) -> Variable<T> {
    let stride = design.width + 1
    var scores = [Variable<T>](repeating: 0, count: classCount)
    var total: Variable<T> = 0
    for i in rows {
      for c in 0..<classCount {
        scores[c] = design.affine(
          p, offset: c * stride, bias: p[c * stride + design.width], row: i)
      }
      total += Softmax.logSumExp(scores) - scores[labels[i]]
    }
    return total / Variable(T(rows.count))
      + penalty(lambda, p, classCount: classCount, width: design.width)
  }

  @usableFromInline
  mutating func adopt(_ result: MinimizationResult<T>, _ design: DesignMatrix<T>) {
    let stride = design.width + 1
    var weights: [[T]] = []
    var intercepts: [T] = []
    for c in 0..<classCount {
      let line = design.line(in: result.minimizer, at: c * stride)
      weights.append(line.weights)
      intercepts.append(line.bias)
    }
    self.weights = weights
    self.intercepts = intercepts
    trainingCost = result.value
  }
}

/// The softmax pieces shared by ``SoftmaxRegression`` and ``MultilayerPerceptron``.
@usableFromInline
enum Softmax {
  /// log Σ_c e^{z_c}, as m + log Σ_c e^{z_c − m} with m = max_c z_c taken as a constant.
  @inlinable
  static func logSumExp<S: RealScalar>(_ z: [S]) -> S {
    var largest = z[0].doubleValue
    for score in z.dropFirst() { largest = Swift.max(largest, score.doubleValue) }
    guard largest.isFinite else { return S(largest) }
    let m = S(largest)
    var total: S = 0
    for score in z { total += exp(score - m) }
    return m + log(total)
  }

  /// e^{z_c − m} / Σ e^{z_k − m}.
  @inlinable
  static func probabilities<T: BinaryFloatingPoint & RealScalar>(_ z: [T]) -> [T] {
    let m = z.max() ?? 0
    let e = z.map { exp($0 - m) }
    let total = e.reduce(0, +)
    return e.map { $0 / total }
  }

  /// The index of the largest element (the first, on ties).
  @inlinable
  static func argmax<T: Comparable>(_ values: [T]) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
  }
}

extension SoftmaxRegression: FittedModel {}
