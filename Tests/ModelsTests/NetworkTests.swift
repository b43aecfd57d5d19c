import AutoDiff
import Foundation
import Models
import Optimization
import Testing

/// MultilayerPerceptron: its gradient against finite differences for every activation and loss,
/// its initialization, and what it learns: iris, a smooth function, and XOR.
@Suite struct NetworkTests {
  typealias Network = MultilayerPerceptron<Double>

  // MARK: - Iris

  /// Iris split 105/45 with seed 42, the split of the Dataset documentation's example.
  ///
  /// Some other splits (seeds 3, 4 and 7) put several of the overlapping versicolor and virginica
  /// flowers in the test set, where even softmax regression stays at 91 %.
  static func irisSplit() throws -> (training: Dataset<Double>, test: Dataset<Double>) {
    try Fixtures.iris().split(testFraction: 0.3, seed: 42)
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func classifiesIris(initializationSeed: UInt64) throws {
    let (training, test) = try Self.irisSplit()
    var network = try Network(
      layerSizes: [4, 8, 3], activation: .tanh, standardizesFeatures: true,
      seed: initializationSeed)
    let result = try network.fit(
      x: training.features, labels: training.labels(), using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-6, maximumIterations: 200))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    #expect(try network.accuracy(x: test.features, labels: test.labels()) >= 0.95)
    #expect(try network.accuracy(x: training.features, labels: training.labels()) >= 0.98)
    for row in test.features.prefix(10) {
      let p = try network.probabilities(row)
      #expect(p.count == 3)
      #expect(abs(sum(p) - 1) <= 1e-12)
      #expect(p[try network.predictClass(row)] == p.max())
    }
  }

  // MARK: - Regression

