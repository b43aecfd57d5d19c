/// The Levenberg–Marquardt step of Moré (1978): the p that minimizes the linearized sum of squares
/// within a scaled trust region,
///
/// ```
/// minimize ‖J p + r‖₂   subject to   ‖D p‖₂ ≤ Δ,
/// ```
///
/// whose solution is p(λ) = −(JᵀJ + λ DᵀD)⁻¹ Jᵀr for the λ ≥ 0 with λ = 0 and ‖D p(0)‖ ≤ Δ (the
/// Gauss–Newton step fits), or ‖D p(λ)‖ = Δ. With J P = Q R already factored, p(λ) is the
/// least-squares solution of
///
/// ```
/// ⎡   R   ⎤        ⎡ Qᵀr ⎤
/// ⎣ √λ D P⎦ Pᵀp ≈ −⎣  0  ⎦
/// ```
///
/// which Givens rotations reduce to a triangular system in O(n²) per λ, without forming JᵀJ.
/// λ is found by Hebden's secant/Newton iteration on φ(λ) = ‖D p(λ)‖ − Δ from bounds
/// [λ_low, λ_high] that it keeps, and is accepted once |φ(λ)| ≤ 0.1 Δ; it needs about two
/// iterations on average and is capped at ten. (Moré, "The Levenberg–Marquardt algorithm:
/// implementation and theory", Numerical Analysis, Lecture Notes in Mathematics 630, 1978; the
/// scheme of MINPACK's `lmpar` and `qrsolv`.)
@usableFromInline
struct TrustRegionSubproblem<T: BinaryFloatingPoint> {
  /// n.
  @usableFromInline let n: Int
  /// n×n column-major: R in the upper triangle; the strict lower triangle is the workspace where
  /// the rotations leave Sᵀ, the factor of the damped system, for the Newton correction of λ.
  @usableFromInline var r: [T]
  /// Column j of J P is column `permutation[j]` of J.
  @usableFromInline let permutation: [Int]
  /// The first n elements of Qᵀr.
  @usableFromInline let qtr: [T]
  /// The diagonal of S (the rest of S is the lower triangle of ``r``).
  @usableFromInline var sDiagonal: [T]

  @inlinable
  init(factorization qr: PivotedQR<T>, qtr: [T]) {
    n = qr.columnCount
    r = qr.r
    permutation = qr.permutation
    self.qtr = Array(qtr.prefix(qr.columnCount))
    sDiagonal = [T](repeating: 0, count: qr.columnCount)
  }

  /// The step p and the λ it was solved with, for the trust-region radius `radius` (Δ) and the
  /// scaling `scale` (the diagonal of D, positive), starting the search for λ from `lambda`.
  ///
  /// The returned p solves the damped problem for λ (p = −(JᵀJ + λDᵀD)⁻¹Jᵀr); with λ = 0 it is
  /// the Gauss–Newton step, the minimum-norm-in-R basic solution when R is singular.
  @inlinable
  mutating func step(radius: T, scale: [T], lambda: T) -> (step: [T], lambda: T) {
    let dwarf = T.leastNormalMagnitude
    var lambda = lambda
    var x = [T](repeating: 0, count: n)
    var work = qtr

    // The Gauss–Newton direction, dropping the trailing columns from the first zero diagonal
    // element of R on (a basic solution when J is rank-deficient).
    var rank = n
    for j in 0..<n {
      if r[j + j * n] == 0 && rank == n { rank = j }
      if rank < n { work[j] = 0 }
    }
    for j in stride(from: rank - 1, through: 0, by: -1) {
      work[j] /= r[j + j * n]
      let value = work[j]
      for i in 0..<j { work[i] -= r[i + j * n] * value }
    }
    for j in 0..<n { x[permutation[j]] = work[j] }

    var scaledStep = [T](repeating: 0, count: n)
    for j in 0..<n { scaledStep[j] = scale[j] * x[j] }
    var scaledNorm = euclideanNorm(scaledStep)
    var phi = scaledNorm - radius
    if phi <= 0.1 * radius { return (x.map { -$0 }, 0) }

    // λ_low: from the Newton step of φ at λ = 0, when R is nonsingular (φ is convex there).
    var lower: T = 0
    if rank == n {
      for j in 0..<n {
        let l = permutation[j]
        work[j] = scale[l] * (scaledStep[l] / scaledNorm)
      }
      for j in 0..<n {
        var sum: T = 0
        for i in 0..<j { sum += r[i + j * n] * work[i] }
        work[j] = (work[j] - sum) / r[j + j * n]
      }
      let norm = euclideanNorm(work)
      lower = ((phi / radius) / norm) / norm
    }

    // λ_high = ‖(J D⁻¹)ᵀ r‖ / Δ.
    for j in 0..<n {
      var sum: T = 0
      for i in 0...j { sum += r[i + j * n] * qtr[i] }
      work[j] = sum / scale[permutation[j]]
    }
    let gradientNorm = euclideanNorm(work)
    var upper = gradientNorm / radius
    if upper == 0 { upper = dwarf / Swift.min(radius, 0.1) }

    lambda = Swift.min(Swift.max(lambda, lower), upper)
    if lambda == 0 { lambda = gradientNorm / scaledNorm }

    var iteration = 0
    while true {
      iteration += 1
      if lambda == 0 { lambda = Swift.max(dwarf, 0.001 * upper) }
      let root = lambda.squareRoot()
      x = solveDamped(scale: scale.map { root * $0 })
      for j in 0..<n { scaledStep[j] = scale[j] * x[j] }
      scaledNorm = euclideanNorm(scaledStep)
      let previousPhi = phi
      phi = scaledNorm - radius
      if phi.magnitude <= 0.1 * radius || (lower == 0 && phi <= previousPhi && previousPhi < 0)
        || iteration == 10
      {
        break
      }
      // Newton's correction of λ, from φ′(λ) = −‖S⁻ᵀ Pᵀ Dᵀ D p / ‖D p‖‖² / ‖D p‖.
      for j in 0..<n {
        let l = permutation[j]
        work[j] = scale[l] * (scaledStep[l] / scaledNorm)
      }
      for j in 0..<n {
        work[j] /= sDiagonal[j]
        let value = work[j]
        for i in (j + 1)..<n { work[i] -= r[i + j * n] * value }
      }
      let norm = euclideanNorm(work)
      let correction = ((phi / radius) / norm) / norm
      if phi > 0 { lower = Swift.max(lower, lambda) }
      if phi < 0 { upper = Swift.min(upper, lambda) }
      lambda = Swift.max(lower, lambda + correction)
    }
    return (x.map { -$0 }, lambda)
  }

