// expect: fix
// A Huber loss whose threshold is a stored Double, compared and multiplied with S.
// Known failing: a ternary that mixes a plain Double into both branches and the condition; the
// compiler gives up ("unable to type-check this expression in reasonable time") after about 11 s,
// with and without Descent's unavailable overloads, before and after this change. Writing
// `S(delta)` compiles in milliseconds.
import Descent

struct Huber: DifferentiableFunction {
  let delta: Double
  let targets: [Double]

  func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
    var total: S = 0
    for y in targets {
      let r = p[0] - S(y)
      total += abs(r) <= delta ? 0.5 * r * r : delta * (abs(r) - 0.5 * delta)
    }
    return total
  }
}
