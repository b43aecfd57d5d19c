import Optimization

/// The complete state of a training run between two epochs, from which
/// ``train(_:rowCount:resumingFrom:validation:options:checkpointing:progress:)-(_,_,TrainingCheckpoint<Base>,_,_,_,_)`` continues exactly
/// as the uninterrupted run would have: the same parameters, bit for bit, and the same stop.
///
/// ```swift
/// // Save every 10 epochs.
/// let result = try train(
///   cost, rowCount: n, from: start, using: Adam(learningRate: 0.01),
///   batching: .miniBatch(size: 32), seed: 7,
///   checkpointing: .every(10) { checkpoint in
///     try JSONEncoder().encode(checkpoint).write(to: url)
///   })
///
/// // Later, or in another process: the same cost and row count, the saved state.
/// let saved = try JSONDecoder().decode(
///   TrainingCheckpoint<Adam<Double>>.self, from: Data(contentsOf: url))
/// let resumed = try train(cost, rowCount: n, resumingFrom: saved)
/// ```
///
/// A checkpoint holds the parameters, the method's state (Adam's moments and step count,
/// L-BFGS's curvature pairs, a schedule's step), the shuffle generator and the order of the rows,
/// the batching settings and seed, the driver's state (iteration, best point, the costs the
/// stopping criteria compare against, the history so far) and the validation's progress. It is
/// `Codable` when the method is (every optimizer of the package is), and carries a format
/// version. The cost itself is code, not data: resume with the same cost and data.
///
/// A checkpoint is taken after an epoch's checks (criteria, progress callback, validation) and
/// before its step; the next epoch of the resumed run is the one after ``epoch``.
public struct TrainingCheckpoint<Method: DescentMethod> {
  /// The format version this library writes and reads.
  public static var formatVersion: Int { 1 }

  /// The epoch (iteration) the checkpoint was taken at.
  public var epoch: Int { run.iteration }
  /// θ at that epoch.
  public var parameters: [Method.Scalar] { run.parameters }
  /// The number of rows the run trained on.
  public let rowCount: Int
  /// The method, with its state: for batched training, the optimizer.
  public let method: Method
  /// The batching of the run; ``Batching/full`` for full-batch training.
  public let batching: Batching
  /// The seed of the shuffles.
  public let seed: UInt64
  /// Whether the run evaluates the whole training set after each epoch.
  public let evaluatesTrainingSet: Bool

  @usableFromInline let run: RunState<Method.Scalar>
  /// The shuffle generator and the current order of the rows; `nil` for full-batch training.
  @usableFromInline let generator: SplitMix64?
  @usableFromInline let order: [Int]?
  @usableFromInline let validation: ValidationProgress<Method.Scalar>?

  @inlinable
  init(
    rowCount: Int, method: Method, batching: Batching, seed: UInt64,
    evaluatesTrainingSet: Bool, run: RunState<Method.Scalar>, generator: SplitMix64?,
    order: [Int]?, validation: ValidationProgress<Method.Scalar>?
  ) {
    self.rowCount = rowCount
    self.method = method
    self.batching = batching
    self.seed = seed
    self.evaluatesTrainingSet = evaluatesTrainingSet
    self.run = run
    self.generator = generator
    self.order = order
    self.validation = validation
  }

  /// Checks that the checkpoint fits a resumed call.
  @inlinable
  func check(rowCount: Int) throws {
    guard rowCount == self.rowCount else {
      throw ModelError.invalidArgument(
        argument: "rowCount", value: "\(rowCount)",
        requirement: "the row count of the checkpointed run, \(self.rowCount): resume with the "
          + "same data")
    }
  }
}

extension TrainingCheckpoint: Sendable where Method: Sendable, Method.Scalar: Sendable {}

extension TrainingCheckpoint: Codable where Method: Codable, Method.Scalar: Codable {
  private enum CodingKeys: String, CodingKey {
    case type, version, rowCount, method, batching, seed, evaluatesTrainingSet, run, generator,
      order, validation
  }

  /// Decodes a checkpoint, rejecting another format, a newer version, or an inconsistent one.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try ModelArchive.checkHeader(
      container, typeKey: .type, versionKey: .version, name: "TrainingCheckpoint",
      noun: "training checkpoint", format: "checkpoint", newest: Self.formatVersion)
    rowCount = try container.decode(Int.self, forKey: .rowCount)
    method = try container.decode(Method.self, forKey: .method)
    batching = try container.decode(Batching.self, forKey: .batching)
    let batchSize = batching.batchSize(rowCount: 1)
    seed = try container.decode(UInt64.self, forKey: .seed)
    evaluatesTrainingSet = try container.decode(Bool.self, forKey: .evaluatesTrainingSet)
    run = try container.decode(RunState<Method.Scalar>.self, forKey: .run)
    generator = try container.decodeIfPresent(SplitMix64.self, forKey: .generator)
    order = try container.decodeIfPresent([Int].self, forKey: .order)
    validation = try container.decodeIfPresent(
      ValidationProgress<Method.Scalar>.self, forKey: .validation)
    guard rowCount >= 1, batchSize >= 1,
      (order == nil) == (generator == nil),
      order.map({ $0.count == rowCount && Set($0) == Set(0..<rowCount) }) ?? true,
      run.parameters.count == run.gradient.count, run.best.count == run.parameters.count
    else {
      throw ModelError.invalidArgument(
        argument: "checkpoint", value: "inconsistent (its sizes disagree)",
        requirement: "a checkpoint written by TrainingCheckpoint's own encoding, unedited")
    }
  }

  /// Encodes the checkpoint with its type name and format version.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("TrainingCheckpoint", forKey: .type)
    try container.encode(Self.formatVersion, forKey: .version)
    try container.encode(rowCount, forKey: .rowCount)
    try container.encode(method, forKey: .method)
    try container.encode(batching, forKey: .batching)
    try container.encode(seed, forKey: .seed)
    try container.encode(evaluatesTrainingSet, forKey: .evaluatesTrainingSet)
    try container.encode(run, forKey: .run)
    try container.encodeIfPresent(generator, forKey: .generator)
    try container.encodeIfPresent(order, forKey: .order)
    try container.encodeIfPresent(validation, forKey: .validation)
  }
}
