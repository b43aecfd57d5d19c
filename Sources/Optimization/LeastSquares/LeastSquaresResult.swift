import AutoDiff

/// What a least-squares solver found, the statistics of the fit, and why it stopped.
///
/// With m residuals r (weighted: rᵢ = √wᵢ (f(xᵢ; p) − yᵢ) in a curve fit), n parameters and the
/// Jacobian J = ∂r/∂p at the solution p̂:
///
/// ```
/// RSS = Σ rᵢ²                         residualSumOfSquares
/// s   = √(RSS / (m − n))              residualStandardDeviation
/// C   = s² (JᵀJ)⁻¹                    covariance
/// SEⱼ = √Cⱼⱼ                          standardErrors
/// κ   = σ_max(J) / σ_min(J)           conditionNumber
/// ```
///
/// (JᵀJ)⁻¹ is computed from the singular value decomposition of J with its columns scaled to
/// unit length, J = B D, as D⁻¹ V Σ⁻² Vᵀ D⁻¹ — never by inverting JᵀJ, whose condition is κ²
/// (Björck, *Numerical Methods for Least Squares Problems*, SIAM 1996, §1.4). The rank of J is
/// judged on B, so that the units of the parameters do not decide it: a singular value of B
/// below max(m, n) · ε · σ₀(B) counts as zero. When the rank is below n, some combination of the
/// parameters is not determined by the data; the covariance is then `nil` and ``note`` says so.
///
/// The covariance is the usual linearized one: it assumes independent errors of equal variance
/// (after weighting) and a model that is nearly linear within a few standard errors of p̂. When
/// the weights are exact inverse variances 1/σᵢ², ``unscaledCovariance``, (JᵀJ)⁻¹ without the
/// factor s², is the covariance (SciPy's `curve_fit(absolute_sigma=True)`). With a
/// ``RobustLoss`` other than linear, J and r are those of the rescaled problem at p̂ and s² is
/// Φ/(m − n): an approximation that treats the outliers' down-weighting as fixed.
///
/// ### At an active bound
///
/// In a run with ``Bounds``, a parameter that ends at its bound (``activeBounds``) is not where
/// the cost is stationary in it, and the usual covariance s²(JᵀJ)⁻¹ does not describe it: the
/// sampling distribution of an estimate held by a bound is not normal, and no standard error
/// summarizes it. The statistics are then those of the other parameters with the active ones
/// held at their bounds, as if fixed: J above stands for the columns of the k parameters not at
/// a bound, n for k (so s² = Φ/(m − k)), and the rank, singular values and condition number
/// are those of these columns. ``covariance`` and ``unscaledCovariance`` stay n×n in the
/// order of the parameters, with NaN in the rows and columns of the active ones, whose
/// ``standardErrors`` are NaN too; ``note`` says so. A parameter fixed by lᵢ = uᵢ is always at
/// its bound and is treated the same way.
public struct LeastSquaresResult<T: BinaryFloatingPoint & RealScalar>: Equatable {
  /// p̂, the parameters found.
  public var parameters: [T]
  /// r(p̂), the (weighted) residuals at the solution.
  public var residuals: [T]
  /// Σ rᵢ² at the solution.
  public var residualSumOfSquares: T
  /// Φ(p̂) = Σ c² ρ(rᵢ²/c²), the cost minimized; equal to ``residualSumOfSquares`` without a
  /// robust loss.
  public var cost: T
  /// m − n.
  public var degreesOfFreedom: Int
  /// s = √(Φ / (m − n)); `nil` when m = n.
  public var residualStandardDeviation: T?
  /// s² (JᵀJ)⁻¹, n×n; `nil` when J is rank-deficient at the solution or m = n. NaN in the rows
  /// and columns of the parameters at a bound (see "At an active bound" above).
  public var covariance: [[T]]?
  /// (JᵀJ)⁻¹, n×n; `nil` when J is rank-deficient at the solution. NaN in the rows and columns
  /// of the parameters at a bound.
  public var unscaledCovariance: [[T]]?
  /// √(diagonal of ``covariance``), one per parameter; `nil` when the covariance is, NaN for a
  /// parameter at a bound.
  public var standardErrors: [T]?
  /// The singular values of J at the solution, largest first.
  public var singularValues: [T]
  /// σ_max / σ_min of J at the solution; infinite when J is singular. It depends on the units
  /// of the parameters; ``rank`` does not.
  public var conditionNumber: T
  /// The numerical rank of J at the solution (see the type's discussion).
  public var rank: Int
  /// A remark a user should read before trusting the statistics (rank deficiency, no degrees of
  /// freedom, parameters at a bound); `nil` when there is none.
  public var note: String?
  /// The parameters that sit at one of their bounds at the solution, p̂ᵢ = lᵢ or p̂ᵢ = uᵢ
  /// (fixed parameters included), in increasing order; empty without bounds.
  public var activeBounds: [Int]
  /// The parameters that lay outside the bounds at the start and were moved onto them before
  /// the first evaluation, as SciPy's `least_squares` does; empty when the start was inside (or
  /// the run had no bounds).
  public var movedOntoBounds: [Int]
  /// Why the solver stopped.
  public var stopReason: LeastSquaresStopReason
  /// Jacobians used by Levenberg–Marquardt (accepted steps + 1).
  public var iterations: Int
  /// Evaluations of the residuals alone (trial points, the polish).
  public var evaluations: Int
  /// Evaluations of the residuals with their Jacobian.
  public var jacobianEvaluations: Int
  /// Gauss–Newton steps of the polish that were kept.
  public var polishSteps: Int
  /// The wall-clock time of the run.
  public var elapsed: Duration

