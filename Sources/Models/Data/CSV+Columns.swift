extension CSV {
  /// The feature and target columns of a CSV read as a ``Dataset`` holds them.
  struct Columns<T: BinaryFloatingPoint> {
    /// One array of feature values per kept row.
    var features: [[T]] = []
    /// One target per kept row, or empty without a target column.
    var targets: [T] = []
    /// The rows left out for a missing value.
    var droppedRowCount = 0
  }

  /// Reads the given columns of every row as numbers.
  ///
  /// A missing value (see ``MissingValues``) throws or drops its row according to `missing`;
  /// within a row, the columns are read in the order of `features`, then the target.
  ///
  /// - Throws: ``DatasetError`` naming the line and column of the first cell that is missing
  ///   (when rejected), not a finite number, or too large for `T`; ``DatasetError/emptyFile`` when there are no rows and
  ///   ``DatasetError/everyRowDropped(count:)`` when every row was dropped.
  func columns<T>(features: [Int], target: Int?, missing: MissingValues) throws -> Columns<T> {
    var columns = Columns<T>()
    let used = features + (target.map { [$0] } ?? [])
    var values: [Value] = []
    values.reserveCapacity(used.count)

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
        case .text:
          throw nonNumeric(column)
        case .number(let number):
          // `T(number)`: a `Float` is parsed as a `Double`, then rounded once.
          guard number.isFinite, case let value = T(number), value.isFinite else {
            throw nonNumeric(column)
          }
          featureRow.append(value)
        }
      }
      columns.features.append(featureRow)

      guard let target else { return }
      let value = values[features.count]
      if value.isMissing { throw missingValue(target) }
      guard case .number(let number) = value, number.isFinite, case let targetValue = T(number),
        targetValue.isFinite
      else { throw nonNumeric(target) }
      columns.targets.append(targetValue)
    }

    guard !columns.features.isEmpty else {
      if columns.droppedRowCount > 0 {
        throw DatasetError.everyRowDropped(count: columns.droppedRowCount)
      }
      throw DatasetError.emptyFile
    }
    return columns
  }
}
