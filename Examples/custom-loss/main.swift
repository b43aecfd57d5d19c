// Your own loss: any Swift closure over the parameters can be minimized.
//
// (a) A line fitted with a Huber loss, which outliers do not drag around the way they drag the
//     mean squared error, the two side by side.
// (b) A curve that is not a line: exponential decay y = a·e^(−k·t) + c, fitted by L-BFGS.
//
// `swift run custom-loss --plot custom-loss.svg` also draws both fits.

import Descent
import ExampleSupport
import Foundation

let command = ExampleCommand(
  name: "custom-loss",
  summary: "Fits a line with a Huber loss and an exponential decay with L-BFGS.",
  options: [.plot])
let arguments = command.parseCommandLine()

// MARK: - (a) A robust line

// Twenty points near y = 0.5·x + 2 with a little noise; at x = 14, 16 and 18 a faulty sensor
// read about 10 too high.
let xs: [Double] = (0..<20).map(Double.init)
let ys: [Double] = [
  2.51, 2.16, 3.09, 2.64, 3.96, 5.07, 5.67, 5.04, 5.78, 6.39,
  5.92, 8.17, 8.28, 8.71, 18.42, 9.37, 21.59, 10.84, 21.3, 11.3,
]
typealias Line = (slope: Double, intercept: Double)
let trueLine: Line = (0.5, 2.0)

/// Fits y ≈ m·x + b to the points by minimizing the mean of `loss` over the residuals,
/// (1/N) Σᵢ loss(m·xᵢ + b − yᵢ).
///
/// `loss` is any closure of one tracked variable: the gradient flows through it, its branches
/// and its `abs` as through the rest of the cost. The tolerance is ample for three digits; much
/// below it, the cost of this unscaled problem is flat to rounding and L-BFGS stops as
/// `.stalled` instead of converged.
func fitLine(loss: (Variable<Double>) -> Variable<Double>) throws -> Line {
  let result = try minimize(
    { p in
      var total: Variable<Double> = 0
      for i in xs.indices {
        let residual = p[0] * Variable(xs[i]) + p[1] - Variable(ys[i])
        total += loss(residual)
      }
      return total / Variable(Double(xs.count))
    }, from: [0, 0], using: LBFGS(), options: MinimizationOptions(gradientTolerance: 1e-6))
  guard result.converged else { exitWithError("the line fit stopped early: \(result.stopReason)") }
  return (result.minimizer[0], result.minimizer[1])
}

// The squared error grows with the square of a residual, so three large residuals outweigh
// seventeen small ones. The Huber loss (Huber, 1964) is quadratic up to δ and linear beyond it:
//
//   huber(r) = r²/2             for |r| ≤ δ
//              δ·(|r| − δ/2)    otherwise
//
// An outlier then pulls on the line with a force of at most δ, whatever its size. δ marks where
// a residual stops looking like noise; 1.345 times the noise's standard deviation (0.4 here) is
// the usual choice.
let delta: Variable<Double> = 0.5
let squared = try fitLine { r in r * r }
let robust = try fitLine { r in abs(r) <= delta ? r * r / 2 : delta * (abs(r) - delta / 2) }

func describe(_ line: Line) -> String {
  let sign = line.intercept < 0 ? "−" : "+"
  return String(format: "y = %.3f·x \(sign) %.3f", line.slope, abs(line.intercept))
}
print("(a) A line through 20 points, three of them outliers\n")
print("true line:           " + describe(trueLine))
print("mean squared error:  " + describe(squared) + "   (pulled toward the outliers)")
print("Huber loss, δ = 0.5: " + describe(robust))

// MARK: - (b) Exponential decay

// A quantity relaxing towards a floor, y = a·e^(−k·t) + c, measured at 33 times with noise
// drawn from a seeded generator, so every run sees the same data.
let truth = (a: 5.0, k: 0.8, c: 1.0)
let times = (0...32).map { Double($0) / 4 }
var generator = SplitMix64(seed: 2024)
let readings = times.map { t in
  truth.a * exp(-truth.k * t) + truth.c + Double.random(in: -0.2...0.2, using: &generator)
}

/// The mean squared error of the decay curve with parameters (a, k, c),
///
///     J(a, k, c) = (1/N) Σᵢ (a·e^(−k·tᵢ) + c − yᵢ)²
///
/// written, like the cost of `linear-regression`, once for any `RealScalar`.
func decayError<S: RealScalar>(_ parameters: [S]) -> S {
  let a = parameters[0]
  let k = parameters[1]
  let c = parameters[2]
  var total: S = 0
  for i in times.indices {
    let residual = a * exp(-k * S(times[i])) + c - S(readings[i])
    total += residual * residual
  }
  return total / S(times.count)
}

// The model is not linear in k, so there is no closed form. L-BFGS, which learns the curvature
// as it goes, needs only a handful of steps from a rough guess; the trace prints every fifth.
print("\n(b) Exponential decay y = a·e^(−k·t) + c, fitted by L-BFGS from a = 1, k = 1, c = 0\n")
let decay = try minimize(
  decayError, from: [1, 1, 0], using: LBFGS(), options: MinimizationOptions(traceInterval: 5))
let (a, k, c) = (decay.minimizer[0], decay.minimizer[1], decay.minimizer[2])
print("\n       true   fitted")
print(String(format: "a   %7.3f  %7.3f", truth.a, a))
print(String(format: "k   %7.3f  %7.3f", truth.k, k))
print(String(format: "c   %7.3f  %7.3f", truth.c, c))
print(
  String(
    format: "root mean squared residual %.3f (the noise is uniform in ±0.2)",
    decay.value.squareRoot()))

// MARK: - Plot

if let path = arguments.plot {
  var lines = SVGPlot(
    title: "(a) Squared error against Huber loss", xLabel: "x", yLabel: "y",
    legendPosition: .topLeft, width: 600)
  lines.addScatter(x: xs, y: ys, label: "data (3 outliers)", color: "#555")
  let ends = [-0.5, 19.5]
  lines.addLine(
    x: ends, y: ends.map { trueLine.slope * $0 + trueLine.intercept }, label: "true line",
    color: "#000", dashed: true)
  lines.addLine(
    x: ends, y: ends.map { squared.slope * $0 + squared.intercept }, label: "mean squared error")
  lines.addLine(
    x: ends, y: ends.map { robust.slope * $0 + robust.intercept }, label: "Huber loss, δ = 0.5")

  var curve = SVGPlot(
    title: "(b) Exponential decay, fitted by L-BFGS", xLabel: "t", yLabel: "y", width: 600)
  curve.addScatter(x: times, y: readings, label: "data", color: "#555")
  curve.addFunction(over: 0...8, label: "true curve", color: "#000", dashed: true) { t in
    truth.a * exp(-truth.k * t) + truth.c
  }
  curve.addFunction(over: 0...8, label: "fitted curve") { t in a * exp(-k * t) + c }
  SVGPlot.save([lines, curve], sideBySideTo: path)
}
