import AutoDiff

// The blocks of a ParameterLayout, out of a cost's parameters given as one VariableVector: the
// same slices as by hand, one O(1) view each, sharing the vector's storage.

extension VariableVector {
  /// The matrix block `parameter`: `p[parameter.range].reshaped(rows:columns:)`, one slice that
  /// shares this vector's storage and copies nothing. Its gradient flows into the block.
  ///
  /// ```swift
  /// let hidden = tanh(matmul(inputs, p[w1].transposed()) + p[b1.row])
  /// ```
  ///
  /// - Precondition: `parameter.range` lies within the vector.
  public subscript(parameter: MatrixParameter) -> VariableMatrix<T> {
    self[parameter.range].reshaped(rows: parameter.rows, columns: parameter.columns)
  }

  /// The vector block `parameter`: `p[parameter.range]`, one slice that shares this vector's
  /// storage and copies nothing.
  ///
  /// - Precondition: `parameter.range` lies within the vector.
  public subscript(parameter: VectorParameter) -> VariableVector {
    self[parameter.range]
  }

  /// The scalar block `parameter`: element `p[offset]`, which for the parameters a gradient call
  /// hands to its closure is the input variable itself and costs nothing.
  ///
  /// - Precondition: `parameter.offset` is an index of the vector.
  public subscript(parameter: ScalarParameter) -> Variable<T> {
    self[parameter.offset]
  }
}
