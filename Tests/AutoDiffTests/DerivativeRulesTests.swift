import AutoDiff
import Testing

// Every line of the rules table (Sources/AutoDiff/DerivativeRules.swift), checked in forward mode
// (`Dual`) and reverse mode (`Variable`), in `Float` and `Double`, against central finite
// differences at several points inside its domain. The points stay at least one finite-difference
// step away from the points where a function is not differentiable; those are in
// ConventionsTests.swift.

// MARK: - The table, as test arguments

/// A one-argument rule of the table.
enum UnaryRule: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case exp, expm1, log, log1p
  case sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh
  case sqrt, cbrt
  case erf
  case abs, relu, sigmoid, softplus
  case negation

  var testDescription: String { rawValue }

  /// The function, in any `RealScalar`.
  func callAsFunction<S: RealScalar>(_ x: S) -> S {
    switch self {
    case .exp: return AutoDiff.exp(x)
    case .expm1: return AutoDiff.expm1(x)
    case .log: return AutoDiff.log(x)
    case .log1p: return AutoDiff.log1p(x)
    case .sin: return AutoDiff.sin(x)
    case .cos: return AutoDiff.cos(x)
    case .tan: return AutoDiff.tan(x)
    case .asin: return AutoDiff.asin(x)
    case .acos: return AutoDiff.acos(x)
    case .atan: return AutoDiff.atan(x)
    case .sinh: return AutoDiff.sinh(x)
    case .cosh: return AutoDiff.cosh(x)
    case .tanh: return AutoDiff.tanh(x)
    case .sqrt: return AutoDiff.sqrt(x)
    case .cbrt: return AutoDiff.cbrt(x)
    case .erf: return AutoDiff.erf(x)
    case .abs: return Swift.abs(x)
    case .relu: return AutoDiff.relu(x)
    case .sigmoid: return AutoDiff.sigmoid(x)
    case .softplus: return AutoDiff.softplus(x)
    case .negation: return -x
    }
  }

  /// Points inside the domain, away from kinks, where f‴ stays small enough for the `Float`
  /// central difference (see `TestScalar.finiteDifferenceTolerance`).
  var points: [Double] {
    switch self {
    case .exp: return [-2, -0.5, 0, 0.7, 3]
    case .expm1: return [-1.5, -1e-3, 0, 0.4, 2]
    case .log: return [0.3, 1, 2.5, 40]
    case .log1p: return [-0.6, -0.1, 0, 0.5, 9]
    case .sin, .cos: return [-2, -0.3, 0, 1, 4]
    case .tan: return [-1.2, -0.4, 0, 0.5, 1.1]
    case .asin, .acos: return [-0.7, -0.2, 0, 0.3, 0.6]
    case .atan: return [-5, -0.5, 0, 1, 30]
    case .sinh, .cosh: return [-2, -0.1, 0, 0.8, 3]
    case .tanh: return [-3, -0.5, 0, 0.2, 2]
    case .sqrt: return [0.3, 1, 2, 50]
    case .cbrt: return [-8, -0.5, 0.4, 1, 27]
    case .erf: return [-3, -0.8, 0, 0.3, 1.2, 4]
    case .abs: return [-3, -0.2, 0.2, 5]
    case .relu: return [-2, -0.1, 0.1, 3]
    case .sigmoid: return [-30, -2, 0, 0.5, 4, 30]
    case .softplus: return [-20, -1, 0, 1.5, 20]
    case .negation: return [-2, 0, 3.5]
    }
  }
}

/// A two-argument rule of the table.
enum BinaryRule: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case add, subtract, multiply, divide
  case pow, atan2, hypot, min, max

  var testDescription: String { rawValue }

  /// The function, in any `RealScalar`.
  func callAsFunction<S: RealScalar>(_ x: S, _ y: S) -> S {
    switch self {
    case .add: return x + y
    case .subtract: return x - y
    case .multiply: return x * y
    case .divide: return x / y
    case .pow: return AutoDiff.pow(x, y)
    case .atan2: return AutoDiff.atan2(x, y)
    case .hypot: return AutoDiff.hypot(x, y)
    case .min: return AutoDiff.min(x, y)
    case .max: return AutoDiff.max(x, y)
    }
  }

  /// Points (first argument, second argument) inside the domain: pow with a positive base,
  /// atan2 off its branch cut (the negative x axis), min and max off their ties.
  var points: [(Double, Double)] {
    switch self {
    case .add, .subtract, .multiply: return [(-1.5, 2), (0, 0.5), (3, -4)]
    case .divide: return [(1, 2), (-3, 0.5), (0, -1.5), (2.5, 4)]
    case .pow: return [(0.5, 2.5), (2, -1.5), (3, 0), (1.5, 0.3), (0.8, -2)]
    case .atan2: return [(1, 1), (-2, 0.5), (0.5, -3), (-1, -1), (0, 2)]
    case .hypot: return [(3, 4), (-1, 2), (0.5, -0.5), (0, 1.5)]
    case .min, .max: return [(1, 2), (3, -1), (-0.5, -0.4)]
    }
  }
}

