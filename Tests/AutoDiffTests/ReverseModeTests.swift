import AutoDiff
import Testing

// The reverse-mode entry points (Sources/AutoDiff/ReverseMode.swift) and the tape they record on
// (Sources/AutoDiff/Tape.swift): results, shapes, reuse of pooled tapes, and size.

private struct Stop: Error, Equatable {}

/// Σᵢ (i + 1) xᵢ², with gradient 2 (i + 1) xᵢ: a cost of any size with a closed form.
private func weightedSquares<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for (i, v) in x.enumerated() { total += S(i + 1) * v * v }
  return total
}

@Suite("Reverse mode")
struct ReverseModeTests {
  // MARK: - Gradients

  @Test("valueWithGradient returns f(x) and ∇f(x)")
  func valueAndGradient() {
    let (value, g) = valueWithGradient(at: [1.0, 2.0]) { x in x[0] * x[0] * x[1] + sin(x[1]) }
    #expect(value == 2 + sin(2.0))
    #expect(g == [4, 1 + cos(2.0)])
    #expect(gradient(at: [1.0, 2.0]) { x in x[0] * x[0] * x[1] + sin(x[1]) } == g)
    #expect(gradient(at: Float(2)) { x in x * x * x } == 12)
    #expect(valueWithGradient(at: 2.0) { x in x * x * x } == (8, 12))
  }

  @Test("An output that is an input: ∂xᵢ/∂x = eᵢ")
  func inputAsOutput() {
    #expect(gradient(at: [1.0, 2.0, 3.0]) { x in x[1] } == [0, 1, 0])
    #expect(gradient(at: 5.0) { x in x } == 1)
  }

  @Test("valueWithGradient(at:into:) resizes a gradient of the wrong length")
  func intoResizes() {
    let point = [1.0, -2.0, 3.0]
    for initial in [[], [9.0], [9.0, 9.0, 9.0, 9.0, 9.0]] {
      var g = initial
      let value = valueWithGradient(at: point, into: &g, of: weightedSquares)
      #expect(value == 1 + 8 + 27)
      #expect(g == [2, -8, 18], "from \(initial.count) elements")
    }
  }

  @Test("valueWithGradient(at:into:) overwrites every element, also for a constant output")
  func intoOverwrites() {
    var g: [Double] = [.nan, .infinity, 42]
    _ = valueWithGradient(at: [1.0, 1.0, 1.0], into: &g) { x in x[2] * 3 }
    #expect(g == [0, 0, 3])
    g = [.nan, .infinity, 42]
    let value = valueWithGradient(at: [1.0, 1.0, 1.0], into: &g) { _ in Variable(constant: 2) }
    #expect(value == 2)
    #expect(g == [0, 0, 0])
  }

  @Test("An error thrown by the function is rethrown, and the tape is returned to the pool")
  func rethrowsErrors() {
    #expect(throws: Stop()) {
      try gradient(at: [1.0]) { (x: [Variable<Double>]) throws -> Variable<Double> in
        _ = x[0] * x[0]
        throw Stop()
      }
    }
    #expect(gradient(at: [3.0]) { x in x[0] * x[0] } == [6])
  }

  // MARK: - Jacobians

  @Test("jacobian has one row per output and one column per input")
  func jacobianShape() {
    let (values, j) = valueWithJacobian(at: [1.0, 2.0, 3.0]) { x in
      [x[0] * x[1], x[1] + x[2]]
    }
    #expect(values == [2, 5])
    #expect(j == [[2, 1, 0], [0, 1, 1]])
    #expect(jacobian(at: [1.0, 2.0]) { x in [x[0] * x[1], x[0] + x[1]] } == [[2, 1], [1, 1]])
  }

  @Test("jacobian edge cases: no outputs, no inputs, inputs as outputs, constant outputs")
  func jacobianEdgeCases() {
    #expect(jacobian(at: [1.0, 2.0]) { _ in [Variable<Double>]() } == [])
    #expect(jacobian(at: [Double]()) { _ in [Variable(constant: 1.0), 2] } == [[], []])
    // A permutation: each row is a basis vector; repeated outputs sweep independently.
    #expect(
      jacobian(at: [1.0, 2.0, 3.0]) { x in [x[2], x[0], x[1], x[2]] }
        == [[0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]])
    #expect(
      jacobian(at: [1.0, 2.0]) { x in [x[0], Variable(constant: 7)] } == [[1, 0], [0, 0]])
  }

  // MARK: - Pooled tapes

  @Test("A pooled tape reused by many calls of different sizes gives the right answers")
  func tapeReuseAcrossSizes() {
    var generator = SplitMix64(seed: 42)
    var sizes = [0, 1, 2, 1023, 1024, 1025, 5000, 3, 2048, 1]
    for _ in 0..<60 { sizes.append(Int.random(in: 0...3000, using: &generator)) }
    var wrong: [Int] = []
    for n in sizes {
      let point = generator.points(n, in: -2...2)
      let (value, g) = valueWithGradient(at: point, of: weightedSquares)
      let expectedGradient = point.indices.map { 2 * Double($0 + 1) * point[$0] }
      let valueOK = isClose(value, weightedSquares(point), relative: 1e-15)
      if !valueOK || g != expectedGradient { wrong.append(n) }
      // Between gradients, a Jacobian on the same pool.
      let j = jacobian(at: [Double(n), 1]) { x in [x[0] * x[1], x[0]] }
      if j != [[1, Double(n)], [1, 0]] { wrong.append(-n) }
    }
    #expect(wrong.isEmpty, "wrong for sizes \(wrong)")
  }

  @Test("A cost of more than a million operations")
  func millionOperations() {
    // Σ over 400 000 steps of x₀ · x₁ + x₂: 1.2 million recorded operations. ∇ = N (x₁, x₀, 1).
    let steps = 400_000
    let cost: ([Variable<Double>]) -> Variable<Double> = { x in
      var total: Variable<Double> = 0
      for _ in 0..<steps { total += x[0] * x[1] + x[2] }
      return total
    }
    let point = [0.5, 2.0, 0.25]
    let (value, g) = valueWithGradient(at: point, of: cost)
    let n = Double(steps)
    #expect(value == n * 1.25)
    #expect(g == [n * 2, n * 0.5, n])
    let statistics = tapeStatistics(at: point, of: cost)
    #expect(statistics.operations == 3 + 3 * steps)
  }

  @Test("tapeStatistics counts inputs and operations on tracked values, not constants")
  func statistics() {
    let s = tapeStatistics(at: [1.0, 2.0]) { x in
      let c = Variable<Double>(constant: 3) * 2 + 1  // constants only: not recorded
      return x[0] * x[1] + c
    }
    #expect(s.operations == 4)
    #expect(s.recordBytesPerOperation == 24)
    #expect(s.adjointBytesPerOperation == 8)
    #expect(s.recordBytes == 96)
  }
}
