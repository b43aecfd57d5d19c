/// Comma-separated text split into its header and its rows of cells, as RFC 4180 describes it,
/// from which ``Dataset`` takes the columns it needs.
///
/// ```swift
/// let table = try CSV("name, x\n\"Smith, John\", \"2.0\"\n")
/// table.header   // ["name", "x"]
/// try table.forEachRow { row in
///   row.line            // 2
///   row.text(at: 0)     // "Smith, John"
///   row.value(at: 1)    // .number(2.0)
/// }
/// ```
///
/// The rules, in the order a file is read:
///
/// - A UTF-8 byte-order mark and blank lines before the header are skipped. The first other
///   record is the header. Two equal names throw ``DatasetError/duplicateColumn(name:)``.
/// - Records are separated by LF or CRLF and their cells by commas. A cell may be enclosed in
///   double quotes; then it may hold commas and line breaks, and `""` stands for one `"`. Spaces
///   and tabs around a cell, quoted or not, are ignored; inside quotes they belong to the text
///   of a name, but not to a number or a missing-value marker. A quote that is never closed throws
///   ``DatasetError/unclosedQuote(line:column:name:)``; text between a closing quote and the next
///   comma throws ``DatasetError/textAfterQuote(line:column:name:)``. A quote inside an unquoted
///   cell (`5" screen`) is an ordinary character.
/// - Every data row has one cell per column; other counts throw
///   ``DatasetError/raggedRow(line:expected:actual:)``. Blank lines at the end are ignored; a
///   blank line between rows is a ragged row with 0 cells. (In a one-column file, write an empty
///   cell as `""`.)
/// - A row is named by the line on which it starts, counting from 1 with the header's line. Line
///   breaks inside quoted cells are counted, so the numbers match a text editor's, and a column
///   is the position of a cell in its row, counting from 1.
///
/// The text is scanned once, as UTF-8 bytes, and a row's cells are only located, not copied:
/// reading takes time linear in the length of the text, and only the cells asked for become
/// strings.
struct CSV {
  /// Where a cell's text is in the bytes, and how it was written.
  struct Cell {
    /// The text between the quotes of a quoted cell, or the text of an unquoted cell without
    /// the spaces and tabs around it.
    var range: Range<Int>
    /// Whether the cell was enclosed in double quotes.
    var isQuoted: Bool
    /// Whether the quoted text holds `""`, which stands for one `"`.
    var hasDoubledQuote: Bool
  }

  /// What a cell holds, read as a number where it can be.
  enum Value {
    /// Empty, one of ``MissingValues/markers``, or NaN.
    case missing
    /// A number read by `Double`'s parser; it may be infinite, never NaN.
    case number(Double)
    /// Any other text.
    case text

    var isMissing: Bool { if case .missing = self { true } else { false } }
  }

  /// One data row during ``forEachRow(_:)``: the line it starts on and its cells, one per
  /// column of the header.
  struct Row {
    /// The line on which the row starts, counting from 1 with the header's line.
    let line: Int
    fileprivate let bytes: [UInt8]
    fileprivate let cells: [Cell]

    /// The text of the cell in `column`: without its quotes and with `""` read as `"`, or,
    /// unquoted, without the spaces and tabs around it.
    func text(at column: Int) -> String { CSV.text(of: cells[column], in: bytes) }

    /// ``text(at:)`` without the spaces and tabs around it, as numbers and missing values are
    /// read.
    func trimmedText(at column: Int) -> String {
      var cell = cells[column]
      cell.range = CSV.trimmed(cell.range, in: bytes)
      return CSV.text(of: cell, in: bytes)
    }

    /// The cell in `column` read as missing, a number or text.
    func value(at column: Int) -> Value {
      let cell = cells[column]
      let range = CSV.trimmed(cell.range, in: bytes)
      if CSV.isMissingMarker(range, in: bytes) { return .missing }
      // A number has no quotes in it.
      guard !cell.hasDoubledQuote,
        let number = Double(String(decoding: bytes[range], as: UTF8.self))
      else { return .text }
      return number.isNaN ? .missing : .number(number)
    }
  }

  /// The column names, in file order.
  let header: [String]
  /// The UTF-8 bytes of the whole text.
  private let bytes: [UInt8]
  /// Where the first record after the header starts in `bytes`, and its line.
  private let bodyStart: (position: Int, line: Int)

