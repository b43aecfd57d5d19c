import AutoDiff
import Optimization
import Testing

/// Every optimizer against PyTorch: every parameter after every one of 200 steps within 1e-9
/// relative or 1e-12 absolute.
@Suite struct ReferenceTrajectoryTests {
  static let data = Result { try ReferenceData.load() }

  /// Builds our optimizer from the reference case's PyTorch name and hyper-parameters; every
  /// key must be understood, so that a new case cannot pass by silently ignoring a setting.
  static func optimizer(for reference: ReferenceData.Case) throws -> any Optimizer<Double> {
    var settings = reference.hyperparameters
    func number(_ key: String) -> Double? {
      guard case .number(let x) = settings.removeValue(forKey: key) else { return nil }
      return x
    }
    func flag(_ key: String) -> Bool? {
      guard case .flag(let x) = settings.removeValue(forKey: key) else { return nil }
      return x
    }
    func pair(_ key: String) -> (Double, Double)? {
      guard case .numbers(let xs) = settings.removeValue(forKey: key), xs.count == 2 else {
        return nil
      }
      return (xs[0], xs[1])
    }
    let rate = try #require(number("lr"))
    let made: any Optimizer<Double>
    switch reference.optimizer {
    case "SGD":
      made = try GradientDescent(
        learningRate: rate, momentum: number("momentum") ?? 0,
        dampening: number("dampening") ?? 0, nesterov: flag("nesterov") ?? false,
        weightDecay: number("weight_decay") ?? 0)
    case "Adam":
      let betas = pair("betas") ?? (0.9, 0.999)
      made = try Adam(
        learningRate: rate, beta1: betas.0, beta2: betas.1, epsilon: number("eps") ?? 1e-8,
        weightDecay: number("weight_decay") ?? 0)
    case "AdamW":
      let betas = pair("betas") ?? (0.9, 0.999)
      made = try AdamW(
        learningRate: rate, beta1: betas.0, beta2: betas.1, epsilon: number("eps") ?? 1e-8,
        weightDecay: number("weight_decay") ?? 0.01)
    case "RMSprop":
      made = try RMSProp(
        learningRate: rate, alpha: number("alpha") ?? 0.99, epsilon: number("eps") ?? 1e-8,
        momentum: number("momentum") ?? 0, centered: flag("centered") ?? false,
        weightDecay: number("weight_decay") ?? 0)
    case "Adagrad":
      made = try AdaGrad(
        learningRate: rate, learningRateDecay: number("lr_decay") ?? 0,
        initialAccumulator: number("initial_accumulator_value") ?? 0,
        epsilon: number("eps") ?? 1e-10, weightDecay: number("weight_decay") ?? 0)
    default:
      Issue.record("unknown optimizer \(reference.optimizer)")
      throw CancellationError()
    }
    #expect(settings.isEmpty, "hyper-parameters not mapped: \(settings.keys.sorted())")
    return made
  }

  @Test func fileHoldsTheExpectedCases() throws {
    let data = try Self.data.get()
    #expect(data.cases.count == 9)
    let names = Set(data.cases.map(\.optimizer))
    #expect(names == ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad"])
    for reference in data.cases {
      #expect(reference.parametersAfterEachStep.count == reference.steps)
      #expect(Objectives.named(reference.objective) != nil)
    }
  }

  @Test(arguments: 0..<9)
  func trajectoryMatchesPyTorch(caseIndex: Int) throws {
    let data = try Self.data.get()
    let reference = data.cases[caseIndex]
    let objective = try #require(Objectives.named(reference.objective))
    var optimizer = try Self.optimizer(for: reference)
    var parameters = reference.start
    var gradient: [Double] = []
    var mismatches = 0
    for (step, expected) in reference.parametersAfterEachStep.enumerated() {
      _ = valueWithGradient(at: parameters, into: &gradient, of: objective)
      try optimizer.update(&parameters, along: gradient)
      for (i, value) in parameters.enumerated() where !isClose(value, expected[i]) {
        mismatches += 1
        if mismatches <= 3 {
          Issue.record(
            "\(reference.label): step \(step + 1), parameter \(i): \(value) vs \(expected[i])")
        }
      }
    }
    #expect(mismatches == 0, "\(reference.label): \(mismatches) mismatches")
    let finalValue = valueWithGradient(at: parameters, of: objective).value
    #expect(isClose(finalValue, reference.finalValue, relative: 1e-8))
  }
}
