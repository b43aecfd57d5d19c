import AutoDiff
import Optimization
import Testing

// The tests behind the article "Every input you can get wrong" (Sources/Models/Models.docc/
// BadInputCatalogue.md), for the differentiation calls, the optimizers and the driver. Each test
// is one entry of the article: it passes the bad input, checks the message word for word, and
// checks that the caller's arrays, and the optimizer's state, are as they were before the call.
// Keep the messages in sync with the article.

/// The description of the error `body` throws, or "" (with an issue recorded) when it throws
/// nothing.
private func message(
  sourceLocation: SourceLocation = #_sourceLocation, of body: () throws -> Void
) -> String {
  do {
    try body()
    Issue.record("no error was thrown", sourceLocation: sourceLocation)
    return ""
  } catch {
    return "\(error)"
  }
}

/// The standard error of an exit test's child process.
private func standardError(_ result: ExitTest.Result?) -> String {
  guard let result else { return "" }
  return String(decoding: result.standardErrorContent, as: UTF8.self)
}

/// f(x) = Σ xᵢ².
private func bowl<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for value in x { total += value * value }
  return total
}

/// Checks that `optimizer`, after rejecting `bad` (parameters and gradient), left `parameters`
/// unchanged and takes the same next step as a copy that never saw the bad call.
private func expectRejectionLeavesStateAsItWas<O: Optimizer<Double>>(
  _ optimizer: O, warmUp: [Double], bad: (parameters: [Double], gradient: [Double]),
  expected: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  var optimizer = optimizer
  var warm = warmUp
  try optimizer.update(&warm, along: warmUp.map { _ in 1 })
  var untouched = optimizer
  var parameters = bad.parameters
  let text = message(sourceLocation: sourceLocation) {
    try optimizer.update(&parameters, along: bad.gradient)
  }
  #expect(text == expected, sourceLocation: sourceLocation)
  #expect(parameters == bad.parameters, "the parameters changed", sourceLocation: sourceLocation)
  var next = warm
  var nextUntouched = warm
  try optimizer.update(&next, along: warm.map { _ in 0.5 })
  try untouched.update(&nextUntouched, along: warm.map { _ in 0.5 })
  #expect(next == nextUntouched, "the optimizer's state changed", sourceLocation: sourceLocation)
}

@Suite("Catalogue of bad inputs: differentiation, optimizers and the driver")
struct CatalogueTests {
  // MARK: - Sizes

