import Foundation
import Testing

@testable import Models

/// RFC 4180 quoting, line ends and line numbers, through ``CSV`` and
/// ``Dataset/init(csv:features:target:missing:)``.
@Suite struct CSVTests {
  /// The cells of every data row of `text`, as ``CSV/Row/text(at:)`` reads them, with the line
  /// each row starts on.
  static func rows(_ text: String) throws -> [(line: Int, cells: [String])] {
    let table = try CSV(text)
    var rows: [(line: Int, cells: [String])] = []
    try table.forEachRow { row in
      rows.append((row.line, table.header.indices.map { row.text(at: $0) }))
    }
    return rows
  }

  /// The iris file with every cell quoted and CRLF line ends.
  static func quotedIris() throws -> String {
    let text = try String(contentsOf: Fixtures.url("iris"), encoding: .utf8)
    return
      text
      .split(separator: "\n")
      .map { $0.split(separator: ",").map { "\"\($0)\"" }.joined(separator: ",") }
      .joined(separator: "\r\n") + "\r\n"
  }

  // MARK: - Quoted cells

  @Test func quotedCellsHoldCommasQuotesAndLineBreaks() throws {
    let text =
      "name,comment,x\n"
      + "\"Smith, John\",\"say \"\"hi\"\"\",1\n"
      + "Doe,\"two\nlines\",2\n"
      + "\"\",\"\"\"\",3\n"
    let rows = try Self.rows(text)
    #expect(rows.map(\.line) == [2, 3, 5])
    #expect(rows[0].cells == ["Smith, John", "say \"hi\"", "1"])
    #expect(rows[1].cells == ["Doe", "two\nlines", "2"])
    #expect(rows[2].cells == ["", "\"", "3"])
  }

  @Test func quotedNumbersAreNumbers() throws {
    let text = "x,y,z\n\"2.0\",\" -1e-3 \",\"7\"\n \"4\" ,5,\"6\"\t\n"
    let data = try Dataset<Double>(csv: text, target: "z")
    #expect(data.features == [[2, -0.001], [4, 5]])
    #expect(data.targets == [7, 6])
    #expect(data.classNames == nil)
  }

  /// Quoting never changes a value: iris with every cell quoted and CRLF line ends is iris.
  @Test func quotingEveryCellChangesNothing() throws {
    let quoted = try Dataset<Double>(csv: Self.quotedIris(), target: "species")
    #expect(quoted == (try Fixtures.iris()))
  }

  @Test func quotedHeaderNamesMayHoldCommasAndLineBreaks() throws {
    let text = "\u{FEFF}\"a, b\",\"two\nlines\", \"say \"\"y\"\"\" \n1,2,3\n"
    let data = try Dataset<Double>(csv: text, target: "say \"y\"")
    #expect(data.featureNames == ["a, b", "two\nlines"])
    #expect(data.features == [[1, 2]])
    #expect(data.targets == [3])
  }

  @Test func crlfInsideQuotesIsKept() throws {
    let text = "name,y\r\n\"a\r\nb\",1\r\n\"c\",2\r\n"
    let rows = try Self.rows(text)
    #expect(rows.map(\.line) == [2, 4])
    #expect(rows.map(\.cells) == [["a\r\nb", "1"], ["c", "2"]])
    let data = try Dataset<Double>(csv: text, features: ["y"], target: "name")
    #expect(data.classNames == ["a\r\nb", "c"])
  }

  @Test func aQuoteInsideAnUnquotedCellIsText() throws {
    let rows = try Self.rows("size,x\n5\" screen,1\na\"b\"c,2\n")
    #expect(rows.map(\.cells) == [["5\" screen", "1"], ["a\"b\"c", "2"]])
  }

  @Test func emptyCellsAndTrailingCommas() throws {
    let rows = try Self.rows("a,b,c\n,,\n1, ,\"\"\n")
    #expect(rows.map(\.cells) == [["", "", ""], ["1", "", ""]])
  }

  /// The spaces inside quotes are part of a name, as in the header; a number ignores them.
  @Test func spacesInsideQuotesBelongToTheText() throws {
    let rows = try Self.rows("a,b\n\" x \", y \n")
    #expect(rows[0].cells == [" x ", "y"])
  }

  // MARK: - Line numbers

  /// Errors name the line on which the row starts, counting the line breaks inside quotes.
  @Test func linesAreCountedAcrossQuotedLineBreaks() throws {
    let text = "id,comment,x\n1,\"first\nsecond\",5\n2,\"a\",abc\n"
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: text, features: ["x"])
    }
    #expect(error == .nonNumeric(line: 4, column: 3, name: "x", text: "abc"))
    let ragged = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b\n\"1\r\n\r\n\",2\n3\n", features: ["b"])
    }
    #expect(ragged == .raggedRow(line: 5, expected: 2, actual: 1))
  }

  @Test func anErrorInARowOfSeveralLinesNamesItsFirstLine() throws {
    let text = "id,comment,x\n1,\"first\nsecond\",abc\n"
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: text, features: ["x"])
    }
    #expect(error == .textFeature(line: 2, column: 3, name: "x", text: "abc"))
  }

  // MARK: - Malformed quotes

  @Test func unclosedQuoteNamesTheLineOfItsRow() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b\n1,2\n3,\"4\n5,6\n")
    }
    #expect(error == .unclosedQuote(line: 3, column: 2, name: "b"))
    #expect(
      error?.description
        == "line 3, column 2 (`b`): the quote that opens the cell is never closed; end the cell "
        + "with a quote, and write each quote inside it twice (\"\").")
  }

  @Test func unclosedQuoteInTheHeader() throws {
    let error = #expect(throws: DatasetError.self) { try Dataset<Double>(csv: "\n\"a,b\n1,2\n") }
    #expect(error == .unclosedQuote(line: 2, column: 1, name: nil))
    #expect(
      error?.description
        == "line 2, column 1: the quote that opens the cell is never closed; end the cell with a "
        + "quote, and write each quote inside it twice (\"\").")
  }

  /// Quoting decides where rows end, so it is checked in every column, used or not.
  @Test func textAfterAClosingQuoteIsAnError() throws {
    let text = "id,quote,x\n1,\"say \"hi\"\",2\n"
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: text, features: ["x"])
    }
    #expect(error == .textAfterQuote(line: 2, column: 2, name: "quote"))
    #expect(
      error?.description
        == "line 2, column 2 (`quote`): text follows the closing quote of the cell; inside "
        + "quotes, write each quote twice, as in \"say \"\"hi\"\"\".")
    #expect(throws: DatasetError.textAfterQuote(line: 1, column: 2, name: nil)) {
      try Dataset<Double>(csv: "a,\"b\"c\n1,2\n")
    }
  }

  // MARK: - Size

  /// Thousands of rows with quoted text in a column that is not used.
  @Test func aLargeFileLoadsCompletely() throws {
    var text = "id,comment,x,y,label\n"
    for i in 0..<5000 {
      text += "\(i),\"row \(i), \"\"quoted\"\"\",\(Double(i) / 4),\"\(i % 7)\",c\(i % 3)\n"
    }
    let data = try Dataset<Double>(csv: text, features: ["x", "y"], target: "label")
    #expect(data.count == 5000)
    let last: [Double] = [4999.0 / 4, Double(4999 % 7)]
    #expect(data.features[4999] == last)
    #expect(data.classNames == ["c0", "c1", "c2"])
    #expect(try data.labels()[4999] == 4999 % 3)
  }
}
