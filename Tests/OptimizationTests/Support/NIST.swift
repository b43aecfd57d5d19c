import AutoDiff
import Foundation
import Optimization

// The NIST StRD nonlinear regression problems of Resources/nist, as NIST distributes them, and
// their models in Swift. Benchmarks/Speed/NIST.swift has its own copy of this code from
// `NISTProblem` on, and of the data (the benchmark may not depend on test files);
// `NISTTests.theBenchmarkCopyIsInSync()` checks that the copies are the same.

/// One NIST StRD problem: data, two starts, certified values.
struct NISTProblem {
  var name: String
  /// Start 1 (far from the solution) and start 2 (near it).
  var starts: [[Double]]
  var certifiedParameters: [Double]
  var certifiedStandardDeviations: [Double]
  var certifiedResidualSumOfSquares: Double
  /// The response, one per observation.
  var y: [Double]
  /// The predictors: one column for every problem but Nelson, which has two.
  var x: [[Double]]

  /// The 18 problems, in the order of the files' names.
  static let names = [
    "Chwirut2", "DanWood", "ENSO", "Gauss1", "Gauss2", "Gauss3", "Hahn1", "Kirby2", "Lanczos1",
    "Lanczos3", "MGH10", "MGH17", "Misra1a", "Misra1b", "Misra1d", "Nelson", "Rat42",
    "Roszman1",
  ]

  /// Reads `Resources/nist/NAME.dat`.
  static func load(_ name: String) throws -> NISTProblem {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: "dat", subdirectory: "Resources/nist")
    else { throw CocoaError(.fileNoSuchFile) }
    return try parse(name: name, text: String(contentsOf: url, encoding: .utf8))
  }

  /// Parses the NIST format: `bN = start1 start2 certified sd` lines, the certified residual
  /// sum of squares, and the data after the second line that begins with `Data:`.
  static func parse(name: String, text: String) throws -> NISTProblem {
    var starts: [[Double]] = [[], []]
    var certified: [Double] = []
    var deviations: [Double] = []
    var sumOfSquares = Double.nan
    var y: [Double] = []
    var x: [[Double]] = []
    var dataLines = 0
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("Data:") {
        dataLines += 1
        continue
      }
      if dataLines >= 2 {
        let values = trimmed.split(separator: " ").compactMap { Double($0) }
        guard !values.isEmpty else { continue }
        y.append(values[0])
        if x.isEmpty { x = Array(repeating: [], count: values.count - 1) }
        for k in 1..<values.count { x[k - 1].append(values[k]) }
      } else if trimmed.hasPrefix("b"), let equals = trimmed.firstIndex(of: "=") {
        let values = trimmed[trimmed.index(after: equals)...].split(separator: " ")
          .compactMap { Double($0) }
        guard values.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
        starts[0].append(values[0])
        starts[1].append(values[1])
        certified.append(values[2])
        deviations.append(values[3])
      } else if trimmed.hasPrefix("Residual Sum of Squares:") {
        sumOfSquares = Double(trimmed.split(separator: " ").last ?? "") ?? .nan
      }
    }
    return NISTProblem(
      name: name, starts: starts, certifiedParameters: certified,
      certifiedStandardDeviations: deviations, certifiedResidualSumOfSquares: sumOfSquares,
      y: y, x: x)
  }

  /// Fits the problem's model from start `start` (0 or 1).
  func fit(
    start: Int, options: LeastSquaresOptions<Double> = LeastSquaresOptions()
  ) throws -> LeastSquaresResult<Double> {
    let p0 = starts[start]
    func curve<M: CurveModel>(_ model: M) throws -> LeastSquaresResult<Double> {
      try fitCurve(model, x: x[0], y: y, from: p0, options: options)
    }
    switch name {
    case "Chwirut2": return try curve(NISTModels.Chwirut())
    case "DanWood": return try curve(NISTModels.DanWood())
    case "ENSO": return try curve(NISTModels.ENSO())
    case "Gauss1", "Gauss2", "Gauss3": return try curve(NISTModels.Gauss())
    case "Hahn1": return try curve(NISTModels.Hahn1())
    case "Kirby2": return try curve(NISTModels.Kirby2())
    case "Lanczos1", "Lanczos3": return try curve(NISTModels.Lanczos())
    case "MGH10": return try curve(NISTModels.MGH10())
    case "MGH17": return try curve(NISTModels.MGH17())
    case "Misra1a": return try curve(NISTModels.Misra1a())
    case "Misra1b": return try curve(NISTModels.Misra1b())
    case "Misra1d": return try curve(NISTModels.Misra1d())
    case "Nelson":
      return try leastSquares(
        NISTModels.Nelson(x1: x[0], x2: x[1], y: y), from: p0, options: options)
    case "Rat42": return try curve(NISTModels.Rat42())
    case "Roszman1": return try curve(NISTModels.Roszman1())
    default: throw CocoaError(.featureUnsupported)
    }
  }
}