  /// `true` when a convergence criterion stopped the run (see
  /// ``LeastSquaresStopReason/isConvergence``).
  public var converged: Bool { stopReason.isConvergence }

  /// Creates a result.
  public init(
    parameters: [T], residuals: [T], residualSumOfSquares: T, cost: T, degreesOfFreedom: Int,
    residualStandardDeviation: T?, covariance: [[T]]?, unscaledCovariance: [[T]]?,
    standardErrors: [T]?, singularValues: [T], conditionNumber: T, rank: Int, note: String?,
    stopReason: LeastSquaresStopReason, iterations: Int, evaluations: Int,
    jacobianEvaluations: Int, polishSteps: Int, elapsed: Duration, activeBounds: [Int] = [],
    movedOntoBounds: [Int] = []
  ) {
    self.parameters = parameters
    self.residuals = residuals
    self.residualSumOfSquares = residualSumOfSquares
    self.cost = cost
    self.degreesOfFreedom = degreesOfFreedom
    self.residualStandardDeviation = residualStandardDeviation
    self.covariance = covariance
    self.unscaledCovariance = unscaledCovariance
    self.standardErrors = standardErrors
    self.singularValues = singularValues
    self.conditionNumber = conditionNumber
    self.rank = rank
    self.note = note
    self.stopReason = stopReason
    self.iterations = iterations
    self.evaluations = evaluations
    self.jacobianEvaluations = jacobianEvaluations
    self.polishSteps = polishSteps
    self.elapsed = elapsed
    self.activeBounds = activeBounds
    self.movedOntoBounds = movedOntoBounds
  }
}

extension LeastSquaresResult: Sendable where T: Sendable {}

