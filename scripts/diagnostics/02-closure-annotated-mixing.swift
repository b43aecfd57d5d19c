// expect: fix
// The same cost with the closure's type written out: plain Doubles mix with Variable<Double>.
import Descent

let xs: [Double] = [1, 2, 3, 4]
let ys: [Double] = [2.1, 3.9, 6.2, 7.8]

func fit() throws -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for i in xs.indices {
      let r = p[0] * xs[i] + p[1] - ys[i]
      total += r * r
    }
    return total / Double(xs.count)
  }
  return try minimize(cost, from: [0, 0], using: Adam(learningRate: 0.1)).minimizer
}
