import AutoDiff
import Dispatch
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The array tape (Sources/AutoDiff/Arrays/Recording/ArrayTape.swift): memory reused across
// calls, calls on many threads at once, and the vectorized elementary functions of the kernels
// (Kernels/KernelScalar.swift) against the C library.

/// A 2-8-1 tanh network's mean squared error on 64 points: the shape of a training step.
private func networkCost(
  _ p: VariableVector<Double>, inputs: VariableMatrix<Double>, targets: VariableVector<Double>
) -> Variable<Double> {
  let hidden = tanh(
    matmul(inputs, p[0..<16].reshaped(rows: 2, columns: 8))
      + p[16..<24].reshaped(rows: 1, columns: 8))
  return mean(pow(matmul(hidden, p[24..<32]) + p[32...] - targets, 2))
}

@Suite("The array tape")
struct ArrayTapeTests {
  @Test("A training loop of 1000 steps allocates nothing after its first steps")
  func noGrowthOverTraining() async {
    // In a child process, so that no other test's gradients share the tape pool or the count.
    await #expect(processExitsWith: .success) {
      var generator = SplitMix64(seed: 3)
      let features = generator.points(128, in: -2...2)
      var targets: [Double] = []
      for n in 0..<64 { targets.append(sin(features[2 * n]) * cos(features[2 * n + 1])) }
      let inputs = VariableMatrix(constant: features, rows: 64, columns: 2)
      let y = VariableVector(constant: targets)
      var parameters = generator.points(33, in: -0.5...0.5)
      var gradient = [Double]()
      var allocations: [Int] = []
      var losses: [Double] = []
      for step in 0..<1000 {
        let loss = VariableVector.valueWithGradient(at: parameters, into: &gradient) { p in
          networkCost(p, inputs: inputs, targets: y)
        }
        for i in parameters.indices { parameters[i] -= 0.1 * gradient[i] }
        // The same cost through the other entry point, in the same loop.
        _ = valueWithGradient(at: parameters, into: &gradient) { p in
          networkCost(VariableVector(p), inputs: inputs, targets: y)
        }
        if step == 9 || step == 999 { allocations.append(arrayTapeAllocationCount) }
        if step == 0 || step == 999 { losses.append(loss) }
      }
      // Nothing allocated between step 10 and step 1000, and the loop did learn.
      let grew = allocations[0] != allocations[1]
      let learned = losses[1] < losses[0]
      if grew || !learned { exit(1) }
    }
  }

  @Test("Array costs on many threads at once, each result checked")
  func concurrency() async {
    var points: [[Double]] = []
    for k in 0..<8 {
      let count = 100 + 37 * k
      points.append((0..<count).map { (i: Int) -> Double in 0.5 + 0.01 * Double(i + k) })
    }
    let expected = points.map { x in
      gradient(at: x) { v in
        var total: Variable<Double> = 0
        for i in 0..<(v.count - 1) {
          let a = v[i + 1] - v[i] * v[i]
          total += 100 * a * a + (1 - v[i]) * (1 - v[i])
        }
        return total
      }
    }
    let results = await withTaskGroup(of: (Int, [Double]).self) { group in
      for (k, x) in points.enumerated() {
        group.addTask {
          var g: [Double] = []
          for _ in 0..<20 {
            g = VariableVector.gradient(at: x) { v in
              let head = v[..<(v.count - 1)]
              let a = v[1...] - head * head
              let b = 1 - head
              return sum(100 * (a * a) + b * b)
            }
          }
          return (k, g)
        }
      }
      var results = [[Double]](repeating: [], count: points.count)
      for await (k, g) in group { results[k] = g }
      return results
    }
    for k in points.indices {
      #expect(isClose(results[k], expected[k], relative: 1e-12, absolute: 1e-12), "case \(k)")
    }
  }

  @Test("The tape statistics count the entries a reduction records for its leaves")
  func statistics() {
    // 10 inputs, then about one entry per input for the reduction (pairs, then pairs of pairs).
    let statistics = tapeStatistics(at: [Double](repeating: 1, count: 10)) { x in
      sum(VariableVector(x) * 2)
    }
    #expect(statistics.operations >= 10 + 5 && statistics.operations <= 10 + 10)
  }

  @Test(
    "The kernels' tanh is within 4 ulp of the C library's (Double), 2 ulp of tanh rounded (Float)")
  func vectorizedTanh() {
    var generator = SplitMix64(seed: 19)
    var points = generator.points(20_000, in: -25...25)
    for e in -40...5 { points += [pow(2.0, Double(e)), -pow(2.0, Double(e))] }
    points += [0, -0.0, .infinity, -.infinity, 19.0, 20, 700, -700, 1e-300, .leastNonzeroMagnitude]
    let values = tanh(VariableVector(constant: points)).values
    var worst = 0.0
    for (x, y) in zip(points, values) {
      let reference = tanh(x)
      #expect(y.sign == reference.sign, "tanh(\(x)) = \(y), C library \(reference)")
      if reference != 0 { worst = Swift.max(worst, (y - reference).magnitude / reference.ulp) }
    }
    #expect(worst <= 4, "worst error \(worst) ulp")
    #expect(tanh(VariableVector(constant: [Double.nan])).values[0].isNaN)

    let floats = points.map { Float($0) }
    let floatValues = tanh(VariableVector(constant: floats)).values
    var worstFloat: Float = 0
    for (x, y) in zip(floats, floatValues) {
      // The correctly rounded value (the C library's float tanh is itself off by up to 1 ulp).
      let reference = Float(tanh(Double(x)))
      if reference != 0 {
        worstFloat = Swift.max(worstFloat, (y - reference).magnitude / reference.ulp)
      }
    }
    #expect(worstFloat <= 2, "worst error \(worstFloat) ulp")
  }
}
