/// A matrix of numbers tracked in reverse mode, stored row after row, recorded on the tape as
/// whole-array operations.
///
/// ```swift
/// // A layer of a network: 1000 points of 2 features, 16 units, one output.
/// let inputs = VariableMatrix(constant: features, rows: 1000, columns: 2)
/// let targets = VariableVector(constant: values)
/// let g = VariableVector.gradient(at: parameters) { p in
///   let weights = p[0..<32].reshaped(rows: 2, columns: 16)
///   let bias = p[32..<48].reshaped(rows: 1, columns: 16)
///   let hidden = tanh(matmul(inputs, weights) + bias)   // the bias row is added to every row
///   return mean(pow(matmul(hidden, p[48..<64]) - targets, 2))
/// }
/// ```
///
/// Like ``VariableVector``, `VariableMatrix` is a ``RealScalar`` whose arithmetic and elementary
/// functions act elementwise. Two matrices combine elementwise when their shapes are equal, or
/// when one of them is 1 × 1 (a number, repeated everywhere), a single row 1 × c (repeated for
/// every row: a bias) or a single column r × 1 (repeated across every row), as in NumPy. A
/// literal is a 1 × 1 matrix, so `1 - m` works.
///
/// Matrix operations: ``matmul(_:_:)-(VariableMatrix<T>,VariableMatrix<T>)`` and its
/// matrix × vector and vector × matrix forms, ``transposed()``, row-wise
/// ``logSumExp(rowsOf:)`` and ``softmax(rowsOf:)``, ``crossEntropy(logits:labels:)``,
/// ``sum(rowsOf:)`` and ``sum(columnsOf:)``; and the reductions of vectors, over all elements.
@frozen
public struct VariableMatrix<T: RealScalar> {
  @usableFromInline var handle: ArrayHandle<T>

  @inlinable
  init(handle: ArrayHandle<T>) { self.handle = handle }

  /// A matrix of the given scalar variables, row after row.
  ///
  /// - Precondition: `variables.count == rows × columns`.
  @inlinable
  public init<Variables: Collection>(_ variables: Variables, rows: Int, columns: Int)
  where Variables.Element == Variable<T> {
    let array = Array(variables)
    precondition(
      rows >= 0 && columns >= 0 && array.count == rows * columns,
      "\(array.count) variables cannot fill a \(rows) × \(columns) matrix.")
    handle = leaf(array, columns: columns)
  }

  /// A 1 × 1 matrix of the scalar variable `x`, which broadcasts over any matrix.
  @inlinable
  public init(_ x: Variable<T>) {
    self.init(handle: VariableVector(x).handle)
  }

  /// A matrix of constants, given row after row: data that carries no derivative.
  ///
  /// The values are not copied. Create data matrices once, outside the gradient closure.
  ///
  /// - Precondition: `values.count == rows × columns`.
  @inlinable
  public init(constant values: [T], rows: Int, columns: Int) {
    precondition(
      rows >= 0 && columns >= 0 && values.count == rows * columns,
      "\(values.count) values cannot fill a \(rows) × \(columns) matrix.")
    handle = ArrayHandle(constant: values, count: values.count, columns: columns, rows: rows)
  }

  /// A matrix of constants, one array per row.
  ///
  /// - Precondition: every row has the same length.
  @inlinable
  public init(constant rows: [[T]]) {
    let columns = rows.first?.count ?? 0
    precondition(
      rows.allSatisfy { $0.count == columns },
      "The rows of a matrix must all have the same length.")
    self.init(constant: rows.flatMap { $0 }, rows: rows.count, columns: columns)
  }

  /// The number of rows.
  @inlinable public var rows: Int { handle.rows }

  /// The number of columns.
  @inlinable public var columns: Int { handle.columns }

  /// The number of elements, rows × columns.
  @inlinable public var count: Int { handle.count }

  /// `true` for a matrix computed from the inputs of a gradient call; `false` for constants.
  @inlinable public var isTracked: Bool { handle.isTracked }

  /// The elements' values, row after row; evaluates an elementwise expression if needed.
  @inlinable public var values: [T] { AutoDiff.values(of: handle) }

  /// Element (i, j), as a scalar variable; see ``VariableVector/subscript(_:)-(Int)``.
  ///
  /// - Precondition: `0 <= i < rows` and `0 <= j < columns`.
  @inlinable
  public subscript(i: Int, j: Int) -> Variable<T> {
    precondition(
      i >= 0 && i < rows && j >= 0 && j < columns,
      "Element (\(i), \(j)) is out of range for a \(rows) × \(columns) matrix.")
    return element(handle, i * columns + j)
  }

  /// Row `i`, as a vector that shares this matrix's storage.
  ///
  /// - Precondition: `0 <= i < rows`.
  @inlinable
  public func row(_ i: Int) -> VariableVector<T> {
    precondition(i >= 0 && i < rows, "Row \(i) is out of range for a matrix of \(rows) rows.")
    return VariableVector(
      handle: slice(handle, start: i * columns, count: columns, columns: columns))
  }

  /// Rows `bounds`, as a matrix that shares this matrix's storage (a mini-batch, say).
  ///
  /// - Precondition: `bounds` lies within `0...rows`.
  @inlinable
  public func rows<Bounds: RangeExpression>(_ bounds: Bounds) -> VariableMatrix
  where Bounds.Bound == Int {
    let range = bounds.relative(to: 0..<rows)
    precondition(
      range.lowerBound >= 0 && range.upperBound <= rows,
      "Rows \(range) are out of range for a matrix of \(rows) rows.")
    return VariableMatrix(
      handle: slice(
        handle, start: range.lowerBound * columns, count: range.count * columns,
        columns: columns))
  }

  /// The elements, row after row, as a vector that shares this matrix's storage.
  @inlinable
  public func flattened() -> VariableVector<T> {
    VariableVector(handle: handle.reshaped(count: count, columns: count))
  }

  /// The same elements as a matrix of `rows` × `columns`; shares this matrix's storage.
  ///
  /// - Precondition: `rows × columns == count`.
  @inlinable
  public func reshaped(rows: Int, columns: Int) -> VariableMatrix {
    flattened().reshaped(rows: rows, columns: columns)
  }

  /// The transpose, Aᵀ[j][i] = A[i][j]: a new c × r matrix.
  ///
  /// - Complexity: O(rows × columns) time and memory.
  @inlinable
  public func transposed() -> VariableMatrix {
    VariableMatrix(handle: AutoDiff.transposed(handle, rows: rows, columns: columns))
  }
}

extension VariableMatrix: CustomStringConvertible {
  /// The shape and the values, marked as tracked or constant.
  public var description: String {
    let kind = isTracked ? "VariableMatrix" : "VariableMatrix(constant:"
    let values = values
    let rowsText = (0..<rows).map { i in
      "\(Array(values[(i * columns)..<((i + 1) * columns)]))"
    }
    return isTracked
      ? "\(kind)(\(rowsText.joined(separator: ", ")))"
      : "\(kind) \(rowsText.joined(separator: ", ")))"
  }
}
