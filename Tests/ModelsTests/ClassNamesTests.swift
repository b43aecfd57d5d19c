import Foundation
import Models
import Testing

/// A target column of class names: labels in sorted order, names back from labels, and the
/// mapping kept by every derived dataset.
@Suite struct ClassNamesTests {
  static let species = ["setosa", "versicolor", "virginica"]

  /// Iris with the species written as names, and some of them quoted.
  static func namedIris() throws -> String {
    let text = try String(contentsOf: Fixtures.url("iris"), encoding: .utf8)
    return text.split(separator: "\n").enumerated().map { index, line in
      guard index > 0, let label = line.split(separator: ",").last.flatMap({ Int($0) }) else {
        return String(line)
      }
      let name = index.isMultiple(of: 2) ? species[label] : "\"\(species[label])\""
      return line.split(separator: ",").dropLast().joined(separator: ",") + "," + name
    }.joined(separator: "\n") + "\n"
  }

  /// Four flowers whose species first appear out of sorted order.
  static let flowers = """
    petal_length,species
    6.0,virginica
    1.4,setosa
    4.7,versicolor
    1.3,setosa
    """

  @Test func namesAreNumberedInSortedOrder() throws {
    let data = try Dataset<Double>(csv: Self.flowers, target: "species")
    #expect(data.classNames == Self.species)
    #expect(data.targets == [2, 0, 1, 0])
    let labels = try data.labels()
    #expect(labels == [2, 0, 1, 0])
    let names = try labels.map { try #require(data.classNames?[$0]) }
    #expect(names == ["virginica", "setosa", "versicolor", "setosa"])
  }

  /// The labels do not depend on the order of the rows.
  @Test func theOrderOfRowsDoesNotChangeTheLabels() throws {
    let lines = Self.flowers.split(separator: "\n")
    let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n")
    let data = try Dataset<Double>(csv: reversed, target: "species")
    #expect(data.classNames == Self.species)
    #expect(data.targets == [0, 1, 0, 2])
  }

  @Test func namedIrisMatchesNumberedIris() throws {
    let iris = try Fixtures.iris()
    let named = try Dataset<Double>(csv: Self.namedIris(), target: "species")
    #expect(named.classNames == Self.species)
    #expect(named.features == iris.features)
    #expect(named.targets == iris.targets)
    #expect(try named.labels() == iris.labels())
    #expect(named != iris)  // the class names are part of the value

    let float = try Dataset<Float>(csv: Self.namedIris(), target: "species")
    #expect(float.classNames == Self.species)
    #expect(try float.labels() == iris.labels())
  }

  /// A subset, split, batch or standardized copy keeps every name, even of an absent class.
  @Test func derivedDatasetsKeepTheWholeMapping() throws {
    let data = try Dataset<Double>(csv: Self.flowers, target: "species")
    let setosa = data[[1, 3]]
    #expect(setosa.targets == [0, 0])
    #expect(setosa.classNames == Self.species)

    // Iris is sorted by species, so its first 50 rows are setosa alone.
    let named = try Dataset<Double>(csv: Self.namedIris(), target: "species")[0..<50]
    #expect(Set(try named.labels()) == [0])
    #expect(named.classNames == Self.species)
    let (training, test) = try named.split(testFraction: 0.2, seed: 42)
    #expect(training.classNames == Self.species && test.classNames == Self.species)
    let batches = try named.batches(size: 16, seed: 3)
    #expect(batches.count == 4)
    #expect(batches.allSatisfy { $0.classNames == Self.species })
    let standardized = try training.standardized(using: training.standardizer())
    #expect(standardized.classNames == Self.species)
    #expect(standardized.targets == training.targets)
  }

  @Test func numericTargetsHaveNoNames() throws {
    #expect(try Fixtures.iris().classNames == nil)
    #expect(try Dataset<Double>(csv: "x\n1\n").classNames == nil)
    #expect(try Dataset<Double>(features: [[1]], targets: [0]).classNames == nil)
  }

  @Test func aNameMayLookLikeAnythingButANumber() throws {
    let text = "x,class\n1,\"a, b\"\n2,5\" screen\n3,Ünïcode\n4,B\n5,a\n"
    let data = try Dataset<Double>(csv: text, target: "class")
    #expect(data.classNames == ["5\" screen", "B", "a", "a, b", "Ünïcode"])
    #expect(data.targets == [3, 0, 4, 1, 2])
  }

  // MARK: - Errors

  @Test func textInAFeatureColumnIsAnError() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "x,name,y\n1,Smith,0\n", target: "y")
    }
    #expect(error == .textFeature(line: 2, column: 2, name: "name", text: "Smith"))
    #expect(
      error?.description
        == "line 2, column 2 (`name`): \"Smith\" is text, but a feature must be a number; leave "
        + "the column out of `features`, make it the `target` if it holds class names, or encode "
        + "it as numbers (such as one 0/1 column per category).")
    // Without a target, the class names are a feature column.
    #expect(
      throws: DatasetError.textFeature(line: 2, column: 2, name: "species", text: "virginica")
    ) { try Dataset<Double>(csv: Self.flowers) }
  }

  @Test func aNumberAmongNamesIsAnError() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "x,species\n1,setosa\n2,\"3\"\n", target: "species")
    }
    #expect(
      error
        == .mixedTarget(
          line: 3, column: 2, name: "species", text: "3", firstLine: 2, firstText: "setosa"))
    #expect(
      error?.description
        == "line 3, column 2 (`species`): \"3\" is a number, but the first target, \"setosa\" on "
        + "line 2, is a class name; a target column holds either numbers or class names, so "
        + "correct the cell or write every class as a name.")
  }

  @Test func aNameAmongNumbersIsAnError() throws {
    let error = #expect(throws: DatasetError.self) {
      try Dataset<Double>(csv: "x,y\n1,1.5\n2,2.5\n3,abc\n", target: "y")
    }
    #expect(
      error
        == .mixedTarget(line: 4, column: 2, name: "y", text: "abc", firstLine: 2, firstText: "1.5"))
    #expect(
      error?.description
        == "line 4, column 2 (`y`): \"abc\" is not a number, but the first target, \"1.5\" on line "
        + "2, is; a target column holds either numbers or class names, so correct the cell or "
        + "write every class as a name.")
  }
}
