import AutoDiff

/// Minimizes the sum of squares of residuals, Σ rᵢ(p)², by Levenberg–Marquardt with Moré's
/// trust region, on the exact Jacobian of the residuals.
///
/// ```swift
/// /// The NIST problem Misra1a, y = b₁(1 − e^(−b₂x)), as residuals.
/// struct Misra1a: DifferentiableVectorFunction {
///   let x: [Double], y: [Double]
///   func callAsFunction<S: RealScalar>(_ b: [S]) -> [S] {
///     zip(x, y).map { x, y in b[0] * (1 - exp(-b[1] * S(x))) - S(y) }
///   }
/// }
/// let fit = try leastSquares(Misra1a(x: x, y: y), from: [500, 1e-4])
/// print(fit.parameters, fit.standardErrors!, fit.stopReason)
/// ```
///
/// Each iteration factors the Jacobian J = ∂r/∂p by QR with column pivoting, solves the
/// trust-region step with Moré's λ iteration, scales the parameters by the column norms of J,
/// and never forms JᵀJ; a converged run is polished by Gauss–Newton steps that are kept only if
/// they do not increase the cost (see ``LeastSquaresOptions``). The result carries the residual
/// standard deviation, the covariance s²(JᵀJ)⁻¹, standard errors and the condition number of J
/// (see ``LeastSquaresResult``).
///
/// With `bounds`, every point evaluated satisfies lᵢ ≤ pᵢ ≤ uᵢ: a start outside the box is moved
/// onto it first (``LeastSquaresResult/movedOntoBounds``), each step is solved on the parameters
/// not held at a bound and its point projected onto the box, and the gradient test is on the
/// projected gradient (see <doc:FittingCurves>). The result lists the parameters at a bound
/// (``LeastSquaresResult/activeBounds``), whose statistics are treated as in
/// ``LeastSquaresResult``'s "At an active bound".
///
/// The Jacobian is computed by `valueWithJacobian(at:mode:of:)`: with the default
/// `.automatic` mode, forward mode in chunks (one evaluation of the residuals per chunk of up to
/// 8 parameters), or reverse mode when there are more than 16 parameters and more parameters
/// than residuals.
///
/// - Parameters:
///   - residuals: r: ℝⁿ → ℝᵐ, m ≥ n, written once over `RealScalar`; the number of residuals may
///     not depend on the parameters' values.
///   - start: p₀, n parameters, finite.
///   - bounds: Lower and upper bounds on the parameters, one pair per parameter, or `nil` (the
///     default) for none.
///   - mode: How the Jacobian is differentiated; `.automatic` by default.
///   - options: Tolerances, limits, scaling, loss and polish; see ``LeastSquaresOptions``.
/// - Returns: The parameters found, the statistics of the fit and why the run stopped.
/// - Throws: ``OptimizationError`` for an empty or non-finite start, invalid options, bounds of
///   another size than the start, fewer residuals than parameters, residuals or a Jacobian that
///   are not finite at the (projected) start, or a number of residuals that changes; and
///   whatever `residuals` throws, unchanged.
/// - Complexity: per iteration, one Jacobian and O(m n²) for its QR factorization, and per trial
///   step one evaluation of the residuals and O(n²) per λ tried (usually about two).
@inlinable
public func leastSquares<
  Residuals: DifferentiableVectorFunction, T: BinaryFloatingPoint & RealScalar
