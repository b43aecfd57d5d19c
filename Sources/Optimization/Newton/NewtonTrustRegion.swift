import AutoDiff

/// Newton's method with a trust region, on exact second derivatives: the method to reach when
/// the Hessian is affordable and the cost is not convex.
///
/// At iterate θ with gradient g and Hessian H, the step minimizes the quadratic model within a
/// radius Δ,
///
/// ```
/// p = argmin { m(p) = gᵀp + ½ pᵀHp : ‖p‖ ≤ Δ }
/// δ = 10 ε max(1, |J(θ)|)                               rounding guard
/// ρ = (J(θ) − J(θ + p) + δ) / (−m(p) + δ)               actual over predicted decrease
/// θ ← θ + p               if ρ > η
/// Δ ← Δ/2                 if ρ < ¼
/// Δ ← min(1.5Δ, Δ_max)    if ρ > ¾ and ‖p‖ = Δ
/// ```
///
/// with ε the machine epsilon: δ keeps ρ meaningful when both decreases are at the rounding
/// level of J (Conn, Gould & Toint, *Trust-Region Methods*, 2000, §17.4.2). This is the classic
/// monotone method: ρ > η gives J(θ) − J(θ + p) > η·(−m(p)) − (1 − η)δ, so that no accepted
/// step raises the cost by more than δ, the rounding level. With a memory M > 0, ρ is instead
/// the larger of the above and the same ratio measured from J_ref, the largest cost of the last
/// M accepted iterates and the current one,
///
/// ```
/// ρ_ref = (J_ref − J(θ + p) + δ) / (J_ref − J(θ) − m(p) + δ)
/// ```
///
/// the *nonmonotone* trust region of Toint (1997), which accepts a step that raises the cost a
/// little while it stays below J_ref. On the chained Rosenbrock function below, M = 20 takes
/// fewer trials (with CG 23 at n = 2 and 152 at n = 100; exact 15 at n = 2) but ends at the
/// local minimum with CG at n = 20; the monotone default reaches the global one with CG at every
/// n measured.
///
/// Truncated CG stops inside the region once its residual satisfies ‖g + Hp‖ ≤ ζ‖g‖, with the
/// forcing term
///
/// ```
/// ζ = min(½, √(‖g‖ / ‖g₀‖))
/// ```
///
/// g₀ the gradient at the method's first step (remembered until ``reset()``): the step is a
/// rough Newton step far from a minimum and an ever better one near it, which keeps the outer
/// iteration superlinear (Eisenstat & Walker, 1996). Like ρ, ζ is a ratio: multiplying the cost
/// by a positive constant changes no step beyond rounding (and δ's floor of 1).
///
/// Unlike a line-search Newton method it needs no positive-definite Hessian: where H has a
/// negative eigenvalue the model is still minimized over the region, and the step follows the
/// negative curvature. Two solvers of the subproblem:
///
/// | ``Subproblem`` | needs | cost per subproblem |
/// | --- | --- | --- |
/// | ``Subproblem/exact`` | the Hessian, n² numbers | a few Cholesky factorizations, O(n³) each (Moré & Sorensen) |
/// | ``Subproblem/conjugateGradient`` | Hessian-vector products | up to n products (Steihaug–Toint truncated CG) |
/// | ``Subproblem/automatic`` (default) | | exact up to ``automaticThreshold`` parameters, CG above |
///
/// The Hessian (or the products) come from forward-over-reverse differentiation, so the cost must
/// be a `DifferentiableFunction`:
///
/// ```swift
/// struct Rosenbrock: DifferentiableFunction {
///   func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
///     let a = 1 - x[0], b = x[1] - x[0] * x[0]
///     return a * a + 100 * b * b
///   }
/// }
/// let result = try minimize(Rosenbrock(), from: [-1.2, 1], using: NewtonTrustRegion())
/// ```
///
/// One call of ``step(_:value:gradient:problem:)``, one iteration of the driver, ends at the
/// first accepted trial point: a rejected trial shrinks Δ and tries again within the same
/// iteration, so that the driver's step-size and cost-change criteria only ever see real
/// moves. Every trial costs one evaluation of value and gradient, so the number of trials,
/// accepted and rejected, is ``MinimizationResult/evaluations`` − 1; each iteration also costs one
/// Hessian (exact) or a number of Hessian-vector products (CG), counted in
/// ``MinimizationResult/secondOrderEvaluations``.
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | Δ₀ | ``learningRate`` (the initial radius) | 1 |
/// | Δ_max | ``maximumRadius`` | 1000 |
/// | η | ``acceptance`` | 0.15 |
/// | M | ``memory`` | 0 (monotone) |
///
/// Δ₀, Δ_max and η are SciPy's. Bounds are not supported: use ``LBFGS``, which becomes
/// L-BFGS-B.
///
/// Trials on the chained Rosenbrock function Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)² from
/// (−1.2, 1, −1.2, 1, …) with the defaults, until ‖g‖ ≤ 10⁻⁸; * marks a run that ends at the
/// local minimum near (−1, 1, …, 1), f ≈ 3.99 (3.974 for n = 6), rather than the global one,
/// f = 0 at (1, …, 1):
///
/// | n | 2 | 4 | 6 | 10 | 20 | 30 | 50 | 80 | 100 | 150 | 200 |
/// | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
/// | CG | 30 | 30 | 34 | 36 | 55 | 77 | 99 | 138 | 178 | 244 | 307 |
/// | exact | 23 | 30 | 23* | 30* | 45* | 63* | 89* | 133* | 164* | 236* | 307* |
///
/// SciPy 1.17 from the same start: 25 (`trust-exact`) and 30 (`trust-ncg`) trials at n = 2;
/// 206 at the local minimum (`trust-exact`) and 449 at the global one (`trust-ncg`) at n = 100.
/// Which minimum a run reaches is not a property of the subproblem solver alone: from this
/// start the first steps meet a near-tie between the two basins. The exact step follows the
/// negative curvature toward x₀ ≈ −1, as SciPy's `trust-exact` does; truncated CG with these
/// settings does not; other rules (M = 20, for one) or another start can tip either way.
///
/// In floating point the method can stop short of a small gradient: where the rounding error
/// of J exceeds the decreases the model predicts (a convex quadratic with condition number
/// 10⁶ whose cost is a sum of large terms, for instance), every ρ is noise, Δ shrinks to
/// nothing and ``minimize(_:from:using:bounds:options:progress:)`` reports
/// ``StopReason/stalled``, not convergence.
///
/// References: J. J. Moré and D. C. Sorensen, "Computing a trust region step", 1983;
/// T. Steihaug, "The conjugate gradient method and trust regions in large scale optimization",
/// 1983; S. C. Eisenstat and H. F. Walker, "Choosing the forcing terms in an inexact Newton
/// method", 1996; Ph. L. Toint, "Non-monotone trust-region algorithms for nonlinear
/// optimization subject to convex constraints", 1997; A. R. Conn, N. I. M. Gould and
/// Ph. L. Toint, *Trust-Region Methods*, 2000; Nocedal & Wright, *Numerical Optimization*,
/// 2nd ed., chapters 4 and 7.
public struct NewtonTrustRegion<T: BinaryFloatingPoint & RealScalar>: DescentMethod {
  public typealias Scalar = T

