import AutoDiff
import Testing

// Composite functions, each written once over `RealScalar` and run on plain `Double`, in forward
// mode and in reverse mode. The three must agree: the values exactly (the same operations in the
// same order), the derivatives to rounding (forward and reverse mode sum the chain rule's
// products in different orders), and both with central finite differences.

// MARK: - The functions

/// A cubic in three variables.
func polynomial<S: RealScalar>(_ x: [S]) -> S {
  let a = 3 * x[0] * x[0] * x[0] - 2 * x[0] * x[1]
  return a + x[1] * x[1] * x[2] - 0.5 * x[2] + 5
}

/// exp and log composed: log-sum-exp and a softplus-like chain.
func expLogChain<S: RealScalar>(_ x: [S]) -> S {
  let logSumExp = log(exp(x[0]) + exp(x[1]) + exp(x[2]))
  let softplusOfProduct = log(1 + exp(x[0] * x[1]))
  let chain = softplusOfProduct * exp(-x[2] * x[2])
  return logSumExp + chain + log1p(x[1] * x[1]) - expm1(x[2] / 3)
}

/// Trigonometric and inverse trigonometric functions.
func trigonometry<S: RealScalar>(_ x: [S]) -> S {
  let a = sin(x[0]) * cos(x[1]) + tan(x[2] / 4)
  let angle = atan2(x[0], x[1] + 3)
  let b = angle + asin(x[2] / 3) * acos(x[0] / 2)
  return a + b + atan(x[0] * x[2]) + tanh(x[1]) * sinh(x[0]) / cosh(x[2])
}

/// Quotients, nested.
func division<S: RealScalar>(_ x: [S]) -> S {
  let a = (x[0] + x[1]) / (x[2] * x[2] + 1)
  let inner = x[0] * x[1] / (1 + x[2] * x[2])
  let b = 1 / (2 + inner)
  return a - b / (x[1] * x[1] + 0.5)
}

/// Real exponents, on a positive base.
func realPower<S: RealScalar>(_ x: [S]) -> S {
  let base = x[0] * x[0] + 1
  let a = pow(base, x[1]) + pow(x[2] * x[2] + 2, S(0.5))
  return a + sqrt(base) * cbrt(x[1] + 3) + hypot(x[0], x[2])
}

/// A loop that feeds its result back in: a damped recurrence run 25 times.
func loop<S: RealScalar>(_ x: [S]) -> S {
  var state = x[0]
  var total: S = 0
  for step in 0..<25 {
    state = S(0.9) * state + sin(state) * x[1] / S(step + 1)
    total += state * x[2]
  }
  return total
}

/// A branch on the values: a different formula on each side of x₀ = x₁.
func branch<S: RealScalar>(_ x: [S]) -> S {
  if x[0] < x[1] {
    return x[0] * x[1] + exp(x[2])
  } else {
    let d = x[0] - x[1]
    return d * d * x[2] + sigmoid(x[0])
  }
}

/// A helper written generically, called more than once.
func smoothClip<S: RealScalar>(_ x: S, _ limit: S) -> S {
  limit * tanh(x / limit)
}

/// Helper function calls, with max, min, abs, softplus and relu between them.
func helperCalls<S: RealScalar>(_ x: [S]) -> S {
  let a = smoothClip(x[0] * 3, 2) + smoothClip(x[1], x[2] * x[2] + 1)
  let b = max(x[0], x[1]) * min(x[1], x[2]) + abs(x[2] - 2)
  return a + b + softplus(x[0] - x[2]) + relu(x[1] + 5)
}

/// The extended Rosenbrock function, Σ 100 (x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)², with integer powers.
func extendedRosenbrock<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in stride(from: 0, to: x.count - 1, by: 2) {
    total += 100 * pow(x[i + 1] - x[i] * x[i], 2) + pow(1 - x[i], 2)
  }
  return total
}

/// The extended Rosenbrock function plus a coupling of every input with the next, for input
/// counts that are not a multiple of a chunk size (the extended Rosenbrock function alone ignores
/// the last input of an odd count).
func coupledChain<S: RealScalar>(_ x: [S]) -> S {
  var total = extendedRosenbrock(x)
  for i in 0..<(x.count - 1) {
    total += sin(x[i] * x[i + 1]) + S(Double(i + 1)) * exp(x[i + 1] / 4)
  }
  return total
}

