import AutoDiff
import Foundation
import Optimization

// L-BFGS-B (`LBFGS` under `Bounds`) on the problems of `../shared/reference/bounded.json` and a
// larger box: iterations and evaluations to the default projected-gradient tolerance (1e-8),
// beside SciPy 1.17's L-BFGS-B from the same start with its default settings and with
// ftol 1e-15, gtol 1e-12 (`scipy_iterations`, `scipy_evaluations`: the tighter of the two, run
// once on the development machine; SciPy stops on the relative reduction of f, so it may stop
// earlier than the projected gradient test), and the final value against SciPy's.

/// Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)².
private struct ChainedRosenbrock: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for i in 0..<(x.count - 1) {
      let a = 1 - x[i]
      let b = x[i + 1] - x[i] * x[i]
      total += 100 * b * b + a * a
    }
    return total
  }
}

/// Σᵢ (i + 1)(xᵢ − 3)².
private struct ShiftedQuadratic: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for i in x.indices {
      let d = x[i] - 3
      total += S(i + 1) * d * d
    }
    return total
  }
}

func benchmarkBounds() {
  let alternating = { (n: Int) in (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 } }
  let cases:
    [(
      name: String, cost: any DifferentiableFunction, start: [Double], bounds: Bounds<Double>,
      scipy: (iterations: Int, evaluations: Int, value: Double)
    )] = [
      (
        "rosenbrock2_box", ChainedRosenbrock(), [-1.2, 1],
        try! Bounds(lower: [-1.5, -0.5], upper: [0.5, 2]), (20, 30, 0.25)
      ),
      (
        "rosenbrock10_upper", ChainedRosenbrock(), alternating(10),
        try! Bounds(upper: (0..<10).map { $0 % 2 == 0 ? 0.8 : .infinity }),
        (47, 60, 6.001016394606179)
      ),
      (
        "quadratic5_box", ShiftedQuadratic(), [0, 0, 0, 0, 0],
        try! Bounds(lower: [-1, 0, 0, 0, 3.5], upper: [2, 5, 3, 10, 9]), (7, 9, 2.25)
      ),
      (
        "rosenbrock100_box", ChainedRosenbrock(), alternating(100),
        try! Bounds(count: 100, lower: -2, upper: 0.9), (600, 709, 77.97217831334692)
      ),
    ]
  for problem in cases {
    func run() -> MinimizationResult<Double> {
      try! minimize(
        problem.cost, from: problem.start, using: LBFGS(), bounds: problem.bounds,
        options: MinimizationOptions(maximumIterations: 5_000))
    }
    let result = run()
    let seconds = medianSeconds { sink += run().value }
    Measurement(
      workload: "lbfgsb", variant: problem.name, medianSeconds: seconds,
      fields: [
        ("iterations", result.iterations), ("evaluations", result.evaluations),
        ("value", result.value),
        ("relative_to_scipy", (result.value - problem.scipy.value) / problem.scipy.value),
        ("stop", "\(result.stopReason)"),
        ("scipy_iterations", problem.scipy.iterations),
        ("scipy_evaluations", problem.scipy.evaluations), ("scipy_value", problem.scipy.value),
      ]
    ).print()
  }
}