  /// How the trust-region subproblem is solved.
  public enum Subproblem: String, Sendable, Hashable, Codable, CaseIterable {
    /// Moré–Sorensen on the dense Hessian.
    case exact
    /// Steihaug–Toint conjugate gradients on Hessian-vector products.
    case conjugateGradient
    /// ``exact`` up to ``NewtonTrustRegion/automaticThreshold`` parameters,
    /// ``conjugateGradient`` above.
    case automatic
  }

  /// The parameter count up to which ``Subproblem/automatic`` forms the Hessian: 20.
  ///
  /// Measured on the chained Rosenbrock function (tridiagonal Hessian) and Moré, Garbow &
  /// Hillstrom's trigonometric function (dense Hessian): forming the Hessian, ⌈n/8⌉ sweeps, and
  /// factoring it cost more than the extra iterations of truncated CG from about 20 parameters
  /// on (release build, this version's rules: exact 1.4× faster at n = 10, from 1.04× faster to
  /// 1.3× slower at 20, 1.2–1.3× slower at 25, 7–8× slower at 100).
  public static var automaticThreshold: Int { 20 }

  /// Δ₀, the initial trust radius.
  public var learningRate: T
  /// Δ_max, the largest radius.
  public let maximumRadius: T
  /// η in [0, ¼): a trial is accepted when ρ > η.
  public let acceptance: T
  /// The subproblem solver.
  public let subproblem: Subproblem
  /// M ≥ 0, the accepted costs the nonmonotone reference looks back over; 0 for the monotone
  /// method.
  public let memory: Int

