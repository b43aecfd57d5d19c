import AutoDiff
import Optimization
import Testing

/// The driver: each stopping criterion alone, divergence, the two failure modes of a learning
/// rate, history, callback and trace.
@Suite struct MinimizeTests {
  /// f(x) = Σ xᵢ², minimum 0 at 0.
  static func bowl<S: RealScalar>(_ x: [S]) -> S {
    var total: S = 0
    for value in x { total += value * value }
    return total
  }

  /// Only the criterion under test enabled: no gradient test, no divergence test, a large
  /// iteration limit.
  static func only(
    _ configure: (inout MinimizationOptions<Double>) -> Void
  ) -> MinimizationOptions<Double> {
    var options = MinimizationOptions<Double>(
      gradientTolerance: nil, maximumIterations: 100_000, divergenceFactor: nil)
    configure(&options)
    return options
  }

  @Test func startAtTheMinimumStopsAtIterationZeroWithTheGradientCriterion() throws {
    let result = try minimize(
      Objectives.quadratic5, from: [1, 1, 1, 1, 1], using: GradientDescent(learningRate: 0.05))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(result.iterations == 0)
    #expect(result.evaluations == 1)
    #expect(result.converged)
    #expect(result.minimizer == [1, 1, 1, 1, 1])
    #expect(result.history == [HistoryEntry(iteration: 0, value: 0, gradientNorm: 0)])
  }

