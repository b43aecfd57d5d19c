// Matrix products, row-wise functions, concatenation: operations that are evaluated when they
// are recorded, each one record on the tape whose backward step is a loop over contiguous rows.

/// The matrix product C = A B, Cᵢⱼ = Σₚ Aᵢₚ Bₚⱼ, for A of r × k and B of k × c.
///
/// ```
/// Ā += C̄ Bᵀ,   B̄ += Aᵀ C̄
/// ```
///
/// A batch of points times a layer's weights:
///
/// ```swift
/// let hidden = tanh(matmul(inputs, weights) + bias)   // (n × 2)(2 × 16) + (1 × 16)
/// ```
///
/// - Precondition: `a.columns == b.rows`.
/// - Complexity: O(r k c) time; the result's r × c elements on the tape.
@inlinable
public func matmul<T>(_ a: VariableMatrix<T>, _ b: VariableMatrix<T>) -> VariableMatrix<T> {
  precondition(
    a.columns == b.rows,
    "matmul of a \(a.rows) × \(a.columns) matrix and a \(b.rows) × \(b.columns) matrix: the "
      + "first has \(a.columns) columns, so the second needs \(a.columns) rows.")
  return VariableMatrix(
    handle: matrixProduct(
      a.handle, b.handle, rows: a.rows, inner: a.columns, columns: b.columns))
}

/// The matrix-vector product y = A x, yᵢ = Σⱼ Aᵢⱼ xⱼ, for A of r × c and x of c elements.
///
/// ```
/// Ā += ȳ xᵀ,   x̄ += Aᵀ ȳ
/// ```
///
/// - Precondition: `a.columns == x.count`.
@inlinable
public func matmul<T>(_ a: VariableMatrix<T>, _ x: VariableVector<T>) -> VariableVector<T> {
  precondition(
    a.columns == x.count,
    "matmul of a \(a.rows) × \(a.columns) matrix and a vector of \(x.count) elements: the "
      + "vector needs \(a.columns) elements, one per column.")
  return VariableVector(
    handle: matrixProduct(
      a.handle, x.handle.reshaped(count: x.count, columns: 1), rows: a.rows, inner: a.columns,
      columns: 1
    ).reshaped(count: a.rows, columns: a.rows))
}

/// The vector-matrix product yᵀ = xᵀ A, yⱼ = Σᵢ xᵢ Aᵢⱼ, for x of r elements and A of r × c.
///
/// - Precondition: `x.count == a.rows`.
@inlinable
public func matmul<T>(_ x: VariableVector<T>, _ a: VariableMatrix<T>) -> VariableVector<T> {
  precondition(
    x.count == a.rows,
    "matmul of a vector of \(x.count) elements and a \(a.rows) × \(a.columns) matrix: the "
      + "vector needs \(a.rows) elements, one per row.")
  return VariableVector(
    handle: matrixProduct(x.handle, a.handle, rows: 1, inner: a.rows, columns: a.columns))
}

/// log Σⱼ exp aᵢⱼ for each row i of a matrix, computed without overflow: a vector of one
/// element per row.
///
/// ```
/// lᵢ = mᵢ + log Σⱼ exp(aᵢⱼ − mᵢ),   mᵢ = maxⱼ aᵢⱼ
/// ∂lᵢ/∂aᵢⱼ = exp(aᵢⱼ − lᵢ) = softmax(aᵢ)ⱼ
/// ```
///
/// A row of −∞ only (or an empty row) gives −∞; a row holding +∞ gives +∞.
@inlinable
public func logSumExp<T>(rowsOf a: VariableMatrix<T>) -> VariableVector<T> {
  VariableVector(handle: rowLogSumExp(a.handle, rows: a.rows, columns: a.columns))
}

/// The softmax of a vector, yᵢ = exp xᵢ / Σⱼ exp xⱼ, computed without overflow.
///
/// ```
/// ∂yᵢ/∂xⱼ = yᵢ (δᵢⱼ − yⱼ)
/// ```
@inlinable
public func softmax<T>(_ x: VariableVector<T>) -> VariableVector<T> {
  softmax(rowsOf: x.reshaped(rows: 1, columns: x.count)).flattened()
}

