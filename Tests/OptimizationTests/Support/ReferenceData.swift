import Foundation

/// `Resources/optimizers.json`: PyTorch float64 trajectories (see the file's `generator`).
struct ReferenceData: Decodable {
  struct Case: Decodable {
    var objective: String
    var start: [Double]
    var optimizer: String
    var hyperparameters: [String: Hyperparameter]
    var steps: Int
    var parametersAfterEachStep: [[Double]]
    var finalValue: Double

    enum CodingKeys: String, CodingKey {
      case objective, start, optimizer, hyperparameters, steps
      case parametersAfterEachStep = "parameters_after_each_step"
      case finalValue = "final_value"
    }

    var label: String {
      let settings = hyperparameters.keys.sorted().map { "\($0)=\(hyperparameters[$0]!)" }
      return "\(optimizer)(\(settings.joined(separator: ", "))) on \(objective)"
    }
  }

  /// A number, a flag or a list of numbers (`betas`).
  enum Hyperparameter: Decodable, CustomStringConvertible {
    case number(Double)
    case flag(Bool)
    case numbers([Double])

    init(from decoder: Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let flag = try? container.decode(Bool.self) {
        self = .flag(flag)
      } else if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else {
        self = .numbers(try container.decode([Double].self))
      }
    }

    var description: String {
      switch self {
      case .number(let x): return "\(x)"
      case .flag(let b): return "\(b)"
      case .numbers(let xs): return "\(xs)"
      }
    }
  }

  var generator: String
  var objectives: [String: String]
  var cases: [Case]

  static func load() throws -> ReferenceData {
    guard
      let url = Bundle.module.url(
        forResource: "optimizers", withExtension: "json", subdirectory: "Resources")
    else {
      throw CocoaError(.fileNoSuchFile)
    }
    return try JSONDecoder().decode(ReferenceData.self, from: Data(contentsOf: url))
  }
}
