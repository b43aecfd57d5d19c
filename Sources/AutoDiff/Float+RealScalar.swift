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
  /// eˣ, by the C library's `expf`.
  @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
  /// eˣ − 1, accurate for small `x`, by the C library's `expm1f`.
  @inlinable public static func expMinusOne(_ x: Float) -> Float { expm1f(x) }
  /// ln x, by the C library's `logf`.
  @inlinable public static func log(_ x: Float) -> Float { logf(x) }
  /// ln(1 + x), accurate for small `x`, by the C library's `log1pf`.
  @inlinable public static func log(onePlus x: Float) -> Float { log1pf(x) }
  /// sin x, by the C library's `sinf`.
  @inlinable public static func sin(_ x: Float) -> Float { sinf(x) }
  /// cos x, by the C library's `cosf`.
  @inlinable public static func cos(_ x: Float) -> Float { cosf(x) }
  /// tan x, by the C library's `tanf`.
  @inlinable public static func tan(_ x: Float) -> Float { tanf(x) }
  /// arcsin x, by the C library's `asinf`.
  @inlinable public static func asin(_ x: Float) -> Float { asinf(x) }
  /// arccos x, by the C library's `acosf`.
  @inlinable public static func acos(_ x: Float) -> Float { acosf(x) }
  /// arctan x, by the C library's `atanf`.
  @inlinable public static func atan(_ x: Float) -> Float { atanf(x) }
  /// sinh x, by the C library's `sinhf`.
  @inlinable public static func sinh(_ x: Float) -> Float { sinhf(x) }
  /// cosh x, by the C library's `coshf`.
  @inlinable public static func cosh(_ x: Float) -> Float { coshf(x) }
  /// tanh x, by the C library's `tanhf`.
  @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
  /// ∛x, by the C library's `cbrtf`.
  @inlinable public static func cbrt(_ x: Float) -> Float { cbrtf(x) }
  /// atan2(y, x), the angle of (x, y) in (−π, π], by the C library's `atan2f`.
  @inlinable public static func atan2(y: Float, x: Float) -> Float { atan2f(y, x) }
  /// xʸ, by the C library's `powf`.
  @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
  /// √(x² + y²) without undue overflow, by the C library's `hypotf`.
  @inlinable public static func hypot(_ x: Float, _ y: Float) -> Float { hypotf(x, y) }
  /// √x, by IEEE square root.
  @inlinable public static func sqrt(_ x: Float) -> Float { x.squareRoot() }
}
