import AutoDiff
import Foundation
import Models
import Optimization

// The public training loop against the same updates written by hand:
// - `minibatch_step`: one Adam update of a 2-32-1 tanh network (129 parameters, mean squared
//   error written with array operations) on a batch of 32 rows of a 1 600-row data set, through
//   `train(_:rowCount:from:using:batching:…)` with the whole-set evaluation switched off, against
//   a hand-written loop that shuffles the same index list, gathers each batch's rows into flat
//   arrays, takes `valueWithGradient(at:into:of:)` of the same cost and calls `Adam.update`.
//   Both run whole epochs (50 updates); the time is per update. Target ≤ 1.15×.
// - `training_epoch`: one epoch of the public loop with the whole-set evaluation on (50 updates
//   and one evaluation of all 1 600 rows), to show what the evaluation costs.

private let rowCount = 1_600
private let batchSize = 32
private let updatesPerEpoch = rowCount / batchSize

/// Inputs uniform in [−1, 1]², targets sin(x₀)·cos(x₁), from a fixed generator.
private struct NetworkData {
  let x: [Double]
  let y: [Double]
  init() {
    var generator = SplitMix64(seed: 11)
    func uniform() -> Double { Double(generator.next() >> 11) * 0x1p-53 * 2 - 1 }
    var x: [Double] = []
    var y: [Double] = []
    for _ in 0..<rowCount {
      let a = uniform()
      let b = uniform()
      x += [a, b]
      y.append(sin(a) * cos(b))
    }
    self.x = x
    self.y = y
  }
}

/// The network's mean squared error on a batch given as flat row-major arrays.
@inline(never)
private func networkCost(
  _ p: [Variable<Double>], x: [Double], y: [Double], rows: Int
) -> Variable<Double> {
  let v = VariableVector(p)
  let w1 = v[0..<64].reshaped(rows: 32, columns: 2)
  let b1 = v[64..<96].reshaped(rows: 1, columns: 32)
  let w2 = v[96..<128].reshaped(rows: 1, columns: 32)
  let b2 = v[128..<129].reshaped(rows: 1, columns: 1)
  let input = VariableMatrix(constant: x, rows: rows, columns: 2)
  let hidden = tanh(matmul(input, w1.transposed()) + b1)
  let output = matmul(hidden, w2.transposed()) + b2
  return mean(pow(output - VariableMatrix(constant: y, rows: rows, columns: 1), 2))
}

/// The rows of a batch gathered into flat arrays.
private func gather(_ data: NetworkData, _ rows: ArraySlice<Int>) -> (x: [Double], y: [Double]) {
  var x: [Double] = []
  var y: [Double] = []
  x.reserveCapacity(2 * rows.count)
  y.reserveCapacity(rows.count)
  for i in rows {
    x.append(data.x[2 * i])
    x.append(data.x[2 * i + 1])
    y.append(data.y[i])
  }
  return (x, y)
}

private func initialParameters() -> [Double] {
  var generator = SplitMix64(seed: 5)
  return (0..<129).map { i in
    i < 64 || (i >= 96 && i < 128) ? (Double(generator.next() >> 11) * 0x1p-53 - 0.5) : 0
  }
}

func benchmarkTraining() {
  let data = NetworkData()
  let start = initialParameters()
  let cost: BatchCost<Double> = { p, rows in
    let batch = gather(data, rows)
    return networkCost(p, x: batch.x, y: batch.y, rows: rows.count)
  }
  let epochs = 4

  func publicLoop() {
    let result = try! train(
      cost, rowCount: rowCount, from: start, using: Adam(learningRate: 0.01),
      batching: .miniBatch(size: batchSize), seed: 1, evaluatesTrainingSet: false,
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: epochs))
    sink += result.minimizer[0]
  }
  func byHand() {
    var parameters = start
    var adam = try! Adam<Double>(learningRate: 0.01)
    var generator = SplitMix64(seed: 1)
    var order = Array(0..<rowCount)
    var gradient = [Double](repeating: 0, count: parameters.count)
    // The start's evaluation, as the public loop makes it.
    let all = gather(data, order[...])
    _ = valueWithGradient(at: parameters, into: &gradient) { p in
      networkCost(p, x: all.x, y: all.y, rows: rowCount)
    }
    for _ in 0..<epochs {
      order.shuffle(using: &generator)
      var first = 0
      while first < rowCount {
        let rows = order[first..<min(first + batchSize, rowCount)]
        let batch = gather(data, rows)
        _ = valueWithGradient(at: parameters, into: &gradient) { p in
          networkCost(p, x: batch.x, y: batch.y, rows: rows.count)
        }
        try! adam.update(&parameters, along: gradient)
        first += batchSize
      }
    }
    sink += parameters[0]
  }
  let (library, hand) = medianSecondsInterleaved(samples: 11, publicLoop, byHand)
  let updates = Double(epochs * updatesPerEpoch)
  Measurement(
    workload: "minibatch_step", variant: "hand", medianSeconds: hand / updates,
    fields: [("network", "2-32-1 tanh"), ("batch", batchSize), ("rows", rowCount)]
  ).print()
  Measurement(
    workload: "minibatch_step", variant: "train", medianSeconds: library / updates,
    fields: [
      ("network", "2-32-1 tanh"), ("batch", batchSize), ("rows", rowCount),
      ("ratio_to_hand", ratio(library, hand)), ("target_ratio", 1.15),
      ("meets_target", library / hand <= 1.15),
    ]
  ).print()

  let epoch = medianSeconds {
    let result = try! train(
      cost, rowCount: rowCount, from: start, using: Adam(learningRate: 0.01),
      batching: .miniBatch(size: batchSize), seed: 1,
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 1))
    sink += result.minimizer[0]
  }
  Measurement(
    workload: "training_epoch", variant: "train, whole-set evaluation on",
    medianSeconds: epoch,
    fields: [
      ("updates", updatesPerEpoch), ("per_update_without_evaluation", library / updates),
      ("evaluation_share", ratio(epoch - Double(updatesPerEpoch) * library / updates, epoch)),
    ]
  ).print()
}
