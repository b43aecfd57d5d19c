import AutoDiff

// Where forward mode in chunks stops beating reverse mode: the gradient of two costs timed in
// both modes for a range of input counts n. `DifferentiationMode.forwardModeInputLimit` is set
// from these lines (see the article "Forward or reverse?").
//
// - `rosenbrock`: the extended Rosenbrock function of n inputs, cheap arithmetic only.
// - `logistic`: the logistic-regression loss of n − 1 weights and a bias over 200 points, with a
//   softplus per point: few parameters, much data, as in a model's cost.

/// The extended Rosenbrock function as a `DifferentiableFunction`.
struct RosenbrockFunction: DifferentiableFunction {
  @inlinable
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { rosenbrock(x) }
}

/// Mean logistic loss Σ softplus(−yᵢ (w · xᵢ + b)) / m, with labels yᵢ = ±1.
struct LogisticLoss: DifferentiableFunction {
  let features: [[Double]]
  let labels: [Double]

  init(inputCount: Int, points: Int) {
    func fraction(_ v: Double) -> Double { v - v.rounded(.down) }
    features = (0..<points).map { i in
      (0..<(inputCount - 1)).map { j -> Double in
        let seed = Double(31 * i + 7 * j)
        return 2 * fraction(seed * 0.6180339887) - 1
      }
    }
    labels = (0..<points).map { i in fraction(Double(i) * 0.7548776662) < 0.5 ? -1 : 1 }
  }

  @inlinable
  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    let bias = p[p.count - 1]
    var total: S = 0
    for (row, label) in zip(features, labels) {
      var margin = bias
      for j in row.indices { margin += p[j] * S(row[j]) }
      total += softplus(S(-label) * margin)
    }
    return total / S(labels.count)
  }
}

func benchmarkBreakEven() {
  let counts = [2, 4, 8, 16, 24, 32, 48, 64]
  func measure<F: DifferentiableFunction>(_ name: String, _ make: (Int) -> F)
  where F.Failure == Never {
    for n in counts {
      let f = make(n)
      let x = (0..<n).map { (i: Int) -> Double in 0.5 + 0.001 * Double(i) }
      var g = [Double](repeating: 0, count: n)
      let reverse = medianSeconds(samples: 5, minimumSampleTime: 0.01) {
        sink += valueWithGradient(at: x, into: &g, mode: .reverse, of: f)
      }
      var fields: [(String, Any)] = [("n", n), ("reverse_s", reverse)]
      for chunk in [8, 16] {
        let mode = try! DifferentiationMode.forward(chunkSize: chunk)
        let forward = medianSeconds(samples: 5, minimumSampleTime: 0.01) {
          sink += valueWithGradient(at: x, into: &g, mode: mode, of: f)
        }
        fields.append(("forward_chunk\(chunk)_over_reverse", ratio(forward, reverse)))
      }
      let automatic = medianSeconds(samples: 5, minimumSampleTime: 0.01) {
        sink += valueWithGradient(at: x, into: &g, of: f)
      }
      let picked = DifferentiationMode.automatic.resolved(inputCount: n)
      fields.append(("automatic_picks", picked.description))
      fields.append(("automatic_over_reverse", ratio(automatic, reverse)))
      Measurement(
        workload: "break_even_\(name)", variant: "forward_vs_reverse", medianSeconds: reverse,
        fields: fields
      ).print()
    }
  }
  measure("rosenbrock") { _ in RosenbrockFunction() }
  measure("logistic") { n in LogisticLoss(inputCount: n, points: 200) }
}
