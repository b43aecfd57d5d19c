/// The number the array kernels evaluate the rules table in: `T` itself, except for the
/// elementary functions that ``VectorizedFunctions`` implements for `Float` and `Double` in code
/// the compiler can vectorize.
///
/// The C library's `exp` or `tanh` is a call per element, which no loop around it can vectorize;
/// on an array of a thousand elements the calls cost more than everything else in a small
/// network. Evaluating `Rules.tanh` on this type, rather than writing a second tanh derivative
/// for arrays, keeps the table the only place a derivative is written (tanh′ = 1 − y² there).
///
/// Every other requirement forwards to `T`, so for a `T` without fast functions this type is `T`.
@frozen
@usableFromInline
struct KernelScalar<T: RealScalar>: RealScalar {
  @usableFromInline var base: T

  @inlinable @inline(__always) init(_ base: T) { self.base = base }

  @inlinable @inline(__always) init(_ value: Int) { base = T(value) }
  @inlinable @inline(__always) init<Source: BinaryFloatingPoint>(_ value: Source) {
    base = T(value)
  }
  @inlinable @inline(__always) init(integerLiteral value: T.IntegerLiteralType) {
    base = T(integerLiteral: value)
  }
  @inlinable @inline(__always) init(floatLiteral value: T.FloatLiteralType) {
    base = T(floatLiteral: value)
  }

  @inlinable var doubleValue: Double { base.doubleValue }
  @inlinable var isExactlyZero: Bool { base.isExactlyZero }
  @inlinable var isNaN: Bool { base.isNaN }
  @inlinable var isFinite: Bool { base.isFinite }

  @inlinable @inline(__always) static func == (x: Self, y: Self) -> Bool { x.base == y.base }
  @inlinable @inline(__always) static func < (x: Self, y: Self) -> Bool { x.base < y.base }

  @inlinable @inline(__always) static func + (x: Self, y: Self) -> Self {
    Self(x.base + y.base)
  }
  @inlinable @inline(__always) static func - (x: Self, y: Self) -> Self {
    Self(x.base - y.base)
  }
  @inlinable @inline(__always) static func * (x: Self, y: Self) -> Self {
    Self(x.base * y.base)
  }
  @inlinable @inline(__always) static func / (x: Self, y: Self) -> Self {
    Self(x.base / y.base)
  }
  @inlinable @inline(__always) static prefix func - (x: Self) -> Self {
    Self(-x.base)
  }
  @inlinable @inline(__always) static func += (x: inout Self, y: Self) { x = x + y }
  @inlinable @inline(__always) static func -= (x: inout Self, y: Self) { x = x - y }
  @inlinable @inline(__always) static func *= (x: inout Self, y: Self) { x = x * y }
  @inlinable @inline(__always) static func /= (x: inout Self, y: Self) { x = x / y }
  @inlinable @inline(__always) var magnitude: Self { Self(base.magnitude) }
  @inlinable @inline(__always) init?<Source: BinaryInteger>(exactly source: Source) {
    guard let value = T(exactly: source) else { return nil }
    base = value
  }

