import AutoDiff
import Optimization

/// What every model's `fit` shares: train from a start on a cost over the rows of a prepared
/// design, through the public training loop, then adopt the result. A model's `fit` overloads
/// prepare their data and forward here, so that a diverged run is an error and leaves the model
/// as it was, in every model alike.
@usableFromInline
protocol FittedModel {
  associatedtype Scalar: BinaryFloatingPoint & RealScalar & Sendable
  /// Takes the parameters of a finished run (and the standardizer of its design).
  mutating func adopt(_ result: MinimizationResult<Scalar>, _ design: DesignMatrix<Scalar>)
}

extension FittedModel {
  /// Full-batch training with any method, then ``adopt(_:_:)``.
  @inlinable
  mutating func fit<Method: DescentMethod<Scalar>>(
    _ design: DesignMatrix<Scalar>, from start: [Scalar], cost: BatchCost<Scalar>,
    using method: Method, options: MinimizationOptions<Scalar>,
    progress: (IterationReport<Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Scalar> {
    let result = try Training.full(
      start: start, rowCount: design.rowCount, cost: cost, using: method, options: options,
      progress: progress)
    adopt(result, design)
    return result
  }

  /// Full-batch, mini-batch or stochastic training with a first-order optimizer, then
  /// ``adopt(_:_:)``.
  @inlinable
  mutating func fit<Base: Optimizer<Scalar>>(
    _ design: DesignMatrix<Scalar>, from start: [Scalar], cost: BatchCost<Scalar>,
    using optimizer: Base, batching: Batching, seed: UInt64,
    options: MinimizationOptions<Scalar>,
    progress: (IterationReport<Scalar>) throws -> ProgressAction
  ) throws -> MinimizationResult<Scalar> {
    let result = try Training.batched(
      start: start, rowCount: design.rowCount, cost: cost, using: optimizer, batching: batching,
      seed: seed, options: options, progress: progress)
    adopt(result, design)
    return result
  }
}

/// The fraction of rows whose predicted class equals the label, for every classifier: the data
/// and labels checked first, as each model's `accuracy` documents.
@inlinable
func classificationAccuracy<T: BinaryFloatingPoint>(
  x: [[T]], labels: [Int], classCount: Int, predict: ([T]) throws -> Int
) throws -> Double {
  _ = try Validate.matrix(x, argument: "x")
  try Validate.sameCount(rows: x.count, labels.count, argument: "labels")
  try Validate.labels(labels, classCount: classCount)
  var correct = 0
  for (row, label) in zip(x, labels) where try predict(row) == label { correct += 1 }
  return Double(correct) / Double(x.count)
}
