/// `Double` is the plain number a cost is evaluated in when no derivative is wanted, and the number
/// that derivatives of `Dual<Double>` and `Variable<Double>` are computed in. Each function is the C
/// library's.
extension Double: RealScalar {
  /// eˣ, by the C library's `exp`.
  @inlinable public static func exp(_ x: Double) -> Double { libm_exp(x) }
  /// eˣ − 1, accurate for small `x`, by the C library's `expm1`.
  @inlinable public static func expMinusOne(_ x: Double) -> Double { libm_expm1(x) }
  /// ln x, by the C library's `log`.
  @inlinable public static func log(_ x: Double) -> Double { libm_log(x) }
  /// ln(1 + x), accurate for small `x`, by the C library's `log1p`.
  @inlinable public static func log(onePlus x: Double) -> Double { libm_log1p(x) }
  /// sin x, by the C library's `sin`.
  @inlinable public static func sin(_ x: Double) -> Double { libm_sin(x) }
  /// cos x, by the C library's `cos`.
  @inlinable public static func cos(_ x: Double) -> Double { libm_cos(x) }
  /// tan x, by the C library's `tan`.
  @inlinable public static func tan(_ x: Double) -> Double { libm_tan(x) }
  /// arcsin x, by the C library's `asin`.
  @inlinable public static func asin(_ x: Double) -> Double { libm_asin(x) }
  /// arccos x, by the C library's `acos`.
  @inlinable public static func acos(_ x: Double) -> Double { libm_acos(x) }
  /// arctan x, by the C library's `atan`.
  @inlinable public static func atan(_ x: Double) -> Double { libm_atan(x) }
  /// sinh x, by the C library's `sinh`.
  @inlinable public static func sinh(_ x: Double) -> Double { libm_sinh(x) }
  /// cosh x, by the C library's `cosh`.
  @inlinable public static func cosh(_ x: Double) -> Double { libm_cosh(x) }
  /// tanh x, by the C library's `tanh`.
  @inlinable public static func tanh(_ x: Double) -> Double { libm_tanh(x) }
  /// ∛x, by the C library's `cbrt`.
  @inlinable public static func cbrt(_ x: Double) -> Double { libm_cbrt(x) }
  /// atan2(y, x), the angle of (x, y) in (−π, π], by the C library's `atan2`.
  @inlinable public static func atan2(y: Double, x: Double) -> Double { libm_atan2(y, x) }
  /// xʸ, by the C library's `pow`.
  @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { libm_pow(x, y) }
  /// √(x² + y²) without undue overflow, by the C library's `hypot`.
  @inlinable public static func hypot(_ x: Double, _ y: Double) -> Double { libm_hypot(x, y) }
  /// √x, by IEEE square root.
  @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}
