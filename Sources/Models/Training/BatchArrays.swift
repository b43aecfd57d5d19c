import AutoDiff

/// Training data stored row after row, handed to a cost as constant arrays: the whole of it
/// without a copy when a batch covers every row, the batch's rows gathered otherwise.
///
/// The models write their costs over whole batches with `VariableMatrix` and `VariableVector`
/// (see AutoDiff's "Working with arrays"): one tape record per layer or per loss, instead of one
/// per multiplication.
@usableFromInline
struct BatchArrays<T: BinaryFloatingPoint & RealScalar & Sendable>: Sendable {
  /// Element (i, j) at `values[i * columns + j]`.
  @usableFromInline let values: [T]
  @usableFromInline let rowCount: Int
  @usableFromInline let columns: Int

  @inlinable
  init(values: [T], rowCount: Int, columns: Int) {
    self.values = values
    self.rowCount = rowCount
    self.columns = columns
  }

  /// The rows of a design, each followed by a 1 (the input of an intercept), when `ones`.
  @inlinable
  init(_ design: DesignMatrix<T>, appendingOnes ones: Bool = false) {
    rowCount = design.rowCount
    guard ones else {
      values = design.values
      columns = design.width
      return
    }
    columns = design.width + 1
    var values = [T]()
    values.reserveCapacity(rowCount * columns)
    for i in 0..<rowCount {
      values.append(contentsOf: design.values[(i * design.width)..<((i + 1) * design.width)])
      values.append(1)
    }
    self.values = values
  }

  /// `true` when `rows` names every row: a full batch, in any order (the costs are means, so
  /// the order of the rows does not matter).
  @inlinable
  func coversAll(_ rows: ArraySlice<Int>) -> Bool { rows.count == rowCount }

  /// The values of `rows`, in that order.
  @inlinable
  func gathered(_ rows: ArraySlice<Int>) -> [T] {
    if coversAll(rows) { return values }
    var batch = [T]()
    batch.reserveCapacity(rows.count * columns)
    for i in rows { batch.append(contentsOf: values[(i * columns)..<((i + 1) * columns)]) }
    return batch
  }

  /// `rows` as a constant matrix.
  @inlinable
  func matrix(_ rows: ArraySlice<Int>) -> VariableMatrix<T> {
    VariableMatrix(constant: gathered(rows), rows: rows.count, columns: columns)
  }

  /// Whether a batch of `rows` rows is worth writing over arrays for a cost whose scalar form
  /// records about `operationsPerRow` operations per row: array operations cost a few
  /// microseconds of fixed work per call, which a batch of a few hundred recorded operations
  /// already exceeds (measured on the models' costs, see the commit that introduced this).
  @inlinable
  static func usesArrays(rows: Int, operationsPerRow: Int) -> Bool {
    rows * operationsPerRow >= 256
  }

  /// `rows` of a one-column table as a constant vector.
  @inlinable
  func vector(_ rows: ArraySlice<Int>) -> VariableVector<T> {
    VariableVector(constant: gathered(rows))
  }
}
