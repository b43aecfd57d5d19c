import AutoDiff
import Optimization
import Testing

/// Schedules, clipping, weight decay and a user-written optimizer.
@Suite struct CompositionTests {
  func rates(_ schedule: LearningRateSchedule<Double>, base: Double = 1, count: Int) -> [Double] {
    (0..<count).map { schedule.learningRate(at: $0, base: base) }
  }

  @Test func schedules() throws {
    let constant = rates(.constant, base: 0.1, count: 3)
    #expect(constant == [0.1, 0.1, 0.1])
    let step = rates(try .step(every: 2, factor: 0.5), count: 5)
    #expect(step == [1, 1, 0.5, 0.5, 0.25])
    let exponential = rates(try .exponential(factor: 0.5), count: 4)
    #expect(exponential == [1, 0.5, 0.25, 0.125])
    let cosine = rates(try .cosine(period: 4, minimum: 0.1), count: 6)
    let root = 0.5.squareRoot()
    let quarter = 0.1 + 0.45 * (1 + root)
    let threeQuarters = 0.1 + 0.45 * (1 - root)
    let expected = [1, quarter, 0.55, threeQuarters, 0.1, 0.1]
    for (a, b) in zip(cosine, expected) { #expect(abs(a - b) < 1e-15) }
    let warmup = try LearningRateSchedule<Double>.linearWarmup(
      steps: 4, then: .exponential(factor: 0.5))
    let warm = rates(warmup, count: 7)
    #expect(warm == [0.25, 0.5, 0.75, 1, 1, 0.5, 0.25])
    let custom = LearningRateSchedule<Double>.custom { step in 1 / Double(step + 1) }
    let customRates = rates(custom, base: 7, count: 3)
    let third = 1.0 / 3
    #expect(customRates == [1, 0.5, third])
  }

  @Test func scheduledOptimizerUsesTheScheduledRate() throws {
    var optimizer = try GradientDescent<Double>(learningRate: 1)
      .scheduled(.step(every: 1, factor: 0.5))
    var parameters = [0.0]
    for _ in 0..<3 { try optimizer.update(&parameters, along: [1]) }
    #expect(parameters == [-1.75])
    #expect(optimizer.stepCount == 3)
    #expect(optimizer.base.learningRate == 0.25)
    optimizer.reset()
    try optimizer.update(&parameters, along: [1])
    #expect(parameters == [-2.75])
  }

  @Test func clippingByValueAndByGlobalNorm() throws {
    var byValue = [3.0, -0.5, -7]
    GradientClipping.byValue(1).clip(&byValue)
    #expect(byValue == [1, -0.5, -1])
    var byNorm = [3.0, 4.0]
    GradientClipping.byGlobalNorm(1).clip(&byNorm)
    #expect(abs(byNorm[0] - 0.6) < 1e-15 && abs(byNorm[1] - 0.8) < 1e-15)
    var small = [0.3, 0.4]
    GradientClipping.byGlobalNorm(1).clip(&small)
    #expect(small == [0.3, 0.4])

    var optimizer = try GradientDescent<Double>(learningRate: 1).clippingGradients(.byValue(0.5))
    var parameters = [0.0, 0.0]
    try optimizer.update(&parameters, along: [10, -0.25])
    #expect(parameters == [-0.5, 0.25])
  }

  @Test func decoupledWeightDecayShrinksBeforeTheUpdate() throws {
    var optimizer = try GradientDescent<Double>(learningRate: 0.1).decouplingWeightDecay(0.5)
    var parameters = [2.0]
    try optimizer.update(&parameters, along: [0])
    #expect(parameters == [2.0 * (1 - 0.05)])
  }

  @Test func coupledWeightDecayAddsToTheGradient() throws {
    var optimizer = try GradientDescent<Double>(learningRate: 0.1, weightDecay: 0.5)
    var parameters = [2.0]
    try optimizer.update(&parameters, along: [1])
    #expect(parameters == [2.0 - 0.1 * (1 + 0.5 * 2)])
  }

  /// The steps of `optimizer` and `other` from the same start along the same gradients, equal
  /// to the last bit for `count` updates.
  func takeTheSameSteps(
    _ optimizer: some Optimizer<Double>, _ other: some Optimizer<Double>, count: Int = 50
  ) throws -> Bool {
    var optimizer = optimizer
    var other = other
    var a = [1.0, -2.0, 0.5]
    var b = a
    for step in 0..<count {
      let g = a.indices.map { i in 2 * a[i] - Double(i) + Double((step * (i + 2)) % 7) - 3 }
      try optimizer.update(&a, along: g)
      try other.update(&b, along: g)
      guard a == b else { return false }
    }
    return true
  }

  /// `weightDecay:` on an optimizer is shorthand for the `CoupledWeightDecay` wrapper: the
  /// optimizer `make` builds with λ takes the same steps as the one built with 0, wrapped.
  func isShorthandForTheWrapper<O: Optimizer<Double>>(
    _ make: (_ weightDecay: Double) throws -> O
  ) throws -> Bool {
    try takeTheSameSteps(make(0.3), make(0).couplingWeightDecay(0.3))
  }

  @Test func weightDecayArgumentIsTheCoupledWrapper() throws {
    #expect(
      try isShorthandForTheWrapper { try GradientDescent(learningRate: 0.01, weightDecay: $0) })
    #expect(
      try isShorthandForTheWrapper {
        try GradientDescent(learningRate: 0.01, momentum: 0.9, nesterov: true, weightDecay: $0)
      })
    #expect(try isShorthandForTheWrapper { try Adam(learningRate: 0.01, weightDecay: $0) })
    #expect(
      try isShorthandForTheWrapper { try RMSProp(momentum: 0.5, centered: true, weightDecay: $0) })
    #expect(try isShorthandForTheWrapper { try AdaGrad(learningRateDecay: 0.01, weightDecay: $0) })
    let lambda = 0.3
    let wrapped = try Adam<Double>().couplingWeightDecay(lambda)
    #expect(wrapped.weightDecay == lambda && wrapped.base.weightDecay == 0)
    #expect(try Adam<Double>(weightDecay: lambda).weightDecay == lambda)
  }

  /// PyTorch clips `.grad` before `step()` adds λ·θ: wrapped outside the decay, the clipping
  /// comes first; wrapped inside, it bounds g + λ·θ.
  @Test func coupledWeightDecayIsAddedAfterClipping() throws {
    let clipping = GradientClipping<Double>.byValue(1)
    var shorthand = try GradientDescent<Double>(learningRate: 1, weightDecay: 0.5)
      .clippingGradients(clipping)
    var wrapped = try GradientDescent<Double>(learningRate: 1).couplingWeightDecay(0.5)
      .clippingGradients(clipping)
    var reversed = try GradientDescent<Double>(learningRate: 1).clippingGradients(clipping)
      .couplingWeightDecay(0.5)
    var a = [2.0]
    var b = a
    var c = a
    try shorthand.update(&a, along: [10])
    try wrapped.update(&b, along: [10])
    try reversed.update(&c, along: [10])
    let clippedThenDecayed: Double = 2 - (1 + 0.5 * 2)  // clip 10 to 1, then add λθ = 1
    let decayedThenClipped: Double = 2 - 1  // add λθ to get 11, then clip to 1
    #expect(a == [clippedThenDecayed])
    #expect(b == a)
    #expect(c == [decayedThenClipped])
  }

  /// λ = 0 passes the gradient on as it is: a non-finite parameter does not turn it into NaN.
  @Test func zeroCoupledWeightDecayLeavesTheGradientAlone() throws {
    var optimizer = try GradientDescent<Double>(learningRate: 1).couplingWeightDecay(0)
    var parameters = [Double.infinity, 1]
    try optimizer.update(&parameters, along: [0, 1])
    #expect(parameters == [.infinity, 0])
  }

  @Test func adamWIsDecoupledWeightDecayAroundAdam() throws {
    var adamW = try AdamW<Double>(learningRate: 0.01, weightDecay: 0.1)
    var composed = try Adam<Double>(learningRate: 0.01).decouplingWeightDecay(0.1)
    var a = [1.0, -2.0]
    var b = a
    for step in 0..<10 {
      let g = [Double(step) - 3, 0.5]
      try adamW.update(&a, along: g)
      try composed.update(&b, along: g)
    }
    #expect(a == b)
  }

  /// The user-written optimizer shown in the `Optimizer` documentation.
  struct SignDescent: Optimizer {
    var learningRate: Double

    init(learningRate: Double) throws {
      guard learningRate > 0, learningRate.isFinite else {
        throw OptimizationError.invalidArgument(
          argument: "learningRate", value: "\(learningRate)",
          requirement: "positive and finite, such as 0.01")
      }
      self.learningRate = learningRate
    }

    mutating func update(_ parameters: inout [Double], along gradient: [Double]) throws {
      guard gradient.count == parameters.count else {
        throw OptimizationError.sizeMismatch(
          argument: "gradient", expected: parameters.count, actual: gradient.count,
          advice: "pass the gradient at these parameters.")
      }
      for i in parameters.indices where gradient[i] != 0 {
        parameters[i] -= gradient[i] > 0 ? learningRate : -learningRate
      }
    }

    mutating func reset() {}
  }

  @Test func userWrittenOptimizerWorksWithTheDriverAndTheWrappers() throws {
    let result = try minimize(
      Objectives.rosenbrock, from: [-1.2, 1], using: SignDescent(learningRate: 0.001),
      options: MinimizationOptions(maximumIterations: 5000))
    #expect(result.stopReason == .iterationLimit)
    #expect(result.value < 0.1, "fixed steps of 0.001 end in a cycle near the valley floor")
    let scheduled = try SignDescent(learningRate: 0.01).scheduled(.exponential(factor: 0.999))
    let second = try minimize(
      Objectives.rosenbrock, from: [-1.2, 1], using: scheduled,
      options: MinimizationOptions(maximumIterations: 5000))
    #expect(second.value < result.value, "\(second.value)")
  }
}
