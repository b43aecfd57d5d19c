import AutoDiff
import Foundation
import Optimization
import Testing

/// Every optimizer and wrapper saved as JSON and restored: the restored copy continues bit for bit
/// as the saved one does, and a file that is not a valid state is rejected with a message.
@Suite struct OptimizerCodableTests {
  /// The optimizers of these tests: each optimizer of the package and each wrapper, configured so
  /// that every piece of state it has is in use.
  enum Saved: String, CaseIterable, CustomTestStringConvertible {
    case gradientDescent, heavyBall, nesterov, adam, adamW, rmsProp, rmsPropCentered, adaGrad
    case stepSchedule, warmupCosine, clippedByValue, clippedByGlobalNorm
    case coupledWeightDecay, decoupledWeightDecay
    /// scheduled(clipped(coupled decay(Adam))).
    case stack

    var testDescription: String { rawValue }

    func make<T: BinaryFloatingPoint & RealScalar & Codable>(_: T.Type) throws
      -> any Optimizer<T> & Codable
    {
      switch self {
      case .gradientDescent: return try GradientDescent<T>(learningRate: 1e-4)
      case .heavyBall:
        return try GradientDescent<T>(
          learningRate: 1e-4, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)
      case .nesterov:
        return try GradientDescent<T>(learningRate: 1e-4, momentum: 0.9, nesterov: true)
      case .adam: return try Adam<T>(learningRate: 0.01, weightDecay: 0.001)
      case .adamW: return try AdamW<T>(learningRate: 0.01, weightDecay: 0.1)
      case .rmsProp: return try RMSProp<T>(learningRate: 1e-3)
      case .rmsPropCentered:
        return try RMSProp<T>(learningRate: 1e-3, momentum: 0.5, centered: true, weightDecay: 0.01)
      case .adaGrad:
        return try AdaGrad<T>(learningRate: 0.05, learningRateDecay: 0.01, initialAccumulator: 0.1)
      case .stepSchedule:
        return try GradientDescent<T>(learningRate: 1e-4, momentum: 0.9)
          .scheduled(.step(every: 5, factor: 0.5))
      case .warmupCosine:
        return try Adam<T>(learningRate: 0.01)
          .scheduled(.linearWarmup(steps: 4, then: .cosine(period: 20, minimum: 0.001)))
      case .clippedByValue:
        return try RMSProp<T>(learningRate: 1e-3, momentum: 0.5).clippingGradients(.byValue(10))
      case .clippedByGlobalNorm:
        return try GradientDescent<T>(learningRate: 1e-3, momentum: 0.5)
          .clippingGradients(.byGlobalNorm(5))
      case .coupledWeightDecay: return try AdaGrad<T>(learningRate: 0.05).couplingWeightDecay(0.01)
      case .decoupledWeightDecay:
        return try GradientDescent<T>(learningRate: 1e-4, momentum: 0.9).decouplingWeightDecay(0.1)
      case .stack:
        return try Adam<T>(learningRate: 0.01).couplingWeightDecay(0.001)
          .clippingGradients(.byGlobalNorm(10)).scheduled(.exponential(factor: 0.95))
      }
    }
  }

  // MARK: - Helpers

  /// The extended Rosenbrock function of four variables, with its gradient (by AutoDiff) written
  /// into `gradient`.
  static func rosenbrock<T: RealScalar>(_ x: [T], _ gradient: inout [T]) -> T {
    valueWithGradient(at: x, into: &gradient, of: { Objectives.extendedRosenbrock($0) })
  }

  static func rosenbrockGradient<T: RealScalar>(_ x: [T]) -> [T] {
    gradient(at: x, of: { Objectives.extendedRosenbrock($0) })
  }

  static let start: [Double] = [-1.2, 1, -0.5, 2]

