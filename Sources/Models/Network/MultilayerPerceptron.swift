import AutoDiff
import Optimization

/// A fully connected neural network: dense layers of chosen widths with a tanh, ReLU or sigmoid
/// activation between them and a linear output layer, trained by minimizing a mean squared error
/// (regression) or a cross-entropy (classification).
///
/// For layer sizes n₀ (inputs), n₁, …, n_L (outputs), with a⁽⁰⁾ = x:
///
/// ```
/// z⁽ˡ⁾ = W⁽ˡ⁾·a⁽ˡ⁻¹⁾ + b⁽ˡ⁾        W⁽ˡ⁾ is n_l × n_{l−1}
/// a⁽ˡ⁾ = φ(z⁽ˡ⁾) for l < L,  ŷ = z⁽ᴸ⁾
/// ```
///
/// The losses, over n rows:
///
/// | `fit` | outputs | loss |
/// | --- | --- | --- |
/// | `fit(x:y:…)` | any | (1/(n·n_L)) Σᵢ ‖ŷᵢ − yᵢ‖² |
/// | `fit(x:labels:…)`, labels 0/1 | 1 | (1/n) Σᵢ [log(1 + e^{ŷᵢ}) − yᵢ·ŷᵢ] (sigmoid cross-entropy) |
/// | `fit(x:labels:…)`, labels 0..<K | K ≥ 2 | (1/n) Σᵢ [log Σ_c e^{ŷ_{i,c}} − ŷ_{i,yᵢ}] (softmax cross-entropy) |
///
/// ```swift
/// var network = try MultilayerPerceptron<Double>(
///   layerSizes: [4, 8, 3], activation: .tanh, standardizesFeatures: true, seed: 1)
/// try network.fit(x: training.features, labels: training.labels(), using: LBFGS())
/// print(try network.accuracy(x: test.features, labels: test.labels()))
/// ```
///
/// ``parameters`` is one flat vector — for each layer in turn, W⁽ˡ⁾ row by row, then b⁽ˡ⁾ — so
/// that every optimizer applies to it as it is. Initialization is deterministic: weights are
/// drawn from a ``SplitMix64`` generator seeded by `seed`, uniformly in ±√(6/(n_in + n_out))
/// (Glorot & Bengio 2010) for tanh and sigmoid and ±√(6/n_in) (He et al. 2015) for ReLU; biases
/// start at zero. Fitting again continues from the current parameters.
///
/// A network is `Codable`: its encoding holds everything it predicts with, the ``standardizer``
/// included, and a decoded network equals the saved one and predicts the same numbers, bit for
/// bit. Save the whole network rather than its ``parameters`` alone:
///
/// ```swift
/// let data = try JSONEncoder().encode(network)
/// let restored = try JSONDecoder().decode(MultilayerPerceptron<Double>.self, from: data)
/// ```
///
/// ``setParameters(_:standardizer:)`` restores parameters kept some other way, with the
/// standardizer they were trained with.
public struct MultilayerPerceptron<T: BinaryFloatingPoint & RealScalar & Sendable>: Equatable,
  Sendable
{
  /// The nonlinearity φ between layers.
  public enum Activation: String, Sendable, Hashable, CaseIterable {
    /// φ(z) = tanh z.
    case tanh
    /// φ(z) = max(0, z).
    case relu
    /// φ(z) = 1 / (1 + e⁻ᶻ).
    case sigmoid
  }

  /// n₀, n₁, …, n_L: the inputs, the hidden widths and the outputs.
  public let layerSizes: [Int]
  /// φ, applied after every layer but the last.
  public let activation: Activation
  /// Whether `fit` standardizes the inputs (the standardizer is then kept and applied to every
  /// input the network is asked to predict).
  public let standardizesFeatures: Bool
  /// All weights and biases, layer after layer: W⁽ˡ⁾ row-major, then b⁽ˡ⁾.
  public internal(set) var parameters: [T]
  /// The standardizer fitted to the training inputs, when ``standardizesFeatures``.
  public internal(set) var standardizer: Standardizer<T>? = nil
  /// The loss at the fitted parameters, on the training data.
  public internal(set) var trainingCost: T? = nil

  /// A network with freshly initialized parameters.
  ///
  /// - Parameters:
  ///   - layerSizes: At least two sizes (inputs and outputs), each from 1 to 2²⁰, with at most
  ///     2²⁸ weights and biases in all.
  ///   - activation: φ. Default `.tanh`.
  ///   - standardizesFeatures: Standardize the inputs. Default `false`.
  ///   - seed: Seeds the initialization. Default 0.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for invalid sizes.
  public init(
    layerSizes: [Int], activation: Activation = .tanh, standardizesFeatures: Bool = false,
    seed: UInt64 = 0
  ) throws {
    try Self.checkLayerSizes(layerSizes)
    self.layerSizes = layerSizes
    self.activation = activation
    self.standardizesFeatures = standardizesFeatures
    var generator = SplitMix64(seed: seed)
    var parameters: [T] = []
    for l in 1..<layerSizes.count {
      let fanIn = layerSizes[l - 1]
      let fanOut = layerSizes[l]
      let bound =
        activation == .relu
        ? (6 / Double(fanIn)).squareRoot() : (6 / Double(fanIn + fanOut)).squareRoot()
      for _ in 0..<(fanIn * fanOut) {
        let unit = Double(generator.next() >> 11) * 0x1p-53  // uniform in [0, 1)
        parameters.append(T((2 * unit - 1) * bound))
      }
      parameters += [T](repeating: 0, count: fanOut)
    }
    self.parameters = parameters
  }

  /// Checks the sizes the initializer accepts, and returns the number of weights and biases.
  @discardableResult
  static func checkLayerSizes(_ layerSizes: [Int]) throws -> Int {
    guard layerSizes.count >= 2, layerSizes.allSatisfy({ $0 >= 1 && $0 <= 1 << 20 }) else {
      throw ModelError.invalidArgument(
        argument: "layerSizes", value: "\(layerSizes)",
        requirement: "at least two sizes, each from 1 to 1048576, such as [4, 8, 3]")
    }
    var count = 0
    for l in 1..<layerSizes.count {
      count += (layerSizes[l - 1] + 1) * layerSizes[l]
      guard count <= 1 << 28 else {
        throw ModelError.invalidArgument(
          argument: "layerSizes", value: "\(layerSizes)",
          requirement: "at most 2²⁸ weights and biases in all (this network needs more)")
      }
    }
    return count
  }

  /// n₀, the number of inputs.
  public var inputCount: Int { layerSizes[0] }
  /// n_L, the number of outputs.
  public var outputCount: Int { layerSizes[layerSizes.count - 1] }
  /// The number of weights and biases: Σ_l (n_{l−1} + 1)·n_l.
  public var parameterCount: Int { parameters.count }

  /// Replaces every weight and bias, and the standardizer the network applies to its inputs:
  /// everything a prediction needs besides the layer sizes and the activation.
  ///
  /// A network that standardizes its inputs (``standardizesFeatures``) learns its parameters
  /// for standardized inputs, so they predict the right numbers only with the standardizer they
  /// were trained with. Pass the two together, as saved from the same network:
  ///
  /// ```swift
  /// let saved = (trained.parameters, trained.standardizer)
  /// var restored = try MultilayerPerceptron<Double>(
  ///   layerSizes: [4, 8, 3], standardizesFeatures: true)
  /// try restored.setParameters(saved.0, standardizer: saved.1)
  /// ```
  ///
  /// Saving the whole network with `Codable` keeps all of it in one value instead:
  /// `JSONEncoder().encode(network)`, then
  /// `JSONDecoder().decode(MultilayerPerceptron<Double>.self, from: data)`.
  ///
  /// The network's ``trainingCost`` becomes `nil`: it was the cost of the replaced parameters.
  /// To start training from chosen parameters with standardized inputs, pass
  /// `try Standardizer(fitting: x)`, the standardizer `fit` computes from the same `x`.
  ///
  /// - Parameters:
  ///   - parameters: ``parameterCount`` finite values, laid out as ``parameters``.
  ///   - standardizer: The standardizer saved with `parameters`, with ``inputCount`` features,
  ///     when the network standardizes its inputs; `nil` (the default) when it does not.
  /// - Throws: ``ModelError`` when the count of `parameters` differs from ``parameterCount``, a
  ///   value is not finite, the standardizer is missing for a network that standardizes its
  ///   inputs, given to one that does not, or of another width. The network is then unchanged.
  public mutating func setParameters(_ parameters: [T], standardizer: Standardizer<T>? = nil)
    throws
  {
    guard parameters.count == parameterCount else {
      throw ModelError.sizeMismatch(
        argument: "parameters", expected: parameterCount, actual: parameters.count,
        advice: "pass one value per weight and bias of layers \(layerSizes).")
    }
    try Validate.vector(parameters, argument: "parameters")
    switch (standardizesFeatures, standardizer) {
    case (true, nil):
      throw ModelError.invalidArgument(
        argument: "standardizer", value: "nil",
        requirement: "the standardizer saved with these parameters, because the network "
          + "standardizes its inputs (without it, the parameters predict wrong numbers): pass "
          + "`standardizer: trained.standardizer`, or save and load the whole network with "
          + "Codable")
    case (false, .some):
      throw ModelError.invalidArgument(
        argument: "standardizer", value: "a standardizer",
        requirement: "nil, because the network does not standardize its inputs; to restore "
          + "parameters trained on standardized inputs, create the network with "
          + "`standardizesFeatures: true`")
    case (true, .some(let standardizer)) where standardizer.featureCount != inputCount:
      throw ModelError.sizeMismatch(
        argument: "standardizer", expected: inputCount, actual: standardizer.featureCount,
        advice: "pass the standardizer saved with these parameters, one mean and deviation per "
          + "input of the network.")
    default:
      break
    }
    self.parameters = parameters
    self.standardizer = standardizer
    trainingCost = nil
  }

  // MARK: Prediction

  /// ŷ, the network's outputs for one input: the raw scores of the last (linear) layer.
  ///
  /// - Throws: ``ModelError`` for an input of another size.
  @inlinable
  public func predict(_ input: [T]) throws -> [T] {
    guard input.count == inputCount else {
      throw ModelError.sizeMismatch(
        argument: "input", expected: inputCount, actual: input.count,
        advice: "the network has \(inputCount) inputs.")
    }
    return Self.forward(parameters, standardizer?.transform(input) ?? input, self.shape)
  }

  /// Class probabilities: softmax of the outputs (K ≥ 2 outputs), or [1 − σ(ŷ), σ(ŷ)] for one.
  @inlinable
  public func probabilities(_ input: [T]) throws -> [T] {
    let output = try predict(input)
    if output.count == 1 {
      let p = sigmoid(output[0])
      return [1 - p, p]
    }
    return Softmax.probabilities(output)
  }

  /// The most probable class.
  @inlinable
  public func predictClass(_ input: [T]) throws -> Int {
    Softmax.argmax(try probabilities(input))
  }

  /// The fraction of rows whose most probable class equals the label.
  ///
  /// - Throws: ``ModelError`` for empty data, mismatched sizes, or labels that are not classes.
  public func accuracy(x: [[T]], labels: [Int]) throws -> Double {
    try classificationAccuracy(x: x, labels: labels, classCount: Swift.max(outputCount, 2)) {
      try predictClass($0)
    }
  }

  // MARK: Fitting

  /// Fits the parameters to targets by minimizing the mean squared error with `method`.
  ///
  /// - Parameters:
  ///   - x: n rows of ``inputCount`` features; finite.
  ///   - y: n rows of ``outputCount`` targets; finite.
  ///   - method: Any optimizer, or `LBFGS`.
  ///   - options: Stopping criteria, history and trace.
  ///   - progress: Called at every iteration.
  /// - Returns: The run's result; its `minimizer` equals the new ``parameters``.
  /// - Throws: ``ModelError`` for bad data or a diverging run; the network is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [[T]], y: [[T]], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, targets) = try prepare(x: x, y: y)
    return try fit(
      design, from: parameters,
      cost: Self.squaredErrorCost(design, targets, shape), using: method, options: options,
      progress: progress)
  }

  /// Fits the parameters to targets with full-batch, mini-batch or stochastic updates.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [[T]], y: [[T]], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let (design, targets) = try prepare(x: x, y: y)
    return try fit(
      design, from: parameters,
      cost: Self.squaredErrorCost(design, targets, shape), using: optimizer,
      batching: batching, seed: seed, options: options, progress: progress)
  }

  /// Fits the parameters to class labels by minimizing the cross-entropy with `method`:
  /// softmax cross-entropy for K ≥ 2 outputs (labels 0..<K), sigmoid cross-entropy for one
  /// output (labels 0 and 1).
  ///
  /// - Throws: ``ModelError`` for bad data, a label that is not a class, or a diverging run;
  ///   the network is then unchanged.
  @inlinable
  @discardableResult
  public mutating func fit<Method: DescentMethod<T>>(
    x: [[T]], labels: [Int], using method: Method,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let design = try prepare(x: x, labels: labels)
    return try fit(
      design, from: parameters,
      cost: Self.crossEntropyCost(design, labels, shape), using: method, options: options,
      progress: progress)
  }

  /// Fits the parameters to class labels with full-batch, mini-batch or stochastic updates.
  @inlinable
  @discardableResult
  public mutating func fit<Base: Optimizer<T>>(
    x: [[T]], labels: [Int], using optimizer: Base, batching: Batching, seed: UInt64 = 0,
    options: MinimizationOptions<T> = MinimizationOptions(),
    progress: (IterationReport<T>) throws -> ProgressAction = { _ in .continue }
  ) throws -> MinimizationResult<T> {
    let design = try prepare(x: x, labels: labels)
    return try fit(
      design, from: parameters,
      cost: Self.crossEntropyCost(design, labels, shape), using: optimizer,
      batching: batching, seed: seed, options: options, progress: progress)
  }

  // MARK: Internals

  /// The sizes and the activation, everything the forward pass needs besides the parameters.
  @usableFromInline
  struct Shape: Sendable {
    @usableFromInline let sizes: [Int]
    @usableFromInline let activation: Activation
    @inlinable init(sizes: [Int], activation: Activation) {
      self.sizes = sizes
      self.activation = activation
    }
  }

  @inlinable
  var shape: Shape { Shape(sizes: layerSizes, activation: activation) }

  /// The forward pass, for plain numbers and tracked variables alike.
  @inlinable
  static func forward<S: RealScalar>(_ p: [S], _ input: [S], _ shape: Shape) -> [S] {
    var a = input
    var offset = 0
    let last = shape.sizes.count - 1
    for l in 1...last {
      let fanIn = shape.sizes[l - 1]
      let fanOut = shape.sizes[l]
      let biases = offset + fanIn * fanOut
      var z = [S]()
      z.reserveCapacity(fanOut)
      for o in 0..<fanOut {
        var total = p[biases + o]
        let row = offset + o * fanIn
        for i in 0..<fanIn { total += p[row + i] * a[i] }
        if l == last {
          z.append(total)
        } else {
          switch shape.activation {
          case .tanh: z.append(tanh(total))
          case .relu: z.append(relu(total))
          case .sigmoid: z.append(sigmoid(total))
          }
        }
      }
      a = z
      offset = biases + fanOut
    }
    return a
  }

  /// The forward pass over a tracked parameter vector for row i of the design.
  @inlinable
  static func forward(_ p: [Variable<T>], _ design: DesignMatrix<T>, row i: Int, _ shape: Shape)
    -> [Variable<T>]
  {
    let base = i * design.width
    let input = (0..<design.width).map { Variable(constant: design.values[base + $0]) }
    return forward(p, input, shape)
  }

  /// The forward pass over a whole batch: Aₗ = φ(Aₗ₋₁ Wₗᵀ + bₗ), one matrix product per layer
  /// (each row of Aₗ a point; Wₗ the fanOut × fanIn block of weights, bₗ its biases as a row).
  @inlinable
  static func forward(
    _ p: VariableVector<T>, _ input: VariableMatrix<T>, _ shape: Shape
  ) -> VariableMatrix<T> {
    var a = input
    var offset = 0
    let last = shape.sizes.count - 1
    for l in 1...last {
      let fanIn = shape.sizes[l - 1]
      let fanOut = shape.sizes[l]
      let biases = offset + fanIn * fanOut
      let weights = p[offset..<biases].reshaped(rows: fanOut, columns: fanIn)
      let bias = p[biases..<(biases + fanOut)].reshaped(rows: 1, columns: fanOut)
      let z = matmul(a, weights.transposed()) + bias
      if l == last {
        a = z
      } else {
        switch shape.activation {
        case .tanh: a = tanh(z)
        case .relu: a = relu(z)
        case .sigmoid: a = sigmoid(z)
        }
      }
      offset = biases + fanOut
    }
    return a
  }

  /// Roughly the operations the scalar form records per row: two per weight.
  @inlinable
  static func operationsPerRow(_ shape: Shape) -> Int {
    var total = 0
    for l in 1..<shape.sizes.count { total += 2 * (shape.sizes[l - 1] + 1) * shape.sizes[l] }
    return total
  }

  /// (1/(|B|·n_L)) Σ_{i∈B} ‖ŷᵢ − yᵢ‖²: over a batch of more than a few rows, the mean of
  /// (Ŷ_B − Y_B)² with the forward pass over the whole batch; over a few rows, row by row with
  /// scalar variables.
  @inlinable
  static func squaredErrorCost(_ design: DesignMatrix<T>, _ y: [T], _ shape: Shape)
    -> BatchCost<T>
  {
    let outputs = shape.sizes[shape.sizes.count - 1]
    let features = BatchArrays(design)
    let targets = BatchArrays(values: y, rowCount: design.rowCount, columns: outputs)
    let work = operationsPerRow(shape)
    return { p, rows in
      guard BatchArrays<T>.usesArrays(rows: rows.count, operationsPerRow: work) else {
        return scalarSquaredErrorCost(design, y, shape, p, rows)
      }
      let prediction = forward(VariableVector(p), features.matrix(rows), shape)
      return mean(pow(prediction - targets.matrix(rows), 2))
    }
  }

  /// The squared error written with scalar variables, row by row.
  @inlinable
  static func scalarSquaredErrorCost(
    _ design: DesignMatrix<T>, _ y: [T], _ shape: Shape, _ p: [Variable<T>],
    _ rows: ArraySlice<Int>
  ) -> Variable<T> {
    let outputs = shape.sizes[shape.sizes.count - 1]
    var total: Variable<T> = 0
    for i in rows {
      let prediction = forward(p, design, row: i, shape)
      for o in 0..<outputs {
        let residual = prediction[o] - Variable(y[i * outputs + o])
        total += residual * residual
      }
    }
    return total / Variable(T(rows.count * outputs))
  }

  /// Softmax (K ≥ 2 outputs) or sigmoid (one output) cross-entropy, averaged over the batch:
  /// over a batch of more than a few rows, `crossEntropy(logits:labels:)` of the scores of the
  /// whole batch, or the mean of softplus(sᵢ zᵢ) with sᵢ = 1 − 2yᵢ for one output; over a few
  /// rows, row by row with scalar variables.
  @inlinable
  static func crossEntropyCost(_ design: DesignMatrix<T>, _ labels: [Int], _ shape: Shape)
    -> BatchCost<T>
  {
    let features = BatchArrays(design)
    let signs = BatchArrays(
      values: labels.map { T($0 == 1 ? -1 : 1) }, rowCount: labels.count, columns: 1)
    let work = operationsPerRow(shape)
    return { p, rows in
      guard BatchArrays<T>.usesArrays(rows: rows.count, operationsPerRow: work) else {
        return scalarCrossEntropyCost(design, labels, shape, p, rows)
      }
      let scores = forward(VariableVector(p), features.matrix(rows), shape)
      if scores.columns == 1 {
        // log(1 + e^z) − y·z = softplus(s·z), s = 1 − 2y.
        return mean(softplus(scores * signs.matrix(rows)))
      }
      let batchLabels = features.coversAll(rows) ? labels : rows.map { labels[$0] }
      return crossEntropy(logits: scores, labels: batchLabels)
    }
  }

  /// The cross-entropy written with scalar variables, row by row.
  @inlinable
  static func scalarCrossEntropyCost(
    _ design: DesignMatrix<T>, _ labels: [Int], _ shape: Shape, _ p: [Variable<T>],
    _ rows: ArraySlice<Int>
  ) -> Variable<T> {
    var total: Variable<T> = 0
    for i in rows {
      let scores = forward(p, design, row: i, shape)
      if scores.count == 1 {
        total += labels[i] == 1 ? softplus(-scores[0]) : softplus(scores[0])
      } else {
        total += Softmax.logSumExp(scores) - scores[labels[i]]
      }
    }
    return total / Variable(T(rows.count))
  }

  @inlinable
  func prepare(x: [[T]], y: [[T]]) throws -> (DesignMatrix<T>, [T]) {
    let design = try prepare(x: x)
    let width = try Validate.matrix(y, argument: "y")
    try Validate.sameCount(rows: design.rowCount, y.count, argument: "y")
    guard width == outputCount else {
      throw ModelError.sizeMismatch(
        argument: "y[0]", expected: outputCount, actual: width,
        advice: "pass one target per output of the network.")
    }
    return (design, y.flatMap { $0 })
  }

  @inlinable
  func prepare(x: [[T]], labels: [Int]) throws -> DesignMatrix<T> {
    let design = try prepare(x: x)
    try Validate.sameCount(rows: design.rowCount, labels.count, argument: "labels")
    try Validate.labels(labels, classCount: Swift.max(outputCount, 2))
    return design
  }

  @inlinable
  func prepare(x: [[T]]) throws -> DesignMatrix<T> {
    let design = try DesignMatrix(rows: x, argument: "x", standardize: standardizesFeatures)
    guard design.width == inputCount else {
      throw ModelError.sizeMismatch(
        argument: "x[0]", expected: inputCount, actual: design.width,
        advice: "the network has \(inputCount) inputs.")
    }
    return design
  }

  @usableFromInline
  mutating func adopt(_ result: MinimizationResult<T>, _ design: DesignMatrix<T>) {
    parameters = result.minimizer
    standardizer = design.standardizer
    trainingCost = result.value
  }
}

extension MultilayerPerceptron: FittedModel {}
