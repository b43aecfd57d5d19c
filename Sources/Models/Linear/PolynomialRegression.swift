import AutoDiff
import Optimization

/// Polynomial regression of one feature, ŷ = c₀ + c₁·x + c₂·x² + … + c_d·x^d, fitted by minimizing
/// the mean squared error (1/n) Σ (ŷᵢ − yᵢ)².
///
/// ```swift
/// var model = try PolynomialRegression<Double>(degree: 3)
/// try model.fit(x: t, y: y, using: LBFGS())
/// print(model.coefficients)          // [c₀, c₁, c₂, c₃]
/// print(try model.predict(2.5))
/// ```
///
/// The powers of x are badly conditioned features: x, x², x³ are nearly collinear over most
/// ranges, and their scales differ by orders of magnitude. So the model trains on the powers of
/// the standardized z = (x − μ)/σ, themselves standardized (a ``LinearRegression`` with
/// ``LinearRegression/standardizesFeatures``), and predicts in that basis; ``coefficients``
/// expands the fitted polynomial back into powers of x. Keep d small (≲ 10): beyond that the
/// expansion itself loses digits; degrees above 30 are rejected.
///
/// A model is `Codable`, fitted or not; it saves the standardized basis it predicts in, so that a
/// decoded model predicts the same numbers, bit for bit:
///
/// ```swift
/// let data = try JSONEncoder().encode(model)
/// let restored = try JSONDecoder().decode(PolynomialRegression<Double>.self, from: data)
/// ```
public struct PolynomialRegression<T: BinaryFloatingPoint & RealScalar & Sendable>: Equatable,
  Sendable
{
  /// d ≥ 1, the highest power of x.
  public let degree: Int
  /// The regression on the features z, z², …, z^d.
  @usableFromInline var linear = LinearRegression<T>(standardizesFeatures: true)
  /// μ and σ of x in the training data.
  @usableFromInline var scale: Standardizer<T>? = nil

  /// An unfitted model of the given degree.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when `degree` is not
  ///   from 1 to 30.
  public init(degree: Int) throws {
    guard degree >= 1, degree <= 30 else {
      throw ModelError.invalidArgument(
        argument: "degree", value: "\(degree)",
        requirement:
          "from 1 to 30, such as 2 or 3 (higher powers overflow, and their coefficients lose "
          + "every digit)")
    }
    self.degree = degree
  }

  /// J at the fitted coefficients: the mean squared error on the training data.
  public var trainingCost: T? { linear.trainingCost }

  /// [c₀, c₁, …, c_d], the coefficients of 1, x, …, x^d; empty before the first fit.
  public var coefficients: [T] {
    guard let scale, linear.featureCount == degree else { return [] }
    // ŷ = a₀ + Σₖ aₖ·zᵏ with z = (x − μ)/σ: expand each zᵏ into powers of x.
    let mu = scale.means[0]
    let sigma = scale.deviations[0]
    var result = [T](repeating: 0, count: degree + 1)
    result[0] = linear.intercept
    var power: [T] = [1]  // coefficients of zᵏ in powers of x
    for k in 1...degree {
      var next = [T](repeating: 0, count: power.count + 1)
      for (i, c) in power.enumerated() {
        next[i] -= c * mu / sigma
        next[i + 1] += c / sigma
      }
      power = next
      for (i, c) in power.enumerated() { result[i] += linear.coefficients[k - 1] * c }
    }
    return result
  }

  /// ŷ at x.
  ///
  /// - Throws: ``ModelError/notFitted(advice:)`` before the first fit.
  @inlinable
  public func predict(_ x: T) throws -> T {
    guard let scale else {
      throw ModelError.notFitted(advice: "call `fit` on the polynomial regression first.")
    }
    return try linear.predict(Self.powers(scale.transform([x])[0], degree: degree))
  }

  /// ŷ at each x.
  @inlinable
  public func predict(_ x: [T]) throws -> [T] { try x.map { try predict($0) } }

  /// Fits the coefficients by minimizing the mean squared error with `method`, on every row at
  /// every step.
  ///
  /// - Parameters:
  ///   - x: n values of the feature; not empty, finite.
  ///   - y: n targets, finite.
  ///   - method: Any optimizer, or `LBFGS`.
  ///   - options: Stopping criteria, history and trace.
  ///   - progress: Called at every iteration.
  /// - Returns: The run's result; its `minimizer` is in the standardized basis.
  /// - Throws: ``ModelError`` for bad data or a diverging run; the model is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [T], y: [T], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (rows, scale) = try features(x)
    var linear = self.linear
    let result = try linear.fit(
      x: rows, y: y, using: method, options: options, progress: progress)
    self.linear = linear
    self.scale = scale
    return result
  }

  /// Fits the coefficients with full-batch, mini-batch or stochastic updates; see ``Batching``.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [T], y: [T], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (rows, scale) = try features(x)
    var linear = self.linear
    let result = try linear.fit(
      x: rows, y: y, using: optimizer, batching: batching, seed: seed, options: options,
      progress: progress)
    self.linear = linear
    self.scale = scale
    return result
  }

  /// Fits the coefficients exactly, by least squares.
  ///
  /// - Throws: ``ModelError`` for bad data, or when there are fewer distinct x than d + 1.
  public mutating func fitLeastSquares(x: [T], y: [T]) throws {
    let (rows, scale) = try features(x)
    var linear = self.linear
    try linear.fitLeastSquares(x: rows, y: y)
    self.linear = linear
    self.scale = scale
  }

  /// The rows (z, z², …, z^d) and the scale of x.
  @inlinable
  func features(_ x: [T]) throws -> ([[T]], Standardizer<T>) {
    try Validate.vector(x, argument: "x")
    let scale = try Standardizer(fitting: x)
    let rows = x.map { Self.powers(scale.transform([$0])[0], degree: degree) }
    for (i, row) in rows.enumerated() where !row.allSatisfy(\.isFinite) {
      throw ModelError.invalidArgument(
        argument: "degree", value: "\(degree)",
        requirement: "low enough that every power of the standardized x is finite; "
          + "x[\(i)] = \(Double(x[i])) lies so far from the others that its "
          + "\(degree)th power overflows")
    }
    return (rows, scale)
  }

  @inlinable
  static func powers(_ z: T, degree: Int) -> [T] {
    var row = [T](repeating: z, count: degree)
    for k in 1..<degree { row[k] = row[k - 1] * z }
    return row
  }
}
