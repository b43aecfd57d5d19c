/// Saving and loading with any `Codable` coder, such as JSON; the layout is under ``init(from:)``.
extension MultilayerPerceptron: Codable where T: Codable {
  private enum CodingKeys: String, CodingKey {
    case layerSizes, activation, standardizesFeatures, parameters, standardizer, trainingCost
  }

  /// Decodes a network saved by ``encode(to:)``.
  ///
  /// A network saves as its header, its shape, its parameters and, once fitted, its standardizer
  /// and cost:
  ///
  /// ```json
  /// {"type": "MultilayerPerceptron", "version": 1, "scalar": "Double",
  ///  "layerSizes": [2, 3, 1], "activation": "tanh", "standardizesFeatures": true,
  ///  "parameters": [0.3, -1.2, …],
  ///  "standardizer": {"type": "Standardizer", "version": 1, "scalar": "Double",
  ///                   "means": [5.8, 3.1], "deviations": [0.8, 0.4]},
  ///  "trainingCost": 0.05}
  /// ```
  ///
  /// `parameters` is laid out as ``parameters``. `standardizer` is absent for a network that does
  /// not standardize its inputs, and before the first fit; `trainingCost` is absent before the
  /// first fit and after ``setParameters(_:standardizer:)``. A restored network predicts the
  /// same numbers as the saved one, bit for bit:
  ///
  /// ```swift
  /// let data = try JSONEncoder().encode(network)
  /// try data.write(to: url)
  ///
  /// let restored = try JSONDecoder().decode(
  ///   MultilayerPerceptron<Double>.self, from: Data(contentsOf: url))
  /// // restored == network
  /// ```
  ///
  /// - Throws: ``ModelError/incompatibleFile(expected:found:advice:)`` for another model or
  ///   scalar type, ``ModelError/newerFormat(model:version:newest:)`` for a newer format, and
  ///   ``ModelError/corruptedFile(model:problem:)`` for layer sizes that
  ///   ``init(layerSizes:activation:standardizesFeatures:seed:)`` rejects, an unknown
  ///   activation, parameters of another count than the layers have, a standardizer of another
  ///   width than the inputs, a fitted network that standardizes its inputs but has no
  ///   standardizer (or one that does not, but has one), or a non-finite value;
  ///   `DecodingError` for a value of the wrong kind.
  public init(from decoder: any Decoder) throws {
    let file = try ModelArchive.reader(
      type: "MultilayerPerceptron", scalar: T.self, keyedBy: CodingKeys.self, from: decoder)
    let layerSizes: [Int] = try file.required(.layerSizes)
    let parameterCount = try file.checked { try Self.checkLayerSizes(layerSizes) }
    let name: String = try file.required(.activation)
    guard let activation = Activation(rawValue: name) else {
      let names = Activation.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
      throw file.corrupted("`activation` is \"\(name)\"; it must be one of \(names)")
    }
    let standardizesFeatures: Bool = try file.required(.standardizesFeatures)
    let parameters: [T] = try file.required(.parameters)
    guard parameters.count == parameterCount else {
      throw file.corrupted(
        "`parameters` has \(ModelArchive.counted(parameters.count, "element")), but layers "
          + "\(layerSizes) have \(parameterCount) weights and biases")
    }
    try file.finite(parameters, .parameters)
    let standardizer: Standardizer<T>? = try file.optional(.standardizer)
    let trainingCost: T? = try file.optional(.trainingCost)
    try file.finite(trainingCost, .trainingCost)
    if let standardizer {
      guard standardizesFeatures else {
        throw file.corrupted(
          "`standardizer` is present, but `standardizesFeatures` is false, so the network "
            + "would not apply it")
      }
      guard standardizer.featureCount == layerSizes[0] else {
        throw file.corrupted(
          "`standardizer` has \(ModelArchive.counted(standardizer.featureCount, "feature")), "
            + "but the network has \(ModelArchive.counted(layerSizes[0], "input"))")
      }
    } else if standardizesFeatures, trainingCost != nil {
      throw file.corrupted(
        "`standardizer` is missing, but the network standardizes its inputs and was fitted "
          + "(`trainingCost` is present)")
    }
    self.layerSizes = layerSizes
    self.activation = activation
    self.standardizesFeatures = standardizesFeatures
    self.parameters = parameters
    self.standardizer = standardizer
    self.trainingCost = trainingCost
  }

  /// Encodes the header, ``layerSizes``, ``activation`` (its raw value), ``standardizesFeatures``,
  /// ``parameters``, and ``standardizer`` and ``trainingCost`` when present.
  public func encode(to encoder: any Encoder) throws {
    try ModelArchive.writeHeader(type: "MultilayerPerceptron", scalar: T.self, to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(layerSizes, forKey: .layerSizes)
    try container.encode(activation.rawValue, forKey: .activation)
    try container.encode(standardizesFeatures, forKey: .standardizesFeatures)
    try container.encode(parameters, forKey: .parameters)
    try container.encodeIfPresent(standardizer, forKey: .standardizer)
    try container.encodeIfPresent(trainingCost, forKey: .trainingCost)
  }
}
