// expect: fix
// A plain Double returned where the generic scalar is expected.
// Known failing: Swift's own message, "cannot convert return expression of type 'Double' to
// return type 'S'", names both types but not `S(x)`; a conversion error of the language itself,
// which no declaration of Descent's can replace.
import Descent

let offset = 1.5

func shifted<S: RealScalar>(_ p: [S]) -> S {
  if p.isEmpty { return offset }
  return p[0] + 1
}
