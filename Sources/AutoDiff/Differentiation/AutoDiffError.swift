/// An error in the arguments of a differentiation call, with a message that says what to change.
public enum AutoDiffError: Error, Equatable, CustomStringConvertible {
  /// Two arrays that must have the same length do not.
  case sizeMismatch(argument: String, expected: Int, actual: Int)
  /// An array that must hold one element per output of the function does not.
  case outputCountMismatch(argument: String, outputs: Int, actual: Int)
  /// An argument that must hold at least one element is empty.
  case empty(argument: String)
  /// A step or tolerance that must be positive and finite is not.
  case invalidArgument(argument: String, reason: String)

  /// What went wrong and what to change.
  public var description: String {
    switch self {
    case .sizeMismatch(let argument, let expected, let actual):
      let elements = actual == 1 ? "element" : "elements"
      return "`\(argument)` has \(actual) \(elements) but must have \(expected), one per input; "
        + "pass arrays of the same length."
    case .outputCountMismatch(let argument, let outputs, let actual):
      return "`\(argument)` has \(actual) elements but the function returned \(outputs) outputs; "
        + "pass one element per output."
    case .empty(let argument):
      return "`\(argument)` is empty; pass at least one element."
    case .invalidArgument(let argument, let reason):
      return "`\(argument)` \(reason)."
    }
  }
}
