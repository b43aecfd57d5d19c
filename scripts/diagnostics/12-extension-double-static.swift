// expect: compiles
// A user's own static helpers on Double calling max, min, pow, abs and sqrt.
import Descent

extension Double {
  static func rectified(_ x: Double) -> Double { max(0, x) }
  static func smaller(_ a: Double, _ b: Double) -> Double { min(a, b) }
  static func norm(_ x: Double, _ y: Double) -> Double { sqrt(pow(x, 2) + pow(y, 2)) }
  static func distance(_ a: Double, _ b: Double) -> Double { abs(a - b) }
}
