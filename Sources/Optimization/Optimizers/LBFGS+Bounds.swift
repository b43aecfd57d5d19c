import AutoDiff

// L-BFGS-B: the bounded step of `LBFGS`, after Byrd, Lu, Nocedal & Zhu (1995), with the
// projected subspace step of Morales & Nocedal (2011).
//
// The curvature pairs give the compact form of the BFGS matrix,
//
//   B = θ·I − W·M·Wᵀ,   W = [Y  θ·S] (n × 2k),   M = [[−D, Lᵀ], [L, θ·SᵀS]]⁻¹ (2k × 2k),
//
// with D = diag(sᵢᵀyᵢ), L the strictly lower triangle of SᵀY and θ = yᵀy / sᵀy of the newest
// pair. One iteration:
//
// 1. The generalized Cauchy point xᶜ: the first local minimizer of the quadratic model
//    m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected steepest-descent path
//    P(x − t·g), t ≥ 0, found segment by segment between the breakpoints where a variable
//    meets its bound. The variables at a bound at xᶜ are held there.
// 2. Subspace minimization: the model's minimizer over the free variables with the others at
//    xᶜ, by the Sherman–Morrison–Woodbury form of the reduced inverse, projected onto the box
//    (falling back to the step truncated at the first bound when the projection is not a
//    descent direction).
// 3. A strong-Wolfe line search along d = x̄ − x on t ∈ (0, 1], every point of which is feasible.

/// The state of the bounded step, kept between steps: the inner products of the pairs, which
/// change by one row and column per stored pair, and buffers.
@usableFromInline
struct BoundedWorkspace<T: BinaryFloatingPoint & RealScalar> {
  /// sₐᵀs_b and sₐᵀy_b by ring slot, historySize × historySize.
  @usableFromInline var stepProducts: [T] = []
  @usableFromInline var crossProducts: [T] = []
  /// The `pairGeneration` the products were computed for; −1 for none. Not saved with the
  /// method: a decoded method starts with none and computes them all at its first bounded step.
  @usableFromInline var generation = -1
  @usableFromInline var cauchyPoint: [T] = []
  @usableFromInline var pathDirection: [T] = []
  @usableFromInline var breakpoints: [(step: T, index: Int)] = []

  @inlinable init() {}
}

extension LBFGS {
  /// One step of L-BFGS when the problem has no bounds, of L-BFGS-B when it has.
  ///
  /// With bounds l ≤ θ ≤ u the step is L-BFGS-B's: the generalized Cauchy point along the
  /// projected gradient path of the limited-memory model, a subspace minimization over the
  /// variables it leaves free, and a strong-Wolfe line search on the segment to that point,
  /// which lies inside the box. Every iterate is feasible; a variable leaves its bound when the
  /// gradient turns away from it. When the model's direction fails, the memory is cleared and
  /// the step retried from the projected steepest-descent path; if that fails too the step
  /// reports ``StepOutcome/stalled``.
  ///
  /// - Complexity: O(m·n + n log n) per iteration plus O(m²·|free|) for the subspace step and
  ///   O(m³) for the 2m × 2m middle matrix, and the line search's evaluations.
  @inlinable
  public mutating func step(
    _ parameters: inout [T], value: inout T, gradient: inout [T],
    problem: MinimizationProblem<T>
  ) throws -> StepOutcome {
    guard let bounds = problem.bounds else {
      return try step(
        &parameters, value: &value, gradient: &gradient, objective: problem.valueAndGradient)
    }
    try prepare(parameterCount: parameters.count, gradientCount: gradient.count)
    for attempt in 0..<2 {
      if attempt == 1 {
        if pairCount == 0 { break }
        forgetPairs()
      }
      if !boundedDirection(parameters, gradient, bounds) {
        forgetPairs()
        _ = boundedDirection(parameters, gradient, bounds)
      }
      guard dot(gradient, direction) < 0 else {
        // No descent from the model; from the projected gradient path, x is stationary.
        if pairCount == 0 { return .stalled }
        continue
      }
      var initialStep = Swift.min(learningRate, 1)
      if pairCount == 0 {
        initialStep = Swift.min(initialStep, 1 / euclideanNorm(direction))
      }
      guard
        let (t, newValue) = try lineSearch.search(
          from: parameters, value: value, gradient: gradient, along: direction,
          initialStep: initialStep, maximumStep: 1, bounds: bounds, workspace: &workspace,
          objective: problem.valueAndGradient)
      else { continue }
      remember(step: t, gradient: gradient, newGradient: workspace.gradient)
      copy(workspace.point, into: &parameters)
      copy(workspace.gradient, into: &gradient)
      value = newValue
      return .advanced
    }
    return .stalled
  }

