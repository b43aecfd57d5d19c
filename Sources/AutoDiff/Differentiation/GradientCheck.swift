/// The outcome of comparing a gradient with central finite differences.
///
/// For each input i, with step hᵢ = h · max(1, |xᵢ|):
///
/// ```
/// numericᵢ = (f(x + hᵢ eᵢ) − f(x − hᵢ eᵢ)) / (2 hᵢ)
/// errorᵢ   = |analyticᵢ − numericᵢ| / max(1, |analyticᵢ|, |numericᵢ|)
/// ```
///
/// The error is relative for derivatives larger than 1 and absolute below, so tiny derivatives
/// are not judged by the noise of their last digits. Central differences are accurate to
/// O(h²) plus rounding O(ε/h); with the default h = ε^⅓ both are about ε^⅔ (≈ 4e-11 for `Double`,
/// ≈ 2e-5 for `Float`) times the size of the third derivative and of f.
public struct GradientCheck<T: BinaryFloatingPoint & RealScalar>: Sendable
where T: Sendable {
  /// The gradient being checked.
  public let analytic: [T]
  /// The central-difference estimate, one element per input.
  public let numeric: [T]
  /// errorᵢ for every input.
  public let errors: [T]

  /// The largest errorᵢ; 0 for a function of no inputs. NaN if any error is NaN.
  public var worstError: T {
    errors.reduce(T.zero) { worst, error in
      if worst.isNaN || error.isNaN { return .nan }
      return Swift.max(worst, error)
    }
  }

  /// The input where the largest error occurred; `nil` for a function of no inputs.
  public var worstIndex: Int? {
    guard !errors.isEmpty else { return nil }
    if let nanIndex = errors.firstIndex(where: \.isNaN) { return nanIndex }
    return errors.indices.max { errors[$0] < errors[$1] }
  }

  /// `true` when every errorᵢ is at most `tolerance` (and none is NaN).
  public func passes(tolerance: T) -> Bool {
    errors.allSatisfy { $0 <= tolerance }
  }
}

extension GradientCheck: CustomStringConvertible {
  /// The worst error and where it occurred.
  public var description: String {
    guard let i = worstIndex else { return "GradientCheck(no inputs)" }
    return "GradientCheck(worst error \(worstError) at input \(i): analytic \(analytic[i]), "
      + "numeric \(numeric[i]))"
  }
}

/// Compares a gradient with central finite differences of `f`.
///
/// Use it to check a hand-written gradient, or any gradient you did not compute with this
/// package. See ``GradientCheck`` for the formulas.
///
/// - Parameters:
///   - gradient: The gradient to check, one element per element of `x`.
///   - f: The function, on plain numbers.
///   - x: The point.
///   - step: The relative step h; the default ε^⅓ balances truncation and rounding error.
/// - Throws: ``AutoDiffError`` when `gradient` and `x` differ in length, or `step` is not
///   positive and finite.
public func checkGradient<T: BinaryFloatingPoint & RealScalar & Sendable>(
  _ gradient: [T], of f: ([T]) throws -> T, at x: [T], step: T? = nil
) throws -> GradientCheck<T> {
  guard gradient.count == x.count else {
    throw AutoDiffError.sizeMismatch(
      argument: "gradient", expected: x.count, actual: gradient.count)
  }
  let h = step ?? T._cbrt(T.ulpOfOne)
  guard h > 0, h.isFinite else {
    throw AutoDiffError.invalidArgument(
      argument: "step", reason: "is \(h); pass a positive, finite relative step such as 1e-5")
  }
  var point = x
  var numeric: [T] = []
  numeric.reserveCapacity(x.count)
  for i in x.indices {
    let hi = h * Swift.max(1, x[i].magnitude)
    point[i] = x[i] + hi
    let forward = try f(point)
    point[i] = x[i] - hi
    let backward = try f(point)
    point[i] = x[i]
    numeric.append((forward - backward) / (2 * hi))
  }
  let errors = zip(gradient, numeric).map { a, n in
    (a - n).magnitude / Swift.max(1, Swift.max(a.magnitude, n.magnitude))
  }
  return GradientCheck(analytic: gradient, numeric: numeric, errors: errors)
}

/// Compares the reverse-mode gradient of `f` with central finite differences of the same `f`.
///
/// ```swift
/// let check = try checkGradient(of: { x in exp(x[0]) * sin(x[1]) }, at: [0.3, 1.2])
/// check.passes(tolerance: 1e-8)  // true
/// ```
///
/// The finite differences evaluate `f` on constants (no tape), so one closure serves both.
///
/// - Parameters:
///   - f: The function, as for ``gradient(at:of:)-(_,([Variable<T>])->Variable<T>)``.
///   - x: The point.
///   - step: The relative step h; the default is ε^⅓.
/// - Throws: ``AutoDiffError`` when `step` is not positive and finite; rethrows from `f`.
public func checkGradient<T: BinaryFloatingPoint & RealScalar & Sendable>(
  of f: ([Variable<T>]) throws -> Variable<T>, at x: [T], step: T? = nil
) throws -> GradientCheck<T> {
  let analytic = try gradient(at: x, of: f)
  return try checkGradient(
    analytic, of: { point in try f(point.map { Variable(constant: $0) }).value }, at: x, step: step)
}
