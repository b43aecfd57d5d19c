import AutoDiff
import Testing

// Matrix products, transposes, row-wise functions, reductions, slices and concatenation
// (Sources/AutoDiff/Arrays/API/MatrixOperations.swift, Reductions.swift, VariableMatrix.swift),
// each against the same cost written with scalar variables and against central differences,
// in Float and Double.

/// Σᵢⱼ wᵢⱼ mᵢⱼ with fixed weights wᵢⱼ = (i·c + j + 1)/5, so that every element's derivative is
/// different.
func weighted<T>(_ m: VariableMatrix<T>) -> Variable<T> {
  let weights = (0..<m.count).map { T($0 + 1) / 5 }
  return sum(VariableMatrix(constant: weights, rows: m.rows, columns: m.columns) * m)
}

/// The scalar counterpart of `weighted`: element (i, j) of an r × c matrix given row by row.
func weighted<T>(_ elements: [Variable<T>]) -> Variable<T> {
  var total: Variable<T> = 0
  for (k, element) in elements.enumerated() { total += Variable(constant: T(k + 1) / 5) * element }
  return total
}

/// The r × c product of an r × k and a k × c matrix of scalar variables, row by row.
func product<T>(_ a: [Variable<T>], _ b: [Variable<T>], rows: Int, inner: Int, columns: Int)
  -> [Variable<T>]
{
  var c: [Variable<T>] = []
  for i in 0..<rows {
    for j in 0..<columns {
      var total: Variable<T> = 0
      for p in 0..<inner { total += a[i * inner + p] * b[p * columns + j] }
      c.append(total)
    }
  }
  return c
}

