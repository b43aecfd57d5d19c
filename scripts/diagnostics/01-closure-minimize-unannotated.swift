// expect: fix
// The first cost a newcomer writes: data as plain Doubles, the closure passed straight to
// `minimize` with no annotations.
import Descent

let xs: [Double] = [1, 2, 3, 4]
let ys: [Double] = [2.1, 3.9, 6.2, 7.8]

func fit() throws -> [Double] {
  let result = try minimize(
    { p in
      var total = 0.0
      for i in xs.indices {
        let r = p[0] * xs[i] + p[1] - ys[i]
        total += r * r
      }
      return total
    }, from: [0, 0], using: Adam(learningRate: 0.1))
  return result.minimizer
}
