import AutoDiff
import Foundation
import Models
import Optimization
import Testing

/// LogisticRegression and SoftmaxRegression: the optimum of scikit-learn's objective, checked with
/// a gradient written by hand; the softmax cost checked against finite differences of the
/// documented formula; accuracy on real data.
@Suite struct ClassifierTests {
  // MARK: - Logistic regression: scikit-learn's L2 objective on breast cancer

  /// The breast-cancer features standardized with their own mean and deviation, and the labels.
  static func standardizedBreastCancer() throws -> (x: [[Double]], labels: [Int]) {
    let data = try Fixtures.breastCancer()
    let standardizer = try Standardizer(fitting: data.features)
    return (standardizer.transform(data.features), try data.labels())
  }

  /// scikit-learn's objective F(w, b) = ½‖w‖² + C·Σᵢ [log(1 + e^{zᵢ}) − yᵢ·zᵢ] with C = 1, and
  /// its gradient ∇_w F = Σᵢ (σ(zᵢ) − yᵢ)·xᵢ + w, ∂F/∂b = Σᵢ (σ(zᵢ) − yᵢ), written out here
  /// independently of the library.
  static func scikitLearnObjective(
    weights w: [Double], intercept b: Double, x: [[Double]], labels: [Int]
  ) -> (value: Double, gradient: [Double]) {
    var value = 0.5 * w.reduce(0) { $0 + $1 * $1 }
    var gradient = w + [0]
    for (row, label) in zip(x, labels) {
      var z = b
      for j in row.indices { z += w[j] * row[j] }
      let y = Double(label)
      // log(1 + e^z) − y·z, with log(1 + e^z) = max(z, 0) + log(1 + e^{−|z|}).
      let softplus = max(z, 0) + log1p(exp(-abs(z)))
      value += softplus - y * z
      let residual = logistic(z) - y
      for j in row.indices { gradient[j] += residual * row[j] }
      gradient[row.count] += residual
    }
    return (value, gradient)
  }

