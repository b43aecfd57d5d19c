/// The QR factorization with column pivoting of an m×n matrix, m ≥ n, by Householder
/// reflections:
///
/// ```
/// A P = Q R      Q: m×m orthogonal (kept as n reflections), R: n×n upper triangular,
///                P: the permutation that brings the column of largest remaining norm forward,
///                so that |R₀₀| ≥ |R₁₁| ≥ … ≥ |Rₙ₋₁,ₙ₋₁|
/// ```
///
/// Reflection j is H = I − v vᵀ / v₀ with v = x/α + e₁, where x is what is left of column j below
/// row j − 1 and α = sign(x₀)‖x‖; it maps x to −α e₁, so Rⱼⱼ = −α. The norms of the columns not
/// yet chosen are downdated after each reflection and recomputed when cancellation has eaten
/// their accuracy (Businger & Golub, 1965; the scheme of MINPACK's `qrfac`, Moré, Garbow &
/// Hillstrom, 1980).
///
/// - Complexity: O(m n²).
@usableFromInline
struct PivotedQR<T: BinaryFloatingPoint> {
  /// m.
  @usableFromInline let rowCount: Int
  /// n.
  @usableFromInline let columnCount: Int
  /// Column-major m×n: the reflection vectors v on and below the diagonal, R strictly above it.
  @usableFromInline var factors: [T]
  /// The diagonal of R.
  @usableFromInline var diagonal: [T]
  /// Column j of A P is column `permutation[j]` of A.
  @usableFromInline var permutation: [Int]
  /// ‖A eⱼ‖₂, the norms of the columns of A in their original order.
  @usableFromInline var columnNorms: [T]

  /// Factors `matrix`, given column-major with `rowCount` rows.
  ///
  /// - Precondition: `rowCount ≥ columnCount`; the callers check it with a thrown error first.
  @inlinable
  init(columnMajor matrix: [T], rowCount m: Int, columnCount n: Int) {
    precondition(m >= n && matrix.count == m * n, "PivotedQR needs an m×n matrix with m ≥ n")
    rowCount = m
    columnCount = n
    var a = matrix
    var norms = [T](repeating: 0, count: n)
    for j in 0..<n { norms[j] = euclideanNorm(a, from: j * m, count: m) }
    columnNorms = norms
    var partial = norms  // norm of each column below the rows already reduced
    var reference = norms  // the value `partial` was last computed exactly at
    var order = Array(0..<n)
    var rDiagonal = [T](repeating: 0, count: n)
    for j in 0..<n {
      // Bring forward the column of largest remaining norm.
      var largest = j
      for k in (j + 1)..<n where partial[k] > partial[largest] { largest = k }
      if largest != j {
        for i in 0..<m { a.swapAt(i + j * m, i + largest * m) }
        partial[largest] = partial[j]
        reference[largest] = reference[j]
        order.swapAt(j, largest)
      }
      var alpha = euclideanNorm(a, from: j + j * m, count: m - j)
      if alpha != 0 {
        if a[j + j * m] < 0 { alpha = -alpha }
        for i in j..<m { a[i + j * m] /= alpha }
        a[j + j * m] += 1
        let pivot = a[j + j * m]
        for k in (j + 1)..<n {
          var sum: T = 0
          for i in j..<m { sum += a[i + j * m] * a[i + k * m] }
          let scale = sum / pivot
          for i in j..<m { a[i + k * m] -= scale * a[i + j * m] }
          if partial[k] != 0 {
            let ratio = a[j + k * m] / partial[k]
            partial[k] *= Swift.max(0, 1 - ratio * ratio).squareRoot()
            let kept = partial[k] / reference[k]
            if 0.05 * kept * kept <= T.ulpOfOne {
              partial[k] = euclideanNorm(a, from: j + 1 + k * m, count: m - j - 1)
              reference[k] = partial[k]
            }
          }
        }
      }
      rDiagonal[j] = -alpha
    }
    factors = a
    diagonal = rDiagonal
    permutation = order
  }

  /// Replaces `vector` (m elements) by Qᵀ `vector`.
  @inlinable
  func applyTransposeOfQ(to vector: inout [T]) {
    let m = rowCount
    for j in 0..<columnCount {
      let pivot = factors[j + j * m]
      if pivot == 0 { continue }
      var sum: T = 0
      for i in j..<m { sum += factors[i + j * m] * vector[i] }
      let scale = -sum / pivot
      for i in j..<m { vector[i] += scale * factors[i + j * m] }
    }
  }

  /// R as an n×n column-major matrix, zero below the diagonal.
  @inlinable
  var r: [T] {
    let n = columnCount
    var result = [T](repeating: 0, count: n * n)
    for j in 0..<n {
      for i in 0..<j { result[i + j * n] = factors[i + j * rowCount] }
      result[j + j * n] = diagonal[j]
    }
    return result
  }

  /// The least-squares solution of A x ≈ b, with the columns whose |Rⱼⱼ| ≤ `relativeRankTolerance`
  /// · |R₀₀| treated as dependent and their components of x set to zero (a basic solution).
  ///
  /// - Returns: x and the numerical rank used.
  @inlinable
  func solve(_ b: [T], relativeRankTolerance: T) -> (solution: [T], rank: Int) {
    let n = columnCount
    let m = rowCount
    var qtb = b
    applyTransposeOfQ(to: &qtb)
    let threshold = relativeRankTolerance * (diagonal.first.map { $0.magnitude } ?? 0)
    var rank = 0
    while rank < n && diagonal[rank].magnitude > threshold { rank += 1 }
    var z = [T](repeating: 0, count: n)
    for j in stride(from: rank - 1, through: 0, by: -1) {
      var sum = qtb[j]
      for i in (j + 1)..<rank { sum -= factors[j + i * m] * z[i] }
      z[j] = sum / diagonal[j]
    }
    var x = [T](repeating: 0, count: n)
    for j in 0..<n { x[permutation[j]] = z[j] }
    return (x, rank)
  }
}
