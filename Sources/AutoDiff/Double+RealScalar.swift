/// `Double` is the plain number a cost is evaluated in when no derivative is wanted, and the number
/// that derivatives of `Dual<Double>` and `Variable<Double>` are computed in. Each function is the C
/// library's.
extension Double: RealScalar {
  @inlinable public static func exp(_ x: Double) -> Double { libm_exp(x) }
  @inlinable public static func expMinusOne(_ x: Double) -> Double { libm_expm1(x) }
  @inlinable public static func log(_ x: Double) -> Double { libm_log(x) }
  @inlinable public static func log(onePlus x: Double) -> Double { libm_log1p(x) }
  @inlinable public static func sin(_ x: Double) -> Double { libm_sin(x) }
  @inlinable public static func cos(_ x: Double) -> Double { libm_cos(x) }
  @inlinable public static func tan(_ x: Double) -> Double { libm_tan(x) }
  @inlinable public static func asin(_ x: Double) -> Double { libm_asin(x) }
  @inlinable public static func acos(_ x: Double) -> Double { libm_acos(x) }
  @inlinable public static func atan(_ x: Double) -> Double { libm_atan(x) }
  @inlinable public static func sinh(_ x: Double) -> Double { libm_sinh(x) }
  @inlinable public static func cosh(_ x: Double) -> Double { libm_cosh(x) }
  @inlinable public static func tanh(_ x: Double) -> Double { libm_tanh(x) }
  @inlinable public static func cbrt(_ x: Double) -> Double { libm_cbrt(x) }
  @inlinable public static func atan2(y: Double, x: Double) -> Double { libm_atan2(y, x) }
  @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { libm_pow(x, y) }
  @inlinable public static func hypot(_ x: Double, _ y: Double) -> Double { libm_hypot(x, y) }
  @inlinable public static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}
