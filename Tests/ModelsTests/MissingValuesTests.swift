import Models
import Testing

/// Which cells are missing, and the two policies: reject with line and column, or drop the row
/// and count it.
@Suite struct MissingValuesTests {
  /// Every text that is missing: the markers, and spellings of NaN.
  static let missingTexts = MissingValues.markers + ["nan", "NaN", "NAN", "-nan"]

  /// Rows with missing values in used columns (2 and 3), and in unused ones (1 and 4).
  static let text = """
    id,x,y,note
    a,1,0,NA
    b,NA,1,ok
    c,3,,ok
    ,4,1,
    """

  @Test(arguments: missingTexts)
  func rejectNamesLineAndColumn(missingText: String) throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b\n1,2\n\(missingText),4\n")
    }
    #expect(error == .missingValue(line: 3, column: 1, name: "a", text: missingText))
    let cell =
      missingText.isEmpty ? "the cell is empty" : "\"\(missingText)\" marks a missing value"
    #expect(
      error?.description
        == "line 3, column 1 (`a`): \(cell); fill it in, or pass `missing: .dropRows` to drop the "
        + "rows that have one.")
  }

  @Test(arguments: missingTexts)
  func dropRowsDropsEachMissingText(missingText: String) throws {
    let data = try Dataset<Double>(
      csv: "a,b\n1,2\n\(missingText),4\n5,6\n", target: "b", missing: .dropRows)
    #expect(data.features == [[1], [5]])
    #expect(data.targets == [2, 6])
    #expect(data.droppedRowCount == 1)
  }

  /// Quoting and spaces do not change what is missing; other texts are not missing.
  @Test func quotedMarkersAreMissingAndOtherTextIsNot() throws {
    let cells = [("\"\"", ""), ("\" NA \"", "NA"), (" null ", "null"), ("\"nan\"", "nan")]
    for (cell, text) in cells {
      #expect(throws: DatasetError.missingValue(line: 2, column: 1, name: "a", text: text)) {
        try Dataset<Double>(csv: "a,b\n\(cell),1\n")
      }
      let data = try Dataset<Double>(csv: "a,b\n\(cell),1\n2,3\n", missing: .dropRows)
      #expect(data.droppedRowCount == 1)
    }
    for cell in ["None", "na", "-", "NA NA"] {
      #expect(throws: DatasetError.textFeature(line: 2, column: 1, name: "a", text: cell)) {
        try Dataset<Double>(csv: "a,b\n\(cell),1\n", missing: .dropRows)
      }
    }
  }

  @Test func rejectStopsAtTheFirstMissingValueOfAUsedColumn() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: Self.text, features: ["x"], target: "y")
    }
    #expect(error == .missingValue(line: 3, column: 2, name: "x", text: "NA"))
  }

  @Test func dropRowsKeepsRowsWhoseMissingValuesAreInUnusedColumns() throws {
    let data = try Dataset<Double>(
      csv: Self.text, features: ["x"], target: "y", missing: .dropRows)
    #expect(data.features == [[1], [4]])
    #expect(data.targets == [0, 1])
    #expect(data.droppedRowCount == 2)
    // The count describes the file, so derived datasets keep it.
    #expect(data[[1]].droppedRowCount == 2)
    #expect(try data.batches(size: 1, seed: nil).allSatisfy { $0.droppedRowCount == 2 })
    #expect(try Dataset<Double>(csv: "x\n1\n", missing: .dropRows).droppedRowCount == 0)
  }

  @Test func missingClassNamesAreDroppedBeforeNumbering() throws {
    let text = "x,species\n1,setosa\n2,NA\n3,virginica\n4,\n"
    let data = try Dataset<Double>(csv: text, target: "species", missing: .dropRows)
    #expect(data.classNames == ["setosa", "virginica"])
    #expect(data.targets == [0, 1])
    #expect(data.droppedRowCount == 2)
    #expect(throws: DatasetError.missingValue(line: 3, column: 2, name: "species", text: "NA")) {
      try Dataset<Double>(csv: text, target: "species")
    }
  }

  @Test func droppingEveryRowIsAnError() throws {
    let all = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "x,y\nNA,1\n2,\n", target: "y", missing: .dropRows)
    }
    #expect(all == .everyRowDropped(count: 2))
    #expect(
      all?.description
        == "all 2 rows have a missing value in a feature or the target, so `missing: .dropRows` "
        + "left no data; fill in the missing values, or leave the columns that hold them out of "
        + "`features`.")
    let one = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "x\n?\n", missing: .dropRows)
    }
    #expect(
      one?.description
        == "the only row has a missing value in a feature or the target, so `missing: .dropRows` "
        + "left no data; fill in the missing values, or leave the columns that hold them out of "
        + "`features`.")
    #expect(throws: DatasetError.emptyFile) { try Dataset<Double>(csv: "x\n", missing: .dropRows) }
  }
}
