// Learning rates: the line fit of `linear-regression`, by gradient descent with a learning rate
// that is too small, one that is good, the best one, and one that is too large.
//
// The mean squared error of a line is quadratic in (m, b), so its curvature, the Hessian H, is
// one constant matrix and says exactly which rates work: a step θ ← θ − α∇J(θ) multiplies the
// distance to the minimum along each eigenvector of H by (1 − αλ), so gradient descent converges
// when |1 − αλ| < 1 for every eigenvalue λ, that is for α < 2/λ_max, and fastest at
// α = 2/(λ_min + λ_max). `swift run learning-rates` writes the cost curves to learning-rates.svg.

import Descent
import ExampleSupport
import Foundation

let command = ExampleCommand(
  name: "learning-rates",
  summary: "Fits the students' line by gradient descent with four learning rates.",
  options: [.steps, .plot],
  defaults: ExampleArguments(steps: 500, plot: "learning-rates.svg"))
let arguments = command.parseCommandLine()

// The data of `linear-regression`, with the height standardized.
let students = try Dataset<Double>(
  contentsOf: ExampleData.url("students.csv"), features: ["height_cm"], target: "weight_kg")
let heights = students.features.map { $0[0] }
let y = students.targets
let standardizer = try students.standardizer()
let x = standardizer.transform(students.features).map { $0[0] }

/// J(m, b) = (1/N) Σᵢ (m·xᵢ + b − yᵢ)².
func meanSquaredError<S: RealScalar>(_ parameters: [S]) -> S {
  var total: S = 0
  for i in x.indices {
    let residual = parameters[0] * S(x[i]) + parameters[1] - S(y[i])
    total += residual * residual
  }
  return total / S(x.count)
}

/// The eigenvalues of the Hessian of the mean squared error of a line through the points with
/// abscissas `x`: H = (2/N) Σᵢ [xᵢ² xᵢ; xᵢ 1], a symmetric 2 × 2 matrix.
func curvatures(_ x: [Double]) -> (smallest: Double, largest: Double) {
  let n = Double(x.count)
  let a = 2 * x.map { $0 * $0 }.reduce(0, +) / n
  let b = 2 * x.reduce(0, +) / n
  let c = 2.0
  let centre = (a + c) / 2
  let radius = ((a - c) * (a - c) / 4 + b * b).squareRoot()
  return (centre - radius, centre + radius)
}

// MARK: - The bound

let (smallest, largest) = curvatures(x)
let limit = 2 / largest
let best = 2 / (smallest + largest)
print(
  String(
    format: """
      J is quadratic, and the eigenvalues of its Hessian are λ = %.4g and %.4g (standardizing
      the height made H = 2·I: every direction curves alike).
      Gradient descent converges for α < 2/λ_max = %.4g, and fastest at α = 2/(λ_min + λ_max) = %.4g.

      """, smallest, largest, limit, best))

// Without standardizing, the same bound would be far smaller and the descent far slower: at the
// best rate each step shrinks the error along the flat direction only by 1 − α·λ_min.
let raw = curvatures(heights)
let rawBest = 2 / (raw.smallest + raw.largest)
print(
  String(
    format: """
      In centimetres the eigenvalues would be %.2g and %.2g, so α < %.2g, and even at the best
      rate, %.2g, gradient descent would need %.1e steps to gain 8 digits.

      """, raw.smallest, raw.largest, 2 / raw.largest, rawBest,
    log(1e-8) / log(1 - rawBest * raw.smallest)))

// MARK: - Four runs

// The lowest cost, from the closed-form line, to plot how far above it each run is.
let meanX = x.reduce(0, +) / Double(x.count)
let meanY = y.reduce(0, +) / Double(y.count)
var covariance = 0.0
var variance = 0.0
for i in x.indices {
  covariance += (x[i] - meanX) * (y[i] - meanY)
  variance += (x[i] - meanX) * (x[i] - meanX)
}
let slope = covariance / variance
let lowestCost = meanSquaredError([slope, meanY - slope * meanX])

let tolerance = 1e-6
let runs: [(name: String, rate: Double)] = [
  ("too small", limit / 100), ("good", limit / 10), ("best", best), ("too large", 1.1 * limit),
]
let stopping = "stops when ‖∇J‖ < \(tolerance) or after \(arguments.steps) steps"
print("Each run starts from m = b = 0 and \(stopping).\n")

var plot = SVGPlot(
  title: "Gradient descent with four learning rates", xLabel: "step",
  yLabel: "J(θ) − J*, the cost above its minimum", logarithmicY: true)
for (name, rate) in runs {
  let result = try minimize(
    meanSquaredError, from: [0, 0], using: GradientDescent(learningRate: rate),
    options: MinimizationOptions(
      gradientTolerance: tolerance, maximumIterations: arguments.steps))
  let label =
    name.padding(toLength: 11, withPad: " ", startingAt: 0)
    + String(format: "α = %-7.3g ", rate)
  switch result.stopReason {
  case .gradientNormBelowTolerance:
    let steps = result.iterations == 1 ? "1 step" : "\(result.iterations) steps"
    print(label + "reached the minimum in \(steps)")
  case .iterationLimit:
    print(
      label
        + String(
          format: "hit the step limit: ‖∇J‖ is still %.1e after %d steps", result.gradientNorm,
          result.iterations))
  case .diverged(let report):
    // The report also holds a message for printing; it is long, and this table is short.
    print(
      label
        + String(
          format: "diverged at step %d: the cost grew to %.2g; the best, %.6g, was at step %d",
          report.iteration, report.value, report.bestValue, report.bestIteration))
  default:
    print(label + "\(result.stopReason)")
  }

  // On a logarithmic axis a constant factor per step is a straight line: J − J* shrinks by
  // (1 − αλ)² per step, and grows when |1 − αλ| > 1. An excess of exactly 0 has no logarithm; draw it as the smallest positive number instead,
  // which the plot clips below its frame.
  plot.addLine(
    x: result.history.map { Double($0.iteration) },
    y: result.history.map { max($0.value - lowestCost, .leastNormalMagnitude) },
    label: String(format: "α = %.3g, ", rate) + name)
}
plot.yRange = 1e-10...1e10

if let path = arguments.plot { plot.save(to: path) }
