import AutoDiff
import Foundation
import Models
import Optimization
import Testing

/// y = 2x + 1 with a deterministic wiggle, on n rows.
private struct LineData {
  let x: [Double]
  let y: [Double]
  init(count: Int, offset: Double = 0) {
    x = (0..<count).map { Double($0) / Double(count) - 0.5 + offset }
    y = x.enumerated().map { i, x in 2 * x + 1 + 0.05 * Double((i * 7919) % 13 - 6) / 6 }
  }

  /// The mean squared error over rows, as a `BatchCost`.
  var cost: BatchCost<Double> {
    { p, rows in
      var total: Variable<Double> = 0
      for i in rows {
        let r = p[0] * Variable(x[i]) + p[1] - Variable(y[i])
        total += r * r
      }
      return total / Variable(Double(rows.count))
    }
  }

  /// The same mean squared error on plain numbers, for a validation metric.
  func meanSquaredError(_ p: [Double]) -> Double {
    var total = 0.0
    for i in x.indices {
      let r = p[0] * x[i] + p[1] - y[i]
      total += r * r
    }
    return total / Double(x.count)
  }
}

@Suite struct TrainTests {
  @Test(arguments: [1, 7, 32, 100, 101, 250])
  func batchesCoverEveryRowOncePerEpoch(size: Int) throws {
    let data = LineData(count: 100)
    var seen: [[Int]] = []
    let recording: BatchCost<Double> = { p, rows in
      seen.append(Array(rows))
      return try data.cost(p, rows)
    }
    try train(
      recording, rowCount: 100, from: [0, 0], using: GradientDescent(learningRate: 0.1),
      batching: .miniBatch(size: size), evaluatesTrainingSet: false,
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 3))
    // The first call is the driver's evaluation of every row at the start.
    #expect(seen.first == Array(0..<100))
    let batches = Array(seen.dropFirst())
    let perEpoch = (100 + Swift.min(size, 100) - 1) / Swift.min(size, 100)
    #expect(batches.count == 3 * perEpoch)
    for epoch in 0..<3 {
      let epochBatches = batches[(epoch * perEpoch)..<((epoch + 1) * perEpoch)]
      #expect(epochBatches.flatMap { $0 }.sorted() == Array(0..<100))
      // Every batch but the last is full; the last holds the rest.
      for batch in epochBatches.dropLast() { #expect(batch.count == Swift.min(size, 100)) }
      #expect(epochBatches.last!.count == 100 - (perEpoch - 1) * Swift.min(size, 100))
    }
    // Shuffled: two epochs do not see the rows in the same order (for batches of more than one
    // epoch's worth there is nothing to compare).
    if size < 100 {
      let first: [Int] = batches[0..<perEpoch].flatMap { $0 }
      let second: [Int] = batches[perEpoch..<(2 * perEpoch)].flatMap { $0 }
      #expect(first != second)
    }
  }

  @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws {
    let data = LineData(count: 64)
    func run(seed: UInt64) throws -> [Double] {
      try train(
        data.cost, rowCount: 64, from: [0, 0], using: Adam(learningRate: 0.05),
        batching: .miniBatch(size: 8), seed: seed,
        options: MinimizationOptions(maximumIterations: 5)
      ).minimizer
    }
    #expect(try run(seed: 3) == run(seed: 3))
    #expect(try run(seed: 3) != run(seed: 4))
  }

  @Test func fullBatchTrainingIsMinimizeOnEveryRow() throws {
    let data = LineData(count: 50)
    let trained = try train(data.cost, rowCount: 50, from: [0, 0], using: LBFGS())
    let rows = Array(0..<50)[...]
    let minimized = try minimize({ p in try data.cost(p, rows) }, from: [0, 0], using: LBFGS())
    #expect(trained.minimizer == minimized.minimizer)
    #expect(trained.stopReason == .gradientNormBelowTolerance)
    #expect(trained.evaluations == minimized.evaluations)
  }

  @Test func withoutTheWholeSetEvaluationTheLoopCostsOnlyItsUpdates() throws {
    let data = LineData(count: 40)
    var calls = 0
    let counting: BatchCost<Double> = { p, rows in
      calls += 1
      return try data.cost(p, rows)
    }
    let options = MinimizationOptions<Double>(gradientTolerance: nil, maximumIterations: 4)
    let off = try train(
      counting, rowCount: 40, from: [0, 0], using: GradientDescent(learningRate: 0.1),
      batching: .miniBatch(size: 10), evaluatesTrainingSet: false, options: options)
    #expect(calls == 1 + 4 * 4)
    #expect(off.evaluations == 1)
    calls = 0
    let on = try train(
      counting, rowCount: 40, from: [0, 0], using: GradientDescent(learningRate: 0.1),
      batching: .miniBatch(size: 10), options: options)
    #expect(calls == 1 + 4 * 5)
    #expect(on.evaluations == 5)
    // The same updates either way; only what the criteria see differs.
    #expect(on.minimizer == off.minimizer)
    // Off, the reported cost is the mean of the epoch's batch costs, which for gradient descent
    // from a bad start lies above the cost at the epoch's end.
    #expect(off.value > on.value)
  }

