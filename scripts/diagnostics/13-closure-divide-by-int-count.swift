// expect: fix
// A mean in a closure: a Variable divided by the Int count.
import Descent

let ys: [Double] = [1, 2, 3]

func meanCost() -> [Double] {
  let cost = { (p: [Variable<Double>]) -> Variable<Double> in
    var total: Variable<Double> = 0
    for y in ys {
      let r = p[0] - Variable(constant: y)
      total += r * r
    }
    return total / ys.count
  }
  return gradient(at: [0], of: cost)
}
