#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

// `Float` and `Double` as `RealScalar`: the parts every IEEE type implements the same way, then the
// C library's functions for each type. On these two types every function gives the bits that the
// standard library and the C library give without Descent (min, max and pow included), so that
// importing Descent changes nothing in code that does not use it.

extension RealScalar where Self: BinaryFloatingPoint {
  /// The value itself, converted to `Double`.
  @inlinable public var doubleValue: Double { Double(self) }

  /// `true` when the value is zero (of either sign).
  @inlinable public var isExactlyZero: Bool { self == 0 }

  /// The smaller value, `y < x ? y : x`: the standard library's `min`, bit for bit. With a NaN
  /// the comparison is false, so `min(2, .nan)` is 2 and `min(.nan, 2)` is NaN; of two equal
  /// values (−0 and +0) it returns `x`.
  @inlinable
  public static func _min(_ x: Self, _ y: Self) -> Self { y < x ? y : x }

  /// The larger value, `y >= x ? y : x`: the standard library's `max`, bit for bit. With a NaN
  /// the comparison is false, so `max(1, .nan)` is 1 and `max(.nan, 1)` is NaN; of two equal
  /// values (−0 and +0) it returns `y`.
  @inlinable
  public static func _max(_ x: Self, _ y: Self) -> Self { y >= x ? y : x }

  /// σ(x) = 1 / (1 + e⁻ˣ), evaluated as eˣ / (1 + eˣ) for negative `x` so neither branch
  /// overflows.
  @inlinable
  public static func _sigmoid(_ x: Self) -> Self {
    if x >= 0 { return 1 / (1 + _exp(-x)) }
    let e = _exp(x)
    return e / (1 + e)
  }

  /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), which never overflows.
  @inlinable
  public static func _softplus(_ x: Self) -> Self {
    if x.isNaN { return x }
    return Swift.max(x, 0) + _log(onePlus: _exp(-Swift.abs(x)))
  }

  /// max(x, 0); NaN for NaN.
  @inlinable
  public static func _relu(_ x: Self) -> Self {
    x > 0 ? x : (x.isNaN ? x : 0)
  }
}

// MARK: - Double

extension Double: RealScalar {
  /// eˣ, by the C library's `exp`.
  @inlinable public static func _exp(_ x: Double) -> Double { libm_exp(x) }
  /// eˣ − 1, accurate for small `x`, by the C library's `expm1`.
  @inlinable public static func _expMinusOne(_ x: Double) -> Double { libm_expm1(x) }
  /// ln x, by the C library's `log`.
  @inlinable public static func _log(_ x: Double) -> Double { libm_log(x) }
  /// ln(1 + x), accurate for small `x`, by the C library's `log1p`.
  @inlinable public static func _log(onePlus x: Double) -> Double { libm_log1p(x) }
  /// sin x, by the C library's `sin`.
  @inlinable public static func _sin(_ x: Double) -> Double { libm_sin(x) }
  /// cos x, by the C library's `cos`.
  @inlinable public static func _cos(_ x: Double) -> Double { libm_cos(x) }
  /// tan x, by the C library's `tan`.
  @inlinable public static func _tan(_ x: Double) -> Double { libm_tan(x) }
  /// arcsin x, by the C library's `asin`.
  @inlinable public static func _asin(_ x: Double) -> Double { libm_asin(x) }
  /// arccos x, by the C library's `acos`.
  @inlinable public static func _acos(_ x: Double) -> Double { libm_acos(x) }
  /// arctan x, by the C library's `atan`.
  @inlinable public static func _atan(_ x: Double) -> Double { libm_atan(x) }
  /// sinh x, by the C library's `sinh`.
  @inlinable public static func _sinh(_ x: Double) -> Double { libm_sinh(x) }
  /// cosh x, by the C library's `cosh`.
  @inlinable public static func _cosh(_ x: Double) -> Double { libm_cosh(x) }
  /// tanh x, by the C library's `tanh`.
  @inlinable public static func _tanh(_ x: Double) -> Double { libm_tanh(x) }
  /// ∛x, by the C library's `cbrt`.
  @inlinable public static func _cbrt(_ x: Double) -> Double { libm_cbrt(x) }
  /// atan2(y, x), the angle of (x, y) in (−π, π], by the C library's `atan2`.
  @inlinable public static func _atan2(y: Double, x: Double) -> Double { libm_atan2(y, x) }
  /// xʸ, by the C library's `pow`.
  @inlinable public static func _pow(_ x: Double, _ y: Double) -> Double { libm_pow(x, y) }
  /// √(x² + y²) without undue overflow, by the C library's `hypot`.
  @inlinable public static func _hypot(_ x: Double, _ y: Double) -> Double { libm_hypot(x, y) }
  /// xⁿ, by the C library's `pow(x, Double(n))`: what `pow(x, 7)` gives on a `Double` without
  /// Descent. (Repeated multiplication would differ from it in the last bit for most `x`.)
  @inlinable public static func _pow(_ x: Double, _ n: Int) -> Double { libm_pow(x, Double(n)) }
  /// erf x, by the C library's `erf`.
  @inlinable public static func _erf(_ x: Double) -> Double { libm_erf(x) }
  /// √x, by IEEE square root.
  @inlinable public static func _sqrt(_ x: Double) -> Double { x.squareRoot() }
}

