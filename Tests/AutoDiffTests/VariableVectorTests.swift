import AutoDiff
import Testing

// VariableVector and VariableMatrix themselves (Sources/AutoDiff/Arrays/API/VariableVector.swift,
// VariableMatrix.swift): construction, values, slices and their edge cases, broadcasting shapes,
// mixing with scalar variables and constants, the conventions at non-differentiable points,
// and the exactness of fused linear combinations.

@Suite("VariableVector and VariableMatrix")
struct VariableVectorTests {
  // MARK: - Construction and values

  @Test("Constants: values, shape, no tape, computed at once")
  func constants() {
    let v = VariableVector(constant: [1.0, 2, 3])
    #expect(v.count == 3)
    #expect(!v.isTracked)
    #expect(v.values == [1, 2, 3])
    let affine = 2 * v - 1
    #expect(affine.values == [1, 3, 5])
    #expect(sum(v * v).value == 14)
    #expect(!sum(v).isTracked)
    let m = VariableMatrix(constant: [[1.0, 2], [3, 4], [5, 6]])
    #expect(m.rows == 3 && m.columns == 2 && m.count == 6)
    #expect(m.transposed().values == [1, 3, 5, 2, 4, 6])
    #expect(matmul(m, VariableVector(constant: [1.0, -1])).values == [-1, -1, -1])
    #expect("\(v)" == "VariableVector(constant: [1.0, 2.0, 3.0])")
  }

  @Test("Literals are one-element constants that broadcast")
  func literals() {
    let one: VariableVector<Double> = 1
    let half: VariableVector<Double> = 0.5
    #expect(one.count == 1 && one.values == [1])
    #expect(half.values == [0.5])
    let g = VariableVector.gradient(at: [1.0, 2, 3]) { (x: VariableVector<Double>) in
      let y = 2 * x - 1
      return sum(y + x / 4)
    }
    #expect(g == [2.25, 2.25, 2.25])
    let m: VariableMatrix<Double> = 3
    #expect(m.rows == 1 && m.columns == 1)
  }

  @Test("Vectors of variables: the gradient flows to each variable, constants stay constant")
  func vectorsOfVariables() {
    let g = gradient(at: [1.0, 2, 3]) { x in
      let v = VariableVector([x[0], Variable(constant: 10), x[2]])
      #expect(v.isTracked)
      #expect(v.values == [1, 10, 3])
      #expect(!v[1].isTracked)
      return sum(v * v) + x[1]
    }
    #expect(g == [2, 1, 6])
    // From a slice of the inputs.
    #expect(gradient(at: [1.0, 2, 3]) { x in squaredNorm(VariableVector(x[1...])) } == [0, 4, 6])
  }

  @Test("A scalar variable as a one-element vector broadcasts")
  func scalarBroadcast() {
    let data = VariableVector(constant: [1.0, 2, 3])
    let (value, g) = valueWithGradient(at: [2.0, 0.5]) { p in
      let m = VariableVector(p[0])
      let b = VariableVector(p[1])
      return sum(m * data + b)
    }
    #expect(value == 13.5)
    #expect(g == [6, 3])
    // A constant scalar variable is a constant vector.
    #expect(!VariableVector(Variable(constant: 2.0)).isTracked)
  }

  @Test("Reductions and elements are scalar variables that go on in scalar code")
  func reductionsMixWithScalars() {
    let g = gradient(at: [1.0, 2, 3]) { x in
      let v = VariableVector(x)
      let s = sum(v)  // 6
      let e = (v * v)[2]  // 9, a computed element
      return s * e + v[0] * sin(s)
    }
    let expected = gradient(at: [1.0, 2, 3]) { x in
      let s = x[0] + x[1] + x[2]
      return s * (x[2] * x[2]) + x[0] * sin(s)
    }
    #expect(isClose(g, expected, relative: 1e-14))
  }

  // MARK: - Slices

  @Test("Slices: x[1...], x[..<n−1], empty, one element, the whole")
  func slices() {
    let g = VariableVector.gradient(at: [1.0, 2, 3, 4]) { x in
      let n = x.count
      let tail = x[1...]
      let head = x[..<(n - 1)]
      #expect(tail.count == 3 && head.count == 3)
      #expect(x[2..<2].count == 0)
      #expect(x[3...].count == 1)
      #expect(x[...].count == 4)
      #expect(sum(x[4...]).value == 0)
      return dot(tail, head) + sum(x[3...])
    }
    // ∂/∂xᵢ of x₀x₁ + x₁x₂ + x₂x₃ + x₃.
    #expect(g == [2, 4, 6, 4])
  }

