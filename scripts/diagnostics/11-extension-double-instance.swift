// expect: compiles
// A user's own extension of Double calling the global functions from instance members.
import Descent

extension Double {
  func clamped() -> Double { max(0, self) }
  func clamped(to upper: Double) -> Double { min(max(0, self), upper) }
  var magnitudeRoot: Double { sqrt(abs(self)) }
  func cubed() -> Double { pow(self, 3) }
}
