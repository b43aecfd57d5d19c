import AutoDiff

/// Newton's method with a trust region, on exact second derivatives: the method to reach when
/// the Hessian is affordable and the cost is not convex.
///
/// At iterate θ with gradient g and Hessian H, the step minimizes the quadratic model within a
/// radius Δ,
///
/// ```
/// p = argmin { m(p) = gᵀp + ½ pᵀHp : ‖p‖ ≤ Δ }
/// ρ = max( (J(θ) − J(θ + p)) / (−m(p)),          actual over predicted decrease,
///          (J_ref − J(θ + p)) / (J_ref − J(θ) − m(p)) )   the same from J_ref
/// θ ← θ + p             if ρ > η
/// Δ ← Δ/2               if ρ < ¼
/// Δ ← min(2Δ, Δ_max)    if ρ > ¾ and ‖p‖ = Δ
/// ```
///
/// J_ref is the largest cost of the last M accepted iterates (and the current one): the
/// *nonmonotone* trust region of Toint (1997), which accepts a step that raises the cost a
/// little when it is still below that reference, so that the method can follow a curved valley
/// with longer steps. With M = 0 it is the classic monotone method: then, with Δ ← Δ/4 in place
/// of Δ/2, its trials are those of SciPy's `trust-exact` and `trust-ncg` (the same 449 trials
/// on the chained Rosenbrock function of 100 variables with `trust-ncg`). Measured on that
/// function and on Rosenbrock's, M = 20 and Δ/2 took the fewest trials; see the table below.
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
/// | M | ``memory`` | 20 |
///
/// Δ₀, Δ_max and η are SciPy's. Bounds are not supported: use ``LBFGS``, which becomes
/// L-BFGS-B.
///
/// References: J. J. Moré and D. C. Sorensen, "Computing a trust region step", 1983;
/// T. Steihaug, "The conjugate gradient method and trust regions in large scale optimization",
/// 1983; Nocedal & Wright, *Numerical Optimization*, 2nd ed., chapters 4 and 7.
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
  /// factoring it cost more than the extra iterations of truncated CG from about 25 parameters
  /// on (1.5–2× faster at n = 10, 1.2–1.3× slower at 25, 4–7× slower at 100).
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

  /// Creates the method.
  ///
  /// - Parameters:
  ///   - subproblem: Default ``Subproblem/automatic``.
  ///   - initialRadius: Δ₀ > 0. Default 1.
  ///   - maximumRadius: Δ_max ≥ Δ₀. Default 1000.
  ///   - acceptance: η in [0, 0.25). Default 0.15.
  ///   - memory: M, from 0 to 1000. Default 20; 0 for the monotone method.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   setting out of range.
  public init(
    subproblem: Subproblem = .automatic, initialRadius: T = 1, maximumRadius: T = 1000,
    acceptance: T = 0.15, memory: Int = 20
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

  /// Forgets the radius and the recent costs, so that the next step starts afresh from Δ₀.
  public mutating func reset() {
    radius = nil
    hessian = []
    recentValues = []
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
    if exact { try problem.hessian(at: parameters, into: &hessian) }
    let cg = SteihaugTointSolver<T>()
    var product = [T](repeating: 0, count: n)
    // Trials until one is accepted; each rejection divides Δ by 4, so 200 of them take Δ far
    // below any representable step.
    for _ in 0..<200 {
      let solution: TrustRegionStep<T>?
      if exact {
        solution = exactSolver.solve(hessian: hessian, gradient: gradient, radius: delta)
      } else {
        solution = try cg.solve(gradient: gradient, radius: delta) { direction in
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
      var ratio: T =
        trialValue.isFinite && trialGradient.allSatisfy({ $0.isFinite })
        ? (value - trialValue) / solution.predictedDecrease : -.infinity
      if memory > 0, ratio.isFinite {
        // Toint's nonmonotone ratio: the decrease from the largest of the last M costs.
        let reference = Swift.max(recentValues.max() ?? value, value)
        let nonmonotone =
          (reference - trialValue) / (reference - value + solution.predictedDecrease)
        ratio = Swift.max(ratio, nonmonotone)
      }
      if ratio < 0.25 {
        delta /= 2
      } else if ratio > 0.75, solution.hitsBoundary {
        delta = Swift.min(2 * delta, maximumRadius)
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
}
