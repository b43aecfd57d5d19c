/// A mistake in the data or the arguments given to a model, or a saved model that cannot be
/// restored, with a message that says what to change. A model that throws is left exactly as it
/// was before the call.
public enum ModelError: Error, Equatable, CustomStringConvertible {
  /// Two inputs that must have one element per row, or one value per feature, differ in length.
  case sizeMismatch(argument: String, expected: Int, actual: Int, advice: String)
  /// An input that needs at least one row (or feature) has none.
  case empty(argument: String)
  /// A value in the data is NaN or infinite. `row` and `column` count from 0; `column` is `nil`
  /// for a one-dimensional input.
  case nonFinite(argument: String, row: Int, column: Int?)
  /// A class label outside `0..<classCount`.
  case invalidLabel(row: Int, label: Int, classCount: Int)
  /// A hyper-parameter or option outside the range where it means anything.
  case invalidArgument(argument: String, value: String, requirement: String)
  /// The model has not been fitted yet, or was fitted with another number of features.
  case notFitted(advice: String)
  /// Training diverged: the cost or a parameter became NaN or infinite, or the cost grew far
  /// above its best. The model is left as it was; try a smaller learning rate.
  ///
  /// `message` is the `Divergence.message` of the run: the cause, the iteration, and the
  /// learning rate to reduce.
  case diverged(iteration: Int, message: String)
  /// A saved model decoded as another type: another model, or the same model with another scalar
  /// type, or data that is not a saved model. `found` and `expected` name the two with their
  /// article, such as "a LogisticRegression<Double>"; `advice` says which type to decode instead.
  case incompatibleFile(expected: String, found: String, advice: String)
  /// A saved model in a format version newer than the newest this version of Descent reads.
  /// `model` names the type, such as "MultilayerPerceptron<Double>".
  case newerFormat(model: String, version: Int, newest: Int)
  /// A saved model whose values cannot make a model: a size that disagrees with another, a NaN
  /// or infinite value, a missing value, or a value that the model's initializer rejects.
  /// `model` names the type, such as "MultilayerPerceptron<Double>"; `problem` names the value.
  case corruptedFile(model: String, problem: String)

  /// What went wrong and what to change.
  public var description: String {
    switch self {
    case .sizeMismatch(let argument, let expected, let actual, let advice):
      let elements = actual == 1 ? "element" : "elements"
      return "`\(argument)` has \(actual) \(elements) but must have \(expected); \(advice)"
    case .empty(let argument):
      return "`\(argument)` is empty; it needs at least one value."
    case .nonFinite(let argument, let row, let column):
      let place = column.map { "row \(row), column \($0)" } ?? "element \(row)"
      return "`\(argument)` holds a NaN or infinite value at \(place) (counting from 0); "
        + "remove or replace that value."
    case .invalidLabel(let row, let label, let classCount):
      return "label \(label) at row \(row) is not a class; labels must be integers in "
        + "0..<\(classCount)."
    case .invalidArgument(let argument, let value, let requirement):
      return "`\(argument)` is \(value); it must be \(requirement)."
    case .notFitted(let advice):
      return "the model cannot predict yet: \(advice)"
    case .diverged(_, let message):
      return "training diverged, and the model was left as it was: \(message)"
    case .incompatibleFile(let expected, let found, let advice):
      return "this file holds \(found), not \(expected); \(advice)"
    case .newerFormat(let model, let version, let newest):
      return "this file holds a \(model) in format version \(version), but this version of "
        + "Descent reads format versions up to \(newest); update Descent to read it."
    case .corruptedFile(let model, let problem):
      return "the \(model) in this file cannot be restored: \(problem). The file was changed "
        + "after it was saved; encode the model again, or use an unchanged copy of the file."
    }
  }
}
