// The trust-region subproblem on a dense Hessian, after Moré & Sorensen (1983):
//
//   minimize  m(p) = gᵀp + ½ pᵀHp   subject to  ‖p‖ ≤ Δ.
//
// p* solves it if and only if, for some λ ≥ 0,
//
//   (H + λI) p* = −g,   H + λI positive semidefinite,   λ (Δ − ‖p*‖) = 0.
//
// λ is found by Newton's method on the secular equation φ(λ) = 1/Δ − 1/‖p(λ)‖, which is nearly
// linear in λ, with a Cholesky factorization H + λI = LLᵀ per trial: with Lq = p,
//
//   λ ← λ + (‖p‖ / ‖q‖)² · (‖p‖ − Δ) / Δ,
//
// safeguarded by an interval [λ_L, λ_U] that brackets λ* (from the Gershgorin bounds of H and
// ‖g‖/Δ) and shrinks at every trial. When g is (nearly) orthogonal to the eigenvectors of H's
// smallest eigenvalue, ‖p(λ)‖ stays below Δ for every admissible λ (the "hard case"); the step is
// then p(λ) + τz, with z an approximate eigenvector of that eigenvalue (found by inverse
// iteration on the factor) and τ chosen so that ‖p + τz‖ = Δ.
//
// References: J. J. Moré and D. C. Sorensen, "Computing a trust region step", SIAM J. Sci.
// Stat. Comput. 4(3), 1983; Nocedal & Wright, Numerical Optimization, 2nd ed., Algorithm 4.3.

/// The solution of a trust-region subproblem: the step, the model's decrease −m(p), and whether
/// the step reaches the boundary.
@usableFromInline
struct TrustRegionStep<T: BinaryFloatingPoint>: Equatable {
  @usableFromInline var step: [T]
  /// −m(p) = −(gᵀp + ½ pᵀHp) ≥ 0, the decrease the quadratic model predicts.
  @usableFromInline var predictedDecrease: T
  @usableFromInline var hitsBoundary: Bool

  @inlinable init(step: [T], predictedDecrease: T, hitsBoundary: Bool) {
    self.step = step
    self.predictedDecrease = predictedDecrease
    self.hitsBoundary = hitsBoundary
  }
}

/// The Moré–Sorensen solver, with its buffers reused from call to call.
@usableFromInline
struct MoreSorensenSolver<T: BinaryFloatingPoint> {
  /// The relative accuracy of ‖p‖ on the boundary: |‖p‖ − Δ| ≤ κ·Δ ends the iteration.
  @usableFromInline let boundaryTolerance: T = 1e-3
  /// The hard case ends when the added multiple of z changes the model by at most this fraction.
  @usableFromInline let hardCaseTolerance: T = 1e-2
  @usableFromInline var factor: [T] = []
  @usableFromInline var work: [T] = []

  @inlinable init() {}

  /// Solves the subproblem for the n × n symmetric `hessian` (row by row), `gradient` and
  /// `radius` Δ > 0. A Hessian with a NaN or an infinite entry gives `nil`.
  @inlinable
  mutating func solve(hessian h: [T], gradient g: [T], radius: T) -> TrustRegionStep<T>? {
    let n = g.count
    guard h.allSatisfy({ $0.isFinite }), g.allSatisfy({ $0.isFinite }) else { return nil }
    let gNorm = norm(g)
    // λ* lies in [λ_L, λ_U] (Moré & Sorensen, §3): λ_L = max(0, −min hᵢᵢ, ‖g‖/Δ − ‖H‖₁) and
    // λ_U = ‖g‖/Δ + ‖H‖₁.
    var lowestDiagonal = T.infinity
    var oneNorm: T = 0
    for i in 0..<n {
      var column: T = 0
      for j in 0..<n { column += h[j * n + i].magnitude }
      lowestDiagonal = Swift.min(lowestDiagonal, h[i * n + i])
      oneNorm = Swift.max(oneNorm, column)
    }
    var lower = Swift.max(0, Swift.max(-lowestDiagonal, gNorm / radius - oneNorm))
    var upper = gNorm / radius + oneNorm
    if upper <= lower { upper = lower + Swift.max(1, lower) * T.ulpOfOne * 16 }

    // λ = 0 first: the Newton step, when H is positive definite and the step fits.
    var lambda: T = 0
    if lower == 0, factorize(h, n, shift: 0) {
      let p = solveFactored(g, n)
      if norm(p) <= radius * (1 + boundaryTolerance) {
        return TrustRegionStep(
          step: p, predictedDecrease: decrease(h, g, p, n), hitsBoundary: false)
      }
    }
    lambda = Swift.max(lower, (lower * upper).squareRoot(), upper * T(1e-3))

    var best: TrustRegionStep<T>? = nil
    for _ in 0..<200 {
      lambda = Swift.min(Swift.max(lambda, lower), upper)
      guard factorize(h, n, shift: lambda) else {
        // H + λI is not positive definite: λ* is larger.
        lower = lambda
        lambda = Swift.max((lower * upper).squareRoot(), lower + (upper - lower) / 100)
        if upper - lower <= T.ulpOfOne * Swift.max(1, upper) { break }
        continue
      }
      let p = solveFactored(g, n)
      let pNorm = norm(p)
      if (pNorm - radius).magnitude <= boundaryTolerance * radius {
        return TrustRegionStep(
          step: p, predictedDecrease: decrease(h, g, p, n), hitsBoundary: true)
      }
      if pNorm < radius {
        upper = lambda
        // Hard case: move along an approximate eigenvector of the smallest eigenvalue of
        // H + λI to the boundary, if that costs the model little.
        let z = smallestEigenvector(n)
        if let step = boundaryStep(p, along: z, radius: radius) {
          let curvature = quadratic(h, z, n) + lambda
          let tau = zip(step, p).map { $0 - $1 }.reduce(T(0)) { $0 + $1 * $1 }.squareRoot()
          let model = quadratic(h, p, n) + lambda * pNorm * pNorm
          if tau * tau * curvature <= hardCaseTolerance * (model + lambda * radius * radius) {
            return TrustRegionStep(
              step: step, predictedDecrease: decrease(h, g, step, n), hitsBoundary: true)
          }
          let candidate = TrustRegionStep(
            step: step, predictedDecrease: decrease(h, g, step, n), hitsBoundary: true)
          if best == nil || candidate.predictedDecrease > best!.predictedDecrease {
            best = candidate
          }
        }
      } else {
        lower = lambda
      }
      // Newton's step on 1/Δ − 1/‖p(λ)‖: Lq = p.
      let q = forwardSubstitute(p, n)
      let qNorm = norm(q)
      let ratio = pNorm / qNorm
      var next = lambda + ratio * ratio * (pNorm - radius) / radius
      if !next.isFinite || next <= lower || next >= upper {
        next = Swift.max((lower * upper).squareRoot(), lower + (upper - lower) / 100)
      }
      lambda = next
      if upper - lower <= T.ulpOfOne * Swift.max(1, upper) { break }
    }
    // The interval collapsed before the tolerance was met: the best boundary step seen, or the
    // step at the last λ scaled onto the boundary.
    if let best { return best }
    guard factorize(h, n, shift: Swift.max(lambda, lower)) else { return nil }
    var p = solveFactored(g, n)
    let pNorm = norm(p)
    if pNorm > radius { for i in p.indices { p[i] *= radius / pNorm } }
    return TrustRegionStep(
      step: p, predictedDecrease: decrease(h, g, p, n), hitsBoundary: pNorm >= radius)
  }

