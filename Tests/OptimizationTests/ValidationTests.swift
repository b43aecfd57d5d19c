import AutoDiff
import Optimization
import Testing

/// Every bad input a user can give is a thrown ``OptimizationError`` that names the argument.
@Suite struct ValidationTests {
  /// Runs `body`, expects an `OptimizationError` naming `argument`, and returns its message.
  @discardableResult
  func expectError(
    naming argument: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
  ) -> String {
    do {
      try body()
      Issue.record("no error thrown for `\(argument)`", sourceLocation: sourceLocation)
      return ""
    } catch let error as OptimizationError {
      #expect(error.argument == argument, sourceLocation: sourceLocation)
      #expect(error.description.contains("`\(argument)`"), sourceLocation: sourceLocation)
      return error.description
    } catch {
      Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
      return ""
    }
  }

  @Test(arguments: [0.0, -0.1, .nan, .infinity])
  func learningRateMustBePositiveAndFinite(rate: Double) {
    let message = expectError(naming: "learningRate") {
      _ = try GradientDescent(learningRate: rate)
    }
    #expect(message.contains("positive and finite"))
    expectError(naming: "learningRate") { _ = try Adam(learningRate: rate) }
    expectError(naming: "learningRate") { _ = try AdamW(learningRate: rate) }
    expectError(naming: "learningRate") { _ = try RMSProp(learningRate: rate) }
    expectError(naming: "learningRate") { _ = try AdaGrad(learningRate: rate) }
    expectError(naming: "learningRate") { _ = try LBFGS(learningRate: rate) }
  }

  @Test func learningRateSetLaterIsCheckedAtTheUpdate() throws {
    var optimizer = try Adam<Double>(learningRate: 0.1)
    optimizer.learningRate = -1
    var parameters = [1.0]
    expectError(naming: "learningRate") { try optimizer.update(&parameters, along: [1]) }
    #expect(parameters == [1.0])
  }

  @Test func gradientDescentHyperparameters() {
    expectError(naming: "momentum") { _ = try GradientDescent(learningRate: 0.1, momentum: 1) }
    expectError(naming: "momentum") { _ = try GradientDescent(learningRate: 0.1, momentum: -0.1) }
    expectError(naming: "dampening") { _ = try GradientDescent(learningRate: 0.1, dampening: 2) }
    expectError(naming: "weightDecay") {
      _ = try GradientDescent(learningRate: 0.1, weightDecay: -1)
    }
    let message = expectError(naming: "nesterov") {
      _ = try GradientDescent(learningRate: 0.1, nesterov: true)
    }
    #expect(message.contains("momentum"))
  }

  @Test func adamHyperparameters() {
    expectError(naming: "beta1") { _ = try Adam(beta1: 1.0) }
    expectError(naming: "beta2") { _ = try Adam(beta2: -0.5) }
    expectError(naming: "beta2") { _ = try Adam(beta2: Double.nan) }
    expectError(naming: "epsilon") { _ = try Adam(epsilon: 0.0) }
    expectError(naming: "weightDecay") { _ = try Adam(weightDecay: -0.01) }
    expectError(naming: "beta1") { _ = try AdamW(beta1: 1.5) }
    expectError(naming: "weightDecay") { _ = try AdamW(weightDecay: Double.infinity) }
  }

  @Test func rmsPropAndAdaGradHyperparameters() {
    expectError(naming: "alpha") { _ = try RMSProp(alpha: 1.0) }
    expectError(naming: "epsilon") { _ = try RMSProp(epsilon: -1.0) }
    expectError(naming: "momentum") { _ = try RMSProp(momentum: 1.0) }
    expectError(naming: "weightDecay") { _ = try RMSProp(weightDecay: -1.0) }
    expectError(naming: "learningRateDecay") { _ = try AdaGrad(learningRateDecay: -1.0) }
    expectError(naming: "initialAccumulator") { _ = try AdaGrad(initialAccumulator: -1.0) }
    expectError(naming: "epsilon") { _ = try AdaGrad(epsilon: 0.0) }
    expectError(naming: "weightDecay") { _ = try AdaGrad(weightDecay: Double.nan) }
  }

  @Test func lbfgsAndLineSearchArguments() {
    expectError(naming: "historySize") { _ = try LBFGS<Double>(historySize: 0) }
    expectError(naming: "sufficientDecrease") {
      _ = try StrongWolfeLineSearch<Double>(sufficientDecrease: 0)
    }
    expectError(naming: "curvature") {
      _ = try StrongWolfeLineSearch<Double>(sufficientDecrease: 0.5, curvature: 0.1)
    }
    expectError(naming: "maximumEvaluations") {
      _ = try StrongWolfeLineSearch<Double>(maximumEvaluations: 0)
    }
  }

