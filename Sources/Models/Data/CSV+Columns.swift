extension CSV {
  /// The feature and target columns of a CSV read as a ``Dataset`` holds them.
  struct Columns<T: BinaryFloatingPoint> {
    /// One array of feature values per kept row.
    var features: [[T]] = []
    /// One target per kept row, or empty without a target column; class labels when
    /// ``classNames`` is set.
    var targets: [T] = []
    /// The sorted class names of a target column of text.
    var classNames: [String]?
    /// The rows left out for a missing value.
    var droppedRowCount = 0
  }

  /// The first target of the column, which decides whether it holds numbers or class names.
  private struct FirstTarget {
    var line: Int
    var text: String
    var isNumber: Bool
  }

  /// Reads the given columns of every row: the features as numbers, the target as numbers or,
  /// when its first value is text, as class names mapped to labels 0, 1, 2, … in sorted order.
  ///
  /// A missing value (see ``MissingValues``) throws or drops its row according to `missing`;
  /// within a row, the columns are read in the order of `features`, then the target.
  ///
  /// - Throws: ``DatasetError`` naming the line and column of the first cell that is missing
  ///   (when rejected), not a finite number in a feature column, of the other kind than the
  ///   first target, or too large for `T`; ``DatasetError/emptyFile`` when there are no rows and
  ///   ``DatasetError/everyRowDropped(count:)`` when every row was dropped.
  func columns<T>(features: [Int], target: Int?, missing: MissingValues) throws -> Columns<T> {
    var columns = Columns<T>()
    let used = features + (target.map { [$0] } ?? [])
    var values: [Value] = []
    values.reserveCapacity(used.count)
    // Whether a feature column has held a number, so that text in it is a stray cell rather
    // than a column of text.
    var featureHasNumber = [Bool](repeating: false, count: features.count)
    var firstTarget: FirstTarget?
    // Class names in order of first appearance, and each row's index into them.
    var classIndex: [String: Int] = [:]
    var names: [String] = []
    var nameIndices: [Int] = []

    try forEachRow { row in
      values.removeAll(keepingCapacity: true)
      for column in used { values.append(row.value(at: column)) }
      if missing == .dropRows, values.contains(where: \.isMissing) {
        columns.droppedRowCount += 1
        return
      }

      // The errors for the cell of `column` in this row.
      func missingValue(_ column: Int) -> DatasetError {
        .missingValue(
          line: row.line, column: column + 1, name: header[column],
          text: row.trimmedText(at: column))
      }
      func nonNumeric(_ column: Int) -> DatasetError {
        .nonNumeric(
          line: row.line, column: column + 1, name: header[column],
          text: row.trimmedText(at: column))
      }

      var featureRow: [T] = []
      featureRow.reserveCapacity(features.count)
      for (k, column) in features.enumerated() {
        switch values[k] {
        case .missing:
          throw missingValue(column)
        case .text where featureHasNumber[k]:
          throw nonNumeric(column)
        case .text:
          throw DatasetError.textFeature(
            line: row.line, column: column + 1, name: header[column],
            text: row.trimmedText(at: column))
        case .number(let number):
          // `T(number)`: a `Float` is parsed as a `Double`, then rounded once.
          guard number.isFinite, case let value = T(number), value.isFinite else {
            throw nonNumeric(column)
          }
          featureHasNumber[k] = true
          featureRow.append(value)
        }
      }
      columns.features.append(featureRow)

      guard let target else { return }
      let value = values[features.count]
      if value.isMissing { throw missingValue(target) }
      let isNumber = if case .number = value { true } else { false }
      let first =
        firstTarget
        ?? FirstTarget(line: row.line, text: row.trimmedText(at: target), isNumber: isNumber)
      firstTarget = first
      guard isNumber == first.isNumber else {
        throw DatasetError.mixedTarget(
          line: row.line, column: target + 1, name: header[target],
          text: row.trimmedText(at: target), firstLine: first.line, firstText: first.text)
      }
      if case .number(let number) = value {
        guard number.isFinite, case let targetValue = T(number), targetValue.isFinite else {
          throw nonNumeric(target)
        }
        columns.targets.append(targetValue)
      } else {
        let name = row.text(at: target)
        if let index = classIndex[name] {
          nameIndices.append(index)
        } else {
          classIndex[name] = names.count
          nameIndices.append(names.count)
          names.append(name)
        }
      }
    }

    guard !columns.features.isEmpty else {
      if columns.droppedRowCount > 0 {
        throw DatasetError.everyRowDropped(count: columns.droppedRowCount)
      }
      throw DatasetError.emptyFile
    }
    if !names.isEmpty {
      // Labels in sorted order of the names, so that they do not depend on the order of rows.
      let order = names.indices.sorted { names[$0] < names[$1] }
      var label = [Int](repeating: 0, count: names.count)
      for (rank, index) in order.enumerated() { label[index] = rank }
      columns.targets = nameIndices.map { T(label[$0]) }
      columns.classNames = order.map { names[$0] }
    }
    return columns
  }
}
