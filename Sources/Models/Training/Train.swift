import AutoDiff
import Optimization

/// A cost over rows of data: J_B(θ), the cost of the parameters θ on the rows B of a data set
/// (their indices, in any order). The form ``train(_:rowCount:from:using:validation:options:checkpointing:progress:)``
/// takes.
///
/// ```swift
/// let cost: BatchCost<Double> = { p, rows in
///   var total: Variable<Double> = 0
///   for i in rows {
///     let r = p[0] * Variable(x[i]) + p[1] - Variable(y[i])
///     total += r * r
///   }
///   return total / Variable(Double(rows.count))
/// }
/// ```
///
/// Write it as a *mean* over the rows (not a sum), so that a batch's cost and gradient estimate
/// the whole set's at any batch size, and so that the learning rate does not depend on the batch
/// size. The rows arrive as a slice of an index list the loop keeps: nothing is copied per batch.
///
/// More rows than AutoDiff's `Parallelism.rowsPerBlock` (4096) are differentiated in blocks on
/// all cores, J_B = Σ_b (|b| / |B|) J_b, which the mean makes exact (see
/// `valueWithGradient(at:rows:into:of:)`): the cost is then called from several threads at
/// once, so it must not change anything it shares with other calls. The result does not depend
/// on the number of threads.
public typealias BatchCost<T: RealScalar> = ([Variable<T>], ArraySlice<Int>) throws -> Variable<T>

/// Evaluation on held-out data after every epoch, with optional early stopping.
///
/// ```swift
/// let validation = try Validation<Double>(patience: 10, minimumImprovement: 1e-4) { θ in
///   try meanSquaredError(θ, on: validationRows)   // lower is better
/// }
/// ```
///
/// The metric V(θ) is any function of the parameters where lower is better: the cost on a
/// validation set, an error rate, a negative accuracy. It is evaluated at the start and after
/// every epoch, recorded in the history (`HistoryEntry/validationMetric`) and handed to the
/// progress callback. With a patience p, the run stops at the first epoch that ends p epochs
/// without an improvement of at least δ (``minimumImprovement``),
///
/// ```
/// improved at epoch k  ⇔  V(θₖ) < V_best − δ,
/// ```
///
/// with `StopReason/earlyStopped(_:)`; and whenever a patience is set the run returns the
/// parameters of the best epoch, however it ends (except by divergence, which returns the best
/// parameters by training cost). A NaN metric never counts as an improvement.
public struct Validation<T: BinaryFloatingPoint> {
  /// V(θ), lower is better.
  public let metric: ([T]) throws -> T
  /// p, the epochs without improvement that stop the run; `nil` to only record the metric.
  public let patience: Int?
  /// δ ≥ 0, the least decrease of V that counts as an improvement.
  public let minimumImprovement: T

  /// Creates a validation.
  ///
  /// - Parameters:
  ///   - patience: p ≥ 1, or `nil` (the default) to record the metric without stopping early.
  ///   - minimumImprovement: δ ≥ 0, finite. Default 0.
  ///   - metric: V(θ), lower is better; evaluated without derivatives.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for a patience below
  ///   1 or a negative or non-finite δ.
  public init(
    patience: Int? = nil, minimumImprovement: T = 0, metric: @escaping ([T]) throws -> T
  ) throws {
    if let patience, patience < 1 {
      throw ModelError.invalidArgument(
        argument: "patience", value: "\(patience)",
        requirement: "at least 1 epoch, such as 10, or nil to record the metric only")
    }
    guard minimumImprovement >= 0, minimumImprovement.isFinite else {
      throw ModelError.invalidArgument(
        argument: "minimumImprovement", value: "\(Double(minimumImprovement))",
        requirement: "zero or positive and finite, such as 1e-4")
    }
    self.patience = patience
    self.minimumImprovement = minimumImprovement
    self.metric = metric
  }
}

/// Trains parameters on a cost over rows of data, with every row in every step: the public
/// training loop, for any method (`LBFGS` included).
///
/// ```swift
/// let result = try train(cost, rowCount: x.count, from: [0, 0], using: LBFGS())
/// ```
///
/// This is `minimize(_:from:using:bounds:options:progress:)` on J(θ) = J_B(θ) with B every row,
/// plus the optional ``Validation``: the same stop reasons, divergence report (the best
/// parameters returned), history, trace and progress callback. An iteration is an epoch.
///
/// - Parameters:
///   - cost: J_B(θ), a mean over the rows B; see ``BatchCost``.
///   - rowCount: n ≥ 1, the number of rows; the cost receives the indices 0..<n.
///   - start: θ₀.
///   - method: Any optimizer or `LBFGS`.
///   - validation: Evaluation on held-out data with optional early stopping; `nil` for none.
///   - options: Stopping criteria, history and trace.
///   - checkpointing: When to hand the run's complete state to a closure that saves it, such
///     as `.every(10) { try save($0) }` (see ``TrainingCheckpoint``); `nil` for none.
///   - progress: Called at the start and after every epoch.
/// - Returns: The result; a diverged run is a result, not an error, as in `minimize`.
/// - Throws: ``ModelError`` for a row count below 1; `OptimizationError` as `minimize` throws
///   it; what `cost`, the metric or `progress` throw.
@inlinable
@discardableResult
public func train<Method: DescentMethod>(
  _ cost: BatchCost<Method.Scalar>,
  rowCount: Int,
  from start: [Method.Scalar],
  using method: Method,
  validation: Validation<Method.Scalar>? = nil,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  checkpointing: Checkpointing<Method>? = nil,
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  try Training.checkRowCount(rowCount)
  return try Training.trainFull(
    cost, rowCount: rowCount, from: start, using: method, validation: validation,
    options: options, resume: nil, checkpointing: checkpointing, progress: progress)
}