>(
  _ residuals: Residuals, from start: [T], bounds: Bounds<T>? = nil,
  mode: DifferentiationMode = .automatic, options: LeastSquaresOptions<T> = LeastSquaresOptions()
) throws -> LeastSquaresResult<T> {
  guard !start.isEmpty else { throw OptimizationError.empty(argument: "start") }
  for (index, value) in start.enumerated() where !value.isFinite {
    throw OptimizationError.invalidArgument(
      argument: "start[\(index)]", value: describe(Double(value)),
      requirement: "finite; start from a point where the model can be evaluated")
  }
  try options.validate(parameterCount: start.count)
  let n = start.count
  if let bounds, bounds.count != n {
    throw OptimizationError.sizeMismatch(
      argument: "bounds", expected: n, actual: bounds.count,
      advice: "give one lower and one upper bound per parameter (-.infinity or .infinity where "
        + "there is none).")
  }
  var start = start
  let moved = bounds?.project(&start) ?? []
  // Where the start was moved, the error names the point evaluated.
  var whereMoved = ""
  if !moved.isEmpty {
    let list = moved.map(String.init).joined(separator: ", ")
    whereMoved =
      moved.count == 1
      ? " (with parameter \(list) moved onto its bound)"
      : " (with parameters \(list) moved onto their bounds)"
  }
  let initial = try valueWithJacobian(at: start, mode: mode, of: residuals)
  let m = initial.value.count
  guard m >= n else { throw OptimizationError.tooFewResiduals(residuals: m, parameters: n) }
  for (index, value) in initial.value.enumerated() where !value.isFinite {
    throw OptimizationError.nonFiniteAtStart(
      quantity: "residual \(index)\(whereMoved)", value: describe(Double(value)))
  }
  for (row, values) in initial.jacobian.enumerated() {
    for (column, value) in values.enumerated() where !value.isFinite {
      throw OptimizationError.nonFiniteAtStart(
        quantity: "the derivative of residual \(row) with respect to parameter \(column)"
          + whereMoved,
        value: describe(Double(value)))
    }
  }
  func checked(_ values: [T]) throws -> [T] {
    guard values.count == m else {
      throw OptimizationError.invalidArgument(
        argument: "number of residuals",
        value: "\(values.count) at one point and \(m) at the start",
        requirement: "the same at every point: it may depend on the number of parameters but not "
          + "on their values")
    }
    return values
  }
  let solver = LevenbergMarquardt(options: options)
  var result = try solver.solve(
    from: start,
    initial: (initial.value, columnMajor(initial.jacobian, rowCount: m, columnCount: n)),
    bounds: bounds,
    residuals: { p in try checked(residuals(p)) },
    jacobian: { p in
      let value = try valueWithJacobian(at: p, mode: mode, of: residuals)
      return (try checked(value.value), columnMajor(value.jacobian, rowCount: m, columnCount: n))
    },
    curvature: { p, r in
      // Σ rᵢ∇²rᵢ is the Hessian of p ↦ Σ cᵢ rᵢ(p) with the cᵢ held at the current residuals.
      let combination = ResidualCombination(residuals: residuals, coefficients: r)
      return columnMajor(try hessian(at: p, of: combination), rowCount: n, columnCount: n)
    })
  result.movedOntoBounds = moved
  return result
}

/// p ↦ Σ cᵢ rᵢ(p) for fixed coefficients c: its Hessian is Σ cᵢ ∇²rᵢ.
@usableFromInline
struct ResidualCombination<
  Residuals: DifferentiableVectorFunction, T: BinaryFloatingPoint & RealScalar
>:
  DifferentiableFunction
{
  @usableFromInline let residuals: Residuals
  @usableFromInline let coefficients: [T]

  @inlinable
  init(residuals: Residuals, coefficients: [T]) {
    self.residuals = residuals
    self.coefficients = coefficients
  }

  @inlinable
  func callAsFunction<S: RealScalar>(_ p: [S]) throws(Residuals.Failure) -> S {
    let values = try residuals(p)
    var total: S = 0
    for i in values.indices where i < coefficients.count {
      total += S(coefficients[i]) * values[i]
    }
    return total
  }
}

