import AutoDiff
import Foundation
import Testing

@testable import Optimization

/// Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², the chained Rosenbrock function; n = 2 is the classic one.
private struct ChainedRosenbrock: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for i in 0..<(x.count - 1) {
      let a = 1 - x[i]
      let b = x[i + 1] - x[i] * x[i]
      total += 100 * b * b + a * a
    }
    return total
  }
}

/// c·Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², the chained Rosenbrock function times a constant.
private struct ScaledRosenbrock: DifferentiableFunction {
  let scale: Double
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { S(scale) * ChainedRosenbrock()(x) }
}

/// ½ xᵀAx − bᵀx with A = Q diag(κ^(i/(n−1))) Qᵀ, Q = I − 2vvᵀ/vᵀv the Householder reflection of
/// vᵢ = cos(i + 1), and bᵢ = sin(2i + 1): a convex quadratic of condition number κ whose
/// Hessian is dense, so that its cost is a sum of terms much larger than the cost itself.
private struct RotatedQuadratic: DifferentiableFunction {
  let matrix: [Double]
  let linear: [Double]

  init(count n: Int, conditionNumber: Double) {
    let v = (0..<n).map { cos(Double($0 + 1)) }
    let vv = v.reduce(0) { $0 + $1 * $1 }
    func q(_ i: Int, _ k: Int) -> Double { (i == k ? 1 : 0) - 2 * v[i] * v[k] / vv }
    var matrix = [Double](repeating: 0, count: n * n)
    for k in 0..<n {
      let eigenvalue = pow(conditionNumber, Double(k) / Double(n - 1))
      for i in 0..<n {
        for j in 0..<n { matrix[i * n + j] += q(i, k) * eigenvalue * q(j, k) }
      }
    }
    self.matrix = matrix
    linear = (0..<n).map { (i: Int) -> Double in sin(Double(2 * i + 1)) }
  }

  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    let n = x.count
    var total: S = 0
    for i in 0..<n {
      var row: S = 0
      for j in 0..<n { row += S(matrix[i * n + j]) * x[j] }
      total += x[i] * row / 2 - S(linear[i]) * x[i]
    }
    return total
  }
}

/// ½ Σᵢ dᵢ xᵢ² − Σᵢ bᵢxᵢ, a quadratic with a diagonal Hessian.
private struct DiagonalQuadratic: DifferentiableFunction {
  let diagonal: [Double]
  let linear: [Double]
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for i in x.indices {
      total += S(diagonal[i] / 2) * x[i] * x[i] - S(linear[i]) * x[i]
    }
    return total
  }
}

private func alternatingStart(_ n: Int) -> [Double] { (0..<n).map { $0 % 2 == 0 ? -1.2 : 1.0 } }

@Suite struct NewtonTrustRegionTests {
  @Test(arguments: [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient])
  func rosenbrockFromTheClassicStart(subproblem: NewtonTrustRegion<Double>.Subproblem) throws {
    let result = try minimize(
      ChainedRosenbrock(), from: [-1.2, 1], using: NewtonTrustRegion(subproblem: subproblem),
      options: MinimizationOptions(gradientTolerance: 1e-10))
    #expect(result.converged, "\(result.stopReason)")
    // Every trial, accepted or rejected, evaluates the cost once; the start is one more.
    let trials = result.evaluations - 1
    print("n = 2, \(subproblem): \(result.iterations) iterations, \(trials) trials")
    // SciPy 1.17's trust-exact takes 25 iterations, trust-ncg 30 (every trial counted).
    #expect(trials <= (subproblem == .exact ? 25 : 30))
    for x in result.minimizer { #expect(abs(x - 1) <= 1e-9, "\(result.minimizer)") }
  }

  @Test(arguments: [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient])
  func chainedRosenbrockWithOneHundredVariables(
    subproblem: NewtonTrustRegion<Double>.Subproblem
  ) throws {
    let result = try minimize(
      ChainedRosenbrock(), from: alternatingStart(100),
      using: NewtonTrustRegion(subproblem: subproblem),
      options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: 1000))
    let trials = result.evaluations - 1
    print(
      "n = 100, \(subproblem): \(result.iterations) iterations, \(trials) trials, "
        + "f = \(result.value), \(result.stopReason)")
    // The exact subproblem, like SciPy's trust-exact, follows the negative curvature near the
    // start into the basin of the local minimum f ≈ 3.987 (x₀ ≈ −1), in 164 trials; truncated
    // CG reaches the global one in 178, within the target of 200 (SciPy: trust-ncg 449,
    // trust-krylov 307, Newton-CG 224 iterations).
    if subproblem == .exact {
      #expect(abs(result.value - 3.9866238543009334) <= 1e-9)
      #expect(trials <= 170)
    } else {
      #expect(result.value < 1e-10)
      #expect(trials <= 200)
    }
    #expect(result.converged)
  }

