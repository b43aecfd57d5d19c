// Your own model, end to end: a two-layer network that no shipped model type covers, declared
// with named parameters, trained through the public training loop with a validation split and
// early stopping, saved to a file, loaded back, and checked to predict the same numbers.
// Run with `swift run your-own-model`; for training of your own, build with `-c release` (a debug
// build runs the training loop about 90 times slower).

import Descent
import ExampleSupport
import Foundation

// MARK: Data: the Wisconsin breast-cancer data, 30 features, 569 tumours

let cancer = try Dataset<Double>(
  contentsOf: ExampleData.url("breast_cancer.csv"), target: "malignant0_benign1")
let (rest, test) = try cancer.split(testFraction: 0.2, seed: 1)
let (training, validation) = try rest.split(testFraction: 0.2, seed: 2)
let standardizer = try training.standardizer()
print("rows: \(training.count) training, \(validation.count) validation, \(test.count) test")

/// Features standardized with the training set's means and deviations, row after row, and the
/// labels, for a cost written over arrays.
struct Table {
  let features: [Double]
  let labels: [Double]
  let count: Int
  let width: Int
  init(_ data: Dataset<Double>, _ standardizer: Standardizer<Double>) throws {
    features = standardizer.transform(data.features).flatMap { $0 }
    labels = try data.labels().map(Double.init)
    count = data.count
    width = data.featureCount
  }
  /// The rows given, gathered.
  func rows(_ indices: some Collection<Int>) -> (x: [Double], y: [Double]) {
    var x: [Double] = []
    var y: [Double] = []
    x.reserveCapacity(indices.count * width)
    for i in indices {
      x.append(contentsOf: features[(i * width)..<((i + 1) * width)])
      y.append(labels[i])
    }
    return (x, y)
  }
}
let trainingTable = try Table(training, standardizer)
let validationTable = try Table(validation, standardizer)
let testTable = try Table(test, standardizer)

// MARK: The model: 30 inputs → 16 tanh units → 1 logit, as named parameters

var layout = ParameterLayout()
let w1 = try layout.matrix("w1", rows: 16, columns: 30, initializer: .glorotUniform)
let b1 = try layout.vector("b1", count: 16)
let w2 = try layout.matrix("w2", rows: 1, columns: 16, initializer: .glorotUniform)
let b2 = try layout.scalar("b2")
print(layout)

/// The logit of "benign" for each row of x: w2·tanh(W1·x + b1) + b2.
func logits(_ p: [Variable<Double>], _ x: [Double], rows: Int) -> VariableMatrix<Double> {
  let v = VariableVector(p)  // the tracked parameters once; the blocks are views of it
  let input = VariableMatrix(constant: x, rows: rows, columns: 30)
  let hidden = tanh(matmul(input, v[w1].transposed()) + v[b1.row])
  return matmul(hidden, v[w2].transposed()) + v[b2.matrix]
}

/// The mean sigmoid cross-entropy, log(1 + e^z) − y·z, of rows of a table.
func loss(_ p: [Variable<Double>], _ table: Table, _ indices: some Collection<Int>)
  -> Variable<Double>
{
  let (x, y) = table.rows(indices)
  let z = logits(p, x, rows: indices.count)
  let labels = VariableMatrix(constant: y, rows: indices.count, columns: 1)
  return mean(softplus(z) - labels * z)
}

// MARK: Training: Adam on mini-batches of 32, stopped early on the validation loss

let result = try train(
  { p, rows in loss(p, trainingTable, rows) }, rowCount: trainingTable.count,
  from: layout.initialValues(seed: 7), using: Adam(learningRate: 0.01),
  batching: .miniBatch(size: 32), seed: 3,
  validation: Validation(patience: 15, minimumImprovement: 1e-4) { θ in
    value(at: θ) { p in loss(p, validationTable, 0..<validationTable.count) }
  },
  options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 500))
print(result.stopReason)

/// The fraction of rows whose predicted class (benign when the logit is positive) is right.
func accuracy(_ θ: [Double], _ table: Table) -> Double {
  let (x, y) = table.rows(0..<table.count)
  let scores = value(at: θ) { p in logits(p, x, rows: table.count) }
  let correct = zip(scores, y).filter { score, label in (score > 0 ? 1.0 : 0.0) == label }.count
  return Double(correct) / Double(table.count)
}
let best = result.minimizer
print(
  String(
    format: "validation loss %.4f at epoch %d; accuracy: training %.1f %%, test %.1f %%",
    result.earlyStop?.bestMetric ?? .nan, result.earlyStop?.bestEpoch ?? result.iterations,
    100 * accuracy(best, trainingTable), 100 * accuracy(best, testTable)))

// MARK: Saving and loading: the layout, the parameters and the standardizer, as JSON

struct SavedNetwork: Codable {
  var layout: ParameterLayout
  var parameters: [Double]
  var standardizer: Standardizer<Double>
}
let file = FileManager.default.temporaryDirectory.appendingPathComponent("your-own-model.json")
try JSONEncoder().encode(SavedNetwork(layout: layout, parameters: best, standardizer: standardizer))
  .write(to: file)
let loaded = try JSONDecoder().decode(SavedNetwork.self, from: Data(contentsOf: file))
let bytes = try Data(contentsOf: file).count
print("saved \(bytes) bytes to \(file.lastPathComponent) and loaded them back")

// The reloaded network predicts the same numbers, bit for bit, for every test row.
let reloadedTable = try Table(test, loaded.standardizer)
let (xTest, _) = testTable.rows(0..<testTable.count)
let (xReloaded, _) = reloadedTable.rows(0..<reloadedTable.count)
let before = value(at: best) { p in logits(p, xTest, rows: testTable.count) }
let after = value(at: loaded.parameters) { p in logits(p, xReloaded, rows: test.count) }
print(
  "the reloaded network's test logits \(before == after ? "equal" : "DIFFER FROM") the trained one's"
)
print(
  "w2 after training:",
  try loaded.layout.values(of: w2, in: loaded.parameters)[0].prefix(4).map {
    String(format: "%.3f", $0)
  }.joined(separator: ", "), "…")
