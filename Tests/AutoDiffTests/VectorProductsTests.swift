import AutoDiff
import Testing

// Jacobian-vector and vector-Jacobian products (Sources/AutoDiff/VectorProducts.swift).

/// ℝ³ → ℝ⁴ from the composite functions.
private func map3<S: RealScalar>(_ x: [S]) -> [S] {
  [polynomial(x), trigonometry(x), x[0] * x[1] * x[2], division(x)]
}

/// ℝ¹¹ → ℝ⁵: windows of the coupled chain.
private func map11<S: RealScalar>(_ x: [S]) -> [S] {
  (0..<5).map { k in coupledChain(Array(x[(2 * k)..<(2 * k + 3)])) }
}

private func dot(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + $1.0 * $1.1 }
}

@Suite("Jacobian-vector and vector-Jacobian products")
struct VectorProductsTests {
  @Test("⟨u, J v⟩ = ⟨Jᵀ u, v⟩ for random u and v")
  func adjointIdentity() throws {
    var generator = SplitMix64(seed: 7)
    for _ in 0..<10 {
      let x3 = generator.points(3, in: -1...1)
      let (u4, v3) = (generator.points(4, in: -1...1), generator.points(3, in: -1...1))
      let jv = try jacobianVectorProduct(at: x3, along: v3, of: map3)
      let ju = try vectorJacobianProduct(at: x3, along: u4, of: map3)
      #expect(isClose(dot(u4, jv), dot(ju, v3), relative: 1e-13, absolute: 1e-14))

      let x11 = generator.points(11, in: -1...1)
      let (u5, v11) = (generator.points(5, in: -1...1), generator.points(11, in: -1...1))
      let left = dot(u5, try jacobianVectorProduct(at: x11, along: v11, of: map11))
      let right = dot(try vectorJacobianProduct(at: x11, along: u5, of: map11), v11)
      #expect(isClose(left, right, relative: 1e-13, absolute: 1e-14))
    }
  }

  @Test("Along unit vectors: the VJP is a row of J, the JVP a column")
  func rowsAndColumns() throws {
    let x = [0.3, -0.8, 0.55]
    let j = jacobian(at: x, of: map3)
    for i in 0..<4 {
      let e = (0..<4).map { $0 == i ? 1.0 : 0 }
      #expect(try vectorJacobianProduct(at: x, along: e, of: map3) == j[i])
    }
    for k in 0..<3 {
      let e = (0..<3).map { $0 == k ? 1.0 : 0 }
      let column = try jacobianVectorProduct(at: x, along: e, of: map3)
      #expect(isClose(column, j.map { $0[k] }, relative: 1e-13, absolute: 1e-15))
    }
    // The JVP is the vector directional derivative under another name.
    let v = [0.2, 0.1, -1.0]
    #expect(
      try jacobianVectorProduct(at: x, along: v, of: map3)
        == directionalDerivative(at: x, along: v, of: map3))
  }

  @Test("VJP edge cases: outputs that are inputs or constants, repeated outputs, zero weights")
  func vectorJacobianProductEdgeCases() throws {
    let x = [2.0, 3.0]
    // f = (x₀, 5, x₀ x₁, x₀ x₁): the same output twice adds both weights.
    let result = try vectorJacobianProduct(at: x, along: [1, 7, 2, 0.5]) { v in
      let product = v[0] * v[1]
      return [v[0], Variable(constant: 5), product, product]
    }
    #expect(result == [8.5, 5])  // [1 + 2.5 x₁, 2.5 x₀]
    #expect(
      try vectorJacobianProduct(at: x, along: [0, 0]) { v in [v[0] * v[1], v[1]] } == [0, 0])
    #expect(try vectorJacobianProduct(at: x, along: []) { _ in [Variable<Double>]() } == [0, 0])
    let empty: [Double] = []
    #expect(
      try vectorJacobianProduct(at: empty, along: [1]) { _ in [Variable(constant: 1.0)] }.isEmpty)
  }

  @Test("A cotangent with one element too many or too few throws outputCountMismatch")
  func vectorJacobianProductMismatch() {
    for u in [[1.0], [1.0, 2.0, 3.0, 4.0, 5.0]] {
      let expected = AutoDiffError.outputCountMismatch(
        argument: "along", outputs: 4, actual: u.count)
      #expect(throws: expected) {
        try vectorJacobianProduct(at: [0.1, 0.2, 0.3], along: u, of: map3)
      }
    }
    #expect(
      AutoDiffError.outputCountMismatch(argument: "along", outputs: 4, actual: 1).description
        == "`along` has 1 elements but the function returned 4 outputs; pass one element per output."
    )
    // The tape went back to the pool: the next call works.
    #expect(gradient(at: [2.0]) { x in x[0] * x[0] } == [4])
  }

  @Test("A tangent of the wrong length throws sizeMismatch")
  func jacobianVectorProductMismatch() {
    let expected = AutoDiffError.sizeMismatch(argument: "along", expected: 3, actual: 2)
    #expect(throws: expected) {
      try jacobianVectorProduct(at: [0.1, 0.2, 0.3], along: [1, 0], of: map3)
    }
  }
}
