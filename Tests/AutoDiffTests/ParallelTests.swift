import Foundation
import Testing

@testable import AutoDiff

// Parallel work must give the same bits on any number of threads. The tests force work far
// below the thresholds to split (minimumParallelWork 0, small blocks of rows), so that a result
// depending on the split would show. They change process-wide settings and restore them; the
// suite runs serialized so that its own tests do not change each other's settings midway.
// Other suites running meanwhile are unaffected: the settings change which threads compute,
// never what (rowsPerBlock, which does change the sums, is used only by the costs over rows
// here).

/// Runs `body` with the given settings, restoring the previous ones afterwards.
private func withSettings<R>(
  threads: Int, minimumWork: Int = 0, rowsPerBlock: Int? = nil, _ body: () throws -> R
) rethrows -> R {
  let saved = (
    Parallelism.threadCount, Parallelism.minimumParallelWork, Parallelism.rowsPerBlock,
    Parallelism.minimumParallelElements
  )
  Parallelism.threadCount = threads
  Parallelism.minimumParallelWork = minimumWork
  Parallelism.minimumParallelElements = minimumWork
  if let rowsPerBlock { Parallelism.rowsPerBlock = rowsPerBlock }
  defer {
    Parallelism.threadCount = saved.0
    Parallelism.minimumParallelWork = saved.1
    Parallelism.rowsPerBlock = saved.2
    Parallelism.minimumParallelElements = saved.3
  }
  return try body()
}

/// Expects a value and gradient computed on `threads` threads to be, bit for bit, those of
/// the reference run.
private func expectIdentical(
  _ other: (Double, [Double]), to reference: (Double, [Double]), threads: Int,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    other.0.bitPattern == reference.0.bitPattern, "value on \(threads) threads",
    sourceLocation: sourceLocation)
  #expect(
    other.1.map(\.bitPattern) == reference.1.map(\.bitPattern), "gradient on \(threads) threads",
    sourceLocation: sourceLocation)
}

/// Expects `gradient[i]`, for each i of `indices`, to be the central difference of `cost` at
/// `point` along input i, to 1e-6 relative.
private func expectCentralDifferences(
  _ gradient: [Double], of cost: (VariableVector<Double>) -> Variable<Double>, at point: [Double],
  along indices: [Int], sourceLocation: SourceLocation = #_sourceLocation
) {
  for i in indices {
    let difference = centralDifference(at: point[i]) { (value: Double) -> Double in
      var moved = point
      moved[i] = value
      return VariableVector.valueWithGradient(at: moved, of: cost).value
    }
    #expect(
      abs(difference - gradient[i]) <= 1e-6 * max(1, abs(difference)), "\(i)",
      sourceLocation: sourceLocation)
  }
}

/// Data of a small regression: y ≈ 3x − 1 with deterministic noise.
private struct Rows: Sendable {
  let x: [Double]
  let y: [Double]
  init(count: Int) {
    var generator = SplitMix64(seed: 7)
    let x = generator.points(count, in: -2...2)
    let noise = generator.points(count, in: -0.5...0.5)
    self.x = x
    y = x.indices.map { 3 * x[$0] - 1 + noise[$0] }
  }

  /// A mean over the rows given, with a penalty that does not depend on the rows.
  func cost(_ p: [Variable<Double>], _ rows: ArraySlice<Int>) -> Variable<Double> {
    var total: Variable<Double> = 0
    for i in rows {
      let r = p[0] * Variable(x[i]) + p[1] - Variable(y[i])
      total += r * r + 0.1 * sin(r)
    }
    return total / Variable(Double(rows.count)) + 0.01 * p[0] * p[0]
  }
}

