import AutoDiff
import Testing

// The shortcuts of a region's backward step (Sources/AutoDiff/Arrays/Evaluation/RegionPlan.swift
// and RegionBackward.swift): values the walk never reads are not recomputed; a contiguous operand
// used once is overwritten instead of zeroed and added to, but only by the first region that
// writes it; a bias row added to or subtracted from every row takes the sum of the adjoint's
// rows directly. Each case is checked against the same cost with scalar variables and against
// central differences.
//
// The shortcuts apply to a region whose top is evaluated because an operation that is not
// elementwise reads it, as a layer's activations are read by the next matrix product; so every
// region here is read out through a product with a constant matrix.

/// Element (i, j) of the scalar r × c matrix `m` plus (or minus) bias[j].
private func addingRow<T>(
  _ m: [Variable<T>], _ bias: [Variable<T>], columns: Int, subtracting: Bool = false
) -> [Variable<T>] {
  m.indices.map { k in subtracting ? m[k] - bias[k % columns] : m[k] + bias[k % columns] }
}

/// Element k of the read-out matrices, (k mod 7)/3 − 1 (written in steps: as one expression
/// over generic literals it takes the type checker 300 ms).
private func readOutElement<T: RealScalar>(_ k: Int) -> T {
  let numerator = T(k % 7)
  return numerator / T(3) - T(1)
}

/// Σ weights ⊙ (M K) for a constant c × 2 matrix K: M read by a matrix product.
private func readOut<T>(_ m: VariableMatrix<T>) -> Variable<T> {
  let k = (0..<(2 * m.columns)).map { (k: Int) -> T in readOutElement(k) }
  return weighted(matmul(m, VariableMatrix(constant: k, rows: m.columns, columns: 2)))
}

/// The scalar counterpart of `readOut` for an r × c matrix given row by row.
private func readOut<T>(_ m: [Variable<T>], columns: Int) -> Variable<T> {
  let k = (0..<(2 * columns)).map { (k: Int) -> Variable<T> in Variable(constant: readOutElement(k))
  }
  return weighted(product(m, k, rows: m.count / columns, inner: columns, columns: 2))
}

