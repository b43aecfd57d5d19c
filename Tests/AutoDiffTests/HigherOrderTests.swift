import AutoDiff
import Testing

// Second derivatives (Sources/AutoDiff/HigherOrder.swift): Hessians and Hessian-vector products,
// forward over reverse, against analytic Hessians and central differences of gradients.

/// The analytic Hessian of the benchmark's Rosenbrock function Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²
/// over consecutive pairs (i = 0 … n − 2): ∂²/∂xᵢ² = 1200 xᵢ² − 400 xᵢ₊₁ + 2,
/// ∂²/∂xᵢ∂xᵢ₊₁ = −400 xᵢ, ∂²/∂xᵢ₊₁² = 200.
private func chainedRosenbrockHessian(_ x: [Double]) -> [[Double]] {
  let n = x.count
  var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for i in 0..<(n - 1) {
    h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2
    h[i + 1][i + 1] += 200
    h[i][i + 1] = -400 * x[i]
    h[i + 1][i] = -400 * x[i]
  }
  return h
}

/// Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² over i = 0 … n − 2.
private func chainedRosenbrock<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    total += 100 * a * a + b * b
  }
  return total
}

private struct ChainedRosenbrock: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { chainedRosenbrock(x) }
}

/// x₀ + √x₁ · x₂: infinite second derivatives at x₁ = 0.
private struct RootAtZero: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { x[0] + sqrt(x[1]) * x[2] }
}

private struct Power: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { pow(x[0], x[1]) }
}

/// Every entry of `computed` within `relative` of `expected` (exactly equal where `expected` is
/// zero).
private func matches(_ computed: [[Double]], _ expected: [[Double]], relative: Double) -> Bool {
  guard computed.count == expected.count else { return false }
  for (row, expectedRow) in zip(computed, expected) {
    guard row.count == expectedRow.count else { return false }
    for (value, target) in zip(row, expectedRow) {
      let close = target == 0 ? value == 0 : abs(value - target) <= relative * abs(target)
      if !close { return false }
    }
  }
  return true
}

@Suite("Hessians and Hessian-vector products")
struct HigherOrderTests {
  @Test("Rosenbrock's Hessian equals the analytic one to 1e-12, at n = 2 and n = 100")
  func rosenbrockAnalytic() {
    let spread = (0..<100).map { (i: Int) -> Double in 0.5 + 0.001 * Double(i) }
    let points: [[Double]] = [[-1.2, 1.0], spread, [1.0, 1.0]]
    for x in points {
      let expected = chainedRosenbrockHessian(x)
      let chunked = hessian(at: x, of: ChainedRosenbrock())
      let byColumn = hessian(at: x, of: chainedRosenbrock)
      #expect(matches(chunked, expected, relative: 1e-12), "n = \(x.count)")
      #expect(matches(byColumn, expected, relative: 1e-12), "n = \(x.count)")
    }
    #expect(hessian(at: [-1.2, 1.0], of: ChainedRosenbrock()) == [[1330, 480], [480, 200]])
  }

