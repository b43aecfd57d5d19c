import AutoDiff

// The alternative storage for a multi-tangent dual that `MultiDual` (InlineArray) was measured
// against: the N tangents in one SIMD vector. It takes its derivatives from the same rules
// through `_DerivativeCarrier` and, like `MultiDual`, leaves 0 · ∞ to IEEE arithmetic; only the
// storage and the tangent loops differ. `MultiDual` was kept: as fast at N = 2, a little slower
// at N = 4, 2.5 to 3 times faster at N = 8 and 16, and able to hold any `RealScalar` (nesting).

/// A value and the tangents of a SIMD vector, for the storage comparison only.
struct SIMDDual<V: SIMD>: _DerivativeCarrier
where V.Scalar: BinaryFloatingPoint & RealScalar {
  typealias Base = V.Scalar
  var value: V.Scalar
  var tangents: V

  @inline(__always) init(_ value: V.Scalar, tangents: V) {
    self.value = value
    self.tangents = tangents
  }
  @inline(__always) init(constant value: V.Scalar) { self.init(value, tangents: V()) }

  @inline(__always)
  static func _apply(_ x: Self, _ rule: (Base) -> (value: Base, derivative: Base)) -> Self {
    let (value, derivative) = rule(x.value)
    return Self(value, tangents: derivative * x.tangents)
  }

  @inline(__always)
  static func _apply(
    _ x: Self, _ y: Self, _ rule: (Base, Base) -> (value: Base, dx: Base, dy: Base)
  )
    -> Self
  {
    let (value, dx, dy) = rule(x.value, y.value)
    return Self(value, tangents: dx * x.tangents + dy * y.tangents)
  }
}

extension SIMDDual: RealScalar {
  // Comparisons, literals and conversions come from `_DerivativeCarrier`.
  var isExactlyZero: Bool { value == 0 && tangents == V() }
  // Arithmetic, as every carrier declares it (see `_DerivativeCarrier`).
  static func + (lhs: Self, rhs: Self) -> Self { _sum(lhs, rhs) }
  static func - (lhs: Self, rhs: Self) -> Self { _difference(lhs, rhs) }
  static func * (lhs: Self, rhs: Self) -> Self { _product(lhs, rhs) }
  static func / (lhs: Self, rhs: Self) -> Self { _quotient(lhs, rhs) }
  static prefix func - (operand: Self) -> Self { _negation(operand) }
  static func += (lhs: inout Self, rhs: Self) { lhs = lhs + rhs }
  static func -= (lhs: inout Self, rhs: Self) { lhs = lhs - rhs }
  static func *= (lhs: inout Self, rhs: Self) { lhs = lhs * rhs }
  static func /= (lhs: inout Self, rhs: Self) { lhs = lhs / rhs }
}

func benchmarkTangentStorage() {
  // linreg_grad's cost with its 2 tangents in either storage, against the hand-written gradient.
  let data = LinearRegressionData(count: 1_000_000)
  let hand = medianSeconds {
    let (value, dm, db) = meanSquaredErrorByHand(m: 0.5, b: -1, x: data.x, y: data.y)
    sink += value + dm + db
  }
  let inline = medianSeconds {
    let p = [
      MultiDual<Double, 2>(0.5, tangents: [1, 0]), MultiDual<Double, 2>(-1, tangents: [0, 1]),
    ]
    let y = meanSquaredError(p, x: data.x, y: data.y)
    sink += y.value + y.tangents[0] + y.tangents[1]
  }
  let simd = medianSeconds {
    let p = [
      SIMDDual<SIMD2<Double>>(0.5, tangents: [1, 0]),
      SIMDDual<SIMD2<Double>>(-1, tangents: [0, 1]),
    ]
    let y = meanSquaredError(p, x: data.x, y: data.y)
    sink += y.value + y.tangents[0] + y.tangents[1]
  }
  for (variant, seconds) in [("inline_array", inline), ("simd", simd)] {
    Measurement(
      workload: "tangent_storage_linreg", variant: variant, medianSeconds: seconds,
      fields: [("chunk_size", 2), ("ratio_to_hand", ratio(seconds, hand))]
    ).print()
  }

  // One evaluation of the extended Rosenbrock function (n = 10 000) carrying N tangents, against
  // one plain evaluation.
  let n = 10_000
  let x = (0..<n).map { (i: Int) -> Double in 0.5 + 0.001 * Double(i) }
  let plain = medianSeconds(samples: 9) { sink += rosenbrock(x) }
  func inlinePass<let N: Int>(_: MultiDual<Double, N>.Type) -> Double {
    var seeded = x.map { MultiDual<Double, N>(constant: $0) }
    for k in 0..<N { seeded[k].tangents[k] = 1 }
    return medianSeconds(samples: 9) { sink += rosenbrock(seeded).tangents[N - 1] }
  }
  func simdPass<V: SIMD>(_: V.Type) -> Double where V.Scalar == Double {
    var seeded = x.map { SIMDDual<V>(constant: $0) }
    for k in 0..<V.scalarCount { seeded[k].tangents[k] = 1 }
    return medianSeconds(samples: 9) { sink += rosenbrock(seeded).tangents[0] }
  }
  let passes: [(Int, Double, Double)] = [
    (2, inlinePass(MultiDual<Double, 2>.self), simdPass(SIMD2<Double>.self)),
    (4, inlinePass(MultiDual<Double, 4>.self), simdPass(SIMD4<Double>.self)),
    (8, inlinePass(MultiDual<Double, 8>.self), simdPass(SIMD8<Double>.self)),
    (16, inlinePass(MultiDual<Double, 16>.self), simdPass(SIMD16<Double>.self)),
  ]
  for (size, inline, simd) in passes {
    for (variant, seconds) in [("inline_array", inline), ("simd", simd)] {
      Measurement(
        workload: "tangent_storage_rosenbrock", variant: variant, medianSeconds: seconds,
        fields: [
          ("chunk_size", size), ("ratio_to_plain", ratio(seconds, plain)),
          ("ratio_to_plain_per_direction", ratio(seconds / Double(size), plain)),
        ]
      ).print()
    }
  }
}
