// Fitting curves by nonlinear least squares: Levenberg–Marquardt on the exact Jacobian of the
// residuals, with standard errors.
//
// (a) NIST's Misra1a problem from both of NIST's starting points: the parameters ± standard
//     errors next to the certified values, and the number of correct digits (LRE) of each.
// (b) Enzyme kinetics on the Puromycin data (Treloar, 1974; Bates & Watts, "Nonlinear
//     Regression Analysis and Its Applications", 1988): the Hill curve fitted without bounds,
//     then with the rate and concentration nonnegative and the Hill coefficient in [1, 4], where
//     it is held at 1 and the fit is Michaelis–Menten's; the active bound, the note on the
//     standard errors, and an SVG of both curves through the data.
//
// `swift run curve-fit` writes curve-fit.svg; `--plot FILE.svg` writes it elsewhere.

import Descent
import ExampleSupport
import Foundation

let command = ExampleCommand(
  name: "curve-fit",
  summary: "Fits NIST's Misra1a, and a Hill curve with and without bounds, by Levenberg–Marquardt.",
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

// MARK: - (b) Enzyme kinetics, with bounds

/// The initial rate of an enzymatic reaction at substrate concentration s,
/// v = Vmax·sⁿ / (Kⁿ + sⁿ): Vmax is the rate at saturation, K the concentration at half of it,
/// n the Hill coefficient. n = 1 is Michaelis–Menten kinetics; n < 1 would mean that binding
/// one substrate molecule hinders the next (negative cooperativity).
struct Hill: CurveModel {
  func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S {
    let power = pow(s, p[2])
    return p[0] * power / (pow(p[1], p[2]) + power)
  }
}

// The Puromycin data, treated cells: substrate concentration (ppm) and initial velocity
// (counts/min²), two replicates per concentration.
let concentration: [Double] = [
  0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1,
]
let rate: [Double] = [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200]

/// Prints a fit's parameters, each with its standard error or the bound that holds it.
func report(_ fit: LeastSquaresResult<Double>, bounds: Bounds<Double>?) {
  let names = ["Vmax", "K   ", "n   "]
  let units = [" counts/min²", " ppm", ""]
  let errors = fit.standardErrors ?? [.nan, .nan, .nan]
  for j in 0..<3 {
    let value = fit.parameters[j]
    if let bounds, fit.activeBounds.contains(j) {
      let side = value == bounds.lower[j] ? "lower" : "upper"
      print("  \(names[j]) = \(value)\(units[j]), held at its \(side) bound")
    } else {
      print("  \(names[j]) = " + String(format: "%.5g ± %.4g", value, errors[j]) + units[j])
    }
  }
}

// A rough start read off the data: the largest rate for Vmax, a middle concentration for K,
// and n = 1.
let start = [200.0, 0.1, 1.0]
let free = try fitCurve(Hill(), x: concentration, y: rate, from: start)
print("(b) The Hill curve, v = Vmax·sⁿ / (Kⁿ + sⁿ), on the Puromycin data (treated cells)\n")
print("without bounds: \(free.stopReason) after \(free.iterations) iterations")
report(free, bounds: nil)
print(
  String(
    format: "  residual sum of squares %.2f, s = %.3f on %d degrees of freedom\n",
    free.residualSumOfSquares, free.residualStandardDeviation ?? .nan, free.degreesOfFreedom))

// Rates and concentrations are nonnegative, and suppose the mechanism rules out negative
// cooperativity: n in [1, 4].
let bounds = try Bounds<Double>(lower: [0, 0, 1], upper: [.infinity, .infinity, 4])
let kinetics = try fitCurve(Hill(), x: concentration, y: rate, from: start, bounds: bounds)
print(
  "with Vmax ≥ 0, K ≥ 0, 1 ≤ n ≤ 4: \(kinetics.stopReason) after \(kinetics.iterations) iterations")
report(kinetics, bounds: bounds)
print("  active bounds: \(kinetics.activeBounds)")
if let covariance = kinetics.covariance {
  let correlation = covariance[0][1] / (covariance[0][0] * covariance[1][1]).squareRoot()
  print(String(format: "  correlation of Vmax and K: %.3f", correlation))
}
print(
  String(
    format: "  residual sum of squares %.2f, s = %.3f on %d degrees of freedom",
    kinetics.residualSumOfSquares, kinetics.residualStandardDeviation ?? .nan,
    kinetics.degreesOfFreedom))
if let note = kinetics.note { print("  note: \(note)") }
print("  Bates & Watts (1988), Michaelis–Menten: Vmax = 212.7 ± 6.947, K = 0.06412 ± 0.008281")

let vmax = kinetics.parameters[0]
let k = kinetics.parameters[1]
if let path = arguments.plot {
  var plot = SVGPlot(
    title: "Hill and Michaelis–Menten fits to the Puromycin data",
    xLabel: "substrate concentration (ppm)", yLabel: "initial rate (counts/min²)",
    legendPosition: .bottomRight)
  plot.addScatter(x: concentration, y: rate, label: "measured (treated cells)", color: "#555")
  plot.addFunction(
    over: 0...1.2, label: String(format: "1 ≤ n ≤ 4: n = 1, Vmax = %.1f, K = %.4f", vmax, k)
  ) { s in Hill()(s, kinetics.parameters) }
  plot.addFunction(
    over: 0...1.2,
    label: String(
      format: "no bounds: n = %.2f, Vmax = %.1f", free.parameters[2], free.parameters[0])
  ) { s in Hill()(s, free.parameters) }
  plot.addLine(
    x: [0, 1.2], y: [vmax, vmax], label: String(format: "Vmax = %.1f", vmax), color: "#999",
    dashed: true)
  plot.save(to: path)
}