  @Test("A printed result is a short report, not its history")
  func printedResult() throws {
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.25))
    #expect(result.history.count > 1)
    let lines = result.description.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines[0]
        == "converged: gradient norm below tolerance (\(result.iterations) iterations, \(result.evaluations) evaluations)"
    )
    // The gradient norm to four significant digits.
    let prefix = "  value \(result.value), gradient norm "
    #expect(lines[1].hasPrefix(prefix))
    let norm = Double(lines[1].dropFirst(prefix.count)) ?? .nan
    #expect(isClose(norm, result.gradientNorm, relative: 5e-4), "\(lines[1])")
    #expect(lines[2] == "  minimizer [\(result.minimizer[0]), \(result.minimizer[1])]")

    // A thousand parameters: the first six, then the count.
    let start = (0..<1000).map { Double($0) / 1000 }
    let large = try minimize(
      Self.bowl, from: start, using: GradientDescent(learningRate: 0.25),
      options: MinimizationOptions(maximumIterations: 1))
    let values = large.minimizer.prefix(6).map { "\($0)" }.joined(separator: ", ")
    #expect(
      large.description.hasSuffix("  minimizer [\(values), … (1000 values)]"),
      "\(large.description)")
    #expect(large.description.hasPrefix("not converged: iteration limit reached (1 iterations"))
  }

  @Test func gradientCriterionAlone() throws {
    let options = Self.only { $0.gradientTolerance = 1e-6 }
    let result = try minimize(
      Objectives.quadratic5, from: [0, -1, 2, 0.5, 3], using: GradientDescent(learningRate: 0.05),
      options: options)
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(result.gradientNorm <= 1e-6)
    #expect(result.history.dropLast().allSatisfy { $0.gradientNorm > 1e-6 })
    #expect(result.converged)
  }

  @Test func stepCriterionAlone() throws {
    let options = Self.only { $0.stepTolerance = 1e-9 }
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1), options: options)
    #expect(result.stopReason == .stepSizeBelowTolerance)
    #expect(result.iterations > 0)
    #expect(result.converged)
    // θ ← 0.8·θ: the step is 0.2·‖θₖ₋₁‖, so ‖θₖ‖ = 4·step ≤ 4e-9.
    #expect(euclidean(result.minimizer) <= 4.0001e-9)
  }

  @Test func absoluteValueChangeCriterionAlone() throws {
    let options = Self.only { $0.valueTolerance = 1e-12 }
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1), options: options)
    #expect(result.stopReason == .valueChangeBelowTolerance)
    let last = result.history[result.history.count - 1].value
    let before = result.history[result.history.count - 2].value
    #expect(abs(last - before) <= 1e-12)
    #expect(result.converged)
  }

  @Test func relativeValueChangeCriterionAlone() throws {
    let options = Self.only { $0.relativeValueTolerance = 0.5 }
    // θ ← 0.8θ: f shrinks by 0.64 per step, a relative change of 0.36/0.64 = 0.5625 > 0.5; with
    // a window of 1 it never fires, so use a slower rate: θ ← 0.9θ, change 0.19/0.81 < 0.5.
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.05), options: options)
    #expect(result.stopReason == .valueChangeBelowTolerance)
    #expect(result.iterations == 1)
  }

  @Test func valueChangeIsMeasuredOverTheWindow() throws {
    // f(x) = x² − x⁴/10… is awkward; use a cost that is flat for single steps but not over five:
    // GD on the bowl with θ ← 0.99θ changes f by ~2% per step, ~10% over five.
    let perStep = Self.only {
      $0.relativeValueTolerance = 0.05
      $0.valueChangeWindow = 1
    }
    let overFive = Self.only {
      $0.relativeValueTolerance = 0.05
      $0.valueChangeWindow = 5
      $0.maximumIterations = 50
    }
    let optimizer = try GradientDescent<Double>(learningRate: 0.005)
    let one = try minimize(Self.bowl, from: [3.0, -4.0], using: optimizer, options: perStep)
    let five = try minimize(Self.bowl, from: [3.0, -4.0], using: optimizer, options: overFive)
    #expect(one.stopReason == .valueChangeBelowTolerance)
    #expect(one.iterations == 1)
    #expect(five.stopReason == .iterationLimit)
  }

  @Test func iterationLimitAlone() throws {
    let options = Self.only { $0.maximumIterations = 25 }
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1), options: options)
    #expect(result.stopReason == .iterationLimit)
    #expect(result.iterations == 25)
    #expect(result.evaluations == 26)
    #expect(!result.converged)
    #expect(result.history.count == 26)
  }

  @Test func timeLimitAlone() throws {
    let options = Self.only {
      $0.maximumIterations = Int.max
      $0.timeLimit = .milliseconds(30)
      $0.historyInterval = 1000
    }
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 1e-9), options: options)
    #expect(result.stopReason == .timeLimit)
    #expect(result.elapsed >= .milliseconds(30))
    #expect(!result.converged)
  }

  @Test func callbackStopsTheRun() throws {
    var seen: [Int] = []
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1),
      options: Self.only { _ in }
    ) { report in
      seen.append(report.iteration)
      #expect(report.stepSize == nil || report.iteration > 0)
      return report.iteration == 3 ? .stop : .continue
    }
    #expect(result.stopReason == .stoppedByCallback)
    #expect(result.iterations == 3)
    #expect(seen == [0, 1, 2, 3])
    #expect(!result.converged)
  }

  @Test func tooLargeALearningRateDiverges() throws {
    // θ ← θ − 1.5·2θ = −2θ: the cost quadruples each step.
    let start = [1.0, -0.5]
    let result = try minimize(Self.bowl, from: start, using: GradientDescent(learningRate: 1.5))
    let divergence = try #require(result.divergence)
    #expect(divergence.cause == .growth)
    #expect(!result.converged)
    #expect(result.minimizer == start, "the best parameters seen are returned")
    #expect(result.value == 1.25)
    #expect(divergence.bestIteration == 0)
    #expect(divergence.lastFiniteParameters.allSatisfy { $0.isFinite })
    #expect(divergence.message.contains("try a smaller one, such as 0.15"))
    // 1.25·4ᵏ − 1.25 > 1e4 · 1.25 first at k = 7.
    #expect(divergence.iteration == 7)
    #expect(divergence.lastFiniteParameters == [-128, 64])
  }

  @Test func divergenceToInfinityKeepsTheLastFiniteParameters() throws {
    var options = MinimizationOptions<Double>(divergenceFactor: nil)
    options.maximumIterations = 10_000
    let result = try minimize(
      Self.bowl, from: [1.0, -0.5], using: GradientDescent(learningRate: 1.5), options: options)
    let divergence = try #require(result.divergence)
    #expect(divergence.cause == .nonFinite)
    #expect(!divergence.value.isFinite)
    #expect(divergence.lastFiniteParameters.allSatisfy { $0.isFinite })
    #expect(Self.bowl(divergence.lastFiniteParameters).isFinite)
    #expect(abs(divergence.lastFiniteParameters[0]) > 1e100)
    #expect(result.minimizer == [1.0, -0.5])
    #expect(result.stopReason.description.contains("smaller"))
  }

  @Test func tinyLearningRateReportsTheIterationLimit() throws {
    let result = try minimize(
      Self.bowl, from: [1.0, -0.5], using: GradientDescent(learningRate: 1e-6),
      options: MinimizationOptions(maximumIterations: 200))
    #expect(result.stopReason == .iterationLimit)
    #expect(!result.converged)
    #expect(result.value < 1.25)
    #expect(result.value > 1.2)
  }

  @Test func plainGradientDescentOnAnIllConditionedQuadraticHitsTheIterationLimit() throws {
    // Hessian eigenvalues 1 … 10⁴; the largest stable step is 2/10⁴.
    let cost: ([Variable<Double>]) -> Variable<Double> = {
      Objectives.illConditioned($0, conditionNumber: 1e4)
    }
    let start = [Double](repeating: 1, count: 10)
    let result = try minimize(
      cost, from: start, using: GradientDescent(learningRate: 1.9e-4),
      options: MinimizationOptions(maximumIterations: 1000))
    #expect(result.stopReason == .iterationLimit)
    #expect(!result.converged)
    #expect(result.gradientNorm > 1e-8)
    #expect(result.divergence == nil)
  }

  @Test func historyEveryKthIterationAndTheLast() throws {
    let options = Self.only {
      $0.maximumIterations = 10
      $0.historyInterval = 4
    }
    let result = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1), options: options)
    #expect(result.history.map(\.iteration) == [0, 4, 8, 10])
    #expect(result.history[0].value == 25)
    #expect(result.history[0].gradientNorm == 10)
  }

  @Test func valueAndGradientForm() throws {
    let result = try minimize(
      valueAndGradient: { x, g in
        g[0] = 2 * (x[0] - 3)
        return (x[0] - 3) * (x[0] - 3)
      }, from: [0.0], using: GradientDescent(learningRate: 0.25))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(abs(result.minimizer[0] - 3) < 1e-8)
  }

  /// A cost written once as a DifferentiableFunction: the automatic mode (forward here, two
  /// parameters) gives the same run as the closure form (reverse mode), step for step.
  @Test func differentiableFunctionForm() throws {
    struct Line: DifferentiableFunction {
      let x: [Double] = [1, 2, 3, 4, 5]
      let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
      func callAsFunction<S: RealScalar>(_ p: [S]) -> S {
        var total: S = 0
        for i in x.indices {
          let r = p[0] * S(x[i]) + p[1] - S(y[i])
          total += r * r
        }
        return total / S(x.count)
      }
    }
    let line = Line()
    let method = try GradientDescent<Double>(learningRate: 0.05)
    let automatic = try minimize(line, from: [0, 0], using: method)
    let forward = try minimize(line, from: [0, 0], using: method, mode: .forward)
    let closure = try minimize({ p in line(p) }, from: [0, 0], using: method)
    #expect(automatic.stopReason == .gradientNormBelowTolerance)
    #expect(automatic.iterations == closure.iterations)
    #expect(forward.minimizer == automatic.minimizer)
    for (a, b) in zip(automatic.minimizer, closure.minimizer) { #expect(abs(a - b) < 1e-12) }
    // The least-squares line of these points.
    #expect(abs(automatic.minimizer[0] - 1.99) < 1e-6)
    #expect(abs(automatic.minimizer[1] - 0.05) < 1e-6)
  }

  @Test func traceDoesNotChangeTheResult() throws {
    let quiet = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1))
    let traced = try minimize(
      Self.bowl, from: [3.0, -4.0], using: GradientDescent(learningRate: 0.1),
      options: MinimizationOptions(traceInterval: 20))
    #expect(quiet.minimizer == traced.minimizer)
    #expect(quiet.stopReason == traced.stopReason)
  }

  @Test func everyFirstOrderOptimizerDrivesTheSameProblem() throws {
    let start = [0.0, -1, 2, 0.5, 3]
    let options = MinimizationOptions<Double>(gradientTolerance: 1e-6, maximumIterations: 20_000)
    let methods: [any DescentMethod<Double>] = [
      try GradientDescent(learningRate: 0.05),
      try GradientDescent(learningRate: 0.02, momentum: 0.9, nesterov: true),
      try Adam(learningRate: 0.05),
      try AdamW(learningRate: 0.05, weightDecay: 0),
      try RMSProp(learningRate: 0.01, momentum: 0.5, centered: true),
      try AdaGrad(learningRate: 0.5),
      try LBFGS(),
    ]
    for method in methods {
      let result = try minimize(Objectives.quadratic5, from: start, using: method, options: options)
      #expect(result.converged, "\(type(of: method)): \(result.stopReason)")
      for value in result.minimizer { #expect(abs(value - 1) < 1e-5, "\(type(of: method))") }
    }
  }

  @Test func floatWorksToo() throws {
    let result = try minimize(
      Self.bowl, from: [Float(3), -4], using: Adam(learningRate: Float(0.1)),
      options: MinimizationOptions(gradientTolerance: 1e-3, maximumIterations: 5000))
    #expect(result.converged)
    #expect(abs(result.minimizer[0]) < 1e-2)
  }

  // MARK: - Stops that are not convergence

  /// J(x) = 1 − e^(−x²): a valley at 0 between plateaus where the gradient vanishes.
  static func valleyBetweenPlateaus<S: RealScalar>(_ x: [S]) -> S {
    let square = x[0] * x[0]
    return 1 - exp(-square)
  }

  @Test func aGradientStopAboveTheStartIsACostRise() throws {
    // x₁ = 0.5 − 10·J′(0.5) ≈ −7.29, where J ≈ 1 and |J′| ≈ 1e-22 passes the gradient test.
    let result = try minimize(
      Self.valleyBetweenPlateaus, from: [0.5], using: GradientDescent(learningRate: 10))
    let rise = try #require(result.costRise)
    #expect(!result.converged)
    #expect(rise.endedBy == .gradientNormBelowTolerance)
    #expect(rise.iteration == 1 && result.iterations == 1)
    #expect(rise.value == 1)
    #expect(rise.lastParameters[0] < -7)
    #expect(result.minimizer == [0.5], "the best parameters seen are returned")
    #expect(result.value == Self.valleyBetweenPlateaus([0.5]))
    #expect(result.value == rise.initialValue && rise.bestIteration == 0)
    #expect(result.history.map(\.iteration) == [0, 1])
  }

  /// A Michaelis–Menten fit, v = Vmax·s / (K + s), to the Puromycin data, by gradient descent at
  /// a rate too large for its curvature: the cost falls for a few steps, then K runs off
  /// negative and the run ends, at its iteration limit, far above its start.
  @Test func michaelisMentenByGradientDescentAtALargeRateReturnsTheBestParametersSeen() throws {
    let concentration = [0.02, 0.02, 0.06, 0.06, 0.11, 0.11, 0.22, 0.22, 0.56, 0.56, 1.1, 1.1]
    let rate: [Double] = [76, 47, 97, 107, 123, 139, 159, 152, 191, 201, 207, 200]
    func cost(_ p: [Variable<Double>]) -> Variable<Double> {
      var total: Variable<Double> = 0
      for i in concentration.indices {
        let s = Variable(concentration[i])
        let residual = p[0] * s / (p[1] + s) - Variable(rate[i])
        total += residual * residual
      }
      return total / Variable(1000 * Double(concentration.count))
    }
    var seen: [[Double]] = []
    let result = try minimize(cost, from: [100, 0.5], using: GradientDescent(learningRate: 0.01)) {
      report in
      seen.append(report.parameters)
      return .continue
    }
    let rise = try #require(result.costRise)
    #expect(!result.converged)
    #expect(rise.endedBy == .iterationLimit)
    #expect(rise.value > 1.5 * rise.initialValue)
    let best = try #require(
      result.history.indices.min { result.history[$0].value < result.history[$1].value })
    #expect(rise.bestIteration == result.history[best].iteration)
    #expect(rise.bestIteration > 0)
    #expect(result.value == result.history[best].value)
    #expect(result.minimizer == seen[rise.bestIteration])
    #expect(rise.lastParameters == seen[seen.count - 1])
  }

  @Test func aLimitStopAboveTheStartIsACostRise() throws {
    // θ ← −2θ: the cost quadruples, below the divergence test's factor.
    let options = MinimizationOptions<Double>(maximumIterations: 3)
    let result = try minimize(
      Self.bowl, from: [1.0], using: GradientDescent(learningRate: 1.5), options: options)
    let rise = try #require(result.costRise)
    #expect(rise.endedBy == .iterationLimit)
    #expect(rise.value == 64 && rise.lastParameters == [-8])
    #expect(result.minimizer == [1.0])
    #expect(result.iterations == 3)
  }

  @Test func aCallbackStopAboveTheStartIsACostRise() throws {
    let result = try minimize(
      Self.bowl, from: [1.0], using: GradientDescent(learningRate: 1.5),
      progress: { $0.iteration == 1 ? .stop : .continue })
    #expect(result.costRise?.endedBy == .stoppedByCallback)
    #expect(result.minimizer == [1.0])
  }

  @Test func aRunThatEndsAtItsStartingCostIsNotACostRise() throws {
    // J(x) = 1 everywhere: no step moves the cost, and nothing rose.
    let result = try minimize(
      valueAndGradient: { _, g in
        g[0] = 0
        return 1
      }, from: [3.0], using: GradientDescent(learningRate: 0.1))
    #expect(result.stopReason == .gradientNormBelowTolerance)
  }

  /// L-BFGS on log x², unbounded below at 0, where the gradient 2/x is unbounded: the line search
  /// shrinks the step to nothing at a gradient of 1.3e13.
  @Test func aStepStopWhereTheGradientHasGrownIsNotConvergence() throws {
    let result = try minimize(
      { x in log(x[0] * x[0]) }, from: [1.0], using: LBFGS(),
      options: MinimizationOptions(stepTolerance: 1e-10))
    guard case .stoppedAtLargeGradient(let stop) = result.stopReason else {
      Issue.record("\(result.stopReason)")
      return
    }
    #expect(!result.converged)
    #expect(stop.criterion == .stepSize)
    #expect(stop.initialGradientNorm == 2)
    #expect(stop.gradientNorm > 1e12 && stop.gradientNorm == result.gradientNorm)
    #expect(stop.iteration == result.iterations)
    #expect(abs(result.minimizer[0]) < 1e-12)
  }

  @Test func aValueChangeStopWhereTheGradientHasGrownIsNotConvergence() throws {
    // The rule alone, on a cost that levels off while its reported gradient grows: at iteration
    // k, J = 1/(k + 1) and ‖g‖ = k + 1. The relative change, 1/k, is within 0.15 from k = 7.
    var calls = 0.0
    let result = try minimize(
      valueAndGradient: { _, g in
        calls += 1
        g[0] = calls
        return 1 / calls
      }, from: [0.0], using: GradientDescent(learningRate: 1e-3),
      options: MinimizationOptions(gradientTolerance: nil, relativeValueTolerance: 0.15))
    guard case .stoppedAtLargeGradient(let stop) = result.stopReason else {
      Issue.record("\(result.stopReason)")
      return
    }
    #expect(stop.criterion == .valueChange)
    #expect(stop.iteration == 7)
    #expect(stop.gradientNorm == 8 && stop.initialGradientNorm == 1)
    #expect(!result.converged)
  }

  func euclidean(_ x: [Double]) -> Double { x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