// MARK: - Generic test bodies, run once per precision

/// Checks a function of one variable at `x`: both modes give the plain value, both modes give the
/// same derivative (they apply the same partial), and it matches the central difference.
func checkOneVariable<T: TestScalar>(
  _ name: String, at x: T, of f: (Dual<T>) -> Dual<T>, _ g: (Variable<T>) -> Variable<T>,
  plain: (T) -> T
) {
  let value = plain(x)
  let forward = valueWithDerivative(at: x, of: f)
  let reverse = valueWithGradient(at: x, of: g)
  let numeric = centralDifference(at: x, of: plain)
  #expect(isIdentical(forward.value, value), "\(name) at \(x): forward value \(forward.value)")
  #expect(isIdentical(reverse.value, value), "\(name) at \(x): reverse value \(reverse.value)")
  #expect(
    isIdentical(forward.derivative, reverse.gradient),
    "\(name) at \(x): forward \(forward.derivative), reverse \(reverse.gradient)")
  #expect(
    derivativeError(forward.derivative, numeric) <= T.finiteDifferenceTolerance,
    "\(name) at \(x): derivative \(forward.derivative), central difference \(numeric)")
}

func checkUnaryRule<T: TestScalar>(_ rule: UnaryRule, in _: T.Type) {
  for point in rule.points {
    checkOneVariable(
      rule.rawValue, at: T(point), of: { rule($0) }, { rule($0) }, plain: { rule($0) })
  }
}

func checkIntegerPower<T: TestScalar>(_ n: Int, in _: T.Type) {
  for point in [-1.7, -0.6, 0.4, 1.3] {
    checkOneVariable(
      "pow(x, \(n))", at: T(point), of: { pow($0, n) }, { pow($0, n) }, plain: { pow($0, n) })
  }
}

func checkBinaryRule<T: TestScalar>(_ rule: BinaryRule, in _: T.Type) throws {
  for (first, second) in rule.points {
    let point = [T(first), T(second)]
    let where_ = "\(rule.rawValue) at \(point)"
    let value = rule(point[0], point[1])

    // Reverse mode: both arguments tracked, then each alone with the other a constant.
    let reverse = valueWithGradient(at: point) { v in rule(v[0], v[1]) }
    let reverseX = gradient(at: point[0]) { v in rule(v, Variable(constant: point[1])) }
    let reverseY = gradient(at: point[1]) { v in rule(Variable(constant: point[0]), v) }

    // Forward mode: one evaluation along each basis vector, then with a constant operand.
    let alongX = try valueWithDirectionalDerivative(at: point, along: [1, 0]) { v in
      rule(v[0], v[1])
    }
    let alongY = try directionalDerivative(at: point, along: [0, 1]) { v in rule(v[0], v[1]) }
    let forwardX = derivative(at: point[0]) { v in rule(v, Dual(constant: point[1])) }
    let forwardY = derivative(at: point[1]) { v in rule(Dual(constant: point[0]), v) }

    let numeric = centralDifferenceGradient(at: point) { p in rule(p[0], p[1]) }

    #expect(isIdentical(reverse.value, value), "\(where_): reverse value \(reverse.value)")
    #expect(isIdentical(alongX.value, value), "\(where_): forward value \(alongX.value)")
    let partials = [
      [reverse.gradient[0], reverseX, alongX.derivative, forwardX],
      [reverse.gradient[1], reverseY, alongY, forwardY],
    ]
    for i in 0..<2 {
      let expected = partials[i][0]
      #expect(
        partials[i].allSatisfy { isIdentical($0, expected) },
        "\(where_): ∂/∂x\(i) differs between modes: \(partials[i])")
      #expect(
        derivativeError(expected, numeric[i]) <= T.finiteDifferenceTolerance,
        "\(where_): ∂/∂x\(i) \(expected), central difference \(numeric[i])")
    }
  }
}

// MARK: - Tests