  /// The current radius Δ; `nil` before the first step.
  @usableFromInline var radius: T? = nil
  @usableFromInline var exactSolver = MoreSorensenSolver<T>()
  @usableFromInline var hessian: [T] = []
  @usableFromInline var trial: [T] = []
  @usableFromInline var trialGradient: [T] = []
  @usableFromInline var recentValues: [T] = []
  /// ‖g₀‖, the gradient's norm at the first step, the scale of CG's forcing term; `nil` before
  /// the first step.
  @usableFromInline var initialGradientNorm: T? = nil

  /// Creates the method.
  ///
  /// - Parameters:
  ///   - subproblem: Default ``Subproblem/automatic``.
  ///   - initialRadius: Δ₀ > 0. Default 1.
  ///   - maximumRadius: Δ_max ≥ Δ₀. Default 1000.
  ///   - acceptance: η in [0, 0.25). Default 0.15.
  ///   - memory: M, from 0 to 1000. Default 0, the monotone method.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   setting out of range.
  public init(
    subproblem: Subproblem = .automatic, initialRadius: T = 1, maximumRadius: T = 1000,
    acceptance: T = 0.15, memory: Int = 0
  ) throws {
    try Check.within(memory, 0, 1000, "memory")
    try Check.positive(initialRadius, "initialRadius", example: "1")
    try Check.positive(maximumRadius, "maximumRadius", example: "1000")
    guard maximumRadius >= initialRadius else {
      throw OptimizationError.invalidArgument(
        argument: "maximumRadius", value: "\(Double(maximumRadius))",
        requirement: "at least initialRadius (\(Double(initialRadius)))")
    }
    guard acceptance >= 0, acceptance < 0.25 else {
      throw OptimizationError.invalidArgument(
        argument: "acceptance", value: "\(Double(acceptance))",
        requirement: "at least 0 and below 0.25, such as 0.15")
    }
    self.subproblem = subproblem
    self.learningRate = initialRadius
    self.maximumRadius = maximumRadius
    self.acceptance = acceptance
    self.memory = memory
  }

  /// Forgets the radius, the recent costs and ‖g₀‖, so that the next step starts afresh from Δ₀
  /// and measures the forcing term from its own gradient.
  public mutating func reset() {
    radius = nil
    hessian = []
    recentValues = []
    initialGradientNorm = nil
  }

  /// Throws: the closure form of a cost gives no second derivatives.
  public mutating func step(
    _ parameters: inout [T], value: inout T, gradient: inout [T],
    objective: (_ point: [T], _ gradient: inout [T]) throws -> T
  ) throws -> StepOutcome {
    throw Self.needsSecondDerivatives
  }

  @usableFromInline
  static var needsSecondDerivatives: OptimizationError {
    .unsupported(
      method: "NewtonTrustRegion", requirement: "a cost without second derivatives",
      advice: "write the cost as a DifferentiableFunction (a struct whose "
        + "callAsFunction<S: RealScalar>(_ x: [S]) -> S holds the formula) and pass it to "
        + "minimize; a closure over Variable gives first derivatives only.")
  }

