import Foundation

extension Dataset {
  /// Reads a dataset from comma-separated text whose first line names the columns.
  ///
  /// ```swift
  /// let text = """
  ///   sepal_length, sepal_width, petal_length, petal_width, species
  ///   5.1, 3.5, 1.4, 0.2, setosa
  ///   7.0, 3.2, 4.7, 1.4, versicolor
  ///   """
  /// let iris = try Dataset<Double>(csv: text, target: "species")
  /// iris.features     // [[5.1, 3.5, 1.4, 0.2], [7.0, 3.2, 4.7, 1.4]]
  /// iris.targets      // [0, 1]
  /// iris.classNames   // ["setosa", "versicolor"]
  /// let petals = try Dataset<Double>(csv: text, features: ["petal_width", "petal_length"])
  /// petals.features   // [[0.2, 1.4], [1.4, 4.7]]
  /// petals.targetName // nil
  ///
  /// let gaps = "x,y\n1,0\n,1\n3,1\n"
  /// let kept = try Dataset<Double>(csv: gaps, target: "y", missing: .dropRows)
  /// kept.features          // [[1], [3]]
  /// kept.droppedRowCount   // 1
  /// ```
  ///
  /// The format is RFC 4180's: commas between cells; LF or CRLF line ends; a cell may be
  /// enclosed in double quotes, and then holds commas, line breaks and `""` for a quote
  /// (`"Smith, John"`). Quoting never changes a value: `"2.0"` is the number 2, `"NA"` is
  /// missing. Spaces around a cell are ignored. Blank lines at the end are ignored, blank lines
  /// between rows are an error. Errors name the line on which the row starts, counting line
  /// breaks inside quotes, and the column. Columns that are not selected are not read, so they
  /// may hold text (an identifier, a comment).
  ///
  /// Every feature cell must be a finite number. The target column holds either numbers, kept
  /// as they are, or class names when its first value is not a number: the names are numbered
  /// 0, 1, 2, … in sorted order, the targets are those labels, and ``classNames`` gives the
  /// names back. Empty cells, `NA` and the other markers of ``MissingValues`` are missing
  /// values, handled as `missing` says.
  ///
  /// - Parameters:
  ///   - text: the CSV text, header first.
  ///   - features: the columns to use as features, in the order wanted; `nil` takes every
  ///     column except the target, in file order. It must not name the target.
  ///   - target: the column to predict; `nil` for data without targets.
  ///   - missing: what a missing value in a feature or the target does: ``MissingValues/reject``
  ///     (the default) throws, naming its line and column; ``MissingValues/dropRows`` leaves
  ///     its row out and counts it in ``droppedRowCount``.
  /// - Throws: ``DatasetError`` for a problem in the text, naming its line and column: no data
  ///   rows (a header alone is ``DatasetError/emptyFile``), a column that is not in the header,
  ///   a missing value, a feature cell that is not a finite number, a target column of both
  ///   numbers and names, a quote that is never closed or followed by text, a ragged or blank
  ///   line between rows, a duplicated header name.
  ///   ``ModelError/invalidArgument(argument:value:requirement:)`` when `features` is empty,
  ///   names a column twice, or names the target.
  /// - Complexity: O(n) for n bytes of text.
  public init(
    csv text: String, features: [String]? = nil, target: String? = nil,
    missing: MissingValues = .reject
  ) throws {
    let table = try CSV(text)
    let targetColumn = try target.map { try table.column(named: $0) }
    if let target, let features, features.contains(target) {
      throw ModelError.invalidArgument(
        argument: "features", value: "a list that includes the target `\(target)`",
        requirement: "the feature columns only, so remove `\(target)` from it")
    }
    let featureColumns =
      try features.map { try $0.map { try table.column(named: $0) } }
      ?? table.header.indices.filter { $0 != targetColumn }
    guard !featureColumns.isEmpty else {
      throw ModelError.invalidArgument(
        argument: "features",
        value: features == nil ? "nil, and the file has no column besides the target" : "[]",
        requirement: "a list of at least one feature column")
    }
    let featureNames = featureColumns.map { table.header[$0] }
    try Dataset.checkDistinct(featureNames, argument: "features")

    let columns: CSV.Columns<T> = try table.columns(
      features: featureColumns, target: targetColumn, missing: missing)
    self.init(
      unchecked: columns.features, targets: columns.targets, featureNames: featureNames,
      targetName: target, classNames: columns.classNames,
      droppedRowCount: columns.droppedRowCount)
  }

  /// Reads a dataset from a UTF-8 CSV file; see ``init(csv:features:target:missing:)`` for the
  /// format.
  ///
  /// ```swift
  /// let url = URL(fileURLWithPath: "Data/diabetes.csv")
  /// let diabetes = try Dataset<Double>(contentsOf: url, target: "target")
  /// diabetes.count          // 442
  /// diabetes.featureCount   // 10
  /// ```
  ///
  /// - Throws: ``DatasetError/unreadableFile(path:reason:)`` naming the path when the file is
  ///   missing, unreadable or not UTF-8, and otherwise the errors of
  ///   ``init(csv:features:target:missing:)``.
  public init(
    contentsOf url: URL, features: [String]? = nil, target: String? = nil,
    missing: MissingValues = .reject
  ) throws {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      var isDirectory: ObjCBool = false
      let reason =
        !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
        ? "there is no such file; check the path"
        : isDirectory.boolValue
          ? "it is a directory; pass the URL of a CSV file" : error.localizedDescription
      throw DatasetError.unreadableFile(path: url.path, reason: reason)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw DatasetError.unreadableFile(
        path: url.path, reason: "it is not UTF-8 text; save it as UTF-8 CSV")
    }
    try self.init(csv: text, features: features, target: target, missing: missing)
  }
}
