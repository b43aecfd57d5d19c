// Linear regression by gradient descent: fit weight = m · height + b to 30 students.
//
// The cost is the mean squared error of the line, written as an ordinary Swift function.
// `minimize` takes its gradient by reverse-mode automatic differentiation and steps downhill,
// θ ← θ − α ∇J(θ), until the gradient vanishes. The answer is checked against the closed-form
// least-squares line. `swift run linear-regression --help` lists the options.

import Descent
import ExampleSupport
import Foundation

let command = ExampleCommand(
  name: "linear-regression",
  summary: "Fits weight = m · height + b to Examples/Data/students.csv by gradient descent.",
  options: [.learningRate, .steps, .optimizer, .plot],
  defaults: ExampleArguments(learningRate: 0.1, steps: 200),
  notes: "lbfgs ignores --learning-rate: its line search chooses every step.")
let arguments = command.parseCommandLine()

// MARK: - The data

// One row per student: height in centimetres (the feature), weight in kilograms (the target).
let students = try Dataset<Double>(
  contentsOf: ExampleData.url("students.csv"), features: ["height_cm"], target: "weight_kg")
let heights = students.features.map { $0[0] }
let y = students.targets

// Standardize the height, x = (height − μ) / σ. In centimetres the slope multiplies numbers near
// 174 while the intercept multiplies 1, so the cost is a valley about ten million times more
// curved across than along: a learning rate small enough not to diverge across it would need
// some hundred million steps to travel along it. Standardized, both directions curve alike and
// gradient descent walks straight to the bottom.
let standardizer = try students.standardizer()
let x = standardizer.transform(students.features).map { $0[0] }
let (mu, sigma) = (standardizer.means[0], standardizer.deviations[0])

// MARK: - The cost

/// The mean squared error of the line m·x + b on the standardized data,
///
///     J(m, b) = (1/N) Σᵢ (m·xᵢ + b − yᵢ)²
///
/// Written once for any `RealScalar`: it runs on `Double` for its value, and on
/// `Variable<Double>` when `minimize` records it to take the gradient. The data are constants,
/// converted with `S(…)`.
func meanSquaredError<S: RealScalar>(_ parameters: [S]) -> S {
  let m = parameters[0]
  let b = parameters[1]
  var total: S = 0
  for i in x.indices {
    let residual = m * S(x[i]) + b - S(y[i])
    total += residual * residual
  }
  return total / S(x.count)
}

// MARK: - Gradient descent

// Plain gradient descent unless `--optimizer` asks for another; the call to `minimize` is the
// same for every method.
let method: any DescentMethod<Double> =
  switch arguments.optimizer {
  case .gradientDescent: try GradientDescent(learningRate: arguments.learningRate)
  case .momentum: try GradientDescent(learningRate: arguments.learningRate, momentum: 0.9)
  case .adam: try Adam(learningRate: arguments.learningRate)
  case .lbfgs: try LBFGS()
  }

// Start from the flat line m = b = 0; stop when ‖∇J‖ < 1e-8 or after `--steps` steps, and print
// the cost and the length of its gradient about 20 times on the way.
func printRow(_ step: Int, _ cost: Double, _ gradientNorm: Double) {
  print(String(format: "%4d  %12.6f  %14.2e", step, cost, gradientNorm))
}
let printInterval = max(1, arguments.steps / 20)
print("step          cost   gradient norm")
let result = try minimize(
  meanSquaredError, from: [0, 0], using: method,
  options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: arguments.steps)
) { report in
  if report.iteration % printInterval == 0 {
    printRow(report.iteration, report.value, report.gradientNorm)
  }
  return .continue
}
// The history ends with the last step, which the loop may not have printed.
if let last = result.history.last, last.iteration % printInterval != 0 {
  printRow(last.iteration, last.value, last.gradientNorm)
}
print("Stopped after \(result.iterations) steps: \(result.stopReason)")

// Back to centimetres: m·(height − μ)/σ + b = (m/σ)·height + (b − m·μ/σ).
let m = result.minimizer[0]
let b = result.minimizer[1]
let slope = m / sigma
let intercept = b - m * mu / sigma
print("\nfitted line:   " + equation(slope: slope, intercept: intercept))

// MARK: - Check against the closed form

// Least squares has an exact answer: slope = cov(height, weight) / var(height), and the line
// passes through the means.
let meanWeight = y.reduce(0, +) / Double(y.count)
var covariance = 0.0
var variance = 0.0
for (height, weight) in zip(heights, y) {
  covariance += (height - mu) * (weight - meanWeight)
  variance += (height - mu) * (height - mu)
}
let exactSlope = covariance / variance
let exactIntercept = meanWeight - exactSlope * mu
print("least squares: " + equation(slope: exactSlope, intercept: exactIntercept))
print(
  String(
    format: "difference:    %.1e in slope, %.1e in intercept",
    abs(slope - exactSlope), abs(intercept - exactIntercept)))

let newHeight = 175.0
print(
  String(
    format: "\nA student %.0f cm tall is predicted to weigh %.1f kg.",
    newHeight, slope * newHeight + intercept))

// MARK: - Plot

if let path = arguments.plot {
  var plot = SVGPlot(
    title: "Weight against height, \(heights.count) students", xLabel: "height (cm)",
    yLabel: "weight (kg)", legendPosition: .topLeft)
  plot.addScatter(x: heights, y: y, label: "students")
  let ends = [heights.min()! - 3, heights.max()! + 3]
  plot.addLine(
    x: ends, y: ends.map { slope * $0 + intercept },
    label: equation(slope: slope, intercept: intercept, digits: 2))
  plot.save(to: path)
}

/// "weight = m · height + b", with a true minus sign for a negative intercept.
func equation(slope: Double, intercept: Double, digits: Int = 6) -> String {
  let sign = intercept < 0 ? "−" : "+"
  return String(
    format: "weight = %.*f · height \(sign) %.*f", digits, slope, digits, abs(intercept))
}
