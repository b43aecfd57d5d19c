// expect: fix
// Forward mode with plain Doubles captured from the surrounding code.
import Descent

func decayRateSensitivity() -> Double {
  let amplitude = 2.5
  let t = 1.75
  return derivative(at: 0.3) { k in amplitude * exp(-k * t) + 1 }
}
