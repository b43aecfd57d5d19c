// expect: fix
// A mean: an S divided by the Int count.
import Descent

func meanSquare<S: RealScalar>(_ p: [S]) -> S {
  var total: S = 0
  for x in p { total += x * x }
  return total / p.count
}
