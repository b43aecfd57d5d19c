import AutoDiff
import Testing

@Suite struct ValueOnlyTests {
  @Test func theValueIsTheSameAsTheDifferentiatedOne() {
    let scalarCost = { (p: [Variable<Double>]) -> Variable<Double> in
      let a = 1 - p[0]
      let b = p[1] - p[0] * p[0]
      return a * a + 100 * b * b + exp(-p[0]) * sin(p[1])
    }
    let point = [-1.2, 1.0]
    #expect(value(at: point, of: scalarCost) == valueWithGradient(at: point, of: scalarCost).value)
  }

  @Test func arrayCostsComputeOnConstantsWithoutATape() {
    let x: [Double] = (0..<24).map { Double($0) / 7 - 1 }
    let y: [Double] = (0..<8).map { Double($0 % 3) - 1 }
    let cost = { (p: [Variable<Double>]) -> Variable<Double> in
      let v = VariableVector(p)
      let w = v[0..<3].reshaped(rows: 1, columns: 3)
      let b = v[3..<4].reshaped(rows: 1, columns: 1)
      let inputs = VariableMatrix(constant: x, rows: 8, columns: 3)
      let out = tanh(matmul(inputs, w.transposed()) + b)
      return mean(pow(out - VariableMatrix(constant: y, rows: 8, columns: 1), 2))
    }
    let point: [Double] = [0.1, -0.2, 0.3, 0.05]
    let taped = valueWithGradient(at: point, of: cost).value
    let plain = value(at: point, of: cost)
    #expect(abs(plain - taped) <= 1e-15 * abs(taped))
    // Nothing of it is tracked: the result is a constant.
    let constant = cost(point.map { Variable(constant: $0) })
    #expect(!constant.isTracked)
  }
}