  @Test func compositionArguments() throws {
    let adam = try Adam<Double>()
    expectError(naming: "clipping") { _ = try adam.clippingGradients(.byValue(0)) }
    expectError(naming: "clipping") { _ = try adam.clippingGradients(.byGlobalNorm(-1)) }
    expectError(naming: "weightDecay") { _ = try adam.decouplingWeightDecay(-1) }
    expectError(naming: "weightDecay") { _ = try adam.couplingWeightDecay(.nan) }
    expectError(naming: "interval") { _ = try LearningRateSchedule<Double>.step(every: 0) }
    expectError(naming: "factor") { _ = try LearningRateSchedule<Double>.step(every: 2, factor: 2) }
    expectError(naming: "factor") { _ = try LearningRateSchedule<Double>.exponential(factor: 0) }
    expectError(naming: "period") { _ = try LearningRateSchedule<Double>.cosine(period: 0) }
    expectError(naming: "minimum") {
      _ = try LearningRateSchedule<Double>.cosine(period: 10, minimum: -1)
    }
    expectError(naming: "steps") { _ = try LearningRateSchedule<Double>.linearWarmup(steps: 0) }
    var scheduled = adam.scheduled(.custom { step in step < 2 ? 0.1 : -0.1 })
    var parameters = [1.0]
    try scheduled.update(&parameters, along: [1])
    try scheduled.update(&parameters, along: [1])
    let message = expectError(naming: "schedule") {
      try scheduled.update(&parameters, along: [1])
    }
    #expect(message.contains("at step 2"))
  }

  @Test func gradientSizeMismatchInAnUpdate() throws {
    var parameters = [1.0, 2.0]
    let optimizers: [any Optimizer<Double>] = [
      try GradientDescent(learningRate: 0.1), try Adam(), try AdamW(), try RMSProp(),
      try AdaGrad(),
      try Adam().scheduled(.constant), try Adam().clippingGradients(.byValue(1)),
      try Adam().couplingWeightDecay(0.1), try Adam().decouplingWeightDecay(0.1),
    ]
    for var optimizer in optimizers {
      let message = expectError(naming: "gradient") {
        try optimizer.update(&parameters, along: [1.0])
      }
      #expect(message.contains("has 1 element but must have 2"))
    }
    #expect(parameters == [1.0, 2.0])
  }

  @Test func stateBuiltForAnotherSizeAsksForReset() throws {
    var optimizer = try Adam<Double>()
    var two = [1.0, 2.0]
    try optimizer.update(&two, along: [1, 1])
    var three = [1.0, 2.0, 3.0]
    let message = expectError(naming: "parameters") {
      try optimizer.update(&three, along: [1, 1, 1])
    }
    #expect(message.contains("reset()"))
    optimizer.reset()
    try optimizer.update(&three, along: [1, 1, 1])
  }

  @Test func emptyStart() {
    let message = expectError(naming: "start") {
      _ = try minimize(MinimizeTests.bowl, from: [Double](), using: Adam())
    }
    #expect(message.contains("empty"))
  }

  @Test func nonFiniteStart() {
    expectError(naming: "start") {
      _ = try minimize({ x in log(x[0]) }, from: [-1.0], using: Adam())
    }
    expectError(naming: "start") {
      _ = try minimize(MinimizeTests.bowl, from: [Double.nan], using: Adam())
    }
  }

  @Test func gradientOfTheWrongSizeFromAValueAndGradientClosure() {
    let message = expectError(naming: "gradient") {
      _ = try minimize(
        valueAndGradient: { x, g in
          g = [1, 2, 3]
          return x[0]
        }, from: [1.0], using: Adam())
    }
    #expect(message.contains("one partial derivative per parameter"))
  }

  @Test func invalidOptions() {
    func run(_ options: MinimizationOptions<Double>) throws {
      _ = try minimize(MinimizeTests.bowl, from: [1.0], using: Adam(), options: options)
    }
    expectError(naming: "gradientTolerance") { try run(.init(gradientTolerance: -1)) }
    expectError(naming: "stepTolerance") { try run(.init(stepTolerance: .nan)) }
    expectError(naming: "valueTolerance") { try run(.init(valueTolerance: -1)) }
    expectError(naming: "relativeValueTolerance") {
      try run(.init(relativeValueTolerance: .infinity))
    }
    expectError(naming: "valueChangeWindow") { try run(.init(valueChangeWindow: 0)) }
    expectError(naming: "maximumIterations") { try run(.init(maximumIterations: -1)) }
    expectError(naming: "timeLimit") { try run(.init(timeLimit: .zero)) }
    expectError(naming: "divergenceFactor") { try run(.init(divergenceFactor: 0)) }
    expectError(naming: "historyInterval") { try run(.init(historyInterval: 0)) }
    expectError(naming: "traceInterval") { try run(.init(traceInterval: 0)) }
  }
}
