import Testing

@testable import Optimization

/// The factorizations behind the least-squares solver: pivoted QR, the trust-region step and the
/// one-sided Jacobi SVD.
@Suite("Least squares: QR, trust-region step and SVD")
struct LinearAlgebraTests {
  /// A 5×3 matrix, column-major, whose columns differ in scale by 10⁶.
  let matrix: [Double] = [
    1, 2, 3, 4, 5,
    1e6, -2e6, 0.5e6, 3e6, 1e6,
    0.001, 0.004, 0.009, 0.016, 0.025,
  ]

  @Test func pivotedQRReproducesTheMatrixWithDecreasingDiagonal() {
    let qr = PivotedQR(columnMajor: matrix, rowCount: 5, columnCount: 3)
    #expect(qr.permutation[0] == 1, "the largest column comes first")
    let d = qr.diagonal.map(\.magnitude)
    #expect(d[0] >= d[1] && d[1] >= d[2])
    // Qᵀ A P = R: apply Qᵀ to each permuted column and compare with R.
    let r = qr.r
    for j in 0..<3 {
      var column = Array(matrix[(qr.permutation[j] * 5)..<(qr.permutation[j] * 5 + 5)])
      qr.applyTransposeOfQ(to: &column)
      for i in 0..<5 {
        let expected = i < 3 ? r[i + j * 3] : 0
        #expect(abs(column[i] - expected) <= 1e-9 * max(1, abs(r[j + j * 3])), "(\(i), \(j))")
      }
    }
  }

  @Test func leastSquaresSolutionSatisfiesTheNormalEquations() {
    let qr = PivotedQR(columnMajor: matrix, rowCount: 5, columnCount: 3)
    let b: [Double] = [1, -1, 2, 0.5, 3]
    let (x, rank) = qr.solve(b, relativeRankTolerance: 1e-14)
    #expect(rank == 3)
    var residual = b.map { -$0 }
    for j in 0..<3 { for i in 0..<5 { residual[i] += matrix[i + j * 5] * x[j] } }
    for j in 0..<3 {
      var g = 0.0
      var norm = 0.0
      for i in 0..<5 {
        g += matrix[i + j * 5] * residual[i]
        norm += matrix[i + j * 5] * matrix[i + j * 5]
      }
      #expect(abs(g) <= 1e-12 * norm.squareRoot() * 5)
    }
  }

  @Test func trustRegionStepMeetsTheRadius() {
    let qr = PivotedQR(columnMajor: matrix, rowCount: 5, columnCount: 3)
    var qtr: [Double] = [1, -1, 2, 0.5, 3]
    qr.applyTransposeOfQ(to: &qtr)
    var subproblem = TrustRegionSubproblem(factorization: qr, qtr: qtr)
    let scale = qr.columnNorms
    let gaussNewton = subproblem.step(radius: 1e9, scale: scale, lambda: 0)
    #expect(gaussNewton.lambda == 0)
    let gaussNewtonNorm = zip(scale, gaussNewton.step).map { ($0 * $1) * ($0 * $1) }
      .reduce(0, +).squareRoot()
    let radius = gaussNewtonNorm / 10
    let damped = subproblem.step(radius: radius, scale: scale, lambda: 0)
    #expect(damped.lambda > 0)
    let dampedNorm = zip(scale, damped.step).map { ($0 * $1) * ($0 * $1) }.reduce(0, +)
      .squareRoot()
    #expect(abs(dampedNorm - radius) <= 0.1 * radius, "‖D p‖ = \(dampedNorm), Δ = \(radius)")
  }

  @Test func jacobiFindsSmallSingularValuesOfBadlyScaledColumns() {
    // diag(1, 10⁻⁸, 10⁸) rotated on the left: singular values 10⁸, 1, 10⁻⁸.
    let c = 0.6
    let s = 0.8
    let a: [Double] = [c, s, 0, 0, -s * 1e-8, c * 1e-8, 0, 0, 0, 0, 1e8, 0]
    let svd = JacobiSVD(columnMajor: a, rowCount: 4, columnCount: 3)
    #expect(isClose(svd.singularValues[0], 1e8, relative: 1e-15))
    #expect(isClose(svd.singularValues[1], 1, relative: 1e-15))
    #expect(isClose(svd.singularValues[2], 1e-8, relative: 1e-14))
  }
}