  /// Brings the cached inner products sₐᵀs_b and sₐᵀy_b up to date with the pairs.
  @inlinable
  mutating func updatePairProducts() {
    let m = historySize
    if bounded.stepProducts.count != m * m {
      bounded.stepProducts = [T](repeating: 0, count: m * m)
      bounded.crossProducts = [T](repeating: 0, count: m * m)
      bounded.generation = -1
    }
    guard bounded.generation != pairGeneration else { return }
    let slots = (0..<pairCount).map { (newest - $0 + m) % m }
    // One stored pair since the last update changes only the newest row and column; with
    // nothing cached (generation −1: a new or decoded method), every entry is computed.
    let incremental = bounded.generation >= 0 && bounded.generation == pairGeneration - 1
    let changed = incremental ? [newest] : slots
    for a in changed where a >= 0 {
      for b in slots {
        bounded.stepProducts[a * m + b] = dot(steps[a], steps[b])
        bounded.stepProducts[b * m + a] = bounded.stepProducts[a * m + b]
        bounded.crossProducts[a * m + b] = dot(steps[a], gradientChanges[b])
        bounded.crossProducts[b * m + a] = dot(steps[b], gradientChanges[a])
      }
    }
    bounded.generation = pairGeneration
  }

  /// Writes d = x̄ − x into `direction`: the generalized Cauchy point and the subspace step of
  /// the compact limited-memory model. Returns `false` when the model's middle matrix is
  /// singular (the caller then clears the memory and calls again).
  @inlinable
  mutating func boundedDirection(_ x: [T], _ g: [T], _ bounds: Bounds<T>) -> Bool {
    updatePairProducts()
    let n = x.count
    let k = pairCount
    let m = historySize
    let size = 2 * k
    let lower = bounds.lower
    let upper = bounds.upper
    // The pairs, oldest first, and θ = yᵀy / sᵀy of the newest.
    let order = (0..<k).map { (newest - k + 1 + $0 + m) % m }
    var theta: T = 1
    if k > 0 {
      let y = gradientChanges[newest]
      theta = dot(y, y) * inverseCurvatures[newest]
    }
    // M = [[−D, Lᵀ], [L, θ·SᵀS]]⁻¹.
    var middle = [T](repeating: 0, count: size * size)
    for a in 0..<k {
      for b in 0..<k {
        let sa = order[a]
        let sb = order[b]
        if a == b { middle[a * size + b] = -bounded.crossProducts[sa * m + sa] }
        if a > b {
          middle[(k + a) * size + b] = bounded.crossProducts[sa * m + sb]
          middle[b * size + (k + a)] = bounded.crossProducts[sa * m + sb]
        }
        middle[(k + a) * size + (k + b)] = theta * bounded.stepProducts[sa * m + sb]
      }
    }
    if k > 0, !invertInPlace(&middle, size) { return false }
    // Row i of W: (y₁ᵢ … y_kᵢ, θs₁ᵢ … θs_kᵢ).
    func row(_ i: Int, into w: inout [T]) {
      for j in 0..<k {
        w[j] = gradientChanges[order[j]][i]
        w[k + j] = theta * steps[order[j]][i]
      }
    }
    func times(_ v: [T]) -> [T] {  // M·v
      var out = [T](repeating: 0, count: size)
      for a in 0..<size {
        var total: T = 0
        for b in 0..<size { total += middle[a * size + b] * v[b] }
        out[a] = total
      }
      return out
    }

    // 1. The generalized Cauchy point along P(x − t·g).
    if bounded.cauchyPoint.count != n {
      bounded.cauchyPoint = [T](repeating: 0, count: n)
      bounded.pathDirection = [T](repeating: 0, count: n)
    }
    copy(x, into: &bounded.cauchyPoint)
    bounded.breakpoints.removeAll(keepingCapacity: true)
    var p = [T](repeating: 0, count: size)
    var w = [T](repeating: 0, count: size)
    var slope: T = 0
    for i in 0..<n {
      var t = T.infinity
      if g[i] < 0, upper[i] < .infinity {
        t = (x[i] - upper[i]) / g[i]
      } else if g[i] > 0, lower[i] > -.infinity {
        t = (x[i] - lower[i]) / g[i]
      }
      let d: T = t == 0 || g[i] == 0 ? 0 : -g[i]
      bounded.pathDirection[i] = d
      if d != 0 {
        slope -= d * d
        if t < .infinity { bounded.breakpoints.append((t, i)) }
        if k > 0 {
          row(i, into: &w)
          for j in 0..<size { p[j] += w[j] * d }
        }
      }
    }
    var c = [T](repeating: 0, count: size)
    if slope < 0 {
      bounded.breakpoints.sort { $0.step < $1.step }
      var curvature = -theta * slope - dot(p, times(p))
      let initialCurvature = curvature
      var stepToMinimum = -slope / curvature
      var previousBreak: T = 0
      var passed = 0
      for (t, b) in bounded.breakpoints {
        let dt = t - previousBreak
        if stepToMinimum < dt { break }
        // Variable b reaches its bound: the path bends there.
        let d = bounded.pathDirection[b]
        bounded.cauchyPoint[b] = d > 0 ? upper[b] : lower[b]
        let z = bounded.cauchyPoint[b] - x[b]
        let gb = g[b]
        for j in 0..<size { c[j] += dt * p[j] }
        var wMc: T = 0
        var wMp: T = 0
        var wMw: T = 0
        if k > 0 {
          row(b, into: &w)
          let mw = times(w)
          wMc = dot(c, mw)
          wMp = dot(p, mw)
          wMw = dot(w, mw)
        }
        let gb2: T = gb * gb
        let slopeChange: T = dt * curvature + gb2 + theta * gb * z - gb * wMc
        slope += slopeChange
        let thetaGb: T = theta * gb
        let curvatureChange: T = thetaGb * gb + 2 * gb * wMp + gb2 * wMw
        curvature -= curvatureChange
        curvature = Swift.max(T.ulpOfOne * initialCurvature, curvature)
        if k > 0 { for j in 0..<size { p[j] += gb * w[j] } }
        bounded.pathDirection[b] = 0
        previousBreak = t
        passed += 1
        if slope >= 0 {
          stepToMinimum = 0
          break
        }
        stepToMinimum = -slope / curvature
      }
      stepToMinimum = Swift.max(stepToMinimum, 0)
      let tCauchy = previousBreak + stepToMinimum
      for i in 0..<n where bounded.pathDirection[i] != 0 {
        bounded.cauchyPoint[i] = Swift.min(
          Swift.max(x[i] + tCauchy * bounded.pathDirection[i], lower[i]), upper[i])
      }
      for j in 0..<size { c[j] += stepToMinimum * p[j] }
    }

    // 2. Subspace minimization over the variables free at xᶜ.
    let xc = bounded.cauchyPoint
    let free = (0..<n).filter { xc[$0] > lower[$0] && xc[$0] < upper[$0] }
    for i in 0..<n { direction[i] = xc[i] - x[i] }
    guard !free.isEmpty else { return true }
    // Reduced gradient r = Zᵀ(g + θ(xᶜ − x) − W·M·c).
    let mc = times(c)
    var reduced = [T](repeating: 0, count: free.count)
    var wtzr = [T](repeating: 0, count: size)
    var gram = [T](repeating: 0, count: size * size)  // WᵀZZᵀW
    for (f, i) in free.enumerated() {
      var r = g[i] + theta * (xc[i] - x[i])
      if k > 0 {
        row(i, into: &w)
        r -= dot(w, mc)
      }
      reduced[f] = r
      if k > 0 {
        for a in 0..<size {
          wtzr[a] += w[a] * r
          for b in 0..<size { gram[a * size + b] += w[a] * w[b] }
        }
      }
    }
    // d̂ = −r/θ − W·N⁻¹·M·WᵀZ·r / θ², N = I − M·WᵀZZᵀW / θ.
    var correction = [T](repeating: 0, count: size)
    if k > 0 {
      var system = [T](repeating: 0, count: size * size)
      for a in 0..<size {
        for b in 0..<size {
          var total: T = 0
          for e in 0..<size { total += middle[a * size + e] * gram[e * size + b] }
          system[a * size + b] = (a == b ? 1 : 0) - total / theta
        }
      }
      correction = times(wtzr)
      guard solveInPlace(&system, &correction, size) else { return false }
    }
    var subspaceStep = [T](repeating: 0, count: free.count)
    for (f, i) in free.enumerated() {
      var d = -reduced[f] / theta
      if k > 0 {
        row(i, into: &w)
        d -= dot(w, correction) / (theta * theta)
      }
      subspaceStep[f] = d
    }
    // Projected (Morales & Nocedal), or truncated at the first bound when that is no descent.
    var slopeProjected: T = 0
    for (f, i) in free.enumerated() {
      let target = Swift.min(Swift.max(xc[i] + subspaceStep[f], lower[i]), upper[i])
      direction[i] = target - x[i]
    }
    for i in 0..<n { slopeProjected += g[i] * direction[i] }
    if !(slopeProjected < 0) {
      var fraction: T = 1
      for (f, i) in free.enumerated() {
        let d = subspaceStep[f]
        if d > 0 {
          fraction = Swift.min(fraction, (upper[i] - xc[i]) / d)
        } else if d < 0 {
          fraction = Swift.min(fraction, (lower[i] - xc[i]) / d)
        }
      }
      for (f, i) in free.enumerated() {
        direction[i] = xc[i] + fraction * subspaceStep[f] - x[i]
      }
    }
    return direction.allSatisfy { $0.isFinite }
  }
}

