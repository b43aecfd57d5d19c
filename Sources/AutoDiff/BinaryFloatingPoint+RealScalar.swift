// The parts of `RealScalar` that every IEEE type implements the same way. The libm calls, which
// differ by type, are in `Double+RealScalar.swift` and `Float+RealScalar.swift`.

extension RealScalar where Self: BinaryFloatingPoint {
  /// The value itself, converted to `Double`.
  @inlinable public var doubleValue: Double { Double(self) }

  /// x + y.
  @inlinable public static func sum(_ x: Self, _ y: Self) -> Self { x + y }
  /// x − y.
  @inlinable public static func difference(_ x: Self, _ y: Self) -> Self { x - y }
  /// x · y.
  @inlinable public static func product(_ x: Self, _ y: Self) -> Self { x * y }
  /// x / y.
  @inlinable public static func quotient(_ x: Self, _ y: Self) -> Self { x / y }
  /// −x.
  @inlinable public static func negation(_ x: Self) -> Self { -x }
  /// |x|.
  @inlinable public static func abs(_ x: Self) -> Self { x.magnitude }

  /// `true` when the value is zero (of either sign).
  @inlinable public var isExactlyZero: Bool { self == 0 }

  /// xⁿ by repeated squaring: exact for small `n`, defined for negative `x`.
  ///
  /// Repeated squaring rounds once per multiplication, so it may differ from `pow(x, Double(n))`
  /// in the last bits for large `n`; `pow(x, 0)` is 1 for every `x`, NaN included, as in C.
  @inlinable
  public static func pow(_ x: Self, _ n: Int) -> Self {
    if n == 0 { return 1 }
    var base = n < 0 ? 1 / x : x
    var exponent = n.magnitude
    var result: Self = 1
    while true {
      if exponent & 1 == 1 { result *= base }
      exponent >>= 1
      if exponent == 0 { return result }
      base *= base
    }
  }

  /// The smaller value; NaN if either is NaN (IEEE 754-2019 `minimum`, as PyTorch's `minimum`).
  @inlinable
  public static func min(_ x: Self, _ y: Self) -> Self {
    if x.isNaN || y.isNaN { return .nan }
    return y < x ? y : x
  }

  /// The larger value; NaN if either is NaN (IEEE 754-2019 `maximum`, as PyTorch's `maximum`).
  @inlinable
  public static func max(_ x: Self, _ y: Self) -> Self {
    if x.isNaN || y.isNaN { return .nan }
    return y > x ? y : x
  }

  /// σ(x) = 1 / (1 + e⁻ˣ), evaluated as eˣ / (1 + eˣ) for negative `x` so neither branch
  /// overflows.
  @inlinable
  public static func sigmoid(_ x: Self) -> Self {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }

  /// ln(1 + eˣ) = max(x, 0) + ln(1 + e^−|x|), which never overflows.
  @inlinable
  public static func softplus(_ x: Self) -> Self {
    if x.isNaN { return x }
    return Swift.max(x, 0) + log(onePlus: exp(-Swift.abs(x)))
  }

  /// max(x, 0); NaN for NaN.
  @inlinable
  public static func relu(_ x: Self) -> Self {
    x > 0 ? x : (x.isNaN ? x : 0)
  }
}