  @inlinable @inline(__always) static func _exp(_ x: Self) -> Self {
    Self(VectorizedFunctions.exp(x.base))
  }
  @inlinable @inline(__always) static func _expMinusOne(_ x: Self) -> Self {
    Self(VectorizedFunctions.expMinusOne(x.base))
  }
  @inlinable @inline(__always) static func _log(_ x: Self) -> Self { Self(T._log(x.base)) }
  @inlinable @inline(__always) static func _log(onePlus x: Self) -> Self {
    Self(T._log(onePlus: x.base))
  }
  @inlinable @inline(__always) static func _sin(_ x: Self) -> Self { Self(T._sin(x.base)) }
  @inlinable @inline(__always) static func _cos(_ x: Self) -> Self { Self(T._cos(x.base)) }
  @inlinable @inline(__always) static func _tan(_ x: Self) -> Self { Self(T._tan(x.base)) }
  @inlinable @inline(__always) static func _asin(_ x: Self) -> Self { Self(T._asin(x.base)) }
  @inlinable @inline(__always) static func _acos(_ x: Self) -> Self { Self(T._acos(x.base)) }
  @inlinable @inline(__always) static func _atan(_ x: Self) -> Self { Self(T._atan(x.base)) }
  @inlinable @inline(__always) static func _atan2(y: Self, x: Self) -> Self {
    Self(T._atan2(y: y.base, x: x.base))
  }
  @inlinable @inline(__always) static func _sinh(_ x: Self) -> Self { Self(T._sinh(x.base)) }
  @inlinable @inline(__always) static func _cosh(_ x: Self) -> Self { Self(T._cosh(x.base)) }
  @inlinable @inline(__always) static func _tanh(_ x: Self) -> Self {
    Self(VectorizedFunctions.tanh(x.base))
  }
  @inlinable @inline(__always) static func _pow(_ x: Self, _ y: Self) -> Self {
    Self(T._pow(x.base, y.base))
  }
  @inlinable @inline(__always) static func _pow(_ x: Self, _ n: Int) -> Self {
    Self(T._pow(x.base, n))
  }
  @inlinable @inline(__always) static func _sqrt(_ x: Self) -> Self { Self(T._sqrt(x.base)) }
  @inlinable @inline(__always) static func _cbrt(_ x: Self) -> Self { Self(T._cbrt(x.base)) }
  @inlinable @inline(__always) static func _hypot(_ x: Self, _ y: Self) -> Self {
    Self(T._hypot(x.base, y.base))
  }
  @inlinable @inline(__always) static func _min(_ x: Self, _ y: Self) -> Self {
    Self(T._min(x.base, y.base))
  }
  @inlinable @inline(__always) static func _max(_ x: Self, _ y: Self) -> Self {
    Self(T._max(x.base, y.base))
  }
  @inlinable @inline(__always) static func _sigmoid(_ x: Self) -> Self {
    Self(VectorizedFunctions.sigmoid(x.base))
  }
  @inlinable @inline(__always) static func _softplus(_ x: Self) -> Self {
    Self(T._softplus(x.base))
  }
  @inlinable @inline(__always) static func _relu(_ x: Self) -> Self { Self(T._relu(x.base)) }
  @inlinable @inline(__always) static func _erf(_ x: Self) -> Self { Self(T._erf(x.base)) }
}

/// Elementary functions for the array kernels: for `Float` and `Double`, implementations that
/// the compiler can vectorize; for any other `RealScalar`, the type's own function.
///
/// The C library computes one element per call, and a loop around a call cannot be vectorized.
/// These are written as straight-line arithmetic on the value and its bits, without calls or
/// branches, so that a loop of them runs two `Double`s or four `Float`s per instruction.
///
/// Accuracy: within 2 ulp of the correctly rounded result for `Double` and `Float` over the
/// whole range (tested against the C library, see `VectorizedFunctionsTests`); special values
/// as in C (tanh(±∞) = ±1, tanh(±0) = ±0, NaN in, NaN out).
@usableFromInline
enum VectorizedFunctions {
  @inlinable @inline(__always)
  static func exp<T: RealScalar>(_ x: T) -> T { T._exp(x) }

  @inlinable @inline(__always)
  static func expMinusOne<T: RealScalar>(_ x: T) -> T { T._expMinusOne(x) }

  @inlinable @inline(__always)
  static func tanh<T: RealScalar>(_ x: T) -> T {
    if T.self == Double.self {
      return unsafeBitCast(tanh(unsafeBitCast(x, to: Double.self)), to: T.self)
    }
    if T.self == Float.self {
      return unsafeBitCast(tanh(unsafeBitCast(x, to: Float.self)), to: T.self)
    }
    return T._tanh(x)
  }

  @inlinable @inline(__always)
  static func sigmoid<T: RealScalar>(_ x: T) -> T { T._sigmoid(x) }

  // MARK: - Double

