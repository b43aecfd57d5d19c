extension LBFGS: Codable where T: Codable {
  /// The format version this library writes and reads.
  static var formatVersion: Int { 1 }

  private enum CodingKeys: String, SavedStateKey {
    case type, version, scalar
    case learningRate, historySize, lineSearch
    case steps, gradientChanges, inverseCurvatures
  }

  /// Restores a method saved by ``encode(to:)``, which continues exactly as the saved one would
  /// have, with or without bounds.
  ///
  /// The curvature pairs are placed in the first slots of the ring, oldest first; the bounded
  /// step's inner products of the pairs, which are not saved, are computed afresh at its next
  /// step. Both give the same arithmetic as the saved method's ring and cache.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` for another
  ///   method's state, a newer format or another scalar type; for a hyper-parameter or a line
  ///   search constant the initializer rejects; for more pairs than `historySize`, pairs whose
  ///   parts disagree in number or length, or a non-finite value in them.
  ///   ``OptimizationError/empty(argument:)`` for pairs of empty vectors. `DecodingError` when a
  ///   key is missing.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    try container.decodeHeader(type: "LBFGS", version: Self.formatVersion, scalar: T.self)
    try self.init(
      learningRate: container.decode(T.self, forKey: .learningRate),
      historySize: container.decode(Int.self, forKey: .historySize),
      lineSearch: container.decode(StrongWolfeLineSearch<T>.self, forKey: .lineSearch))
    let steps = try container.decode([[T]].self, forKey: .steps)
    let gradientChanges = try container.decode([[T]].self, forKey: .gradientChanges)
    let inverseCurvatures = try container.decode([T].self, forKey: .inverseCurvatures)
    let pairs = steps.count
    guard pairs <= historySize else {
      throw OptimizationError.invalidArgument(
        argument: "steps", value: "\(pairs) curvature pairs",
        requirement: "at most historySize, \(historySize), as the rest of the saved LBFGS state "
          + "implies: the file is damaged or was edited")
    }
    try Check.savedLength(gradientChanges.count, "gradientChanges", expected: pairs, of: "LBFGS")
    try Check.savedLength(
      inverseCurvatures.count, "inverseCurvatures", expected: pairs, of: "LBFGS")
    guard let n = steps.first?.count else { return }
    guard n > 0 else { throw OptimizationError.empty(argument: "steps[0]") }
    for j in 0..<pairs {
      try Check.savedLength(steps[j].count, "steps[\(j)]", expected: n, of: "LBFGS")
      try Check.savedLength(
        gradientChanges[j].count, "gradientChanges[\(j)]", expected: n, of: "LBFGS")
      try Check.finite(steps[j], "steps[\(j)]")
      try Check.finite(gradientChanges[j], "gradientChanges[\(j)]")
    }
    try Check.finite(inverseCurvatures, "inverseCurvatures")
    // The buffers as the first step sizes them, then the pairs in slots 0 … pairs − 1.
    direction = [T](repeating: 0, count: n)
    coefficients = [T](repeating: 0, count: historySize)
    self.inverseCurvatures = [T](repeating: 0, count: historySize)
    self.inverseCurvatures.replaceSubrange(0..<pairs, with: inverseCurvatures)
    self.steps = steps
    self.gradientChanges = gradientChanges
    pairCount = pairs
    newest = pairs - 1
  }

  /// Saves the hyper-parameters, the line search's constants and the curvature pairs, oldest
  /// first: the steps sᵢ, the gradient changes yᵢ and 1/(sᵢᵀyᵢ). Before the first stored pair
  /// the three lists are empty.
  ///
  /// - Throws: ``OptimizationError/invalidArgument(argument:value:requirement:)`` when the
  ///   learning rate is not positive and finite, or a pair holds NaN or infinity.
  public func encode(to encoder: any Encoder) throws {
    try Check.learningRate(learningRate)
    let order = (0..<pairCount).map { (newest - pairCount + 1 + $0 + historySize) % historySize }
    let steps = order.map { self.steps[$0] }
    let gradientChanges = order.map { self.gradientChanges[$0] }
    let inverseCurvatures = order.map { self.inverseCurvatures[$0] }
    for j in order.indices {
      try Check.finite(steps[j], "steps[\(j)]")
      try Check.finite(gradientChanges[j], "gradientChanges[\(j)]")
    }
    try Check.finite(inverseCurvatures, "inverseCurvatures")
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeHeader(type: "LBFGS", version: Self.formatVersion, scalar: T.self)
    try container.encode(learningRate, forKey: .learningRate)
    try container.encode(historySize, forKey: .historySize)
    try container.encode(lineSearch, forKey: .lineSearch)
    try container.encode(steps, forKey: .steps)
    try container.encode(gradientChanges, forKey: .gradientChanges)
    try container.encode(inverseCurvatures, forKey: .inverseCurvatures)
  }
}
