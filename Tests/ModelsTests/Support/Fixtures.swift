import Foundation
import Models
import Testing

/// The data sets of `Resources/` (see `Examples/Data/README.md` for their sources), and small
/// hand-made data whose answers are known.
enum Fixtures {
  /// The URL of `Resources/NAME.csv`.
  static func url(_ name: String) throws -> URL {
    try #require(
      Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources"))
  }

  /// 442 patients, 10 mean-centred and scaled features, `target` = disease progression.
  static func diabetes() throws -> Dataset<Double> {
    try Dataset(contentsOf: url("diabetes"), target: "target")
  }

  /// 569 tumours, 30 raw features, `malignant0_benign1` = 0 malignant, 1 benign.
  static func breastCancer() throws -> Dataset<Double> {
    try Dataset(contentsOf: url("breast_cancer"), target: "malignant0_benign1")
  }

  /// 150 flowers, 4 features in cm, `species` = 0, 1 or 2.
  static func iris() throws -> Dataset<Double> {
    try Dataset(contentsOf: url("iris"), target: "species")
  }

  /// 30 heights (cm) and weights (kg): a noisy line, so that no single row's gradient vanishes
  /// at the least-squares line and stochastic updates must decay to settle on it.
  static let heights: [Double] = [
    179, 163, 175, 175, 158, 168, 182, 171, 166, 190, 160, 177, 173, 185, 169,
    164, 180, 172, 157, 187, 170, 176, 162, 183, 167, 174, 161, 178, 181, 165,
  ]

  /// The weights of ``heights``: 0.9·height − 88 plus a fixed, irregular residual in ±6 kg.
  static var weights: [Double] {
    let residuals: [Double] = [
      2.4, -5.1, 4.0, -3.2, 1.7, -0.6, 5.3, -4.4, 0.9, -2.8, 3.6, -1.5, 0.2, 4.7, -5.8,
      2.1, -0.3, 3.3, -2.2, 1.1, -4.9, 5.6, 0.4, -3.7, 2.9, -1.2, 4.4, -0.8, -2.6, 1.5,
    ]
    return zip(heights, residuals).map { height, residual in
      let line = 0.9 * height - 88
      return line + residual
    }
  }
}
