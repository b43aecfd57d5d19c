// Classification on real data, with held-out accuracy:
// 1. logistic regression on the Wisconsin breast-cancer data (30 features, 569 tumours);
// 2. softmax regression and a small neural network on Fisher's iris data (4 features, 3 species).
// Run with `swift run classify`.

import Descent
import ExampleSupport
import Foundation

// MARK: Breast cancer: is a tumour benign (1) or malignant (0)?

let cancer = try Dataset<Double>(
  contentsOf: ExampleData.url("breast_cancer.csv"), target: "malignant0_benign1")
let (cancerTraining, cancerTest) = try cancer.split(testFraction: 0.25, seed: 42)
print("Breast cancer: \(cancerTraining.count) tumours to train on, \(cancerTest.count) held out")

// The features range from 0.001 (fractal dimension) to 2500 (area): standardizing them makes the
// cost well conditioned. The L2 penalty keeps the weights finite on nearly separable data.
var logistic = try LogisticRegression<Double>(l2Penalty: 0.01, standardizesFeatures: true)
let logisticRun = try logistic.fit(
  x: cancerTraining.features, labels: cancerTraining.labels(), using: LBFGS(),
  options: MinimizationOptions(gradientTolerance: 1e-8, traceInterval: 10))
print("logistic regression: \(logisticRun.stopReason) after \(logisticRun.iterations) iterations")

let cancerLabels = try cancerTest.labels()
let predicted = try logistic.predict(cancerTest.features)
var confusion = [[0, 0], [0, 0]]
for (truth, guess) in zip(cancerLabels, predicted) { confusion[truth][guess] += 1 }
print(
  "  training accuracy \(percent(try logistic.accuracy(x: cancerTraining.features, labels: cancerTraining.labels())))"
)
print(
  "  test accuracy     \(percent(try logistic.accuracy(x: cancerTest.features, labels: cancerLabels)))"
)
print(
  "  test confusion    malignant predicted as benign: \(confusion[0][1]), benign as malignant: \(confusion[1][0])"
)
// A weight times its feature's standard deviation is the change of the log-odds per standard
// deviation of the feature: comparable across features.
let spread = try cancerTraining.standardizer().deviations
let influence = zip(logistic.weights, spread).map { abs($0 * $1) }
let strongest = influence.indices.sorted { influence[$0] > influence[$1] }
print(
  "  strongest features: \(strongest.prefix(3).map { cancer.featureNames[$0] }.joined(separator: ", "))"
)

// MARK: Iris: which of three species?

let iris = try Dataset<Double>(contentsOf: ExampleData.url("iris.csv"), target: "species")
let (irisTraining, irisTest) = try iris.split(testFraction: 0.3, seed: 42)
print("\nIris: \(irisTraining.count) flowers to train on, \(irisTest.count) held out")

var softmax = try SoftmaxRegression<Double>(
  classCount: 3, l2Penalty: 0.001, standardizesFeatures: true)
let softmaxRun = try softmax.fit(
  x: irisTraining.features, labels: irisTraining.labels(), using: LBFGS())
print("softmax regression: \(softmaxRun.stopReason) after \(softmaxRun.iterations) iterations")
print(
  "  test accuracy \(percent(try softmax.accuracy(x: irisTest.features, labels: irisTest.labels())))"
)

// A 4-8-3 network with tanh units, trained by Adam on mini-batches of 16 flowers; one line of
// progress every 50 epochs.
var network = try MultilayerPerceptron<Double>(
  layerSizes: [4, 8, 3], activation: .tanh, standardizesFeatures: true, seed: 1)
print("neural network 4-8-3 (\(network.parameterCount) parameters), Adam on mini-batches of 16:")
let networkRun = try network.fit(
  x: irisTraining.features, labels: irisTraining.labels(), using: Adam(learningRate: 0.01),
  batching: .miniBatch(size: 16), seed: 3,
  options: MinimizationOptions(gradientTolerance: 1e-4, maximumIterations: 300, traceInterval: 50))
print("  \(networkRun.stopReason) after \(networkRun.iterations) epochs")
print(
  "  test accuracy \(percent(try network.accuracy(x: irisTest.features, labels: irisTest.labels())))"
)
let flower = irisTest.features[0]
let probabilities = try network.probabilities(flower).map { String(format: "%.3f", $0) }
print(
  "  first held-out flower \(flower): probabilities \(probabilities), species \(try irisTest.labels()[0])"
)

func percent(_ fraction: Double) -> String { String(format: "%.1f %%", 100 * fraction) }
