import AutoDiff

// Mean squared error of y = m·x + b over N = 1 000 000 points, gradient with respect to (m, b)
// at (0.5, −1).

struct LinearRegressionData {
  let x: [Double]
  let y: [Double]

  init(count: Int) {
    func fraction(_ v: Double) -> Double { v - v.rounded(.down) }
    let x = (0..<count).map { 10 * fraction(Double($0) * 0.6180339887498949) }
    // Deterministic noise in [−1, 1].
    y = x.indices.map { 3 * x[$0] + 2 + 2 * fraction(Double($0) * 0.7548776662466927) - 1 }
    self.x = x
  }
}

/// Written once, generic; data enter as constants.
@inlinable
func meanSquaredError<S: RealScalar>(_ p: [S], x: [Double], y: [Double]) -> S {
  let m = p[0]
  let b = p[1]
  var total: S = 0
  for i in x.indices {
    let r = m * S(x[i]) + b - S(y[i])
    total += r * r
  }
  return total / S(x.count)
}

/// The same cost as a `DifferentiableFunction`, so that `gradient(at:of:)` can pick the mode.
struct MeanSquaredError: DifferentiableFunction {
  let data: LinearRegressionData

  @inlinable
  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    meanSquaredError(p, x: data.x, y: data.y)
  }
}

/// Value and gradient by hand.
@inlinable
func meanSquaredErrorByHand(m: Double, b: Double, x: [Double], y: [Double]) -> (
  Double, Double, Double
) {
  var total = 0.0
  var dm = 0.0
  var db = 0.0
  x.withUnsafeBufferPointer { x in
    y.withUnsafeBufferPointer { y in
      for i in 0..<x.count {
        let r = m * x[i] + b - y[i]
        total += r * r
        dm += r * x[i]
        db += r
      }
    }
  }
  let n = Double(x.count)
  return (total / n, 2 * dm / n, 2 * db / n)
}

#if canImport(_Differentiation)
  import _Differentiation

  nonisolated(unsafe) var regressionX: [Double] = []
  nonisolated(unsafe) var regressionY: [Double] = []

  @differentiable(reverse)
  func meanSquaredErrorDifferentiable(_ m: Double, _ b: Double) -> Double {
    var total = 0.0
    let n = withoutDerivative(at: regressionX.count)
    for i in 0..<n {
      let r = m * regressionX[i] + b - regressionY[i]
      total += r * r
    }
    return total / Double(n)
  }
#endif

func benchmarkLinearRegression() {
  let data = LinearRegressionData(count: 1_000_000)
  let hand = medianSeconds {
    let (value, dm, db) = meanSquaredErrorByHand(m: 0.5, b: -1, x: data.x, y: data.y)
    sink += value + dm + db
  }
  Measurement(workload: "linreg_grad", variant: "hand", medianSeconds: hand).print()

  var gradient = [0.0, 0.0]
  let reverse = medianSeconds(samples: 5) {
    sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in
      meanSquaredError(p, x: data.x, y: data.y)
    }
  }
  let statistics = tapeStatistics(at: [0.5, -1.0]) { p in
    meanSquaredError(p, x: data.x, y: data.y)
  }
  Measurement(
    workload: "linreg_grad", variant: "reverse", medianSeconds: reverse,
    fields: [
      ("ratio_to_hand", ratio(reverse, hand)), ("tape_operations", statistics.operations),
      ("tape_bytes_per_op", statistics.recordBytesPerOperation),
      ("adjoint_bytes_per_op", statistics.adjointBytesPerOperation),
    ]
  ).print()

  // Forward mode: one pass per parameter (2 passes), no tape.
  let forward = medianSeconds {
    let seeds = [
      [Dual(0.5, tangent: 1), Dual(-1, tangent: 0)], [Dual(0.5, tangent: 0), Dual(-1, tangent: 1)],
    ]
    for seed in seeds { sink += meanSquaredError(seed, x: data.x, y: data.y).tangent }
  }
  Measurement(
    workload: "linreg_grad", variant: "forward", medianSeconds: forward,
    fields: [("ratio_to_hand", ratio(forward, hand)), ("passes", 2)]
  ).print()

  // Automatic mode: 2 parameters, so forward mode with one chunk of 2 tangents, one pass.
  let cost = MeanSquaredError(data: data)
  var handGradient = (0.0, 0.0)
  let (hand2, automatic) = medianSecondsInterleaved(
    {
      let (value, dm, db) = meanSquaredErrorByHand(m: 0.5, b: -1, x: data.x, y: data.y)
      handGradient = (dm, db)
      sink += value
    },
    { sink += valueWithGradient(at: [0.5, -1], into: &gradient, of: cost) })
  let error = max(
    abs(gradient[0] - handGradient.0) / abs(handGradient.0),
    abs(gradient[1] - handGradient.1) / abs(handGradient.1))
  Measurement(
    workload: "linreg_grad", variant: "automatic", medianSeconds: automatic,
    fields: [
      ("mode", DifferentiationMode.automatic.resolved(inputCount: 2).description),
      ("hand_interleaved_s", hand2), ("ratio_to_hand", ratio(automatic, hand2)),
      ("target_ratio_to_hand", 2.0), ("met", automatic / hand2 <= 2),
      ("max_relative_error_vs_hand", error),
    ]
  ).print()

  #if canImport(_Differentiation)
    regressionX = data.x
    regressionY = data.y
    let reference = medianSeconds(samples: 5, minimumSampleTime: 0) {
      let (value, g) = _Differentiation.valueWithGradient(
        at: 0.5, -1, of: meanSquaredErrorDifferentiable)
      sink += value + g.0 + g.1
    }
    Measurement(
      workload: "linreg_grad", variant: "_Differentiation", medianSeconds: reference,
      fields: [("ratio_to_hand", ratio(reference, hand))]
    ).print()
  #endif
}