// MARK: - Float

extension Float: RealScalar {
  /// eˣ, by the C library's `expf`.
  @inlinable public static func _exp(_ x: Float) -> Float { expf(x) }
  /// eˣ − 1, accurate for small `x`, by the C library's `expm1f`.
  @inlinable public static func _expMinusOne(_ x: Float) -> Float { expm1f(x) }
  /// ln x, by the C library's `logf`.
  @inlinable public static func _log(_ x: Float) -> Float { logf(x) }
  /// ln(1 + x), accurate for small `x`, by the C library's `log1pf`.
  @inlinable public static func _log(onePlus x: Float) -> Float { log1pf(x) }
  /// sin x, by the C library's `sinf`.
  @inlinable public static func _sin(_ x: Float) -> Float { sinf(x) }
  /// cos x, by the C library's `cosf`.
  @inlinable public static func _cos(_ x: Float) -> Float { cosf(x) }
  /// tan x, by the C library's `tanf`.
  @inlinable public static func _tan(_ x: Float) -> Float { tanf(x) }
  /// arcsin x, by the C library's `asinf`.
  @inlinable public static func _asin(_ x: Float) -> Float { asinf(x) }
  /// arccos x, by the C library's `acosf`.
  @inlinable public static func _acos(_ x: Float) -> Float { acosf(x) }
  /// arctan x, by the C library's `atanf`.
  @inlinable public static func _atan(_ x: Float) -> Float { atanf(x) }
  /// sinh x, by the C library's `sinhf`.
  @inlinable public static func _sinh(_ x: Float) -> Float { sinhf(x) }
  /// cosh x, by the C library's `coshf`.
  @inlinable public static func _cosh(_ x: Float) -> Float { coshf(x) }
  /// tanh x, by the C library's `tanhf`.
  @inlinable public static func _tanh(_ x: Float) -> Float { tanhf(x) }
  /// ∛x, by the C library's `cbrtf`.
  @inlinable public static func _cbrt(_ x: Float) -> Float { cbrtf(x) }
  /// atan2(y, x), the angle of (x, y) in (−π, π], by the C library's `atan2f`.
  @inlinable public static func _atan2(y: Float, x: Float) -> Float { atan2f(y, x) }
  /// xʸ, by the C library's `powf`.
  @inlinable public static func _pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
  /// √(x² + y²) without undue overflow, by the C library's `hypotf`.
  @inlinable public static func _hypot(_ x: Float, _ y: Float) -> Float { hypotf(x, y) }
  /// xⁿ, by the C library's `powf(x, Float(n))`, as `pow(x, 7)` on a `Float` without Descent.
  @inlinable public static func _pow(_ x: Float, _ n: Int) -> Float { powf(x, Float(n)) }
  /// erf x, by the C library's `erff`.
  @inlinable public static func _erf(_ x: Float) -> Float { erff(x) }
  /// √x, by IEEE square root.
  @inlinable public static func _sqrt(_ x: Float) -> Float { x.squareRoot() }
}

// MARK: - The C library

// The C library's double-precision functions under names of their own, so that no generic free
// function of Descent's can be chosen for them inside `extension Double`.
@inlinable func libm_exp(_ x: Double) -> Double { exp(x) }
@inlinable func libm_expm1(_ x: Double) -> Double { expm1(x) }
@inlinable func libm_log(_ x: Double) -> Double { log(x) }
@inlinable func libm_log1p(_ x: Double) -> Double { log1p(x) }
@inlinable func libm_sin(_ x: Double) -> Double { sin(x) }
@inlinable func libm_cos(_ x: Double) -> Double { cos(x) }
@inlinable func libm_tan(_ x: Double) -> Double { tan(x) }
@inlinable func libm_asin(_ x: Double) -> Double { asin(x) }
@inlinable func libm_acos(_ x: Double) -> Double { acos(x) }
@inlinable func libm_atan(_ x: Double) -> Double { atan(x) }
@inlinable func libm_sinh(_ x: Double) -> Double { sinh(x) }
@inlinable func libm_cosh(_ x: Double) -> Double { cosh(x) }
@inlinable func libm_tanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libm_cbrt(_ x: Double) -> Double { cbrt(x) }
@inlinable func libm_atan2(_ y: Double, _ x: Double) -> Double { atan2(y, x) }
@inlinable func libm_pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable func libm_hypot(_ x: Double, _ y: Double) -> Double { hypot(x, y) }
@inlinable func libm_erf(_ x: Double) -> Double { erf(x) }
