// Closure-form costs over `Variable<Double>` and `Dual<Double>`, with the plain numbers of the data
// entering as constants the way the docs spell them, `Variable(x)` (and `Variable(Double(n))` for
// a count), as a first cost is written after reading "Writing a cost".
// scripts/typecheck-budget.sh type-checks this file with costs.swift and gates on its slowest
// function (COST_BUDGET_MS); every formula here must compile.
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

func closureLinearLeastSquares() throws -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r = p[0] * Variable(xs[i]) + p[1] - Variable(ys[i])
      total += r * r
    }
    return total / Variable(Double(xs.count))
  }
  return try minimize(cost, from: [0, 0], using: Adam(learningRate: 0.1)).minimizer
}

func closureMichaelisMenten() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in substrate.indices {
      let r = p[0] * Variable(substrate[i]) / (p[1] + Variable(substrate[i])) - Variable(rate[i])
      total += r * r
    }
    return total
  }
  return gradient(at: [200, 0.1], of: cost)
}

func closureExponentialDecay() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in times.indices {
      let r = p[0] * exp(-p[1] * Variable(times[i])) + p[2] - Variable(counts[i])
      total += 0.5 * r * r
    }
    return total
  }
  return gradient(at: [100, 0.5, 5], of: cost)
}

func closureLogisticLoss() -> [Double] {
  let cost = { (w: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in features.indices {
      let z = w[0] * Variable(features[i][0]) + w[1] * Variable(features[i][1]) + w[2]
      total += log(1 + exp(-Variable(labels[i]) * z))
    }
    return total / Variable(Double(features.count))
  }
  return gradient(at: [0, 0, 0], of: cost)
}

func closureLogisticSoftplus() -> [Double] {
  let cost = { (w: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in features.indices {
      total += softplus(
        -Variable(labels[i])
          * (w[0] * Variable(features[i][0]) + w[1] * Variable(features[i][1]) + w[2]))
    }
    return total / Variable(Double(features.count)) + 0.01 * (w[0] * w[0] + w[1] * w[1])
  }
  return gradient(at: [0, 0, 0], of: cost)
}

func closureGaussianPeak() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r =
        p[0] * exp(-(Variable(xs[i]) - p[1]) * (Variable(xs[i]) - p[1]) / (2 * p[2] * p[2])) + p[3]
        - Variable(ys[i])
      total += r * r
    }
    return total
  }
  return gradient(at: [5, 2, 1, 0], of: cost)
}

func closureTanhLayer() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r =
        p[4] * tanh(p[0] * Variable(xs[i]) + p[1]) + p[5] * tanh(p[2] * Variable(xs[i]) + p[3])
        + p[6] - Variable(ys[i])
      total += r * r
    }
    return total / Variable(Double(xs.count))
  }
  return gradient(at: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7], of: cost)
}

func closureHuber() -> [Double] {
  let delta = 1.5
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r = p[0] * Variable(xs[i]) + p[1] - Variable(ys[i])
      if abs(r) <= Variable(delta) {
        total += 0.5 * r * r
      } else {
        total += Variable(delta) * (abs(r) - 0.5 * Variable(delta))
      }
    }
    return total
  }
  return gradient(at: [1, 0], of: cost)
}

func closureCubicFit() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r =
        p[0] + p[1] * Variable(xs[i]) + p[2] * Variable(xs[i]) * Variable(xs[i]) + p[3]
        * Variable(xs[i]) * Variable(xs[i]) * Variable(xs[i]) - Variable(ys[i])
      total += r * r
    }
    return total / Variable(Double(xs.count))
  }
  return gradient(at: [0, 1, 0, 0], of: cost)
}

func closureSingleExpression() -> [Double] {
  gradient(at: [1.0, 0.5]) { p in
    (p[0] * Variable(xs[0]) + p[1] - Variable(ys[0]))
      * (p[0] * Variable(xs[0]) + p[1] - Variable(ys[0]))
  }
}

func closureFloat() -> [Float] {
  let data: [Float] = [0.5, 1.5, 2.5]
  let cost = { (p: [Variable<Float>]) -> Variable<Float> in
    var total: Variable<Float> = 0
    for x in data {
      let r = p[0] * Variable(x) * Variable(x) + p[1] - 2
      total += r * r
    }
    return total / Variable(Float(data.count))
  }
  return gradient(at: [1, 1], of: cost)
}

func closureDual() -> Double {
  let a = 2.5
  let t = 1.75
  return derivative(at: 0.3) { k in Dual(a) * exp(-k * Dual(t)) + 1 }
}
