import AutoDiff

/// A line search that finds a step t along a descent direction d satisfying the strong Wolfe
/// conditions, for φ(t) = J(θ + t·d):
///
/// ```
/// φ(t) ≤ φ(0) + c₁·t·φ′(0)          sufficient decrease (Armijo)
/// |φ′(t)| ≤ c₂·|φ′(0)|              curvature
/// ```
///
/// A bracketing phase extrapolates (cubic interpolation within [t + 0.01(t − t₋), 10t]) until
/// an interval containing acceptable steps is found; a zoom phase then shrinks it by safeguarded
/// cubic interpolation. This is Algorithms 3.5 and 3.6 of Nocedal & Wright, in the form of
/// PyTorch's `_strong_wolfe`. A NaN or infinite φ counts as "too far".
///
/// `Codable` when `T` is: its three constants are saved; a search keeps nothing else.
///
/// Reference: Nocedal & Wright, *Numerical Optimization*, 2nd ed., 2006, §3.5.
public struct StrongWolfeLineSearch<T: BinaryFloatingPoint & RealScalar>: Equatable {
  /// c₁ in (0, c₂): the fraction of the predicted decrease that must be achieved. Default 1e-4.
  public let sufficientDecrease: T
  /// c₂ in (c₁, 1): how much the slope must flatten. Default 0.9.
  public let curvature: T
  /// The most evaluations of J per search. Default 25.
  public let maximumEvaluations: Int