/// One of the composite functions as a `DifferentiableFunction`, for the entry points that
/// instantiate a function at several types (`MultiDual`, `Dual`, `Variable`).
struct NamedComposite: DifferentiableFunction, Sendable {
  let name: String

  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    switch name {
    case "polynomial": return polynomial(x)
    case "exp/log chain": return expLogChain(x)
    case "trigonometry": return trigonometry(x)
    case "division": return division(x)
    case "real power": return realPower(x)
    case "loop": return loop(x)
    case "branch": return branch(x)
    case "helper calls": return helperCalls(x)
    case "extended Rosenbrock": return extendedRosenbrock(x)
    case "coupled chain": return coupledChain(x)
    default: preconditionFailure("No composite function named \(name)")
    }
  }
}

/// A composite function and the points it is checked at.
struct Composite: Sendable, CustomTestStringConvertible {
  let name: String
  let dimension: Int
  let double: @Sendable ([Double]) -> Double
  let dual: @Sendable ([Dual<Double>]) -> Dual<Double>
  let variable: @Sendable ([Variable<Double>]) -> Variable<Double>

  var testDescription: String { name }

  /// Builds the three instances of one generic function.
  init(
    _ name: String, dimension: Int = 3,
    _ double: @escaping @Sendable ([Double]) -> Double,
    _ dual: @escaping @Sendable ([Dual<Double>]) -> Dual<Double>,
    _ variable: @escaping @Sendable ([Variable<Double>]) -> Variable<Double>
  ) {
    self.name = name
    self.dimension = dimension
    self.double = double
    self.dual = dual
    self.variable = variable
  }

  /// Two fixed points plus seeded random points in [−1, 1]ⁿ; every function is smooth there,
  /// away from its branch and kink lines (x₀ = x₁, …), which these points miss by more than a
  /// finite-difference step.
  var points: [[Double]] {
    var generator = SplitMix64(seed: 0x5EED_0000 + UInt64(name.utf8.count))
    var points = [(0..<dimension).map { i in 0.25 * Double(i + 1) }]
    points.append((0..<dimension).map { i in i.isMultiple(of: 2) ? -0.7 : 0.6 })
    for _ in 0..<6 { points.append(generator.points(dimension, in: -1...1)) }
    return points
  }

  static let all: [Composite] = [
    Composite("polynomial", polynomial, polynomial, polynomial),
    Composite("exp/log chain", expLogChain, expLogChain, expLogChain),
    Composite("trigonometry", trigonometry, trigonometry, trigonometry),
    Composite("division", division, division, division),
    Composite("real power", realPower, realPower, realPower),
    Composite("loop", loop, loop, loop),
    Composite("branch", branch, branch, branch),
    Composite("helper calls", helperCalls, helperCalls, helperCalls),
    Composite(
      "extended Rosenbrock", dimension: 8, extendedRosenbrock, extendedRosenbrock,
      extendedRosenbrock),
    Composite("coupled chain", dimension: 11, coupledChain, coupledChain, coupledChain),
  ]

  /// The same function as a `DifferentiableFunction`.
  var generic: NamedComposite { NamedComposite(name: name) }
}

/// The n basis vectors of ℝⁿ.
func basis(_ n: Int) -> [[Double]] {
  (0..<n).map { i in (0..<n).map { j in i == j ? 1 : 0 } }
}

// MARK: - Tests

