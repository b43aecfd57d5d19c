import AutoDiff
import Foundation
import Optimization
import Testing

/// y = a + b·x.
private struct Line: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] + p[1] * x }
}

/// v = Vmax·s / (Km + s).
private struct MichaelisMenten: CurveModel {
  func callAsFunction<S: RealScalar>(_ s: S, _ p: [S]) -> S { p[0] * s / (p[1] + s) }
}

/// y = (a + b)·x: a and b enter only through their sum.
private struct Redundant: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { (p[0] + p[1]) * x }
}

/// Rosenbrock's function as residuals: (10(x₁ − x₀²), 1 − x₀).
private struct RosenbrockResiduals: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    [10 * (p[1] - p[0] * p[0]), 1 - p[0]]
  }
}

/// p + √(−(p − 1)²): finite only at p = 1.
private struct FiniteAtOnePoint: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    let offset = p[0] - 1
    return [p[0] + sqrt(-offset * offset)]
  }
}

/// (p − 1, 10⁻³⁰ ∛(p − 1)): the first step lands on p = 1, where ∛ has an infinite slope.
private struct InfiniteSlopeAtTheSolution: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    [p[0] - 1, 1e-30 * cbrt(p[0] - 1)]
  }
}

/// Ordinary least squares of a line by the textbook formulas: coefficients, residual variance and
/// standard errors.
private func textbookLine(_ x: [Double], _ y: [Double]) -> (a: Double, b: Double, se: [Double]) {
  let n = Double(x.count)
  var mx = 0.0
  var my = 0.0
  for i in x.indices {
    mx += x[i] / n
    my += y[i] / n
  }
  var sxx = 0.0
  var sxy = 0.0
  for i in x.indices {
    let dx: Double = x[i] - mx
    sxx += dx * dx
    sxy += dx * (y[i] - my)
  }
  let b = sxy / sxx
  let a = my - b * mx
  var rss = 0.0
  for i in x.indices {
    let r: Double = y[i] - a - b * x[i]
    rss += r * r
  }
  let s2 = rss / (n - 2)
  let seA: Double = (s2 * (1 / n + mx * mx / sxx)).squareRoot()
  let seB: Double = (s2 / sxx).squareRoot()
  return (a, b, [seA, seB])
}

@Suite("Least squares: Levenberg–Marquardt and the statistics of a fit")
struct LeastSquaresTests {
  let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
  let y: [Double] = [1.1, 2.9, 5.2, 7.1, 8.8, 11.2, 12.9, 15.1]

