/// What reading a CSV does with a missing value in a column it uses: a feature or the target.
///
/// A cell is missing when its text, without quotes and without the spaces around it, is empty,
/// is one of the ``markers`` (`NA`, `N/A`, `n/a`, `#N/A`, `null`, `NULL` or `?`, matched
/// exactly), or is a spelling of NaN that `Double` reads (`nan`, `NaN`, `NAN`, `-nan`, …).
/// Columns that are not used are never checked.
///
/// ```swift
/// let text = """
///   x,y
///   1,0
///   NA,1
///   3,
///   4,1
///   """
/// try Dataset<Double>(csv: text, target: "y")
/// // throws: line 3, column 1 (`x`): "NA" marks a missing value; fill it in, or pass
/// // `missing: .dropRows` to drop the rows that have one.
/// let data = try Dataset<Double>(csv: text, target: "y", missing: .dropRows)
/// data.features          // [[1], [4]]
/// data.targets           // [0, 1]
/// data.droppedRowCount   // 2
/// ```
///
/// A cell of infinity (`inf`, `1e400`) is not missing but an error in either policy: it is a
/// value, and no model can use it.
public enum MissingValues: Sendable, Hashable, CaseIterable {
  /// A missing value throws ``DatasetError/missingValue(line:column:name:text:)``, naming its
  /// line and column. The default: no row disappears unless asked.
  case reject
  /// A row with a missing value in a feature or the target is left out, and counted in
  /// ``Dataset/droppedRowCount``. Missing values in columns that are not used keep the row.
  case dropRows

  /// The texts that mark a missing value besides NaN, matched exactly after quotes and the
  /// spaces around the cell are removed: the empty cell, R's and pandas' `NA`, `N/A` and `n/a`,
  /// Excel's `#N/A`, the `null` of SQL and JSON exports, and the `?` of the UCI repository.
  ///
  /// ```swift
  /// MissingValues.markers   // ["", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "?"]
  /// ```
  ///
  /// `None` is not a marker, because it is also a common class name ("None", "Mild", "Severe").
  public static let markers: [String] = ["", "NA", "N/A", "n/a", "#N/A", "null", "NULL", "?"]
}