  @Test func earlyStoppingRestoresTheBestEpoch() throws {
    // Validation on data from another region: the training fit drifts away from it, so the
    // validation metric improves, then worsens.
    let training = LineData(count: 64)
    let shifted = LineData(count: 64, offset: 3)
    let held = (0..<64).map { shifted.y[$0] + 0.8 * shifted.x[$0] }
    let metric = { (p: [Double]) -> Double in
      var total = 0.0
      for i in 0..<64 {
        let r = p[0] * shifted.x[i] + p[1] - held[i]
        total += r * r
      }
      return total / 64
    }
    var seenMetrics: [Double] = []
    let result = try train(
      training.cost, rowCount: 64, from: [4, 0], using: GradientDescent(learningRate: 0.05),
      batching: .miniBatch(size: 16), seed: 1,
      validation: Validation(patience: 3, metric: metric),
      options: MinimizationOptions(maximumIterations: 500)
    ) { report in
      seenMetrics.append(report.validationMetric!)
      return .continue
    }
    let stop = try #require(result.earlyStop, "\(result.stopReason)")
    #expect(!result.converged)
    #expect(stop.epoch == stop.bestEpoch + 3)
    #expect(stop.bestMetric == seenMetrics.min())
    #expect(seenMetrics[stop.bestEpoch] == stop.bestMetric)
    // The best epoch's parameters, with the training cost there.
    #expect(metric(result.minimizer) == stop.bestMetric)
    #expect(
      result.value == training.meanSquaredError(result.minimizer)
        || abs(result.value - training.meanSquaredError(result.minimizer)) <= 1e-15)
    #expect(result.history.allSatisfy { $0.validationMetric != nil })
    #expect(
      "\(result.stopReason)".hasPrefix(
        "stopped early: the validation metric did not improve for 3 epochs"))
  }

  @Test func aNaNMetricNeverCountsAsAnImprovement() throws {
    let data = LineData(count: 16)
    let result = try train(
      data.cost, rowCount: 16, from: [0, 0], using: GradientDescent(learningRate: 0.1),
      batching: .full, evaluatesTrainingSet: false,
      validation: Validation(patience: 4) { _ in .nan },
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 100))
    let stop = try #require(result.earlyStop)
    #expect(stop.epoch == 4)
    #expect(stop.bestEpoch == 0)
    // The start's parameters, the best epoch's, are returned.
    #expect(result.minimizer == [0, 0])
  }

  @Test func aMinimumImprovementStopsSooner() throws {
    let data = LineData(count: 64)
    let metric = { (p: [Double]) in data.meanSquaredError(p) }
    func epochs(_ delta: Double) throws -> Int {
      try train(
        data.cost, rowCount: 64, from: [0, 0], using: GradientDescent(learningRate: 0.2),
        batching: .full, evaluatesTrainingSet: false,
        validation: Validation(patience: 2, minimumImprovement: delta, metric: metric),
        options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 10_000)
      ).iterations
    }
    #expect(try epochs(1e-3) < epochs(1e-9))
  }

  @Test func aDivergingRunIsAResultWithTheBestParameters() throws {
    let data = LineData(count: 32)
    let result = try train(
      data.cost, rowCount: 32, from: [0, 0], using: GradientDescent(learningRate: 50),
      batching: .miniBatch(size: 8))
    let divergence = try #require(result.divergence)
    #expect(result.minimizer == [0, 0] || result.value <= data.meanSquaredError([0, 0]))
    #expect(divergence.bestValue == result.value)
  }

  @Test func everyOtherStopReason() throws {
    let data = LineData(count: 32)
    let limit = try train(
      data.cost, rowCount: 32, from: [0, 0], using: Adam(learningRate: 0.01),
      batching: .stochastic, options: MinimizationOptions(maximumIterations: 2))
    #expect(limit.stopReason == .iterationLimit)
    #expect(limit.iterations == 2)
    let callback = try train(
      data.cost, rowCount: 32, from: [0, 0], using: Adam(learningRate: 0.01),
      batching: .stochastic
    ) { report in report.iteration == 1 ? .stop : .continue }
    #expect(callback.stopReason == .stoppedByCallback)
    let converged = try train(
      data.cost, rowCount: 32, from: [0, 0], using: GradientDescent(learningRate: 0.5),
      batching: .full, options: MinimizationOptions(gradientTolerance: 1e-6))
    #expect(converged.stopReason == .gradientNormBelowTolerance)
  }

  @Test func badSettingsAreErrors() {
    let data = LineData(count: 8)
    func message(_ body: () throws -> Void) -> String {
      do {
        try body()
        return "no error"
      } catch { return "\(error)" }
    }
    #expect(
      message {
        try train(data.cost, rowCount: 0, from: [0, 0], using: LBFGS())
      }
        == "`rowCount` is 0; it must be at least 1: the number of rows of training data the cost indexes."
    )
    #expect(
      message {
        try train(
          data.cost, rowCount: 8, from: [0, 0], using: Adam(), batching: .miniBatch(size: 0))
      }
        == "`batching` is miniBatch(size: 0); it must be a batch size of at least 1, such as .miniBatch(size: 32)."
    )
    #expect(
      message { _ = try Validation<Double>(patience: 0) { _ in 0 } }
        == "`patience` is 0; it must be at least 1 epoch, such as 10, or nil to record the metric only."
    )
    #expect(
      message { _ = try Validation<Double>(minimumImprovement: -1) { _ in 0 } }
        == "`minimumImprovement` is -1.0; it must be zero or positive and finite, such as 1e-4.")
  }

  @Test func anErrorFromTheCostIsRethrownUnchanged() {
    struct Refused: Error, Equatable {}
    let cost: BatchCost<Double> = { p, rows in
      if rows.count < 8 { throw Refused() }
      return p[0] * p[0]
    }
    #expect(throws: Refused()) {
      try train(cost, rowCount: 8, from: [1], using: Adam(), batching: .miniBatch(size: 4))
    }
  }
}

