import AutoDiff
import Optimization

/// The training loop behind `train` and every model's `fit`. Full-batch training is
/// ``minimize(_:from:using:bounds:options:progress:)`` itself; batched training is the same driver
/// with one epoch of batch updates as its step, so the stopping criteria, divergence detection,
/// history and trace are written once, in the driver. Validation and early stopping wrap the
/// driver's progress callback.
@usableFromInline
enum Training {
  /// Trains on every row at every step, with any method (L-BFGS included); a diverged run is
  /// an error, for a model.
  @inlinable
  static func full<Method: DescentMethod>(
    start: [Method.Scalar], rowCount: Int, cost: BatchCost<Method.Scalar>, using method: Method,
    options: MinimizationOptions<Method.Scalar>,
    progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Method.Scalar> {
    let result = try explainingStart {
      try train(
        cost, rowCount: rowCount, from: start, using: method, options: options,
        progress: progress)
    }
    try rejectDivergence(result)
    return result
  }

  /// Trains with ``Batching``: each iteration of the driver is one epoch of batch updates; a
  /// diverged run is an error, for a model.
  @inlinable
  static func batched<Base: Optimizer>(
    start: [Base.Scalar], rowCount: Int, cost: BatchCost<Base.Scalar>,
    using optimizer: Base, batching: Batching, seed: UInt64,
    options: MinimizationOptions<Base.Scalar>,
    progress: (IterationReport<Base.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Base.Scalar> {
    let result = try explainingStart {
      try train(
        cost, rowCount: rowCount, from: start, using: optimizer, batching: batching, seed: seed,
        options: options, progress: progress)
    }
    try rejectDivergence(result)
    return result
  }

  @inlinable
  static func checkRowCount(_ rowCount: Int) throws {
    guard rowCount >= 1 else {
      throw ModelError.invalidArgument(
        argument: "rowCount", value: "\(rowCount)",
        requirement: "at least 1: the number of rows of training data the cost indexes")
    }
  }

  /// The driver with the validation wrapped around its progress callback, and the best epoch's
  /// parameters restored when early stopping is set.
  @inlinable
  static func run<Method: DescentMethod>(
    valueAndGradient: (_ point: [Method.Scalar], _ gradient: inout [Method.Scalar]) throws ->
      Method.Scalar,
    from start: [Method.Scalar], using method: Method,
    validation: Validation<Method.Scalar>?,
    options: MinimizationOptions<Method.Scalar>,
    progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Method.Scalar> {
    typealias T = Method.Scalar
    guard let validation else {
      return try minimize(
        valueAndGradient: valueAndGradient, from: start, using: method, options: options,
        progress: progress)
    }
    var metrics: [Int: T] = [:]
    var best: [T] = []
    var bestMetric = T.infinity
    var bestEpoch = 0
    var sinceImprovement = 0
    var earlyStop: EarlyStop<T>? = nil
    var result = try minimize(
      valueAndGradient: valueAndGradient, from: start, using: method, options: options
    ) { report in
      var report = report
      let metric = try validation.metric(report.parameters)
      report.validationMetric = metric
      metrics[report.iteration] = metric
      if best.isEmpty || metric < bestMetric - validation.minimumImprovement {
        // A NaN at the start counts as +∞, so that any finite metric improves on it.
        bestMetric = metric.isNaN ? .infinity : metric
        bestEpoch = report.iteration
        best = report.parameters
        sinceImprovement = 0
      } else {
        sinceImprovement += 1
      }
      let action = try progress(report)
      if action == .continue, let patience = validation.patience, sinceImprovement >= patience {
        earlyStop = EarlyStop(
          epoch: report.iteration, bestEpoch: bestEpoch, bestMetric: bestMetric,
          lastMetric: metric, patience: patience)
        return .stop
      }
      return action
    }
    for i in result.history.indices {
      result.history[i].validationMetric = metrics[result.history[i].iteration]
    }
    // Early stopping returns the best epoch's parameters, however the run ended, except after a
    // divergence (whose result already holds the best parameters by training cost).
    guard validation.patience != nil, result.divergence == nil, !best.isEmpty else {
      return result
    }
    if let earlyStop { result.stopReason = .earlyStopped(earlyStop) }
    if best != result.minimizer {
      var gradient = [T](repeating: 0, count: best.count)
      result.value = try valueAndGradient(best, &gradient)
      result.gradientNorm = gradientNormForReport(gradient)
      result.evaluations += 1
      result.minimizer = best
    }
    return result
  }

  /// ‖g‖₂, scaled against overflow.
  @inlinable
  static func gradientNormForReport<T: BinaryFloatingPoint>(_ g: [T]) -> T {
    let largest = g.reduce(T(0)) { Swift.max($0, $1.magnitude) }
    guard largest > 0, largest.isFinite else { return largest }
    var squares: T = 0
    for x in g { squares += (x / largest) * (x / largest) }
    return largest * squares.squareRoot()
  }

  /// The driver rejects a start where the cost is not finite, naming its `start` argument; for a
  /// model the start is its own (zero or current) parameters, and the cause is the data's scale.
  @inlinable
  static func explainingStart<T>(_ body: () throws -> MinimizationResult<T>) throws
    -> MinimizationResult<T>
  {
    do {
      return try body()
    } catch let error as OptimizationError where error.argument == "start" {
      throw ModelError.invalidArgument(
        argument: "x, y",
        value: "data on which the cost or its gradient overflows at the starting parameters",
        requirement: "values of moderate size; rescale the targets or standardize the features")
    }
  }

  /// A diverged fit is an error for a model: the caller's model stays as it was.
  @inlinable
  static func rejectDivergence<T>(_ result: MinimizationResult<T>) throws {
    if let report = result.divergence {
      throw ModelError.diverged(iteration: report.iteration, message: report.message)
    }
  }
}

/// One epoch as one step of the driver: shuffle the rows, update along the gradient of each
/// batch in turn, then evaluate the whole-data cost and gradient for the stopping criteria.
@usableFromInline
struct EpochOfBatches<Base: Optimizer>: DescentMethod {
  @usableFromInline typealias Scalar = Base.Scalar

  @usableFromInline var base: Base
  @usableFromInline let rowCount: Int
  @usableFromInline let batchSize: Int
  @usableFromInline let seed: UInt64
  @usableFromInline var generator: SplitMix64
  @usableFromInline var order: [Int]
  @usableFromInline var batchGradient: [Scalar] = []
  @usableFromInline let evaluatesTrainingSet: Bool
  @usableFromInline let cost: BatchCost<Scalar>

  @inlinable
  init(
    base: Base, rowCount: Int, batchSize: Int, seed: UInt64, evaluatesTrainingSet: Bool = true,
    cost: @escaping BatchCost<Scalar>
  ) {
    self.base = base
    self.rowCount = rowCount
    self.batchSize = batchSize
    self.seed = seed
    self.evaluatesTrainingSet = evaluatesTrainingSet
    self.generator = SplitMix64(seed: seed)
    self.order = Array(0..<rowCount)
    self.cost = cost
  }

  @inlinable
  var learningRate: Scalar {
    get { base.learningRate }
    set { base.learningRate = newValue }
  }

  @inlinable
  mutating func step(
    _ parameters: inout [Scalar], value: inout Scalar, gradient: inout [Scalar],
    objective: (_ point: [Scalar], _ gradient: inout [Scalar]) throws -> Scalar
  ) throws -> StepOutcome {
    order.shuffle(using: &generator)
    let cost = self.cost
    var batchGradient = [Scalar]()
    swap(&batchGradient, &self.batchGradient)  // reused across epochs, not reallocated
    defer { swap(&batchGradient, &self.batchGradient) }
    var first = 0
    var meanValue: Scalar = 0
    if !evaluatesTrainingSet {
      for i in gradient.indices { gradient[i] = 0 }
    }
    while first < rowCount {
      let rows = order[first..<Swift.min(first + batchSize, rowCount)]
      let batchValue = try valueWithGradient(at: parameters, into: &batchGradient) { p in
        try cost(p, rows)
      }
      if !evaluatesTrainingSet {
        // Means over the epoch, each batch weighted by its share of the rows.
        let weight = Scalar(rows.count) / Scalar(rowCount)
        meanValue += weight * batchValue
        for i in gradient.indices { gradient[i] += weight * batchGradient[i] }
      }
      try base.update(&parameters, along: batchGradient)
      first += batchSize
    }
    value = evaluatesTrainingSet ? try objective(parameters, &gradient) : meanValue
    return .advanced
  }

  @inlinable
  mutating func reset() {
    base.reset()
    generator = SplitMix64(seed: seed)
    order = Array(0..<rowCount)
  }
}