  @Test func aLineMatchesTheTextbookFormulas() throws {
    let fit = try fitCurve(Line(), x: x, y: y, from: [0, 0])
    let expected = textbookLine(x, y)
    #expect(fit.converged)
    #expect(isClose(fit.parameters[0], expected.a, relative: 1e-12))
    #expect(isClose(fit.parameters[1], expected.b, relative: 1e-12))
    let errors = try #require(fit.standardErrors)
    #expect(isClose(errors[0], expected.se[0], relative: 1e-10))
    #expect(isClose(errors[1], expected.se[1], relative: 1e-10))
    #expect(fit.degreesOfFreedom == 6)
    #expect(fit.rank == 2)
    #expect(fit.note == nil)
    let covariance = try #require(fit.covariance)
    #expect(isClose(covariance[0][1], covariance[1][0], relative: 1e-15))
    // J = [1 x]: its singular values are the square roots of the eigenvalues of JᵀJ.
    let n = 8.0
    var sx = 0.0
    var sxx = 0.0
    for value in x {
      sx += value
      sxx += value * value
    }
    let mean: Double = (n + sxx) / 2
    let half: Double = (n - sxx) / 2
    let spread: Double = (half * half + sx * sx).squareRoot()
    let expectedSingular = [(mean + spread).squareRoot(), (mean - spread).squareRoot()]
    #expect(isClose(fit.singularValues[0], expectedSingular[0], relative: 1e-13))
    #expect(isClose(fit.singularValues[1], expectedSingular[1], relative: 1e-12))
    #expect(
      isClose(fit.conditionNumber, expectedSingular[0] / expectedSingular[1], relative: 1e-12))
  }

  @Test func weightsAreInverseVariancesAndZeroLeavesAPointOut() throws {
    // Weight 4 on a point counts it as four points of weight 1 in the parameters.
    let weighted = try fitCurve(
      Line(), x: x, y: y, weights: [4, 1, 1, 1, 1, 1, 1, 1], from: [0, 0])
    let repeated = try fitCurve(
      Line(), x: [0, 0, 0] + x, y: [1.1, 1.1, 1.1] + y, from: [0, 0])
    #expect(isClose(weighted.parameters[0], repeated.parameters[0], relative: 1e-12))
    #expect(isClose(weighted.parameters[1], repeated.parameters[1], relative: 1e-12))

    let without = try fitCurve(
      Line(), x: x, y: y, weights: [1, 1, 1, 0, 1, 1, 1, 1], from: [0, 0])
    let dropped = try fitCurve(
      Line(), x: x.enumerated().filter { $0.offset != 3 }.map(\.element),
      y: y.enumerated().filter { $0.offset != 3 }.map(\.element), from: [0, 0])
    #expect(without.residuals.count == 7)
    #expect(without.degreesOfFreedom == 5)
    #expect(isClose(without.parameters[0], dropped.parameters[0], relative: 1e-12))
    #expect(isClose(without.parameters[1], dropped.parameters[1], relative: 1e-12))
  }

  @Test func michaelisMentenIsRecoveredFromAPoorStart() throws {
    let s: [Double] = [0.02, 0.06, 0.11, 0.22, 0.56, 1.1, 2.2, 4.4]
    let v = s.map { 2.1 * $0 / (0.35 + $0) }
    let fit = try fitCurve(MichaelisMenten(), x: s, y: v, from: [1, 1])
    #expect(fit.converged)
    #expect(isClose(fit.parameters[0], 2.1, relative: 1e-10))
    #expect(isClose(fit.parameters[1], 0.35, relative: 1e-10))
    #expect(fit.residualSumOfSquares < 1e-24)
  }

  @Test func forwardAndReverseModesAgree() throws {
    let forward = try leastSquares(RosenbrockResiduals(), from: [-1.2, 1.0], mode: .forward)
    let reverse = try leastSquares(RosenbrockResiduals(), from: [-1.2, 1.0], mode: .reverse)
    #expect(forward.converged && reverse.converged)
    for (a, b) in zip(forward.parameters, reverse.parameters) {
      #expect(isClose(a, 1, relative: 1e-12))
      #expect(isClose(b, 1, relative: 1e-12))
    }
    // As many residuals as parameters: no degrees of freedom for s.
    #expect(forward.residualStandardDeviation == nil)
    #expect(forward.covariance == nil)
    #expect(forward.unscaledCovariance != nil)
    #expect(forward.note?.contains("no degrees of freedom") == true)
  }

  @Test func floatFitsToItsPrecision() throws {
    let fit = try fitCurve(
      Line(), x: x.map { Float($0) }, y: y.map { Float($0) }, from: [0, 0] as [Float])
    let expected = textbookLine(x, y)
    #expect(abs(Double(fit.parameters[1]) - expected.b) < 1e-5)
  }

  @Test func aRankDeficientJacobianGivesNoCovarianceAndSaysWhy() throws {
    let fit = try fitCurve(Redundant(), x: x, y: y, from: [1, 1])
    #expect(fit.rank == 1)
    #expect(fit.covariance == nil)
    #expect(fit.standardErrors == nil)
    #expect(fit.conditionNumber == .infinity)
    #expect(
      fit.note?.hasPrefix("The Jacobian is rank-deficient at the solution (rank 1 of 2") == true)
    // The fit itself is still the least-squares line through the origin.
    var sxy = 0.0
    var sxx = 0.0
    for i in x.indices {
      sxy += x[i] * y[i]
      sxx += x[i] * x[i]
    }
    let slope = sxy / sxx
    #expect(isClose(fit.parameters[0] + fit.parameters[1], slope, relative: 1e-10))
  }

  @Test func aParameterTheModelIgnoresIsNotedAsRankDeficient() throws {
    struct Ignoring: CurveModel {
      func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] + p[1] * x }
    }
    let fit = try fitCurve(Ignoring(), x: x, y: y, from: [0, 0, 7])
    #expect(fit.converged)
    #expect(fit.rank == 2)
    #expect(fit.parameters[2] == 7)
    #expect(fit.covariance == nil)
    let expected = textbookLine(x, y)
    #expect(isClose(fit.parameters[1], expected.b, relative: 1e-10))
  }

  @Test func aResultPrintsAsAReport() throws {
    let fit = try fitCurve(
      MichaelisMenten(), x: [0.02, 0.06, 0.11, 0.22, 0.56, 1.1], y: [76, 97, 123, 159, 191, 207],
      from: [200, 0.1])
    let lines = "\(fit)".split(separator: "\n").map(String.init)
    #expect(lines.count == 4)
    #expect(lines[0].hasPrefix("converged: "))
    #expect(lines[1].hasPrefix("  p[0] = 2") && lines[1].contains(" ± "))
    #expect(lines[3].contains("on 4 degrees of freedom, condition "))
  }

  @Test func aFixedScalingReachesTheSameFit() throws {
    let s: [Double] = [0.02, 0.06, 0.11, 0.22, 0.56, 1.1]
    let v: [Double] = [76, 97, 123, 159, 191, 207]
    let automatic = try fitCurve(MichaelisMenten(), x: s, y: v, from: [200, 0.1])
    let fixed = try fitCurve(
      MichaelisMenten(), x: s, y: v, from: [200, 0.1], options: .init(scaling: .fixed([1, 1e3])))
    #expect(fixed.converged)
    #expect(isClose(fixed.parameters[0], automatic.parameters[0], relative: 1e-9))
    #expect(isClose(fixed.parameters[1], automatic.parameters[1], relative: 1e-9))
  }

  // MARK: - Stop reasons

  @Test func everyStopReasonIsReachable() throws {
    let limited = try leastSquares(
      RosenbrockResiduals(), from: [-1.2, 1.0], options: .init(maximumIterations: 2))
    #expect(limited.stopReason == .iterationLimit)
    #expect(!limited.converged)
    #expect(limited.iterations == 2)

    let evaluations = try leastSquares(
      RosenbrockResiduals(), from: [-1.2, 1.0], options: .init(maximumEvaluations: 3))
    #expect(evaluations.stopReason == .evaluationLimit)
    #expect(evaluations.evaluations + evaluations.jacobianEvaluations >= 3)

    let exact = try leastSquares(RosenbrockResiduals(), from: [1, 1])
    #expect(exact.stopReason == .gradientBelowTolerance)

    let reduction = try fitCurve(Line(), x: x, y: y, from: [0, 0])
    #expect(reduction.stopReason.isConvergence)

    let step = try fitCurve(
      Line(), x: x, y: y, from: [0, 0],
      options: .init(reductionTolerance: 0, stepTolerance: 1e-3, gradientTolerance: 0))
    #expect(step.stopReason == .stepBelowTolerance)

    let precision = try fitCurve(
      MichaelisMenten(), x: [0.1, 0.5, 1, 2, 4], y: [0.41, 1.05, 1.42, 1.78, 1.93],
      from: [1, 1], options: .init(reductionTolerance: 0, stepTolerance: 0, gradientTolerance: 0))
    #expect(precision.stopReason == .precisionLimit)
    #expect(precision.converged)

    let nowhereFinite = try leastSquares(FiniteAtOnePoint(), from: [1.0])
    #expect(nowhereFinite.stopReason == .nonFiniteResiduals)
    #expect(nowhereFinite.parameters == [1])
    #expect(!nowhereFinite.converged)

    let infiniteSlope = try leastSquares(InfiniteSlopeAtTheSolution(), from: [2.0])
    #expect(infiniteSlope.stopReason == .nonFiniteJacobian)
    #expect(infiniteSlope.parameters == [1])
    #expect(infiniteSlope.note?.contains("NaN or infinite") == true)
  }

  @Test func stopReasonsDescribeThemselves() {
    let reasons: [LeastSquaresStopReason] = [
      .reductionBelowTolerance, .stepBelowTolerance, .gradientBelowTolerance, .precisionLimit,
      .iterationLimit, .evaluationLimit, .nonFiniteResiduals, .nonFiniteJacobian,
    ]
    for reason in reasons {
      #expect(
        "\(reason)".hasPrefix(reason.isConvergence ? "converged: " : "not converged")
          || "\(reason)".hasPrefix("stopped: "))
    }
  }

  @Test func thePolishNeverRaisesTheCostBeyondRounding() throws {
    let s: [Double] = [0.1, 0.5, 1, 2, 4]
    let v: [Double] = [0.41, 1.05, 1.42, 1.78, 1.93]
    let plain = try fitCurve(
      MichaelisMenten(), x: s, y: v, from: [1, 1], options: .init(polishMethod: .none))
    for method in [LeastSquaresOptions<Double>.PolishMethod.gaussNewton, .newton] {
      let polished = try fitCurve(
        MichaelisMenten(), x: s, y: v, from: [1, 1], options: .init(polishMethod: method))
      #expect(polished.cost <= plain.cost * (1 + 1e-13))
    }
  }
}