func checkMatrixOperations<T: TestScalar>(_: T.Type) {
  let point: [T] = seededPoints(14, in: -1.5...1.5, seed: 3)

  // (3 × 2)(2 × 4), both tracked; then one side constant.
  checkArrayCost(
    "matmul(A, B)", at: point,
    array: { v in
      weighted(
        matmul(v[0..<6].reshaped(rows: 3, columns: 2), v[6...].reshaped(rows: 2, columns: 4)))
    }
  ) { v in weighted(product(Array(v[0..<6]), Array(v[6...]), rows: 3, inner: 2, columns: 4)) }
  let constantA = Array(point[0..<6])
  checkArrayCost(
    "matmul(constant, B)", at: Array(point[6...]),
    array: { b in
      weighted(
        matmul(
          VariableMatrix(constant: constantA, rows: 3, columns: 2), b.reshaped(rows: 2, columns: 4))
      )
    }
  ) { b in
    weighted(product(constantA.map { Variable(constant: $0) }, b, rows: 3, inner: 2, columns: 4))
  }
  // A wide product (20 columns: two 8-wide panels and a remainder) and a tall one.
  let wide: [T] = seededPoints(3 * 5 + 5 * 20, in: -1...1, seed: 4)
  checkArrayCost(
    "matmul(3 × 5, 5 × 20)", at: wide,
    array: { v in
      weighted(
        matmul(v[0..<15].reshaped(rows: 3, columns: 5), v[15...].reshaped(rows: 5, columns: 20)))
    }
  ) { v in weighted(product(Array(v[0..<15]), Array(v[15...]), rows: 3, inner: 5, columns: 20)) }

  // Matrix × vector and vector × matrix.
  checkArrayCost(
    "matmul(A, x)", at: Array(point[0..<9]),
    array: { v in dot(matmul(v[0..<6].reshaped(rows: 3, columns: 2), v[6..<8]), v[6...8]) }
  ) { v in
    let y = product(Array(v[0..<6]), Array(v[6..<8]), rows: 3, inner: 2, columns: 1)
    return y[0] * v[6] + y[1] * v[7] + y[2] * v[8]
  }
  checkArrayCost(
    "matmul(x, A)", at: Array(point[0..<9]),
    array: { v in sum(matmul(v[6...8], v[0..<6].reshaped(rows: 3, columns: 2)) * v[0..<2]) }
  ) { v in
    let y = product(Array(v[6...8]), Array(v[0..<6]), rows: 1, inner: 3, columns: 2)
    return y[0] * v[0] + y[1] * v[1]
  }

  // Transpose.
  checkArrayCost(
    "Aᵀ", at: Array(point[0..<6]),
    array: { v in weighted(v.reshaped(rows: 2, columns: 3).transposed()) }
  ) { v in weighted([v[0], v[3], v[1], v[4], v[2], v[5]]) }
  // Larger than one 32 × 32 tile of the transpose, with ragged tiles at both edges; and a
  // product whose left adjoint transposes its 33 × 34 right operand the same way. Weights
  // repeat with period 7, so that the sum stays small enough for central differences in Float.
  func cyclic(_ m: VariableMatrix<T>) -> Variable<T> {
    var weights = [T](repeating: 0, count: m.count)
    for k in 0..<m.count { weights[k] = T(k % 7 + 1) / 5 }
    let constant = VariableMatrix<T>(constant: weights, rows: m.rows, columns: m.columns)
    return sum(constant * m)
  }
  func cyclic(_ elements: [Variable<T>]) -> Variable<T> {
    var total: Variable<T> = 0
    for (k, element) in elements.enumerated() {
      total += Variable(constant: T(k % 7 + 1) / 5) * element
    }
    return total
  }
  let large: [T] = seededPoints(35 * 34, in: -1...1, seed: 5)
  checkArrayCost(
    "Aᵀ (35 × 34)", at: large,
    array: { v in cyclic(v.reshaped(rows: 35, columns: 34).transposed()) }
  ) { (v: [Variable<T>]) -> Variable<T> in
    var transposed: [Variable<T>] = []
    for k in 0..<(34 * 35) { transposed.append(v[(k % 35) * 34 + k / 35]) }
    return cyclic(transposed)
  }
  let tall: [T] = seededPoints(2 * 33 + 33 * 34, in: -1...1, seed: 6)
  checkArrayCost(
    "matmul(2 × 33, 33 × 34)", at: tall,
    array: { v in
      cyclic(
        matmul(v[0..<66].reshaped(rows: 2, columns: 33), v[66...].reshaped(rows: 33, columns: 34)))
    }
  ) { v in cyclic(product(Array(v[0..<66]), Array(v[66...]), rows: 2, inner: 33, columns: 34)) }

  // Row-wise log-sum-exp and softmax, and their vector forms.
  func scalarLogSumExp(_ row: ArraySlice<Variable<T>>) -> Variable<T> {
    var total: Variable<T> = 0
    for v in row { total += exp(v) }
    return log(total)
  }
  checkArrayCost(
    "logSumExp(rowsOf:)", at: Array(point[0..<6]),
    array: { v in dot(logSumExp(rowsOf: v.reshaped(rows: 2, columns: 3)), v[0..<2]) }
  ) { v in scalarLogSumExp(v[0..<3]) * v[0] + scalarLogSumExp(v[3..<6]) * v[1] }
  checkArrayCost("logSumExp(x)", at: Array(point[0..<5]), array: { v in logSumExp(v) }) { v in
    scalarLogSumExp(v[0...])
  }
  checkArrayCost(
    "softmax(rowsOf:)", at: Array(point[0..<6]),
    array: { v in weighted(softmax(rowsOf: v.reshaped(rows: 2, columns: 3))) }
  ) { v in
    let first = scalarLogSumExp(v[0..<3])
    let second = scalarLogSumExp(v[3..<6])
    return weighted((0..<6).map { exp(v[$0] - ($0 < 3 ? first : second)) })
  }
  checkArrayCost(
    "softmax(x)", at: Array(point[0..<4]),
    array: { v in dot(softmax(v), VariableVector(constant: [1, -2, 3, 0.5])) }
  ) { v in
    let l = scalarLogSumExp(v[0...])
    let e = (0..<4).map { exp(v[$0] - l) }
    let first = e[0] - 2 * e[1]
    let second = 3 * e[2] + 0.5 * e[3]
    return first + second
  }

  // Cross-entropy of three examples of four classes.
  let labels = [2, 0, 3]
  checkArrayCost(
    "crossEntropy(logits:labels:)", at: Array(point[0..<12]),
    array: { v in crossEntropy(logits: v.reshaped(rows: 3, columns: 4), labels: labels) }
  ) { v in
    var total: Variable<T> = 0
    for i in 0..<3 { total += scalarLogSumExp(v[(4 * i)..<(4 * i + 4)]) - v[4 * i + labels[i]] }
    return total / 3
  }

  // Sums of rows and of columns.
  checkArrayCost(
    "sum(rowsOf:)", at: Array(point[0..<6]),
    array: { v in dot(sum(rowsOf: v.reshaped(rows: 2, columns: 3)), v[4...5]) }
  ) { v in (v[0] + v[1] + v[2]) * v[4] + (v[3] + v[4] + v[5]) * v[5] }
  checkArrayCost(
    "sum(columnsOf:)", at: Array(point[0..<6]),
    array: { v in dot(sum(columnsOf: v.reshaped(rows: 2, columns: 3)), v[0..<3]) }
  ) { v in (v[0] + v[3]) * v[0] + (v[1] + v[4]) * v[1] + (v[2] + v[5]) * v[2] }

  // Reductions of vectors and matrices.
  checkArrayCost("mean", at: Array(point[0..<5]), array: { v in mean(v * v) }) { v in
    var total: Variable<T> = 0
    for x in v { total += x * x }
    return total / 5
  }
  checkArrayCost(
    "squaredNorm of a matrix", at: Array(point[0..<6]),
    array: { v in
      squaredNorm(v.reshaped(rows: 2, columns: 3)) + mean(v.reshaped(rows: 3, columns: 2))
    }
  ) { v in
    var squares: Variable<T> = 0
    var total: Variable<T> = 0
    for x in v {
      squares += x * x
      total += x
    }
    return squares + total / 6
  }

  // Slices, rows, elements and concatenation.
  checkArrayCost(
    "concatenate", at: Array(point[0..<6]),
    array: { v in
      let rotated = concatenate([v[2...], v[..<2]])
      return dot(rotated, VariableVector(constant: (1...6).map { T($0) })) * v[1]
    }
  ) { v in
    var total: Variable<T> = 0
    for k in 0..<6 { total += Variable(constant: T(k + 1)) * v[(k + 2) % 6] }
    return total * v[1]
  }
  checkArrayCost(
    "concatenate(rowsOf:), rows, row, element", at: Array(point[0..<6]),
    array: { v in
      let m = v.reshaped(rows: 3, columns: 2)
      let stacked = concatenate(rowsOf: [m.rows(1...), m.rows(..<1)])
      return weighted(stacked) + stacked[1, 0] * sum(m.row(2)) + sin(m.flattened()[3])
    }
  ) { v in
    let stacked = Array(v[2...]) + Array(v[..<2])
    return weighted(stacked) + stacked[2] * (v[4] + v[5]) + sin(v[3])
  }
  // Elements of a computed vector: each a scalar with the derivatives of that element.
  checkArrayCost(
    "elements of a computed vector", at: Array(point[0..<4]),
    array: { v in
      let y = exp(v) * v
      return y[0] * y[3] + y[2]
    }
  ) { v in exp(v[0]) * v[0] * exp(v[3]) * v[3] + exp(v[2]) * v[2] }
}