  @Test func l2LogisticRegressionReachesScikitLearnsOptimumOnBreastCancer() throws {
    let (x, labels) = try Self.standardizedBreastCancer()
    #expect(x.count == 569 && x[0].count == 30)
    let n = Double(x.count)
    // The model's J = (1/n)·Σ log-loss + (λ/2)‖w‖² is F/n when λ = 1/n, so ‖∇F‖ = n·‖∇J‖.
    var model = try LogisticRegression<Double>(l2Penalty: 1 / n)
    let result = try model.fit(
      x: x, labels: labels, using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-6 / n, maximumIterations: 500))
    #expect(result.stopReason == .gradientNormBelowTolerance)
    let reference = Self.scikitLearnObjective(
      weights: model.weights, intercept: model.intercept, x: x, labels: labels)
    #expect(euclideanNorm(reference.gradient) < 1e-6)
    // The cost the model reports is the same objective, divided by n.
    #expect(relativeError(try #require(model.trainingCost), reference.value / n) <= 1e-12)
    #expect(try model.accuracy(x: x, labels: labels) > 0.98)
  }

  /// Versicolor (0) against virginica (1): 100 flowers in raw units, classes that overlap.
  static func versicolorOrVirginica() throws -> (x: [[Double]], labels: [Int]) {
    let iris = try Fixtures.iris()
    let labels = try iris.labels()
    let rows = labels.indices.filter { labels[$0] > 0 }
    return (rows.map { iris.features[$0] }, rows.map { labels[$0] - 1 })
  }

  @Test func standardizingInsideTheModelReachesTheSameClassifier() throws {
    let (x, labels) = try Self.versicolorOrVirginica()
    let standardizer = try Standardizer(fitting: x)
    let z = standardizer.transform(x)
    let options = MinimizationOptions<Double>(gradientTolerance: 1e-10, maximumIterations: 500)
    var outside = try LogisticRegression<Double>(l2Penalty: 0.01)
    try outside.fit(x: z, labels: labels, using: LBFGS(), options: options)
    var inside = try LogisticRegression<Double>(l2Penalty: 0.01, standardizesFeatures: true)
    try inside.fit(x: x, labels: labels, using: LBFGS(), options: options)
    // Weights in original units: wⱼ = w̃ⱼ / σⱼ.
    let expected = zip(outside.weights, standardizer.deviations).map { $0 / $1 }
    #expect(largestRelativeError(inside.weights, expected) <= 1e-8)
    for (raw, standardized) in zip(x, z) {
      #expect(abs(try inside.probability(raw) - outside.probability(standardized)) <= 1e-9)
    }
    #expect(try inside.accuracy(x: x, labels: labels) >= 0.95)
  }

  @Test func logisticPredictionsFollowTheProbability() throws {
    let (x, labels) = try Self.versicolorOrVirginica()
    var model = try LogisticRegression<Double>(l2Penalty: 0.01, standardizesFeatures: true)
    try model.fit(x: x, labels: labels, using: LBFGS())
    let probabilities = try model.probabilities(x)
    let classes = try model.predict(x)
    for (p, predicted) in zip(probabilities, classes) {
      #expect(p > 0 && p < 1)
      #expect(predicted == (p >= 0.5 ? 1 : 0))
    }
    #expect(classes.contains(0) && classes.contains(1))
    // σ(w·x + b) written out, in the original units.
    let row = x[3]
    var score = model.intercept
    for j in row.indices { score += model.weights[j] * row[j] }
    #expect(abs(probabilities[3] - logistic(score)) <= 1e-15)
  }

  @Test func logisticFittingAgainStartsFromTheFittedWeights() throws {
    let (x, labels) = try Self.versicolorOrVirginica()
    var model = try LogisticRegression<Double>(l2Penalty: 0.01, standardizesFeatures: true)
    try model.fit(
      x: x, labels: labels, using: LBFGS(), options: MinimizationOptions(gradientTolerance: 1e-10))
    let second = try model.fit(x: x, labels: labels, using: LBFGS())
    #expect(second.iterations == 0)
    #expect(second.stopReason == .gradientNormBelowTolerance)
  }

  // MARK: - Softmax regression on iris

  static func softmaxOnIris(splitSeed: UInt64 = 42) throws -> (
    model: SoftmaxRegression<Double>, training: Dataset<Double>, test: Dataset<Double>
  ) {
    let (training, test) = try Fixtures.iris().split(testFraction: 0.3, seed: splitSeed)
    var model = try SoftmaxRegression<Double>(
      classCount: 3, l2Penalty: 0.01, standardizesFeatures: true)
    let result = try model.fit(x: training.features, labels: training.labels(), using: LBFGS())
    #expect(result.converged)
    return (model, training, test)
  }

  @Test func softmaxRegressionClassifiesIris() throws {
    let (model, training, test) = try Self.softmaxOnIris()
    #expect(training.count == 105 && test.count == 45)
    #expect(try model.accuracy(x: training.features, labels: training.labels()) >= 0.9)
    #expect(try model.accuracy(x: test.features, labels: test.labels()) >= 0.9)
    #expect(model.weights.count == 3 && model.weights.allSatisfy { $0.count == 4 })
    #expect(model.intercepts.count == 3)
  }

  @Test func softmaxProbabilitiesSumToOne() throws {
    let (model, _, test) = try Self.softmaxOnIris()
    for row in test.features {
      let p = try model.probabilities(row)
      #expect(p.count == 3)
      #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
      #expect(abs(sum(p) - 1) <= 1e-12)
      let predicted = try model.predict(row)
      #expect(p[predicted] == p.max())
    }
    // Far outside the data the scores are huge; the probabilities must stay finite.
    let extreme = try model.probabilities([1e6, -1e6, 1e6, 1e6])
    #expect(extreme.allSatisfy { $0.isFinite })
    #expect(abs(sum(extreme) - 1) <= 1e-12)
  }

  /// The documented cost, J = (1/n) Σᵢ [log Σ_c e^{z_{i,c}} − z_{i,yᵢ}] + (λ/2)‖W‖²_F, with the
  /// parameters laid out as `fit`'s minimizer: class after class, (w_c…, b_c).
  static func softmaxCost(
    _ p: [Double], x: [[Double]], labels: [Int], classCount: Int, lambda: Double
  ) -> Double {
    let width = x[0].count
    let stride = width + 1
    var total = 0.0
    for (row, label) in zip(x, labels) {
      let scores = (0..<classCount).map { c in
        var z = p[c * stride + width]
        for j in 0..<width { z += p[c * stride + j] * row[j] }
        return z
      }
      let m = scores.max()!
      let logSumExp = m + log(scores.reduce(0) { $0 + exp($1 - m) })
      total += logSumExp - scores[label]
    }
    var squares = 0.0
    for c in 0..<classCount {
      for j in 0..<width { squares += p[c * stride + j] * p[c * stride + j] }
    }
    return total / Double(x.count) + lambda / 2 * squares
  }

  @Test func softmaxGradientMatchesFiniteDifferencesOfTheDocumentedCost() throws {
    let iris = try Fixtures.iris()
    let rows = Array(stride(from: 0, to: 150, by: 10))  // 15 flowers, 5 of each species
    let x = rows.map { iris.features[$0] }
    let labels = try rows.map { try iris.labels()[$0] }
    let lambda = 0.1
    var model = try SoftmaxRegression<Double>(classCount: 3, l2Penalty: lambda)
    // A few steps away from zero, to a point where no class is favoured by symmetry.
    try model.fit(
      x: x, labels: labels, using: LBFGS(), options: MinimizationOptions(maximumIterations: 3))
    let point = (0..<3).flatMap { model.weights[$0] + [model.intercepts[$0]] }
    // One step of gradient descent with α = 1 from the fitted point: θ₁ = θ₀ − ∇J(θ₀), so the
    // model's own (reverse-mode) gradient is θ₀ − θ₁.
    var stepped = model
    let step = try stepped.fit(
      x: x, labels: labels, using: GradientDescent(learningRate: 1),
      options: MinimizationOptions(
        gradientTolerance: nil, maximumIterations: 1, divergenceFactor: nil))
    // θ₁ is the last iterate, also when the step raised the cost and the result holds θ₀.
    let last = step.costRise?.lastParameters ?? step.minimizer
    let gradient = zip(point, last).map { $0 - $1 }
    #expect(euclideanNorm(gradient) > 1e-3)  // a point where the check means something
    let cost = { (p: [Double]) in
      Self.softmaxCost(p, x: x, labels: labels, classCount: 3, lambda: lambda)
    }
    let check = try checkGradient(gradient, of: cost, at: point)
    #expect(check.passes(tolerance: 1e-7), "\(check)")
    // The cost the run started from is the documented one at the same point.
    let start = try #require(step.history.first)
    #expect(relativeError(start.value, cost(point)) <= 1e-12)
  }

  @Test func softmaxFittingAgainStartsFromTheFittedWeights() throws {
    let (training, _) = try Fixtures.iris().split(testFraction: 0.3, seed: 42)
    var model = try SoftmaxRegression<Double>(
      classCount: 3, l2Penalty: 0.01, standardizesFeatures: true)
    try model.fit(
      x: training.features, labels: training.labels(), using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: 1e-10))
    let second = try model.fit(x: training.features, labels: training.labels(), using: LBFGS())
    #expect(second.iterations == 0)
    #expect(second.stopReason == .gradientNormBelowTolerance)
  }

  @Test func twoClassSoftmaxAgreesWithLogisticRegression() throws {
    // With two classes, softmax of (z₀, z₁) is σ(z₁ − z₀): the same model, over-parametrized.
    // With the penalty λ on both classes' weights, w_logistic = w₁ − w₀ and the softmax optimum
    // has w₀ = −w₁, so the logistic model with penalty λ/2 gives the same probabilities.
    let (x, labels) = try Self.versicolorOrVirginica()
    let options = MinimizationOptions<Double>(gradientTolerance: 1e-10, maximumIterations: 500)
    var softmax = try SoftmaxRegression<Double>(classCount: 2, l2Penalty: 0.02)
    try softmax.fit(x: x, labels: labels, using: LBFGS(), options: options)
    var logistic = try LogisticRegression<Double>(l2Penalty: 0.01)
    try logistic.fit(x: x, labels: labels, using: LBFGS(), options: options)
    for row in x {
      let p = try softmax.probabilities(row)[1]
      let q = try logistic.probability(row)
      #expect(abs(p - q) <= 1e-8)
    }
    let w = softmax.weights
    let difference = zip(w[1], w[0]).map { $0 - $1 }
    #expect(largestRelativeError(difference, logistic.weights) <= 1e-6)
  }
}
