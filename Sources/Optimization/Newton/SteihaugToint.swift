// The trust-region subproblem by truncated conjugate gradients (Steihaug 1983, Toint 1981):
// conjugate gradients on Hp = −g from p = 0, which never needs H itself, only products Hd, and
// stops
//
//   - at the boundary, ‖p‖ = Δ, when an iterate would leave the region;
//   - at the boundary along the current direction d, when dᵀHd ≤ 0 (negative curvature);
//   - when the residual r = g + Hp is small: ‖r‖ ≤ ζ‖g‖, with the forcing term ζ chosen by the
//     caller (`NewtonTrustRegion` takes ζ = min(½, √(‖g‖/‖g₀‖)), which keeps the outer Newton
//     iteration superlinear);
//   - after n products, or 2n when rounding has kept it going.
//
// The model value m(p) = gᵀp + ½ pᵀHp is carried along the iterations,
// m(p + αd) = m(p) + α·dᵀr + ½α²·dᵀHd, so that the predicted decrease needs no extra product.
//
// References: T. Steihaug, "The conjugate gradient method and trust regions in large scale
// optimization", SIAM J. Numer. Anal. 20(3), 1983; Nocedal & Wright, Algorithm 7.2.

/// Truncated conjugate gradients, with its buffers.
@usableFromInline
struct SteihaugTointSolver<T: BinaryFloatingPoint> {
  @inlinable init() {}

  /// Solves the subproblem with `product(d)` = H·d, stopping inside the region once
  /// ‖r‖ ≤ ζ‖g‖ with ζ = `forcing`. Returns `nil` when a product is not finite.
  @inlinable
  func solve(
    gradient g: [T], radius: T, forcing: T, product: (_ direction: [T]) throws -> [T]
  ) rethrows -> TrustRegionStep<T>? {
    let n = g.count
    let gNorm = euclideanNorm(g)
    var p = [T](repeating: 0, count: n)
    guard gNorm > 0 else {
      return TrustRegionStep(step: p, predictedDecrease: 0, hitsBoundary: false)
    }
    let tolerance = forcing * gNorm
    var r = g
    var d = g.map { -$0 }
    var rr = gNorm * gNorm
    var model: T = 0
    for _ in 0..<(2 * n) {
      let hd = try product(d)
      guard hd.allSatisfy({ $0.isFinite }) else { return nil }
      let curvature = dot(d, hd)
      let dr = dot(d, r)
      if curvature <= 0 {
        let tau = Self.boundaryMultiple(p, d, radius)
        for i in 0..<n { p[i] += tau * d[i] }
        model += tau * dr + tau * tau * curvature / 2
        return TrustRegionStep(step: p, predictedDecrease: -model, hitsBoundary: true)
      }
      let alpha = rr / curvature
      var next = p
      for i in 0..<n { next[i] += alpha * d[i] }
      if euclideanNorm(next) >= radius {
        let tau = Self.boundaryMultiple(p, d, radius)
        for i in 0..<n { p[i] += tau * d[i] }
        model += tau * dr + tau * tau * curvature / 2
        return TrustRegionStep(step: p, predictedDecrease: -model, hitsBoundary: true)
      }
      model += alpha * dr + alpha * alpha * curvature / 2
      p = next
      for i in 0..<n { r[i] += alpha * hd[i] }
      let rrNext = dot(r, r)
      if rrNext.squareRoot() <= tolerance { break }
      let beta = rrNext / rr
      for i in 0..<n { d[i] = -r[i] + beta * d[i] }
      rr = rrNext
    }
    return TrustRegionStep(step: p, predictedDecrease: -model, hitsBoundary: false)
  }

  /// τ ≥ 0 with ‖p + τd‖ = Δ, for ‖p‖ ≤ Δ.
  @inlinable
  static func boundaryMultiple(_ p: [T], _ d: [T], _ radius: T) -> T {
    let a = dot(d, d)
    let b = 2 * dot(p, d)
    let c = dot(p, p) - radius * radius
    guard a > 0 else { return 0 }
    let root = Swift.max(b * b - 4 * a * c, 0).squareRoot()
    // The positive root, written to avoid cancellation.
    if b >= 0 {
      let denominator = -b - root
      return denominator < 0 ? (2 * c) / denominator : 0
    }
    return (-b + root) / (2 * a)
  }
}