  /// Reads the header of `text`.
  ///
  /// - Throws: ``DatasetError/emptyFile`` when `text` has no non-blank line,
  ///   ``DatasetError/duplicateColumn(name:)`` when the header names a column twice, and the
  ///   quoting errors of the header.
  init(_ text: String) throws {
    let bytes = Array(text.utf8)
    var scanner = Scanner(bytes: bytes)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.position = 3 }
    var cells: [Cell] = []
    while try scanner.nextRecord(into: &cells, header: nil) != nil {
      if CSV.isBlank(cells) { continue }
      let header = cells.map { CSV.text(of: $0, in: bytes) }
      var seen = Set<String>()
      for name in header where !seen.insert(name).inserted {
        throw DatasetError.duplicateColumn(name: name)
      }
      self.header = header
      self.bytes = bytes
      self.bodyStart = (scanner.position, scanner.line)
      return
    }
    throw DatasetError.emptyFile
  }

  /// The index of the column called `name`.
  ///
  /// - Throws: ``DatasetError/missingColumn(name:available:)``.
  func column(named name: String) throws -> Int {
    guard let index = header.firstIndex(of: name) else {
      throw DatasetError.missingColumn(name: name, available: header)
    }
    return index
  }

  /// Calls `body` with each data row, in file order.
  ///
  /// - Throws: ``DatasetError`` when a row is ragged or a blank line lies between rows, for a
  ///   quoting error, and whatever `body` throws.
  func forEachRow(_ body: (Row) throws -> Void) throws {
    var scanner = Scanner(bytes: bytes)
    (scanner.position, scanner.line) = bodyStart
    var cells: [Cell] = []
    cells.reserveCapacity(header.count)
    var blankLine: Int?  // the first of the blank lines since the last row
    while let line = try scanner.nextRecord(into: &cells, header: header) {
      if CSV.isBlank(cells) {
        blankLine = blankLine ?? line
        continue
      }
      if let blankLine {
        throw DatasetError.raggedRow(line: blankLine, expected: header.count, actual: 0)
      }
      guard cells.count == header.count else {
        throw DatasetError.raggedRow(line: line, expected: header.count, actual: cells.count)
      }
      try body(Row(line: line, bytes: bytes, cells: cells))
    }
  }

  // MARK: - Cells

  /// Whether a record is a blank line: one unquoted cell of nothing but spaces and tabs.
  private static func isBlank(_ cells: [Cell]) -> Bool {
    cells.count == 1 && !cells[0].isQuoted && cells[0].range.isEmpty
  }

  /// The text of `cell`, with `""` read as `"`.
  fileprivate static func text(of cell: Cell, in bytes: [UInt8]) -> String {
    guard cell.hasDoubledQuote else { return String(decoding: bytes[cell.range], as: UTF8.self) }
    var text: [UInt8] = []
    text.reserveCapacity(cell.range.count)
    var i = cell.range.lowerBound
    while i < cell.range.upperBound {
      text.append(bytes[i])
      i += bytes[i] == Scanner.quote ? 2 : 1  // inside quotes, a quote is always doubled
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The UTF-8 bytes of each of ``MissingValues/markers``.
  private static let markerBytes = MissingValues.markers.map { Array($0.utf8) }
  /// The length of the longest marker.
  private static let markerLength = markerBytes.map(\.count).max() ?? 0

  /// Whether the bytes of `range` spell one of ``MissingValues/markers``.
  fileprivate static func isMissingMarker(_ range: Range<Int>, in bytes: [UInt8]) -> Bool {
    guard range.count <= markerLength else { return false }
    return markerBytes.contains { $0.elementsEqual(bytes[range]) }
  }

  /// `range` without the spaces, tabs and carriage returns at either end.
  fileprivate static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, Scanner.isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, Scanner.isSpace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }
}

// MARK: - Scanning

extension CSV {
  /// Reads records one after another, counting lines.
  private struct Scanner {
    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lineFeed = UInt8(ascii: "\n")

    /// Spaces, tabs and carriage returns: ignored around a cell, so that CRLF ends a line.
    static func isSpace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    let bytes: [UInt8]
    /// Where the next record starts.
    var position = 0
    /// The line of `position`, counting from 1.
    var line = 1

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// Reads the record at `position` into `cells`, and moves past its line feed.
    ///
    /// - Parameter header: the column names, to name a column in an error; `nil` while the
    ///   header itself is read.
    /// - Returns: the line on which the record starts, or `nil` at the end of the text.
    /// - Throws: ``DatasetError/unclosedQuote(line:column:name:)`` and
    ///   ``DatasetError/textAfterQuote(line:column:name:)``, naming the line on which the
    ///   record starts.
    mutating func nextRecord(into cells: inout [Cell], header: [String]?) throws -> Int? {
      guard position < bytes.count else { return nil }
      let recordLine = line
      cells.removeAll(keepingCapacity: true)
      var i = position
      let end = bytes.count
      while true {
        while i < end, Scanner.isSpace(bytes[i]) { i += 1 }
        if i < end, bytes[i] == Scanner.quote {
          // A quoted cell: up to the next quote that is not doubled.
          let start = i + 1
          var hasDoubledQuote = false
          i = start
          while true {
            guard i < end else {
              throw DatasetError.unclosedQuote(
                line: recordLine, column: cells.count + 1, name: header?[safe: cells.count])
            }
            let byte = bytes[i]
            if byte == Scanner.quote {
              guard i + 1 < end, bytes[i + 1] == Scanner.quote else { break }
              hasDoubledQuote = true
              i += 2
            } else {
              if byte == Scanner.lineFeed { line += 1 }
              i += 1
            }
          }
          cells.append(Cell(range: start..<i, isQuoted: true, hasDoubledQuote: hasDoubledQuote))
          i += 1
          while i < end, Scanner.isSpace(bytes[i]) { i += 1 }
          guard i == end || bytes[i] == Scanner.comma || bytes[i] == Scanner.lineFeed else {
            throw DatasetError.textAfterQuote(
              line: recordLine, column: cells.count, name: header?[safe: cells.count - 1])
          }
        } else {
          let start = i
          while i < end, bytes[i] != Scanner.comma, bytes[i] != Scanner.lineFeed { i += 1 }
          cells.append(
            Cell(
              range: CSV.trimmed(start..<i, in: bytes), isQuoted: false, hasDoubledQuote: false))
        }
        // Here `i` is at a comma, a line feed or the end.
        if i < end, bytes[i] == Scanner.comma {
          i += 1
          continue
        }
        if i < end {  // a line feed
          line += 1
          i += 1
        }
        position = i
        return recordLine
      }
    }
  }
}

extension Array {
  /// The element at `index`, or `nil` when `index` is out of range.
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
