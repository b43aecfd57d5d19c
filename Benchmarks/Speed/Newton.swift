import AutoDiff
import Foundation
import Optimization

// Newton's method with a trust region (`NewtonTrustRegion`) on Rosenbrock's function from
// (−1.2, 1) and on the chained Rosenbrock function of 100 variables from (−1.2, 1, −1.2, 1, …),
// with each subproblem solver: iterations, trials (every trial step, accepted or rejected: the
// evaluations after the start), Hessians or Hessian-vector products, the final value, and the
// time; beside the iterations SciPy 1.17 reports from the same start (trust-exact, trust-ncg;
// measured once on the development machine). The targets: n = 2 in at most 25 trials
// with exact Hessians; n = 100 at the global minimum (f < 1e-10) in at most 200.

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

func benchmarkNewton() {
  let problems: [(name: String, n: Int, target: Int, scipy: [String: (Int, Double)])] = [
    ("rosenbrock2", 2, 25, ["exact": (25, 3.3e-19), "conjugateGradient": (30, 8.6e-25)]),
    (
      "rosenbrock100", 100, 200,
      ["exact": (206, 3.986623854300934), "conjugateGradient": (449, 1.6e-24)]
    ),
  ]
  for problem in problems {
    let start = (0..<problem.n).map { $0 % 2 == 0 ? -1.2 : 1.0 }
    for subproblem in [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient] {
      func run() -> MinimizationResult<Double> {
        try! minimize(
          ChainedRosenbrock(), from: start, using: NewtonTrustRegion(subproblem: subproblem),
          options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: 1000))
      }
      let result = run()
      let seconds = medianSeconds(samples: 3) { sink += run().value }
      let trials = result.evaluations - 1
      let scipy = problem.scipy[subproblem.rawValue]!
      // The n = 2 target is for exact Hessians only.
      let target = problem.n == 2 && subproblem != .exact ? nil : problem.target
      Measurement(
        workload: "newton", variant: "\(problem.name) \(subproblem)", medianSeconds: seconds,
        fields: [
          ("iterations", result.iterations), ("trials", trials),
          ("second_order_evaluations", result.secondOrderEvaluations), ("value", result.value),
          ("global_minimum", result.value < 1e-10), ("target_trials", target ?? 0),
          ("meets_target", target.map { trials <= $0 && result.value < 1e-10 } ?? true),
          ("scipy_iterations", scipy.0), ("scipy_value", scipy.1),
          ("stop", "\(result.stopReason)"),
        ]
      ).print()
    }
  }
}