extension LeastSquaresResult: CustomStringConvertible {
  /// A report for printing: the stop reason, each parameter with its standard error (or "at a
  /// bound"), the residual sum of squares, s, the degrees of freedom, the condition number and
  /// the note.
  ///
  /// ```
  /// converged: relative reduction of the cost below tolerance (9 iterations)
  ///   p[0] = 210.857219 ± 13.18348
  ///   p[1] = 0.0625752836 ± 0.01558357
  ///   residual sum of squares 874.662, s = 14.787 on 4 degrees of freedom, condition 1300.0
  /// ```
  public var description: String {
    var lines = ["\(stopReason) (\(iterations) iterations)"]
    for (index, value) in parameters.enumerated() {
      var error = standardErrors.map { " ± \(readable(Double($0[index]), digits: 7))" } ?? ""
      if activeBounds.contains(index) { error = " (at a bound)" }
      lines.append("  p[\(index)] = \(readable(Double(value), digits: 9))\(error)")
    }
    var summary = "  residual sum of squares \(readable(Double(residualSumOfSquares), digits: 6))"
    if let s = residualStandardDeviation {
      summary += ", s = \(readable(Double(s), digits: 5)) on \(degreesOfFreedom) degrees of freedom"
    }
    summary += ", condition \(readable(Double(conditionNumber), digits: 2))"
    lines.append(summary)
    if let note { lines.append("  note: \(note)") }
    return lines.joined(separator: "\n")
  }
}

/// `x` rounded to `digits` significant digits, as Swift prints the rounded value.
func readable(_ x: Double, digits: Int) -> String {
  guard x.isFinite, x != 0 else { return describe(x) }
  var scale = 1.0
  var magnitude = Swift.abs(x)
  var shift = digits - 1
  while magnitude >= 10 {
    magnitude /= 10
    shift -= 1
  }
  while magnitude < 1 {
    magnitude *= 10
    shift += 1
  }
  for _ in 0..<Swift.abs(shift) { scale *= 10 }
  return shift >= 0 ? "\((x * scale).rounded() / scale)" : "\((x / scale).rounded() * scale)"
}

// MARK: - Statistics at the solution

