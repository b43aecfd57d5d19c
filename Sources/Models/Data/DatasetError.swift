/// A problem in a CSV file or text given to ``Dataset``, with a message that says where it is
/// and what to change.
///
/// Lines count from 1 and include the header line, so that the number matches what a text editor
/// shows; columns count from 1 and are also named by their header:
///
/// ```swift
/// do {
///   let iris = try Dataset<Double>(contentsOf: url, target: "species")
/// } catch let error as DatasetError {
///   print(error)
///   // line 7, column 3 (`petal_length`): "abc" is not a number; every cell of a selected
///   // column must be a finite number such as 5.1 or -2e-3.
/// }
/// ```
///
/// Mistakes in arguments that are not about the CSV text (a split fraction, a batch size) throw
/// ``ModelError`` instead.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
  /// The text has no header line, or a header but no rows of data.
  case emptyFile
  /// A requested feature or target column is not in the header. `available` lists the header's
  /// names in file order.
  case missingColumn(name: String, available: [String])
  /// A cell of a selected column is not a finite number: text such as `abc`, an empty cell, or
  /// `nan` and `inf`. `line` and `column` count from 1; `name` is the column's header.
  case nonNumeric(line: Int, column: Int, name: String, text: String)
  /// A line has another number of fields than the header has columns. `actual` is 0 for a blank
  /// line between rows.
  case raggedRow(line: Int, expected: Int, actual: Int)
  /// The header names two columns alike.
  case duplicateColumn(name: String)
  /// The file could not be read: it does not exist, is not readable, or is not UTF-8 text.
  case unreadableFile(path: String, reason: String)

  /// Where the problem is and what to change.
  public var description: String {
    switch self {
    case .emptyFile:
      return "the CSV has no data; it needs a header line naming the columns, followed by one "
        + "line of comma-separated numbers per row."
    case .missingColumn(let name, let available):
      let names = available.map { "`\($0)`" }.joined(separator: ", ")
      let similar = available.first { $0.lowercased() == name.lowercased() }
      let hint = similar.map { " Did you mean `\($0)`? Names are case-sensitive." } ?? ""
      return "no column is named `\(name)`; the header has \(names).\(hint)"
    case .nonNumeric(let line, let column, let name, let text):
      let place = "line \(line), column \(column) (`\(name)`)"
      if text.isEmpty {
        return "\(place): the cell is empty; fill in the missing value or remove the row."
      }
      guard let value = Double(text) else {
        return "\(place): \"\(text)\" is not a number; every cell of a selected column must be "
          + "a finite number such as 5.1 or -2e-3."
      }
      if value.isFinite {
        // Finite as a `Double` but not in the requested type, e.g. 1e39 as a `Float`.
        return "\(place): \"\(text)\" is too large for the floating-point type; load the data "
          + "as `Dataset<Double>`."
      }
      return "\(place): \"\(text)\" is not a finite number; replace or remove missing and "
        + "infinite values before loading."
    case .raggedRow(let line, let expected, let actual):
      if actual == 0 {
        return "line \(line) is blank; remove blank lines between rows (only blank lines at the "
          + "end are ignored)."
      }
      return "line \(line) has \(actual) fields but the header has \(expected) columns; give "
        + "every line one value per column, separated by commas."
    case .duplicateColumn(let name):
      return "the header names the column `\(name)` more than once; give every column a "
        + "distinct name."
    case .unreadableFile(let path, let reason):
      return "cannot read the file at `\(path)`: \(reason)."
    }
  }
}
