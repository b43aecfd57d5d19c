/// A problem in a CSV file or text given to ``Dataset``, with a message that says where it is
/// and what to change.
///
/// Lines count from 1 and include the header line, so that the number matches what a text editor
/// shows. A row is named by the line on which it starts (a quoted cell may hold line breaks, and
/// then its row spans several lines); columns count the cells of the row from 1 and are also
/// named by their header:
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
  /// A cell of a selected column is not a finite number: text such as `abc` in a column whose
  /// earlier cells are numbers, infinity, or a number too large for the floating-point type.
  /// `line` and `column` count from 1; `name` is the column's header; `text` is the cell's, without
  /// quotes.
  case nonNumeric(line: Int, column: Int, name: String, text: String)
  /// A cell of a feature or the target is missing (see ``MissingValues``) and the policy is
  /// ``MissingValues/reject``. `text` is the cell's, without quotes: empty, a marker such as
  /// `NA`, or a spelling of NaN.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "a,b\n1,2\nNA,4\n")
  /// // line 3, column 1 (`a`): "NA" marks a missing value; fill it in, or pass
  /// // `missing: .dropRows` to drop the rows that have one.
  /// ```
  case missingValue(line: Int, column: Int, name: String, text: String)
  /// The first cell of a feature column is text: the column holds names or categories, not
  /// numbers. Text after numbers in a column is a stray cell instead:
  /// ``nonNumeric(line:column:name:text:)``.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "x,name,y\n1,Smith,0\n", target: "y")
  /// // line 2, column 2 (`name`): "Smith" is text, but a feature must be a number; leave the
  /// // column out of `features`, make it the `target` if it holds class names, or encode it as
  /// // numbers (such as one 0/1 column per category).
  /// ```
  case textFeature(line: Int, column: Int, name: String, text: String)
  /// A cell of the target column is a number where the column's first target, `firstText` on
  /// `firstLine`, is a class name, or the other way round.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "x,species\n1,setosa\n2,3\n", target: "species")
  /// // line 3, column 2 (`species`): "3" is a number, but the first target, "setosa" on line 2,
  /// // is a class name; a target column holds either numbers or class names, so correct the
  /// // cell or write every class as a name.
  /// ```
  case mixedTarget(
    line: Int, column: Int, name: String, text: String, firstLine: Int, firstText: String)
  /// A quote opens a cell of the row that starts on `line` and is never closed. `name` is the
  /// column's header, or `nil` in the header itself and beyond its last column.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "a,b\n1,2\n3,\"4\n5,6\n")
  /// // line 3, column 2 (`b`): the quote that opens the cell is never closed; end the cell with
  /// // a quote, and write each quote inside it twice ("").
  /// ```
  case unclosedQuote(line: Int, column: Int, name: String?)
  /// Text follows the closing quote of a quoted cell before the next comma, as in
  /// `"say "hi""`, where the inner quotes should be doubled. `name` is as in
  /// ``unclosedQuote(line:column:name:)``.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "id,quote,x\n1,\"say \"hi\"\",2\n", features: ["x"])
  /// // line 2, column 2 (`quote`): text follows the closing quote of the cell; inside quotes,
  /// // write each quote twice, as in "say ""hi""".
  /// ```
  case textAfterQuote(line: Int, column: Int, name: String?)
  /// ``MissingValues/dropRows`` dropped every one of the `count` rows.
  ///
  /// ```swift
  /// try Dataset<Double>(csv: "x,y\nNA,1\n2,\n", target: "y", missing: .dropRows)
  /// // all 2 rows have a missing value in a feature or the target, so `missing: .dropRows` left
  /// // no data; fill in the missing values, or leave the columns that hold them out of
  /// // `features`.
  /// ```
  case everyRowDropped(count: Int)
  /// A row has another number of cells than the header has columns; `line` is the line on which
  /// it starts. `actual` is 0 for a blank line between rows.
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
      let place = DatasetError.place(line: line, column: column, name: name)
      guard let value = Double(text) else {
        return "\(place): \"\(text)\" is not a number; every cell of a selected column must be "
          + "a finite number such as 5.1 or -2e-3."
      }
      if value.isFinite {
        // Finite as a `Double` but not in the requested type, e.g. 1e39 as a `Float`.
        return "\(place): \"\(text)\" is too large for the floating-point type; load the data "
          + "as `Dataset<Double>`."
      }
      return "\(place): \"\(text)\" is not a finite number; replace or remove infinite values "
        + "before loading."
    case .missingValue(let line, let column, let name, let text):
      let place = DatasetError.place(line: line, column: column, name: name)
      let cell = text.isEmpty ? "the cell is empty" : "\"\(text)\" marks a missing value"
      return "\(place): \(cell); fill it in, or pass `missing: .dropRows` to drop the rows that "
        + "have one."
    case .textFeature(let line, let column, let name, let text):
      let place = DatasetError.place(line: line, column: column, name: name)
      return "\(place): \"\(text)\" is text, but a feature must be a number; leave the column out "
        + "of `features`, make it the `target` if it holds class names, or encode it as numbers "
        + "(such as one 0/1 column per category)."
    case .mixedTarget(let line, let column, let name, let text, let firstLine, let firstText):
      let place = DatasetError.place(line: line, column: column, name: name)
      let conflict =
        Double(text) != nil
        ? "\"\(text)\" is a number, but the first target, \"\(firstText)\" on line "
          + "\(firstLine), is a class name"
        : "\"\(text)\" is not a number, but the first target, \"\(firstText)\" on line "
          + "\(firstLine), is"
      return "\(place): \(conflict); a target column holds either numbers or class names, so "
        + "correct the cell or write every class as a name."
    case .unclosedQuote(let line, let column, let name):
      return "\(DatasetError.place(line: line, column: column, name: name)): the quote that opens "
        + "the cell is never closed; end the cell with a quote, and write each quote inside it "
        + "twice (\"\")."
    case .textAfterQuote(let line, let column, let name):
      return "\(DatasetError.place(line: line, column: column, name: name)): text follows the "
        + "closing quote of the cell; inside quotes, write each quote twice, as in "
        + "\"say \"\"hi\"\"\"."
    case .everyRowDropped(let count):
      let rows = count == 1 ? "the only row has" : "all \(count) rows have"
      return "\(rows) a missing value in a feature or the target, so `missing: .dropRows` left no "
        + "data; fill in the missing values, or leave the columns that hold them out of `features`."
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
  /// "line 3, column 2 (`name`)", or without the name when there is none.
  private static func place(line: Int, column: Int, name: String?) -> String {
    "line \(line), column \(column)" + (name.map { " (`\($0)`)" } ?? "")
  }
}