  /// Cholesky factorization H + shift·I = LLᵀ into `factor` (lower triangle, row by row);
  /// `false` when the matrix is not positive definite.
  @inlinable
  mutating func factorize(_ h: [T], _ n: Int, shift: T) -> Bool {
    if factor.count != n * n { factor = [T](repeating: 0, count: n * n) }
    for i in 0..<n {
      for j in 0...i {
        var sum = h[i * n + j] + (i == j ? shift : 0)
        for k in 0..<j { sum -= factor[i * n + k] * factor[j * n + k] }
        if i == j {
          guard sum > 0, sum.isFinite else { return false }
          factor[i * n + i] = sum.squareRoot()
        } else {
          factor[i * n + j] = sum / factor[j * n + j]
        }
      }
    }
    return true
  }

  /// Ly = b.
  @inlinable
  func forwardSubstitute(_ b: [T], _ n: Int) -> [T] {
    var y = b
    for i in 0..<n {
      var sum = y[i]
      for k in 0..<i { sum -= factor[i * n + k] * y[k] }
      y[i] = sum / factor[i * n + i]
    }
    return y
  }

  /// Lᵀx = y.
  @inlinable
  func backSubstitute(_ y: [T], _ n: Int) -> [T] {
    var x = y
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = x[i]
      for k in (i + 1)..<n { sum -= factor[k * n + i] * x[k] }
      x[i] = sum / factor[i * n + i]
    }
    return x
  }

  /// p = −(LLᵀ)⁻¹g.
  @inlinable
  func solveFactored(_ g: [T], _ n: Int) -> [T] {
    backSubstitute(forwardSubstitute(g.map { -$0 }, n), n)
  }

  /// An approximate unit eigenvector of the smallest eigenvalue of LLᵀ: three steps of inverse
  /// iteration from a fixed start.
  @inlinable
  func smallestEigenvector(_ n: Int) -> [T] {
    var z = (0..<n).map { T(1) + T($0 % 7) / 8 }
    for _ in 0..<3 {
      z = backSubstitute(forwardSubstitute(z, n), n)
      let size = norm(z)
      guard size > 0, size.isFinite else { break }
      for i in z.indices { z[i] /= size }
    }
    return z
  }

  /// p + τz with ‖p + τz‖ = Δ, taking the root of smaller |τ| (Moré & Sorensen's choice, which
  /// changes the model least).
  @inlinable
  func boundaryStep(_ p: [T], along z: [T], radius: T) -> [T]? {
    let a = norm(z) * norm(z)
    guard a > 0 else { return nil }
    let b = 2 * zip(p, z).reduce(T(0)) { $0 + $1.0 * $1.1 }
    let c = norm(p) * norm(p) - radius * radius
    let discriminant = b * b - 4 * a * c
    guard discriminant >= 0 else { return nil }
    let root = discriminant.squareRoot()
    let t1 = (-b + root) / (2 * a)
    let t2 = (-b - root) / (2 * a)
    let tau = t1.magnitude < t2.magnitude ? t1 : t2
    return zip(p, z).map { $0 + tau * $1 }
  }

  @inlinable
  func quadratic(_ h: [T], _ v: [T], _ n: Int) -> T {
    var total: T = 0
    for i in 0..<n {
      var row: T = 0
      for j in 0..<n { row += h[i * n + j] * v[j] }
      total += v[i] * row
    }
    return total
  }

  /// −m(p) = −(gᵀp + ½ pᵀHp).
  @inlinable
  func decrease(_ h: [T], _ g: [T], _ p: [T], _ n: Int) -> T {
    -(zip(g, p).reduce(T(0)) { $0 + $1.0 * $1.1 } + quadratic(h, p, n) / 2)
  }

  @inlinable
  func norm(_ v: [T]) -> T { euclideanNorm(v) }
}
