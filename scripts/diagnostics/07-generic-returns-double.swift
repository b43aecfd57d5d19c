// expect: fix
// A plain Double returned where the generic scalar is expected.
import Descent

let offset = 1.5

func shifted<S: RealScalar>(_ p: [S]) -> S {
  if p.isEmpty { return offset }
  return p[0] + 1
}