/// Replaces the n × n matrix `a` (row by row) by its inverse, by Gauss–Jordan elimination with
/// partial pivoting; `false` when it is singular to working precision.
@inlinable
func invertInPlace<T: BinaryFloatingPoint>(_ a: inout [T], _ n: Int) -> Bool {
  var inverse = [T](repeating: 0, count: n * n)
  for i in 0..<n { inverse[i * n + i] = 1 }
  var scale: T = 0
  for v in a { scale = Swift.max(scale, v.magnitude) }
  guard scale > 0, scale.isFinite else { return false }
  for column in 0..<n {
    var pivot = column
    for r in column..<n where a[r * n + column].magnitude > a[pivot * n + column].magnitude {
      pivot = r
    }
    guard a[pivot * n + column].magnitude > T.ulpOfOne * scale else { return false }
    if pivot != column {
      for j in 0..<n {
        a.swapAt(pivot * n + j, column * n + j)
        inverse.swapAt(pivot * n + j, column * n + j)
      }
    }
    let inv = 1 / a[column * n + column]
    for j in 0..<n {
      a[column * n + j] *= inv
      inverse[column * n + j] *= inv
    }
    for r in 0..<n where r != column {
      let factor = a[r * n + column]
      guard factor != 0 else { continue }
      for j in 0..<n {
        a[r * n + j] -= factor * a[column * n + j]
        inverse[r * n + j] -= factor * inverse[column * n + j]
      }
    }
  }
  a = inverse
  return true
}

