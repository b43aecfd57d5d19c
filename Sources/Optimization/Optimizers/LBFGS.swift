import AutoDiff

/// Limited-memory BFGS with a strong-Wolfe line search: a quasi-Newton method that builds a
/// curvature model from the last m steps.
///
/// At iterate θₖ with gradient gₖ:
///
/// ```
/// dₖ = −Hₖ·gₖ                     two-loop recursion over the pairs (sᵢ, yᵢ), i = k−m … k−1,
///                                 with H⁰ = (sᵀy / yᵀy)·I from the newest pair
/// tₖ = strong-Wolfe step along dₖ, trying t = α first (α·min(1, 1/‖g₀‖₁) at the first step)
/// θₖ₊₁ = θₖ + tₖ·dₖ
/// sₖ = θₖ₊₁ − θₖ,  yₖ = gₖ₊₁ − gₖ  (kept when sₖᵀyₖ > 0, so that H stays positive definite)
/// ```
///
/// | symbol | parameter | default |
/// | --- | --- | --- |
/// | α | ``learningRate`` | 1 |
/// | m | ``historySize`` | 10 |
/// | c₁, c₂ | ``lineSearch`` | 1e-4, 0.9 |
///
/// When dₖ is not a descent direction, or the line search finds no lower cost, the memory is
/// cleared and the step retried along −gₖ; if that fails too the step reports
/// ``StepOutcome/stalled``.
///
/// L-BFGS needs the cost, not only its gradient, so it is a ``DescentMethod`` rather than an
/// ``Optimizer``: hand it to ``minimize(_:from:using:bounds:options:progress:)`` like any optimizer.
///
/// `Codable` when `T` is: the hyper-parameters, the line search's constants and the curvature
/// pairs are saved, so that a decoded copy continues bit for bit, with or without bounds (see
/// ``init(from:)``); the bounded step's cached inner products are computed again.
///
/// - Complexity: O(m·n) per iteration plus the line search's evaluations (usually one);
///   O(m·n) memory, allocated during the first m iterations and reused after.
///
/// References: Liu & Nocedal, "On the limited memory BFGS method for large scale
/// optimization", Mathematical Programming 45, 1989; Nocedal & Wright, *Numerical
/// Optimization*, 2nd ed., 2006, Algorithms 7.4 and 7.5.
public struct LBFGS<T: BinaryFloatingPoint & RealScalar>: DescentMethod {
  public typealias Scalar = T

  /// α, the first step tried along each direction. 1 is right for quasi-Newton directions.
  public var learningRate: T
  /// m ≥ 1, the number of curvature pairs kept.
  public let historySize: Int
  /// The line search and its constants.
  public let lineSearch: StrongWolfeLineSearch<T>

  /// The pairs sᵢ, yᵢ and 1/(sᵢᵀyᵢ), in a ring of `historySize` slots.
  @usableFromInline var steps: [[T]] = []
  @usableFromInline var gradientChanges: [[T]] = []
  @usableFromInline var inverseCurvatures: [T] = []
  /// The number of pairs held and the slot of the newest.
  @usableFromInline var pairCount = 0
  @usableFromInline var newest = -1
  /// Reused buffers: the search direction and the two-loop coefficients.
  @usableFromInline var direction: [T] = []
  @usableFromInline var coefficients: [T] = []
  @usableFromInline var workspace = StrongWolfeLineSearch<T>.Workspace()
  /// Counts changes of the pairs (stored or forgotten), so that the bounded step knows when its
  /// cached inner products are stale.
  @usableFromInline var pairGeneration = 0
  /// The compact-representation state of the bounded step (see `LBFGS+Bounds.swift`).
  @usableFromInline var bounded = BoundedWorkspace<T>()

  /// Creates the method.
  ///
  /// - Parameters:
  ///   - learningRate: α > 0. Default 1.
  ///   - historySize: m, from 1 to 100 000. Default 10.
  ///   - lineSearch: Default ``StrongWolfeLineSearch`` with c₁ = 1e-4, c₂ = 0.9, 25 evaluations.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   argument out of range.
  public init(
    learningRate: T = 1, historySize: Int = 10, lineSearch: StrongWolfeLineSearch<T>? = nil
  ) throws {
    try Check.learningRate(learningRate)
    try Check.within(historySize, 1, 100_000, "historySize")
    self.learningRate = learningRate
    self.historySize = historySize
    self.lineSearch = try lineSearch ?? StrongWolfeLineSearch()
  }

  /// Forgets the curvature pairs and the buffers, so that the next step may start on a
  /// parameter vector of another length.
  public mutating func reset() {
    forgetPairs()
    steps = []
    gradientChanges = []
    direction = []
    bounded = BoundedWorkspace()
  }

  /// Forgets the curvature pairs, keeping the buffers.
  @inlinable
  mutating func forgetPairs() {
    pairCount = 0
    newest = -1
    pairGeneration += 1
  }

