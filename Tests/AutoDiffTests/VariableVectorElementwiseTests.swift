import AutoDiff
import Testing

// Every rule of the table applied elementwise to vectors and matrices
// (Sources/AutoDiff/Arrays/API/VariableVector+RealScalar.swift, Kernels/ElementwiseKernels.swift),
// in Float and Double: each cost is checked against the same cost written with scalar variables
// and against central differences (ArrayTestSupport.swift). Each rule is reached through every
// way the kernels evaluate it: summed directly, inside a longer expression, evaluated and stored
// first, and as a function of a linear combination of scalar parameters.

// MARK: - Generic test bodies

func checkUnaryRuleOnVectors<T: TestScalar>(_ rule: UnaryRule, in _: T.Type) {
  let points = rule.points.map { T($0) }
  let n = points.count
  let weights = (0..<n).map { T($0 + 1) / 2 }
  let w = VariableVector(constant: weights)
  func weighted(_ x: [Variable<T>]) -> Variable<T> {
    var total: Variable<T> = 0
    for i in 0..<n { total += Variable(weights[i]) * rule(x[i]) }
    return total
  }
  // Summed directly: Σ f(xᵢ) in one pass, forward and backward.
  checkArrayCost("Σ \(rule)(x)", at: points, array: { x in sum(rule(x)) }) { x in
    var total: Variable<T> = 0
    for v in x { total += rule(v) }
    return total
  }
  // Inside a longer expression: Σ wᵢ f(xᵢ).
  checkArrayCost("Σ w \(rule)(x)", at: points, array: { x in sum(w * rule(x)) }, scalar: weighted)
  // Evaluated and stored first (its local derivatives kept), then used.
  checkArrayCost(
    "stored \(rule)(x)", at: points,
    array: { x in
      let y = rule(x)
      _ = y.values
      return dot(y, w)
    }, scalar: weighted)
}

func checkUnaryRuleOfLinearCombination<T: TestScalar>(_ rule: UnaryRule, in _: T.Type) {
  // mean(f(m·u + b − v)) over data u, v chosen so that every argument is a point of the rule:
  // the reduction of a function of a linear combination of scalar parameters.
  let targets = rule.points.map { T($0) }
  let n = targets.count
  let u = (0..<n).map { T($0) / T(n) }
  let v = (0..<n).map { u[$0] * T(0.5) + T(0.25) - targets[$0] }
  let uVector = VariableVector(constant: u)
  let vVector = VariableVector(constant: v)
  checkArrayCost(
    "mean \(rule)(m u + b − v)", at: [T(0.5), T(0.25)],
    array: { p in mean(rule(VariableVector(p[0]) * uVector + VariableVector(p[1]) - vVector)) }
  ) { p in
    var total: Variable<T> = 0
    for i in 0..<n { total += rule(p[0] * Variable(u[i]) + p[1] - Variable(v[i])) }
    return total / Variable(T(n))
  }
}

func checkBinaryRuleOnVectors<T: TestScalar>(_ rule: BinaryRule, in _: T.Type) {
  let first = rule.points.map { T($0.0) }
  let second = rule.points.map { T($0.1) }
  let n = first.count
  let point = first + second
  let weights = (0..<n).map { T($0 + 2) / 3 }
  let w = VariableVector(constant: weights)
  // Element by element.
  checkArrayCost(
    "Σ w \(rule)(x, y)", at: point, array: { v in sum(w * rule(v[0..<n], v[n...])) }
  ) { v in
    var total: Variable<T> = 0
    for i in 0..<n { total += Variable(weights[i]) * rule(v[i], v[n + i]) }
    return total
  }
  // Summed directly.
  checkArrayCost("Σ \(rule)(x, y)", at: point, array: { v in sum(rule(v[0..<n], v[n...])) }) {
    v in
    var total: Variable<T> = 0
    for i in 0..<n { total += rule(v[i], v[n + i]) }
    return total
  }
  // The second operand one element, repeated; then the first.
  checkArrayCost(
    "Σ w \(rule)(x, y₀)", at: point, array: { v in sum(w * rule(v[0..<n], v[n...n])) }
  ) { v in
    var total: Variable<T> = 0
    for i in 0..<n { total += Variable(weights[i]) * rule(v[i], v[n]) }
    return total
  }
  checkArrayCost(
    "Σ w \(rule)(x₀, y)", at: point, array: { v in sum(w * rule(v[0...0], v[n...])) }
  ) { v in
    var total: Variable<T> = 0
    for i in 0..<n { total += Variable(weights[i]) * rule(v[0], v[n + i]) }
    return total
  }
  // A constant operand: the other's derivative only.
  let constantSecond = VariableVector(constant: second)
  checkArrayCost(
    "Σ \(rule)(x, constant)", at: first, array: { x in sum(w * rule(x, constantSecond)) }
  ) { x in
    var total: Variable<T> = 0
    for i in 0..<n { total += Variable(weights[i]) * rule(x[i], Variable(second[i])) }
    return total
  }
}

