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

// MARK: - Closures over a carrier with literals and an elementary function

/// The Gaussian log-density of the tests' FormulaTests in one expression: 130-210 ms in a
/// reverse-mode closure, 30 ms with its normalization in a `let`.
func gaussianLogDensityInOneExpression() -> [Double] {
  gradient(at: [0.2, 0.7]) { p in
    let mu = p[0]
    let sigma = p[1]
    return -0.5 * log(2 * 3.141592653589793 * sigma * sigma) - (1.3 - mu) * (1.3 - mu)
      / (2 * sigma * sigma)
  }
}

/// The same in forward mode.
func gaussianLogDensityInForwardMode() -> Double {
  derivative(at: 0.2) { mu in
    let sigma: Dual<Double> = 0.7
    return -0.5 * log(2 * 3.141592653589793 * sigma * sigma) - (1.3 - mu) * (1.3 - mu)
      / (2 * sigma * sigma)
  }
}

/// A sum of literal multiples of exp on a generic carrier, from a softmax test: 300-470 ms.
func literalMultiplesOfExp<T: RealScalar>(_ v: [Variable<T>], _ l: Variable<T>) -> Variable<T> {
  let second = 3 * exp(v[2] - l) + 0.5 * exp(v[3] - l)
  return second
}
