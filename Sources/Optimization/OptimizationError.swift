/// A mistake in the arguments of an optimizer, of ``minimize(_:from:using:bounds:options:progress:)`` or
/// of the least-squares solvers, with a message that names the argument and says what to change.
public enum OptimizationError: Error, Equatable, CustomStringConvertible {
  /// A hyper-parameter, tolerance or option is outside the range where it means anything.
  ///
  /// `value` is the value given, `requirement` what it must satisfy, with an example.
  case invalidArgument(argument: String, value: String, requirement: String)
  /// An argument that must hold at least one element is empty.
  case empty(argument: String)
  /// Two vectors that must have one element per parameter do not have the same length.
  case sizeMismatch(argument: String, expected: Int, actual: Int, advice: String)
  /// Two data arrays that must have one element per data point do not have the same length:
  /// `argument` has `actual` elements where `reference` has `expected`.
  case dataSizeMismatch(argument: String, reference: String, expected: Int, actual: Int)
  /// A data array (the x or y values of a curve fit) is empty.
  case emptyData(argument: String)
  /// A data value or weight at `index` of `argument` is NaN or infinite.
  case nonFiniteData(argument: String, index: Int, value: String)
  /// A least-squares problem has fewer residuals (data points) than parameters, so the
  /// parameters cannot all be determined.
  case tooFewResiduals(residuals: Int, parameters: Int)
  /// A residual, or an entry of the residuals' Jacobian, is NaN or infinite at the starting
  /// parameters: `quantity` names it ("residual 3", "∂r₃/∂p₁").
  case nonFiniteAtStart(quantity: String, value: String)
  /// `method` cannot work on this problem because it needs `requirement` (bounds, second
  /// derivatives) that it does not support or that the cost cannot give; `advice` says what to
  /// use instead.
  case unsupported(method: String, requirement: String, advice: String)

  /// The name of the offending argument.
  public var argument: String {
    switch self {
    case .invalidArgument(let argument, _, _), .empty(let argument),
      .sizeMismatch(let argument, _, _, _), .dataSizeMismatch(let argument, _, _, _),
      .emptyData(let argument), .nonFiniteData(let argument, _, _):
      return argument
    case .tooFewResiduals: return "residuals"
    case .nonFiniteAtStart: return "start"
    case .unsupported: return "method"
    }
  }

  /// What went wrong and what to change.
  public var description: String {
    switch self {
    case .invalidArgument(let argument, let value, let requirement):
      return "`\(argument)` is \(value); it must be \(requirement)."
    case .empty(let argument):
      return "`\(argument)` is empty; pass at least one parameter to optimize."
    case .sizeMismatch(let argument, let expected, let actual, let advice):
      let elements = actual == 1 ? "element" : "elements"
      return "`\(argument)` has \(actual) \(elements) but must have \(expected), one per "
        + "parameter; \(advice)"
    case .dataSizeMismatch(let argument, let reference, let expected, let actual):
      let elements = actual == 1 ? "element" : "elements"
      return "`\(argument)` has \(actual) \(elements) but `\(reference)` has \(expected); pass "
        + "one value of each per data point."
    case .emptyData(let argument):
      return "`\(argument)` is empty; pass at least as many data points as there are parameters."
    case .nonFiniteData(let argument, let index, let value):
      return "`\(argument)[\(index)]` is \(value); remove that data point or replace the value "
        + "with a finite number."
    case .tooFewResiduals(let residuals, let parameters):
      let noun = residuals == 1 ? "residual" : "residuals"
      return "the problem has \(residuals) \(noun) but \(parameters) parameters; least squares "
        + "needs at least one residual (data point) per parameter: add data or fit fewer "
        + "parameters."
    case .nonFiniteAtStart(let quantity, let value):
      return "\(quantity) is \(value) at the starting parameters; start where the model is "
        + "finite (look for a logarithm or square root of a negative number, a division by "
        + "zero or an overflowing exponential)."
    case .unsupported(let method, let requirement, let advice):
      return "\(method) cannot handle \(requirement); \(advice)"
    }
  }
}

