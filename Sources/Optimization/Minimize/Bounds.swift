/// Lower and upper bounds on each parameter: the box lᵢ ≤ θᵢ ≤ uᵢ.
///
/// ```swift
/// // A rate that must stay positive and a fraction in [0, 1]; the third parameter is free.
/// let bounds = try Bounds<Double>(lower: [0, 0, -.infinity], upper: [.infinity, 1, .infinity])
/// let result = try minimize(cost, from: start, using: LBFGS(), bounds: bounds)
///
/// // Every parameter nonnegative.
/// let nonnegative = try Bounds<Double>(count: 10, lower: 0)
/// ```
///
/// An absent bound is −∞ (lower) or +∞ (upper); leaving out `lower` or `upper` leaves that side
/// unbounded for every parameter. A lower bound equal to its upper bound fixes the parameter.
///
/// Under bounds, a minimizer θ* need not make the gradient vanish: a parameter held at its
/// lower bound may have ∂J/∂θᵢ > 0. Convergence is judged on the *projected gradient* instead,
///
/// ```
/// P(θ) = min(max(θ, l), u)                      (element by element)
/// ‖θ − P(θ − ∇J(θ))‖₂                           zero exactly at a constrained stationary point
/// ```
///
/// which is what ``MinimizationResult/gradientNorm`` and the progress reports hold for a bounded
/// run.
public struct Bounds<T: BinaryFloatingPoint>: Equatable {
  /// lᵢ for each parameter; −∞ where there is none.
  public let lower: [T]
  /// uᵢ for each parameter; +∞ where there is none.
  public let upper: [T]

  /// Creates bounds from per-parameter arrays.
  ///
  /// - Parameters:
  ///   - lower: lᵢ, one per parameter, `-.infinity` for none; `nil` for no lower bounds at all.
  ///   - upper: uᵢ, one per parameter, `.infinity` for none; `nil` for no upper bounds at all.
  /// - Throws: ``OptimizationError/empty(argument:)`` when both are `nil` or empty;
  ///   ``OptimizationError/sizeMismatch(argument:expected:actual:advice:)`` when both are given
  ///   with different lengths; ``OptimizationError/invalidArgument(argument:value:requirement:)``
  ///   naming the element when a bound is NaN, a lower bound is +∞ or an upper bound −∞, or
  ///   lᵢ > uᵢ.
  public init(lower: [T]? = nil, upper: [T]? = nil) throws {
    guard let count = lower?.count ?? upper?.count, count > 0 else {
      throw OptimizationError.empty(argument: lower == nil && upper != nil ? "upper" : "lower")
    }
    if let lower, let upper, lower.count != upper.count {
      throw OptimizationError.sizeMismatch(
        argument: "upper", expected: lower.count, actual: upper.count,
        advice: "pass as many upper bounds as lower bounds (.infinity where there is none).")
    }
    let lower = lower ?? [T](repeating: -.infinity, count: count)
    let upper = upper ?? [T](repeating: .infinity, count: count)
    for i in 0..<count {
      try Self.check(lower[i], side: "lower", index: i, absent: "-.infinity")
      try Self.check(upper[i], side: "upper", index: i, absent: ".infinity")
      guard lower[i] != .infinity else {
        throw OptimizationError.invalidArgument(
          argument: "lower[\(i)]", value: "+infinity",
          requirement: "finite, or -.infinity for no lower bound")
      }
      guard upper[i] != -.infinity else {
        throw OptimizationError.invalidArgument(
          argument: "upper[\(i)]", value: "-infinity",
          requirement: "finite, or .infinity for no upper bound")
      }
      guard lower[i] <= upper[i] else {
        throw OptimizationError.invalidArgument(
          argument: "lower[\(i)]",
          value: "\(describe(Double(lower[i]))), above upper[\(i)] = \(describe(Double(upper[i])))",
          requirement: "at most the upper bound of the same parameter; swap them if they were "
            + "entered the wrong way round")
      }
    }
    self.lower = lower
    self.upper = upper
  }

  /// Creates the same bounds for every one of `count` parameters.
  ///
  /// - Parameters:
  ///   - count: The number of parameters, at least 1.
  ///   - lower: l for every parameter. Default −∞ (none).
  ///   - upper: u for every parameter. Default +∞ (none).
  /// - Throws: As ``init(lower:upper:)``.
  public init(count: Int, lower: T = -.infinity, upper: T = .infinity) throws {
    guard count > 0 else {
      throw OptimizationError.invalidArgument(
        argument: "count", value: "\(count)", requirement: "at least 1, one per parameter")
    }
    try self.init(
      lower: [T](repeating: lower, count: count), upper: [T](repeating: upper, count: count))
  }

  private static func check(_ bound: T, side: String, index: Int, absent: String) throws {
    guard !bound.isNaN else {
      throw OptimizationError.invalidArgument(
        argument: "\(side)[\(index)]", value: "NaN",
        requirement: "a number, or \(absent) for no \(side) bound")
    }
  }

  /// The number of parameters bounded (with or without an actual bound).
  @inlinable public var count: Int { lower.count }

  /// Moves `point` onto the box: θᵢ ← min(max(θᵢ, lᵢ), uᵢ).
  ///
  /// - Returns: The indices of the elements that moved.
  @inlinable
  @discardableResult
  public func project(_ point: inout [T]) -> [Int] {
    var moved: [Int] = []
    for i in point.indices {
      let clamped = Swift.min(Swift.max(point[i], lower[i]), upper[i])
      if clamped != point[i] {
        point[i] = clamped
        moved.append(i)
      }
    }
    return moved
  }

  /// Moves `point` onto the box without reporting which elements moved.
  @inlinable
  func clamp(_ point: inout [T]) {
    point.withUnsafeMutableBufferPointer { p in
      for i in p.indices { p[i] = Swift.min(Swift.max(p[i], lower[i]), upper[i]) }
    }
  }

  /// ‖θ − P(θ − g)‖₂, the projected gradient's norm: ‖g‖₂ away from the bounds, and zero for a
  /// component held at a bound that the gradient pushes against.
  @inlinable
  public func projectedGradientNorm(at point: [T], gradient: [T]) -> T {
    var squares: T = 0
    var largest: T = 0
    for i in point.indices {
      let moved = Swift.min(Swift.max(point[i] - gradient[i], lower[i]), upper[i])
      largest = Swift.max(largest, (point[i] - moved).magnitude)
    }
    guard largest > 0, largest.isFinite else { return largest }
    for i in point.indices {
      let moved = Swift.min(Swift.max(point[i] - gradient[i], lower[i]), upper[i])
      let r = (point[i] - moved) / largest
      squares += r * r
    }
    return largest * squares.squareRoot()
  }

  /// `true` when θᵢ sits at lᵢ or uᵢ.
  @inlinable
  public func isActive(_ index: Int, at point: [T]) -> Bool {
    point[index] == lower[index] || point[index] == upper[index]
  }

  /// The indices of the parameters that sit at a bound at `point`.
  @inlinable
  public func activeIndices(at point: [T]) -> [Int] {
    point.indices.filter { isActive($0, at: point) }
  }
}

extension Bounds: Sendable where T: Sendable {}

extension Bounds: CustomStringConvertible {
  /// One "[l, u]" per parameter, "-inf"/"inf" for an absent bound.
  public var description: String {
    let pairs = zip(lower, upper).map { l, u in
      "[\(describe(Double(l))), \(describe(Double(u)))]"
    }
    return "Bounds(\(pairs.joined(separator: ", ")))"
  }
}