  @Test func theDefaultIsMonotone() throws {
    let result = try minimize(
      ChainedRosenbrock(), from: [-1.2, 1], using: NewtonTrustRegion(subproblem: .exact),
      options: MinimizationOptions(gradientTolerance: 1e-10))
    #expect(result.converged)
    // Every accepted step lowers the cost.
    let values = result.history.map(\.value)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
  }

  @Test(arguments: [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient])
  func withMemoryTheMethodIsNonmonotone(subproblem: NewtonTrustRegion<Double>.Subproblem) throws {
    // Toint's ratio from the largest of the last 20 costs accepts steps that raise the cost:
    // on Rosenbrock's function 15 trials (exact) and 23 (CG), against 23 and 30 monotone.
    let result = try minimize(
      ChainedRosenbrock(), from: [-1.2, 1],
      using: NewtonTrustRegion(subproblem: subproblem, memory: 20))
    #expect(result.converged, "\(result.stopReason)")
    for x in result.minimizer { #expect(abs(x - 1) <= 1e-6, "\(result.minimizer)") }
    let values = result.history.map(\.value)
    let rises = zip(values, values.dropFirst()).filter { $0 < $1 }.count
    print("memory 20, \(subproblem): \(result.evaluations - 1) trials, \(rises) rises of the cost")
    #expect(rises >= 1)
    #expect(result.evaluations - 1 <= (subproblem == .exact ? 15 : 23))
  }

  @Test func aQuadraticIsSolvedInOneNewtonStep() throws {
    let quadratic = DiagonalQuadratic(diagonal: [2, 5, 0.5], linear: [0.2, -0.5, 0.1])
    for subproblem in [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient] {
      let result = try minimize(
        quadratic, from: [0, 0, 0], using: NewtonTrustRegion(subproblem: subproblem),
        options: MinimizationOptions(gradientTolerance: 1e-12))
      // The exact solver takes the Newton step; CG stops at its forcing term, ‖r‖ ≤ ½‖g‖ at
      // the first step, and needs a few more (the inexact Newton method).
      if subproblem == .exact {
        #expect(result.iterations == 1)
      } else {
        #expect(result.iterations <= 4, "\(result.iterations)")
      }
      let expected = [0.1, -0.1, 0.2]
      for (x, e) in zip(result.minimizer, expected) { #expect(abs(x - e) <= 1e-14) }
    }
  }

  @Test(arguments: [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient])
  func multiplyingTheCostByAConstantChangesNoStep(
    subproblem: NewtonTrustRegion<Double>.Subproblem
  ) throws {
    // ρ and CG's forcing term ζ = min(½, √(‖g‖/‖g₀‖)) are ratios, so the cost times 1000 or
    // 1/1000 takes the same trials to the same point (up to rounding), with a gradient tolerance
    // scaled alike.
    func run(_ scale: Double) throws -> MinimizationResult<Double> {
      try minimize(
        ScaledRosenbrock(scale: scale), from: alternatingStart(10),
        using: NewtonTrustRegion(subproblem: subproblem),
        options: MinimizationOptions(gradientTolerance: 1e-8 * scale, maximumIterations: 1000))
    }
    let plain = try run(1)
    for scale in [1000.0, 1e-3] {
      let scaled = try run(scale)
      #expect(scaled.converged)
      #expect(scaled.evaluations == plain.evaluations, "\(scale)")
      #expect(scaled.iterations == plain.iterations, "\(scale)")
      for (x, y) in zip(scaled.minimizer, plain.minimizer) { #expect(abs(x - y) <= 1e-6) }
    }
  }

  @Test func roundingBelowThePredictedDecreaseIsAStallNotConvergence() throws {
    // Near the minimizer of a quadratic with condition number 10⁶, the rounding error of the
    // cost (a sum of terms up to 10⁶ times larger than it) exceeds every decrease the model
    // predicts: ρ is noise, Δ shrinks to nothing, and the run must say so.
    let quadratic = RotatedQuadratic(count: 30, conditionNumber: 1e6)
    let start = [Double](repeating: 0, count: 30)
    let result = try minimize(
      quadratic, from: start, using: NewtonTrustRegion(subproblem: .conjugateGradient),
      options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: 1000))
    #expect(!result.converged)
    #expect(result.stopReason == .stalled, "\(result.stopReason)")
    #expect(result.gradientNorm > 1e-8)
    #expect(result.value.isFinite)
    // Most of the way there nonetheless: the gradient is far below its start.
    let startGradient = gradient(at: start, of: quadratic)
    #expect(result.gradientNorm <= 1e-4 * euclideanNorm(startGradient))
  }

  @Test func aSaddleIsLeftAlongTheNegativeCurvature() throws {
    // J = x² − y² + y⁴/4 has a saddle at the origin and minima at y = ±√2; started exactly on
    // the saddle's stable line (gradient along x only), Newton's method would stay at y = 0.
    struct Saddle: DifferentiableFunction {
      func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
        p[0] * p[0] - p[1] * p[1] + p[1] * p[1] * p[1] * p[1] / 4
      }
    }
    for subproblem in [NewtonTrustRegion<Double>.Subproblem.exact, .conjugateGradient] {
      let result = try minimize(
        Saddle(), from: [0.5, 1e-3], using: NewtonTrustRegion(subproblem: subproblem))
      #expect(result.converged, "\(subproblem)")
      #expect(abs(abs(result.minimizer[1]) - 2.0.squareRoot()) <= 1e-8, "\(result.minimizer)")
      #expect(abs(result.value + 1) <= 1e-12)
    }
  }

  @Test func theAutomaticChoiceFormsTheHessianOnlyForSmallProblems() throws {
    let small = try minimize(
      ChainedRosenbrock(), from: alternatingStart(10), using: NewtonTrustRegion())
    let exact = try minimize(
      ChainedRosenbrock(), from: alternatingStart(10),
      using: NewtonTrustRegion(subproblem: .exact))
    #expect(small.minimizer == exact.minimizer)
    #expect(small.secondOrderEvaluations == exact.secondOrderEvaluations)
    // One Hessian per iteration for the exact solver.
    #expect(exact.secondOrderEvaluations == exact.iterations + (exact.converged ? 0 : 1))
  }

  @Test func floatWorksToo() throws {
    let result = try minimize(
      ChainedRosenbrock(), from: [-1.2, 1] as [Float], using: NewtonTrustRegion<Float>(),
      options: MinimizationOptions(gradientTolerance: 1e-4))
    #expect(result.converged, "\(result.stopReason)")
    for x in result.minimizer { #expect(abs(x - 1) <= 1e-3) }
  }
}

@Suite struct TrustRegionSubproblemTests {
  private func model(_ h: [Double], _ g: [Double], _ p: [Double]) -> Double {
    let n = g.count
    var value = 0.0
    for i in 0..<n {
      value += g[i] * p[i]
      for j in 0..<n { value += 0.5 * p[i] * h[i * n + j] * p[j] }
    }
    return value
  }

  @Test func interiorNewtonStep() throws {
    var solver = MoreSorensenSolver<Double>()
    let stepSolution = solver.solve(hessian: [4, 1, 1, 3], gradient: [1, 2], radius: 10)
    let step = try #require(stepSolution)
    // H p = −g: p = −(1/11)[3·1 − 1·2, −1·1 + 4·2] = [−1/11, −7/11].
    #expect(abs(step.step[0] + 1.0 / 11) <= 1e-14)
    #expect(abs(step.step[1] + 7.0 / 11) <= 1e-14)
    #expect(!step.hitsBoundary)
  }

  @Test func boundaryStepMatchesTheSecularEquation() throws {
    // H = diag(1, 10), g = (1, 1), Δ = 0.2: p(λ) = −(1/(1+λ), 1/(10+λ)) with ‖p(λ)‖ = Δ.
    var solver = MoreSorensenSolver<Double>()
    let stepSolution = solver.solve(hessian: [1, 0, 0, 10], gradient: [1, 1], radius: 0.2)
    let step = try #require(stepSolution)
    let norm = (step.step[0] * step.step[0] + step.step[1] * step.step[1]).squareRoot()
    #expect(abs(norm - 0.2) <= 1e-3 * 0.2)
    // The multiplier is the same for both components: −g_i/p_i − h_ii.
    let lambda0 = -1 / step.step[0] - 1
    let lambda1 = -1 / step.step[1] - 10
    #expect(abs(lambda0 - lambda1) <= 1e-9 * lambda0)
    #expect(lambda0 > 0)
  }

  @Test func indefiniteHessianGoesToTheBoundary() throws {
    var solver = MoreSorensenSolver<Double>()
    let h = [-2.0, 0, 0, 1]
    let g = [0.5, -0.3]
    let stepSolution = solver.solve(hessian: h, gradient: g, radius: 1)
    let step = try #require(stepSolution)
    let norm = (step.step[0] * step.step[0] + step.step[1] * step.step[1]).squareRoot()
    #expect(abs(norm - 1) <= 1e-3)
    // λ ≥ 2 makes H + λI positive semidefinite; the step is downhill along x.
    #expect(step.step[0] < 0)
    #expect(model(h, g, step.step) < -1)
  }

  @Test func theHardCase() throws {
    // g ⟂ the eigenvector of the smallest eigenvalue: H = diag(−1, 2), g = (0, 1), Δ = 1.
    // p(λ) = (0, −1/(2+λ)) never reaches the boundary for λ ≥ 1; the solution adds a multiple
    // of e₀: p = (±√(1 − 1/9), −1/3), model value −5/9.
    var solver = MoreSorensenSolver<Double>()
    let h = [-1.0, 0, 0, 2]
    let g = [0.0, 1]
    let stepSolution = solver.solve(hessian: h, gradient: g, radius: 1)
    let step = try #require(stepSolution)
    let norm = (step.step[0] * step.step[0] + step.step[1] * step.step[1]).squareRoot()
    #expect(abs(norm - 1) <= 1e-3)
    #expect(abs(step.step[1] + 1.0 / 3) <= 1e-2)
    #expect(model(h, g, step.step) <= -5.0 / 9 + 1e-2)
  }

  @Test func conjugateGradientsAgreeWithTheExactSolverInside() throws {
    // A forcing term of 10⁻⁸ (‖r‖ ≤ 10⁻⁸·‖g‖) makes CG run to its exact solution (3
    // iterations for n = 3).
    let h = [4.0, 1, 0, 1, 3, 1, 0, 1, 2]
    let g = [1e-8, -2e-8, 0.5e-8]
    var exact = MoreSorensenSolver<Double>()
    let aSolution = exact.solve(hessian: h, gradient: g, radius: 100)
    let a = try #require(aSolution)
    func product(_ d: [Double]) -> [Double] {
      var result = [0.0, 0.0, 0.0]
      for i in 0..<3 {
        for j in 0..<3 { result[i] += h[i * 3 + j] * d[j] }
      }
      return result
    }
    let bSolution = SteihaugTointSolver<Double>().solve(
      gradient: g, radius: 100, forcing: 1e-8, product: product)
    let b = try #require(bSolution)
    for (x, y) in zip(a.step, b.step) { #expect(abs(x - y) <= 1e-12 * 1e-8) }
    #expect(abs(a.predictedDecrease - b.predictedDecrease) <= 1e-12 * a.predictedDecrease)
  }

  @Test func aNaNHessianIsNoStep() {
    var solver = MoreSorensenSolver<Double>()
    let solution = solver.solve(hessian: [1, .nan, .nan, 1], gradient: [1, 1], radius: 1)
    #expect(solution == nil)
    let product = SteihaugTointSolver<Double>().solve(gradient: [1, 1], radius: 1, forcing: 0.5) {
      _ in [Double.nan, 0]
    }
    #expect(product == nil)
  }
}

@Suite struct NewtonValidationTests {
  private func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch { return "\(error)" }
  }

  @Test func invalidSettings() {
    #expect(
      message { _ = try NewtonTrustRegion<Double>(initialRadius: 0) }
        == "`initialRadius` is 0.0; it must be positive and finite, such as 1.")
    #expect(
      message { _ = try NewtonTrustRegion<Double>(initialRadius: 10, maximumRadius: 5) }
        == "`maximumRadius` is 5.0; it must be at least initialRadius (10.0).")
    #expect(
      message { _ = try NewtonTrustRegion<Double>(acceptance: 0.5) }
        == "`acceptance` is 0.5; it must be at least 0 and below 0.25, such as 0.15.")
    #expect(
      message { _ = try NewtonTrustRegion<Double>(memory: -1) }
        == "`memory` is -1; it must be from 0 to 1000.")
  }

  @Test func aClosureCostHasNoSecondDerivatives() {
    let text = message {
      _ = try minimize(
        { x in (x[0] - 1) * (x[0] - 1) }, from: [0.0], using: NewtonTrustRegion())
    }
    #expect(
      text
        == "NewtonTrustRegion cannot handle a cost without second derivatives; write the cost as "
        + "a DifferentiableFunction (a struct whose callAsFunction<S: RealScalar>(_ x: [S]) -> S "
        + "holds the formula) and pass it to minimize; a closure over Variable gives first "
        + "derivatives only.")
  }

  @Test func boundsAreRefused() throws {
    let bounds = try Bounds<Double>(count: 2, lower: 0)
    let text = message {
      _ = try minimize(
        ChainedRosenbrock(), from: [0.5, 0.5], using: NewtonTrustRegion(), bounds: bounds)
    }
    #expect(
      text
        == "NewtonTrustRegion cannot handle bounds; use LBFGS, which becomes L-BFGS-B under "
        + "bounds.")
  }
}