func checkNetwork<T: TestScalar>(_: T.Type) {
  // A 2-3-1 tanh network on four points, the cost of the mlp_grad benchmark in small.
  let inputs: [T] = [0.5, -1, 1.5, 0.25, -0.3, 0.8, 1.1, -0.7]
  let targets: [T] = [0.1, -0.2, 0.3, 0.05]
  let point: [T] = seededPoints(13, in: -0.8...0.8, seed: 5)
  let x = VariableMatrix(constant: inputs, rows: 4, columns: 2)
  let y = VariableVector(constant: targets)
  checkArrayCost(
    "2-3-1 tanh network", at: point,
    array: { p in
      let hidden = tanh(
        matmul(x, p[0..<6].reshaped(rows: 2, columns: 3)) + p[6..<9].reshaped(rows: 1, columns: 3))
      return mean(pow(matmul(hidden, p[9..<12]) + p[12...] - y, 2))
    }
  ) { p in
    var total: Variable<T> = 0
    for n in 0..<4 {
      var output = p[12]
      for j in 0..<3 {
        let z =
          Variable(constant: inputs[2 * n]) * p[j] + Variable(constant: inputs[2 * n + 1])
          * p[3 + j]
        output += tanh(z + p[6 + j]) * p[9 + j]
      }
      let r = output - Variable(constant: targets[n])
      total += r * r
    }
    return total / 4
  }
}

