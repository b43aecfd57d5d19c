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
/// floating-point literals, and the elementary functions below. The static names follow
/// swift-numerics (`ElementaryFunctions`, `RealFunctions`): `expMinusOne`, `log(onePlus:)`,
/// `atan2(y:x:)`. Free functions with the C names (`exp`, `expm1`, `log1p`, `atan2`, …) call them,
/// so a cost reads like its formula.
///
/// `Float` and `Double` conform, and so do ``Dual`` (forward mode) and ``Variable`` (reverse mode)
/// over any `RealScalar`, which is what lets derivatives nest.
///
/// Derivatives at points where the function is not differentiable follow one convention in both
/// modes; see <doc:Conventions>.
public protocol RealScalar: Comparable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
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
  // Named rather than operator requirements: the operators `+ - * /` are free functions generic
  // over `RealScalar` (Operators.swift) that call these. A protocol operator requirement would
  // stand beside each conforming type's own operator as a second, equally good candidate, and
  // the type checker would try both at every operator of a formula; with a dozen operators and
  // a few literals it then gives up ("unable to type-check this expression in reasonable time").

  /// The sum x + y.
  static func sum(_ x: Self, _ y: Self) -> Self
  /// The difference x − y.
  static func difference(_ x: Self, _ y: Self) -> Self
  /// The product x · y.
  static func product(_ x: Self, _ y: Self) -> Self
  /// The quotient x / y.
  static func quotient(_ x: Self, _ y: Self) -> Self
  /// The negation −x.
  static func negation(_ x: Self) -> Self
  /// The absolute value |x|.
  static func abs(_ x: Self) -> Self

  // MARK: - Elementary functions (names as in swift-numerics)

  /// The exponential, eˣ.
  static func exp(_ x: Self) -> Self
  /// eˣ − 1, accurate for small `x`.
  static func expMinusOne(_ x: Self) -> Self
  /// The natural logarithm, ln x.
  static func log(_ x: Self) -> Self
  /// ln(1 + x), accurate for small `x`.
  static func log(onePlus x: Self) -> Self
  /// The sine.
  static func sin(_ x: Self) -> Self
  /// The cosine.
  static func cos(_ x: Self) -> Self
  /// The tangent.
  static func tan(_ x: Self) -> Self
  /// The inverse sine, in [−π/2, π/2].
  static func asin(_ x: Self) -> Self
  /// The inverse cosine, in [0, π].
  static func acos(_ x: Self) -> Self
  /// The inverse tangent, in (−π/2, π/2).
  static func atan(_ x: Self) -> Self
  /// The angle of the point (x, y), in (−π, π].
  static func atan2(y: Self, x: Self) -> Self
  /// The hyperbolic sine.
  static func sinh(_ x: Self) -> Self
  /// The hyperbolic cosine.
  static func cosh(_ x: Self) -> Self
  /// The hyperbolic tangent.
  static func tanh(_ x: Self) -> Self
  /// xʸ for a real exponent.
  static func pow(_ x: Self, _ y: Self) -> Self
  /// xⁿ for an integer exponent (defined for negative `x`).
  static func pow(_ x: Self, _ n: Int) -> Self
  /// The square root, √x.
  static func sqrt(_ x: Self) -> Self
  /// The real cube root, ∛x (defined for negative `x`).
  static func cbrt(_ x: Self) -> Self
  /// √(x² + y²) without undue overflow or underflow.
  static func hypot(_ x: Self, _ y: Self) -> Self
  /// The smaller of `x` and `y`; NaN if either is NaN.
  static func min(_ x: Self, _ y: Self) -> Self
  /// The larger of `x` and `y`; NaN if either is NaN.
  static func max(_ x: Self, _ y: Self) -> Self
  /// The logistic function σ(x) = 1 / (1 + e⁻ˣ), computed without overflow.
  static func sigmoid(_ x: Self) -> Self
  /// softplus(x) = ln(1 + eˣ), computed without overflow.
  static func softplus(_ x: Self) -> Self
  /// The rectifier, max(x, 0).
  static func relu(_ x: Self) -> Self
}

extension RealScalar {
  /// The sign of `x` as −1, 0 or 1 (NaN for NaN); the derivative of `|x|`, with `abs′(0) = 0`.
  @inlinable
  static func signum(_ x: Self) -> Self {
    x > 0 ? 1 : (x < 0 ? -1 : (x.isNaN ? x : 0))
  }
}
