import AutoDiff

/// Forward mode over absolute values: the tangent is Σ |∂|·|t| over every path from an input,
/// the size of the terms forward and reverse mode add up to form a derivative. Both modes add the
/// same terms in different orders, so they can differ by the rounding of that sum, about
/// (number of operations)·ε·magnitude; the fuzzer allows exactly that much.
struct Magnitude: _DerivativeCarrier {
  typealias Base = Double
  var value: Double
  var tangent: Double

  init(_ value: Double, tangent: Double) {
    self.value = value
    self.tangent = tangent
  }

  static func term(_ partial: Double, _ tangent: Double) -> Double {
    partial == 0 || tangent == 0 ? 0 : Swift.abs(partial) * tangent
  }

  static func _apply(_ x: Magnitude, _ rule: (Double) -> (value: Double, derivative: Double))
    -> Magnitude
  {
    let (value, derivative) = rule(x.value)
    return Magnitude(value, tangent: term(derivative, x.tangent))
  }

  static func _apply(
    _ x: Magnitude, _ y: Magnitude,
    _ rule: (Double, Double) -> (value: Double, dx: Double, dy: Double)
  ) -> Magnitude {
    let (value, dx, dy) = rule(x.value, y.value)
    return Magnitude(value, tangent: term(dx, x.tangent) + term(dy, y.tangent))
  }

  // Comparisons, literals and conversions come from `_DerivativeCarrier`.
  init(constant value: Double) { self.init(value, tangent: 0) }
  var isExactlyZero: Bool { value == 0 && tangent == 0 }
  // Arithmetic, as every carrier declares it (see `_DerivativeCarrier`).
  static func + (lhs: Self, rhs: Self) -> Self { _sum(lhs, rhs) }
  static func - (lhs: Self, rhs: Self) -> Self { _difference(lhs, rhs) }
  static func * (lhs: Self, rhs: Self) -> Self { _product(lhs, rhs) }
  static func / (lhs: Self, rhs: Self) -> Self { _quotient(lhs, rhs) }
  static prefix func - (operand: Self) -> Self { _negation(operand) }
  static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
  static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }
}

/// A value with a first-order bound on how far a computation of it may stray through rounding
/// (running error analysis, Wilkinson 1963): each operation's bound is Σ |∂| · (its operands'
/// bounds) plus four ulp of its result, room for the array kernels' own exp, expm1, tanh and
/// sigmoid (within a few ulp of the C library's) and for sums added in another order.
///
/// `Dual<ErrorBound>` bounds a derivative the same way: its tangent is computed in this
/// arithmetic, so a partial such as asin′(t) = 1/√(1 − t²) at t a few ulp below 1 carries the
/// large error it really has.
struct ErrorBound: _DerivativeCarrier {
  typealias Base = Double
  var value: Double
  /// The bound, ≥ 0 (∞ where none is known).
  var error: Double

  init(_ value: Double, error: Double) {
    self.value = value
    self.error = error
  }

  /// Four ulp of `value`, and none for an exact zero: a zero that is not exact is a result
  /// below 2⁻¹⁰⁷⁴, whose error no test here could see, and counting one would turn every later
  /// product with a zero (an unused input's tangent) into a value smaller than its bound.
  static func rounding(_ value: Double) -> Double {
    value.isFinite && value != 0 ? 4 * value.ulp : 0
  }

  static func term(_ partial: Double, _ error: Double) -> Double {
    error == 0 ? 0 : Swift.abs(partial) * error
  }

  /// The bound of a result: propagated plus its own rounding. A bound as large as the value
  /// itself means the computed value may not even have the right sign; a first-order bound is
  /// then no bound at all (tan of a huge argument a few ulp off, a sign the next branch of
  /// atan2 depends on), so it becomes ∞.
  static func bounded(_ value: Double, _ propagated: Double) -> ErrorBound {
    let error = propagated + rounding(value)
    let meaningful = propagated == 0 || !value.isFinite || error < Swift.abs(value)
    return ErrorBound(value, error: meaningful ? error : .infinity)
  }

  static func _apply(_ x: ErrorBound, _ rule: (Double) -> (value: Double, derivative: Double))
    -> ErrorBound
  {
    let (value, derivative) = rule(x.value)
    return bounded(value, term(derivative, x.error))
  }

  static func _apply(
    _ x: ErrorBound, _ y: ErrorBound,
    _ rule: (Double, Double) -> (value: Double, dx: Double, dy: Double)
  ) -> ErrorBound {
    let (value, dx, dy) = rule(x.value, y.value)
    return bounded(value, term(dx, x.error) + term(dy, y.error))
  }

  // Comparisons, literals and conversions come from `_DerivativeCarrier`.
  init(constant value: Double) { self.init(value, error: 0) }
  var isExactlyZero: Bool { value == 0 }
  // Arithmetic, as every carrier declares it (see `_DerivativeCarrier`).
  static func + (lhs: Self, rhs: Self) -> Self { _sum(lhs, rhs) }
  static func - (lhs: Self, rhs: Self) -> Self { _difference(lhs, rhs) }
  static func * (lhs: Self, rhs: Self) -> Self { _product(lhs, rhs) }
  static func / (lhs: Self, rhs: Self) -> Self { _quotient(lhs, rhs) }
  static prefix func - (operand: Self) -> Self { _negation(operand) }
  static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
  static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }
}
