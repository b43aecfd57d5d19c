import AutoDiff

/// Levenberg–Marquardt with Moré's trust-region control of the step, on any residual function
/// given as two closures: the residuals alone (at trial points) and the residuals with their
/// Jacobian (at accepted points).
///
/// Each iteration, at the point p with residuals r and Jacobian J (rescaled by the loss):
///
/// ```
/// 1. factor J P = Q R (Householder, column pivoting); D = max(D, column norms of J)
/// 2. stop if max_j |Jⱼᵀr| / (‖Jⱼ‖ ‖r‖) ≤ gtol
/// 3. step: s = argmin ‖J s + r‖ subject to ‖D s‖ ≤ Δ      (TrustRegionSubproblem)
/// 4. ρ = (Φ(p) − Φ(p + s)) / (‖J s‖² + 2λ‖D s‖²)         actual over predicted reduction
/// 5. ρ ≤ ¼: shrink Δ (by a factor from ½ to 1/10, from a quadratic fit along s);
///    ρ ≥ ¾ or λ = 0: Δ = 2‖D s‖
/// 6. accept p + s when ρ ≥ 10⁻⁴, else go back to 3 with the smaller Δ
/// 7. the tests of LeastSquaresOptions
/// 8. once converged, the polish: undamped Newton or Gauss–Newton steps
/// ```
///
/// Under bounds, steps 1–3 work on the columns of the parameters not held at a bound, the trial
/// point is projected onto the box, ρ is taken against the model's prediction for the projected
/// step, and the gradient test is on the projected gradient (see the `Bounds` extension).
///
/// The λ of the step is the Levenberg–Marquardt parameter; it is the Lagrange multiplier of the
/// trust region rather than a quantity adjusted by fixed factors. The trust region makes the
/// method globally convergent, and the scaling D by the column norms of J makes it invariant
/// under a change of units of the parameters (Levenberg, "A
/// method for the solution of certain non-linear problems in least squares", Quarterly of Applied
/// Mathematics 2, 1944; Marquardt, "An algorithm for least-squares estimation of nonlinear
/// parameters", SIAM J. Appl. Math. 11, 1963; Moré, 1978). A trial point whose residuals are not
/// finite counts as a failed step (ρ < 0), so the region shrinks away from it.
@usableFromInline
struct LevenbergMarquardt<T: BinaryFloatingPoint & RealScalar> {
  @usableFromInline let options: LeastSquaresOptions<T>

  @inlinable
  init(options: LeastSquaresOptions<T>) { self.options = options }

