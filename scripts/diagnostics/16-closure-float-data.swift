// expect: fix
// Reverse mode over Float with Float data mixed in directly.
import Descent

let samples: [Float] = [0.5, 1.5, 2.5]

func fitFloat() -> [Float] {
  let cost = { (p: [Variable<Float>]) -> Variable<Float> in
    var total: Variable<Float> = 0
    for x in samples {
      let r = p[0] * x + p[1] - 2 * x
      total += r * r
    }
    return total
  }
  return gradient(at: [1, 1], of: cost)
}
