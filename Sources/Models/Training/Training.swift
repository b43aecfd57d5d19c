import AutoDiff
import Optimization

/// The training loop behind `train` and every model's `fit`. Full-batch training is
/// `minimize(_:from:using:bounds:options:progress:)` itself; batched training is the same driver
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

  /// Full-batch training, fresh or resumed.
  @inlinable
  static func trainFull<Method: DescentMethod>(
    _ cost: BatchCost<Method.Scalar>, rowCount: Int, from start: [Method.Scalar],
    using method: Method, validation: Validation<Method.Scalar>?,
    options: MinimizationOptions<Method.Scalar>, resume: TrainingCheckpoint<Method>?,
    checkpointing: Checkpointing<Method>?,
    progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Method.Scalar> {
    try checkpointing?.check()
    let rows = Array(0..<rowCount)[...]
    return try withoutActuallyEscaping(cost) { cost in
      try run(
        valueAndGradient: { point, gradient in
          // In blocks of rows on all cores (AutoDiff's `Parallelism`); one block, the plain
          // call, up to `Parallelism.rowsPerBlock` rows.
          try valueWithGradient(at: point, rows: rows, into: &gradient, of: cost)
        }, from: start, using: method, validation: validation, options: options,
        resume: resume.map { ($0.run, $0.validation) },
        checkpoint: checkpointing.map { policy in
          { run, method, validationProgress in
            guard run.iteration % policy.interval == 0 else { return }
            try policy.save(
              TrainingCheckpoint(
                rowCount: rowCount, method: method, batching: .full, seed: 0,
                evaluatesTrainingSet: true, run: run, generator: nil, order: nil,
                validation: validationProgress))
          }
        }, progress: progress)
    }
  }

  /// Batched training, fresh or resumed; full batches with the evaluation on are full-batch
  /// training.
  @inlinable
  static func trainBatched<Base: Optimizer>(
    _ cost: BatchCost<Base.Scalar>, rowCount: Int, from start: [Base.Scalar],
    using optimizer: Base, batching: Batching, seed: UInt64, evaluatesTrainingSet: Bool,
    validation: Validation<Base.Scalar>?, options: MinimizationOptions<Base.Scalar>,
    resume: TrainingCheckpoint<Base>?, checkpointing: Checkpointing<Base>?,
    progress: (IterationReport<Base.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Base.Scalar> {
    if case .full = batching, evaluatesTrainingSet {
      return try trainFull(
        cost, rowCount: rowCount, from: start, using: optimizer, validation: validation,
        options: options, resume: resume, checkpointing: checkpointing, progress: progress)
    }
    try checkpointing?.check()
    let rows = Array(0..<rowCount)[...]
    return try withoutActuallyEscaping(cost) { cost in
      var epoch = EpochOfBatches(
        base: optimizer, rowCount: rowCount,
        batchSize: Swift.min(batching.batchSize(rowCount: rowCount), rowCount), seed: seed,
        evaluatesTrainingSet: evaluatesTrainingSet, cost: cost)
      if let resume, let generator = resume.generator, let order = resume.order {
        epoch.generator = generator
        epoch.order = order
      }
      return try run(
        valueAndGradient: { point, gradient in
          // In blocks of rows on all cores (AutoDiff's `Parallelism`); one block, the plain
          // call, up to `Parallelism.rowsPerBlock` rows.
          try valueWithGradient(at: point, rows: rows, into: &gradient, of: cost)
        }, from: start, using: epoch, validation: validation, options: options,
        resume: resume.map { ($0.run, $0.validation) },
        checkpoint: checkpointing.map { policy in
          { run, epoch, validationProgress in
            guard run.iteration % policy.interval == 0 else { return }
            try policy.save(
              TrainingCheckpoint(
                rowCount: rowCount, method: epoch.base, batching: batching, seed: seed,
                evaluatesTrainingSet: evaluatesTrainingSet, run: run,
                generator: epoch.generator, order: epoch.order,
                validation: validationProgress))
          }
        }, progress: progress)
    }
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
  /// parameters restored when early stopping is set; resumable from, and reporting, the state a
  /// checkpoint holds.
  @inlinable
  static func run<Method: DescentMethod>(
    valueAndGradient: (_ point: [Method.Scalar], _ gradient: inout [Method.Scalar]) throws ->
      Method.Scalar,
    from start: [Method.Scalar], using method: Method,
    validation: Validation<Method.Scalar>?,
    options: MinimizationOptions<Method.Scalar>,
    resume: (run: RunState<Method.Scalar>, validation: ValidationProgress<Method.Scalar>?)? = nil,
    checkpoint: (
      (RunState<Method.Scalar>, Method, ValidationProgress<Method.Scalar>?) throws -> Void
    )? = nil,
    progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Method.Scalar> {
    typealias T = Method.Scalar
    var state = resume?.validation ?? ValidationProgress<T>()
    var earlyStop: EarlyStop<T>? = nil
    let driverCheckpoint = checkpoint.map { save in
      { (run: RunState<T>, method: Method) throws in
        try save(run, method, validation == nil ? nil : state)
      }
    }
    var result = try runMinimization(
      valueAndGradient: valueAndGradient, hessian: nil, hessianVectorProduct: nil, from: start,
      using: method, bounds: nil, options: options, resume: resume?.run,
      checkpoint: driverCheckpoint
    ) { report in
      guard let validation else { return try progress(report) }
      var report = report
      let metric = try validation.metric(report.parameters)
      report.validationMetric = metric
      state.record(metric, at: report.iteration, parameters: report.parameters, validation)
      let action = try progress(report)
      if action == .continue, let patience = validation.patience,
        state.sinceImprovement >= patience
      {
        earlyStop = EarlyStop(
          epoch: report.iteration, bestEpoch: state.bestEpoch,
          bestMetric: state.bestMetric ?? .infinity, lastMetric: metric, patience: patience)
        return .stop
      }
      return action
    }
    guard let validation else { return result }
    for i in result.history.indices {
      result.history[i].validationMetric = state.metrics[result.history[i].iteration]
    }
    // Early stopping returns the best epoch's parameters, however the run ended, except after a
    // divergence (whose result already holds the best parameters by training cost).
    guard validation.patience != nil, result.divergence == nil, !state.best.isEmpty else {
      return result
    }
    if let earlyStop { result.stopReason = .earlyStopped(earlyStop) }
    if state.best != result.minimizer {
      var gradient = [T](repeating: 0, count: state.best.count)
      result.value = try valueAndGradient(state.best, &gradient)
      result.gradientNorm = gradientNormForReport(gradient)
      result.evaluations += 1
      result.minimizer = state.best
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
      let batchValue = try valueWithGradient(
        at: parameters, rows: rows, into: &batchGradient, of: cost)
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
