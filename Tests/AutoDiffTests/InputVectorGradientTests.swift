import AutoDiff
import Testing

// The bookkeeping of `VariableVector.valueWithGradient(at:into:of:)`
// (Sources/AutoDiff/Arrays/API/VariableVector+Gradient.swift, Recording/ArrayReduction.swift):
// a reduction keeps its partials with respect to the inputs where its sweep left them, in the
// input leaf's adjoints, until a later reduction would overwrite them; and the scalar sweep
// neither zeroes nor reads the inputs' adjoints unless an input element became a `Variable`.
// The input leaf's adjoints are the caller's gradient array, so the partials of a cost's one
// reduction are written there directly and only scaled by the reduction's adjoint afterwards.
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

  @Test("One reduction writes the gradient in place, scaled by its adjoint, over any old values")
  func oneReductionInPlace() {
    // The caller's array starts as NaN: every element must be written, including those of
    // inputs a view leaves out, which the reduction zeroes before adding into them.
    for _ in 0..<2 {
      check("adjoint 1", vector: { v in sum(v * v) }, scalar: { v in sumOf(v) { $0 * $0 } })
      check(
        "adjoint from the scalar sweep", vector: { v in sin(sum(v * v)) },
        scalar: { v in sin(sumOf(v) { $0 * $0 }) })
      check("adjoint 0", vector: { v in sum(v * v) * 0 }, scalar: { v in sumOf(v) { $0 * $0 } * 0 })
      check(
        "a view of the inputs", vector: { v in 2 * sum(v[1..<3] * v[1..<3]) },
        scalar: { v in 2 * (v[1] * v[1] + v[2] * v[2]) })
      check(
        "views written in full by a product",
        vector: { v in
          let w = v[..<4].reshaped(rows: 2, columns: 2)
          return sum(tanh(matmul(w, w)))
        },
        scalar: { v in
          // (W·W)ᵢⱼ = Σₖ Wᵢₖ Wₖⱼ with W = [[v0, v1], [v2, v3]].
          var products: [Variable<Double>] = []
          for i in 0..<2 {
            for j in 0..<2 {
              let first: Variable<Double> = v[2 * i] * v[j]
              products.append(first + v[2 * i + 1] * v[2 + j])
            }
          }
          return sumOf(products) { tanh($0) }
        })
    }
  }

  @Test("Views of the inputs are overwritten where a step writes them whole, zeroed elsewhere")
  func viewsWrittenWholeOrZeroed() {
    // A 2-3-1 tanh layer whose parameters sit between unused inputs (elements 0 and 14–15):
    // the weights are written whole by the products' backward steps (no zeroing), the biases
    // are added into, the unused inputs must end as zeros over the NaN the array held.
    let p: [Double] = (0..<16).map { (k: Int) -> Double in Double(k % 7) / 10 - 0.3 }
    let inputs: [[Double]] = [[0.5, -1], [1.5, 0.25], [-0.75, 2], [0, 1]]
    let targets: [Double] = [0.2, -0.1, 0.4, 0]
    let x = VariableMatrix(constant: inputs.flatMap { $0 }, rows: 4, columns: 2)
    var g = [Double](repeating: .nan, count: p.count)
    let value = VariableVector.valueWithGradient(at: p, into: &g) { v in
      let hidden = tanh(
        matmul(x, v[1..<7].reshaped(rows: 2, columns: 3)) + v[7..<10].reshaped(rows: 1, columns: 3))
      let output = matmul(hidden, v[10..<13]) + v[13..<14]
      return sum(pow(output - VariableVector(constant: targets), 2))
    }
    let expected = valueWithGradient(at: p) { v in
      var total = Variable<Double>(constant: 0)
      for (row, target) in zip(inputs, targets) {
        var output = v[13]
        for j in 0..<3 {
          let first: Variable<Double> = Variable(row[0]) * v[1 + j]
          let second: Variable<Double> = Variable(row[1]) * v[4 + j]
          let h = tanh(first + second + v[7 + j])
          output = output + h * v[10 + j]
        }
        let error: Variable<Double> = output - Variable(target)
        total = total + error * error
      }
      return total
    }
    #expect(isClose(value, expected.value, relative: 1e-14))
    #expect(isClose(g, expected.gradient, relative: 1e-13, absolute: 1e-15), "\(g)")
    #expect(g[0] == 0 && g[14] == 0 && g[15] == 0)

    // In one reduction, one view written whole by a product's backward step, then an
    // overlapping view added into (its region was recorded first, so its backward step runs
    // after the product's): the second must add to the first's values, and zero only [4, 5).
    check(
      "overlapping after a whole write",
      vector: { v in
        let squares = v[2..<5] * v[2..<5]
        let w = v[0..<4].reshaped(rows: 2, columns: 2)
        let m = VariableMatrix(constant: [1.0, 2, -1, 0.5], rows: 2, columns: 2)
        let product = matmul(m, w)
        return sum(concatenate([(product * product).flattened(), squares]))
      },
      scalar: { v in
        let m: [Variable<Double>] = [1, 2, -1, 0.5].map { Variable($0) }
        var total = v[2] * v[2] + v[3] * v[3] + v[4] * v[4]
        for i in 0..<2 {
          for j in 0..<2 {
            let e: Variable<Double> = m[2 * i] * v[j] + m[2 * i + 1] * v[2 + j]
            total = total + e * e
          }
        }
        return total
      })
  }

  @Test("Many scattered views of the inputs in one reduction: every element written once")
  func manyScatteredViews() {
    // 100 one-element views, every other element, in reverse order: more written ranges than
    // the tape keeps apart, so the whole input is zeroed once on the way.
    let n = 201
    let p = (0..<n).map { 0.01 * Double($0) - 1 }
    var g = [Double](repeating: .nan, count: n)
    let value = VariableVector.valueWithGradient(at: p, into: &g) { v in
      var total = v[(n - 1)...] * v[(n - 1)...]
      for i in stride(from: n - 3, through: 1, by: -2) {
        total = total + 3 * sin(v[i..<(i + 1)])
      }
      return sum(total)
    }
    let expected = valueWithGradient(at: p) { v in
      var total = v[n - 1] * v[n - 1]
      for i in stride(from: n - 3, through: 1, by: -2) { total = total + 3 * sin(v[i]) }
      return total
    }
    #expect(isClose(value, expected.value, relative: 1e-13))
    #expect(isClose(g, expected.gradient, relative: 1e-13, absolute: 1e-15))
  }

  @Test("A cost that throws after a reduction rethrows, and the next call is unaffected")
  func throwingAfterReduction() throws {
    struct Stop: Error {}
    var g = [Double](repeating: 0, count: x.count)
    #expect(throws: Stop.self) {
      _ = try VariableVector.valueWithGradient(at: x, into: &g) { v in
        let s = sum(v * v)
        if s.value > 0 { throw Stop() }
        return s
      }
    }
    let value = VariableVector.valueWithGradient(at: x, into: &g) { v in 0.5 * sum(v * v) }
    #expect(isClose(value, 0.5 * x.reduce(0) { $0 + $1 * $1 }, relative: 1e-15))
    #expect(g == x)
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
