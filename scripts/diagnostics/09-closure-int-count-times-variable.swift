// expect: fix
// An Int count multiplied with a Variable.
import Descent

let xs: [Double] = [1, 2, 3]

func penalty() -> [Double] {
  gradient(at: [1.0, 2.0]) { (p: [Variable<Double>]) -> Variable<Double> in
    xs.count * p[0] * p[0] + p[1]
  }
}
