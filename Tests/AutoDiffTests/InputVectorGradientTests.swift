import AutoDiff
import Testing

// The bookkeeping of `VariableVector.valueWithGradient(at:into:of:)`
// (Sources/AutoDiff/Arrays/API/VariableVector+Gradient.swift, Recording/ArrayReduction.swift):
// a reduction keeps its partials with respect to the inputs where its sweep left them, in the
// input leaf's adjoints, until a later reduction would overwrite them; and the scalar sweep
// neither zeroes nor reads the inputs' adjoints unless an input element became a `Variable`.
// Each cost below is checked against the same formula on scalar variables (the plain entry
// point, which records an entry per input), on one pooled tape reused in every order.

@Suite("The input vector's gradient bookkeeping")
struct InputVectorGradientTests {
  let x: [Double] = [0.3, -1.2, 2.0, 0.7, -0.4]

  /// ∇ by the vector entry point against ∇ of `scalar` on scalar variables.
  func check(
    _ name: String, vector: (VariableVector<Double>) -> Variable<Double>,
    scalar: ([Variable<Double>]) -> Variable<Double>
  ) {
    var g = [Double](repeating: .nan, count: x.count)
    let value = VariableVector.valueWithGradient(at: x, into: &g, of: vector)
    let expected = valueWithGradient(at: x, of: scalar)
    #expect(isClose(value, expected.value, relative: 1e-14), "\(name): value")
    #expect(isClose(g, expected.gradient, relative: 1e-13, absolute: 1e-15), "\(name): \(g)")
  }

  func sumOf(_ x: [Variable<Double>], _ f: (Variable<Double>) -> Variable<Double>)
    -> Variable<Double>
  {
    x.dropFirst().reduce(f(x[0])) { $0 + f($1) }
  }

  @Test("Several reductions of the inputs add up, whatever else a cost does")
  func severalReductions() {
    // Every case runs twice, in both orders with the others: stale adjoints of an earlier call
    // on the pooled tape must never show.
    for _ in 0..<2 {
      // Two reductions, each overwriting the adjoints the other left.
      check(
        "two sums", vector: { v in sum(v * v) + 3 * mean(sin(v)) },
        scalar: { v in sumOf(v) { $0 * $0 } + 3 * sumOf(v) { sin($0) } / 5 })
      // Three, combined non-linearly: the weights come from the scalar sweep.
      check(
        "product of sums", vector: { v in sum(exp(v)) * sum(v) - squaredNorm(v[1...]) },
        scalar: { v in
          sumOf(v) { exp($0) } * sumOf(v) { $0 } - sumOf(Array(v[1...])) { $0 * $0 }
        })
      // A reduction whose weight is zero at this point.
      check(
        "zero weight", vector: { v in sum(v) * 0 + sum(v * v) },
        scalar: { v in sumOf(v) { $0 } * 0 + sumOf(v) { $0 * $0 } })
      // Elements as scalar variables, alone and mixed with reductions before and after.
      check(
        "elements only", vector: { v in v[0] * v[2] + sin(v[4]) },
        scalar: { v in v[0] * v[2] + sin(v[4]) })
      check(
        "element between reductions",
        vector: { v in
          let first = sum(v * v)
          let middle = v[1] * first
          return middle + mean(cos(v)) * v[3]
        },
        scalar: { v in
          let first = sumOf(v) { $0 * $0 }
          return v[1] * first + sumOf(v) { cos($0) } / 5 * v[3]
        })
      // An element of an expression of the inputs, not of the inputs themselves.
      check(
        "element of an expression", vector: { v in exp(v)[2] + sum(v) },
        scalar: { v in exp(v[2]) + sumOf(v) { $0 } })
      // A reduction that does not reach the inputs after one that does.
      check(
        "constant reduction after",
        vector: { v in sum(v * v) + sum(VariableVector(constant: [1.0, 2])) },
        scalar: { v in sumOf(v) { $0 * $0 } + 3 })
    }
  }

  @Test("A cost that ignores its inputs has a zero gradient, after any earlier call")
  func constantCost() {
    var g = [Double](repeating: .nan, count: x.count)
    _ = VariableVector.valueWithGradient(at: x, into: &g) { v in v[0] * v[1] }
    let value = VariableVector.valueWithGradient(at: x, into: &g) { _ in Variable(constant: 2) }
    #expect(value == 2 && g == [0, 0, 0, 0, 0])
    _ = VariableVector.valueWithGradient(at: x, into: &g) { v in sum(v * v) }
    let unused = VariableVector.valueWithGradient(at: x, into: &g) { v in
      sum(VariableVector(constant: [1.0])) + 0 * v[0]
    }
    #expect(unused == 1 && g == [0, 0, 0, 0, 0])
  }
}