  /// The least-squares solution x of [R; Pᵀ E P] Pᵀ x ≈ [Qᵀr; 0] for the diagonal E = `scale`
  /// (√λ D), by Givens rotations that eliminate E row by row into the triangle S (stored in the
  /// lower triangle of ``r`` and in ``sDiagonal``). R is left as it was.
  @inlinable
  mutating func solveDamped(scale: [T]) -> [T] {
    var savedDiagonal = [T](repeating: 0, count: n)
    var work = qtr
    for j in 0..<n {
      for i in j..<n { r[i + j * n] = r[j + i * n] }
      savedDiagonal[j] = r[j + j * n]
    }
    for j in 0..<n {
      let d = scale[permutation[j]]
      if d != 0 {
        for k in j..<n { sDiagonal[k] = 0 }
        sDiagonal[j] = d
        // The element of Qᵀr that row j of E produces, rotated along with R.
        var extra: T = 0
        for k in j..<n where sDiagonal[k] != 0 {
          let diagonal = r[k + k * n]
          let cosine: T
          let sine: T
          if diagonal.magnitude < sDiagonal[k].magnitude {
            let cotangent = diagonal / sDiagonal[k]
            sine = 0.5 / (0.25 + 0.25 * cotangent * cotangent).squareRoot()
            cosine = sine * cotangent
          } else {
            let tangent = sDiagonal[k] / diagonal
            cosine = 0.5 / (0.25 + 0.25 * tangent * tangent).squareRoot()
            sine = cosine * tangent
          }
          r[k + k * n] = cosine * diagonal + sine * sDiagonal[k]
          let rotated = cosine * work[k] + sine * extra
          extra = -sine * work[k] + cosine * extra
          work[k] = rotated
          for i in (k + 1)..<n {
            let value = cosine * r[i + k * n] + sine * sDiagonal[i]
            sDiagonal[i] = -sine * r[i + k * n] + cosine * sDiagonal[i]
            r[i + k * n] = value
          }
        }
      }
      sDiagonal[j] = r[j + j * n]
      r[j + j * n] = savedDiagonal[j]
    }
    // Solve S z = work, as a basic solution if S is singular.
    var rank = n
    for j in 0..<n {
      if sDiagonal[j] == 0 && rank == n { rank = j }
      if rank < n { work[j] = 0 }
    }
    for j in stride(from: rank - 1, through: 0, by: -1) {
      var sum: T = 0
      for i in (j + 1)..<rank { sum += r[i + j * n] * work[i] }
      work[j] = (work[j] - sum) / sDiagonal[j]
    }
    var x = [T](repeating: 0, count: n)
    for j in 0..<n { x[permutation[j]] = work[j] }
    return x
  }
}