  @Test func fitsASmoothFunction() throws {
    // y = sin(x) at 25 points of [−3, 3]; checked between the training points too.
    let x = (0..<25).map { -3 + 0.25 * Double($0) }
    var network = try Network(layerSizes: [1, 10, 1], activation: .tanh, seed: 3)
    let result = try network.fit(
      x: x.map { [$0] }, y: x.map { [sin($0)] }, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: 500))
    #expect(result.value < 1e-5)
    #expect(try #require(network.trainingCost) == result.value)
    for k in 0..<24 {
      let between = -2.875 + 0.25 * Double(k)
      let prediction = try network.predict([between])
      #expect(prediction.count == 1)
      #expect(abs(prediction[0] - sin(between)) < 0.01, "at \(between)")
    }
  }

  @Test func fitsSeveralOutputs() throws {
    // Two targets per row, y = (x₀ + x₁, x₀ − x₁): a linear network recovers them exactly.
    let x: [[Double]] = [[0, 0], [1, 0], [0, 1], [1, 1], [2, -1], [-1, 3]]
    let y = x.map { [$0[0] + $0[1], $0[0] - $0[1]] }
    var network = try Network(layerSizes: [2, 2], seed: 1)
    try network.fit(
      x: x, y: y, using: LBFGS(), options: MinimizationOptions(gradientTolerance: 1e-12))
    let prediction = try network.predict([0.5, 2])
    #expect(abs(prediction[0] - 2.5) <= 1e-9)
    #expect(abs(prediction[1] + 1.5) <= 1e-9)
    // W row by row, then b: W = [[1, 1], [1, −1]], b = 0.
    let expected: [Double] = [1, 1, 1, -1, 0, 0]
    #expect(zip(network.parameters, expected).allSatisfy { abs($0 - $1) <= 1e-9 })
  }

  // MARK: - One sigmoid output

  /// XOR at the four corners, each repeated with a small jitter: not linearly separable.
  static let xor: (x: [[Double]], labels: [Int]) = {
    var x: [[Double]] = []
    var labels: [Int] = []
    let jitter: [Double] = [0, 0.1, -0.1]
    for a in [0.0, 1.0] {
      for b in [0.0, 1.0] {
        for (k, d) in jitter.enumerated() {
          x.append([a + d, b - jitter[(k + 1) % 3]])
          labels.append(a == b ? 0 : 1)
        }
      }
    }
    return (x, labels)
  }()

  @Test func learnsXORWithOneSigmoidOutput() throws {
    let (x, labels) = Self.xor
    var network = try Network(layerSizes: [2, 4, 1], activation: .tanh, seed: 2)
    let result = try network.fit(
      x: x, labels: labels, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-6, maximumIterations: 300))
    #expect(result.value < 0.01)
    #expect(try network.accuracy(x: x, labels: labels) == 1)
    for (row, label) in zip(x, labels) {
      let output = try network.predict(row)
      #expect(output.count == 1)
      let p = try network.probabilities(row)
      #expect(p.count == 2)
      #expect(abs(p[1] - logistic(output[0])) <= 1e-15)
      #expect(abs(p[0] + p[1] - 1) <= 1e-15)
      #expect(try network.predictClass(row) == label)
    }
    // A line cannot do better than 3 corners in 4.
    var line = try LogisticRegression<Double>(l2Penalty: 0.01)
    try line.fit(x: x, labels: labels, using: LBFGS())
    #expect(try line.accuracy(x: x, labels: labels) <= 0.75)
  }

  // MARK: - Gradients against finite differences

  /// A small network with every weight and bias drawn in [−1, 1], so that no bias is zero.
  static func tinyNetwork(_ activation: Network.Activation) throws -> Network {
    var network = try Network(layerSizes: [3, 4, 2], activation: activation, seed: 11)
    var generator = SplitMix64(seed: 5)
    try network.setParameters(
      (0..<network.parameterCount).map { _ in Double.random(in: -1...1, using: &generator) })
    return network
  }

  static let tinyInputs: [[Double]] = [
    [0.3, -1.2, 0.8], [1.1, 0.4, -0.5], [-0.7, 0.9, 0.2], [0.5, -0.3, -1.4], [-1.3, -0.6, 0.7],
  ]

  /// The loss the network trains on, at `parameters`, and its gradient, both through the public
  /// API: a run of no steps reports the loss at the start, and one step of gradient descent with
  /// α = 1 moves from θ to θ − ∇J(θ).
  static func lossAndGradient(
    of network: Network, at parameters: [Double],
    fit: (inout Network, GradientDescent<Double>, MinimizationOptions<Double>) throws ->
      MinimizationResult<Double>
  ) throws -> (loss: Double, gradient: [Double]) {
    var model = network
    try model.setParameters(parameters)
    let options = MinimizationOptions<Double>(
      gradientTolerance: nil, maximumIterations: 1, divergenceFactor: nil)
    let result = try fit(&model, GradientDescent(learningRate: 1), options)
    // θ₁ is the last iterate, also when the step raised the cost and the result holds θ₀.
    let stepped = result.costRise?.lastParameters ?? result.minimizer
    let gradient = zip(parameters, stepped).map { $0 - $1 }
    return (try #require(result.history.first).value, gradient)
  }

  @Test(arguments: Network.Activation.allCases)
  func squaredErrorGradientMatchesFiniteDifferences(activation: Network.Activation) throws {
    let network = try Self.tinyNetwork(activation)
    let y: [[Double]] = [[0.5, -1], [1, 0.2], [-0.4, 0.3], [0, 1.5], [0.9, -0.8]]
    let fit = { (model: inout Network, method: GradientDescent<Double>, options) in
      try model.fit(x: Self.tinyInputs, y: y, using: method, options: options)
    }
    let point = network.parameters
    let gradient = try Self.lossAndGradient(of: network, at: point, fit: fit).gradient
    #expect(euclideanNorm(gradient) > 1e-3)
    let check = try checkGradient(
      gradient, of: { try Self.lossAndGradient(of: network, at: $0, fit: fit).loss }, at: point)
    #expect(check.passes(tolerance: 1e-7), "\(check)")
  }

  @Test(arguments: Network.Activation.allCases)
  func crossEntropyGradientMatchesFiniteDifferences(activation: Network.Activation) throws {
    let network = try Self.tinyNetwork(activation)
    let labels = [0, 1, 1, 0, 1]
    let fit = { (model: inout Network, method: GradientDescent<Double>, options) in
      try model.fit(x: Self.tinyInputs, labels: labels, using: method, options: options)
    }
    let point = network.parameters
    let gradient = try Self.lossAndGradient(of: network, at: point, fit: fit).gradient
    #expect(euclideanNorm(gradient) > 1e-3)
    let check = try checkGradient(
      gradient, of: { try Self.lossAndGradient(of: network, at: $0, fit: fit).loss }, at: point)
    #expect(check.passes(tolerance: 1e-7), "\(check)")
  }

  @Test func crossEntropyIsTheDocumentedFormula() throws {
    // Two outputs: (1/n) Σᵢ [log(e^{ŷᵢ₀} + e^{ŷᵢ₁}) − ŷ_{i,yᵢ}] from the network's own outputs.
    let network = try Self.tinyNetwork(.tanh)
    let labels = [0, 1, 1, 0, 1]
    var expected = 0.0
    for (row, label) in zip(Self.tinyInputs, labels) {
      let scores = try network.predict(row)
      expected += log(exp(scores[0]) + exp(scores[1])) - scores[label]
    }
    expected /= Double(labels.count)
    let loss = try Self.lossAndGradient(of: network, at: network.parameters) {
      model, method, options in
      try model.fit(x: Self.tinyInputs, labels: labels, using: method, options: options)
    }.loss
    #expect(relativeError(loss, expected) <= 1e-14)
  }

  // MARK: - Initialization and warm start

  @Test func initializationIsSeededAndScaled() throws {
    let a = try Network(layerSizes: [4, 8, 3], activation: .tanh, seed: 9)
    let b = try Network(layerSizes: [4, 8, 3], activation: .tanh, seed: 9)
    let c = try Network(layerSizes: [4, 8, 3], activation: .tanh, seed: 10)
    #expect(a == b)
    #expect(a != c)
    #expect(a.parameterCount == (4 + 1) * 8 + (8 + 1) * 3)
    #expect(a.inputCount == 4 && a.outputCount == 3)
    // Glorot: weights uniform in ±√(6/(n_in + n_out)); biases zero.
    let first = a.parameters[0..<32]
    let firstBiases = a.parameters[32..<40]
    let second = a.parameters[40..<64]
    let secondBiases = a.parameters[64..<67]
    #expect(first.allSatisfy { abs($0) <= (6.0 / 12).squareRoot() })
    #expect(second.allSatisfy { abs($0) <= (6.0 / 11).squareRoot() })
    #expect(firstBiases.allSatisfy { $0 == 0 } && secondBiases.allSatisfy { $0 == 0 })
    #expect(Set(first).count == 32)
    // He for ReLU: ±√(6/n_in), wider than Glorot's here.
    let relu = try Network(layerSizes: [4, 8, 3], activation: .relu, seed: 9)
    #expect(relu.parameters[0..<32].allSatisfy { abs($0) <= (6.0 / 4).squareRoot() })
    #expect(relu.parameters[0..<32].contains { abs($0) > (6.0 / 12).squareRoot() })
  }

  @Test func fittingAgainContinuesFromTheFittedParameters() throws {
    let (training, _) = try Self.irisSplit()
    var network = try Network(layerSizes: [4, 8, 3], standardizesFeatures: true, seed: 1)
    try network.fit(
      x: training.features, labels: training.labels(), using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-8, maximumIterations: 300))
    let fitted = network
    let second = try network.fit(
      x: training.features, labels: training.labels(), using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-6))
    #expect(second.iterations == 0)
    #expect(second.stopReason == .gradientNormBelowTolerance)
    #expect(network == fitted)
  }

  @Test func setParametersReplacesEveryWeight() throws {
    var network = try Network(layerSizes: [2, 1], seed: 1)
    try network.setParameters([2, -3, 0.5])
    #expect(network.parameters == [2, -3, 0.5])
    #expect(try network.predict([1, 1]) == [-0.5])  // 2·1 − 3·1 + 0.5
  }
}