  /// JSON with sorted keys, so that equal states give equal bytes.
  static func encoded(_ value: some Encodable) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return try encoder.encode(value)
  }

  /// `true` when the arrays hold the same values to the last bit (and no NaN).
  static func identical<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { $0 == $1 && $0.sign == $1.sign }
  }

  /// Takes `before` updates with `optimizer`, saves it to JSON and restores a copy, then takes
  /// `after` more updates with both from the same parameters: the two must agree to the last
  /// bit, and their states must encode to the same bytes.
  static func continuesExactly<O: Optimizer & Codable>(
    _ optimizer: O, before: Int, after: Int
  ) throws where O.Scalar: Codable {
    var original = optimizer
    var parameters = start.map { O.Scalar($0) }
    for _ in 0..<before { try original.update(&parameters, along: rosenbrockGradient(parameters)) }
    let saved = try encoded(original)
    var restored = try JSONDecoder().decode(O.self, from: saved)
    #expect(try encoded(restored) == saved, "the restored state encodes as the saved one")
    let atSave = parameters
    var resumed = parameters
    for _ in 0..<after {
      try original.update(&parameters, along: rosenbrockGradient(parameters))
      try restored.update(&resumed, along: rosenbrockGradient(resumed))
    }
    #expect(parameters.allSatisfy { $0.isFinite } && parameters != atSave)
    #expect(identical(parameters, resumed), "\(parameters) ≠ \(resumed)")
    #expect(try encoded(restored) == encoded(original))
  }

  /// The top-level JSON object of `data`, edited by `edit`.
  static func edited(_ data: Data, _ edit: (inout [String: Any]) -> Void) throws -> Data {
    var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    edit(&object)
    return try JSONSerialization.data(withJSONObject: object)
  }

  /// The message of the error thrown by decoding `data` as `type`; `nil` when it decodes.
  static func decodingError<D: Decodable>(_ data: Data, as type: D.Type) -> String? {
    do {
      _ = try JSONDecoder().decode(type, from: data)
      return nil
    } catch let error as OptimizationError {
      return error.description
    } catch {
      return "\(error)"
    }
  }

  /// An Adam<Double> with two updates taken.
  static func adamJSON() throws -> Data {
    var adam = try Adam<Double>(learningRate: 0.01)
    var parameters = start
    for _ in 0..<2 { try adam.update(&parameters, along: rosenbrockGradient(parameters)) }
    return try encoded(adam)
  }

  // MARK: - Continuation

  @Test(arguments: Saved.allCases)
  func restoredOptimizerContinuesBitForBit(_ saved: Saved) throws {
    for before in [0, 1, 7] {
      try Self.continuesExactly(saved.make(Double.self), before: before, after: 9)
      try Self.continuesExactly(saved.make(Float.self), before: before, after: 9)
    }
  }

  @Test func encodingHasTheTypeTheVersionAndTheState() throws {
    let object = try #require(
      try JSONSerialization.jsonObject(with: Self.adamJSON()) as? [String: Any])
    #expect(object["type"] as? String == "Adam")
    #expect(object["version"] as? Int == 1)
    #expect(object["scalar"] as? String == "Double")
    #expect(object["stepCount"] as? Int == 2)
    #expect((object["firstMoment"] as? [Double])?.count == 4)
    let keys = Set(object.keys)
    #expect(
      keys == [
        "type", "version", "scalar", "learningRate", "beta1", "beta2", "epsilon", "weightDecay",
        "stepCount", "firstMoment", "secondMoment",
      ])
  }

  /// L-BFGS steps from `start` (after `before` steps), saved and restored, then `after` more
  /// steps of both: the same points, values, gradients and outcomes, to the last bit.
  static func lbfgsContinuesExactly<T: BinaryFloatingPoint & RealScalar & Codable>(
    _: T.Type, bounds: Bounds<T>?, before: Int, after: Int
  ) throws {
    let problem = MinimizationProblem<T>(bounds: bounds) { x, g in rosenbrock(x, &g) }
    var original = try LBFGS<T>(historySize: 3)
    var parameters = start.map { T($0) }
    if let bounds { _ = bounds.project(&parameters) }
    var gradient: [T] = []
    var value = rosenbrock(parameters, &gradient)
    // The unbounded method steps through the objective form, the bounded one through the
    // problem form: both are the ones `minimize` calls.
    func step(_ method: inout LBFGS<T>, _ x: inout [T], _ f: inout T, _ g: inout [T]) throws
      -> StepOutcome
    {
      if bounds == nil {
        return try method.step(&x, value: &f, gradient: &g) { x, g in rosenbrock(x, &g) }
      }
      return try method.step(&x, value: &f, gradient: &g, problem: problem)
    }
    for _ in 0..<before {
      #expect(try step(&original, &parameters, &value, &gradient) == .advanced)
    }
    let saved = try encoded(original)
    var restored = try JSONDecoder().decode(LBFGS<T>.self, from: saved)
    #expect(try encoded(restored) == saved)
    var resumed = (parameters, value, gradient)
    for _ in 0..<after {
      let outcome = try step(&original, &parameters, &value, &gradient)
      let resumedOutcome = try step(&restored, &resumed.0, &resumed.1, &resumed.2)
      #expect(outcome == resumedOutcome)
    }
    #expect(identical(parameters, resumed.0), "\(parameters) ≠ \(resumed.0)")
    #expect(identical([value], [resumed.1]))
    #expect(identical(gradient, resumed.2))
    #expect(try encoded(restored) == encoded(original))
  }

  @Test(arguments: [0, 2, 8])
  func restoredLBFGSContinuesBitForBit(before: Int) throws {
    try Self.lbfgsContinuesExactly(Double.self, bounds: nil, before: before, after: 10)
    try Self.lbfgsContinuesExactly(Float.self, bounds: nil, before: before, after: 10)
  }

  /// With bounds the step is L-BFGS-B's, whose inner products of the pairs are not saved: the
  /// restored method must compute them all again at its first step.
  @Test(arguments: [0, 2, 8])
  func restoredBoundedLBFGSContinuesBitForBit(before: Int) throws {
    let lower = [-1.0, -1, -1, -1]
    let upper = [0.8, 0.9, 2, 2]
    try Self.lbfgsContinuesExactly(
      Double.self, bounds: Bounds(lower: lower, upper: upper), before: before, after: 10)
    try Self.lbfgsContinuesExactly(
      Float.self, bounds: Bounds(lower: lower.map { Float($0) }, upper: upper.map { Float($0) }),
      before: before, after: 10)
  }

  @Test func lbfgsSavesItsPairsOldestFirst() throws {
    var method = try LBFGS<Double>(historySize: 3)
    var parameters = Self.start
    var gradient: [Double] = []
    var value = Self.rosenbrock(parameters, &gradient)
    for _ in 0..<8 {
      _ = try method.step(&parameters, value: &value, gradient: &gradient) { x, g in
        Self.rosenbrock(x, &g)
      }
    }
    let object = try #require(
      try JSONSerialization.jsonObject(with: Self.encoded(method)) as? [String: Any])
    #expect(object["type"] as? String == "LBFGS")
    #expect((object["steps"] as? [[Double]])?.count == 3)
    #expect((object["gradientChanges"] as? [[Double]])?.count == 3)
    #expect((object["inverseCurvatures"] as? [Double])?.count == 3)
    let lineSearch = try #require(object["lineSearch"] as? [String: Any])
    #expect(lineSearch["type"] as? String == "StrongWolfeLineSearch")
    #expect(lineSearch["curvature"] as? Double == 0.9)
  }

  @Test func schedulesRoundTrip() throws {
    let schedules: [LearningRateSchedule<Double>] = [
      .constant, try .step(every: 3, factor: 0.5), try .exponential(factor: 0.9),
      try .cosine(period: 10, minimum: 0.01),
      try .linearWarmup(steps: 3, then: .linearWarmup(steps: 2, then: .exponential(factor: 0.8))),
    ]
    for schedule in schedules {
      let restored = try JSONDecoder().decode(
        LearningRateSchedule<Double>.self, from: Self.encoded(schedule))
      for step in 0..<20 {
        #expect(
          restored.learningRate(at: step, base: 0.3) == schedule.learningRate(at: step, base: 0.3))
      }
    }
    let clipping = GradientClipping<Float>.byGlobalNorm(2.5)
    #expect(
      try JSONDecoder().decode(GradientClipping<Float>.self, from: Self.encoded(clipping))
        == clipping)
  }

  // MARK: - Rejected files

  /// Another optimizer's state is an error, never a default-filled optimizer.
  @Test(arguments: Saved.allCases)
  func anotherOptimizersStateIsRejected(_ saved: Saved) throws {
    let data = try Self.encoded(saved.make(Double.self))
    let message =
      saved == .adaGrad
      ? Self.decodingError(data, as: Adam<Double>.self)
      : Self.decodingError(data, as: AdaGrad<Double>.self)
    let wanted = saved == .adaGrad ? "Adam" : "AdaGrad"
    let message2 = try #require(message)
    #expect(message2.hasPrefix("`type` is \""))
    #expect(message2.contains("it must be \"\(wanted)\""))
  }

  @Test func adamAsRMSPropFails() throws {
    #expect(
      Self.decodingError(try Self.adamJSON(), as: RMSProp<Double>.self)
        == "`type` is \"Adam\"; it must be \"RMSProp\": this is the saved state of another "
        + "optimizer; decode it as that type.")
    // A wrapper's base is checked the same way.
    let scheduled = try Adam<Double>().scheduled(.constant)
    #expect(
      Self.decodingError(try Self.encoded(scheduled), as: Scheduled<RMSProp<Double>>.self)
        == "`type` is \"Adam\"; it must be \"RMSProp\": this is the saved state of another "
        + "optimizer; decode it as that type.")
  }

  @Test func newerVersionFails() throws {
    let newer = try Self.edited(Self.adamJSON()) { $0["version"] = 2 }
    #expect(
      Self.decodingError(newer, as: Adam<Double>.self)
        == "`version` is 2; it must be at most 1, the newest Adam format this version of "
        + "Descent reads: update Descent to read it.")
    let zero = try Self.edited(Self.adamJSON()) { $0["version"] = 0 }
    #expect(
      Self.decodingError(zero, as: Adam<Double>.self) == "`version` is 0; it must be at least 1.")
  }

  @Test func anotherScalarTypeFails() throws {
    let float = try Self.encoded(Adam<Float>())
    #expect(
      Self.decodingError(float, as: Adam<Double>.self)
        == "`scalar` is \"Float\"; it must be \"Double\", the scalar type it is decoded as: "
        + "decode it with the scalar type it was saved with, so that the run continues exactly.")
  }

  @Test func missingKeyIsADecodingError() throws {
    let missing = try Self.edited(Self.adamJSON()) { $0["firstMoment"] = nil }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Adam<Double>.self, from: missing)
    }
    let untyped = try Self.edited(Self.adamJSON()) { $0["type"] = nil }
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Adam<Double>.self, from: untyped)
    }
  }

  @Test func invalidHyperParameterFailsAsInTheInitializer() throws {
    let negative = try Self.edited(Self.adamJSON()) { $0["learningRate"] = -0.1 }
    #expect(
      Self.decodingError(negative, as: Adam<Double>.self)
        == "`learningRate` is -0.1; it must be positive and finite, such as 0.01 (lower it if "
        + "the cost grows).")
    let beta = try Self.edited(Self.adamJSON()) { $0["beta1"] = 1.5 }
    #expect(
      Self.decodingError(beta, as: Adam<Double>.self)
        == "`beta1` is 1.5; it must be at least 0 and less than 1, such as 0.9.")

    let lbfgs = try Self.encoded(LBFGS<Double>())
    let history = try Self.edited(lbfgs) { $0["historySize"] = 0 }
    #expect(
      Self.decodingError(history, as: LBFGS<Double>.self)
        == "`historySize` is 0; it must be from 1 to 100000.")
    let curvature = try Self.edited(lbfgs) {
      var search = $0["lineSearch"] as? [String: Any] ?? [:]
      search["curvature"] = 2
      $0["lineSearch"] = search
    }
    #expect(
      Self.decodingError(curvature, as: LBFGS<Double>.self)
        == "`curvature` is 2.0; it must be in (sufficientDecrease, 1), such as 0.9.")

    let decayed = try Self.encoded(GradientDescent<Double>().couplingWeightDecay(0.1))
    let negativeDecay = try Self.edited(decayed) { $0["weightDecay"] = -1 }
    #expect(
      Self.decodingError(negativeDecay, as: CoupledWeightDecay<GradientDescent<Double>>.self)
        == "`weightDecay` is -1.0; it must be zero or positive and finite, such as 0.0001.")

    let clipped = try Self.encoded(GradientDescent<Double>().clippingGradients(.byValue(1)))
    let zeroBound = try Self.edited(clipped) { $0["clipping"] = ["kind": "byValue", "bound": 0] }
    #expect(
      Self.decodingError(zeroBound, as: GradientClipped<GradientDescent<Double>>.self)
        == "`clipping` is 0.0; it must be positive and finite, such as 1.0.")
    let unknownClipping = try Self.edited(clipped) {
      $0["clipping"] = ["kind": "byNorm", "bound": 1]
    }
    #expect(
      Self.decodingError(unknownClipping, as: GradientClipped<GradientDescent<Double>>.self)
        == "`clipping` is \"byNorm\"; it must be \"byValue\" or \"byGlobalNorm\".")

    let scheduled = try Self.encoded(
      GradientDescent<Double>().scheduled(.step(every: 2, factor: 0.5)))
    let growth = try Self.edited(scheduled) {
      $0["schedule"] = ["kind": "step", "interval": 2, "factor": 2]
    }
    #expect(
      Self.decodingError(growth, as: Scheduled<GradientDescent<Double>>.self)
        == "`factor` is 2.0; it must be in (0, 1], such as 0.5 (a decay, not a growth).")
    let unknownSchedule = try Self.edited(scheduled) { $0["schedule"] = ["kind": "cyclic"] }
    #expect(
      Self.decodingError(unknownSchedule, as: Scheduled<GradientDescent<Double>>.self)
        == "`schedule` is \"cyclic\"; it must be one of \"constant\", \"step\", \"exponential\", "
        + "\"cosine\" and \"linearWarmup\".")
    let negativeRate = try Self.edited(scheduled) { $0["learningRate"] = -1 }
    #expect(
      Self.decodingError(negativeRate, as: Scheduled<GradientDescent<Double>>.self)
        == "`learningRate` is -1.0; it must be positive and finite, such as 0.01 (lower it if "
        + "the cost grows).")

    let adamW = try Self.encoded(AdamW<Double>())
    let coupledInside = try Self.edited(adamW) {
      var base = $0["base"] as? [String: Any] ?? [:]
      base["weightDecay"] = 0.5
      $0["base"] = base
    }
    #expect(
      Self.decodingError(coupledInside, as: AdamW<Double>.self)
        == "`base.weightDecay` is 0.5; it must be 0: AdamW's decay is its own `weightDecay`, "
        + "decoupled, and the Adam inside it has none.")
  }

  @Test func inconsistentStateFails() throws {
    let negativeSteps = try Self.edited(Self.adamJSON()) { $0["stepCount"] = -1 }
    #expect(
      Self.decodingError(negativeSteps, as: Adam<Double>.self)
        == "`stepCount` is -1; it must be at least 0.")
    let shortMoment = try Self.edited(Self.adamJSON()) { $0["secondMoment"] = [0.5, 0.25] }
    #expect(
      Self.decodingError(shortMoment, as: Adam<Double>.self)
        == "`secondMoment` is 2 elements long; it must be 4 elements long, as the rest of the "
        + "saved Adam state implies: the file is damaged or was edited.")

    var rmsProp = try RMSProp<Double>(centered: true)
    var parameters = [1.0, 2.0]
    try rmsProp.update(&parameters, along: [0.5, -0.5])
    let uncentered = try Self.edited(Self.encoded(rmsProp)) { $0["meanGradient"] = [Double]() }
    #expect(
      Self.decodingError(uncentered, as: RMSProp<Double>.self)
        == "`meanGradient` is 0 elements long; it must be 2 elements long, as the rest of the "
        + "saved RMSProp state implies: the file is damaged or was edited.")
    let strayVelocity = try Self.edited(Self.encoded(rmsProp)) { $0["velocity"] = [1.0] }
    #expect(
      Self.decodingError(strayVelocity, as: RMSProp<Double>.self)
        == "`velocity` is 1 element long; it must be 0 elements long, as the rest of the saved "
        + "RMSProp state implies: the file is damaged or was edited.")

    var lbfgs = try LBFGS<Double>(historySize: 2)
    parameters = Self.start
    var gradient: [Double] = []
    var value = Self.rosenbrock(parameters, &gradient)
    for _ in 0..<4 {
      _ = try lbfgs.step(&parameters, value: &value, gradient: &gradient) { x, g in
        Self.rosenbrock(x, &g)
      }
    }
    let saved = try Self.encoded(lbfgs)
    let tooMany = try Self.edited(saved) {
      $0["steps"] = [[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 0, 1.0, 0]]
    }
    #expect(
      Self.decodingError(tooMany, as: LBFGS<Double>.self)
        == "`steps` is 3 curvature pairs; it must be at most historySize, 2, as the rest of the "
        + "saved LBFGS state implies: the file is damaged or was edited.")
    let oneCurvature = try Self.edited(saved) { $0["inverseCurvatures"] = [1.0] }
    #expect(
      Self.decodingError(oneCurvature, as: LBFGS<Double>.self)
        == "`inverseCurvatures` is 1 element long; it must be 2 elements long, as the rest of "
        + "the saved LBFGS state implies: the file is damaged or was edited.")
    let shortChange = try Self.edited(saved) {
      var changes = $0["gradientChanges"] as? [[Double]] ?? []
      changes[1].removeLast()
      $0["gradientChanges"] = changes
    }
    #expect(
      Self.decodingError(shortChange, as: LBFGS<Double>.self)
        == "`gradientChanges[1]` is 3 elements long; it must be 4 elements long, as the rest of "
        + "the saved LBFGS state implies: the file is damaged or was edited.")
    let empty = try Self.edited(saved) {
      $0["steps"] = [[Double](), []]
      $0["gradientChanges"] = [[Double](), []]
    }
    #expect(
      Self.decodingError(empty, as: LBFGS<Double>.self)
        == "`steps[0]` is empty; pass at least one parameter to optimize.")
  }

  /// NaN or infinity in a state mean a diverged run: encoding refuses it with a message rather
  /// than writing a file no decoder reads, and decoding refuses it too.
  @Test func nonFiniteStateIsRejected() throws {
    var adam = try Adam<Double>()
    var parameters = [1.0, 2.0]
    try adam.update(&parameters, along: [0.5, 1e200])
    let message =
      "`secondMoment[1]` is inf; it must be finite: NaN and infinity in an optimizer's state "
      + "come from a run that diverged, which cannot be saved or resumed; resume from an "
      + "earlier checkpoint with a lower learning rate."
    #expect(throws: OptimizationError.self) { try JSONEncoder().encode(adam) }
    do {
      _ = try JSONEncoder().encode(adam)
    } catch let error as OptimizationError {
      #expect(error.description == message)
    }

    // A decoder that reads "inf" strings would otherwise restore it.
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let valid = try encoder.encode(try Adam<Double>(learningRate: 0.01))
    let infinite = try Self.edited(valid) {
      $0["stepCount"] = 1
      $0["firstMoment"] = [0.0, 0.1]
      $0["secondMoment"] = [0.0, "inf"]
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      _ = try decoder.decode(Adam<Double>.self, from: infinite)
      Issue.record("an infinite moment was restored")
    } catch let error as OptimizationError {
      #expect(error.description == message)
    }
  }

  @Test func customScheduleCannotBeSaved() throws {
    let custom = try Adam<Double>().scheduled(.custom { step in 1 / Double(step + 1) })
    let message =
      "`schedule` is custom; it must be one of the built-in schedules (constant, step, "
      + "exponential, cosine, linearWarmup) to be saved: a custom schedule is a function, which "
      + "cannot be written to a file."
    do {
      _ = try JSONEncoder().encode(custom)
      Issue.record("a custom schedule was saved")
    } catch let error as OptimizationError {
      #expect(error.description == message)
    }
    let warmup = try Adam<Double>().scheduled(
      .linearWarmup(steps: 2, then: LearningRateSchedule { _, base in base }))
    #expect(throws: OptimizationError.self) { try JSONEncoder().encode(warmup) }
  }
}