@Suite struct CheckpointTests {
  @Test func aResumedBatchedRunContinuesBitForBit() throws {
    let data = LineData(count: 50)
    let options = MinimizationOptions<Double>(gradientTolerance: nil, maximumIterations: 12)
    let whole = try train(
      data.cost, rowCount: 50, from: [3, -2], using: Adam(learningRate: 0.05),
      batching: .miniBatch(size: 8), seed: 9, options: options)
    var saved: TrainingCheckpoint<Adam<Double>>? = nil
    let interrupted = try train(
      data.cost, rowCount: 50, from: [3, -2], using: Adam(learningRate: 0.05),
      batching: .miniBatch(size: 8), seed: 9, options: options,
      checkpointing: .every(5) { checkpoint in if checkpoint.epoch == 5 { saved = checkpoint } }
    ) { report in report.iteration == 7 ? .stop : .continue }
    #expect(interrupted.iterations == 7)
    let checkpoint = try #require(saved)
    #expect(checkpoint.epoch == 5)
    let resumed = try train(data.cost, rowCount: 50, resumingFrom: checkpoint, options: options)
    #expect(resumed.minimizer == whole.minimizer)
    #expect(resumed.value == whole.value)
    #expect(resumed.iterations == whole.iterations)
    #expect(resumed.evaluations == whole.evaluations)
    #expect(resumed.stopReason == whole.stopReason)
    #expect(resumed.history == whole.history)
  }