extension LeastSquaresResult {
  /// The statistics of the fit from the (rescaled) residuals and Jacobian at the solution, with
  /// the parameters `held` at their bounds treated as fixed (see "At an active bound"); the
  /// run's counters are filled in by the caller.
  @inlinable
  init(
    parameters: [T], residuals: [T], cost: T, scaledJacobian fullJacobian: [T],
    heldAtBounds held: [Int] = [], stopReason: LeastSquaresStopReason
  ) {
    let m = residuals.count
    let count = parameters.count
    var sumOfSquares: T = 0
    for r in residuals { sumOfSquares += r * r }
    let free = (0..<count).filter { !held.contains($0) }
    // From here on J and n are those of the free parameters.
    let n = free.count
    let jacobian: [T]
    if held.isEmpty {
      jacobian = fullJacobian
    } else {
      jacobian = free.flatMap { j in fullJacobian[(j * m)..<(j * m + m)] }
    }
    let degrees = m - n
    guard jacobian.allSatisfy(\.isFinite) else {
      self.init(
        parameters: parameters, residuals: residuals, residualSumOfSquares: sumOfSquares,
        cost: cost, degreesOfFreedom: degrees, residualStandardDeviation: nil, covariance: nil,
        unscaledCovariance: nil, standardErrors: nil, singularValues: [], conditionNumber: .nan,
        rank: 0,
        note: "The Jacobian is NaN or infinite at the returned parameters, so no statistics of "
          + "the fit are given.",
        stopReason: stopReason, iterations: 0, evaluations: 0, jacobianEvaluations: 0,
        polishSteps: 0, elapsed: .zero)
      return
    }

    // J = B D with unit columns in B.
    var columnScale = [T](repeating: 1, count: n)
    var unit = jacobian
    for j in 0..<n {
      let norm = euclideanNorm(jacobian, from: j * m, count: m)
      if norm > 0 && norm.isFinite {
        columnScale[j] = norm
        for i in 0..<m { unit[i + j * m] /= norm }
      }
    }
    let scaled = JacobiSVD(columnMajor: unit, rowCount: m, columnCount: n)
    let threshold = T(Swift.max(m, n)) * T.ulpOfOne * (scaled.singularValues.first ?? 0)
    let rank = scaled.singularValues.filter { $0 > threshold }.count
    let plain = JacobiSVD(columnMajor: jacobian, rowCount: m, columnCount: n)
    let largest = plain.singularValues.first ?? 0
    let smallest = plain.singularValues.last ?? 0
    var condition = rank < n || smallest == 0 ? T.infinity : largest / smallest
    if n == 0 { condition = .nan }

    var deviation: T? = nil
    if degrees > 0 { deviation = (cost / T(degrees)).squareRoot() }
    var unscaled: [[T]]? = nil
    var covariance: [[T]]? = nil
    var errors: [T]? = nil
    var notes: [String] = []
    if rank == n {
      var inverse = [[T]](repeating: [T](repeating: 0, count: n), count: n)
      let v = scaled.rightSingularVectors
      for i in 0..<n {
        for j in 0...i {
          var sum: T = 0
          for k in 0..<n {
            let sigma = scaled.singularValues[k]
            sum += v[i + k * n] * v[j + k * n] / (sigma * sigma)
          }
          let value = sum / (columnScale[i] * columnScale[j])
          inverse[i][j] = value
          inverse[j][i] = value
        }
      }
      unscaled = inverse
      if let s = deviation {
        let variance = s * s
        let full = inverse.map { row in row.map { $0 * variance } }
        covariance = full
        errors = (0..<n).map { full[$0][$0].squareRoot() }
      }
    } else {
      let parameters = held.isEmpty ? "parameters" : "parameters not at a bound"
      notes.append(
        "The Jacobian is rank-deficient at the solution (rank \(rank) of \(n) \(parameters)): "
          + "some combination of the parameters is not determined by the data, so no "
          + "covariance or standard errors are given. Fix or remove a parameter, or add data "
          + "that separates them.")
    }
    if degrees == 0 {
      let parameters = held.isEmpty ? "parameters" : "parameters not at a bound"
      notes.append(
        "There are as many residuals as \(parameters), so no degrees of freedom are left to "
          + "estimate the residual variance: no residual standard deviation, covariance or "
          + "standard errors are given.")
    }
    if !held.isEmpty {
      // Back to one row and column per parameter, NaN for the held ones.
      func expanded(_ matrix: [[T]]) -> [[T]] {
        var result = [[T]](repeating: [T](repeating: .nan, count: count), count: count)
        for (a, i) in free.enumerated() {
          for (b, j) in free.enumerated() { result[i][j] = matrix[a][b] }
        }
        return result
      }
      unscaled = unscaled.map(expanded)
      covariance = covariance.map(expanded)
      errors = errors.map { values in
        var result = [T](repeating: .nan, count: count)
        for (a, i) in free.enumerated() { result[i] = values[a] }
        return result
      }
      let list = held.map(String.init).joined(separator: ", ")
      let noun = held.count == 1 ? "Parameter \(list) is" : "Parameters \(list) are"
      notes.append(
        "\(noun) at a bound, where the usual covariance s²(JᵀJ)⁻¹ does not apply: the "
          + "covariance and standard errors are those of the other parameters with "
          + (held.count == 1 ? "it" : "these") + " held at the bound (NaN in "
          + (held.count == 1 ? "its" : "their") + " rows, columns and standard errors), and the "
          + "degrees of freedom count only the \(n) \(n == 1 ? "parameter" : "parameters") "
          + "not at a bound.")
    }
    self.init(
      parameters: parameters, residuals: residuals, residualSumOfSquares: sumOfSquares,
      cost: cost, degreesOfFreedom: degrees, residualStandardDeviation: deviation,
      covariance: covariance, unscaledCovariance: unscaled, standardErrors: errors,
      singularValues: plain.singularValues, conditionNumber: condition, rank: rank,
      note: notes.isEmpty ? nil : notes.joined(separator: " "), stopReason: stopReason,
      iterations: 0, evaluations: 0, jacobianEvaluations: 0, polishSteps: 0, elapsed: .zero)
  }
}