/// The softmax of each row of a matrix, yᵢⱼ = exp aᵢⱼ / Σₖ exp aᵢₖ, computed without overflow.
///
/// ```
/// āᵢⱼ += yᵢⱼ (ȳᵢⱼ − Σₖ ȳᵢₖ yᵢₖ)
/// ```
@inlinable
public func softmax<T>(rowsOf a: VariableMatrix<T>) -> VariableMatrix<T> {
  VariableMatrix(handle: rowSoftmax(a.handle, rows: a.rows, columns: a.columns))
}

/// The mean cross-entropy of softmax classifiers, given their logits (one row per example)
/// and the true class of each example; finite however large the logits.
///
/// ```
/// loss = (1/r) Σᵢ −log softmax(zᵢ)_{yᵢ} = (1/r) Σᵢ (logSumExp(zᵢ) − zᵢ,yᵢ)
/// ∂loss/∂zᵢⱼ = (softmax(zᵢ)ⱼ − [j = yᵢ]) / r
/// ```
///
/// Written through log-sum-exp, the loss never forms the softmax's ratio of exponentials, so a
/// logit of 1000 gives a finite loss and gradient where exp(1000) would overflow.
///
/// - Parameters:
///   - logits: r × c scores, one row per example, one column per class.
///   - labels: the class of each example, in `0..<c`.
/// - Precondition: one label per row, each in `0..<logits.columns`.
@inlinable
public func crossEntropy<T>(logits: VariableMatrix<T>, labels: [Int]) -> Variable<T> {
  precondition(
    labels.count == logits.rows,
    "crossEntropy of \(logits.rows) rows of logits with \(labels.count) labels: pass one label "
      + "per row.")
  let columns = logits.columns
  for (i, label) in labels.enumerated() where label < 0 || label >= columns {
    preconditionFailure(
      "crossEntropy: the label \(label) of row \(i) is not a class of the logits, which have "
        + "\(columns) columns (classes 0..<\(columns)).")
  }
  let picked = VariableVector(
    handle: rowPick(
      logits.handle, rows: logits.rows, columns: columns,
      picks: labels.map { Int32(truncatingIfNeeded: $0) }))
  return mean(logSumExp(rowsOf: logits) - picked)
}

/// The cross-entropy of one softmax classifier, −log softmax(z)_y = logSumExp(z) − z_y; finite
/// however large the logits.
///
/// - Precondition: `label` is in `0..<logits.count`.
@inlinable
public func crossEntropy<T>(logits: VariableVector<T>, label: Int) -> Variable<T> {
  crossEntropy(logits: logits.reshaped(rows: 1, columns: logits.count), labels: [label])
}

/// The sum of each row of a matrix, sᵢ = Σⱼ aᵢⱼ: a vector of one element per row.
///
/// ```
/// āᵢⱼ += s̄ᵢ
/// ```
@inlinable
public func sum<T>(rowsOf a: VariableMatrix<T>) -> VariableVector<T> {
  VariableVector(handle: rowSum(a.handle, rows: a.rows, columns: a.columns))
}

/// The sum of each column of a matrix, sⱼ = Σᵢ aᵢⱼ: a vector of one element per column.
///
/// ```
/// āᵢⱼ += s̄ⱼ
/// ```
@inlinable
public func sum<T>(columnsOf a: VariableMatrix<T>) -> VariableVector<T> {
  VariableVector(handle: columnSum(a.handle, rows: a.rows, columns: a.columns))
}

/// The vectors one after the other: (x₀, …, xₙ₋₁, y₀, …).
///
/// ```swift
/// concatenate([x[1...], x[..<1]])   // rotated by one
/// ```
///
/// - Complexity: O(total count): the elements are copied into one new vector.
@inlinable
public func concatenate<T>(_ parts: [VariableVector<T>]) -> VariableVector<T> {
  let total = parts.reduce(0) { $0 + $1.count }
  return VariableVector(handle: concatenation(parts.map(\.handle), columns: total, rows: 1))
}

/// The rows of the matrices one after the other: a matrix of Σ rows, all with the same columns.
///
/// - Precondition: every matrix has the same number of columns.
@inlinable
public func concatenate<T>(rowsOf parts: [VariableMatrix<T>]) -> VariableMatrix<T> {
  let columns = parts.first?.columns ?? 0
  precondition(
    parts.allSatisfy { $0.columns == columns },
    "concatenate(rowsOf:) of matrices of \(parts.map(\.columns)) columns: every matrix needs "
      + "the same number of columns.")
  return VariableMatrix(
    handle: concatenation(
      parts.map(\.handle), columns: columns, rows: parts.reduce(0) { $0 + $1.rows }))
}