  /// eʸ − 1 for y ≤ 0, clamped below at −60 (where it is −1 to double precision).
  ///
  /// y = k ln 2 + r with |r| ≤ ln 2 / 2 (Cody and Waite's two-part ln 2, so r is exact to a few
  /// ulp), eʳ − 1 by its Taylor series to r¹³ (the first omitted term is below 2⁻⁵³ r), then
  /// eʸ − 1 = 2ᵏ (eʳ − 1) + (2ᵏ − 1), with 2ᵏ made from k's bits.
  @inlinable @inline(__always)
  static func expMinusOneOfNonPositive(_ y: Double) -> Double {
    let clamped = y < -60 ? -60 : y
    // Round y / ln 2 to the nearest integer by adding 1.5 · 2⁵²: k sits in the low bits.
    let shifter = 6_755_399_441_055_744.0
    let rounded = clamped * 1.4426950408889634 + shifter
    let k = rounded - shifter
    let r = (clamped - k * 6.93147180369123816490e-01) - k * 1.90821492927058770002e-10
    // (eʳ − 1 − r) / r² = Σₙ rⁿ / (n + 2)!, n = 0…11, by Estrin's scheme: independent pairs,
    // then pairs of pairs, so that the additions need not wait on one another in a chain.
    let r2 = r * r
    let r4 = r2 * r2
    let r8 = r4 * r4
    let q0 = 1.0 / 2 + r * (1.0 / 6)
    let q1 = 1.0 / 24 + r * (1.0 / 120)
    let q2 = 1.0 / 720 + r * (1.0 / 5040)
    let q3 = 1.0 / 40_320 + r * (1.0 / 362_880)
    let q4 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800)
    let q5 = 1.0 / 479_001_600 + r * (1.0 / 6_227_020_800)
    let p = ((q0 + r2 * q1) + r4 * (q2 + r2 * q3)) + r8 * (q4 + r2 * q5)
    let expm1r = r + (r * r) * p
    // 2ᵏ: k + 1023 in the exponent field.
    let scale = Double(
      bitPattern: (rounded.bitPattern &- shifter.bitPattern &+ 1023) << 52)
    return scale * expm1r + (scale - 1)
  }

  /// tanh x = sign x · (−e / (2 + e)) with e = e^(−2|x|) − 1, which is accurate near 0 (no
  /// cancellation: e ≈ −2|x|) and saturates to ±1 (e = −1) beyond |x| ≈ 19.
  @inlinable @inline(__always)
  static func tanh(_ x: Double) -> Double {
    let e = expMinusOneOfNonPositive(-2 * x.magnitude)
    let magnitude = -e / (2 + e)
    return Double(signOf: x, magnitudeOf: magnitude)
  }

  // MARK: - Float

  /// eʸ − 1 for y ≤ 0 in `Float`, clamped below at −30; as for `Double`, with the series to r⁸.
  @inlinable @inline(__always)
  static func expMinusOneOfNonPositive(_ y: Float) -> Float {
    let clamped = y < -30 ? -30 : y
    let shifter: Float = 12_582_912  // 1.5 · 2²³
    let rounded = clamped * 1.44269504 + shifter
    let k = rounded - shifter
    let r = (clamped - k * 0.693145752) - k * 1.42860677e-06
    let r2 = r * r
    let r4 = r2 * r2
    let q0: Float = 1.0 / 2 + r * (1.0 / 6)
    let q1: Float = 1.0 / 24 + r * (1.0 / 120)
    let q2: Float = 1.0 / 720 + r * (1.0 / 5040)
    let p = (q0 + r2 * q1) + r4 * (q2 + r2 * (1.0 / 40_320))
    let expm1r = r + (r * r) * p
    let scale = Float(bitPattern: (rounded.bitPattern &- shifter.bitPattern &+ 127) << 23)
    return scale * expm1r + (scale - 1)
  }

  /// tanh x in `Float`, as for `Double`.
  @inlinable @inline(__always)
  static func tanh(_ x: Float) -> Float {
    let e = expMinusOneOfNonPositive(-2 * x.magnitude)
    let magnitude = -e / (2 + e)
    return Float(signOf: x, magnitudeOf: magnitude)
  }
}