  /// Solves the problem from `start`, whose residuals and Jacobian (`residualCount` rows, column
  /// major) are `initial`, already checked to be finite; `start` lies within `bounds`.
  ///
  /// Without bounds, or while no parameter is held by its bound, each iteration is the one of
  /// the type's discussion; with bounds it works on the free columns and projects the trial
  /// point (see the `Bounds` extension of this type).
  @inlinable
  func solve(
    from start: [T], initial: (residuals: [T], jacobian: [T]), bounds: Bounds<T>?,
    residuals evaluate: ([T]) throws -> [T],
    jacobian evaluateWithJacobian: ([T]) throws -> (residuals: [T], jacobian: [T]),
    curvature: ([T], [T]) throws -> [T]
  ) rethrows -> LeastSquaresResult<T> {
    let clock = ContinuousClock()
    let started = clock.now
    let n = start.count
    let m = initial.residuals.count
    let loss = options.loss
    let epsilon = T.ulpOfOne
    let everyColumn = Array(0..<n)

    var x = start
    var residuals = initial.residuals
    var jacobian = initial.jacobian
    var cost = loss.cost(residuals)
    var evaluations = 0
    var jacobianEvaluations = 1
    var iterations = 0
    var needsJacobian = false

    var scale: [T] = []
    var radius: T = 0
    var lambda: T = 0
    var stop: LeastSquaresStopReason? = nil

    outer: while stop == nil {
      if needsJacobian {
        if iterations >= options.maximumIterations {
          stop = .iterationLimit
          break
        }
        let value = try evaluateWithJacobian(x)
        jacobianEvaluations += 1
        residuals = value.residuals
        jacobian = value.jacobian
        if !jacobian.allSatisfy(\.isFinite) {
          stop = .nonFiniteJacobian
          break
        }
      }
      iterations += 1
      var scaledResiduals = residuals
      var scaledJacobian = jacobian
      loss.rescale(residuals: &scaledResiduals, jacobian: &scaledJacobian, columnCount: n)
      let costNorm = cost.squareRoot()  // ‖r‖ without a robust loss

      // The free columns; all of them without bounds.
      let free =
        bounds.map {
          freeColumns(at: x, bounds: $0, jacobian: scaledJacobian, residuals: scaledResiduals)
        } ?? everyColumn
      let reduced = free.count < n
      let qr = PivotedQR(
        columnMajor: reduced ? columns(free, of: scaledJacobian, rowCount: m) : scaledJacobian,
        rowCount: m, columnCount: free.count)
      var qtr = scaledResiduals
      qr.applyTransposeOfQ(to: &qtr)
      var columnNorms = qr.columnNorms
      if reduced {
        columnNorms = (0..<n).map { euclideanNorm(scaledJacobian, from: $0 * m, count: m) }
      }

      if iterations == 1 {
        switch options.scaling {
        case .jacobianColumnNorms: scale = columnNorms.map { $0 == 0 ? 1 : $0 }
        case .fixed(let fixed): scale = fixed
        }
        let scaledNorm = euclideanNorm(zip(scale, x).map { $0 * $1 })
        radius = options.initialRadiusFactor * scaledNorm
        if radius == 0 { radius = options.initialRadiusFactor }
      }

      // The largest cosine between r̃ and a free column of J̃: 0 at a stationary point. The
      // binding columns count as 0 (the projected gradient, see the `Bounds` extension).
      let residualNorm = euclideanNorm(scaledResiduals)
      var cosine: T = 0
      if residualNorm != 0 {
        for j in 0..<free.count {
          let l = qr.permutation[j]
          if qr.columnNorms[l] == 0 { continue }
          var sum: T = 0
          for i in 0..<j { sum += qr.factors[i + j * m] * (qtr[i] / residualNorm) }
          sum += qr.diagonal[j] * (qtr[j] / residualNorm)
          cosine = Swift.max(cosine, (sum / qr.columnNorms[l]).magnitude)
        }
      }
      if cosine <= options.gradientTolerance {
        stop = .gradientBelowTolerance
        break
      }
      if case .jacobianColumnNorms = options.scaling {
        for j in 0..<n { scale[j] = Swift.max(scale[j], columnNorms[j]) }
      }

      var subproblem = TrustRegionSubproblem(factorization: qr, qtr: qtr)
      var scaledX = euclideanNorm(zip(scale, x).map { $0 * $1 })
      var consecutiveNonFinite = 0
      while true {
        var candidate = trialStep(
          at: x, free: free, factorization: qr, qtr: qtr, subproblem: &subproblem,
          radius: radius, scale: scale, lambda: lambda, costNorm: costNorm, bounds: bounds)
        if let bounds {
          candidate = refined(
            candidate, at: x, free: free, bounds: bounds, scaledJacobian: scaledJacobian,
            scaledResiduals: scaledResiduals, radius: radius, scale: scale, lambda: lambda,
            costNorm: costNorm)
        }
        lambda = candidate.lambda
        if iterations == 1 {
          radius = Swift.min(radius, euclideanNorm(zip(scale, candidate.solved).map { $0 * $1 }))
        }
        let trial = candidate.point
        let stepNorm = candidate.stepNorm
        let projected = candidate.projected
        let predicted = candidate.predicted
        let directional = candidate.directional

        let trialResiduals = try evaluate(trial)
        evaluations += 1
        let trialCost = loss.cost(trialResiduals)
        let finite = trialCost.isFinite
        consecutiveNonFinite = finite ? 0 : consecutiveNonFinite + 1

        // Actual and predicted relative reductions of Φ, scaled by Φ(p) = costNorm².
        let trialNorm = finite ? trialCost.squareRoot() : T.infinity
        var actual: T = -1
        if finite && 0.1 * trialNorm < costNorm {
          let ratio = trialNorm / costNorm
          actual = 1 - ratio * ratio
        }
        let ratio: T
        if projected {
          ratio = predicted > 0 ? actual / predicted : 0
        } else {
          ratio = predicted != 0 ? actual / predicted : 0
        }
        // A projected step the model does not expect to descend proves nothing about Φ.
        let descends = !projected || predicted > 0

        if ratio <= 0.25 {
          // Moré's factor from the quadratic through Φ(p), its slope along s and Φ(p + s)
          // when Φ rose along a descent direction; a half otherwise.
          var shrink: T =
            actual >= 0 || (projected && directional >= 0)
            ? 0.5 : 0.5 * directional / (directional + 0.5 * actual)
          if !finite || 0.1 * trialNorm >= costNorm || shrink < 0.1 { shrink = 0.1 }
          radius = shrink * Swift.min(radius, stepNorm / 0.1)
          lambda = lambda / shrink
        } else if lambda == 0 || ratio >= 0.75 {
          radius = stepNorm / 0.5
          lambda = 0.5 * lambda
        }

        let accepted = ratio >= 1e-4
        if accepted {
          x = trial
          residuals = trialResiduals
          cost = trialCost
          scaledX = euclideanNorm(zip(scale, x).map { $0 * $1 })
          needsJacobian = true
        }

        let reductionConverged =
          descends && actual.magnitude <= options.reductionTolerance
          && predicted <= options.reductionTolerance && 0.5 * ratio <= 1
        let stepConverged = radius <= options.stepTolerance * scaledX
        if consecutiveNonFinite > 0 && (stepConverged || radius <= epsilon * scaledX) {
          stop = .nonFiniteResiduals
        } else if reductionConverged {
          stop = .reductionBelowTolerance
        } else if stepConverged {
          stop = .stepBelowTolerance
        } else if evaluations + jacobianEvaluations >= options.maximumEvaluations {
          stop = .evaluationLimit
        } else if (descends && actual.magnitude <= epsilon && predicted <= epsilon
          && 0.5 * ratio <= 1)
          || radius <= epsilon * scaledX || cosine <= epsilon
        {
          stop = .precisionLimit
        }
        if stop != nil { break outer }
        if accepted { break }
      }
    }

    var polished = 0
    if options.polishMethod != .none && stop?.isConvergence == true && cost > 0 {
      polished = try polish(
        &x, bounds: bounds, residuals: &residuals, jacobian: &jacobian, cost: &cost,
        needsJacobian: &needsJacobian, evaluations: &evaluations,
        jacobianEvaluations: &jacobianEvaluations, residualCount: m,
        evaluateWithJacobian: evaluateWithJacobian, curvature: curvature)
    }
    if needsJacobian {
      let value = try evaluateWithJacobian(x)
      jacobianEvaluations += 1
      jacobian = value.jacobian
    }
    var scaledResiduals = residuals
    loss.rescale(residuals: &scaledResiduals, jacobian: &jacobian, columnCount: n)
    let active = bounds?.activeIndices(at: x) ?? []
    var result = LeastSquaresResult(
      parameters: x, residuals: residuals, cost: cost, scaledJacobian: jacobian,
      heldAtBounds: active, stopReason: stop ?? .iterationLimit)
    result.activeBounds = active
    result.iterations = iterations
    result.evaluations = evaluations
    result.jacobianEvaluations = jacobianEvaluations
    result.polishSteps = polished
    result.elapsed = clock.now - started
    return result
  }