/// Solves a·x = b for the n × n matrix `a` (row by row, destroyed), leaving x in `b`, by Gaussian
/// elimination with partial pivoting; `false` when `a` is singular to working precision.
@inlinable
func solveInPlace<T: BinaryFloatingPoint>(_ a: inout [T], _ b: inout [T], _ n: Int) -> Bool {
  var scale: T = 0
  for v in a { scale = Swift.max(scale, v.magnitude) }
  guard scale > 0, scale.isFinite else { return false }
  for column in 0..<n {
    var pivot = column
    for r in column..<n where a[r * n + column].magnitude > a[pivot * n + column].magnitude {
      pivot = r
    }
    guard a[pivot * n + column].magnitude > T.ulpOfOne * scale else { return false }
    if pivot != column {
      for j in 0..<n { a.swapAt(pivot * n + j, column * n + j) }
      b.swapAt(pivot, column)
    }
    for r in (column + 1)..<n {
      let factor = a[r * n + column] / a[column * n + column]
      guard factor != 0 else { continue }
      for j in column..<n { a[r * n + j] -= factor * a[column * n + j] }
      b[r] -= factor * b[column]
    }
  }
  for r in stride(from: n - 1, through: 0, by: -1) {
    var total = b[r]
    for j in (r + 1)..<n { total -= a[r * n + j] * b[j] }
    b[r] = total / a[r * n + r]
  }
  return true
}
