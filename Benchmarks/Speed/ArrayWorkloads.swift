import AutoDiff

// rosenbrock_grad and linreg_grad written with array operations (VariableVector), each timed
// against the hand-written gradient in the same run, sampled alternately.

/// Rosenbrock's function over whole vectors: a = x[1...] − x[..<n−1]², b = 1 − x[..<n−1],
/// f = Σ 100 a² + b², one reduction.
func rosenbrockOfVector(_ x: VariableVector<Double>) -> Variable<Double> {
  let n = x.count
  let head = x[..<(n - 1)]
  let a = x[1...] - head * head
  let b = 1 - head
  return sum(100 * (a * a) + b * b)
}

func benchmarkArrayRosenbrock() {
  let n = 10_000
  let x = (0..<n).map { 0.5 + 0.001 * Double($0) }
  var handGradient = [Double](repeating: 0, count: n)
  var gradient = [Double](repeating: 0, count: n)
  let (hand, array) = medianSecondsInterleaved(
    samples: 11,
    { sink += rosenbrockByHand(x, gradient: &handGradient) },
    { sink += VariableVector.valueWithGradient(at: x, into: &gradient, of: rosenbrockOfVector) })
  Measurement(
    workload: "rosenbrock_grad", variant: "array", medianSeconds: array,
    fields: [
      ("hand_interleaved_s", hand), ("ratio_to_hand", ratio(array, hand)),
      ("target_ratio_to_hand", 4.0), ("met", array / hand <= 4),
      ("max_relative_error_vs_hand", maximumRelativeError(gradient, handGradient)),
    ]
  ).print()

  // The same cost in an ordinary gradient call, its inputs gathered with VariableVector(x).
  let cost = { (p: [Variable<Double>]) in rosenbrockOfVector(VariableVector(p)) }
  let (hand2, gathered) = medianSecondsInterleaved(
    samples: 11,
    { sink += rosenbrockByHand(x, gradient: &handGradient) },
    { sink += valueWithGradient(at: x, into: &gradient, of: cost) })
  let statistics = tapeStatistics(at: x, of: cost)
  Measurement(
    workload: "rosenbrock_grad", variant: "array_gathered_inputs", medianSeconds: gathered,
    fields: [
      ("hand_interleaved_s", hand2), ("ratio_to_hand", ratio(gathered, hand2)),
      ("tape_operations", statistics.operations),
      ("max_relative_error_vs_hand", maximumRelativeError(gradient, handGradient)),
    ]
  ).print()
}

func benchmarkArrayLinearRegression() {
  let data = LinearRegressionData(count: 1_000_000)
  let x = VariableVector(constant: data.x)
  let y = VariableVector(constant: data.y)
  var gradient = [0.0, 0.0]
  var handGradient = [0.0, 0.0]
  let (hand, array) = medianSecondsInterleaved(
    samples: 11,
    {
      let (value, dm, db) = meanSquaredErrorByHand(m: 0.5, b: -1, x: data.x, y: data.y)
      handGradient = [dm, db]
      sink += value
    },
    {
      sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in
        let m = VariableVector(p[0])
        let b = VariableVector(p[1])
        return mean(pow(m * x + b - y, 2))
      }
    })
  Measurement(
    workload: "linreg_grad", variant: "array", medianSeconds: array,
    fields: [
      ("hand_interleaved_s", hand), ("ratio_to_hand", ratio(array, hand)),
      ("target_ratio_to_hand", 2.0), ("met", array / hand <= 2),
      ("max_relative_error_vs_hand", maximumRelativeError(gradient, handGradient)),
    ]
  ).print()
}

/// The largest |aᵢ − bᵢ| / max(1, |bᵢ|).
func maximumRelativeError(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