/// The log relative error of `estimate` against `certified`: the number of correct significant
/// digits, −log₁₀(|b − c| / |c|), capped to [0, 11].
func logRelativeError(_ estimate: Double, _ certified: Double) -> Double {
  guard estimate.isFinite else { return 0 }
  if estimate == certified { return 11 }
  let relative = abs(estimate - certified) / abs(certified)
  return min(11, max(0, -log10(relative)))
}

/// The models of the NIST problems, as written in their files (b1 … bₙ are b[0] … b[n − 1]).
enum NISTModels {
  /// y = exp(−b1·x) / (b2 + b3·x)
  struct Chwirut: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      exp(-b[0] * x) / (b[1] + b[2] * x)
    }
  }

  /// y = b1·x^b2
  struct DanWood: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S { b[0] * pow(x, b[1]) }
  }

  /// y = b1 + b2 cos(2πx/12) + b3 sin(2πx/12) + b5 cos(2πx/b4) + b6 sin(2πx/b4)
  ///   + b8 cos(2πx/b7) + b9 sin(2πx/b7)
  struct ENSO: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      let twoPiX = S(2 * Double.pi) * x
      let annual = twoPiX / 12
      var y = b[0] + b[1] * cos(annual) + b[2] * sin(annual)
      y += b[4] * cos(twoPiX / b[3]) + b[5] * sin(twoPiX / b[3])
      y += b[7] * cos(twoPiX / b[6]) + b[8] * sin(twoPiX / b[6])
      return y
    }
  }

  /// y = b1 exp(−b2·x) + b3 exp(−(x − b4)²/b5²) + b6 exp(−(x − b7)²/b8²)
  struct Gauss: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      let first = (x - b[3]) / b[4]
      let second = (x - b[6]) / b[7]
      return b[0] * exp(-b[1] * x) + b[2] * exp(-first * first) + b[5] * exp(-second * second)
    }
  }

  /// y = (b1 + b2·x + b3·x² + b4·x³) / (1 + b5·x + b6·x² + b7·x³)
  struct Hahn1: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      (b[0] + x * (b[1] + x * (b[2] + x * b[3]))) / (1 + x * (b[4] + x * (b[5] + x * b[6])))
    }
  }

  /// y = (b1 + b2·x + b3·x²) / (1 + b4·x + b5·x²)
  struct Kirby2: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      (b[0] + x * (b[1] + x * b[2])) / (1 + x * (b[3] + x * b[4]))
    }
  }

  /// y = b1 exp(−b2·x) + b3 exp(−b4·x) + b5 exp(−b6·x)
  struct Lanczos: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      b[0] * exp(-b[1] * x) + b[2] * exp(-b[3] * x) + b[4] * exp(-b[5] * x)
    }
  }

  /// y = b1 exp(b2 / (x + b3))
  struct MGH10: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S { b[0] * exp(b[1] / (x + b[2])) }
  }

  /// y = b1 + b2 exp(−x·b4) + b3 exp(−x·b5)
  struct MGH17: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      b[0] + b[1] * exp(-x * b[3]) + b[2] * exp(-x * b[4])
    }
  }

  /// y = b1 (1 − exp(−b2·x))
  struct Misra1a: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S { b[0] * (1 - exp(-b[1] * x)) }
  }

  /// y = b1 (1 − (1 + b2·x/2)⁻²)
  struct Misra1b: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      b[0] * (1 - pow(1 + b[1] * x / 2, -2))
    }
  }

  /// y = b1·b2·x / (1 + b2·x)
  struct Misra1d: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      b[0] * b[1] * x / (1 + b[1] * x)
    }
  }

  /// log y = b1 − b2·x1 exp(−b3·x2): two predictors, so written as residuals.
  struct Nelson: DifferentiableVectorFunction {
    var x1: [Double]
    var x2: [Double]
    var y: [Double]
    func callAsFunction<S: RealScalar>(_ b: [S]) -> [S] {
      x1.indices.map { i in
        b[0] - b[1] * S(x1[i]) * exp(-b[2] * S(x2[i])) - S(Foundation.log(y[i]))
      }
    }
  }

  /// y = b1 / (1 + exp(b2 − b3·x))
  struct Rat42: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S { b[0] / (1 + exp(b[1] - b[2] * x)) }
  }

  /// y = b1 − b2·x − atan2(b3, x − b4)/π (the branch of the certified values)
  struct Roszman1: CurveModel {
    func callAsFunction<S: RealScalar>(_ x: S, _ b: [S]) -> S {
      b[0] - b[1] * x - atan2(b[2], x - b[3]) / S(Double.pi)
    }
  }
}
