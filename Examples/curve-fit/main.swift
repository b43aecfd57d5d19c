// Fitting curves by nonlinear least squares: Levenberg–Marquardt on the exact Jacobian of the
// residuals, with standard errors.
//
// (a) NIST's Misra1a problem from both of NIST's starting points: the parameters ± standard
//     errors next to the certified values, and the number of correct digits (LRE) of each.
// (b) Michaelis–Menten kinetics on the Puromycin data (Treloar, 1974; Bates & Watts, "Nonlinear Regression Analysis
//     and Its Applications", 1988):
//     the fit, its standard errors, and an SVG of the curve through the data.
//
// `swift run curve-fit` writes curve-fit.svg; `--plot FILE.svg` writes it elsewhere.

import Descent
import ExampleSupport
import Foundation

let command = ExampleCommand(
  name: "curve-fit",
  summary: "Fits NIST's Misra1a and a Michaelis–Menten curve by Levenberg–Marquardt.",
  options: [.plot], defaults: ExampleArguments(plot: "curve-fit.svg"))
let arguments = command.parseCommandLine()

/// The number of correct significant digits of `estimate` against `certified`,
/// −log₁₀(|b − c| / |c|), capped to [0, 11] as NIST StRD results are scored.
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  if estimate == certified { return 11 }
  return min(11, max(0, -log10(abs(estimate - certified) / abs(certified))))
}

// MARK: - (a) NIST Misra1a

/// y = b₁(1 − e^(−b₂x)): written once over `RealScalar`, so the solver can evaluate it on the
/// numbers that carry derivatives. x arrives already converted.
struct Misra1a: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S { b[0] * (1 - exp(-b[1] * x)) }
}

// Misra1a.dat of the NIST StRD (dental research, monomolecular adsorption): volume y against
// pressure x, with NIST's two starts and certified results.
let pressure: [Double] = [
  77.6, 114.9, 141.1, 190.8, 239.9, 289.0, 332.8, 378.4, 434.8, 477.3, 536.8, 593.1, 689.1, 760.0,
]
let volume: [Double] = [
  10.07, 14.73, 17.94, 23.93, 29.61, 35.18, 40.02, 44.82, 50.76, 55.05, 61.01, 66.40, 75.47, 81.78,
]
let starts: [[Double]] = [[500, 0.0001], [250, 0.0005]]
let certified: [Double] = [2.3894212918E+02, 5.5015643181E-04]
let certifiedDeviations: [Double] = [2.7070075241E+00, 7.2668688436E-06]
let certifiedSumOfSquares = 1.2455138894E-01

print("(a) NIST Misra1a: y = b1·(1 − exp(−b2·x)), 14 points, certified results to 11 digits\n")
for (index, start) in starts.enumerated() {
  let fit = try fitCurve(Misra1a(), x: pressure, y: volume, from: start)
  print("start \(index + 1), b = (\(start[0]), \(start[1])): \(fit.stopReason)")
  print(
    "  \(fit.iterations) iterations and \(fit.polishSteps) polish steps; \(fit.evaluations) "
      + "evaluations of the residuals, \(fit.jacobianEvaluations) of residuals and Jacobian")
  let errors = fit.standardErrors ?? [.nan, .nan]
  print("       fitted ± standard error              certified ± standard deviation      LRE  (sd)")
  for j in 0..<2 {
    print(
      String(
        format: "  b%d   %.10E ± %.10E   %.10E ± %.10E   %4.1f  (%4.1f)", j + 1,
        fit.parameters[j], errors[j], certified[j], certifiedDeviations[j],
        logRelativeError(fit.parameters[j], certified[j]),
        logRelativeError(errors[j], certifiedDeviations[j])))
  }
  print(
    String(
      format: "  residual sum of squares %.10E (certified %.10E), condition number of J %.2g\n",
      fit.residualSumOfSquares, certifiedSumOfSquares, fit.conditionNumber))
}

// MARK: - (b) Michaelis–Menten kinetics

/// The initial rate of an enzymatic reaction at substrate concentration s,
/// v = Vmax·s / (K + s): Vmax is the rate at saturation, K the concentration at half of it.
struct MichaelisMenten: CurveModel {
  func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S { p[0] * s / (p[1] + s) }
}

// The Puromycin data, treated cells: substrate concentration (ppm) and initial velocity
// (counts/min²), two replicates per concentration.
let concentration: [Double] = [
  0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1,
]
let rate: [Double] = [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200]

// A rough start read off the data: the largest rate for Vmax, a middle concentration for K.
// Both parameters must be positive; the fit stays there on its own. (Bounds on parameters, such
// as `lower: [0, 0]`, are not an option of the solver yet; until they are, a parameter that
// must stay positive can be fitted as its logarithm, `exp(p[1])` in the model.)
let kinetics = try fitCurve(MichaelisMenten(), x: concentration, y: rate, from: [200, 0.1])
let vmax = kinetics.parameters[0]
let k = kinetics.parameters[1]
let kineticsErrors = kinetics.standardErrors ?? [.nan, .nan]
print("(b) Michaelis–Menten, v = Vmax·s / (K + s), on the Puromycin data (treated cells)\n")
print("\(kinetics.stopReason) after \(kinetics.iterations) iterations")
print(String(format: "  Vmax = %.4f ± %.4f counts/min²", vmax, kineticsErrors[0]))
print(String(format: "  K    = %.5f ± %.5f ppm", k, kineticsErrors[1]))
if let covariance = kinetics.covariance {
  let correlation = covariance[0][1] / (covariance[0][0] * covariance[1][1]).squareRoot()
  print(String(format: "  correlation of Vmax and K: %.3f", correlation))
}
print(
  String(
    format: "  residual standard deviation %.3f on %d degrees of freedom",
    kinetics.residualStandardDeviation ?? .nan, kinetics.degreesOfFreedom))
print("  Bates & Watts (1988): Vmax = 212.7 ± 6.947, K = 0.06412 ± 0.008281")

if let path = arguments.plot {
  var plot = SVGPlot(
    title: "Michaelis–Menten fit to the Puromycin data", xLabel: "substrate concentration (ppm)",
    yLabel: "initial rate (counts/min²)", legendPosition: .bottomRight)
  plot.addScatter(x: concentration, y: rate, label: "measured (treated cells)", color: "#555")
  plot.addFunction(
    over: 0...1.2, label: String(format: "fit: Vmax = %.1f, K = %.4f", vmax, k)
  ) { s in vmax * s / (k + s) }
  plot.addLine(
    x: [0, 1.2], y: [vmax, vmax], label: String(format: "Vmax = %.1f", vmax), color: "#999",
    dashed: true)
  plot.save(to: path)
}
