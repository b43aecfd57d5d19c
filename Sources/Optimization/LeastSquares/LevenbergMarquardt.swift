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
/// ```
///
/// The λ of the step is the Levenberg–Marquardt parameter; it is the Lagrange multiplier of the
/// trust region rather than a quantity adjusted by fixed factors, which is what makes the method
/// invariant under a change of units of the parameters and globally convergent (Levenberg, "A
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
  /// major) are `initial`, already checked to be finite.
  @inlinable
  func solve(
    from start: [T], initial: (residuals: [T], jacobian: [T]),
    residuals evaluate: ([T]) throws -> [T],
    jacobian evaluateWithJacobian: ([T]) throws -> (residuals: [T], jacobian: [T])
  ) rethrows -> LeastSquaresResult<T> {
    let clock = ContinuousClock()
    let started = clock.now
    let n = start.count
    let m = initial.residuals.count
    let loss = options.loss
    let epsilon = T.ulpOfOne

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

      let qr = PivotedQR(columnMajor: scaledJacobian, rowCount: m, columnCount: n)
      var qtr = scaledResiduals
      qr.applyTransposeOfQ(to: &qtr)

      if iterations == 1 {
        switch options.scaling {
        case .jacobianColumnNorms: scale = qr.columnNorms.map { $0 == 0 ? 1 : $0 }
        case .fixed(let fixed): scale = fixed
        }
        let scaledNorm = euclideanNorm(zip(scale, x).map { $0 * $1 })
        radius = options.initialRadiusFactor * scaledNorm
        if radius == 0 { radius = options.initialRadiusFactor }
      }

      // The largest cosine between r̃ and a column of J̃: 0 at a stationary point.
      let residualNorm = euclideanNorm(scaledResiduals)
      var cosine: T = 0
      if residualNorm != 0 {
        for j in 0..<n {
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
        for j in 0..<n { scale[j] = Swift.max(scale[j], qr.columnNorms[j]) }
      }

      var subproblem = TrustRegionSubproblem(factorization: qr, qtr: qtr)
      var scaledX = euclideanNorm(zip(scale, x).map { $0 * $1 })
      var consecutiveNonFinite = 0
      while true {
        let (step, solvedLambda) = subproblem.step(radius: radius, scale: scale, lambda: lambda)
        lambda = solvedLambda
        let trial = zip(x, step).map { $0 + $1 }
        let stepNorm = euclideanNorm(zip(scale, step).map { $0 * $1 })
        if iterations == 1 { radius = Swift.min(radius, stepNorm) }

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
        var model = [T](repeating: 0, count: n)  // R Pᵀ s
        for j in 0..<n {
          let value = step[qr.permutation[j]]
          for i in 0..<j { model[i] += qr.factors[i + j * m] * value }
          model[j] += qr.diagonal[j] * value
        }
        let linear = euclideanNorm(model) / costNorm
        let damping = lambda.squareRoot() * stepNorm / costNorm
        let predicted = linear * linear + damping * damping / 0.5
        let directional = -(linear * linear + damping * damping)
        let ratio = predicted != 0 ? actual / predicted : 0

        if ratio <= 0.25 {
          var shrink: T = actual >= 0 ? 0.5 : 0.5 * directional / (directional + 0.5 * actual)
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
          actual.magnitude <= options.reductionTolerance
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
        } else if (actual.magnitude <= epsilon && predicted <= epsilon && 0.5 * ratio <= 1)
          || radius <= epsilon * scaledX || cosine <= epsilon
        {
          stop = .precisionLimit
        }
        if stop != nil { break outer }
        if accepted { break }
      }
    }

    var polished = 0
    if options.polish && stop?.isConvergence == true && cost > 0 {
      polished = try polish(
        &x, residuals: &residuals, jacobian: &jacobian, cost: &cost,
        needsJacobian: &needsJacobian, evaluations: &evaluations,
        jacobianEvaluations: &jacobianEvaluations, residualCount: m, evaluate: evaluate,
        evaluateWithJacobian: evaluateWithJacobian)
    }
    if needsJacobian {
      let value = try evaluateWithJacobian(x)
      jacobianEvaluations += 1
      jacobian = value.jacobian
    }
    var scaledResiduals = residuals
    loss.rescale(residuals: &scaledResiduals, jacobian: &jacobian, columnCount: n)
    var result = LeastSquaresResult(
      parameters: x, residuals: residuals, cost: cost, scaledJacobian: jacobian,
      stopReason: stop ?? .iterationLimit)
    result.iterations = iterations
    result.evaluations = evaluations
    result.jacobianEvaluations = jacobianEvaluations
    result.polishSteps = polished
    result.elapsed = clock.now - started
    return result
  }

  /// Gauss–Newton steps from a converged point: solve J̃ s ≈ −r̃ by QR (columns scaled to unit
  /// norm, rank judged at max(m, n)·ε), keep p + s when Φ(p + s) ≤ Φ(p); stop at the first step
  /// that is not kept, that changes nothing, or after ``LeastSquaresOptions/polishSteps``.
  ///
  /// - Returns: The number of steps kept.
  @inlinable
  func polish(
    _ x: inout [T], residuals: inout [T], jacobian: inout [T], cost: inout T,
    needsJacobian: inout Bool, evaluations: inout Int, jacobianEvaluations: inout Int,
    residualCount m: Int,
    evaluate: ([T]) throws -> [T],
    evaluateWithJacobian: ([T]) throws -> (residuals: [T], jacobian: [T])
  ) rethrows -> Int {
    let n = x.count
    var kept = 0
    for _ in 0..<options.polishSteps {
      if needsJacobian {
        let value = try evaluateWithJacobian(x)
        jacobianEvaluations += 1
        needsJacobian = false
        jacobian = value.jacobian
        if !jacobian.allSatisfy(\.isFinite) { break }
      }
      var scaledResiduals = residuals
      var scaledJacobian = jacobian
      options.loss.rescale(residuals: &scaledResiduals, jacobian: &scaledJacobian, columnCount: n)
      var columnScale = [T](repeating: 1, count: n)
      for j in 0..<n {
        let norm = euclideanNorm(scaledJacobian, from: j * m, count: m)
        if norm > 0 {
          columnScale[j] = norm
          for i in 0..<m { scaledJacobian[i + j * m] /= norm }
        }
      }
      let qr = PivotedQR(columnMajor: scaledJacobian, rowCount: m, columnCount: n)
      let (solution, _) = qr.solve(
        scaledResiduals.map { -$0 }, relativeRankTolerance: T(Swift.max(m, n)) * T.ulpOfOne)
      let trial = (0..<n).map { x[$0] + solution[$0] / columnScale[$0] }
      if trial == x { break }
      let trialResiduals = try evaluate(trial)
      evaluations += 1
      let trialCost = options.loss.cost(trialResiduals)
      guard trialCost.isFinite, trialCost <= cost else { break }
      let unchanged = trialCost == cost
      x = trial
      residuals = trialResiduals
      cost = trialCost
      needsJacobian = true
      kept += 1
      if unchanged { break }
    }
    return kept
  }
}
