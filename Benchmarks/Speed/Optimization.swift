import AutoDiff
import Foundation
import Optimization

// The cost of the optimization layer itself, against the same work written by hand:
// - `adam_update`: one `Adam.update` on 1 000 000 parameters, against a hand-written Adam loop
//   over the same arrays (PyTorch's formula, as `Adam` documents it). Target ≤ 1.5×.
// - `minimize_linreg`: `minimize` with plain gradient descent on the `linreg_grad` cost for a
//   fixed number of iterations, against a hand-written loop of the same reverse-mode gradient
//   and the update θ ← θ − α·∇J. Both evaluate the cost k + 1 times for k steps (the start and
//   after each step, so that the final cost and gradient are known). Target ≤ 1.2×: the driver
//   adds no per-iteration copy or allocation of the parameters beyond the history.

/// One Adam step written by hand, torch.optim.Adam's arithmetic.
@inline(never)
func adamByHand(
  _ theta: inout [Double], _ g: [Double], _ m: inout [Double], _ v: inout [Double], step: Int
) {
  let lr = 0.001
  let beta1 = 0.9
  let beta2 = 0.999
  let epsilon = 1e-8
  let t = Double(step)
  let stepSize = lr / (1 - pow(beta1, t))
  let correction2Root = (1 - pow(beta2, t)).squareRoot()
  m.withUnsafeMutableBufferPointer { m in
    v.withUnsafeMutableBufferPointer { v in
      theta.withUnsafeMutableBufferPointer { theta in
        g.withUnsafeBufferPointer { g in
          for i in 0..<theta.count {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i]
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i]
            theta[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2Root + epsilon)
          }
        }
      }
    }
  }
}

func benchmarkOptimization() {
  benchmarkAdamUpdate()
  benchmarkMinimize()
}

private func benchmarkAdamUpdate() {
  let count = 1_000_000
  let gradient = (0..<count).map { sin(Double($0)) }
  var theta = (0..<count).map { cos(Double($0)) }
  var m = [Double](repeating: 0, count: count)
  var v = [Double](repeating: 0, count: count)
  var step = 0
  let hand = medianSeconds {
    step += 1
    adamByHand(&theta, gradient, &m, &v, step: step)
  }
  sink += theta[count / 2]
  Measurement(workload: "adam_update", variant: "hand", medianSeconds: hand).print()

  var parameters = (0..<count).map { cos(Double($0)) }
  var adam = try! Adam<Double>()
  let library = medianSeconds {
    try! adam.update(&parameters, along: gradient)
  }
  sink += parameters[count / 2]
  Measurement(
    workload: "adam_update", variant: "Adam.update", medianSeconds: library,
    fields: [
      ("parameters", count), ("ratio_to_hand", ratio(library, hand)), ("target_ratio", 1.5),
      ("meets_target", library / hand <= 1.5),
    ]
  ).print()
}

private func benchmarkMinimize() {
  let data = LinearRegressionData(count: 1_000_000)
  let iterations = 20
  let learningRate = 0.01
  let cost = { (p: [Variable<Double>]) in meanSquaredError(p, x: data.x, y: data.y) }

  let hand = medianSeconds(samples: 5) {
    var parameters = [0.5, -1.0]
    var gradient = [0.0, 0.0]
    sink += valueWithGradient(at: parameters, into: &gradient, of: cost)
    for _ in 0..<iterations {
      for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
      sink += valueWithGradient(at: parameters, into: &gradient, of: cost)
    }
    sink += parameters[0]
  }
  Measurement(
    workload: "minimize_linreg", variant: "hand_loop", medianSeconds: hand,
    fields: [("iterations", iterations)]
  ).print()

  let options = MinimizationOptions<Double>(
    gradientTolerance: nil, maximumIterations: iterations)
  let optimizer = try! GradientDescent<Double>(learningRate: learningRate)
  let driver = medianSeconds(samples: 5) {
    let result = try! minimize(cost, from: [0.5, -1.0], using: optimizer, options: options)
    sink += result.value
  }
  // The same run with the cost written once as a DifferentiableFunction: automatic mode takes
  // both partials in one forward pass instead of taping a million points.
  let function = MeanSquaredError(data: data)
  let automatic = medianSeconds(samples: 5) {
    let result = try! minimize(function, from: [0.5, -1.0], using: optimizer, options: options)
    sink += result.value
  }
  Measurement(
    workload: "minimize_linreg", variant: "minimize_automatic", medianSeconds: automatic,
    fields: [("iterations", iterations), ("speedup_vs_taped_loop", ratio(hand, automatic))]
  ).print()

  Measurement(
    workload: "minimize_linreg", variant: "minimize", medianSeconds: driver,
    fields: [
      ("iterations", iterations), ("ratio_to_hand", ratio(driver, hand)), ("target_ratio", 1.2),
      ("meets_target", driver / hand <= 1.2),
    ]
  ).print()
}