  @Test(
    "Hessians are symmetric and equal central differences of the gradient",
    arguments: Composite.all)
  func hessianAgainstFiniteDifferences(_ function: Composite) {
    for point in function.points.prefix(4) {
      let h = hessian(at: point, of: function.generic)
      let n = point.count
      let scale = h.joined().reduce(1) { Swift.max($0, $1.magnitude) }
      for i in 0..<n {
        for j in 0..<i {
          #expect(
            abs(h[i][j] - h[j][i]) <= 1e-12 * scale,
            "\(function.name): H[\(i)][\(j)] = \(h[i][j]), H[\(j)][\(i)] = \(h[j][i])")
        }
      }
      // Column j ≈ (∇f(x + h eⱼ) − ∇f(x − h eⱼ)) / 2h.
      for j in 0..<n {
        let column = (0..<n).map { i in
          centralDifference(at: point[j]) { xj in
            var shifted = point
            shifted[j] = xj
            return gradient(at: shifted, of: function.variable)[i]
          }
        }
        for i in 0..<n {
          #expect(
            derivativeError(h[i][j], column[i]) <= 1e-6,
            "\(function.name) at \(point): H[\(i)][\(j)] = \(h[i][j]), central \(column[i])")
        }
      }
      // The one-column-per-sweep form agrees.
      let byColumn = hessian(at: point) { x in function.generic(x) }
      for (row, other) in zip(h, byColumn) {
        #expect(isClose(row, other, relative: 1e-13, absolute: 1e-13 * scale), "\(function.name)")
      }
    }
  }

  @Test("The Hessian-vector product equals H v, without forming H, in both forms")
  func hessianVectorProductEqualsHv() throws {
    var generator = SplitMix64(seed: 42)
    let f = NamedComposite(name: "coupled chain")
    let point = generator.points(11, in: -1...1)
    let v = generator.points(11, in: -1...1)
    let h = hessian(at: point, of: f)
    let expected = h.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    let closure = try hessianVectorProduct(at: point, along: v, of: coupledChain)
    let generic = try hessianVectorProduct(at: point, along: v, of: f)
    #expect(isClose(closure, expected, relative: 1e-12, absolute: 1e-12))
    #expect(closure == generic)
    // Along eⱼ it is column j.
    let e3 = (0..<11).map { $0 == 3 ? 1.0 : 0 }
    let column = try hessianVectorProduct(at: point, along: e3, of: f)
    #expect(isClose(column, h.map { $0[3] }, relative: 1e-13, absolute: 1e-13))
  }

  @Test("A direction of the wrong length throws sizeMismatch, in both forms")
  func hessianVectorProductSizeMismatch() {
    let expected = AutoDiffError.sizeMismatch(argument: "along", expected: 2, actual: 3)
    #expect(throws: expected) {
      try hessianVectorProduct(at: [1.0, 2.0], along: [1, 0, 0], of: chainedRosenbrock)
    }
    #expect(throws: expected) {
      try hessianVectorProduct(at: [1.0, 2.0], along: [1, 0, 0], of: ChainedRosenbrock())
    }
    #expect(
      expected.description
        == "`along` has 3 elements but must have 2, one per input; pass arrays of the same length.")
  }

  @Test("∂²/∂x∂y of xʸ at y = 0 is 1/x: the mixed partial survives the y = 0 special case")
  func powMixedPartialAtZeroExponent() {
    // H of xʸ = [[y(y − 1)xʸ⁻², xʸ⁻¹(1 + y ln x)], [·, xʸ ln² x]]; at (2, 0): [[0, ½], [½, ln² 2]].
    let h = hessian(at: [2.0, 0.0], of: Power())
    #expect(h[0][0] == 0)
    #expect(h[0][1] == 0.5 && h[1][0] == 0.5)
    #expect(isClose(h[1][1], log(2.0) * log(2.0), relative: 1e-15))
    // First derivatives at y = 0 are unchanged: 0 and ln x.
    #expect(gradient(at: [2.0, 0.0]) { x in pow(x[0], x[1]) } == [0, log(2.0)])
  }

  @Test("A Hessian column holding 0 · ∞ is recomputed on Variable<Dual>, as the closure form")
  func hessianZeroTimesInfinity() {
    let point = [1.0, 0.0, 2.0]
    let chunked = hessian(at: point, of: RootAtZero())
    let byColumn = hessian(at: point) { x in RootAtZero()(x) }
    for i in 0..<3 {
      for j in 0..<3 {
        #expect(
          isIdentical(chunked[i][j], byColumn[i][j]), "H[\(i)][\(j)]: \(chunked) vs \(byColumn)")
      }
    }
    #expect(chunked[0] == [0, 0, 0])
  }

  @Test("Edge cases: no inputs, a constant function, one input")
  func edgeCases() {
    let empty: [Double] = []
    #expect(hessian(at: empty, of: ChainedRosenbrock()).isEmpty)
    struct Constant: DifferentiableFunction {
      func callAsFunction<S: RealScalar>(_ x: [S]) -> S { 3 }
    }
    #expect(hessian(at: [1.0, 2.0], of: Constant()) == [[0, 0], [0, 0]])
    struct Cube: DifferentiableFunction {
      func callAsFunction<S: RealScalar>(_ x: [S]) -> S { x[0] * x[0] * x[0] }
    }
    #expect(hessian(at: [2.0], of: Cube()) == [[12]])
  }
}
