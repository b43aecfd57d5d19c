// Drawing an initializer's values: the same numbers, bit for bit, on every platform.
//
// Every value is computed in `Double` with the basic IEEE operations (+, −, ×, ÷, √), which are
// correctly rounded everywhere, and then rounded once to the element type. The C library's `log`,
// `sin` and `cos` are not correctly rounded and differ by an ulp between platforms, so the
// normal draws use Marsaglia's polar method, whose one logarithm is computed below from the
// basic operations.

extension ParameterInitializer {
  /// Appends the values of a block of `shape` to `values`, drawing from `generator`.
  ///
  /// ``zeros`` and ``constant(_:)`` draw nothing. The uniform initializers draw one number per
  /// value; the normal ones draw pairs (see `standardNormalPair`) and drop the second value of the
  /// last pair of a block of odd size, so that each block starts on a fresh pair.
  func appendValues<T: BinaryFloatingPoint>(
    for shape: ParameterShape, to values: inout [T], using generator: inout SplitMix64
  ) {
    let count = shape.count
    switch self {
    case .zeros:
      values.append(contentsOf: repeatElement(0, count: count))
    case .constant(let c):
      values.append(contentsOf: repeatElement(T(c), count: count))
    case .uniform(let range):
      let width = range.upperBound - range.lowerBound
      for _ in 0..<count {
        values.append(T(range.lowerBound + width * Self.unit(&generator)))
      }
    case .normal(let mean, let deviation):
      Self.appendNormal(count, mean: mean, standardDeviation: deviation, to: &values, &generator)
    case .glorotUniform, .heUniform:
      let (fanIn, fanOut) = Self.fans(shape)
      let bound =
        self == .heUniform
        ? (6 / Double(fanIn)).squareRoot() : (6 / Double(fanIn + fanOut)).squareRoot()
      for _ in 0..<count {
        values.append(T((2 * Self.unit(&generator) - 1) * bound))
      }
    case .glorotNormal, .heNormal:
      let (fanIn, fanOut) = Self.fans(shape)
      let deviation =
        self == .heNormal
        ? (2 / Double(fanIn)).squareRoot() : (2 / Double(fanIn + fanOut)).squareRoot()
      Self.appendNormal(count, mean: 0, standardDeviation: deviation, to: &values, &generator)
    }
  }

  /// (fan_in, fan_out) = (columns, rows) of a matrix.
  static func fans(_ shape: ParameterShape) -> (fanIn: Int, fanOut: Int) {
    guard case .matrix(let rows, let columns) = shape else {
      preconditionFailure("Glorot and He initializers apply to matrix blocks only.")
    }
    return (columns, rows)
  }

  /// u uniform in [0, 1): the top 53 bits of the next output, times 2⁻⁵³.
  static func unit(_ generator: inout SplitMix64) -> Double {
    Double(generator.next() >> 11) * 0x1p-53
  }

  /// Appends `count` values μ + σ·z, z standard normal.
  static func appendNormal<T: BinaryFloatingPoint>(
    _ count: Int, mean: Double, standardDeviation: Double, to values: inout [T],
    _ generator: inout SplitMix64
  ) {
    var remaining = count
    while remaining > 0 {
      let (z0, z1) = standardNormalPair(&generator)
      values.append(T(mean + standardDeviation * z0))
      if remaining > 1 { values.append(T(mean + standardDeviation * z1)) }
      remaining -= 2
    }
  }

  /// Two independent standard normal numbers, by Marsaglia's polar method (Marsaglia & Bray,
  /// 1964): draw (v₁, v₂) uniform in the square [−1, 1)², keep it when s = v₁² + v₂² lies in
  /// (0, 1), and return
  ///
  /// ```
  /// (v₁·√(−2 ln s / s), v₂·√(−2 ln s / s))
  /// ```
  ///
  /// which is exact: the pair is distributed as two independent N(0, 1), with no approximation
  /// beyond rounding. A pair is accepted with probability π/4.
  static func standardNormalPair(_ generator: inout SplitMix64) -> (Double, Double) {
    while true {
      let v1 = 2 * unit(&generator) - 1
      let v2 = 2 * unit(&generator) - 1
      let s = v1 * v1 + v2 * v2
      if s > 0 && s < 1 {
        let factor = (-2 * naturalLogarithm(s) / s).squareRoot()
        return (v1 * factor, v2 * factor)
      }
    }
  }

  /// ln x for a finite x > 0 in the normal range, from the basic IEEE operations only, within a
  /// few ulp.
  ///
  /// With x = m·2ᵉ and m in [√½, √2) (both exact),
  ///
  /// ```
  /// ln x = e·ln 2 + 2·atanh(s),  s = (m − 1)/(m + 1),  |s| ≤ 0.1716
  /// 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + … + s²⁰/21)
  /// ```
  ///
  /// the series truncated where its next term is below 2⁻⁵⁶ of the first; ln 2 is split into a
  /// head with trailing zeros, whose product with e is exact, and a tail (as in fdlibm).
  static func naturalLogarithm(_ x: Double) -> Double {
    var exponent = Double(x.exponent)
    var m = x.significand
    if m > 0x1.6A09E667F3BCDp0 {  // √2
      m /= 2
      exponent += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var series = 1.0 / 21
    for k in stride(from: 9, through: 0, by: -1) {
      series = series * s2 + 1 / Double(2 * k + 1)
    }
    let ln2Head = 0x1.62E42FEE00000p-1
    let ln2Tail = 0x1.A39EF35793C76p-33
    return exponent * ln2Head + (exponent * ln2Tail + 2 * s * series)
  }
}
