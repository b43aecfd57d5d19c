/// Comma-separated text split into its header and its data lines, from which ``Dataset`` takes
/// the columns it needs.
///
/// ```swift
/// let table = try CSV("x, y\n1, 2\n3, 4\n")
/// table.header                                       // ["x", "y"]
/// let rows: [[Double]] = try table.rows(columns: [1, 0])   // [[2, 1], [4, 3]]
/// ```
///
/// The rules, in the order a file is read:
///
/// - A UTF-8 byte-order mark and blank lines before the header are skipped. The first other line
///   is the header; its names are trimmed of spaces and tabs and may be double-quoted (`"a,b"`
///   is one name, `""` inside quotes is a quote). Two equal names throw
///   ``DatasetError/duplicateColumn(name:)``.
/// - Lines end in LF or CRLF. Every data line has one field per column, separated by commas;
///   other counts throw ``DatasetError/raggedRow(line:expected:actual:)``. Blank lines at the end
///   are ignored; a blank line between rows is a ragged row with 0 fields.
/// - Only the requested columns are parsed, so the others may hold text. A cell is trimmed of
///   spaces and tabs and read by `Double`'s parser; text it rejects, and NaN, infinity or a value
///   too large for `T`, throw ``DatasetError/nonNumeric(line:column:name:text:)``.
/// - A text without a header, or with a header but no data line, throws
///   ``DatasetError/emptyFile``.
///
/// The text is scanned once, as UTF-8 bytes, so reading takes time linear in its length.
/// Quoting is read in the header only: a data cell is a plain number.
struct CSV {
  /// The column names, in file order.
  let header: [String]
  /// The UTF-8 bytes of the whole text.
  private let bytes: [UInt8]
  /// Where the line after the header starts in `bytes`.
  private let bodyStart: Int
  /// The number of the header line, counting from 1.
  private let headerLine: Int

  /// Reads the header of `text`.
  ///
  /// - Throws: ``DatasetError/emptyFile`` when `text` has no non-blank line, and
  ///   ``DatasetError/duplicateColumn(name:)`` when the header names a column twice.
  init(_ text: String) throws {
    let bytes = Array(text.utf8)
    var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var line = 1
    while start < bytes.count {
      let end = CSV.lineEnd(in: bytes, from: start)
      if !CSV.trimmed(start..<end, in: bytes).isEmpty {
        let header = CSV.headerNames(in: bytes, start..<end)
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
          throw DatasetError.duplicateColumn(name: name)
        }
        self.header = header
        self.bytes = bytes
        self.bodyStart = end + 1
        self.headerLine = line
        return
      }
      start = end + 1
      line += 1
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

  /// The values of the given columns, one array per data line, in the order of `columns`.
  ///
  /// - Parameter columns: indices into ``header``; they may repeat.
  /// - Throws: ``DatasetError`` when a line is ragged or blank between rows, a selected cell is
  ///   not a finite number, or there is no data line.
  func rows<T: BinaryFloatingPoint>(columns: [Int]) throws -> [[T]] {
    var rows: [[T]] = []
    var fields: [Range<Int>] = []
    fields.reserveCapacity(header.count)
    var start = bodyStart
    var line = headerLine
    var blankLine: Int?  // the first of the blank lines since the last row
    while start < bytes.count {
      let end = CSV.lineEnd(in: bytes, from: start)
      defer { start = end + 1 }
      line += 1
      if CSV.trimmed(start..<end, in: bytes).isEmpty {
        blankLine = blankLine ?? line
        continue
      }
      if let blankLine {
        throw DatasetError.raggedRow(line: blankLine, expected: header.count, actual: 0)
      }

      fields.removeAll(keepingCapacity: true)
      var fieldStart = start
      for i in start..<end where bytes[i] == UInt8(ascii: ",") {
        fields.append(fieldStart..<i)
        fieldStart = i + 1
      }
      fields.append(fieldStart..<end)
      guard fields.count == header.count else {
        throw DatasetError.raggedRow(line: line, expected: header.count, actual: fields.count)
      }

      var row: [T] = []
      row.reserveCapacity(columns.count)
      for column in columns {
        let cell = CSV.trimmed(fields[column], in: bytes)
        let text = String(decoding: bytes[cell], as: UTF8.self)
        // `T(Double(text))`: a `Float` is parsed as a `Double`, then rounded once.
        guard let double = Double(text), double.isFinite, case let value = T(double),
          value.isFinite
        else {
          throw DatasetError.nonNumeric(
            line: line, column: column + 1, name: header[column], text: text)
        }
        row.append(value)
      }
      rows.append(row)
    }
    guard !rows.isEmpty else { throw DatasetError.emptyFile }
    return rows
  }

  // MARK: - Scanning

  /// The index of the line feed that ends the line starting at `start`, or the end of the text.
  private static func lineEnd(in bytes: [UInt8], from start: Int) -> Int {
    bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
  }

  /// `range` without the spaces, tabs and carriage returns at either end.
  private static func trimmed(_ range: Range<Int>, in bytes: [UInt8]) -> Range<Int> {
    func isSpace(_ byte: UInt8) -> Bool {
      byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// The names of the header line `range`: split at commas outside double quotes, trimmed, and
  /// unquoted.
  private static func headerNames(in bytes: [UInt8], _ range: Range<Int>) -> [String] {
    let quote = UInt8(ascii: "\"")
    var names: [String] = []
    var fieldStart = range.lowerBound
    var isQuoted = false
    for i in range {
      if bytes[i] == quote {
        isQuoted.toggle()  // `""` inside quotes toggles twice, so stays quoted
      } else if bytes[i] == UInt8(ascii: ","), !isQuoted {
        names.append(unquoted(trimmed(fieldStart..<i, in: bytes), in: bytes))
        fieldStart = i + 1
      }
    }
    names.append(unquoted(trimmed(fieldStart..<range.upperBound, in: bytes), in: bytes))
    return names
  }

  /// The text of `range`; when it is enclosed in double quotes, without them and with each `""`
  /// read as one `"`.
  private static func unquoted(_ range: Range<Int>, in bytes: [UInt8]) -> String {
    let quote = UInt8(ascii: "\"")
    guard range.count >= 2, bytes[range.lowerBound] == quote, bytes[range.upperBound - 1] == quote
    else { return String(decoding: bytes[range], as: UTF8.self) }
    var name: [UInt8] = []
    var i = range.lowerBound + 1
    while i < range.upperBound - 1 {
      name.append(bytes[i])
      i += bytes[i] == quote && bytes[i + 1] == quote ? 2 : 1
    }
    return String(decoding: name, as: UTF8.self)
  }
}