  @inlinable
  public mutating func step(
    _ parameters: inout [T], value: inout T, gradient: inout [T],
    objective: (_ point: [T], _ gradient: inout [T]) throws -> T
  ) throws -> StepOutcome {
    try prepare(parameterCount: parameters.count, gradientCount: gradient.count)
    for attempt in 0..<2 {
      if attempt == 1 {
        // The quasi-Newton step failed: forget the model and try steepest descent once.
        if pairCount == 0 { break }
        forgetPairs()
      }
      computeDirection(gradient)
      var slope = dot(gradient, direction)
      if !(slope < 0) {
        forgetPairs()
        computeDirection(gradient)
        slope = dot(gradient, direction)
        guard slope < 0 else { return .stalled }
      }
      var initialStep = learningRate
      if pairCount == 0 {
        let l1 = gradient.reduce(0) { $0 + $1.magnitude }
        initialStep = Swift.min(1, 1 / l1) * learningRate
      }
      guard
        let (t, newValue) = try lineSearch.search(
          from: parameters, value: value, gradient: gradient, along: direction,
          initialStep: initialStep, workspace: &workspace, objective: objective)
      else { continue }
      remember(step: t, gradient: gradient, newGradient: workspace.gradient)
      copy(workspace.point, into: &parameters)
      copy(workspace.gradient, into: &gradient)
      value = newValue
      return .advanced
    }
    return .stalled
  }

  /// Checks the learning rate and the sizes, and sizes the buffers on the first step: the
  /// start of every step, bounded or not.
  @inlinable
  mutating func prepare(parameterCount: Int, gradientCount: Int) throws {
    try Check.learningRate(learningRate)
    try Check.gradientSize(gradientCount, parameters: parameterCount)
    if direction.count != parameterCount {
      if !direction.isEmpty { try Check.stateSize(direction.count, parameters: parameterCount) }
      direction = [T](repeating: 0, count: parameterCount)
      coefficients = [T](repeating: 0, count: historySize)
      inverseCurvatures = [T](repeating: 0, count: historySize)
    }
  }

  /// d = −H·g by the two-loop recursion (Nocedal & Wright, Algorithm 7.4).
  @inlinable
  mutating func computeDirection(_ gradient: [T]) {
    for i in direction.indices { direction[i] = -gradient[i] }
    guard pairCount > 0 else { return }
    // First loop, newest to oldest: q ← q − aᵢ·yᵢ with aᵢ = ρᵢ·sᵢᵀq (q = −d here).
    var slot = newest
    for _ in 0..<pairCount {
      let a = inverseCurvatures[slot] * dot(steps[slot], direction)
      coefficients[slot] = a
      axpy(-a, gradientChanges[slot], &direction)
      slot = (slot - 1 + historySize) % historySize
    }
    // H⁰ = γ·I with γ = sᵀy / yᵀy of the newest pair.
    let y = gradientChanges[newest]
    let gamma = 1 / (inverseCurvatures[newest] * dot(y, y))
    for i in direction.indices { direction[i] = direction[i] * gamma }
    // Second loop, oldest to newest: r ← r + sᵢ·(aᵢ − bᵢ) with bᵢ = ρᵢ·yᵢᵀr.
    slot = (newest - pairCount + 1 + historySize) % historySize
    for _ in 0..<pairCount {
      let b = inverseCurvatures[slot] * dot(gradientChanges[slot], direction)
      axpy(coefficients[slot] - b, steps[slot], &direction)
      slot = (slot + 1) % historySize
    }
    // The recursion ran on the negated direction throughout, so it is already −H·g.
  }

  /// Stores s = t·d and y = g₊ − g when sᵀy is safely positive.
  @inlinable
  mutating func remember(step t: T, gradient: [T], newGradient: [T]) {
    var curvature: T = 0
    var yy: T = 0
    for i in direction.indices {
      let y = newGradient[i] - gradient[i]
      curvature += t * direction[i] * y
      yy += y * y
    }
    // Keep the pair only when it carries positive curvature (sᵀy > ε·yᵀy), so that H stays
    // positive definite; otherwise keep the model as it is.
    guard curvature > T.ulpOfOne * yy, curvature.isFinite else { return }
    let slot = (newest + 1) % historySize
    while steps.count <= slot {
      steps.append([T](repeating: 0, count: direction.count))
      gradientChanges.append([T](repeating: 0, count: direction.count))
    }
    for i in direction.indices {
      steps[slot][i] = t * direction[i]
      gradientChanges[slot][i] = newGradient[i] - gradient[i]
    }
    inverseCurvatures[slot] = 1 / curvature
    newest = slot
    pairGeneration += 1
    pairCount = Swift.min(pairCount + 1, historySize)
  }
}

/// y ← y + a·x.
@inlinable
func axpy<T: BinaryFloatingPoint>(_ a: T, _ x: [T], _ y: inout [T]) {
  y.withUnsafeMutableBufferPointer { y in
    x.withUnsafeBufferPointer { x in
      for i in y.indices { y[i] = y[i] + a * x[i] }
    }
  }
}