  /// The trial step of an iteration on the columns `free` of J̃, factored as `factorization`
  /// with `qtr` = Qᵀr̃: the Levenberg–Marquardt step for the radius, its point projected onto
  /// `bounds`, and the model's relative prediction for the step taken,
  ///
  /// ```
  /// unprojected:  (‖J s‖² + 2λ‖D s‖²) / Φ          MINPACK's, from (JᵀJ + λDᵀD) s = −Jᵀr
  /// projected:    (−2 sᵀJᵀr − ‖J s‖²) / Φ          the Gauss–Newton model at s = p⁺ − p
  /// ```
  ///
  /// with the slope sᵀJᵀr / Φ along the step (the directional derivative of MINPACK's shrink
  /// factor). Both are computed from R and Qᵀr̃, as R Pᵀ s and (R Pᵀ s)ᵀ Qᵀr̃.
  @inlinable
  func trialStep(
    at x: [T], free: [Int], factorization qr: PivotedQR<T>, qtr: [T],
    subproblem: inout TrustRegionSubproblem<T>, radius: T, scale: [T], lambda: T, costNorm: T,
    bounds: Bounds<T>?
  ) -> TrialStep<T> {
    let n = x.count
    let m = qr.rowCount
    let freeCount = free.count
    let reduced = freeCount < n
    let freeScale = reduced ? free.map { scale[$0] } : scale
    var (freeStep, solvedLambda) = subproblem.step(
      radius: radius, scale: freeScale, lambda: lambda)
    var step = freeStep
    if reduced {
      step = [T](repeating: 0, count: n)
      for (k, j) in free.enumerated() { step[j] = freeStep[k] }
    }
    let solved = step
    var point = zip(x, step).map { $0 + $1 }
    // A point outside the box is projected onto it; the step is then the one taken.
    let projected = !(bounds?.project(&point).isEmpty ?? true)
    if projected {
      for (k, j) in free.enumerated() {
        step[j] = point[j] - x[j]
        freeStep[k] = step[j]
      }
    }
    let stepNorm = euclideanNorm(zip(scale, step).map { $0 * $1 })
    var model = [T](repeating: 0, count: freeCount)  // R Pᵀ s
    for j in 0..<freeCount {
      let value = freeStep[qr.permutation[j]]
      for i in 0..<j { model[i] += qr.factors[i + j * m] * value }
      model[j] += qr.diagonal[j] * value
    }
    let linear = euclideanNorm(model) / costNorm
    let predicted: T
    let directional: T
    if projected {
      var slope: T = 0
      for j in 0..<freeCount { slope += (model[j] / costNorm) * (qtr[j] / costNorm) }
      predicted = -2 * slope - linear * linear
      directional = slope
    } else {
      let damping = solvedLambda.squareRoot() * stepNorm / costNorm
      predicted = linear * linear + damping * damping / 0.5
      directional = -(linear * linear + damping * damping)
    }
    return TrialStep(
      solved: solved, point: point, lambda: solvedLambda, projected: projected, stepNorm: stepNorm,
      predicted: predicted, directional: directional)
  }

