// Cost formulas as a Descent user writes them, with every plain number converted: generic over
// `RealScalar` (free functions and `DifferentiableFunction` types, data entering as `S(x)`),
// forward mode on `Dual`, and closures over `Variable` with data as `Variable(constant:)`.
// scripts/typecheck-budget.sh type-checks this file and gates on its slowest function
// (COST_BUDGET_MS). The closure forms that mix plain `Double`s in directly are in
// costs-mixing.swift.
//
// Each formula stays one expression, with its literals and without annotations inside, as people
// write it: split into sub-expressions it would measure code nobody writes. The formatter's line
// breaks are harmless; they do not change what is type-checked.

import Descent
import Foundation

let xs: [Double] = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
let ys: [Double] = [1.1, 2.0, 2.9, 4.2, 5.1, 5.8]
let substrate: [Double] = [0.02, 0.06, 0.11, 0.22, 0.56, 1.10]
let rate: [Double] = [76, 97, 123, 159, 191, 207]
let times: [Double] = [0, 1, 2, 3, 4, 5, 6]
let counts: [Double] = [101, 62, 39, 25, 17, 12, 9]
let features: [[Double]] = [[0.5, 1.2], [1.5, -0.3], [-0.7, 0.8], [2.1, 1.9]]
let labels: [Double] = [1, -1, 1, -1]

// MARK: - Generic functions

func linearLeastSquares<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    let r = p[0] * S(xs[i]) + p[1] - S(ys[i])
    total += r * r
  }
  return total / S(xs.count)
}

func michaelisMenten<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in substrate.indices {
    let r = p[0] * S(substrate[i]) / (p[1] + S(substrate[i])) - S(rate[i])
    total += r * r
  }
  return total
}

func exponentialDecay<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in times.indices {
    let r = p[0] * exp(-p[1] * S(times[i])) + p[2] - S(counts[i])
    total += 0.5 * r * r
  }
  return total
}

func logisticLoss<S: RealScalar>(_ w: [S]) -> S {
  var total: S = 0
  for i in features.indices {
    let z = w[0] * S(features[i][0]) + w[1] * S(features[i][1]) + w[2]
    total += log(1 + exp(-S(labels[i]) * z))
  }
  return total / S(features.count)
}

func logisticLossSoftplus<S: RealScalar>(_ w: [S]) -> S {
  var total: S = 0
  for i in features.indices {
    total += softplus(-S(labels[i]) * (w[0] * S(features[i][0]) + w[1] * S(features[i][1]) + w[2]))
  }
  return total / S(features.count) + 0.01 * (w[0] * w[0] + w[1] * w[1])
}

func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in 0..<(x.count - 1) {
    total += 100 * (x[i + 1] - x[i] * x[i]) * (x[i + 1] - x[i] * x[i]) + (1 - x[i]) * (1 - x[i])
  }
  return total
}

func gaussianPeak<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    let r = p[0] * exp(-(S(xs[i]) - p[1]) * (S(xs[i]) - p[1]) / (2 * p[2] * p[2])) + p[3] - S(ys[i])
    total += r * r
  }
  return total
}

func tanhLayer<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    let hidden0 = tanh(p[0] * S(xs[i]) + p[1])
    let hidden1 = tanh(p[2] * S(xs[i]) + p[3])
    let r = p[4] * hidden0 + p[5] * hidden1 + p[6] - S(ys[i])
    total += r * r
  }
  return total / S(xs.count)
}

func huberLoss<S: RealScalar>(_ p: [S]) -> S {
  let delta: S = 1.5
  var total: S = 0
  for i in xs.indices {
    let r = p[0] * S(xs[i]) + p[1] - S(ys[i])
    if abs(r) <= delta {
      total += 0.5 * r * r
    } else {
      total += delta * (abs(r) - 0.5 * delta)
    }
  }
  return total
}

func literalsOnly<S: RealScalar>(_ p: [S]) -> S {
  let a = 2 * p[0] - 1.5
  let b = 0.5 * p[1] + 3 * p[0] * p[1] - 0.25
  return 0.5 * a * a + 2.5 * b * b + 1e-3 * (p[0] * p[0] + p[1] * p[1]) - 7
}

func cubicFit<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    let x = S(xs[i])
    let r = p[0] + p[1] * x + p[2] * x * x + p[3] * x * x * x - S(ys[i])
    total += r * r
  }
  return total / S(xs.count)
}

func powerLaw<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    let r = log(p[0] * pow(S(xs[i]), p[1])) - log(S(ys[i]))
    total += r * r
  }
  return total
}

func sinusoid<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in times.indices {
    let r = p[0] * sin(2 * S(Double.pi) * p[1] * S(times[i]) + p[2]) + p[3] - S(counts[i])
    total += r * r
  }
  return total
}

// MARK: - DifferentiableFunction types

struct MichaelisMenten: DifferentiableFunction {
  let s: [Double]
  let v: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    var total: S = 0
    for i in s.indices {
      let r = p[0] * S(s[i]) / (p[1] + S(s[i])) - S(v[i])
      total += r * r
    }
    return total / S(s.count)
  }
}

struct ExponentialDecay: DifferentiableFunction {
  let t: [Double]
  let c: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    var total: S = 0
    for i in t.indices {
      let r = p[0] * exp(-p[1] * S(t[i])) + p[2] - S(c[i])
      total += r * r
    }
    return total
  }
}

struct LogisticRegression: DifferentiableFunction {
  let x: [[Double]]
  let y: [Double]

  func callAsFunction<S: RealScalar>(_ w: [S]) -> S {
    var total: S = 0
    for i in x.indices {
      var z = w[w.count - 1]
      for j in x[i].indices { z += w[j] * S(x[i][j]) }
      total += softplus(-S(y[i]) * z)
    }
    return total / S(x.count)
  }
}

// The formulas of hard.swift split into terms with `let`, as "Writing a cost" advises.

struct BealeInTerms: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    let x = p[0], y = p[1]
    let a = 1.5 - x + x * y
    let b = 2.25 - x + x * y * y
    let c = 2.625 - x + x * y * y * y
    return a * a + b * b + c * c
  }
}

struct GaussianMixtureInTerms: DifferentiableFunction {
  let samples: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    var total: S = 0
    let weight = sigmoid(p[0])
    let normalization = sqrt(2 * S(Double.pi))
    for x in samples {
      let u = S(x) - p[1]
      let v = S(x) - p[2]
      let a = weight * exp(-0.5 * u * u) / normalization
      let b = (1 - weight) * exp(-0.5 * v * v) / normalization
      total -= log(a + b)
    }
    return total
  }
}

// MARK: - Forward mode

func dualDecayRateInTerms() -> Double {
  derivative(at: 0.3) { k in
    let fast = 100 * exp(-k * 2.5)
    let slow = 4 * exp(-k * 5)
    return fast + slow - 0.5 * k * k
  }
}

func dualDerivative() -> Double {
  derivative(at: 0.5) { x in sin(x) * exp(x) + 3 * x * x - 2 * x + 0.25 }
}

func dualWithConstants() -> Double {
  let a = 2.5
  let t = 1.75
  return derivative(at: 0.3) { k in Dual(a) * exp(-k * Dual(t)) + 1 }
}

// MARK: - Closures over Variable (the others are in costs-closures.swift)

func closureRosenbrock() -> [Double] {
  gradient(at: [-1.2, 1.0]) { x in
    100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0])
  }
}
