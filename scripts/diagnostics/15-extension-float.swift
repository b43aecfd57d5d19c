// expect: compiles
// Plain Float code in a file that imports Descent.
import Descent

extension Float {
  var squashed: Float { sqrt(max(0, self)) / (1 + abs(self)) }
  static func length(_ x: Float, _ y: Float, _ z: Float) -> Float { sqrt(x * x + y * y + z * z) }
}