  @Test func aResumedRunWithoutTheWholeSetEvaluationToo() throws {
    let data = LineData(count: 33)
    let options = MinimizationOptions<Double>(gradientTolerance: nil, maximumIterations: 6)
    let optimizer = try GradientDescent<Double>(learningRate: 0.1, momentum: 0.9)
      .scheduled(.step(every: 20, factor: 0.5))
    let whole = try train(
      data.cost, rowCount: 33, from: [0, 0], using: optimizer, batching: .stochastic,
      evaluatesTrainingSet: false, options: options)
    var saved: TrainingCheckpoint<Scheduled<GradientDescent<Double>>>? = nil
    try train(
      data.cost, rowCount: 33, from: [0, 0], using: optimizer, batching: .stochastic,
      evaluatesTrainingSet: false, options: options,
      checkpointing: .every(1) { if $0.epoch == 2 { saved = $0 } })
    let resumed = try train(
      data.cost, rowCount: 33, resumingFrom: try #require(saved), options: options)
    #expect(resumed.minimizer == whole.minimizer)
    #expect(resumed.history == whole.history)
  }

  @Test func aResumedFullBatchRunWithLBFGS() throws {
    let data = LineData(count: 40)
    let whole = try train(data.cost, rowCount: 40, from: [5, 5], using: LBFGS())
    var saved: TrainingCheckpoint<LBFGS<Double>>? = nil
    try train(
      data.cost, rowCount: 40, from: [5, 5], using: LBFGS(),
      checkpointing: .every(1) { if $0.epoch == 2 { saved = $0 } })
    let resumed = try train(data.cost, rowCount: 40, resumingFrom: try #require(saved))
    #expect(resumed.minimizer == whole.minimizer)
    #expect(resumed.stopReason == whole.stopReason)
    #expect(resumed.evaluations == whole.evaluations)
  }

  @Test func earlyStoppingStateIsPartOfTheCheckpoint() throws {
    let training = LineData(count: 64)
    let shifted = LineData(count: 64, offset: 3)
    let metric = { (p: [Double]) -> Double in
      var total = 0.0
      for i in 0..<64 {
        let r = p[0] * shifted.x[i] + p[1] - (shifted.y[i] + 0.8 * shifted.x[i])
        total += r * r
      }
      return total / 64
    }
    let validation = try Validation(patience: 3, metric: metric)
    let options = MinimizationOptions<Double>(maximumIterations: 500)
    let whole = try train(
      training.cost, rowCount: 64, from: [4, 0], using: GradientDescent(learningRate: 0.05),
      batching: .miniBatch(size: 16), seed: 1, validation: validation, options: options)
    let stop = try #require(whole.earlyStop)
    var saved: TrainingCheckpoint<GradientDescent<Double>>? = nil
    try train(
      training.cost, rowCount: 64, from: [4, 0], using: GradientDescent(learningRate: 0.05),
      batching: .miniBatch(size: 16), seed: 1, validation: validation, options: options,
      checkpointing: .every(1) { if $0.epoch == stop.bestEpoch + 1 { saved = $0 } })
    let resumed = try train(
      training.cost, rowCount: 64, resumingFrom: try #require(saved), validation: validation,
      options: options)
    #expect(resumed.stopReason == whole.stopReason)
    #expect(resumed.minimizer == whole.minimizer)
    #expect(resumed.history == whole.history)
  }

  @Test func aCheckpointSavedAsJSONResumesBitForBit() throws {
    let data = LineData(count: 30)
    let options = MinimizationOptions<Double>(gradientTolerance: nil, maximumIterations: 9)
    let optimizer = try Adam<Double>(learningRate: 0.05).clippingGradients(.byGlobalNorm(1))
    let whole = try train(
      data.cost, rowCount: 30, from: [2, 2], using: optimizer, batching: .miniBatch(size: 7),
      seed: 4, options: options)
    var file: Data? = nil
    try train(
      data.cost, rowCount: 30, from: [2, 2], using: optimizer, batching: .miniBatch(size: 7),
      seed: 4, options: options,
      checkpointing: .every(3) { if $0.epoch == 6 { file = try JSONEncoder().encode($0) } })
    let saved = try JSONDecoder().decode(
      TrainingCheckpoint<GradientClipped<Adam<Double>>>.self, from: try #require(file))
    #expect(saved.epoch == 6)
    let resumed = try train(data.cost, rowCount: 30, resumingFrom: saved, options: options)
    #expect(resumed.minimizer == whole.minimizer)
    #expect(resumed.history == whole.history)
    #expect(resumed.stopReason == whole.stopReason)
  }

  @Test func aCheckpointFileOfAnotherKindIsRefused() throws {
    let layoutFile = try JSONEncoder().encode(ParameterLayout())
    do {
      _ = try JSONDecoder().decode(TrainingCheckpoint<Adam<Double>>.self, from: layoutFile)
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "`type` is \"ParameterLayout\"; it must be \"TrainingCheckpoint\": this file is not a training checkpoint."
      )
    }
  }

  @Test func aCheckpointOfOtherDataIsRefused() throws {
    let data = LineData(count: 20)
    var saved: TrainingCheckpoint<Adam<Double>>? = nil
    try train(
      data.cost, rowCount: 20, from: [0, 0], using: Adam(), batching: .miniBatch(size: 4),
      options: MinimizationOptions(maximumIterations: 2), checkpointing: .every(1) { saved = $0 })
    let checkpoint = try #require(saved)
    do {
      try train(data.cost, rowCount: 19, resumingFrom: checkpoint)
      Issue.record("no error")
    } catch {
      #expect(
        "\(error)"
          == "`rowCount` is 19; it must be the row count of the checkpointed run, 20: resume with the same data."
      )
    }
  }
}
