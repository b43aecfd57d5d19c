/// Linear least squares by Householder QR: min over (w, b) of ‖Xw + b − y‖².
///
/// The intercept is removed by centring: with x̄ and ȳ the column means, w solves
/// min ‖(X − x̄)w − (y − ȳ)‖ and b = ȳ − w·x̄. The centred system is factored as QR with
/// Householder reflections (Golub & Van Loan, "Matrix Computations", §5.2) and R w = Qᵀ(y − ȳ)
/// is solved by back substitution.
enum LeastSquares {
  static func solve<T: BinaryFloatingPoint>(_ x: [[T]], _ y: [T], width p: Int) throws -> (
    coefficients: [T], intercept: T
  ) {
    let n = x.count
    guard n > p else {
      throw ModelError.invalidArgument(
        argument: "x", value: "\(n) rows of \(p) features",
        requirement: "at least \(p + 1) rows, one more than the number of features")
    }
    var means = [T](repeating: 0, count: p)
    for row in x { for j in 0..<p { means[j] += row[j] } }
    for j in 0..<p { means[j] /= T(n) }
    let meanY = y.reduce(0, +) / T(n)
    guard meanY.isFinite, means.allSatisfy(\.isFinite) else { throw overflow }

    // Column-major copy of the centred features, each column divided by its largest magnitude so
    // that squares cannot overflow (features of 1e200 are fine); b is the centred target.
    var a = [T](repeating: 0, count: n * p)
    var scales = [T](repeating: 1, count: p)
    for j in 0..<p {
      var largest: T = 0
      for i in 0..<n {
        a[j * n + i] = x[i][j] - means[j]
        largest = Swift.max(largest, Swift.abs(a[j * n + i]))
      }
      guard largest.isFinite else { throw overflow }
      if largest > 0 {
        scales[j] = largest
        for i in 0..<n { a[j * n + i] /= largest }
      }
    }
    var b = y.map { $0 - meanY }
    var diagonal = [T](repeating: 0, count: p)
    var largest: T = 0
    for k in 0..<p {
      var norm: T = 0
      for i in k..<n { norm += a[k * n + i] * a[k * n + i] }
      norm = norm.squareRoot()
      let alpha = a[k * n + k] > 0 ? -norm : norm
      diagonal[k] = alpha
      largest = Swift.max(largest, Swift.abs(alpha))
      guard norm > 0 else { continue }
      a[k * n + k] -= alpha  // v = column − α·e₁, kept in place
      var vv: T = 0
      for i in k..<n { vv += a[k * n + i] * a[k * n + i] }
      for j in (k + 1)..<p {
        var dot: T = 0
        for i in k..<n { dot += a[k * n + i] * a[j * n + i] }
        let f = 2 * dot / vv
        for i in k..<n { a[j * n + i] -= f * a[k * n + i] }
      }
      var dot: T = 0
      for i in k..<n { dot += a[k * n + i] * b[i] }
      let f = 2 * dot / vv
      for i in k..<n { b[i] -= f * a[k * n + i] }
    }
    let threshold = T(Swift.max(n, p)) * T.ulpOfOne * largest
    for k in 0..<p where !(Swift.abs(diagonal[k]) > threshold) {
      throw ModelError.invalidArgument(
        argument: "x",
        value: "rank-deficient (feature \(k) is constant or a linear combination "
          + "of the features before it)",
        requirement: "features that are linearly independent; remove the redundant column")
    }
    var w = [T](repeating: 0, count: p)
    for k in stride(from: p - 1, through: 0, by: -1) {
      var total = b[k]
      for j in (k + 1)..<p { total -= a[j * n + k] * w[j] }
      w[k] = total / diagonal[k]
    }
    for j in 0..<p { w[j] /= scales[j] }
    var intercept = meanY
    for j in 0..<p { intercept -= w[j] * means[j] }
    guard intercept.isFinite, w.allSatisfy(\.isFinite) else { throw overflow }
    return (w, intercept)
  }

  /// The error for data whose solution or cost leaves the range of the type.
  static var overflow: ModelError {
    ModelError.invalidArgument(
      argument: "x, y", value: "data on which least squares overflows",
      requirement: "values of moderate size; rescale the targets or standardize the features")
  }
}
