/// Input checks, written once for every model. Each throws a ``ModelError`` naming the argument
/// and, for data, the row and column.
@usableFromInline
enum Validate {
  /// Not empty, and every element finite.
  @usableFromInline
  static func vector<T: BinaryFloatingPoint>(_ values: [T], argument: String) throws {
    guard !values.isEmpty else { throw ModelError.empty(argument: argument) }
    for (i, value) in values.enumerated() where !value.isFinite {
      throw ModelError.nonFinite(argument: argument, row: i, column: nil)
    }
  }

  /// Not empty, rectangular, with at least one column, every element finite. Returns the number of
  /// columns.
  @usableFromInline
  static func matrix<T: BinaryFloatingPoint>(_ rows: [[T]], argument: String) throws -> Int {
    guard let first = rows.first else { throw ModelError.empty(argument: argument) }
    let width = first.count
    guard width > 0 else {
      throw ModelError.invalidArgument(
        argument: "\(argument)[0]", value: "a row with no features",
        requirement: "a row with at least one feature")
    }
    for (i, row) in rows.enumerated() {
      guard row.count == width else {
        throw ModelError.sizeMismatch(
          argument: "\(argument)[\(i)]", expected: width, actual: row.count,
          advice: "every row must have as many features as the first.")
      }
      for (j, value) in row.enumerated() where !value.isFinite {
        throw ModelError.nonFinite(argument: argument, row: i, column: j)
      }
    }
    return width
  }

  /// One target (or label) per row.
  @usableFromInline
  static func sameCount(rows: Int, _ count: Int, argument: String) throws {
    guard count == rows else {
      throw ModelError.sizeMismatch(
        argument: argument, expected: rows, actual: count,
        advice: "pass one value per row of `x`.")
    }
  }

  /// Every label in `0..<classCount`.
  @usableFromInline
  static func labels(_ labels: [Int], classCount: Int) throws {
    for (i, label) in labels.enumerated() where !(0..<classCount).contains(label) {
      throw ModelError.invalidLabel(row: i, label: label, classCount: classCount)
    }
  }

  /// A row given to `predict` has the fitted number of features.
  @usableFromInline
  static func features(_ count: Int, expected: Int?, model: String) throws {
    guard let expected else {
      throw ModelError.notFitted(advice: "call `fit` on the \(model) first.")
    }
    guard count == expected else {
      throw ModelError.sizeMismatch(
        argument: "row", expected: expected, actual: count,
        advice: "the \(model) was fitted with \(expected) features per row.")
    }
  }
}
