#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

// The C library's double-precision functions under names that the static requirements of
// `RealScalar` do not shadow inside `extension Double`.
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