func checkMatrixBroadcasting<T: TestScalar>(_ rule: BinaryRule, in _: T.Type) {
  // A 2 × 3 matrix against a 2 × 3, a 1 × 3 row, a 2 × 1 column and a 1 × 1; both orders.
  let rows = 2
  let columns = 3
  let base: [T] = seededPoints(6, in: 0.5...2, seed: 7)
  let other: [T] = seededPoints(6, in: 0.6...1.9, seed: 8)
  let shapes = [(2, 3), (1, 3), (2, 1), (1, 1)]
  for (otherRows, otherColumns) in shapes {
    let otherCount = otherRows * otherColumns
    let point = base + Array(other[0..<otherCount])
    func index(_ i: Int, _ j: Int) -> Int {
      (otherRows == 1 ? 0 : i) * otherColumns + (otherColumns == 1 ? 0 : j)
    }
    for swapped in [false, true] {
      let name = "\(rule) of 2 × 3 and \(otherRows) × \(otherColumns)\(swapped ? ", swapped" : "")"
      checkArrayCost(
        name, at: point,
        array: { v in
          let a = v[0..<6].reshaped(rows: rows, columns: columns)
          let b = v[6...].reshaped(rows: otherRows, columns: otherColumns)
          let weights = VariableMatrix(
            constant: (1...6).map { T($0) / 4 }, rows: rows, columns: columns)
          return sum(weights * (swapped ? rule(b, a) : rule(a, b)))
        }
      ) { v in
        var total: Variable<T> = 0
        for i in 0..<rows {
          for j in 0..<columns {
            let x = v[i * columns + j]
            let y = v[6 + index(i, j)]
            let weight = Variable(constant: T(i * columns + j + 1) / 4)
            total += weight * (swapped ? rule(y, x) : rule(x, y))
          }
        }
        return total
      }
    }
  }
}

// MARK: - Tests

@Suite("Elementwise operations on arrays, against scalar variables and central differences")
struct VariableVectorElementwiseTests {
  @Test("Unary rules on vectors", arguments: UnaryRule.allCases, Precision.allCases)
  func unaryRule(_ rule: UnaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkUnaryRuleOnVectors(rule, in: Float.self)
    case .double: checkUnaryRuleOnVectors(rule, in: Double.self)
    }
  }

  @Test(
    "Unary rules of a linear combination of scalar parameters", arguments: UnaryRule.allCases,
    Precision.allCases)
  func unaryRuleOfLinearCombination(_ rule: UnaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkUnaryRuleOfLinearCombination(rule, in: Float.self)
    case .double: checkUnaryRuleOfLinearCombination(rule, in: Double.self)
    }
  }

  @Test("Binary rules on vectors", arguments: BinaryRule.allCases, Precision.allCases)
  func binaryRule(_ rule: BinaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkBinaryRuleOnVectors(rule, in: Float.self)
    case .double: checkBinaryRuleOnVectors(rule, in: Double.self)
    }
  }

  @Test(
    "Binary rules on matrices, with rows, columns and elements broadcast",
    arguments: [BinaryRule.add, .subtract, .multiply, .divide, .max], Precision.allCases)
  func matrixBroadcasting(_ rule: BinaryRule, _ precision: Precision) {
    switch precision {
    case .float: checkMatrixBroadcasting(rule, in: Float.self)
    case .double: checkMatrixBroadcasting(rule, in: Double.self)
    }
  }

  @Test("pow(x, n) on vectors for integer n", arguments: [-2, 0, 1, 2, 3, 5], Precision.allCases)
  func integerPower(_ n: Int, _ precision: Precision) {
    func check<T: TestScalar>(_: T.Type) {
      let points: [T] = [-1.7, -0.6, 0.4, 1.3]
      checkArrayCost("Σ pow(x, \(n))", at: points, array: { x in sum(pow(x, n)) }) { x in
        var total: Variable<T> = 0
        for v in x { total += pow(v, n) }
        return total
      }
    }
    switch precision {
    case .float: check(Float.self)
    case .double: check(Double.self)
    }
  }
}
