// expect: fix
// A residual that mixes S and Double, then accumulated: `total += r * r`.
import Descent

func leastSquares<S: RealScalar>(_ p: [S], x: [Double], y: [Double]) -> S {
  var total: S = 0
  for i in x.indices {
    let r = p[0] * S(x[i]) + p[1] - y[i]
    total += r * r
  }
  return total
}
