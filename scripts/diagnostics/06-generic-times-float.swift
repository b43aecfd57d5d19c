// expect: fix
// A Float weight multiplied into a generic cost.
import Descent

let weight: Float = 0.25

func weighted<S: RealScalar>(_ p: [S]) -> S {
  p[0] * weight + p[1] * p[1]
}