@Suite("Derivative rules against central differences")
struct DerivativeRulesTests {
  @Test("Unary rules, both modes", arguments: UnaryRule.allCases, Precision.allCases)
  func unaryRule(_ rule: UnaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkUnaryRule(rule, in: Float.self)
    case .double: checkUnaryRule(rule, in: Double.self)
    }
  }

  @Test(
    "pow(x, n) for integer n, both modes", arguments: [-3, -2, -1, 0, 1, 2, 3, 7],
    Precision.allCases)
  func integerPower(_ n: Int, _ precision: Precision) {
    switch precision {
    case .float: checkIntegerPower(n, in: Float.self)
    case .double: checkIntegerPower(n, in: Double.self)
    }
  }

  @Test("Binary rules, both modes", arguments: BinaryRule.allCases, Precision.allCases)
  func binaryRule(_ rule: BinaryRule, _ precision: Precision) throws {
    switch precision {
    case .float: try checkBinaryRule(rule, in: Float.self)
    case .double: try checkBinaryRule(rule, in: Double.self)
    }
  }

  /// The same rule reached through the static requirement (`S._expMinusOne`) and the free
  /// function (`expm1`) is one rule: identical values and derivatives.
  @Test("Static names and free functions agree")
  func staticNamesMatchFreeFunctions() {
    let x = 0.37
    let statics = gradient(at: [x]) { v in
      let a = Variable._expMinusOne(v[0]) + Variable._log(onePlus: v[0])
      return a + Variable._atan2(y: v[0], x: 1 + v[0])
    }
    let frees = gradient(at: [x]) { v in
      let a = expm1(v[0]) + log1p(v[0])
      return a + atan2(v[0], 1 + v[0])
    }
    #expect(statics == frees)
  }

  /// A value used several times gets every contribution (adjoints accumulate with +=): x·x·x.
  @Test("Repeated operands accumulate", arguments: Precision.allCases)
  func repeatedOperands(_ precision: Precision) {
    switch precision {
    case .float:
      #expect(gradient(at: Float(1.5)) { x in x * x * x } == 6.75)
      #expect(derivative(at: Float(1.5)) { x in x * x * x } == 6.75)
    case .double:
      #expect(gradient(at: 1.5) { x in x * x * x } == 6.75)
      #expect(derivative(at: 1.5) { x in x * x * x } == 6.75)
    }
    #expect(gradient(at: [2.0]) { x in x[0] + x[0] - x[0] * x[0] } == [-2])
    #expect(gradient(at: [3.0]) { x in max(x[0], x[0]) } == [1])
  }
}

// MARK: - Nested modes

/// f″ of a rule at `x` three ways: forward over forward (`Dual<Dual<T>>`), forward over reverse
/// (`hessian`, `Variable<Dual<T>>`) and reverse over forward (`Dual<Variable<T>>`). The first two
/// multiply the same partials in the same order and agree bit for bit; reverse over forward
/// associates the chain rule's products differently, so it agrees to a few ulp. All agree with
/// the central difference of f′.
func checkSecondDerivative<T: TestScalar>(_ rule: UnaryRule, in _: T.Type) {
  for point in rule.points {
    let x = T(point)
    let forwardOverForward = derivative(at: x) { y in derivative(at: y) { z in rule(z) } }
    let forwardOverReverse = hessian(at: [x]) { v in rule(v[0]) }[0][0]
    let reverseOverForward = gradient(at: x) { y in
      derivative(at: y) { (z: Dual<Variable<T>>) in rule(z) }
    }
    let numeric = centralDifference(at: x) { y in derivative(at: y) { z in rule(z) } }
    let name = "\(rule)″ at \(x)"
    #expect(
      isIdentical(forwardOverForward, forwardOverReverse),
      "\(name): forward over forward \(forwardOverForward), over reverse \(forwardOverReverse)")
    #expect(
      isClose(forwardOverForward, reverseOverForward, relative: 16 * T.ulpOfOne),
      "\(name): forward over forward \(forwardOverForward), reverse over forward \(reverseOverForward)"
    )
    #expect(
      derivativeError(forwardOverForward, numeric) <= T.finiteDifferenceTolerance,
      "\(name): \(forwardOverForward), central difference \(numeric)")
  }
}

@Suite("Second derivatives of the rules in nested modes")
struct NestedRulesTests {
  @Test("Unary rules nested, three ways", arguments: UnaryRule.allCases, Precision.allCases)
  func nestedUnaryRule(_ rule: UnaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkSecondDerivative(rule, in: Float.self)
    case .double: checkSecondDerivative(rule, in: Double.self)
    }
  }
}
