/// The pieces of Levenberg–Marquardt under bounds l ≤ p ≤ u: the binding set, the reduced
/// Jacobian, the projected gradient test and the model's prediction for a projected step.
///
/// The method is a projected Levenberg–Marquardt with an active set (Kanzow, Yamashita &
/// Fukushima, "Levenberg–Marquardt methods with strong local convergence properties for solving
/// nonlinear equations with convex constraints", J. Comput. Appl. Math. 172, 2004; the approach
/// of Ceres Solver's bounds constraints). At each accepted point p, with g = J̃ᵀr̃ = ½∇Φ:
///
/// ```
/// binding  B = { j : pⱼ = lⱼ and gⱼ > 0 } ∪ { j : pⱼ = uⱼ and gⱼ < 0 } ∪ { j : lⱼ = uⱼ }
/// free     F = the rest
/// step     s_F = argmin ‖J_F s + r‖ subject to ‖D_F s‖ ≤ Δ,  s_B = 0      (QR of J_F)
/// trial    p⁺ = P(p + s),  P(q)ⱼ = min(max(qⱼ, lⱼ), uⱼ);  s′ = p⁺ − p
/// ratio    (Φ(p) − Φ(p⁺)) / (−2 s′ᵀg − ‖J s′‖²)                   the model at s′
/// ```
///
/// When the projection moves nothing, s′ = s and the prediction is the usual
/// ‖J s‖² + 2λ‖D s‖².
///
/// A free parameter at its bound (one the gradient alone would move inward) can still be pushed
/// outward by the step, through its coupling with the others; projecting it back leaves the
/// others with a step computed for a move it does not make. Such parameters join the binding
/// set and the step is solved again, until the step pushes none outward; of these steps the one
/// whose projected step the model predicts to reduce Φ most is tried (`refined`). A projected
/// step that the model does not predict to descend counts as a failed step, so the region
/// shrinks: near p the steepest-descent direction of the free parameters stays in the box.
///
/// The gradient test is MINPACK's cosine test on the free columns, the binding ones counting as
/// zero. These are the scaled components of the projected gradient of Calamai & Moré, −∇Φ
/// projected onto the directions that stay in the box: zero in a component held at its bound
/// and pushed outward, −gⱼ elsewhere, the limit of (P(p − t g) − p) / t as t → 0. Like
/// ‖p − P(p − g)‖ it vanishes exactly at the first-order points of Φ on the box (gⱼ = 0 where
/// pⱼ is free, gⱼ ≥ 0 at a lower bound, gⱼ ≤ 0 at an upper one), and unlike it it does not add
/// parameters to gradients, so the cosines keep the test independent of the units (Calamai &
/// Moré, "Projected gradient methods for linearly constrained problems", Mathematical
/// Programming 39, 1987).
extension LevenbergMarquardt {
  /// The free parameters at `x`: every index but the binding ones (see the extension's
  /// discussion), in increasing order. `jacobian` and `residuals` are the rescaled J̃ (column
  /// major, `residuals.count` rows) and r̃.
  @inlinable
  func freeColumns(at x: [T], bounds: Bounds<T>, jacobian: [T], residuals: [T]) -> [Int] {
    let m = residuals.count
    var free: [Int] = []
    free.reserveCapacity(x.count)
    for j in x.indices {
      let lower = bounds.lower[j]
      let upper = bounds.upper[j]
      if lower == upper { continue }
      if x[j] != lower && x[j] != upper {
        free.append(j)
        continue
      }
      var gradient: T = 0
      for i in 0..<m { gradient += jacobian[i + j * m] * residuals[i] }
      let binding = x[j] == lower ? gradient > 0 : gradient < 0
      if !binding { free.append(j) }
    }
    return free
  }

  /// The columns `indices` of the column-major `matrix` of `rowCount` rows, in that order.
  @inlinable
  func columns(_ indices: [Int], of matrix: [T], rowCount m: Int) -> [T] {
    var result: [T] = []
    result.reserveCapacity(indices.count * m)
    for j in indices { result.append(contentsOf: matrix[(j * m)..<(j * m + m)]) }
    return result
  }

  /// The step to try from `first`, the step on the columns `free`: while the latest step pushes
  /// a parameter that sits at its bound outward, that parameter joins the binding set and the
  /// step is solved again on the rest (a QR of their columns each time); of all these steps, the
  /// one with the largest predicted reduction.
  @inlinable
  func refined(
    _ first: TrialStep<T>, at x: [T], free: [Int], bounds: Bounds<T>, scaledJacobian: [T],
    scaledResiduals: [T], radius: T, scale: [T], lambda: T, costNorm: T
  ) -> TrialStep<T> {
    let m = scaledResiduals.count
    var best = first
    var latest = first
    var free = free
    while true {
      let outward = free.filter { j in
        (x[j] == bounds.lower[j] && latest.solved[j] < 0)
          || (x[j] == bounds.upper[j] && latest.solved[j] > 0)
      }
      if outward.isEmpty { break }
      free.removeAll { outward.contains($0) }
      if free.isEmpty { break }
      let qr = PivotedQR(
        columnMajor: columns(free, of: scaledJacobian, rowCount: m), rowCount: m,
        columnCount: free.count)
      var qtr = scaledResiduals
      qr.applyTransposeOfQ(to: &qtr)
      var subproblem = TrustRegionSubproblem(factorization: qr, qtr: qtr)
      latest = trialStep(
        at: x, free: free, factorization: qr, qtr: qtr, subproblem: &subproblem,
        radius: radius, scale: scale, lambda: lambda, costNorm: costNorm, bounds: bounds)
      if latest.predicted > best.predicted { best = latest }
    }
    return best
  }
}