/// Fits the curve y = f(x; p) to data by least squares, weighted when weights are given:
/// minimizes Σ wᵢ (f(xᵢ; p) − yᵢ)² by Levenberg–Marquardt (see
/// ``leastSquares(_:from:bounds:mode:options:)``), within bounds when they are given.
///
/// ```swift
/// struct MichaelisMenten: CurveModel {
///   func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S { p[0] * s / (p[1] + s) }
/// }
/// let fit = try fitCurve(MichaelisMenten(), x: concentration, y: rate, from: [1, 1])
/// for (value, error) in zip(fit.parameters, fit.standardErrors!) { print(value, "±", error) }
///
/// // Both parameters nonnegative.
/// let bounded = try fitCurve(
///   MichaelisMenten(), x: concentration, y: rate, from: [1, 1],
///   bounds: Bounds(lower: [0, 0]))
/// print(bounded.activeBounds)
/// ```
///
/// - Parameters:
///   - model: f, written once over `RealScalar`.
///   - x: The independent variable, one value per data point.
///   - y: The observations, one per data point.
///   - weights: wᵢ ≥ 0, one per data point, such as 1/σᵢ² for an observation of standard
///     deviation σᵢ; `nil` (the default) weighs every point 1. A point of weight 0 is left out
///     of the fit, of ``LeastSquaresResult/residuals`` and of the degrees of freedom.
///   - start: p₀, one value per parameter of the model, finite.
///   - bounds: Lower and upper bounds on the parameters, or `nil` (the default) for none; see
///     ``leastSquares(_:from:bounds:mode:options:)``.
///   - mode: How the Jacobian is differentiated; `.automatic` by default.
///   - options: See ``LeastSquaresOptions``.
/// - Returns: See ``LeastSquaresResult``; its residuals are √wᵢ (f(xᵢ; p̂) − yᵢ).
/// - Throws: ``OptimizationError`` for empty data, x, y and weights of different lengths, a NaN
///   or infinite data value or weight, a negative weight, fewer data points than parameters,
///   and everything ``leastSquares(_:from:bounds:mode:options:)`` throws.
@inlinable
public func fitCurve<Model: CurveModel, T: BinaryFloatingPoint & RealScalar>(
  _ model: Model, x: [T], y: [T], weights: [T]? = nil, from start: [T],
  bounds: Bounds<T>? = nil, mode: DifferentiationMode = .automatic,
  options: LeastSquaresOptions<T> = LeastSquaresOptions()
) throws -> LeastSquaresResult<T> {
  guard !x.isEmpty else { throw OptimizationError.emptyData(argument: "x") }
  guard !y.isEmpty else { throw OptimizationError.emptyData(argument: "y") }
  guard y.count == x.count else {
    throw OptimizationError.dataSizeMismatch(
      argument: "y", reference: "x", expected: x.count, actual: y.count)
  }
  if let weights, weights.count != x.count {
    throw OptimizationError.dataSizeMismatch(
      argument: "weights", reference: "x", expected: x.count, actual: weights.count)
  }
  for (name, values) in [("x", x), ("y", y), ("weights", weights ?? [])] {
    for (index, value) in values.enumerated() where !value.isFinite {
      throw OptimizationError.nonFiniteData(
        argument: name, index: index, value: describe(Double(value)))
    }
  }
  var rootWeights: [T]? = nil
  var keptX = x
  var keptY = y
  if let weights {
    for (index, weight) in weights.enumerated() where weight < 0 {
      throw OptimizationError.invalidArgument(
        argument: "weights[\(index)]", value: describe(Double(weight)),
        requirement: "zero or positive, such as 1/σ² for a point of standard deviation σ "
          + "(0 leaves the point out)")
    }
    let kept = weights.indices.filter { weights[$0] > 0 }
    keptX = kept.map { x[$0] }
    keptY = kept.map { y[$0] }
    rootWeights = kept.map { weights[$0].squareRoot() }
  }
  if !start.isEmpty && keptX.count < start.count {
    throw OptimizationError.tooFewResiduals(residuals: keptX.count, parameters: start.count)
  }
  let residuals = CurveResiduals(model: model, x: keptX, y: keptY, rootWeights: rootWeights)
  return try leastSquares(residuals, from: start, bounds: bounds, mode: mode, options: options)
}

/// Row-major rows (m of n) as one column-major array.
@inlinable
func columnMajor<T>(_ rows: [[T]], rowCount m: Int, columnCount n: Int) -> [T] {
  var result: [T] = []
  result.reserveCapacity(m * n)
  for j in 0..<n {
    for i in 0..<m { result.append(rows[i][j]) }
  }
  return result
}