  /// Creates a line search.
  ///
  /// - Parameters:
  ///   - sufficientDecrease: c₁, with 0 < c₁ < c₂. Default 1e-4.
  ///   - curvature: c₂, with c₁ < c₂ < 1. Default 0.9.
  ///   - maximumEvaluations: At least 1. Default 25.
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` naming the
  ///   constant out of range.
  public init(sufficientDecrease: T = 1e-4, curvature: T = 0.9, maximumEvaluations: Int = 25)
    throws
  {
    guard sufficientDecrease > 0, sufficientDecrease < 1 else {
      throw OptimizationError.invalidArgument(
        argument: "sufficientDecrease", value: "\(Double(sufficientDecrease))",
        requirement: "in (0, 1) and below `curvature`, such as 1e-4")
    }
    guard curvature > sufficientDecrease, curvature < 1 else {
      throw OptimizationError.invalidArgument(
        argument: "curvature", value: "\(Double(curvature))",
        requirement: "in (sufficientDecrease, 1), such as 0.9")
    }
    try Check.atLeast(maximumEvaluations, 1, "maximumEvaluations")
    self.sufficientDecrease = sufficientDecrease
    self.curvature = curvature
    self.maximumEvaluations = maximumEvaluations
  }

  /// A trial point of the search: step, value, slope.
  @usableFromInline
  struct Point {
    @usableFromInline var step: T
    @usableFromInline var value: T
    @usableFromInline var slope: T

    @inlinable init(step: T, value: T, slope: T) {
      self.step = step
      self.value = value
      self.slope = slope
    }
  }

  /// Buffers reused from search to search.
  @usableFromInline
  struct Workspace {
    @usableFromInline var point: [T] = []
    @usableFromInline var gradient: [T] = []
    @usableFromInline var lowGradient: [T] = []
    @inlinable init() {}
  }

  /// Searches from `origin` (value `value`, gradient `gradient`) along `direction`.
  ///
  /// With `maximumStep` the search never tries a step beyond it, and accepts it when the cost
  /// still falls there (the boundary of a feasible segment, as in L-BFGS-B); with `bounds` every
  /// trial point is clamped onto the box, so that rounding cannot take it outside.
  ///
  /// - Returns: The accepted step and the value there, with the point in `workspace.point` and
  ///   the gradient in `workspace.gradient`; `nil` when no step lowered the cost.
  @inlinable
  func search(
    from origin: [T], value: T, gradient: [T], along direction: [T], initialStep: T,
    maximumStep: T = .infinity, bounds: Bounds<T>? = nil, workspace: inout Workspace,
    objective: (_ point: [T], _ gradient: inout [T]) throws -> T
  ) throws -> (step: T, value: T)? {
    let slope0 = dot(gradient, direction)
    let c1 = sufficientDecrease
    let c2 = curvature
    let directionSize = direction.reduce(0) { Swift.max($0, $1.magnitude) }
    let originSize = origin.reduce(0) { Swift.max($0, $1.magnitude) }
    // Steps closer than this cannot move the point by a representable amount.
    let resolution =
      T.ulpOfOne * (1 + originSize) / Swift.max(directionSize, T.leastNormalMagnitude)
    var evaluations = 0

    func evaluate(_ step: T) throws -> Point {
      if workspace.point.count != origin.count { workspace.point = origin }
      workspace.point.withUnsafeMutableBufferPointer { p in
        origin.withUnsafeBufferPointer { x in
          direction.withUnsafeBufferPointer { d in
            for i in p.indices { p[i] = x[i] + step * d[i] }
          }
        }
      }
      bounds?.clamp(&workspace.point)
      evaluations += 1
      let f = try objective(workspace.point, &workspace.gradient)
      return Point(step: step, value: f, slope: dot(workspace.gradient, direction))
    }
    func armijoFails(_ p: Point) -> Bool {
      !p.value.isFinite || !p.slope.isFinite || p.value > value + c1 * p.step * slope0
    }
    func curvatureHolds(_ p: Point) -> Bool { p.slope.magnitude <= -c2 * slope0 }

    // Bracketing. `low` is the best acceptable point so far; its gradient is in lowGradient.
    var previous = Point(step: 0, value: value, slope: slope0)
    copy(gradient, into: &workspace.lowGradient)
    var current = try evaluate(Swift.min(initialStep, maximumStep))
    var low: Point
    var high: Point
    while true {
      if armijoFails(current) || (evaluations > 1 && current.value >= previous.value) {
        low = previous
        high = current
        break
      }
      if curvatureHolds(current) { return (current.step, current.value) }
      if current.slope >= 0 {
        low = current
        high = previous
        copy(workspace.gradient, into: &workspace.lowGradient)
        break
      }
      if current.step >= maximumStep { return (current.step, current.value) }
      if evaluations >= maximumEvaluations {
        low = current
        high = current
        copy(workspace.gradient, into: &workspace.lowGradient)
        break
      }
      let next = Self.cubicMinimizer(
        previous, current, lower: current.step + (current.step - previous.step) / 100,
        upper: Swift.min(current.step * 10, maximumStep))
      previous = current
      copy(workspace.gradient, into: &workspace.lowGradient)
      current = try evaluate(next)
    }

    // Zoom: low satisfies sufficient decrease and has the lowest value of the two ends; the
    // interval between low and high contains acceptable steps.
    var insufficientProgress = false
    while evaluations < maximumEvaluations,
      (high.step - low.step).magnitude > resolution
    {
      let lower = Swift.min(low.step, high.step)
      let upper = Swift.max(low.step, high.step)
      var step = Self.cubicMinimizer(low, high, lower: lower, upper: upper)
      // Safeguard (as PyTorch): keep away from the ends when progress is slow.
      let margin = (upper - lower) / 10
      if Swift.min(upper - step, step - lower) < margin {
        if insufficientProgress || step >= upper || step <= lower {
          step =
            (step - upper).magnitude < (step - lower).magnitude ? upper - margin : lower + margin
          insufficientProgress = false
        } else {
          insufficientProgress = true
        }
      } else {
        insufficientProgress = false
      }
      let trial = try evaluate(step)
      if armijoFails(trial) || trial.value >= low.value {
        high = trial
      } else {
        if curvatureHolds(trial) { return (trial.step, trial.value) }
        if trial.slope * (high.step - low.step) >= 0 { high = low }
        low = trial
        copy(workspace.gradient, into: &workspace.lowGradient)
      }
    }

    // Out of evaluations or resolution: accept low if it lowers the cost at all.
    guard low.step > 0, low.value < value, low.value.isFinite else { return nil }
    // Recompute low's point (the same arithmetic as when it was evaluated) and restore its
    // gradient, instead of evaluating again.
    let step = low.step
    workspace.point.withUnsafeMutableBufferPointer { p in
      origin.withUnsafeBufferPointer { x in
        direction.withUnsafeBufferPointer { d in
          for i in p.indices { p[i] = x[i] + step * d[i] }
        }
      }
    }
    bounds?.clamp(&workspace.point)
    copy(workspace.lowGradient, into: &workspace.gradient)
    return (low.step, low.value)
  }

  /// The minimizer of the cubic through two points with their slopes, clamped to
  /// [lower, upper]; the midpoint when the cubic has no minimizer or an end is not finite.
  @inlinable
  static func cubicMinimizer(_ a: Point, _ b: Point, lower: T, upper: T) -> T {
    let d1 = a.slope + b.slope - 3 * (a.value - b.value) / (a.step - b.step)
    let discriminant = d1 * d1 - a.slope * b.slope
    let midpoint = (lower + upper) / 2
    guard discriminant >= 0 else { return midpoint }
    let d2 = discriminant.squareRoot()
    let minimizer: T
    if a.step <= b.step {
      let ratio = (b.slope + d2 - d1) / (b.slope - a.slope + 2 * d2)
      minimizer = b.step - (b.step - a.step) * ratio
    } else {
      let ratio = (a.slope + d2 - d1) / (a.slope - b.slope + 2 * d2)
      minimizer = a.step - (a.step - b.step) * ratio
    }
    guard minimizer.isFinite else { return midpoint }
    return Swift.min(Swift.max(minimizer, lower), upper)
  }
}
