import Foundation

/// A table of numeric examples: one row of features per example, and optionally one target per
/// row (a value to predict, or a class label).
///
/// Load a CSV file, split it, standardize with statistics of the training rows only, and train
/// in mini-batches:
///
/// ```swift
/// let iris = try Dataset<Double>(contentsOf: url, target: "species")
/// iris.count                 // 150
/// iris.featureNames          // ["sepal_length", "sepal_width", "petal_length", "petal_width"]
/// iris.features[0]           // [5.1, 3.5, 1.4, 0.2]
/// try iris.labels()[0]       // 0
///
/// let (training, test) = try iris.split(testFraction: 0.2, seed: 42)   // 120 and 30 rows
/// let standardizer = try training.standardizer()
/// let x = try training.standardized(using: standardizer)
/// let xTest = try test.standardized(using: standardizer)
/// for batch in try x.batches(size: 32, seed: 1) {
///   // batch.features, batch.targets
/// }
/// ```
///
/// A dataset is a plain value: its properties can be changed freely, and only the initializers
/// check that they agree (one target per row, one name per feature, every value finite).
public struct Dataset<T: BinaryFloatingPoint & Sendable>: Equatable, Sendable {
  /// The name of each feature, in the order of the values in each row of ``features``.
  public private(set) var featureNames: [String]
  /// The name of the target column, or `nil` when the data has no targets.
  public private(set) var targetName: String?
  /// One array of feature values per row, in ``featureNames`` order.
  public private(set) var features: [[T]]
  /// One target per row, or empty when ``targetName`` is `nil`.
  public private(set) var targets: [T]
  /// The name of each class, when the target column of a CSV holds names rather than numbers:
  /// `classNames[label]` is the name of the class whose targets are `label`; `nil` for targets
  /// that were numbers, and for data without targets.
  ///
  /// ```swift
  /// let text = "petal_length,species\n1.4,setosa\n4.7,versicolor\n1.3,setosa\n"
  /// let flowers = try Dataset<Double>(csv: text, target: "species")
  /// flowers.classNames                  // ["setosa", "versicolor"]
  /// flowers.targets                     // [0, 1, 0]
  /// let labels = try flowers.labels()   // [0, 1, 0]
  /// flowers.classNames?[labels[1]]      // "versicolor"
  /// ```
  ///
  /// The labels 0, 1, 2, … follow the sorted order of the names (Swift's `<` on strings, which
  /// puts `B` before `a`), as scikit-learn's `LabelEncoder` does, so they do not depend on the
  /// order of the rows: two files that hold the same classes map them alike. A subset, a split, a
  /// batch or a standardized copy keeps the whole list, even when some class has no row in it.
  /// `[String]` is `Codable` and `Sendable`, so a model can store the names beside its
  /// parameters.
  public private(set) var classNames: [String]?
  /// The number of rows of the CSV that ``MissingValues/dropRows`` left out for a missing value;
  /// 0 otherwise.
  ///
  /// ```swift
  /// let data = try Dataset<Double>(csv: "x,y\n1,0\nNA,1\n3,1\n", target: "y", missing: .dropRows)
  /// data.count             // 2
  /// data.droppedRowCount   // 1
  /// ```
  ///
  /// It describes the file the dataset was read from, so a subset, a split, a batch or a
  /// standardized copy keeps the number of its source.
  public private(set) var droppedRowCount: Int

  /// The number of rows.
  public var count: Int { features.count }

  /// The number of features in each row.
  public var featureCount: Int { featureNames.count }