@Suite("Composite functions in both modes")
struct CompositeFunctionTests {
  @Test("Values agree exactly, derivatives to rounding", arguments: Composite.all)
  func modesAgree(_ function: Composite) throws {
    for point in function.points {
      let value = function.double(point)
      let reverse = valueWithGradient(at: point, of: function.variable)
      #expect(reverse.value == value, "\(function.name) at \(point)")

      // Forward mode, one directional derivative per basis vector: a column of the gradient.
      var forward: [Double] = []
      for direction in basis(function.dimension) {
        let column = try valueWithDirectionalDerivative(
          at: point, along: direction, of: function.dual)
        #expect(column.value == value, "\(function.name) at \(point)")
        forward.append(column.derivative)
      }

      // Forward and reverse mode to 1e-12 of the gradient's size; both with central
      // differences to 1e-7 (their error is about 1e-10 here).
      let scale = reverse.gradient.reduce(1) { Swift.max($0, $1.magnitude) }
      #expect(
        isClose(forward, reverse.gradient, relative: 1e-12, absolute: 1e-12 * scale),
        "\(function.name) at \(point): forward \(forward), reverse \(reverse.gradient)")
      let numeric = centralDifferenceGradient(at: point, of: function.double)
      for i in point.indices {
        #expect(
          derivativeError(reverse.gradient[i], numeric[i]) <= 1e-7,
          "\(function.name) at \(point), ∂/∂x\(i): \(reverse.gradient[i]) vs \(numeric[i])")
      }
    }
  }

  @Test("The branch is differentiated on the side the values take")
  func branchSides() {
    // x₀ < x₁: x₀x₁ + e^x₂.
    let below = gradient(at: [1.0, 2.0, 0.0], of: branch)
    #expect(below == [2, 1, 1])
    // x₀ ≥ x₁: (x₀ − x₁)² x₂ + σ(x₀), at x₀ = 0 so σ′ = ¼.
    let above = gradient(at: [0.0, -1.0, 3.0], of: branch)
    #expect(above == [6.25, -6, 1])
  }

  @Test("Extended Rosenbrock: zero gradient at the minimum, closed form elsewhere")
  func rosenbrockClosedForm() {
    let ones = [Double](repeating: 1, count: 10)
    #expect(gradient(at: ones, of: extendedRosenbrock) == [Double](repeating: 0, count: 10))
    // ∂/∂x₀ = −400 x₀ (x₁ − x₀²) − 2 (1 − x₀), ∂/∂x₁ = 200 (x₁ − x₀²).
    let g = gradient(at: [-1.2, 1.0], of: extendedRosenbrock)
    let x0 = -1.2
    let x1 = 1.0
    let expected0 = -400 * x0 * (x1 - x0 * x0) - 2 * (1 - x0)
    let expected1 = 200 * (x1 - x0 * x0)
    #expect(isClose(g, [expected0, expected1], relative: 1e-14))
  }

  @Test("Jacobian of ℝ³ → ℝ⁴ equals the directional derivatives along each basis vector")
  func jacobianAgainstForwardMode() throws {
    func map<S: RealScalar>(_ x: [S]) -> [S] {
      [polynomial(x), trigonometry(x), x[0] * x[1] * x[2], division(x)]
    }
    let point = [0.3, -0.8, 0.55]
    let (values, jacobian) = valueWithJacobian(at: point, of: map)
    #expect(values == map(point))
    #expect(jacobian.count == 4)
    for (j, direction) in basis(3).enumerated() {
      let column = try directionalDerivative(at: point, along: direction, of: map)
      for i in 0..<4 {
        #expect(
          isClose(jacobian[i][j], column[i], relative: 1e-12, absolute: 1e-15),
          "J[\(i)][\(j)]: reverse \(jacobian[i][j]), forward \(column[i])")
      }
    }
  }

  @Test("A constant output has a zero gradient, in both modes")
  func constantOutput() throws {
    let point = [0.5, -2.0, 3.0]
    let reverse = valueWithGradient(at: point) { _ in Variable(constant: 4.25) }
    #expect(reverse.value == 4.25)
    #expect(reverse.gradient == [0, 0, 0])
    // Computed from the inputs, but not depending on them: x − x + 1.
    #expect(gradient(at: point) { x in x[1] - x[1] + 1 } == [0, 0, 0])
    let forward = try valueWithDirectionalDerivative(at: point, along: [1, 1, 1]) { _ in
      Dual(constant: 4.25)
    }
    #expect(forward.value == 4.25)
    #expect(forward.derivative == 0)
  }

  @Test("An empty input has an empty gradient")
  func emptyInput() throws {
    let empty: [Double] = []
    let reverse = valueWithGradient(at: empty) { x in
      var total: Variable<Double> = 7
      for v in x { total += v * v }
      return total
    }
    #expect(reverse.value == 7)
    #expect(reverse.gradient.isEmpty)
    #expect(gradient(at: empty, of: extendedRosenbrock).isEmpty)
    #expect(try directionalDerivative(at: empty, along: []) { _ in Dual(constant: 7.0) } == 0)
    #expect(jacobian(at: empty) { _ in [Variable(constant: 1.0)] } == [[]])
  }

  @Test("One input: the array forms agree with the scalar forms")
  func oneInput() {
    let x = 0.8
    let array = valueWithGradient(at: [x]) { v in trigonometry([v[0], v[0], v[0]]) }
    let scalar = valueWithGradient(at: x) { v in trigonometry([v, v, v]) }
    let forward = valueWithDerivative(at: x) { v in trigonometry([v, v, v]) }
    #expect(array.value == scalar.value)
    #expect(array.gradient == [scalar.gradient])
    #expect(isClose(forward.derivative, scalar.gradient, relative: 1e-12))
  }
}
