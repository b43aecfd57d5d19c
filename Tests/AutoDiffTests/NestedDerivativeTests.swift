import AutoDiff
import Testing

// Derivatives of functions that themselves take derivatives: every combination of forward and
// reverse mode, the perturbation-confusion test of Siskind & Pearlmutter (2005), and third
// derivatives by nesting.

@Suite("Nested derivatives")
struct NestedDerivativeTests {
  // MARK: - Perturbation confusion

  /// d/dx [x · (d/dy (x + y) at y = 1)] at x = 1. The inner derivative is 1 whatever x is, so the
  /// answer is d/dx x = 1; an implementation that confuses the two perturbations gives 2.
  @Test("Perturbation confusion: forward over forward gives 1")
  func forwardOverForward() {
    let answer = derivative(at: 1.0) { x in
      x * derivative(at: Dual(constant: 1)) { y in Dual(constant: x) + y }
    }
    #expect(answer == 1)
    // Evaluated at y = x instead of y = 1, as the 2005 paper writes it: still 1.
    let atX = derivative(at: 1.0) { x in x * derivative(at: x) { y in Dual(constant: x) + y } }
    #expect(atX == 1)
  }

  @Test("Perturbation confusion: forward over reverse gives 1")
  func forwardOverReverse() {
    let answer = derivative(at: 1.0) { x in
      x * gradient(at: [Dual(constant: 1)]) { y in Variable(constant: x) + y[0] }[0]
    }
    #expect(answer == 1)
  }

  @Test("Perturbation confusion: reverse over forward gives 1")
  func reverseOverForward() {
    let answer = gradient(at: 1.0) { x in
      x * derivative(at: Variable(constant: 1)) { y in Dual(constant: x) + y }
    }
    #expect(answer == 1)
  }

  @Test("An inner derivative that depends on the outer variable is differentiated through")
  func innerDerivativeDependsOnOuter() {
    // d/dx [x · d/dy (x y) at y = 1] = d/dx x² = 2x.
    let forward = derivative(at: 1.5) { x in
      x * derivative(at: Dual(constant: 1)) { y in Dual(constant: x) * y }
    }
    #expect(forward == 3)
    // d/dx [∂/∂y (x y²) at y = x] = d/dx 2x² = 4x, with the inner gradient in reverse mode.
    let throughGradient = derivative(at: 1.5) { x in
      gradient(at: [x]) { y in Variable(constant: x) * y[0] * y[0] }[0]
    }
    #expect(throughGradient == 6)
    // The same in reverse over forward.
    let reverse = gradient(at: 1.5) { x in
      derivative(at: x) { y in Dual(constant: x) * y * y }
    }
    #expect(reverse == 6)
  }

  // MARK: - Higher derivatives

  @Test("The third derivative of sin by nesting is −cos", arguments: [-2.0, 0.0, 0.4, 1.3, 3.0])
  func thirdDerivativeOfSine(_ x: Double) {
    let third = derivative(at: x) { x in
      derivative(at: x) { x in
        derivative(at: x) { x in sin(x) }
      }
    }
    #expect(isClose(third, -cos(x), relative: 1e-15, absolute: 1e-16))
  }

  @Test("The fourth derivative of e²ˣ by nesting is 16 e²ˣ")
  func fourthDerivative() {
    let x = 0.3
    let fourth = derivative(at: x) { x in
      derivative(at: x) { x in
        derivative(at: x) { x in
          derivative(at: x) { x in exp(2 * x) }
        }
      }
    }
    #expect(isClose(fourth, 16 * exp(2 * x), relative: 1e-14))
  }

  @Test("The Hessian by nesting derivative and gradient equals hessian(at:of:)")
  func hessianByNesting() {
    let point = [0.3, -0.4, 0.8]
    let f = NamedComposite(name: "trigonometry")
    let h = hessian(at: point, of: f)
    // Column j: d/dt ∇f(x + t eⱼ) at t = 0, a derivative of a gradient.
    for j in 0..<3 {
      let column = (0..<3).map { i in
        derivative(at: 0.0) { t in
          let shifted = point.indices.map { k in
            k == j ? Dual(constant: point[k]) + t : Dual(constant: point[k])
          }
          return gradient(at: shifted, of: trigonometry)[i]
        }
      }
      for i in 0..<3 {
        #expect(isClose(column[i], h[i][j], relative: 1e-13, absolute: 1e-14), "H[\(i)][\(j)]")
      }
    }
  }
}