  @Test("A slice of a computed vector evaluates it, then shares its storage")
  func sliceOfComputedVector() {
    let g = VariableVector.gradient(at: [0.5, 1.0, 1.5]) { x in
      let y = exp(x)
      return sum(y[1...] * y[..<2])
    }
    let expected = gradient(at: [0.5, 1.0, 1.5]) { x in
      exp(x[1]) * exp(x[0]) + exp(x[2]) * exp(x[1])
    }
    #expect(isClose(g, expected, relative: 1e-14))
  }

  @Test("Empty and one-element vectors")
  func emptyAndSingle() {
    let empty = VariableVector<Double>(constant: [])
    #expect(sum(empty).value == 0)
    #expect(mean(empty).value.isNaN)
    #expect(squaredNorm(empty).value == 0)
    #expect((empty + 1).count == 0)
    let (value, g) = VariableVector.valueWithGradient(at: [Double]()) { x in sum(exp(x)) + 1 }
    #expect(value == 1 && g == [])
    let single = VariableVector.valueWithGradient(at: [2.0]) { x in sum(x * x * x) }
    #expect(single.value == 8 && single.gradient == [12])
    // One element against one element: the same shape, no broadcasting needed.
    #expect(
      VariableVector.gradient(at: [3.0]) { x in sum(x * VariableVector(constant: [2.0])) } == [2])
  }

  // MARK: - Broadcasting shapes

  @Test("Matrix broadcasting: a row over every row, a column across every row, an element")
  func matrixShapes() {
    let m = VariableMatrix(constant: [[1.0, 2, 3], [4, 5, 6]])
    #expect((m + VariableMatrix(constant: [[10.0, 20, 30]])).values == [11, 22, 33, 14, 25, 36])
    #expect((m * VariableMatrix(constant: [[2.0], [-1]])).values == [2, 4, 6, -4, -5, -6])
    #expect((m - 1).values == [0, 1, 2, 3, 4, 5])
    #expect((VariableMatrix(constant: [[1.0], [2]]) - m).values == [0, -1, -2, -2, -3, -4])
    // The bias gradient of a layer is the sum over rows.
    let g = VariableVector.gradient(at: [0, 0, 0]) { b in
      sum(m * (m + b.reshaped(rows: 1, columns: 3)))
    }
    #expect(g == [5, 7, 9])
  }

  // MARK: - Linear combinations

  @Test("A fused linear combination gives exactly the values of the scalar expression")
  func linearCombinationExact() {
    var generator = SplitMix64(seed: 11)
    let xs = generator.points(200, in: -3...3)
    let ys = generator.points(200, in: -3...3)
    let zs = generator.points(200, in: -3...3)
    let x = VariableVector(constant: xs)
    let y = VariableVector(constant: ys)
    let z = VariableVector(constant: zs)
    _ = gradient(at: [0.37, -1.3]) { p in
      let m = VariableVector(p[0])
      let b = VariableVector(p[1])
      let combination = m * x + b - y + 2 * z
      let negated = -(x - 0.1 * y)
      let (mValue, bValue) = (p[0].value, p[1].value)
      var expected: [Double] = []
      var expectedNegated: [Double] = []
      for i in 0..<200 {
        let line: Double = mValue * xs[i] + bValue - ys[i]
        expected.append(line + 2 * zs[i])
        let difference: Double = xs[i] - 0.1 * ys[i]
        expectedNegated.append(-difference)
      }
      #expect(combination.values == expected)
      #expect(negated.values == expectedNegated)
      return sum(combination)
    }
  }

  // MARK: - Conventions

  @Test("Conventions at non-differentiable points are those of scalars")
  func conventions() {
    // abs′(0) = 0, relu′(0) = 0, a tie in max splits evenly.
    #expect(VariableVector.gradient(at: [0.0, -1, 2]) { x in sum(abs(x)) } == [0, -1, 1])
    #expect(VariableVector.gradient(at: [0.0, -1, 2]) { x in sum(relu(x)) } == [0, 0, 1])
    #expect(
      VariableVector.gradient(at: [1.0, 1, 3, 2]) { x in sum(max(x[0..<2], x[2...])) }
        == [0, 0, 1, 1])
    #expect(
      VariableVector.gradient(at: [2.0, 2]) { x in sum(max(x[..<1], x[1...])) } == [0.5, 0.5])
    // A value that does not reach the output never turns an infinite partial into NaN.
    let unused = VariableVector.gradient(at: [0.0, 1]) { (x: VariableVector<Double>) in
      sum(sqrt(x) * 0 + 2 * x)
    }
    #expect(unused == [2, 2])
    // NaN propagates.
    let g = VariableVector.gradient(at: [.nan, 1]) { x in sum(x * x) }
    #expect(g[0].isNaN && g[1] == 2)
  }

  // MARK: - RealScalar vocabulary

  @Test("Generic costs written for RealScalar run on whole vectors")
  func genericCosts() {
    func huberLike<S: RealScalar>(_ r: S) -> S { sqrt(1 + r * r) - 1 }
    let g = VariableVector.gradient(at: [0.5, -2, 3]) { x in sum(huberLike(x)) }
    let expected = gradient(at: [0.5, -2, 3]) { x in
      huberLike(x[0]) + huberLike(x[1]) + huberLike(x[2])
    }
    #expect(isClose(g, expected, relative: 1e-15))
    let v = VariableVector(constant: [1.0, 2])
    #expect(v == VariableVector(constant: [1.0, 2]))
    #expect(v != VariableVector(constant: [1.0, 3]))
    #expect(VariableVector(constant: [1.0]) < VariableVector(constant: [2.0]))
    #expect(VariableVector(constant: [0.0, -0.0]).isExactlyZero)
    #expect(VariableVector(constant: [1.0, .nan]).isNaN)
    #expect(!VariableVector(constant: [1.0, .infinity]).isFinite)
    #expect(VariableVector(constant: [2.5]).doubleValue == 2.5)
  }

  @Test("A negated sum keeps the sign of an exact zero, as in plain Double")
  func negatedCombinationSignOfZero() {
    // −(x − x) is −0; distributed as −x + x it would be +0, and atan2(−0, −1) = −π while
    // atan2(+0, −1) = π. The expression fuzzer found this (seed 3, tree 97156).
    let x = [-1.5, 2.0, 0.25]
    var values: [Double] = []
    let gradient = VariableVector.gradient(at: x) { v in
      let y = atan2(-(v - v), -VariableVector(constant: [1.0, 1, 1]))
      values = y.values
      return sum(y * v)
    }
    #expect(values.allSatisfy { $0 == -Double.pi })
    let scalar = valueWithGradient(at: x) { v in
      var total: Variable<Double> = 0
      for element in v { total += atan2(-(element - element), Variable(constant: -1)) * element }
      return total
    }
    #expect(isClose(gradient, scalar.gradient, relative: 1e-15, absolute: 1e-15))
    // One term is still folded into its coefficient, exactly: −(2 v) = (−2) v, −0 included.
    let single = (-(2 * VariableVector(constant: [0.0, 1]))).values
    #expect(single[0] == 0 && single[0].sign == .minus && single[1] == -2)
  }

  @Test("A zero partial sends nothing back against an infinite adjoint, as in the scalar sweep")
  func zeroPartialAgainstInfiniteAdjoint() {
    // At x = 1000, exp overflows: cosh′(∞) = ∞ meets ∛′(∞) = 0. The scalar sweep gives 0 for
    // 0 · ∞ (see Conventions); the array kernels gave NaN until the fuzzer found it.
    let x = [1000.0, 0.5]
    let array = VariableVector.gradient(at: x) { v in sum(cosh(cbrt(exp(v)))) }
    let scalar = gradient(at: x) { v in cosh(cbrt(exp(v[0]))) + cosh(cbrt(exp(v[1]))) }
    #expect(array[0] == 0 && scalar[0] == 0)
    #expect(isClose(array[1], scalar[1], relative: 1e-14, absolute: 0))
    // Stored partials (the backward step of an evaluated expression) follow the same rule.
    let stored = VariableVector.gradient(at: x) { v in
      let y = cosh(cbrt(exp(v)))
      _ = y.values
      return sum(y)
    }
    #expect(stored[0] == 0 && isClose(stored[1], scalar[1], relative: 1e-14, absolute: 0))
  }
}
