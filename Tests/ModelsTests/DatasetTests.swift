import Foundation
import Testing

@testable import Models

@Suite struct DatasetTests {
  // MARK: - Helpers

  /// The URL of a CSV file in the test resources.
  static func resource(_ name: String) throws -> URL {
    try #require(
      Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources"))
  }

  static func iris() throws -> Dataset<Double> {
    try Dataset(contentsOf: resource("iris"), target: "species")
  }

  /// The mean and population standard deviation of each column.
  static func moments(_ rows: [[Double]]) -> (means: [Double], deviations: [Double]) {
    let n = Double(rows.count)
    let means = rows[0].indices.map { j in rows.reduce(0) { $0 + $1[j] } / n }
    let deviations = rows[0].indices.map { j in
      (rows.reduce(0) { $0 + ($1[j] - means[j]) * ($1[j] - means[j]) } / n).squareRoot()
    }
    return (means, deviations)
  }

  /// `data` with its row number prepended to each row's features, so rows can be told apart.
  static func numbered(_ data: Dataset<Double>) throws -> Dataset<Double> {
    try Dataset(
      features: data.features.enumerated().map { [Double($0.offset)] + $0.element },
      targets: data.targets, featureNames: ["row"] + data.featureNames,
      targetName: data.targetName)
  }

  static func rowNumbers(_ data: Dataset<Double>) -> [Int] { data.features.map { Int($0[0]) } }

  // MARK: - Real files

  @Test func irisLoads() throws {
    let iris = try Self.iris()
    #expect(iris.count == 150)
    #expect(iris.featureCount == 4)
    #expect(iris.featureNames == ["sepal_length", "sepal_width", "petal_length", "petal_width"])
    #expect(iris.targetName == "species")
    #expect(iris.features[0] == [5.1, 3.5, 1.4, 0.2])
    #expect(iris.targets[0] == 0)
    #expect(iris.features[149] == [5.9, 3, 5.1, 1.8])
    let labels = try iris.labels()
    #expect(labels.count == 150)
    #expect(labels[0] == 0 && labels[149] == 2)
    // The counts apart from the expectation: inside #expect this took up to 212 ms to type-check.
    let counts = (0..<3).map { (label: Int) -> Int in labels.filter { $0 == label }.count }
    #expect(counts == [50, 50, 50])
  }

  @Test func irisLoadsAsFloat() throws {
    let iris = try Dataset<Float>(contentsOf: Self.resource("iris"), target: "species")
    #expect(iris.count == 150)
    #expect(iris.features[0] == [5.1, 3.5, 1.4, 0.2])
    #expect(try iris.labels().last == 2)
  }

  @Test func diabetesLoads() throws {
    let diabetes = try Dataset<Double>(contentsOf: Self.resource("diabetes"), target: "target")
    #expect(diabetes.count == 442)
    #expect(
      diabetes.featureNames
        == ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"])
    #expect(diabetes.features[0][0] == 0.038075906433423026)
    #expect(diabetes.features[0][9] == -0.01764612515980379)
    #expect(diabetes.targets[0] == 151)
    #expect(diabetes.targets[441] == 57)
    #expect(diabetes.features.allSatisfy { $0.count == 10 })
  }

  @Test func breastCancerLoads() throws {
    let cancer = try Dataset<Double>(
      contentsOf: Self.resource("breast_cancer"), target: "malignant0_benign1")
    #expect(cancer.count == 569)
    #expect(cancer.featureCount == 30)
    #expect(cancer.featureNames.first == "mean_radius")
    #expect(cancer.featureNames.last == "worst_fractal_dimension")
    #expect(cancer.features[0][0] == 17.99)
    #expect(cancer.features[0][3] == 1001)
    let labels = try cancer.labels()
    #expect(labels.filter { $0 == 0 }.count == 212)
    #expect(labels.filter { $0 == 1 }.count == 357)
  }

  // MARK: - Choosing columns

  @Test func featuresAreSelectedByNameInTheOrderGiven() throws {
    let petals = try Dataset<Double>(
      contentsOf: Self.resource("iris"), features: ["petal_width", "sepal_length"],
      target: "species")
    #expect(petals.featureNames == ["petal_width", "sepal_length"])
    #expect(petals.features[0] == [0.2, 5.1])
    #expect(petals.targets.count == 150)
  }