  /// One iteration: trial steps from the current point until one is accepted.
  @inlinable
  public mutating func step(
    _ parameters: inout [T], value: inout T, gradient: inout [T],
    problem: MinimizationProblem<T>
  ) throws -> StepOutcome {
    guard problem.bounds == nil else {
      throw OptimizationError.unsupported(
        method: "NewtonTrustRegion", requirement: "bounds",
        advice: "use LBFGS, which becomes L-BFGS-B under bounds.")
    }
    guard problem.providesSecondDerivatives else { throw Self.needsSecondDerivatives }
    try Check.positive(learningRate, "learningRate (the initial radius)", example: "1")
    let n = parameters.count
    let exact =
      subproblem == .exact || (subproblem == .automatic && n <= Self.automaticThreshold)
    var delta = radius ?? learningRate
    let gradientNorm = euclideanNorm(gradient)
    if initialGradientNorm == nil { initialGradientNorm = gradientNorm }
    if exact { try problem.hessian(at: parameters, into: &hessian) }
    let cg = SteihaugTointSolver<T>()
    let forcing = Self.forcing(gradientNorm: gradientNorm, initial: initialGradientNorm!)
    var product = [T](repeating: 0, count: n)
    // Trials until one is accepted; each rejection halves Δ, so 200 of them take Δ far below
    // any representable step.
    for _ in 0..<200 {
      let solution: TrustRegionStep<T>?
      if exact {
        solution = exactSolver.solve(hessian: hessian, gradient: gradient, radius: delta)
      } else {
        solution = try cg.solve(gradient: gradient, radius: delta, forcing: forcing) {
          direction in
          try problem.hessianVectorProduct(at: parameters, along: direction, into: &product)
          return product
        }
      }
      guard let solution, solution.predictedDecrease > 0,
        solution.predictedDecrease.isFinite
      else {
        // No model decrease: θ is stationary for the model, or its derivatives are not finite.
        return .stalled
      }
      if trial.count != n { trial = parameters }
      for i in 0..<n { trial[i] = parameters[i] + solution.step[i] }
      guard trial != parameters else { return .stalled }
      let trialValue = try problem(trial, &trialGradient)
      let ratio =
        trialValue.isFinite && trialGradient.allSatisfy({ $0.isFinite })
        ? self.ratio(value: value, trialValue: trialValue, predicted: solution.predictedDecrease)
        : -.infinity
      if ratio < 0.25 {
        delta /= 2
      } else if ratio > 0.75, solution.hitsBoundary {
        delta = Swift.min(Self.growth * delta, maximumRadius)
      }
      radius = delta
      if ratio > acceptance {
        copy(trial, into: &parameters)
        copy(trialGradient, into: &gradient)
        if memory > 0 {
          recentValues.append(value)
          if recentValues.count > memory { recentValues.removeFirst() }
        }
        value = trialValue
        return .advanced
      }
      guard delta > T.ulpOfOne * Swift.max(1, euclideanNorm(parameters)) else { return .stalled }
    }
    return .stalled
  }

  /// The factor by which Δ grows after a very successful step to the boundary: 1.5.
  @usableFromInline static var growth: T { 1.5 }

  /// ζ = min(½, √(‖g‖/‖g₀‖)), CG's relative residual tolerance; ½ when ‖g‖/‖g₀‖ is not finite.
  @inlinable
  static func forcing(gradientNorm: T, initial: T) -> T {
    let relative = gradientNorm / initial
    guard relative.isFinite else { return 0.5 }
    return Swift.min(T(0.5), relative.squareRoot())
  }

  /// ρ, actual over predicted decrease with the rounding guard δ = 10·ε·max(1, |J(θ)|), and with
  /// M > 0 the larger of it and Toint's nonmonotone ratio from the largest of the last M costs.
  @inlinable
  func ratio(value: T, trialValue: T, predicted: T) -> T {
    let guardTerm = 10 * T.ulpOfOne * Swift.max(1, value.magnitude)
    let monotone = (value - trialValue + guardTerm) / (predicted + guardTerm)
    guard memory > 0 else { return monotone }
    let reference = Swift.max(recentValues.max() ?? value, value)
    let nonmonotone =
      (reference - trialValue + guardTerm) / (reference - value + predicted + guardTerm)
    return Swift.max(monotone, nonmonotone)
  }
}
