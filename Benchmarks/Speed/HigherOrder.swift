import AutoDiff

// Second derivatives of the extended Rosenbrock function:
// - `rosenbrock_hessian`: the Hessian at n = 2 and n = 100, forward over reverse, against the
//   analytic Hessian (target: 1e-12 relative in every entry), with its time.
// - `rosenbrock_hvp`: one Hessian-vector product at n = 10 000 against one reverse-mode gradient
//   of the same function, timed alternately in the same run (target ≤ 10×).

/// The analytic Hessian of Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²: for each term i,
/// ∂²/∂xᵢ² = 1200 xᵢ² − 400 xᵢ₊₁ + 2, ∂²/∂xᵢ∂xᵢ₊₁ = −400 xᵢ, ∂²/∂xᵢ₊₁² = 200.
func rosenbrockHessianByHand(_ x: [Double]) -> [[Double]] {
  let n = x.count
  var flat = [Double](repeating: 0, count: n * n)
  for i in 0..<(n - 1) {
    let xi: Double = x[i]
    let xNext: Double = x[i + 1]
    let diagonal: Double = 1200 * xi * xi - 400 * xNext + 2
    flat[i * n + i] += diagonal
    flat[(i + 1) * n + i + 1] += 200
    flat[i * n + i + 1] = -400 * xi
    flat[(i + 1) * n + i] = -400 * xi
  }
  return (0..<n).map { row in Array(flat[(row * n)..<((row + 1) * n)]) }
}

/// The largest |computed − analytic| / |analytic| over the entries, and whether every entry
/// that is analytically zero is exactly zero.
func hessianError(_ computed: [[Double]], _ analytic: [[Double]]) -> (Double, Bool) {
  var worst = 0.0
  var zerosExact = true
  for (row, expectedRow) in zip(computed, analytic) {
    for (value, expected) in zip(row, expectedRow) {
      if expected == 0 {
        zerosExact = zerosExact && value == 0
      } else {
        worst = max(worst, abs(value - expected) / abs(expected))
      }
    }
  }
  return (worst, zerosExact)
}

func benchmarkHigherOrder() {
  let function = RosenbrockFunction()
  for n in [2, 100] {
    let spread = (0..<n).map { (i: Int) -> Double in 0.5 + 0.001 * Double(i) }
    let x = n == 2 ? [-1.2, 1.0] : spread
    let analytic = rosenbrockHessianByHand(x)
    var computed: [[Double]] = []
    let chunked = medianSeconds(samples: 5) { computed = hessian(at: x, of: function) }
    let (error, zerosExact) = hessianError(computed, analytic)
    let byColumn = hessian(at: x, of: rosenbrock)
    let (columnError, columnZerosExact) = hessianError(byColumn, analytic)
    let oneColumnPerSweep = medianSeconds(samples: 5) {
      sink += hessian(at: x, of: rosenbrock)[0][0]
    }
    Measurement(
      workload: "rosenbrock_hessian", variant: "forward_over_reverse", medianSeconds: chunked,
      fields: [
        ("n", n), ("chunk_size", DifferentiationMode.forward.resolved(inputCount: n).chunkSize!),
        ("max_relative_error_vs_analytic", error), ("zeros_exact", zerosExact),
        ("target_relative_error", 1e-12), ("met", error <= 1e-12 && zerosExact),
        ("one_column_per_sweep_s", oneColumnPerSweep),
        ("one_column_per_sweep_max_relative_error", columnError),
        ("one_column_per_sweep_zeros_exact", columnZerosExact),
      ]
    ).print()
  }

  let n = 10_000
  let x = (0..<n).map { (i: Int) -> Double in 0.5 + 0.001 * Double(i) }
  let v = (0..<n).map { (i: Int) -> Double in Double(i % 7) - 3 }
  var gradient = [Double](repeating: 0, count: n)
  var product: [Double] = []
  let (reverse, hvp) = medianSecondsInterleaved(
    { sink += valueWithGradient(at: x, into: &gradient, of: rosenbrock) },
    { product = try! hessianVectorProduct(at: x, along: v, of: rosenbrock) })
  // H v from the analytic Hessian's three diagonals.
  var expected = [Double](repeating: 0, count: n)
  for i in 0..<(n - 1) {
    expected[i] += (1200 * x[i] * x[i] - 400 * x[i + 1] + 2) * v[i] - 400 * x[i] * v[i + 1]
    expected[i + 1] += 200 * v[i + 1] - 400 * x[i] * v[i]
  }
  let error = zip(product, expected).map { abs($0 - $1) / max(1, abs($1)) }.max()!
  Measurement(
    workload: "rosenbrock_hvp", variant: "forward_over_reverse", medianSeconds: hvp,
    fields: [
      ("n", n), ("gradient_interleaved_s", reverse), ("ratio_to_gradient", ratio(hvp, reverse)),
      ("target_ratio_to_gradient", 10.0), ("met", hvp / reverse <= 10),
      ("max_relative_error_vs_analytic", error),
    ]
  ).print()
}
