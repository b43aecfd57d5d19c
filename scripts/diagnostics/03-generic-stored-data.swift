// expect: fix
// Michaelis–Menten in a DifferentiableFunction, data as stored [Double] used without S(…).
import Descent

struct MichaelisMenten: DifferentiableFunction {
  let s: [Double]
  let v: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    let vmax = p[0]
    let km = p[1]
    var total: S = 0
    for i in s.indices {
      let r = vmax * s[i] / (km + s[i]) - v[i]
      total += r * r
    }
    return total
  }
}