  /// The polish: steps from a converged point that solve the linearized problem exactly,
  ///
  /// ```
  /// Gauss–Newton:  s = −(JᵀJ)⁻¹ Jᵀr           (QR of J D⁻¹, D its column norms)
  /// Newton:        s = −(JᵀJ + Σ rᵢ∇²rᵢ)⁻¹ Jᵀr
  /// ```
  ///
  /// each kept when the cost does not increase: Φ(p + s) ≤ Φ(p), or, where the two differ by
  /// no more than the rounding error of Φ (``roundingLevel(of:residuals:jacobian:)``), when the
  /// scaled gradient ‖D⁻¹Jᵀr‖ shrinks. Near the solution Φ is flat to rounding error while the
  /// parameters are still off in their last digits; the gradient, computed from the residuals
  /// without cancellation, still tells the better point. Stops at the first step not kept, or
  /// after ``LeastSquaresOptions/polishSteps``.
  ///
  /// Under bounds the step is solved on the free columns only (the binding parameters stay at
  /// their bounds, and the gradient compared is that of the free ones), and its point is
  /// projected onto the box: the polish never leaves it. It stops when every parameter is held.
  ///
  /// - Returns: The number of steps kept.
  @inlinable
  func polish(
    _ x: inout [T], bounds: Bounds<T>?, residuals: inout [T], jacobian: inout [T],
    cost: inout T, needsJacobian: inout Bool, evaluations: inout Int,
    jacobianEvaluations: inout Int, residualCount m: Int,
    evaluateWithJacobian: ([T]) throws -> (residuals: [T], jacobian: [T]),
    curvature: ([T], [T]) throws -> [T]
  ) rethrows -> Int {
    let n = x.count
    let loss = options.loss
    var kept = 0
    for _ in 0..<options.polishSteps {
      if needsJacobian {
        let value = try evaluateWithJacobian(x)
        jacobianEvaluations += 1
        needsJacobian = false
        jacobian = value.jacobian
        residuals = value.residuals
      }
      if !jacobian.allSatisfy(\.isFinite) { break }
      var scaledResiduals = residuals
      var unit = jacobian
      loss.rescale(residuals: &scaledResiduals, jacobian: &unit, columnCount: n)
      // Under bounds, the step is solved on the free columns and its point projected.
      var free = Array(0..<n)
      if let bounds {
        free = freeColumns(at: x, bounds: bounds, jacobian: unit, residuals: scaledResiduals)
        if free.isEmpty { break }
        if free.count < n { unit = columns(free, of: unit, rowCount: m) }
      }
      let freeCount = free.count
      var columnScale = [T](repeating: 1, count: freeCount)
      for j in 0..<freeCount {
        let norm = euclideanNorm(unit, from: j * m, count: m)
        if norm > 0 {
          columnScale[j] = norm
          for i in 0..<m { unit[i + j * m] /= norm }
        }
      }
      let gradient = scaledGradientNorm(unit, scaledResiduals, scale: nil)
      let qr = PivotedQR(columnMajor: unit, rowCount: m, columnCount: freeCount)
      var qtr = scaledResiduals
      qr.applyTransposeOfQ(to: &qtr)
      let tolerance = T(Swift.max(m, freeCount)) * T.ulpOfOne
      let threshold = tolerance * (qr.diagonal.first?.magnitude ?? 0)
      var rank = 0
      while rank < freeCount && qr.diagonal[rank].magnitude > threshold { rank += 1 }
      let r = qr.r
      var z = (0..<freeCount).map { $0 < rank ? -qtr[$0] : 0 }
      if options.polishMethod == .newton && loss.kind == .linear && rank == freeCount {
        var second = try curvature(x, residuals)
        if freeCount < n && second.count == n * n {
          second = free.flatMap { column in free.map { second[$0 + column * n] } }
        }
        if let corrected = newtonCorrection(
          r: r, n: freeCount, permutation: qr.permutation, columnScale: columnScale,
          curvature: second, gaussNewton: z)
        {
          z = corrected
        }
      }
      // y = R⁻¹ z on the leading `rank` columns, then undo the pivoting and the scaling.
      var y = [T](repeating: 0, count: freeCount)
      for j in stride(from: rank - 1, through: 0, by: -1) {
        var sum = z[j]
        for i in (j + 1)..<rank { sum -= r[j + i * freeCount] * y[i] }
        y[j] = sum / r[j + j * freeCount]
      }
      var trial = x
      for j in 0..<freeCount {
        let l = qr.permutation[j]
        trial[free[l]] = x[free[l]] + y[j] / columnScale[l]
      }
      bounds?.clamp(&trial)
      if trial == x { break }
      let value = try evaluateWithJacobian(trial)
      jacobianEvaluations += 1
      let trialCost = loss.cost(value.residuals)
      guard trialCost.isFinite, value.jacobian.allSatisfy(\.isFinite) else { break }
      var keep = trialCost <= cost
      if !keep && trialCost <= cost + roundingLevel(of: x, residuals: residuals, jacobian: jacobian)
      {
        var trialResiduals = value.residuals
        var trialJacobian = value.jacobian
        loss.rescale(residuals: &trialResiduals, jacobian: &trialJacobian, columnCount: n)
        if freeCount < n { trialJacobian = columns(free, of: trialJacobian, rowCount: m) }
        keep = scaledGradientNorm(trialJacobian, trialResiduals, scale: columnScale) < gradient
      }
      guard keep else { break }
      x = trial
      residuals = value.residuals
      jacobian = value.jacobian
      cost = trialCost
      kept += 1
    }
    return kept
  }