  /// Creates a dataset from rows of features and their targets, checking that they agree.
  ///
  /// ```swift
  /// let data = try Dataset<Double>(
  ///   features: [[1, 2], [3, 4], [5, 6]], targets: [0, 1, 1],
  ///   featureNames: ["height", "width"], targetName: "label")
  /// let unnamed = try Dataset<Double>(features: [[1, 2]], targets: [])
  /// unnamed.featureNames   // ["x0", "x1"]
  /// unnamed.targetName     // nil
  /// ```
  ///
  /// - Parameters:
  ///   - features: one array per row; every row must have the same number of values, at least
  ///     one, and every value must be finite. No rows at all makes an empty dataset.
  ///   - targets: one finite value per row, or empty for data without targets.
  ///   - featureNames: one distinct name per feature; `nil` names them `x0`, `x1`, … (as
  ///     scikit-learn does).
  ///   - targetName: the name of the target; `nil` names non-empty targets `target`.
  /// - Throws: ``ModelError`` naming the argument, row and column that disagree.
  public init(
    features: [[T]], targets: [T], featureNames: [String]? = nil, targetName: String? = nil
  ) throws {
    let width = features.first?.count ?? featureNames?.count ?? 0
    if !features.isEmpty, width == 0 { throw ModelError.empty(argument: "features[0]") }
    for (i, row) in features.enumerated() {
      guard row.count == width else {
        throw ModelError.sizeMismatch(
          argument: "features[\(i)]", expected: width, actual: row.count,
          advice: "every row must have as many features as the first.")
      }
      for (j, value) in row.enumerated() where !value.isFinite {
        throw ModelError.nonFinite(argument: "features", row: i, column: j)
      }
    }
    let names = featureNames ?? (0..<width).map { "x\($0)" }
    guard names.count == width else {
      throw ModelError.sizeMismatch(
        argument: "featureNames", expected: width, actual: names.count,
        advice: "pass one name per feature, that is per value in each row.")
    }
    try Dataset.checkDistinct(names, argument: "featureNames")

    if !targets.isEmpty || targetName != nil {
      guard targets.count == features.count else {
        throw ModelError.sizeMismatch(
          argument: "targets", expected: features.count, actual: targets.count,
          advice: targetName != nil && targets.isEmpty
            ? "pass one target per row, or no `targetName` for data without targets."
            : "pass one target per row, or none.")
      }
      for (i, target) in targets.enumerated() where !target.isFinite {
        throw ModelError.nonFinite(argument: "targets", row: i, column: nil)
      }
    }
    self.init(
      unchecked: features, targets: targets, featureNames: names,
      targetName: targetName ?? (targets.isEmpty ? nil : "target"), classNames: nil,
      droppedRowCount: 0)
  }

  /// A dataset whose parts are known to agree.
  init(
    unchecked features: [[T]], targets: [T], featureNames: [String], targetName: String?,
    classNames: [String]?, droppedRowCount: Int
  ) {
    self.features = features
    self.targets = targets
    self.featureNames = featureNames
    self.targetName = targetName
    self.classNames = classNames
    self.droppedRowCount = droppedRowCount
  }

