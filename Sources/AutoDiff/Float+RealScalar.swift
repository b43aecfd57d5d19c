#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

/// `Float` is the plain number a cost is evaluated in when no derivative is wanted, and the number
/// that derivatives of `Dual<Float>` and `Variable<Float>` are computed in. Each function is the C
/// library's.
extension Float: RealScalar {
  @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
  @inlinable public static func expMinusOne(_ x: Float) -> Float { expm1f(x) }
  @inlinable public static func log(_ x: Float) -> Float { logf(x) }
  @inlinable public static func log(onePlus x: Float) -> Float { log1pf(x) }
  @inlinable public static func sin(_ x: Float) -> Float { sinf(x) }
  @inlinable public static func cos(_ x: Float) -> Float { cosf(x) }
  @inlinable public static func tan(_ x: Float) -> Float { tanf(x) }
  @inlinable public static func asin(_ x: Float) -> Float { asinf(x) }
  @inlinable public static func acos(_ x: Float) -> Float { acosf(x) }
  @inlinable public static func atan(_ x: Float) -> Float { atanf(x) }
  @inlinable public static func sinh(_ x: Float) -> Float { sinhf(x) }
  @inlinable public static func cosh(_ x: Float) -> Float { coshf(x) }
  @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
  @inlinable public static func cbrt(_ x: Float) -> Float { cbrtf(x) }
  @inlinable public static func atan2(y: Float, x: Float) -> Float { atan2f(y, x) }
  @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
  @inlinable public static func hypot(_ x: Float, _ y: Float) -> Float { hypotf(x, y) }
  @inlinable public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
}