  /// z of the Newton step in the coordinates of the Gauss–Newton one: with J D⁻¹ P = Q R,
  /// q = (Qᵀr)₁, S = D⁻¹ Σ rᵢ∇²rᵢ D⁻¹ permuted by P, and M = R⁻ᵀ S R⁻¹,
  ///
  /// ```
  /// (RᵀR + S) y = −Rᵀq   ⇔   (I + M) z = −q,   y = R⁻¹ z
  /// ```
  ///
  /// so the Gauss–Newton step is z = −q (`gaussNewton`) and the correction never forms RᵀR.
  /// `nil` when I + M is not positive definite (the Newton step would not descend).
  @inlinable
  func newtonCorrection(
    r: [T], n: Int, permutation: [Int], columnScale: [T], curvature: [T], gaussNewton: [T]
  ) -> [T]? {
    guard curvature.count == n * n, curvature.allSatisfy(\.isFinite) else { return nil }
    // A = R⁻ᵀ S (forward substitution with Rᵀ, column by column).
    var a = [T](repeating: 0, count: n * n)
    for column in 0..<n {
      let pc = permutation[column]
      for i in 0..<n {
        let pi = permutation[i]
        var sum = curvature[pi + pc * n] / (columnScale[pi] * columnScale[pc])
        for k in 0..<i { sum -= r[k + i * n] * a[k + column * n] }
        a[i + column * n] = sum / r[i + i * n]
      }
    }
    // I + M with M = R⁻ᵀ Aᵀ (A R⁻¹ is symmetric).
    var h = [T](repeating: 0, count: n * n)
    for column in 0..<n {
      for i in 0..<n {
        var sum = a[column + i * n]
        for k in 0..<i { sum -= r[k + i * n] * h[k + column * n] }
        h[i + column * n] = sum / r[i + i * n]
      }
    }
    for i in 0..<n {
      for j in 0..<i {
        let mean = (h[i + j * n] + h[j + i * n]) / 2
        h[i + j * n] = mean
        h[j + i * n] = mean
      }
      h[i + i * n] += 1
    }
    // Cholesky, I + M = L Lᵀ, in the lower triangle.
    for j in 0..<n {
      var diagonal = h[j + j * n]
      for k in 0..<j { diagonal -= h[j + k * n] * h[j + k * n] }
      guard diagonal > 0 else { return nil }
      let root = diagonal.squareRoot()
      h[j + j * n] = root
      for i in (j + 1)..<n {
        var sum = h[i + j * n]
        for k in 0..<j { sum -= h[i + k * n] * h[j + k * n] }
        h[i + j * n] = sum / root
      }
    }
    var z = gaussNewton
    for i in 0..<n {
      for k in 0..<i { z[i] -= h[i + k * n] * z[k] }
      z[i] /= h[i + i * n]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      for k in (i + 1)..<n { z[i] -= h[k + i * n] * z[k] }
      z[i] /= h[i + i * n]
    }
    return z
  }

