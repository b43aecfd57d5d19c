import AutoDiff

// The extended Rosenbrock function f(x) = Σ_{i=0}^{n-2} 100 (x[i+1] − x[i]²)² + (1 − x[i])².

/// Written once, generic: runs on Double, Dual<Double> and Variable<Double>.
@inlinable
func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in 0..<(x.count - 1) {
    let a = x[i + 1] - x[i] * x[i]
    let b = 1 - x[i]
    total += 100 * a * a + b * b
  }
  return total
}

/// Value and gradient by hand: the reference every ratio is measured against.
@inlinable
func rosenbrockByHand(_ x: [Double], gradient: inout [Double]) -> Double {
  let n = x.count
  var total = 0.0
  gradient.withUnsafeMutableBufferPointer { g in
    x.withUnsafeBufferPointer { x in
      for i in 0..<n { g[i] = 0 }
      for i in 0..<(n - 1) {
        let a = x[i + 1] - x[i] * x[i]
        let b = 1 - x[i]
        total += 100 * a * a + b * b
        g[i] += -400 * a * x[i] - 2 * b
        g[i + 1] += 200 * a
      }
    }
  }
  return total
}

#if canImport(_Differentiation)
  import _Differentiation

  @differentiable(reverse)
  func rosenbrockDifferentiable(_ x: [Double]) -> Double {
    var total = 0.0
    let n = withoutDerivative(at: x.count)
    for i in 0..<(n - 1) {
      let a = x[i + 1] - x[i] * x[i]
      let b = 1 - x[i]
      total += 100 * a * a + b * b
    }
    return total
  }
#endif

func benchmarkRosenbrock() {
  let n = 10_000
  let x = (0..<n).map { 0.5 + 0.001 * Double($0) }
  var handGradient = [Double](repeating: 0, count: n)
  let hand = medianSeconds(samples: 9) {
    sink += rosenbrockByHand(x, gradient: &handGradient)
  }
  Measurement(workload: "rosenbrock_grad", variant: "hand", medianSeconds: hand).print()

  var gradient = [Double](repeating: 0, count: n)
  let reverse = medianSeconds(samples: 9) {
    sink += valueWithGradient(at: x, into: &gradient, of: rosenbrock)
  }
  let statistics = tapeStatistics(at: x, of: rosenbrock)
  let recordOnly = medianSeconds(samples: 9) {
    sink += Double(tapeStatistics(at: x, of: rosenbrock).operations)
  }
  Measurement(
    workload: "rosenbrock_grad", variant: "reverse_record_only", medianSeconds: recordOnly,
    fields: [("ratio_to_hand", ratio(recordOnly, hand))]
  ).print()
  let maximumError = zip(gradient, handGradient).map { abs($0 - $1) / max(1, abs($1)) }.max()!
  var fields: [(String, Any)] = [
    ("ratio_to_hand", ratio(reverse, hand)), ("target_ratio_to_hand", 25.0),
    ("met", reverse / hand <= 25),
    ("tape_operations", statistics.operations),
    ("tape_bytes_per_op", statistics.recordBytesPerOperation),
    ("adjoint_bytes_per_op", statistics.adjointBytesPerOperation),
    ("max_relative_error_vs_hand", maximumError),
  ]

  #if canImport(_Differentiation)
    let reference = medianSeconds(samples: 5, minimumSampleTime: 0) {
      let (value, g) = _Differentiation.valueWithGradient(at: x, of: rosenbrockDifferentiable)
      sink += value + g[0]
    }
    Measurement(
      workload: "rosenbrock_grad", variant: "_Differentiation", medianSeconds: reference,
      fields: [("ratio_to_hand", ratio(reference, hand))]
    ).print()
    fields += [
      ("speedup_vs_differentiation", (reference / reverse).rounded()),
      ("target_speedup_vs_differentiation", 1000.0),
      ("met_vs_differentiation", reference / reverse >= 1000),
    ]
  #endif
  Measurement(
    workload: "rosenbrock_grad", variant: "reverse", medianSeconds: reverse, fields: fields
  ).print()

  // Automatic mode on 10 000 inputs must pick reverse mode and cost what reverse mode costs:
  // the two are timed alternately, in the same run.
  var automaticGradient = [Double](repeating: 0, count: n)
  let function = RosenbrockFunction()
  let (reverse2, automatic) = medianSecondsInterleaved(
    { sink += valueWithGradient(at: x, into: &gradient, of: rosenbrock) },
    { sink += valueWithGradient(at: x, into: &automaticGradient, of: function) })
  let picked = DifferentiationMode.automatic.resolved(inputCount: n)
  Measurement(
    workload: "rosenbrock_grad", variant: "automatic", medianSeconds: automatic,
    fields: [
      ("mode", picked.description), ("reverse_interleaved_s", reverse2),
      ("ratio_to_reverse", ratio(automatic, reverse2)), ("ratio_to_hand", ratio(automatic, hand)),
      ("target_ratio_to_reverse", 1.0),
      ("met", picked == .reverse && automatic / reverse2 <= 1.05),
      ("met_note", "met = picks reverse and within 5 % of it (run-to-run noise)"),
      ("identical_to_reverse", automaticGradient == gradient),
    ]
  ).print()

  // Forward mode: one directional derivative against one plain evaluation.
  let plain = medianSeconds(samples: 9) { sink += rosenbrock(x) }
  Measurement(workload: "rosenbrock_jvp", variant: "plain_double", medianSeconds: plain).print()
  let direction = (0..<n).map { Double($0 % 7) - 3 }
  let seeded = zip(x, direction).map { Dual($0, tangent: $1) }
  let forward = medianSeconds(samples: 9) {
    let y = rosenbrock(seeded)
    sink += y.tangent
  }
  let expected = zip(handGradient, direction).reduce(0) { $0 + $1.0 * $1.1 }
  let jvp = rosenbrock(seeded).tangent
  Measurement(
    workload: "rosenbrock_jvp", variant: "forward", medianSeconds: forward,
    fields: [
      ("ratio_to_plain", ratio(forward, plain)), ("target_ratio_to_plain", 4.0),
      ("met", forward / plain <= 4),
      ("relative_error_vs_hand", abs(jvp - expected) / abs(expected)),
    ]
  ).print()
}
