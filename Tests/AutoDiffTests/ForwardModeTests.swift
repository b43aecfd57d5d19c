import AutoDiff
import Testing

// The forward-mode entry points (Sources/AutoDiff/ForwardMode.swift): values, derivatives,
// directional derivatives, argument checking, and duals nested for higher derivatives.

private struct Stop: Error, Equatable {}

@Suite("Forward mode")
struct ForwardModeTests {
  // MARK: - Values and derivatives

  @Test("valueWithDerivative returns f(x) and f′(x)")
  func valueWithDerivativeOfOneVariable() {
    let x = 0.5
    let result = valueWithDerivative(at: x) { x in sin(x) * exp(x) }
    #expect(result.value == sin(x) * exp(x))
    #expect(isClose(result.derivative, (cos(x) + sin(x)) * exp(x), relative: 1e-15))
    #expect(derivative(at: 2.0) { x in x * x * x } == 12)
    #expect(derivative(at: Float(2)) { x in x * x * x } == 12)
  }

  @Test("valueWithDirectionalDerivative returns f(x) and ∇f(x) · v for an unnormalized v")
  func directionalDerivativeOfScalarFunction() throws {
    // f = x₀² x₁ + 3 x₂, ∇f = (2 x₀ x₁, x₀², 3).
    let point = [1.5, -2.0, 4.0]
    let direction = [2.0, 0.5, -1.0]
    let result = try valueWithDirectionalDerivative(at: point, along: direction) { x in
      x[0] * x[0] * x[1] + 3 * x[2]
    }
    let gradient: [Double] = [2 * 1.5 * -2, 1.5 * 1.5, 3]
    let expected = zip(gradient, direction).map { $0 * $1 }.reduce(0, +)
    #expect(result.value == 7.5)
    #expect(result.derivative == expected)
    let derivativeOnly = try directionalDerivative(at: point, along: direction) {
      (x: [Dual<Double>]) in x[0] * x[0] * x[1] + 3 * x[2]
    }
    #expect(derivativeOnly == result.derivative)
  }

  @Test("The vector form returns f(x) and the Jacobian-vector product J(x) v")
  func jacobianVectorProduct() throws {
    let result = try valueWithDirectionalDerivative(at: [1.0, 2.0], along: [1, 1]) { x in
      [x[0] * x[1], x[0] - x[1], exp(x[0])]
    }
    #expect(result.value == [2, -1, exp(1.0)])
    #expect(result.derivative == [3, 0, exp(1.0)])
    let derivativeOnly = try directionalDerivative(at: [1.0, 2.0], along: [1, 1]) { x in
      [x[0] * x[1], x[0] - x[1], exp(x[0])]
    }
    #expect(derivativeOnly == result.derivative)
    // No outputs: empty values and derivatives.
    let none = try valueWithDirectionalDerivative(at: [1.0], along: [1]) { _ in [Dual<Double>]() }
    #expect(none.value.isEmpty && none.derivative.isEmpty)
  }

  @Test("The zero direction gives a zero derivative")
  func zeroDirection() throws {
    let d = try directionalDerivative(at: [0.3, 0.4], along: [0, 0]) { x in
      exp(x[0]) / x[1]
    }
    #expect(d == 0)
  }

  // MARK: - Argument checking

  @Test("A direction of the wrong length throws sizeMismatch, in all four forms")
  func sizeMismatch() {
    let expected = AutoDiffError.sizeMismatch(argument: "along", expected: 2, actual: 3)
    let point = [1.0, 2.0]
    let direction = [1.0, 0.0, 0.0]
    #expect(throws: expected) {
      try directionalDerivative(at: point, along: direction) { x in x[0] * x[1] }
    }
    #expect(throws: expected) {
      try valueWithDirectionalDerivative(at: point, along: direction) { x in x[0] * x[1] }
    }
    #expect(throws: expected) {
      try directionalDerivative(at: point, along: direction) { x in [x[0], x[1]] }
    }
    #expect(throws: expected) {
      try valueWithDirectionalDerivative(at: point, along: direction) { x in [x[0], x[1]] }
    }
    #expect(throws: AutoDiffError.sizeMismatch(argument: "along", expected: 2, actual: 0)) {
      try directionalDerivative(at: point, along: []) { x in x[0] }
    }
  }

  @Test("The size-mismatch message says what to change")
  func sizeMismatchMessage() {
    let error = AutoDiffError.sizeMismatch(argument: "along", expected: 2, actual: 3)
    #expect(
      error.description
        == "`along` has 3 elements but must have 2, one per input; pass arrays of the same length.")
    do {
      _ = try directionalDerivative(at: [1.0], along: [1, 1]) { x in x[0] }
      Issue.record("no error thrown")
    } catch {
      #expect("\(error)".contains("`along` has 2 elements but must have 1"))
    }
  }

  @Test("An error thrown by the function is rethrown")
  func rethrowsErrors() {
    #expect(throws: Stop()) {
      try derivative(at: 1.0) { (_: Dual<Double>) throws -> Dual<Double> in throw Stop() }
    }
    #expect(throws: Stop()) {
      try directionalDerivative(at: [1.0], along: [1]) {
        (_: [Dual<Double>]) throws -> Dual<Double> in throw Stop()
      }
    }
  }

  // MARK: - Nesting

  @Test("Dual<Dual<Double>> gives the second derivative")
  func secondDerivative() {
    // f = x sin x, f′ = sin x + x cos x, f″ = 2 cos x − x sin x.
    let x = 0.9
    let second = derivative(at: x) { (y: Dual<Double>) in
      derivative(at: y) { z in z * sin(z) }
    }
    #expect(isClose(second, 2 * cos(x) - x * sin(x), relative: 1e-14))
  }

  @Test("Forward over reverse: Variable<Dual<Double>> gives a Hessian-vector product")
  func forwardOverReverse() throws {
    // f = x₀² x₁ + sin x₁, H = [[2x₁, 2x₀], [2x₀, −sin x₁]].
    let point = [1.5, 0.5]
    let direction = [1.0, -2.0]
    let seeded = zip(point, direction).map { Dual($0, tangent: $1) }
    let g = gradient(at: seeded) { x in x[0] * x[0] * x[1] + sin(x[1]) }
    let hv = g.map(\.tangent)
    let expected0 = 2 * point[1] * direction[0] + 2 * point[0] * direction[1]
    let expected1 = 2 * point[0] * direction[0] - sin(point[1]) * direction[1]
    #expect(isClose(hv, [expected0, expected1], relative: 1e-14))
    #expect(g.map(\.value) == gradient(at: point) { x in x[0] * x[0] * x[1] + sin(x[1]) })
  }

  /// g(x, v) = ∂/∂t sin(x + t v) = v cos x, differentiated in reverse mode through the tangent:
  /// ∇g = (−v sin x, cos x). At v = 0 the tangent's value is zero but it still depends on v.
  @Test("Reverse over forward: a tracked tangent whose value is zero still has a gradient")
  func reverseOverForward() {
    for v in [0.0, 0.5] {
      let x = 0.7
      let g = gradient(at: [x, v]) { p in sin(Dual(p[0], tangent: p[1])).tangent }
      #expect(isClose(g, [-v * sin(x), cos(x)], relative: 1e-15), "v = \(v): \(g)")
    }
  }
}