@Suite("Parallel work", .serialized)
struct ParallelTests {
  @Test(
    "Matrix products, elementwise layers and their gradients are identical on 1, 2 and 3 threads")
  func matrixProducts() {
    var generator = SplitMix64(seed: 3)
    // Odd sizes, so that bands of rows end inside a block of six.
    let (rows, inner, columns) = (53, 41, 29)
    let a = generator.points(rows * inner, in: -1...1)
    let b = generator.points(inner * columns, in: -1...1)
    let parameters = a + b
    func run(_ threads: Int) -> (Double, [Double]) {
      // Fills the (pooled, reused) tape's memory with NaN first, so that an element a band
      // failed to write cannot pass for the value an earlier run left there.
      _ = VariableVector.valueWithGradient(at: [Double](repeating: .nan, count: 20_000)) { x in
        let y = matmul(x.reshaped(rows: 100, columns: 200), x.reshaped(rows: 200, columns: 100))
        return sum(tanh(y) * 3)
      }
      return withSettings(threads: threads) {
        VariableVector.valueWithGradient(at: parameters) { p in
          let left = p[0..<(rows * inner)].reshaped(rows: rows, columns: inner)
          let right = p[(rows * inner)...].reshaped(rows: inner, columns: columns)
          // Elementwise layers of 53 × 29 elements (three blocks and a part): evaluated in
          // bands; a bias broadcast by rows, and one by columns that needs per-block expansion.
          let bias = p[0..<columns].reshaped(rows: 1, columns: columns)
          let layer = tanh(matmul(left, right) + bias)
          let gated = sigmoid(layer) * layer - exp(-layer * layer)
          let product = matmul(gated, right.transposed())
          let column = p[0..<rows].reshaped(rows: rows, columns: 1)
          let scaled = product * column
          return sum(scaled * scaled) + sum(pow(gated, 3))
        }
      }
    }
    let one = run(1)
    for threads in [2, 3] {
      expectIdentical(run(threads), to: one, threads: threads)
    }
  }

  @Test("A cost over rows gives the same bits on 1, 2 and 3 threads, and on every run")
  func costOverRowsDeterministic() throws {
    let data = Rows(count: 1000)
    let rows = Array(0..<1000)[...]
    func run(_ threads: Int) throws -> (Double, [Double]) {
      try withSettings(threads: threads, rowsPerBlock: 37) {
        var gradient: [Double] = []
        let value = try valueWithGradient(
          at: [0.5, -0.25], rows: rows, into: &gradient, of: data.cost)
        return (value, gradient)
      }
    }
    let reference = try run(1)
    for threads in [1, 2, 3, 2, 3] {
      expectIdentical(try run(threads), to: reference, threads: threads)
    }
  }

  @Test("A cost over rows in blocks equals the whole cost differentiated at once")
  func costOverRowsMatchesOneTape() throws {
    let data = Rows(count: 1000)
    let rows = Array(0..<1000)[...]
    let point = [0.5, -0.25]
    let whole = valueWithGradient(at: point) { p in data.cost(p, rows) }
    for size in [1000, 5000] {
      // One block: the plain call, bit for bit.
      let single = try withSettings(threads: 2, rowsPerBlock: size) {
        var gradient: [Double] = []
        let value = try valueWithGradient(at: point, rows: rows, into: &gradient, of: data.cost)
        return (value, gradient)
      }
      #expect(single.0 == whole.value)
      #expect(single.1 == whole.gradient)
    }
    // Uneven blocks (1000 = 7 · 137 + 41): weighted by their sizes, equal to rounding.
    let blocks = try withSettings(threads: 2, rowsPerBlock: 137) {
      var gradient: [Double] = []
      let value = try valueWithGradient(at: point, rows: rows, into: &gradient, of: data.cost)
      return (value, gradient)
    }
    #expect(abs(blocks.0 - whole.value) <= 1e-13 * abs(whole.value))
    for i in 0..<2 {
      #expect(abs(blocks.1[i] - whole.gradient[i]) <= 1e-13 * max(1, abs(whole.gradient[i])))
    }
    // And the derivative is the cost's: against central differences.
    let h = 1e-6
    for i in 0..<2 {
      var up = point
      var down = point
      up[i] += h
      down[i] -= h
      let difference =
        (value(at: up) { data.cost($0, rows) } - value(at: down) { data.cost($0, rows) }) / (2 * h)
      #expect(abs(difference - blocks.1[i]) <= 1e-6 * max(1, abs(difference)))
    }
  }