  @Test func withoutTargetEveryColumnIsAFeature() throws {
    let all = try Dataset<Double>(contentsOf: Self.resource("iris"))
    #expect(all.featureCount == 5)
    #expect(all.featureNames.last == "species")
    #expect(all.features[0] == [5.1, 3.5, 1.4, 0.2, 0])
    #expect(all.targets.isEmpty)
    #expect(all.targetName == nil)
    let error = #expect(throws: ModelError.self) { try all.labels() }
    #expect(
      error?.description
        == "`targetName` is nil; it must be the name of a label column; load the data with "
        + "`target:` set.")
  }

  @Test func theTargetMayComeFirst() throws {
    let data = try Dataset<Double>(csv: "y,a,b\n1,2,3\n4,5,6\n", target: "y")
    #expect(data.featureNames == ["a", "b"])
    #expect(data.features == [[2, 3], [5, 6]])
    #expect(data.targets == [1, 4])
  }

  @Test func unselectedColumnsMayHoldText() throws {
    let text = "id,x,name,y\nA,1,setosa,0\nB,2,versicolor,1\n"
    let data = try Dataset<Double>(csv: text, features: ["x"], target: "y")
    #expect(data.features == [[1], [2]])
    #expect(data.targets == [0, 1])
  }

  @Test func theTargetIsNotAFeature() throws {
    let text = "x,label\n1,0\n2,1\n"
    let error = #expect(throws: ModelError.self) {
      try Dataset<Double>(csv: text, features: ["x", "label"], target: "label")
    }
    #expect(
      error
        == .invalidArgument(
          argument: "features", value: "a list that includes the target `label`",
          requirement: "the feature columns only, so remove `label` from it"))
    #expect(
      error?.description
        == "`features` is a list that includes the target `label`; it must be the feature "
        + "columns only, so remove `label` from it.")
    #expect(throws: ModelError.self) {
      try Dataset<Double>(csv: text, features: ["label"], target: "label")
    }
    let data = try Dataset<Double>(csv: text, features: ["x"], target: "label")
    #expect(data.features == [[1], [2]] && data.targets == [0, 1])
  }

  @Test func emptyOrRepeatedFeatureListsAreRejected() throws {
    let text = "a,b,y\n1,2,3\n"
    #expect(throws: ModelError.self) { try Dataset<Double>(csv: text, features: [], target: "y") }
    #expect(throws: ModelError.self) { try Dataset<Double>(csv: "y\n1\n", target: "y") }
    let error = #expect(throws: ModelError.self) {
      try Dataset<Double>(csv: text, features: ["a", "b", "a"])
    }
    #expect(
      error?.description
        == "`features` is a list naming `a` twice; it must be a list of distinct column names.")
  }

  // MARK: - Format

  @Test func spacesQuotesAndTrailingBlankLinesAreAccepted() throws {
    let text = "\u{FEFF} \"sepal length\" , \"a \"\"b\"\", c\" ,y\n  5.1 ,\t-2e-3, 1 \n\n  \n"
    let data = try Dataset<Double>(csv: text, target: "y")
    #expect(data.featureNames == ["sepal length", "a \"b\", c"])
    #expect(data.features == [[5.1, -0.002]])
    #expect(data.targets == [1])
  }

  @Test func crlfParsesLikeLF() throws {
    let lf = "a,b,y\n1,2,0\n3,4,1\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
    #expect(try Dataset<Double>(csv: crlf, target: "y") == Dataset<Double>(csv: lf, target: "y"))
    let noFinalNewline = try Dataset<Double>(csv: "a,b,y\r\n1,2,0\r\n3,4,1", target: "y")
    #expect(noFinalNewline.features == [[1, 2], [3, 4]])
  }

  // MARK: - Malformed text

  @Test func emptyTextIsAnEmptyFile() throws {
    for text in ["", "\n\n", " \r\n", "\u{FEFF}"] {
      #expect(throws: DatasetError.emptyFile) { try Dataset<Double>(csv: text) }
    }
    let error = #expect(throws: DatasetError.self) { try Dataset<Double>(csv: "") }
    #expect(
      error?.description
        == "the CSV has no data; it needs a header line naming the columns, followed by one line "
        + "of comma-separated numbers per row.")
  }

  /// A header without rows is almost always a truncated export, and an empty dataset would only
  /// fail later, further from the cause; so it is an error too.
  @Test func headerOnlyIsAnEmptyFile() throws {
    for text in ["a,b", "a,b\n", "a,b\r\n\r\n"] {
      #expect(throws: DatasetError.emptyFile) { try Dataset<Double>(csv: text) }
    }
  }

  @Test func missingColumnNamesTheHeader() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(contentsOf: Self.resource("iris"), target: "Species")
    }
    let header = ["sepal_length", "sepal_width", "petal_length", "petal_width", "species"]
    #expect(error == .missingColumn(name: "Species", available: header))
    #expect(
      error?.description
        == "no column is named `Species`; the header has `sepal_length`, `sepal_width`, "
        + "`petal_length`, `petal_width`, `species`. Did you mean `species`? Names are "
        + "case-sensitive.")
    #expect(throws: DatasetError.missingColumn(name: "z", available: ["a", "y"])) {
      try Dataset<Double>(csv: "a,y\n1,2\n", features: ["z"], target: "y")
    }
  }

  @Test func nonNumericCellNamesLineAndColumn() throws {
    let lines = (0..<6).map { _ in "5.1,3.5,1.4,0.2,0" }
    let text =
      (["sepal_length,sepal_width,petal_length,petal_width,species"] + lines)
      .joined(separator: "\n") + "\n6.0,2.2,abc,1.5,2\n"
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: text, target: "species")
    }
    #expect(error == .nonNumeric(line: 8, column: 3, name: "petal_length", text: "abc"))
    #expect(
      error?.description
        == "line 8, column 3 (`petal_length`): \"abc\" is not a number; every cell of a selected "
        + "column must be a finite number such as 5.1 or -2e-3.")
  }

  @Test func emptyCellIsMissing() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b\n1,2\n3, \n", target: "b")
    }
    #expect(error == .missingValue(line: 3, column: 2, name: "b", text: ""))
    #expect(
      error?.description
        == "line 3, column 2 (`b`): the cell is empty; fill it in, or pass `missing: .dropRows` "
        + "to drop the rows that have one.")
  }

  /// Infinity is a value, not a missing one, so it is an error under either policy; NaN is
  /// missing (see MissingValuesTests).
  @Test(arguments: ["inf", "-inf", "Infinity", "1e400"])
  func nonFiniteTextIsRejected(text: String) throws {
    for missing in MissingValues.allCases {
      let error = #expect(throws: DatasetError.self) {
        try Dataset<Double>(csv: "a,b\n1,2\n\(text),4\n", missing: missing)
      }
      #expect(error == .nonNumeric(line: 3, column: 1, name: "a", text: text))
      #expect(
        error?.description
          == "line 3, column 1 (`a`): \"\(text)\" is not a finite number; replace or remove "
          + "infinite values before loading.")
    }
  }

  @Test func valueTooLargeForFloatIsRejected() throws {
    let error = #expect(throws: DatasetError.self) { try Dataset<Float>(csv: "a\n1e39\n") }
    #expect(error == .nonNumeric(line: 2, column: 1, name: "a", text: "1e39"))
    #expect(
      error?.description
        == "line 2, column 1 (`a`): \"1e39\" is too large for the floating-point type; load the "
        + "data as `Dataset<Double>`.")
    #expect(try Dataset<Double>(csv: "a\n1e39\n").features == [[1e39]])
  }

  @Test func raggedRowNamesItsLine() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b,c\n1,2,3\n4,5\n6,7,8\n")
    }
    #expect(error == .raggedRow(line: 3, expected: 3, actual: 2))
    #expect(
      error?.description
        == "line 3 has 2 fields but the header has 3 columns; give every line one value per "
        + "column, separated by commas.")
    #expect(throws: DatasetError.raggedRow(line: 2, expected: 2, actual: 3)) {
      try Dataset<Double>(csv: "a,b\n1,2,\n")
    }
  }

  @Test func blankLineBetweenRowsIsRagged() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a,b\r\n1,2\r\n\r\n  \r\n3,4\r\n")
    }
    #expect(error == .raggedRow(line: 3, expected: 2, actual: 0))
    #expect(
      error?.description
        == "line 3 is blank; remove blank lines between rows (only blank lines at the end are "
        + "ignored).")
  }

  @Test func duplicateHeaderIsRejected() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "a, b,\"a\"\n1,2,3\n")
    }
    #expect(error == .duplicateColumn(name: "a"))
    #expect(
      error?.description
        == "the header names the column `a` more than once; give every column a distinct name.")
  }

  @Test func missingFileNamesItsPath() throws {
    let url = URL(fileURLWithPath: "/nonexistent/descent/iris.csv")
    let error = #expect(throws: DatasetError.self) { try Dataset<Double>(contentsOf: url) }
    #expect(
      error == .unreadableFile(path: url.path, reason: "there is no such file; check the path"))
    #expect(
      error?.description
        == "cannot read the file at `/nonexistent/descent/iris.csv`: there is no such file; "
        + "check the path.")
    let directory = FileManager.default.temporaryDirectory
    #expect(throws: DatasetError.self) { try Dataset<Double>(contentsOf: directory) }
  }

  @Test func nonUTF8FileIsUnreadable() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("descent-dataset-\(UUID().uuidString).csv")
    try Data([0x61, 0x0A, 0xFF, 0xFE, 0x0A]).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(
      throws: DatasetError.unreadableFile(
        path: url.path, reason: "it is not UTF-8 text; save it as UTF-8 CSV")
    ) { try Dataset<Double>(contentsOf: url) }
  }

  // MARK: - Arrays

  @Test func arraysGetDefaultNames() throws {
    let data = try Dataset<Double>(features: [[1, 2], [3, 4]], targets: [0, 1])
    #expect(data.featureNames == ["x0", "x1"])
    #expect(data.targetName == "target")
    let unlabelled = try Dataset<Double>(features: [[1, 2]], targets: [])
    #expect(unlabelled.targetName == nil)
    let empty = try Dataset<Double>(features: [], targets: [], featureNames: ["a"])
    #expect(empty.count == 0 && empty.featureCount == 1)
  }

  @Test func arraysAreValidated() throws {
    #expect(
      throws: ModelError.sizeMismatch(
        argument: "features[1]", expected: 2, actual: 1,
        advice: "every row must have as many features as the first.")
    ) { try Dataset<Double>(features: [[1, 2], [3]], targets: []) }
    #expect(throws: ModelError.nonFinite(argument: "features", row: 1, column: 0)) {
      try Dataset<Double>(features: [[1], [.nan]], targets: [])
    }
    #expect(throws: ModelError.nonFinite(argument: "targets", row: 0, column: nil)) {
      try Dataset<Double>(features: [[1]], targets: [.infinity])
    }
    #expect(throws: ModelError.self) { try Dataset<Double>(features: [[1], [2]], targets: [1]) }
    #expect(throws: ModelError.self) {
      try Dataset<Double>(features: [[1]], targets: [], targetName: "y")
    }
    #expect(throws: ModelError.self) {
      try Dataset<Double>(features: [[1, 2]], targets: [], featureNames: ["a"])
    }
    #expect(throws: ModelError.self) {
      try Dataset<Double>(features: [[1, 2]], targets: [], featureNames: ["a", "a"])
    }
    #expect(throws: ModelError.empty(argument: "features[0]")) {
      try Dataset<Double>(features: [[]], targets: [])
    }
  }

  // MARK: - Labels

  @Test func labelsMustBeNonNegativeIntegers() throws {
    let fractional = try Dataset<Double>(features: [[1], [2], [3]], targets: [0, 1.5, 2])
    let error = #expect(throws: ModelError.self) { try fractional.labels() }
    #expect(
      error?.description
        == "`targets[1]` is 1.5; it must be a class label, an integer 0, 1, 2, …; use `targets` "
        + "for regression.")
    let negative = try Dataset<Double>(features: [[1], [2]], targets: [0, -1])
    #expect(
      throws: ModelError.invalidArgument(
        argument: "targets[1]", value: "-1.0",
        requirement: "a class label, an integer 0, 1, 2, …; use `targets` for regression")
    ) { try negative.labels() }
    let huge = try Dataset<Double>(features: [[1]], targets: [1e300])
    #expect(throws: ModelError.self) { try huge.labels() }
  }

  // MARK: - Selecting, splitting, batching

  @Test func subscriptSelectsRowsInOrder() throws {
    let iris = try Self.iris()
    let some = iris[[3, 1, 149, 1]]
    #expect(some.count == 4)
    #expect(
      some.features == [iris.features[3], iris.features[1], iris.features[149], iris.features[1]])
    #expect(some.targets == [0, 0, 2, 0])
    #expect(some.featureNames == iris.featureNames && some.targetName == "species")
    #expect(some.classNames == nil && some.droppedRowCount == 0)
    #expect(iris[0..<150] == iris)
    #expect(iris[[Int]()].count == 0)
  }

  @Test func splitIsReproducibleDisjointAndComplete() throws {
    let data = try Self.numbered(Self.iris())
    let (training, test) = try data.split(testFraction: 0.2, seed: 42)
    #expect(training.count == 120 && test.count == 30)
    let trainingRows = Self.rowNumbers(training)
    let testRows = Self.rowNumbers(test)
    #expect(Set(trainingRows).isDisjoint(with: testRows))
    #expect((trainingRows + testRows).sorted() == Array(0..<150))
    #expect(trainingRows != trainingRows.sorted())  // shuffled
    // Targets travel with their rows.
    for (row, target) in zip(testRows, test.targets) { #expect(data.targets[row] == target) }

    let again = try data.split(testFraction: 0.2, seed: 42)
    #expect(again.training == training && again.test == test)
    let other = try data.split(testFraction: 0.2, seed: 43)
    #expect(Self.rowNumbers(other.test) != testRows)
  }

  @Test func splitRoundsTheTestSize() throws {
    let data = try Dataset<Double>(features: (0..<10).map { [Double($0)] }, targets: [])
    #expect(try data.split(testFraction: 0.25, seed: 1).test.count == 3)  // round(2.5) = 3
    #expect(try data.split(testFraction: 0.05, seed: 1).test.count == 1)  // round(0.5) = 1
    #expect(try data.split(testFraction: 0.94, seed: 1).training.count == 1)
  }

  @Test(arguments: [0, 1, -0.5, 1.5, .nan, .infinity, 0.04, 0.96])
  func splitRejectsFractionsThatLeaveAPartEmpty(fraction: Double) throws {
    let data = try Dataset<Double>(features: (0..<10).map { [Double($0)] }, targets: [])
    #expect(throws: ModelError.self) { try data.split(testFraction: fraction, seed: 1) }
  }

  @Test func splitErrorsSayWhatToChange() throws {
    let data = try Dataset<Double>(features: (0..<10).map { [Double($0)] }, targets: [])
    let outside = #expect(throws: ModelError.self) { try data.split(testFraction: 1, seed: 1) }
    #expect(
      outside?.description
        == "`testFraction` is 1.0; it must be strictly between 0 and 1, such as 0.2 for a fifth "
        + "of the rows.")
    let tiny = #expect(throws: ModelError.self) { try data.split(testFraction: 0.01, seed: 1) }
    #expect(
      tiny?.description
        == "`testFraction` is 0.01; it must be such that both parts get at least one row, but it "
        + "puts round(0.01 × 10) = 0 of the 10 rows in the test set.")
    let single = try Dataset<Double>(features: [[1]], targets: [])
    #expect(throws: ModelError.self) { try single.split(testFraction: 0.5, seed: 1) }
  }

  @Test func batchesCoverEveryRowOnce() throws {
    let data = try Self.numbered(Self.iris())
    let shuffled = try data.batches(size: 64, seed: 7)
    #expect(shuffled.map(\.count) == [64, 64, 22])
    let rows = shuffled.flatMap(Self.rowNumbers)
    #expect(rows.sorted() == Array(0..<150))
    #expect(rows != Array(0..<150))
    #expect(shuffled.allSatisfy { $0.featureNames == data.featureNames })
    #expect(try data.batches(size: 64, seed: 7) == shuffled)
    #expect(try data.batches(size: 64, seed: 8) != shuffled)

    let ordered = try data.batches(size: 50, seed: nil)
    #expect(ordered.map(\.count) == [50, 50, 50])
    #expect(ordered.flatMap(Self.rowNumbers) == Array(0..<150))
    #expect(ordered[2].targets == [Double](repeating: 2, count: 50))

    #expect(try data.batches(size: 1000, seed: nil) == [data])
    #expect(try data[[Int]()].batches(size: 3, seed: 1).isEmpty)
    #expect(
      throws: ModelError.invalidArgument(argument: "size", value: "0", requirement: "at least 1")
    ) { try data.batches(size: 0, seed: nil) }
  }

  // MARK: - Standardizing

  @Test func standardizedFeaturesHaveMeanZeroAndDeviationOne() throws {
    let cancer = try Dataset<Double>(
      contentsOf: Self.resource("breast_cancer"), target: "malignant0_benign1")
    let z = try cancer.standardized(using: cancer.standardizer())
    #expect(z.targets == cancer.targets)
    #expect(z.featureNames == cancer.featureNames)
    let (means, deviations) = Self.moments(z.features)
    #expect(means.allSatisfy { abs($0) <= 1e-12 })
    #expect(deviations.allSatisfy { abs($0 - 1) <= 1e-12 })
  }

  @Test func standardizerMustMatchTheFeatures() throws {
    let iris = try Self.iris()
    let standardizer = try iris[0..<10].standardizer()
    #expect(standardizer.featureCount == 4)
    let petals = try Dataset<Double>(
      contentsOf: Self.resource("iris"), features: ["petal_length"], target: "species")
    let error = #expect(throws: ModelError.self) {
      try petals.standardized(using: standardizer)
    }
    #expect(
      error
        == .sizeMismatch(
          argument: "standardizer", expected: 1, actual: 4,
          advice: "fit it on data with the same features, e.g. `try training.standardizer()`."))
    #expect(throws: ModelError.empty(argument: "rows")) { try iris[[Int]()].standardizer() }
  }
}
