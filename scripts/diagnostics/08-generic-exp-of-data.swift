// expect: fix
// A function of the data (plain Double) times a parameter, in generic code.
import Descent

let xs: [Double] = [0.5, 1.0, 1.5]

func growth<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for i in xs.indices {
    total += exp(xs[i]) * p[0]
  }
  return total
}
