// Fits weight = m · height + b to a small class of students by plain gradient descent,
// θ ← θ − α ∇J(θ), with the gradient of the mean squared error J computed by reverse-mode
// automatic differentiation. Run with `swift run linear-regression`.

import AutoDiff
import Foundation

// Height (cm) and weight (kg) of 20 students.
let heights: [Double] = [
  152, 155, 158, 160, 162, 163, 165, 167, 168, 170,
  171, 173, 175, 176, 178, 180, 182, 184, 186, 190,
]
let weights: [Double] = [
  48.5, 51.0, 53.2, 55.1, 56.0, 58.3, 59.1, 61.8, 60.7, 64.2,
  65.0, 66.9, 68.4, 70.3, 71.1, 73.8, 74.6, 77.9, 79.0, 83.2,
]

// Gradient descent converges quickly when the feature is centred and scaled; the fitted line
// is converted back to centimetres at the end.
let meanHeight = heights.reduce(0, +) / Double(heights.count)
let spread =
  (heights.map { ($0 - meanHeight) * ($0 - meanHeight) }.reduce(0, +)
  / Double(heights.count)).squareRoot()
let scaled = heights.map { ($0 - meanHeight) / spread }

/// J(m, b) = (1/N) Σ (m·xᵢ + b − yᵢ)², written once for any RealScalar.
func meanSquaredError<S: RealScalar>(_ parameters: [S]) -> S {
  let m = parameters[0]
  let b = parameters[1]
  var total: S = 0
  for i in scaled.indices {
    let residual = m * S(scaled[i]) + b - S(weights[i])
    total += residual * residual
  }
  return total / S(scaled.count)
}

var parameters = [0.0, 0.0]
let learningRate = 0.1
var gradient = [0.0, 0.0]
print("step        cost")
for step in 0...300 {
  let cost = valueWithGradient(at: parameters, into: &gradient, of: meanSquaredError)
  if step % 50 == 0 { print(String(format: "%4d  %10.6f", step, cost)) }
  for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
}

// Back to original units: weight = (m / s)·height + (b − m·mean / s).
let slope = parameters[0] / spread
let intercept = parameters[1] - parameters[0] * meanHeight / spread
print(String(format: "\nfitted line:   weight = %.6f · height %+.6f", slope, intercept))

// The closed-form least-squares line, for comparison.
let meanWeight = weights.reduce(0, +) / Double(weights.count)
let covariance = zip(heights, weights).map { ($0 - meanHeight) * ($1 - meanWeight) }.reduce(0, +)
let variance = heights.map { ($0 - meanHeight) * ($0 - meanHeight) }.reduce(0, +)
let exactSlope = covariance / variance
let exactIntercept = meanWeight - exactSlope * meanHeight
print(String(format: "least squares: weight = %.6f · height %+.6f", exactSlope, exactIntercept))
print(
  String(
    format: "difference:    %.1e in slope, %.1e in intercept",
    abs(slope - exactSlope), abs(intercept - exactIntercept)))
print(
  String(format: "\nA student 174 cm tall is predicted to weigh %.1f kg.", slope * 174 + intercept))
