/// The singular values σ₀ ≥ σ₁ ≥ … ≥ σₙ₋₁ ≥ 0 and right singular vectors V of an m×n matrix,
/// m ≥ n, by one-sided Jacobi rotations:
///
/// ```
/// A V = U Σ      rotate pairs of columns (p, q) of A, and of V, by the angle θ with
///                tan 2θ = 2 aₚ·a_q / (‖a_q‖² − ‖aₚ‖²), which makes them orthogonal;
///                sweep over all pairs until every pair is orthogonal to working precision
/// ```
///
/// then σⱼ = ‖aⱼ‖. Unlike the normal equations (whose eigenvalues are σ², so that σ below
/// √ε σ₀ is lost) it finds small singular values to high relative accuracy, and the accuracy
/// does not depend on how the columns are scaled (Hestenes, "Inversion of matrices by
/// biorthogonalization", 1958; Demmel & Veselić, "Jacobi's method is more accurate than QR",
/// SIAM J. Matrix Anal. Appl. 13, 1992).
///
/// - Complexity: O(m n²) per sweep; a handful of sweeps for the small n of curve fitting.
@usableFromInline
struct JacobiSVD<T: BinaryFloatingPoint> {
  /// σ, in decreasing order.
  @usableFromInline var singularValues: [T]
  /// V, n×n column-major; column k belongs to `singularValues[k]`.
  @usableFromInline var rightSingularVectors: [T]

  /// Decomposes `matrix`, column-major with `rowCount` rows and `columnCount` columns.
  @inlinable
  init(columnMajor matrix: [T], rowCount m: Int, columnCount n: Int) {
    var a = matrix
    var v = [T](repeating: 0, count: n * n)
    for j in 0..<n { v[j + j * n] = 1 }
    let tolerance = T.ulpOfOne
    for _ in 0..<60 {
      var rotated = false
      for p in 0..<n {
        for q in (p + 1)..<n {
          var alpha: T = 0
          var beta: T = 0
          var gamma: T = 0
          for i in 0..<m {
            let x = a[i + p * m]
            let y = a[i + q * m]
            alpha += x * x
            beta += y * y
            gamma += x * y
          }
          if alpha == 0 || beta == 0 { continue }
          if gamma.magnitude <= tolerance * alpha.squareRoot() * beta.squareRoot() { continue }
          rotated = true
          let zeta = (beta - alpha) / (2 * gamma)
          let t: T
          if zeta.magnitude > 1 / tolerance {
            t = 1 / (2 * zeta)
          } else {
            let sign: T = zeta < 0 ? -1 : 1
            t = sign / (zeta.magnitude + (1 + zeta * zeta).squareRoot())
          }
          let c = 1 / (1 + t * t).squareRoot()
          let s = c * t
          for i in 0..<m {
            let x = a[i + p * m]
            let y = a[i + q * m]
            a[i + p * m] = c * x - s * y
            a[i + q * m] = s * x + c * y
          }
          for i in 0..<n {
            let x = v[i + p * n]
            let y = v[i + q * n]
            v[i + p * n] = c * x - s * y
            v[i + q * n] = s * x + c * y
          }
        }
      }
      if !rotated { break }
    }
    let norms = (0..<n).map { euclideanNorm(a, from: $0 * m, count: m) }
    let order = (0..<n).sorted { norms[$0] > norms[$1] }
    singularValues = order.map { norms[$0] }
    var sorted = [T](repeating: 0, count: n * n)
    for (k, j) in order.enumerated() {
      for i in 0..<n { sorted[i + k * n] = v[i + j * n] }
    }
    rightSingularVectors = sorted
  }
}