// MARK: - Checks shared by every optimizer and the driver

/// Argument checks, written once. Each throws ``OptimizationError/invalidArgument(argument:value:requirement:)``
/// with a message naming the argument.
@usableFromInline
enum Check {
  /// `value` > 0 and finite.
  @usableFromInline
  static func positive<T: BinaryFloatingPoint>(_ value: T, _ argument: String, example: String)
    throws
  {
    guard value > 0, value.isFinite else {
      throw OptimizationError.invalidArgument(
        argument: argument, value: "\(Double(value))",
        requirement: "positive and finite, such as \(example)")
    }
  }

  /// `value` ≥ 0 and finite.
  @usableFromInline
  static func nonNegative<T: BinaryFloatingPoint>(_ value: T, _ argument: String, example: String)
    throws
  {
    guard value >= 0, value.isFinite else {
      throw OptimizationError.invalidArgument(
        argument: argument, value: "\(Double(value))",
        requirement: "zero or positive and finite, such as \(example)")
    }
  }

  /// 0 ≤ `value` < 1.
  @usableFromInline
  static func fraction<T: BinaryFloatingPoint>(_ value: T, _ argument: String, example: String)
    throws
  {
    guard value >= 0, value < 1 else {
      throw OptimizationError.invalidArgument(
        argument: argument, value: "\(Double(value))",
        requirement: "at least 0 and less than 1, such as \(example)")
    }
  }

  /// An integer count ≥ `minimum`.
  @usableFromInline
  static func atLeast(_ value: Int, _ minimum: Int, _ argument: String) throws {
    guard value >= minimum else {
      throw OptimizationError.invalidArgument(
        argument: argument, value: "\(value)", requirement: "at least \(minimum)")
    }
  }

  /// `minimum` ≤ `value` ≤ `maximum`: sizes that allocate memory are bounded, so that a value
  /// no computer can hold is an error rather than a crash.
  @usableFromInline
  static func within(_ value: Int, _ minimum: Int, _ maximum: Int, _ argument: String) throws {
    guard value >= minimum, value <= maximum else {
      throw OptimizationError.invalidArgument(
        argument: argument, value: "\(value)", requirement: "from \(minimum) to \(maximum)")
    }
  }

  /// The learning rate an update is about to use: positive and finite, with advice on the
  /// usual scale.
  @usableFromInline
  static func learningRate<T: BinaryFloatingPoint>(_ value: T) throws {
    try positive(value, "learningRate", example: "0.01 (lower it if the cost grows)")
  }

  /// `gradient.count == parameters.count`.
  @usableFromInline
  static func gradientSize(_ gradient: Int, parameters: Int) throws {
    guard gradient == parameters else {
      throw OptimizationError.sizeMismatch(
        argument: "gradient", expected: parameters, actual: gradient,
        advice: "compute the gradient at the same parameters you pass to `update`.")
    }
  }

  /// Optimizer state built for `state` parameters matches the `parameters` passed now.
  @usableFromInline
  static func stateSize(_ state: Int, parameters: Int) throws {
    guard state == parameters else {
      throw OptimizationError.sizeMismatch(
        argument: "parameters", expected: state, actual: parameters,
        advice: "the optimizer's state was built for \(state) parameters; call `reset()` "
          + "before optimizing a different parameter vector.")
    }
  }
}

/// Sizes optimizer state on its first use: an empty buffer becomes `count` copies of `initial`;
/// a buffer of another size is an error (the optimizer was used on a different vector).
@inlinable
func prepareState<T>(_ state: inout [T], count: Int, initial: T) throws {
  if state.count == count { return }
  if state.isEmpty {
    state = [T](repeating: initial, count: count)
    return
  }
  try Check.stateSize(state.count, parameters: count)
}
