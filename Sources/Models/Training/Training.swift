import AutoDiff
import Optimization

/// A model's cost over a subset of the training rows: J_B(θ) for the rows B.
@usableFromInline
typealias BatchCost<T: RealScalar> = ([Variable<T>], ArraySlice<Int>) -> Variable<T>

/// The training loop every model shares. Full-batch training is ``minimize(_:from:using:bounds:options:progress:)``
/// itself; batched training is the same driver with one epoch of batch updates as its step, so the
/// stopping criteria, divergence detection, history and trace are written once, in the driver.
@usableFromInline
enum Training {
  /// Trains on every row at every step, with any method (L-BFGS included).
  @inlinable
  static func full<Method: DescentMethod>(
    start: [Method.Scalar], rowCount: Int, cost: BatchCost<Method.Scalar>, using method: Method,
    options: MinimizationOptions<Method.Scalar>,
    progress: (IterationReport<Method.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Method.Scalar> {
    let rows = Array(0..<rowCount)[...]
    let result = try explainingStart {
      try minimize(
        { p in cost(p, rows) }, from: start, using: method, options: options, progress: progress)
    }
    try rejectDivergence(result)
    return result
  }

  /// Trains with ``Batching``: each iteration of the driver is one epoch of batch updates.
  @inlinable
  static func batched<Base: Optimizer>(
    start: [Base.Scalar], rowCount: Int, cost: @escaping BatchCost<Base.Scalar>,
    using optimizer: Base, batching: Batching, seed: UInt64,
    options: MinimizationOptions<Base.Scalar>,
    progress: (IterationReport<Base.Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Base.Scalar> {
    if case .full = batching {
      return try full(
        start: start, rowCount: rowCount, cost: cost, using: optimizer, options: options,
        progress: progress)
    }
    if case .miniBatch(let size) = batching, size < 1 {
      throw ModelError.invalidArgument(
        argument: "batching", value: "\(batching)",
        requirement: "a batch size of at least 1, such as .miniBatch(size: 32)")
    }
    let epoch = EpochOfBatches(
      base: optimizer, rowCount: rowCount,
      batchSize: Swift.min(batching.batchSize(rowCount: rowCount), rowCount), seed: seed,
      cost: cost)
    let rows = Array(0..<rowCount)[...]
    let result = try explainingStart {
      try minimize(
        valueAndGradient: { point, gradient in
          valueWithGradient(at: point, into: &gradient) { p in cost(p, rows) }
        }, from: start, using: epoch, options: options, progress: progress)
    }
    try rejectDivergence(result)
    return result
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
  @usableFromInline let cost: BatchCost<Scalar>

  @inlinable
  init(base: Base, rowCount: Int, batchSize: Int, seed: UInt64, cost: @escaping BatchCost<Scalar>) {
    self.base = base
    self.rowCount = rowCount
    self.batchSize = batchSize
    self.seed = seed
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
    while first < rowCount {
      let rows = order[first..<Swift.min(first + batchSize, rowCount)]
      _ = valueWithGradient(at: parameters, into: &batchGradient) { p in cost(p, rows) }
      try base.update(&parameters, along: batchGradient)
      first += batchSize
    }
    value = try objective(parameters, &gradient)
    return .advanced
  }

  @inlinable
  mutating func reset() {
    base.reset()
    generator = SplitMix64(seed: seed)
    order = Array(0..<rowCount)
  }
}
