// Cost formulas known to type-check slowly: long single expressions full of literals, on a
// generic `S` or in an unannotated forward-mode closure. The standard library's own generic
// numerics do worse on them: Beale's function below, written over `S: BinaryFloatingPoint`
// without Descent, fails with "unable to type-check this expression in reasonable time" after
// 13 s. scripts/typecheck-budget.sh reports their times and gates them at HARD_BUDGET_MS (a
// regression guard, not a goal). Split with `let` into its terms, each takes 15–30 ms: the split
// forms are in costs.swift (`BealeInTerms`, …) and gated at COST_BUDGET_MS. Annotating the
// closure's parameter does not help (`(k: Dual<Double>) in …` took 3.5 s).

import Descent
import Foundation

struct Beale: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    let x = p[0], y = p[1]
    return (1.5 - x + x * y) * (1.5 - x + x * y) + (2.25 - x + x * y * y) * (2.25 - x + x * y * y)
      + (2.625 - x + x * y * y * y) * (2.625 - x + x * y * y * y)
  }
}

struct GaussianMixtureLogLikelihood: DifferentiableFunction {
  let samples: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    var total: S = 0
    for x in samples {
      let a = sigmoid(p[0]) * exp(-0.5 * (S(x) - p[1]) * (S(x) - p[1])) / sqrt(2 * S(Double.pi))
      let b =
        (1 - sigmoid(p[0])) * exp(-0.5 * (S(x) - p[2]) * (S(x) - p[2])) / sqrt(2 * S(Double.pi))
      total -= log(a + b)
    }
    return total
  }
}

// MARK: - Forward mode

func dualDecayRate() -> Double {
  derivative(at: 0.3) { k in 100 * exp(-k * 2.5) + 4 * exp(-k * 5) - 0.5 * k * k }
}