func checkRegionBackward<T: TestScalar>(_: T.Type) {
  // A 7 × 3 batch, a 3 × 5 layer and its bias: 21 + 15 + 5 inputs.
  let (rows, inner, columns) = (7, 3, 5)
  let point: [T] = seededPoints(rows * inner + inner * columns + columns, in: -1...1, seed: 11)
  let weightsEnd = rows * inner + inner * columns
  func layer(_ v: VariableVector<T>) -> VariableMatrix<T> {
    matmul(
      v[0..<(rows * inner)].reshaped(rows: rows, columns: inner),
      v[(rows * inner)..<weightsEnd].reshaped(rows: inner, columns: columns))
  }
  func scalarLayer(_ v: [Variable<T>]) -> [Variable<T>] {
    product(
      Array(v[0..<(rows * inner)]), Array(v[(rows * inner)..<weightsEnd]), rows: rows,
      inner: inner, columns: columns)
  }
  let biasRow = { (v: VariableVector<T>) in v[weightsEnd...].reshaped(rows: 1, columns: columns) }

  // tanh(A W + b): the sum is not recomputed, A W is overwritten, b sums the rows.
  checkArrayCost(
    "tanh(A W + b)", at: point,
    array: { v in readOut(tanh(layer(v) + biasRow(v))) }
  ) { v in
    readOut(
      addingRow(scalarLayer(v), Array(v[weightsEnd...]), columns: columns).map { tanh($0) },
      columns: columns)
  }
  // The same with the bias subtracted: its adjoint is the negated sum of the rows.
  checkArrayCost(
    "tanh(A W − b)", at: point,
    array: { v in readOut(tanh(layer(v) - biasRow(v))) }
  ) { v in
    readOut(
      addingRow(scalarLayer(v), Array(v[weightsEnd...]), columns: columns, subtracting: true)
        .map { tanh($0) }, columns: columns)
  }
  // A W read by two regions under one reduction: only the first to run its backward step may
  // overwrite A W's adjoints; the second adds to them.
  checkArrayCost(
    "tanh(A W + b) and tanh(A W − b) in one cost", at: point,
    array: { v in
      let z = layer(v)
      let k = VariableMatrix<T>(
        constant: (0..<(2 * columns)).map { (k: Int) -> T in readOutElement(k) }, rows: columns,
        columns: 2)
      return weighted(matmul(tanh(z + biasRow(v)), k) + matmul(tanh(z - biasRow(v)), k))
    }
  ) { v in
    let z = scalarLayer(v)
    let bias = Array(v[weightsEnd...])
    let k = (0..<(2 * columns)).map { (k: Int) -> Variable<T> in
      Variable(constant: readOutElement(k))
    }
    let first = product(
      addingRow(z, bias, columns: columns).map { tanh($0) }, k, rows: rows, inner: columns,
      columns: 2)
    let second = product(
      addingRow(z, bias, columns: columns, subtracting: true).map { tanh($0) }, k, rows: rows,
      inner: columns, columns: 2)
    return weighted(zip(first, second).map { $0 + $1 })
  }
  // A W used twice inside one region: added to, not overwritten.
  checkArrayCost(
    "A W + tanh(A W)", at: point,
    array: { v in
      let z = layer(v)
      return readOut(z + tanh(z))
    }
  ) { v in readOut(scalarLayer(v).map { $0 + tanh($0) }, columns: columns) }
  // Two slices of one vector in one region: views share their owner's adjoints and are never
  // overwritten.
  checkArrayCost(
    "tanh(x[1...]) + x[..<(n − 1)]", at: Array(point[0..<9]),
    array: { v in
      let n = v.count
      return readOut((tanh(v[1...]) + v[..<(n - 1)]).reshaped(rows: 2, columns: 4))
    }
  ) { v in readOut((0..<8).map { tanh(v[$0 + 1]) + v[$0] }, columns: 4) }
  // A product inside the region reads the sum's values: they must be recomputed.
  checkArrayCost(
    "tanh((A W + b) · (A W + b))", at: point,
    array: { v in
      let s = layer(v) + biasRow(v)
      return readOut(tanh(s * s))
    }
  ) { v in
    readOut(
      addingRow(scalarLayer(v), Array(v[weightsEnd...]), columns: columns).map { tanh($0 * $0) },
      columns: columns)
  }
  // A bias row longer than a block (520 columns, blocks of 512 elements): rows are split
  // across blocks, so a block starts and ends inside a row.
  let wideColumns = 520
  let wide: [T] = seededPoints(2 * wideColumns + wideColumns, in: -1...1, seed: 12)
  checkArrayCost(
    "tanh(M + b) with rows longer than a block", at: wide,
    array: { v in
      readOut(
        tanh(
          v[0..<(2 * wideColumns)].reshaped(rows: 2, columns: wideColumns)
            + v[(2 * wideColumns)...].reshaped(rows: 1, columns: wideColumns)))
    }
  ) { v in
    readOut(
      addingRow(
        Array(v[0..<(2 * wideColumns)]), Array(v[(2 * wideColumns)...]), columns: wideColumns
      ).map { tanh($0) }, columns: wideColumns)
  }
}

func checkChunkedTanh<T: TestScalar>(_: T.Type) {
  // tanh summed directly (Σ tanh x) and inside a longer expression (Σ w tanh x, whose backward
  // step computes tanh again): both compute tanh 256 elements at a time first; 517 elements
  // leave a partial chunk whose length is not a multiple of four.
  let point: [T] = seededPoints(517, in: -3...3, seed: 13)
  let weights = (0..<point.count).map { (k: Int) -> T in readOutElement(k) }
  let w = VariableVector(constant: weights)
  checkArrayCost("Σ tanh(x), 517 elements", at: point, array: { x in sum(tanh(x)) }) { x in
    var total: Variable<T> = 0
    for v in x { total += tanh(v) }
    return total
  }
  checkArrayCost("Σ w tanh(x), 517 elements", at: point, array: { x in sum(w * tanh(x)) }) { x in
    var total: Variable<T> = 0
    for (v, weight) in zip(x, weights) { total += Variable(constant: weight) * tanh(v) }
    return total
  }
}

@Suite("A region's backward step")
struct RegionBackwardTests {
  @Test("Shortcuts of the backward walk give the scalar gradient (Double)")
  func double() { checkRegionBackward(Double.self) }

  @Test("Shortcuts of the backward walk give the scalar gradient (Float)")
  func float() { checkRegionBackward(Float.self) }

  @Test("tanh a chunk at a time in reductions and backward loops (Double and Float)")
  func chunkedTanh() {
    checkChunkedTanh(Double.self)
    checkChunkedTanh(Float.self)
  }
}