/// Trains parameters on a cost over rows of data with full-batch, mini-batch or stochastic
/// updates of a first-order optimizer: the public training loop.
///
/// ```swift
/// let result = try train(
///   cost, rowCount: 1_600, from: start, using: Adam(learningRate: 0.01),
///   batching: .miniBatch(size: 32), seed: 7,
///   options: MinimizationOptions(maximumIterations: 200))   // 200 epochs
/// ```
///
/// One iteration of the driver is one epoch: the rows are shuffled with a ``SplitMix64``
/// generator seeded by `seed` (so a run is reproducible), cut into batches of the batching's
/// size (the last may be shorter), and the optimizer updates θ along ∇J_B(θ) of each batch in
/// turn; a learning-rate schedule steps once per update. Every row is in exactly one batch per
/// epoch. The batches are slices of one index list, so nothing is allocated per batch by the
/// loop.
///
/// After the epoch, the cost and gradient that the stopping criteria, the divergence test, the
/// history and the progress callback see are
///
/// | `evaluatesTrainingSet` | J and ∇J after an epoch |
/// | --- | --- |
/// | `true` (default) | of the whole training set at the epoch's final θ: one more evaluation |
/// | `false` | the means over the epoch's batches, each taken at the θ that batch saw |
///
/// Switch the evaluation off when an epoch is cheap next to evaluating every row (pure
/// stochastic training): the loop then costs no more than its updates; the gradient test then
/// reads a noisy average, so stop on iterations, time or validation instead.
///
/// Everything else — stop reasons, divergence (a result holding the best parameters),
/// validation and early stopping, trace, progress — is as in the full-batch form.
///
/// - Parameters:
///   - cost: J_B(θ), a mean over the rows B; see ``BatchCost``.
///   - rowCount: n ≥ 1.
///   - start: θ₀.
///   - optimizer: A first-order optimizer (L-BFGS needs the same cost at every step: use the
///     full-batch form).
///   - batching: ``Batching/full``, ``Batching/miniBatch(size:)`` or ``Batching/stochastic``.
///   - seed: Seeds the shuffles. Default 0.
///   - evaluatesTrainingSet: Whether to evaluate the whole training set after each epoch.
///     Default `true`.
///   - validation: Evaluation on held-out data with optional early stopping.
///   - options: Stopping criteria (an iteration is an epoch), history and trace.
///   - checkpointing: When to hand the run's complete state to a closure that saves it, such
///     as `.every(10) { try save($0) }` (see ``TrainingCheckpoint``); `nil` for none.
///   - progress: Called at the start and after every epoch.
/// - Throws: ``ModelError`` for a row count or batch size below 1; otherwise as the full-batch
///   form.
@inlinable
@discardableResult
public func train<Base: Optimizer>(
  _ cost: BatchCost<Base.Scalar>,
  rowCount: Int,
  from start: [Base.Scalar],
  using optimizer: Base,
  batching: Batching,
  seed: UInt64 = 0,
  evaluatesTrainingSet: Bool = true,
  validation: Validation<Base.Scalar>? = nil,
  options: MinimizationOptions<Base.Scalar> = MinimizationOptions(),
  checkpointing: Checkpointing<Base>? = nil,
  progress: (IterationReport<Base.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Base.Scalar> {
  try Training.checkRowCount(rowCount)
  if case .miniBatch(let size) = batching, size < 1 {
    throw ModelError.invalidArgument(
      argument: "batching", value: "\(batching)",
      requirement: "a batch size of at least 1, such as .miniBatch(size: 32)")
  }
  return try Training.trainBatched(
    cost, rowCount: rowCount, from: start, using: optimizer, batching: batching, seed: seed,
    evaluatesTrainingSet: evaluatesTrainingSet, validation: validation, options: options,
    resume: nil, checkpointing: checkpointing, progress: progress)
}

/// Resumes a full-batch training run from a checkpoint, continuing exactly as the uninterrupted
/// run would have.
///
/// ```swift
/// let saved = try JSONDecoder().decode(TrainingCheckpoint<LBFGS<Double>>.self, from: data)
/// let result = try train(cost, rowCount: n, resumingFrom: saved)
/// ```
///
/// Pass the same cost and data, the same `options` and the same validation as the interrupted
/// call: the method, its state, the parameters and the driver's state come from the
/// checkpoint. The result's iterations, evaluations and history count from the original start.
///
/// - Throws: ``ModelError`` when `rowCount` differs from the checkpoint's, or when the
///   checkpoint is from batched training (resume it with an optimizer type, which selects the
///   batched form); `OptimizationError` when `options` has another cost-change window; what the
///   cost, the metric, the checkpoint's save closure or `progress` throw.
@inlinable
@discardableResult
public func train<Method: DescentMethod>(
  _ cost: BatchCost<Method.Scalar>,
  rowCount: Int,
  resumingFrom saved: TrainingCheckpoint<Method>,
  validation: Validation<Method.Scalar>? = nil,
  options: MinimizationOptions<Method.Scalar> = MinimizationOptions(),
  checkpointing: Checkpointing<Method>? = nil,
  progress: (IterationReport<Method.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Method.Scalar> {
  try saved.check(rowCount: rowCount)
  guard saved.generator == nil else {
    throw ModelError.invalidArgument(
      argument: "resumingFrom", value: "a checkpoint of batched training (\(saved.batching))",
      requirement: "a checkpoint of full-batch training for this form; a batched run resumes "
        + "with its optimizer's type, TrainingCheckpoint<Adam<Double>> for instance")
  }
  return try Training.trainFull(
    cost, rowCount: rowCount, from: saved.parameters, using: saved.method,
    validation: validation, options: options, resume: saved, checkpointing: checkpointing,
    progress: progress)
}

/// Resumes a training run of a first-order optimizer from a checkpoint, batched or not,
/// continuing exactly as the uninterrupted run would have: the same shuffles, the same updates,
/// bit for bit, and the same stop.
///
/// ```swift
/// let saved = try JSONDecoder().decode(TrainingCheckpoint<Adam<Double>>.self, from: data)
/// let result = try train(cost, rowCount: n, resumingFrom: saved)
/// ```
///
/// The batching, seed, whole-set evaluation setting, optimizer state, shuffle state and
/// parameters come from the checkpoint; pass the same cost and data, `options` and validation as
/// the interrupted call.
///
/// - Throws: ``ModelError`` when `rowCount` differs from the checkpoint's;
///   `OptimizationError` when `options` has another cost-change window; what the cost, the
///   metric, the checkpoint's save closure or `progress` throw.
@inlinable
@discardableResult
public func train<Base: Optimizer>(
  _ cost: BatchCost<Base.Scalar>,
  rowCount: Int,
  resumingFrom saved: TrainingCheckpoint<Base>,
  validation: Validation<Base.Scalar>? = nil,
  options: MinimizationOptions<Base.Scalar> = MinimizationOptions(),
  checkpointing: Checkpointing<Base>? = nil,
  progress: (IterationReport<Base.Scalar>) throws -> ProgressAction = { _ in .continue }
) throws -> MinimizationResult<Base.Scalar> {
  try saved.check(rowCount: rowCount)
  return try Training.trainBatched(
    cost, rowCount: rowCount, from: saved.parameters, using: saved.method,
    batching: saved.batching, seed: saved.seed, evaluatesTrainingSet: saved.evaluatesTrainingSet,
    validation: validation, options: options, resume: saved, checkpointing: checkpointing,
    progress: progress)
}

/// When a training run hands its state to a closure that saves it, and the closure.
///
/// ```swift
/// checkpointing: .every(10) { checkpoint in
///   try JSONEncoder().encode(checkpoint).write(to: url)
/// }
/// ```
///
/// The closure receives a ``TrainingCheckpoint`` at every epoch that is a multiple of the
/// interval (epoch 0, the start, included), after that epoch's checks and before its step.
/// Building a checkpoint copies the parameters, the method's state and the history; saving is
/// up to the closure.
public struct Checkpointing<Method: DescentMethod> {
  /// Epochs between two checkpoints, at least 1.
  public let interval: Int
  /// Saves a checkpoint; an error it throws ends the run and is rethrown.
  public let save: (TrainingCheckpoint<Method>) throws -> Void

  /// A checkpoint at every epoch that is a multiple of `epochs`.
  ///
  /// - Parameters:
  ///   - epochs: The interval, at least 1 (checked when training starts).
  ///   - save: Receives each checkpoint.
  public static func every(
    _ epochs: Int, save: @escaping (TrainingCheckpoint<Method>) throws -> Void
  ) -> Self {
    Self(interval: epochs, save: save)
  }

  @inlinable
  func check() throws {
    guard interval >= 1 else {
      throw ModelError.invalidArgument(
        argument: "checkpointing", value: "every \(interval) epochs",
        requirement: "an interval of at least 1 epoch, such as .every(10) { … }")
    }
  }
}
