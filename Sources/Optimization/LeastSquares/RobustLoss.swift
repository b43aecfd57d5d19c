import AutoDiff

/// A loss ρ applied to each squared residual, so that a few outliers cannot pull the fit away from
/// the rest of the data.
///
/// The least-squares solvers minimize
///
/// ```
/// Φ(p) = Σᵢ c² ρ(rᵢ(p)² / c²)
/// ```
///
/// where c is ``scale`` (SciPy's `f_scale`), the size of residual beyond which a point counts as an
/// outlier. With z = r²/c²:
///
/// | loss | ρ(z) | weight ρ′(z) of a point far out |
/// | --- | --- | --- |
/// | ``linear`` | z | 1: ordinary least squares, Φ = Σ rᵢ² |
/// | ``huber(scale:)`` | z for z ≤ 1, 2√z − 1 above | ∝ 1/\|r\| |
/// | ``softL1(scale:)`` | 2(√(1 + z) − 1) | ∝ 1/\|r\| (a smooth Huber) |
/// | ``cauchy(scale:)`` | ln(1 + z) | ∝ 1/r² |
///
/// All are ≈ z for small z, so inliers are fitted as by least squares. The Cauchy loss discounts
/// outliers most and is not convex: from a poor start it may settle on a fit that treats good
/// points as outliers; start it from a least-squares or soft-L1 fit when in doubt.
///
/// The solvers minimize Φ by Levenberg–Marquardt on rescaled residuals and Jacobian, as SciPy's
/// `least_squares` does: at each accepted point, with ρ′, ρ″ evaluated at zᵢ,
///
/// ```
/// r̃ᵢ = ρ′ rᵢ / wᵢ,    J̃ᵢ = wᵢ Jᵢ,    wᵢ = √max(ρ′ + 2 ρ″ zᵢ, ε)
/// ```
///
/// so that J̃ᵀr̃ = Σ ρ′ rᵢ ∇rᵢ = ½∇Φ and J̃ᵀJ̃ is the Gauss–Newton part of ∇²(½Φ), keeping the
/// second derivative of ρ (Triggs, McLauchlan, Hartley & Fitzgibbon, "Bundle adjustment — a
/// modern synthesis", 2000, §4.3). The acceptance of a step is judged on Φ itself. References:
/// Huber, "Robust estimation of a location parameter", Annals of Mathematical Statistics 35,
/// 1964; SciPy's `least_squares` (`loss`, `f_scale`); Ceres Solver's `LossFunction`.
public struct RobustLoss<T: BinaryFloatingPoint & RealScalar>: Equatable, CustomStringConvertible {
  /// The shape of ρ.
  public enum Kind: String, Sendable, Equatable, CaseIterable {
    /// ρ(z) = z.
    case linear
    /// ρ(z) = z for z ≤ 1, 2√z − 1 above.
    case huber
    /// ρ(z) = 2(√(1 + z) − 1).
    case softL1
    /// ρ(z) = ln(1 + z).
    case cauchy
  }

  /// The shape of ρ.
  public var kind: Kind
  /// c, the residual size where ρ leaves its quadratic region. 1 for ``linear``, where it has no
  /// effect.
  public var scale: T

  /// Ordinary least squares: ρ(z) = z.
  public static var linear: RobustLoss { RobustLoss(kind: .linear, scale: 1) }

  /// Huber's loss: quadratic up to |r| = c, linear beyond.
  ///
  /// - Parameter scale: c > 0, in the units of the residuals, such as two or three times their
  ///   expected standard deviation. Validated by the solver.
  public static func huber(scale: T) -> RobustLoss { RobustLoss(kind: .huber, scale: scale) }

  /// The soft L1 loss, a smooth approximation of Huber's: ρ(z) = 2(√(1 + z) − 1).
  ///
  /// - Parameter scale: c > 0, in the units of the residuals. Validated by the solver.
  public static func softL1(scale: T) -> RobustLoss { RobustLoss(kind: .softL1, scale: scale) }

  /// The Cauchy (Lorentzian) loss ρ(z) = ln(1 + z), which gives far outliers almost no weight.
  ///
  /// - Parameter scale: c > 0, in the units of the residuals. Validated by the solver.
  public static func cauchy(scale: T) -> RobustLoss { RobustLoss(kind: .cauchy, scale: scale) }

  /// Throws ``OptimizationError/invalidArgument(argument:value:requirement:)`` unless the scale
  /// is positive and finite.
  public func validate() throws {
    try Check.positive(scale, "loss scale", example: "1 (about the size of an inlier's residual)")
  }

  /// `linear`, or the kind with its scale, such as `huber(scale: 0.5)`.
  public var description: String {
    kind == .linear ? "linear" : "\(kind.rawValue)(scale: \(Double(scale)))"
  }

  /// ρ(z), ρ′(z) and ρ″(z) at z ≥ 0.
  @inlinable
  func derivatives(_ z: T) -> (value: T, first: T, second: T) {
    switch kind {
    case .linear:
      return (z, 1, 0)
    case .huber:
      if z <= 1 { return (z, 1, 0) }
      let root = z.squareRoot()
      return (2 * root - 1, 1 / root, -1 / (2 * z * root))
    case .softL1:
      let t = 1 + z
      let root = t.squareRoot()
      return (2 * (root - 1), 1 / root, -1 / (2 * t * root))
    case .cauchy:
      let t = 1 + z
      return (log1p(z), 1 / t, -1 / (t * t))
    }
  }

  /// Φ = Σ c² ρ(rᵢ²/c²); Σ rᵢ² for the linear loss. NaN or infinite when a residual is.
  @inlinable
  func cost(_ residuals: [T]) -> T {
    if kind == .linear {
      let norm = euclideanNorm(residuals)
      return norm * norm
    }
    let c2 = scale * scale
    var total: T = 0
    for r in residuals { total += c2 * derivatives(r * r / c2).value }
    return total
  }

  /// Rescales the residuals (m) and the Jacobian (column-major m×n) in place to r̃ and J̃.
  @inlinable
  func rescale(residuals: inout [T], jacobian: inout [T], columnCount n: Int) {
    if kind == .linear { return }
    let m = residuals.count
    let c2 = scale * scale
    for i in 0..<m {
      let z = residuals[i] * residuals[i] / c2
      let (_, first, second) = derivatives(z)
      let weight = Swift.max(first + 2 * second * z, T.ulpOfOne).squareRoot()
      residuals[i] *= first / weight
      for j in 0..<n { jacobian[i + j * m] *= weight }
    }
  }
}

extension RobustLoss: Sendable where T: Sendable {}