  @Test("A cost over rows reports no rows, and the first block's error, after all blocks ran")
  func costOverRowsErrors() throws {
    struct Refused: Error, Equatable { let block: Int }
    var gradient: [Double] = []
    #expect(throws: AutoDiffError.empty(argument: "rows")) {
      try valueWithGradient(at: [1.0], rows: [][...], into: &gradient) { p, _ in p[0] }
    }
    let error = withSettings(threads: 3, rowsPerBlock: 10) {
      #expect(throws: Refused.self) {
        try valueWithGradient(at: [1.0], rows: Array(0..<100)[...], into: &gradient) {
          p, rows in
          // Blocks 3 and 7 throw; the error of block 3 is the one reported.
          if rows.first == 30 { throw Refused(block: 3) }
          if rows.first == 70 { throw Refused(block: 7) }
          return p[0] * Variable(Double(rows.count))
        }
      }
    }
    #expect(error == Refused(block: 3))
  }

  @Test("Parallel gradients started from many tasks at once, nested ones included, agree")
  func manyCallersAtOnce() async throws {
    let data = Rows(count: 600)
    let rows = Array(0..<600)[...]
    let saved = (Parallelism.rowsPerBlock, Parallelism.minimumParallelWork)
    Parallelism.rowsPerBlock = 50
    Parallelism.minimumParallelWork = 0
    defer {
      Parallelism.rowsPerBlock = saved.0
      Parallelism.minimumParallelWork = saved.1
    }
    var expected: [Double] = []
    let expectedValue = try valueWithGradient(
      at: [0.5, -0.25], rows: rows, into: &expected, of: data.cost)
    let results = try await withThrowingTaskGroup(of: (Double, [Double]).self) { group in
      for task in 0..<16 {
        group.addTask {
          var gradient: [Double] = []
          if task % 2 == 0 {
            let value = try valueWithGradient(
              at: [0.5, -0.25], rows: rows, into: &gradient, of: data.cost)
            return (value, gradient)
          }
          // Nested: each block's cost runs a parallel product of its own.
          let value = try valueWithGradient(at: [0.5, -0.25], rows: rows, into: &gradient) {
            p, blockRows in
            let m = VariableMatrix(
              constant: [Double](repeating: 0.01, count: 64 * 64), rows: 64, columns: 64)
            let extra = sum(matmul(m, m)) * 0
            return data.cost(p, blockRows) + Variable(extra.value)
          }
          return (value, gradient)
        }
      }
      var all: [(Double, [Double])] = []
      for try await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 16)
    for (value, gradient) in results {
      #expect(value.bitPattern == expectedValue.bitPattern)
      #expect(gradient.map(\.bitPattern) == expected.map(\.bitPattern))
    }
  }

  @Test("Settings below their least value are taken as it")
  func settingsBelowTheirLeastValue() {
    let saved = (
      Parallelism.threadCount, Parallelism.rowsPerBlock, Parallelism.minimumParallelWork,
      TapeMemory.cap
    )
    defer {
      Parallelism.threadCount = saved.0
      Parallelism.rowsPerBlock = saved.1
      Parallelism.minimumParallelWork = saved.2
      TapeMemory.cap = saved.3
    }
    Parallelism.threadCount = 0
    #expect(Parallelism.threadCount == 1)
    Parallelism.threadCount = -5
    #expect(Parallelism.threadCount == 1)
    Parallelism.rowsPerBlock = 0
    #expect(Parallelism.rowsPerBlock == 1)
    Parallelism.minimumParallelWork = -1
    #expect(Parallelism.minimumParallelWork == 0)
    let savedElements = Parallelism.minimumParallelElements
    Parallelism.minimumParallelElements = -1
    #expect(Parallelism.minimumParallelElements == 0)
    Parallelism.minimumParallelElements = savedElements
    TapeMemory.cap = -1
    #expect(TapeMemory.cap == 0)
  }

  @Test("A row count stands for rows 0 ..< n, bit for bit, and 0 rows is an error")
  func rowCountForm() throws {
    let data = Rows(count: 300)
    try withSettings(threads: 2, rowsPerBlock: 64) {
      var byList: [Double] = []
      var byCount: [Double] = []
      let a = try valueWithGradient(
        at: [0.5, -0.25], rows: Array(0..<300)[...], into: &byList, of: data.cost)
      let b = try valueWithGradient(at: [0.5, -0.25], rowCount: 300, into: &byCount, of: data.cost)
      #expect(a.bitPattern == b.bitPattern)
      #expect(byList.map(\.bitPattern) == byCount.map(\.bitPattern))
      #expect(throws: AutoDiffError.empty(argument: "rows")) {
        try valueWithGradient(at: [0.5, -0.25], rowCount: 0, into: &byCount, of: data.cost)
      }
    }
  }

  @Test("A least-squares reduction over arrays is identical on 1, 2 and 3 threads")
  func reductionWithFactors() {
    var generator = SplitMix64(seed: 21)
    let xs = generator.points(5_003, in: -2...2)
    let ys = xs.map { 3 * $0 - 1 + 0.1 * sin(7 * $0) }
    let x = VariableVector(constant: xs)
    let y = VariableVector(constant: ys)
    func run(_ threads: Int) -> (Double, [Double]) {
      withSettings(threads: threads) {
        valueWithGradient(at: [0.5, -0.25]) { p in
          mean(pow(VariableVector(p[0]) * x + VariableVector(p[1]) - y, 2))
        }
      }
    }
    let one = run(1)
    for threads in [2, 3] {
      expectIdentical(run(threads), to: one, threads: threads)
    }
    // Against the closed form: J = mean(r²), ∂J/∂m = 2 mean(r x), ∂J/∂b = 2 mean(r).
    let r = xs.indices.map { 0.5 * xs[$0] - 0.25 - ys[$0] }
    let n = Double(xs.count)
    let dm = 2 * xs.indices.map { r[$0] * xs[$0] }.reduce(0, +) / n
    let db = 2 * r.reduce(0, +) / n
    #expect(abs(one.1[0] - dm) <= 1e-12 * abs(dm))
    #expect(abs(one.1[1] - db) <= 1e-12 * abs(db))
  }

  @Test(
    "The backward step of a large elementwise layer, in chunks, is identical on 1, 2 and 3 threads")
  func elementwiseBackwardInChunks() {
    var generator = SplitMix64(seed: 5)
    let (rows, inner, columns) = (200, 48, 64)
    let inputs = VariableMatrix(
      constant: generator.points(rows * inner, in: -1...1), rows: rows, columns: inner)
    let count = inner * columns + 3 * columns + 2
    let point: [Double] = generator.points(count, in: -0.3...0.3)
    // A layer of 200 × 64 elements, 25 blocks, 7 chunks: every kind of adjoint the chunks sum
    // on their own (a bias row, a second row, a factor, an element broadcast) besides the
    // weights' product.
    func cost(_ p: VariableVector<Double>) -> Variable<Double> {
      let weights = p[0..<(inner * columns)].reshaped(rows: inner, columns: columns)
      var offset = inner * columns
      let bias = p[offset..<(offset + columns)].reshaped(rows: 1, columns: columns)
      offset += columns
      let gate = p[offset..<(offset + columns)].reshaped(rows: 1, columns: columns)
      offset += columns
      let readout = p[offset..<(offset + columns)].reshaped(rows: columns, columns: 1)
      offset += columns
      let scale = VariableMatrix(p[offset])
      let divisor = VariableMatrix(p[offset + 1] + 2)
      let hidden = tanh(matmul(inputs, weights) + bias)
      let mixed = scale * hidden + sin(hidden) / divisor + hidden * gate
      let out = matmul(mixed, readout)
      return sum(out * out)
    }
    func run(_ threads: Int, minimumWork: Int = 0) -> (Double, [Double]) {
      // NaN first, so that an adjoint a chunk failed to write cannot pass for an earlier one.
      _ = VariableVector.valueWithGradient(at: [Double](repeating: .nan, count: 20_000)) { x in
        sum(tanh(matmul(x.reshaped(rows: 100, columns: 200), x.reshaped(rows: 200, columns: 100))))
      }
      return withSettings(threads: threads, minimumWork: minimumWork) {
        VariableVector.valueWithGradient(at: point, of: cost)
      }
    }
    let one = run(1)
    for threads in [2, 3, 2] {
      expectIdentical(run(threads), to: one, threads: threads)
    }
    // Block after block on one thread (no chunks): the same sums in another order.
    let serial = run(1, minimumWork: 1 << 40)
    #expect(abs(serial.0 - one.0) <= 1e-13 * abs(one.0))
    for i in 0..<count {
      #expect(abs(serial.1[i] - one.1[i]) <= 1e-12 * max(1, abs(serial.1[i])), "\(i)")
    }
    // And against central differences: a weight, a bias, a gate, a readout, the scalars.
    expectCentralDifferences(
      one.1, of: cost, at: point,
      along: [
        7, inner * columns + 3, inner * columns + columns + 9, count - 5, count - 2, count - 1,
      ])
  }

  @Test("The gradient written in place is identical on 1, 2 and 3 threads, over any old values")
  func gradientInPlaceOnThreads() {
    var generator = SplitMix64(seed: 9)
    let (rows, inner, columns) = (64, 40, 50)
    let data = VariableMatrix(
      constant: generator.points(rows * inner, in: -1...1), rows: rows, columns: inner)
    let count = 6000
    let point: [Double] = generator.points(count, in: -0.3...0.3)
    // One reduction, scaled by cos(·) after it: weights written whole by the product's backward
    // step (fresh), a bias row summed in chunks, a long view overlapping both and added into,
    // and unused inputs at both ends that must be zeroed over the NaN the array held.
    func cost(_ p: VariableVector<Double>) -> Variable<Double> {
      let weights = p[100..<2100].reshaped(rows: inner, columns: columns)
      let bias = p[2100..<2150].reshaped(rows: 1, columns: columns)
      let long = p[2000..<5000]
      let hidden = tanh(matmul(data, weights) + bias)
      return sin(sum(concatenate([hidden.flattened(), long * long])))
    }
    func run(_ threads: Int, minimumWork: Int = 0) -> (Double, [Double]) {
      var gradient = [Double](repeating: .nan, count: count)
      let value = withSettings(threads: threads, minimumWork: minimumWork) {
        VariableVector.valueWithGradient(at: point, into: &gradient, of: cost)
      }
      return (value, gradient)
    }
    let one = run(1)
    for threads in [2, 3] {
      expectIdentical(run(threads), to: one, threads: threads)
    }
    #expect(one.1[..<100].allSatisfy { $0 == 0 } && one.1[5000...].allSatisfy { $0 == 0 })
    // Nothing split: the same sums, chunks apart.
    let serial = run(1, minimumWork: 1 << 40)
    for i in 0..<count {
      #expect(abs(serial.1[i] - one.1[i]) <= 1e-12 * max(1, abs(serial.1[i])), "\(i)")
    }
    // Central differences: a weight, one under the long view too, a bias, the long view alone.
    expectCentralDifferences(one.1, of: cost, at: point, along: [150, 2050, 2120, 4000])
  }

  @Test("A product with no rows splits into one empty band on any thread count")
  func emptyProduct() {
    for threads in [1, 2, 3] {
      let (value, gradient): (Double, [Double]) = withSettings(threads: threads) {
        VariableVector.valueWithGradient(at: [Double](repeating: 0.5, count: 12)) {
          (x: VariableVector<Double>) -> Variable<Double> in
          let empty = VariableMatrix<Double>(constant: [], rows: 0, columns: 3)
          let product = matmul(empty, x.reshaped(rows: 3, columns: 4))
          return sum(product) + sum(x)
        }
      }
      #expect(value == 6)
      #expect(gradient == [Double](repeating: 1, count: 12))
    }
  }
}
