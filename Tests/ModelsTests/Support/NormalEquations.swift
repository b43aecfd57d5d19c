/// The least-squares line by the normal equations, an answer independent of the library's
/// Householder QR: with A = [X 1], θ = (w, b) solves AᵀA·θ = Aᵀy, here by Gaussian elimination
/// with partial pivoting in `Double`.
///
/// Squaring the condition number costs digits (about κ(A)²·ε), which is harmless for the
/// well-conditioned data of these tests.
enum NormalEquations {
  /// Returns w and b minimizing ‖Xw + b − y‖².
  static func solve(x: [[Double]], y: [Double]) -> (coefficients: [Double], intercept: Double) {
    let p = x[0].count
    let size = p + 1
    // The augmented matrix [AᵀA | Aᵀy], row by row.
    var m = [[Double]](repeating: [Double](repeating: 0, count: size + 1), count: size)
    for (row, target) in zip(x, y) {
      let a = row + [1]
      for i in 0..<size {
        for j in 0..<size { m[i][j] += a[i] * a[j] }
        m[i][size] += a[i] * target
      }
    }
    let theta = eliminate(m)
    return (Array(theta[0..<p]), theta[p])
  }

  /// Solves the square system in the augmented matrix `m` (n rows of n + 1 columns).
  static func eliminate(_ matrix: [[Double]]) -> [Double] {
    var m = matrix
    let n = m.count
    for k in 0..<n {
      // Partial pivoting: the largest remaining entry of column k becomes the pivot.
      var pivot = k
      for i in (k + 1)..<n where abs(m[i][k]) > abs(m[pivot][k]) { pivot = i }
      m.swapAt(k, pivot)
      for i in (k + 1)..<n {
        let factor = m[i][k] / m[k][k]
        for j in k...n { m[i][j] -= factor * m[k][j] }
      }
    }
    var solution = [Double](repeating: 0, count: n)
    for k in stride(from: n - 1, through: 0, by: -1) {
      var total = m[k][n]
      for j in (k + 1)..<n { total -= m[k][j] * solution[j] }
      solution[k] = total / m[k][k]
    }
    return solution
  }
}
