/// A real number that a cost function can be written in.
///
/// Write a cost once, generic over `RealScalar`, and it runs on plain numbers, in forward mode and
/// in reverse mode:
///
/// ```swift
/// func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
///   var total: S = 0
///   for i in 0..<(x.count - 1) {
///     total += 100 * pow(x[i + 1] - x[i] * x[i], 2) + pow(1 - x[i], 2)
///   }
///   return total
/// }
///
/// rosenbrock([0.5, 0.5])                           // Double
/// gradient(at: [0.5, 0.5], of: rosenbrock)          // reverse mode, Variable<Double>
/// try directionalDerivative(at: [0.5, 0.5], along: [1, 0], of: rosenbrock)  // forward, Dual
/// ```
///
/// The vocabulary is the arithmetic of `SignedNumeric` plus division, comparisons, integer and
/// floating-point literals, and the elementary functions, called as free functions with their C
/// names: `exp`, `expm1`, `log`, `log1p`, `sin`, `cos`, `tan`, `asin`, `acos`, `atan`,
/// `atan2(y, x)`, `sinh`, `cosh`, `tanh`, `pow(x, y)`, `pow(x, n)`, `sqrt`, `cbrt`, `hypot`, `abs`,
/// `min`, `max`, `erf`, `sigmoid`, `softplus` and `relu`. A number from the data enters a generic
/// cost as a constant, `S(x)`; see <doc:WritingACost>.
///
/// `Float` and `Double` conform, and so do ``Dual`` (forward mode) and ``Variable`` (reverse mode)
/// over any `RealScalar`, which is what lets derivatives nest. On `Float` and `Double` every
/// function gives the bits the standard library and the C library give without Descent.
///
/// ## The requirements are spelled with a leading underscore
///
/// Each function is a static requirement (`_exp`, `_max`, …) that its free function calls. The
/// underscore keeps them from shadowing anything: a member named `max` on `Double` would be found
/// before the global `max` inside a user's own `extension Double`, and `max(0, self)` there would
/// stop compiling. Call the free functions; implement the requirements only to make a number type
/// of your own conform. A requirement added later comes with a default implementation (as
/// `_erf` has), so a conformance of yours keeps compiling.
///
/// Derivatives at points where the function is not differentiable follow one convention in both
/// modes; see <doc:Conventions>.
public protocol RealScalar: SignedNumeric, Comparable, ExpressibleByFloatLiteral
where Magnitude == Self {
  /// Converts an integer, rounding to the nearest representable value; a constant.
  init(_ value: Int)

  /// Converts a plain floating-point number; a constant with no derivative.
  init<Source: BinaryFloatingPoint>(_ value: Source)

  /// The value with every derivative it may carry dropped, as a `Double`.
  ///
  /// Use it for printing and for decisions that must not be differentiated.
  var doubleValue: Double { get }

  /// `true` when the value and every derivative it carries are exactly zero.
  ///
  /// The backward sweep skips adjoints for which this is `true`, and forward mode skips
  /// tangents for which it is `true`, so `0 × ∞` is never formed from a quantity that does not
  /// vary (see <doc:Conventions>).
  var isExactlyZero: Bool { get }

  /// `true` when the value is NaN.
  var isNaN: Bool { get }

  /// `true` when the value is neither infinite nor NaN.
  var isFinite: Bool { get }

  // MARK: - Arithmetic
  //
  // `+`, `-`, `*`, their compound forms, prefix `-` and `magnitude` (|x|) are the requirements of
  // the standard library's `SignedNumeric`, which `Float` and `Double` meet with their own
  // operators; division is added here. Operator requirements of the standard library's numeric
  // protocols are what the type checker handles best: a formula with a dozen operators and
  // literals type-checks in milliseconds on a generic `S` or on a `Variable`, where free generic
  // operators took hundreds (see <doc:WritingACost>). `Swift.abs` of a `RealScalar` returns its
  // `magnitude`, so |x| takes its derivative from the rules table too.

  /// The quotient x / y.
  static func / (lhs: Self, rhs: Self) -> Self
  /// x = x / y.
  static func /= (lhs: inout Self, rhs: Self)

  // MARK: - Elementary functions (names as in swift-numerics, behind an underscore)

  /// The exponential, eˣ.
  static func _exp(_ x: Self) -> Self
  /// eˣ − 1, accurate for small `x`.
  static func _expMinusOne(_ x: Self) -> Self
  /// The natural logarithm, ln x.
  static func _log(_ x: Self) -> Self
  /// ln(1 + x), accurate for small `x`.
  static func _log(onePlus x: Self) -> Self
  /// The sine.
  static func _sin(_ x: Self) -> Self
  /// The cosine.
  static func _cos(_ x: Self) -> Self
  /// The tangent.
  static func _tan(_ x: Self) -> Self
  /// The inverse sine, in [−π/2, π/2].
  static func _asin(_ x: Self) -> Self
  /// The inverse cosine, in [0, π].
  static func _acos(_ x: Self) -> Self
  /// The inverse tangent, in (−π/2, π/2).
  static func _atan(_ x: Self) -> Self
  /// The angle of the point (x, y), in (−π, π].
  static func _atan2(y: Self, x: Self) -> Self
  /// The hyperbolic sine.
  static func _sinh(_ x: Self) -> Self
  /// The hyperbolic cosine.
  static func _cosh(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func _tanh(_ x: Self) -> Self
  /// xʸ for a real exponent.
  static func _pow(_ x: Self, _ y: Self) -> Self
  /// xⁿ for an integer exponent (defined for negative `x`).
  static func _pow(_ x: Self, _ n: Int) -> Self
  /// The square root, √x.
  static func _sqrt(_ x: Self) -> Self
  /// The real cube root, ∛x (defined for negative `x`).
  static func _cbrt(_ x: Self) -> Self
  /// √(x² + y²) without undue overflow or underflow.
  static func _hypot(_ x: Self, _ y: Self) -> Self
  /// The smaller of `x` and `y`: `y < x ? y : x`, as the standard library's `min` (so
  /// `min(2, .nan)` is 2 and `min(.nan, 2)` is NaN).
  static func _min(_ x: Self, _ y: Self) -> Self
  /// The larger of `x` and `y`: `y >= x ? y : x`, as the standard library's `max` (so
  /// `max(1, .nan)` is 1 and `max(.nan, 1)` is NaN).
  static func _max(_ x: Self, _ y: Self) -> Self
  /// The logistic function σ(x) = 1 / (1 + e⁻ˣ), computed without overflow.
  static func _sigmoid(_ x: Self) -> Self
  /// softplus(x) = ln(1 + eˣ), computed without overflow.
  static func _softplus(_ x: Self) -> Self
  /// The rectifier, max(x, 0).
  static func _relu(_ x: Self) -> Self
  /// The error function, erf x = (2/√π) ∫₀ˣ e^(−t²) dt.
  static func _erf(_ x: Self) -> Self
}

extension RealScalar {
  /// erf x of a number type that does not implement it: computed in `Double` by the C library and
  /// converted back, so a conformance written before `erf` existed keeps compiling. `Float`,
  /// `Double`, ``Dual`` and ``Variable`` implement it themselves.
  @inlinable public static func _erf(_ x: Self) -> Self { Self(libm_erf(x.doubleValue)) }

  /// The sign of `x` as −1, 0 or 1 (NaN for NaN); the derivative of `|x|`, with `abs′(0) = 0`.
  @inlinable
  static func signum(_ x: Self) -> Self {
    x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
  }
}