@Suite("Matrix operations, reductions and slices")
struct MatrixOperationTests {
  @Test("Against scalar variables and central differences", arguments: Precision.allCases)
  func operations(_ precision: Precision) {
    switch precision {
    case .float: checkMatrixOperations(Float.self)
    case .double: checkMatrixOperations(Double.self)
    }
  }

  @Test("A small tanh network", arguments: Precision.allCases)
  func network(_ precision: Precision) {
    switch precision {
    case .float: checkNetwork(Float.self)
    case .double: checkNetwork(Double.self)
    }
  }

  @Test("Cross-entropy stays finite for large logits")
  func crossEntropyOfLargeLogits() {
    let logits = [1000.0, 2000, -3000, 1e300, 5, 7]
    let (loss, g) = VariableVector.valueWithGradient(at: logits) { z in
      crossEntropy(logits: z.reshaped(rows: 2, columns: 3), labels: [0, 2])
    }
    // Row 0: logSumExp = 2000, loss 1000; row 1: the huge logit dominates, loss ≈ 1e300.
    #expect(loss.isFinite)
    let expectedLoss: Double = (1000 + (1e300 - 7)) / 2
    #expect(isClose(loss, expectedLoss, relative: 1e-12))
    #expect(g.allSatisfy { $0.isFinite })
    // ∂/∂z = (softmax − one-hot) / 2: row 0 softmax (0, 1, 0), label 0.
    #expect(isClose(g[0], -0.5, relative: 1e-12))
    #expect(isClose(g[1], 0.5, relative: 1e-12))
    #expect(g[2] == 0)
    #expect(isClose(g[3], 0.5, relative: 1e-12))
    #expect(isClose(g[5], -0.5, relative: 1e-12))
    // The same logits shifted by a constant give the same loss (softmax is shift-invariant).
    let shifted = VariableVector.valueWithGradient(at: [1.0, 3, 2]) { z in
      crossEntropy(logits: z, label: 1)
    }
    let large = VariableVector.valueWithGradient(at: [1001.0, 1003, 1002]) { z in
      crossEntropy(logits: z, label: 1)
    }
    #expect(isClose(shifted.value, large.value, relative: 1e-12))
    #expect(isClose(shifted.gradient, large.gradient, relative: 1e-12, absolute: 1e-15))
  }

  @Test("logSumExp at infinities and of an empty row")
  func logSumExpEdges() {
    let infinity = Double.infinity
    let rows: [[Double]] = [[-infinity, -infinity], [infinity, 1], [3, .nan]]
    let values = logSumExp(rowsOf: VariableMatrix(constant: rows)).values
    #expect(values[0] == -infinity)
    #expect(values[1] == infinity)
    #expect(values[2].isNaN)
    #expect(logSumExp(VariableVector<Double>(constant: [])).value == -.infinity)
  }
}