  @Test func directionOfAnotherLength() {
    let text = message { _ = try directionalDerivative(at: [1.0], along: [1, 1]) { x in x[0] } }
    #expect(
      text
        == "`along` has 2 elements but must have 1, one per input; pass arrays of the same length.")
  }

  @Test func checkedGradientOfAnotherLength() {
    let text = message { _ = try checkGradient([1], of: { x in x[0] + x[1] }, at: [0.0, 0.0]) }
    #expect(
      text == """
        `gradient` has 1 element but must have 2, one per input; pass arrays of the same \
        length.
        """)
  }

  @Test func updateWithAGradientOfAnotherLength() throws {
    let expected = """
      `gradient` has 1 element but must have 2, one per parameter; compute the gradient at the \
      same parameters you pass to `update`.
      """
    let bad = (parameters: [1.0, 2.0], gradient: [1.0])
    let warmUp = [0.5, -0.5]
    try expectRejectionLeavesStateAsItWas(
      GradientDescent(learningRate: 0.1, momentum: 0.9), warmUp: warmUp, bad: bad,
      expected: expected)
    try expectRejectionLeavesStateAsItWas(Adam(), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(AdamW(), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      RMSProp(momentum: 0.5, centered: true), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(AdaGrad(), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().scheduled(.step(every: 1, factor: 0.5)), warmUp: warmUp, bad: bad,
      expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().clippingGradients(.byGlobalNorm(1)), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().decouplingWeightDecay(0.1), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().couplingWeightDecay(0.1), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam(weightDecay: 0.1), warmUp: warmUp, bad: bad, expected: expected)
  }

  @Test func optimizerReusedOnAVectorOfAnotherLength() throws {
    let expected = """
      `parameters` has 3 elements but must have 2, one per parameter; the optimizer's state was \
      built for 2 parameters; call `reset()` before optimizing a different parameter vector.
      """
    let bad = (parameters: [1.0, 2.0, 3.0], gradient: [1.0, 1.0, 1.0])
    let warmUp = [0.5, -0.5]
    try expectRejectionLeavesStateAsItWas(
      GradientDescent(learningRate: 0.1, momentum: 0.9), warmUp: warmUp, bad: bad,
      expected: expected)
    try expectRejectionLeavesStateAsItWas(Adam(), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      RMSProp(momentum: 0.5, centered: true), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(AdaGrad(), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().scheduled(.constant), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().clippingGradients(.byValue(1)), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().couplingWeightDecay(0.1), warmUp: warmUp, bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      RMSProp(momentum: 0.5, weightDecay: 0.1), warmUp: warmUp, bad: bad, expected: expected)
  }

  /// `DecoupledWeightDecay` (and so `AdamW`) used to shrink the parameters by (1 − α·λ) before
  /// its base optimizer checked its state, so they changed although the update threw (found by
  /// the catalogue); it now shrinks after a successful step.
  @Test func decoupledWeightDecayReusedOnAVectorOfAnotherLength() throws {
    let expected = """
      `parameters` has 3 elements but must have 2, one per parameter; the optimizer's state was \
      built for 2 parameters; call `reset()` before optimizing a different parameter vector.
      """
    let bad = (parameters: [1.0, 2.0, 3.0], gradient: [1.0, 1.0, 1.0])
    try expectRejectionLeavesStateAsItWas(
      AdamW(), warmUp: [0.5, -0.5], bad: bad, expected: expected)
    try expectRejectionLeavesStateAsItWas(
      Adam().decouplingWeightDecay(0.1), warmUp: [0.5, -0.5], bad: bad, expected: expected)
  }

  @Test func gradientClosureWritesAnotherLength() {
    let text = message {
      _ = try minimize(
        valueAndGradient: { x, g in
          g = [1, 2, 3]
          return x[0]
        }, from: [1.0], using: Adam())
    }
    #expect(
      text == """
        `gradient` has 3 elements but must have 1, one per parameter; write exactly one partial \
        derivative per parameter into the gradient.
        """)
  }

  // MARK: - Empty

  @Test func emptyStart() {
    let text = message { _ = try minimize(bowl, from: [Double](), using: Adam()) }
    #expect(text == "`start` is empty; pass at least one parameter to optimize.")
  }

  @Test func emptyParametersAreNotAnError() throws {
    var parameters: [Double] = []
    var optimizer = try Adam<Double>()
    try optimizer.update(&parameters, along: [])
    #expect(parameters.isEmpty)
    #expect(try checkGradient(of: { _ in Variable(1.0) }, at: []).passes(tolerance: 0))
  }

  // MARK: - NaN and infinity

  @Test func nonFiniteStart() {
    let nan = message { _ = try minimize(bowl, from: [1.0, .nan], using: Adam()) }
    #expect(
      nan == """
        `start` is a point with a NaN or infinite parameter; it must be a point where the cost, \
        its gradient and every parameter are finite.
        """)
    let infinite = message { _ = try minimize(bowl, from: [Double.infinity], using: Adam()) }
    #expect(infinite.hasPrefix("`start` is a point with a NaN or infinite parameter;"))
  }

  @Test func startWhereTheCostIsNotFinite() {
    let text = message { _ = try minimize({ x in log(x[0]) }, from: [0.0], using: LBFGS()) }
    #expect(
      text == """
        `start` is a point where the cost is -inf; it must be a point where the cost, its \
        gradient and every parameter are finite.
        """)
  }

  /// The cost is finite but the gradient is not: the message says so (it used to name the finite
  /// cost as the problem; found by the catalogue).
  @Test func startWhereOnlyTheGradientIsNotFinite() {
    // √x at 0: the cost is 0, the gradient 1/(2√x) is infinite.
    let text = message { _ = try minimize({ x in sqrt(x[0]) }, from: [0.0], using: Adam()) }
    #expect(
      text == """
        `start` is a point where the cost is 0.0 but its gradient is not finite; it must be a \
        point where the cost, its gradient and every parameter are finite.
        """)
  }

  @Test func nonFiniteLearningRate() {
    let text = message { _ = try Adam<Double>(learningRate: .nan) }
    #expect(
      text == """
        `learningRate` is nan; it must be positive and finite, such as 0.01 (lower it if the cost \
        grows).
        """)
    let infinite = message { _ = try GradientDescent<Double>(learningRate: .infinity) }
    #expect(infinite.hasPrefix("`learningRate` is inf; it must be positive and finite"))
  }

  @Test func nonFiniteGradientCheckStep() {
    let text = message { _ = try checkGradient(of: { x in x[0] * x[0] }, at: [1.0], step: .nan) }
    #expect(text == "`step` is nan; pass a positive, finite relative step such as 1e-5.")
    let zero = message { _ = try checkGradient(of: { x in x[0] * x[0] }, at: [1.0], step: 0) }
    #expect(zero == "`step` is 0.0; pass a positive, finite relative step such as 1e-5.")
  }

  @Test func nonFiniteGradientInAnUpdateIsNotAnError() throws {
    // An update does not inspect the gradient: NaN flows into the parameters, as in PyTorch.
    var optimizer = try GradientDescent<Double>(learningRate: 0.1)
    var parameters = [1.0, 2.0]
    try optimizer.update(&parameters, along: [.nan, 1])
    #expect(parameters[0].isNaN && parameters[1] == 1.9)
  }

  // MARK: - Hyper-parameters of optimizers

  @Test func learningRateNotPositive() {
    let text = message { _ = try GradientDescent<Double>(learningRate: 0) }
    #expect(
      text == """
        `learningRate` is 0.0; it must be positive and finite, such as 0.01 (lower it if the cost \
        grows).
        """)
  }

  @Test func learningRateSetOutOfRangeLater() throws {
    var optimizer = try Adam<Double>(learningRate: 0.1)
    var parameters = [1.0, 2.0]
    try optimizer.update(&parameters, along: [1, 1])
    let before = parameters
    optimizer.learningRate = -1
    let text = message { try optimizer.update(&parameters, along: [1, 1]) }
    #expect(
      text == """
        `learningRate` is -1.0; it must be positive and finite, such as 0.01 (lower it if the \
        cost grows).
        """)
    #expect(parameters == before)
    #expect(optimizer.stepCount == 1)
  }

  @Test func fractionOutOfRange() {
    #expect(
      message { _ = try GradientDescent<Double>(learningRate: 0.1, momentum: 1) }
        == "`momentum` is 1.0; it must be at least 0 and less than 1, such as 0.9.")
    #expect(
      message { _ = try GradientDescent<Double>(learningRate: 0.1, dampening: 2) }
        == "`dampening` is 2.0; it must be at least 0 and less than 1, such as 0.")
    #expect(
      message { _ = try Adam<Double>(beta1: 1) }
        == "`beta1` is 1.0; it must be at least 0 and less than 1, such as 0.9.")
    #expect(
      message { _ = try AdamW<Double>(beta2: -0.5) }
        == "`beta2` is -0.5; it must be at least 0 and less than 1, such as 0.999.")
    #expect(
      message { _ = try RMSProp<Double>(alpha: 1) }
        == "`alpha` is 1.0; it must be at least 0 and less than 1, such as 0.99.")
  }

  @Test func nesterovWithoutMomentum() {
    let text = message { _ = try GradientDescent<Double>(learningRate: 0.1, nesterov: true) }
    #expect(
      text == """
        `nesterov` is true; it must be false unless momentum > 0 and dampening == 0 (Nesterov \
        momentum needs momentum); set momentum such as 0.9.
        """)
  }

  @Test func epsilonNotPositive() {
    #expect(
      message { _ = try Adam<Double>(epsilon: 0) }
        == "`epsilon` is 0.0; it must be positive and finite, such as 1e-8.")
    #expect(
      message { _ = try AdaGrad<Double>(epsilon: -1) }
        == "`epsilon` is -1.0; it must be positive and finite, such as 1e-10.")
  }

  @Test func negativeDecayOrAccumulator() {
    #expect(
      message { _ = try Adam<Double>(weightDecay: -1) }
        == "`weightDecay` is -1.0; it must be zero or positive and finite, such as 0.0001.")
    #expect(
      message { _ = try AdamW<Double>(weightDecay: .infinity) }
        == "`weightDecay` is inf; it must be zero or positive and finite, such as 0.01.")
    #expect(
      message { _ = try AdaGrad<Double>(learningRateDecay: -1) }
        == "`learningRateDecay` is -1.0; it must be zero or positive and finite, such as 0.")
    #expect(
      message { _ = try AdaGrad<Double>(initialAccumulator: -1) }
        == "`initialAccumulator` is -1.0; it must be zero or positive and finite, such as 0.1.")
  }

  @Test func lbfgsHistoryAndLineSearch() {
    #expect(
      message { _ = try LBFGS<Double>(historySize: 0) }
        == "`historySize` is 0; it must be from 1 to 100000.")
    #expect(
      message { _ = try StrongWolfeLineSearch<Double>(sufficientDecrease: 0) }
        == "`sufficientDecrease` is 0.0; it must be in (0, 1) and below `curvature`, such as 1e-4.")
    #expect(
      message { _ = try StrongWolfeLineSearch<Double>(sufficientDecrease: 0.5, curvature: 0.1) }
        == "`curvature` is 0.1; it must be in (sufficientDecrease, 1), such as 0.9.")
    #expect(
      message { _ = try StrongWolfeLineSearch<Double>(maximumEvaluations: 0) }
        == "`maximumEvaluations` is 0; it must be at least 1.")
  }

  /// A history size no computer can hold is rejected (it used to pass and crash the first step).
  @Test func lbfgsHistoryTooLargeToAllocate() {
    #expect(
      message { _ = try LBFGS<Double>(historySize: .max) }
        == "`historySize` is 9223372036854775807; it must be from 1 to 100000.")
  }

  // MARK: - Composition: clipping, weight decay, schedules

  @Test func clippingBoundNotPositive() throws {
    let adam = try Adam<Double>()
    #expect(
      message { _ = try adam.clippingGradients(.byValue(0)) }
        == "`clipping` is 0.0; it must be positive and finite, such as 1.0.")
    #expect(
      message { _ = try adam.clippingGradients(.byGlobalNorm(.nan)) }
        == "`clipping` is nan; it must be positive and finite, such as 1.0.")
    #expect(
      message { _ = try adam.decouplingWeightDecay(-1) }
        == "`weightDecay` is -1.0; it must be zero or positive and finite, such as 0.01.")
    #expect(
      message { _ = try adam.couplingWeightDecay(-1) }
        == "`weightDecay` is -1.0; it must be zero or positive and finite, such as 0.0001.")
  }

  @Test func scheduleArgumentsOutOfRange() {
    typealias Schedule = LearningRateSchedule<Double>
    #expect(
      message { _ = try Schedule.step(every: 0) } == "`interval` is 0; it must be at least 1.")
    #expect(
      message { _ = try Schedule.step(every: 2, factor: 2) }
        == "`factor` is 2.0; it must be in (0, 1], such as 0.5 (a decay, not a growth).")
    #expect(
      message { _ = try Schedule.exponential(factor: 0) }
        == "`factor` is 0.0; it must be in (0, 1], such as 0.5 (a decay, not a growth).")
    #expect(
      message { _ = try Schedule.cosine(period: 0) } == "`period` is 0; it must be at least 1.")
    #expect(
      message { _ = try Schedule.cosine(period: 10, minimum: -1) }
        == "`minimum` is -1.0; it must be zero or positive and finite, such as 0.")
    #expect(
      message { _ = try Schedule.linearWarmup(steps: 0) } == "`steps` is 0; it must be at least 1.")
  }

  @Test func customScheduleGivesARateThatIsNotPositive() throws {
    var optimizer = try Adam<Double>().scheduled(.custom { step in step < 2 ? 0.1 : -0.1 })
    var parameters = [1.0]
    try optimizer.update(&parameters, along: [1])
    try optimizer.update(&parameters, along: [1])
    let before = parameters
    let text = message { try optimizer.update(&parameters, along: [1]) }
    #expect(
      text == """
        `schedule` is -0.1 at step 2; it must be a finite learning rate of at least 0 at every \
        step; check the schedule.
        """)
    #expect(parameters == before)
    #expect(optimizer.stepCount == 2)
  }

  @Test func scheduleThatDecaysToZero() throws {
    // 0.5ᵗ underflows to 0 at t = 1075: from then on the steps do not move, without an error.
    var optimizer = try GradientDescent<Double>(learningRate: 1).scheduled(
      .exponential(factor: 0.5))
    var parameters = [1.0]
    for _ in 0..<1075 { try optimizer.update(&parameters, along: [0]) }
    try optimizer.update(&parameters, along: [1])
    #expect(parameters == [1.0])
    #expect(optimizer.stepCount == 1076)
  }

  /// The default cosine schedule reaches a rate of exactly 0 at step `period`: that step does not
  /// move, and the run goes on (it used to throw, found by the catalogue).
  @Test func cosineScheduleWithTheDefaultMinimumPastItsPeriod() throws {
    var optimizer = try Adam<Double>(learningRate: 0.1).scheduled(.cosine(period: 2))
    var parameters = [1.0]
    try optimizer.update(&parameters, along: [1])
    try optimizer.update(&parameters, along: [1])
    let atPeriod = parameters
    try optimizer.update(&parameters, along: [1])
    #expect(parameters == atPeriod)
    try optimizer.update(&parameters, along: [1])
    #expect(optimizer.stepCount == 4)
  }

  // MARK: - Options of the driver

  @Test func invalidOptions() {
    typealias Options = MinimizationOptions<Double>
    func run(_ options: Options) throws {
      _ = try minimize(bowl, from: [1.0], using: Adam(), options: options)
    }
    #expect(
      message { try run(Options(gradientTolerance: -1)) }
        == "`gradientTolerance` is -1.0; it must be zero or positive and finite, such as 1e-8.")
    #expect(
      message { try run(Options(stepTolerance: .nan)) }
        == "`stepTolerance` is nan; it must be zero or positive and finite, such as 1e-10.")
    #expect(
      message { try run(Options(valueTolerance: -1)) }
        == "`valueTolerance` is -1.0; it must be zero or positive and finite, such as 1e-12.")
    #expect(
      message { try run(Options(relativeValueTolerance: .infinity)) }
        == "`relativeValueTolerance` is inf; it must be zero or positive and finite, such as 1e-9.")
    #expect(
      message { try run(Options(valueChangeWindow: 0)) }
        == "`valueChangeWindow` is 0; it must be from 1 to 1048576.")
    #expect(
      message { try run(Options(maximumIterations: -1)) }
        == "`maximumIterations` is -1; it must be at least 0.")
    #expect(
      message { try run(Options(timeLimit: .zero)) }
        == "`timeLimit` is 0.0 seconds; it must be positive, such as .seconds(10).")
    #expect(
      message { try run(Options(divergenceFactor: 0)) }
        == "`divergenceFactor` is 0.0; it must be positive and finite, such as 1e4.")
    #expect(
      message { try run(Options(historyInterval: 0)) }
        == "`historyInterval` is 0; it must be at least 1.")
    #expect(
      message { try run(Options(traceInterval: 0)) }
        == "`traceInterval` is 0; it must be at least 1.")
  }

  /// A window of `Int.max` is rejected (it used to pass, and `window + 1` trapped).
  @Test func valueChangeWindowTooLarge() {
    let text = message {
      _ = try minimize(
        { x in x[0] * x[0] }, from: [1.0], using: Adam(),
        options: MinimizationOptions(valueChangeWindow: .max))
    }
    #expect(text == "`valueChangeWindow` is 9223372036854775807; it must be from 1 to 1048576.")
  }

  // MARK: - Diverging runs

  @Test func runThatGrowsIsAResultNotAnError() throws {
    let start = [1.0]
    let result = try minimize(bowl, from: start, using: GradientDescent(learningRate: 1.5))
    #expect(result.minimizer == start)
    #expect(!result.converged)
    #expect(
      result.stopReason.description == """
        diverged: the cost grew to 16380.0 at iteration 7; the best cost was 1.0 at iteration 0, \
        whose parameters are returned. The learning rate 1.5 is probably too large: try a smaller \
        one, such as 0.15.
        """)
  }

  @Test func runThatReachesInfinityIsAResultNotAnError() throws {
    let options = MinimizationOptions<Double>(maximumIterations: 10_000, divergenceFactor: nil)
    let result = try minimize(
      bowl, from: [1.0], using: GradientDescent(learningRate: 1.5), options: options)
    let divergence = try #require(result.divergence)
    #expect(divergence.cause == .nonFinite)
    #expect(result.minimizer == [1.0])
    #expect(divergence.message.hasPrefix("the cost became infinite at iteration "))
  }

  /// A gradient that turns NaN while the cost stays finite is reported as such (it used to read
  /// "became infinite"; found by the catalogue).
  @Test func runWhoseGradientBecomesNaN() throws {
    let result = try minimize(
      valueAndGradient: { x, g in
        g[0] = x[0] < 0.5 ? .nan : 2 * x[0]
        return x[0] * x[0]
      }, from: [1.0], using: GradientDescent(learningRate: 0.1))
    let divergence = try #require(result.divergence)
    #expect(divergence.cause == .nonFinite)
    #expect(divergence.iteration == 4)
    #expect(result.minimizer.count == 1 && result.minimizer[0] < 0.52)
    #expect(
      divergence.message.hasPrefix(
        "the gradient or a parameter became NaN or infinite (the cost was 0.1678) at iteration 4"),
      "\(divergence.message)")
  }

  @Test func costThatThrowsIsRethrown() {
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      _ = try minimize(
        { (_: [Variable<Double>]) throws -> Variable<Double> in throw Stop() }, from: [1.0],
        using: Adam())
    }
  }

  // MARK: - Runs that stop without converging

  @Test func runThatEndsAboveItsStartIsNotConverged() throws {
    // J(x) = 1 − e^(−x²): one step at rate 10 lands on the plateau, where the gradient is 1e-22.
    let result = try minimize(
      { x in 1 - exp(-x[0] * x[0]) }, from: [0.5], using: GradientDescent(learningRate: 10))
    #expect(result.minimizer == [0.5])
    #expect(!result.converged)
    #expect(
      result.stopReason.description == """
        not converged: the cost rose from 0.2212 at the start to 1.0 at iteration 1, where the \
        gradient norm fell below tolerance; the best cost was 0.2212 at iteration 0, whose \
        parameters are returned. The learning rate 10.0 is probably too large: try a smaller \
        one, such as 1.0.
        """)
  }

  @Test func stepStopWhereTheGradientIsLarge() throws {
    let result = try minimize(
      { x in log(x[0] * x[0]) }, from: [1.0], using: LBFGS(),
      options: MinimizationOptions(stepTolerance: 1e-10))
    #expect(!result.converged)
    #expect(
      result.stopReason.description == """
        not converged: the step size fell below tolerance at iteration 3, but the gradient norm \
        is 1.3e13, larger than at the start (2.0): the cost may be unbounded below or not smooth \
        near the returned parameters; look there for a logarithm, a division or a square root \
        near zero.
        """)
  }

  // MARK: - Misuse of tracked values

  @Test func variableUsedAfterItsCall() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0]
        return x[0] * x[0]
      }
      _ = escaped! * escaped!
    }
    let expected = """
      A Variable was used after the gradient call that created it had returned. Variables live \
      only inside the closure passed to gradient(at:of:) (or valueWithGradient, jacobian, …); \
      return or store its `value` instead of the Variable.
      """
    #expect(standardError(result).contains(expected), "\(standardError(result))")
  }

  @Test func variablesOfTwoCallsCombined() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = gradient(at: [1.0]) { outer in
        let inner = gradient(at: [2.0]) { x in x[0] * outer[0] }
        return outer[0] * Variable(constant: inner[0])
      }
    }
    let expected = """
      Variables of two different gradient calls were combined in one operation. Each call to \
      gradient(at:of:) records its own tape; to differentiate through an inner gradient call, \
      pass the outer value into the inner closure as a constant (Variable(x.value)) or nest \
      forward mode instead (hessian, derivative of a Dual).
      """
    #expect(standardError(result).contains(expected), "\(standardError(result))")
  }
}