  /// How much Φ can change from rounding alone near `x`: residual i is known to about
  /// ε(|rᵢ| + Σⱼ |Jᵢⱼ pⱼ|), the change that perturbing every parameter by one rounding error
  /// makes (and the scale of the terms that cancel in it), so Φ to about
  /// 2ε Σᵢ |rᵢ| (|rᵢ| + Σⱼ |Jᵢⱼ pⱼ|); eight times that covers the few rounding errors of each
  /// operation of a model, and m ε Φ the summation.
  @inlinable
  func roundingLevel(of x: [T], residuals: [T], jacobian: [T]) -> T {
    let m = residuals.count
    var total: T = 0
    var cost: T = 0
    for i in 0..<m {
      var scale = residuals[i].magnitude
      for j in x.indices { scale += (jacobian[i + j * m] * x[j]).magnitude }
      total += residuals[i].magnitude * scale
      cost += residuals[i] * residuals[i]
    }
    return T.ulpOfOne * (16 * total + T(m) * cost)
  }

  /// ‖Bᵀr‖ for B = J with its columns divided by `scale` (J itself when `scale` is `nil`).
  @inlinable
  func scaledGradientNorm(_ jacobian: [T], _ residuals: [T], scale: [T]?) -> T {
    let m = residuals.count
    let n = m == 0 ? 0 : jacobian.count / m
    var gradient = [T](repeating: 0, count: n)
    for j in 0..<n {
      var sum: T = 0
      for i in 0..<m { sum += jacobian[i + j * m] * residuals[i] }
      gradient[j] = scale.map { sum / $0[j] } ?? sum
    }
    return euclideanNorm(gradient)
  }
}

/// A trial step of Levenberg–Marquardt, as `LevenbergMarquardt.trialStep` makes it.
@usableFromInline
struct TrialStep<T: BinaryFloatingPoint> {
  /// s as solved, zero outside the free columns, before any projection.
  @usableFromInline var solved: [T]
  /// p⁺ = P(p + s), the point to evaluate.
  @usableFromInline var point: [T]
  /// The λ the step was solved with.
  @usableFromInline var lambda: T
  /// `true` when the projection moved p + s.
  @usableFromInline var projected: Bool
  /// ‖D (p⁺ − p)‖.
  @usableFromInline var stepNorm: T
  /// The model's reduction of Φ for p⁺ − p, relative to Φ(p).
  @usableFromInline var predicted: T
  /// The model's slope along p⁺ − p, relative to Φ(p).
  @usableFromInline var directional: T

  @inlinable
  init(
    solved: [T], point: [T], lambda: T, projected: Bool, stepNorm: T, predicted: T,
    directional: T
  ) {
    self.solved = solved
    self.point = point
    self.lambda = lambda
    self.projected = projected
    self.stepNorm = stepNorm
    self.predicted = predicted
    self.directional = directional
  }
}