  /// Throws when `names` holds a name twice.
  static func checkDistinct(_ names: [String], argument: String) throws {
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw ModelError.invalidArgument(
        argument: argument, value: "a list naming `\(name)` twice",
        requirement: "a list of distinct column names")
    }
  }

  // MARK: - Labels

  /// The targets as class labels, for classification.
  ///
  /// ```swift
  /// let iris = try Dataset<Double>(contentsOf: url, target: "species")
  /// let labels = try iris.labels()   // [0, 0, …, 1, …, 2]
  /// ```
  ///
  /// When the CSV's target column holds class names, the labels index ``classNames``:
  /// `classNames?[labels[i]]` is the name on row `i`.
  ///
  /// - Returns: `Int(target)` for each row.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` naming the row
  ///   (counting from 0) of the first target that is not a non-negative integer, or naming
  ///   `targetName` when the dataset has no targets.
  public func labels() throws -> [Int] {
    guard targetName != nil else {
      throw ModelError.invalidArgument(
        argument: "targetName", value: "nil",
        requirement: "the name of a label column; load the data with `target:` set")
    }
    var labels: [Int] = []
    labels.reserveCapacity(targets.count)
    for (row, target) in targets.enumerated() {
      guard let label = Int(exactly: target), label >= 0 else {
        throw ModelError.invalidArgument(
          argument: "targets[\(row)]", value: "\(target)",
          requirement: "a class label, an integer 0, 1, 2, …; use `targets` for regression")
      }
      labels.append(label)
    }
    return labels
  }

  // MARK: - Selecting rows

  /// The rows at the given indices, in the order given; an index may repeat (as in a bootstrap
  /// sample).
  ///
  /// ```swift
  /// let firstTen = iris[0..<10]
  /// let some = iris[[3, 1, 4, 1]]   // 4 rows, the second one twice
  /// ```
  ///
  /// - Precondition: every index is in `0..<count`.
  /// - Complexity: O(k), for k indices, plus the copy of the rows' features.
  public subscript(rows: some Sequence<Int>) -> Dataset {
    var features: [[T]] = []
    var targets: [T] = []
    features.reserveCapacity(rows.underestimatedCount)
    for row in rows {
      precondition(
        self.features.indices.contains(row), "row \(row) is out of range 0..<\(count)")
      features.append(self.features[row])
      if !self.targets.isEmpty { targets.append(self.targets[row]) }
    }
    // A copy of `self`, so that the names, the class names and the dropped count carry over.
    var subset = self
    subset.features = features
    subset.targets = targets
    return subset
  }

  /// Splits the rows at random into a training and a test set, reproducibly.
  ///
  /// The rows are shuffled with ``SplitMix64`` seeded with `seed`; the first
  /// round(testFraction × count) shuffled rows form the test set and the others the training
  /// set (the order of scikit-learn's `train_test_split`). The same seed gives the same split.
  ///
  /// ```swift
  /// let (training, test) = try iris.split(testFraction: 0.2, seed: 42)
  /// training.count   // 120
  /// test.count       // 30
  /// ```
  ///
  /// - Parameters:
  ///   - testFraction: the share of rows in the test set, strictly between 0 and 1.
  ///   - seed: the seed of the shuffle.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when `testFraction`
  ///   is outside (0, 1) or leaves either part without rows.
  public func split(testFraction: Double, seed: UInt64) throws -> (
    training: Dataset, test: Dataset
  ) {
    guard testFraction > 0, testFraction < 1 else {
      throw ModelError.invalidArgument(
        argument: "testFraction", value: "\(testFraction)",
        requirement: "strictly between 0 and 1, such as 0.2 for a fifth of the rows")
    }
    let testCount = Int((testFraction * Double(count)).rounded())
    guard testCount >= 1, testCount < count else {
      throw ModelError.invalidArgument(
        argument: "testFraction", value: "\(testFraction)",
        requirement: "such that both parts get at least one row, but it puts round("
          + "\(testFraction) × \(count)) = \(testCount) of the \(count) rows in the test set")
    }
    var generator = SplitMix64(seed: seed)
    let order = Array(0..<count).shuffled(using: &generator)
    return (training: self[order[testCount...]], test: self[order[..<testCount]])
  }

  /// The rows in consecutive batches of `size` rows, for mini-batch training; the last batch
  /// holds the remainder and may be smaller.
  ///
  /// ```swift
  /// let batches = try iris.batches(size: 64, seed: 7)   // 64, 64 and 22 rows
  /// for epoch in 0..<10 {
  ///   for batch in try iris.batches(size: 64, seed: UInt64(epoch)) { … }
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - size: the number of rows per batch, at least 1.
  ///   - seed: the seed of a ``SplitMix64`` shuffle of the rows before batching, or `nil` to
  ///     keep the rows in order. Use a different seed in each epoch.
  /// - Returns: ⌈count / size⌉ datasets holding every row exactly once; none when the dataset is
  ///   empty.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when `size` < 1.
  public func batches(size: Int, seed: UInt64?) throws -> [Dataset] {
    guard size >= 1 else {
      throw ModelError.invalidArgument(
        argument: "size", value: "\(size)", requirement: "at least 1")
    }
    var order = Array(0..<count)
    if let seed {
      var generator = SplitMix64(seed: seed)
      order.shuffle(using: &generator)
    }
    return stride(from: 0, to: count, by: size).map { start in
      self[order[start..<min(start + size, count)]]
    }
  }

  // MARK: - Standardizing

  /// A ``Standardizer`` fitted to the mean and standard deviation of each feature.
  ///
  /// Fit it on the training rows and use it for both parts, so that no statistic of the test
  /// rows leaks into training:
  ///
  /// ```swift
  /// let standardizer = try training.standardizer()
  /// let x = try training.standardized(using: standardizer)
  /// let xTest = try test.standardized(using: standardizer)
  /// ```
  ///
  /// - Throws: ``ModelError/empty(argument:)`` when the dataset has no rows.
  public func standardizer() throws -> Standardizer<T> {
    try Standardizer(fitting: features)
  }

  /// A copy whose features are standardized, z = (x − μ) / σ, with the μ and σ of
  /// `standardizer`; the targets are kept as they are.
  ///
  /// ```swift
  /// let z = try training.standardized(using: training.standardizer())
  /// ```
  ///
  /// - Throws: ``ModelError/sizeMismatch(argument:expected:actual:advice:)`` when the
  ///   standardizer was fitted to another number of features.
  public func standardized(using standardizer: Standardizer<T>) throws -> Dataset {
    guard standardizer.featureCount == featureCount else {
      throw ModelError.sizeMismatch(
        argument: "standardizer", expected: featureCount, actual: standardizer.featureCount,
        advice: "fit it on data with the same features, e.g. `try training.standardizer()`.")
    }
    var result = self
    result.features = standardizer.transform(features)
    return result
  }
}
