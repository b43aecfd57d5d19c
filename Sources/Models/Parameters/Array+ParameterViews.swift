import AutoDiff

// The blocks of a ParameterLayout, out of a flat parameter vector held as an array: tracked
// views of `[Variable<T>]` inside a cost, plain values of `[T]` outside it.

extension Array {
  /// The matrix block `parameter` of a cost's scalar variables, as a `VariableMatrix` of those
  /// variables: `VariableMatrix(p[parameter.range], rows:columns:)`.
  ///
  /// Like any array of scalar variables, it copies the block's values onto the tape once. A
  /// cost that uses several blocks may make `VariableVector(p)` once and take the views of that
  /// instead, which copy nothing more.
  ///
  /// - Precondition: `parameter.range` lies within the array.
  public subscript<T>(block parameter: MatrixParameter) -> VariableMatrix<T>
  where Element == Variable<T> {
    VariableMatrix(self[parameter.range], rows: parameter.rows, columns: parameter.columns)
  }

  /// The vector block `parameter` of a cost's scalar variables, as a `VariableVector` of those
  /// variables: `VariableVector(p[parameter.range])`.
  ///
  /// - Precondition: `parameter.range` lies within the array.
  public subscript<T>(block parameter: VectorParameter) -> VariableVector<T>
  where Element == Variable<T> {
    VariableVector(self[parameter.range])
  }

  /// The scalar block `parameter` of a cost's scalar variables: the variable `p[offset]`
  /// itself.
  ///
  /// - Precondition: `parameter.offset` is an index of the array.
  public subscript<T>(block parameter: ScalarParameter) -> Variable<T>
  where Element == Variable<T> {
    self[parameter.offset]
  }
}

extension Array where Element: BinaryFloatingPoint {
  /// The values of the matrix block `parameter`, row by row; setting it replaces them.
  ///
  /// ```swift
  /// let weights = result.minimizer[block: w1]      // [[Double]], w1.rows arrays of w1.columns
  /// start[block: w1] = [[0.1, -0.2], [0.3, 0.4]]   // for a 2 × 2 block
  /// ```
  ///
  /// ``ParameterLayout/values(of:in:)-(MatrixParameter,[T])`` is the checked form, which throws
  /// for a vector of the wrong length.
  ///
  /// - Precondition: `parameter.range` lies within the array; a new value has `parameter.rows`
  ///   rows of `parameter.columns` values.
  public subscript(block parameter: MatrixParameter) -> [[Element]] {
    get {
      precondition(
        parameter.range.upperBound <= count,
        "\(parameter) is out of range for a vector of \(count) elements.")
      return (0..<parameter.rows).map { i in
        let start = parameter.offset + i * parameter.columns
        return Array(self[start..<(start + parameter.columns)])
      }
    }
    set {
      precondition(
        newValue.count == parameter.rows && newValue.allSatisfy { $0.count == parameter.columns },
        "\(parameter) needs \(parameter.rows) rows of \(parameter.columns) values.")
      replaceSubrange(parameter.range, with: newValue.joined())
    }
  }

  /// The values of the vector block `parameter`; setting it replaces them.
  ///
  /// - Precondition: `parameter.range` lies within the array; a new value has
  ///   `parameter.count` elements.
  public subscript(block parameter: VectorParameter) -> [Element] {
    get { Array(self[parameter.range]) }
    set {
      precondition(
        newValue.count == parameter.count, "\(parameter) needs \(parameter.count) values.")
      replaceSubrange(parameter.range, with: newValue)
    }
  }

  /// The value of the scalar block `parameter`, `p[offset]`; settable.
  ///
  /// - Precondition: `parameter.offset` is an index of the array.
  public subscript(block parameter: ScalarParameter) -> Element {
    get { self[parameter.offset] }
    set { self[parameter.offset] = newValue }
  }
}
