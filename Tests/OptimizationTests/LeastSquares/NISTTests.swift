import Foundation
import Optimization
import Testing

/// The NIST StRD nonlinear regression problems of Resources/nist from both starts, scored as
/// Mondragon & Borchers (2005) and Ceres Solver do: the LRE of the worst parameter.
@Suite("NIST StRD nonlinear regression")
struct NISTTests {
  struct Run {
    var problem: String
    var start: Int
    var lre: Double
    var standardDeviationLRE: Double
    var detail: String
  }

  static func run(
    _ problem: NISTProblem, start: Int,
    options: LeastSquaresOptions<Double> = LeastSquaresOptions()
  ) throws -> Run {
    let fit = try problem.fit(start: start, options: options)
    let lre = zip(fit.parameters, problem.certifiedParameters).map(logRelativeError).min() ?? 0
    let errors = fit.standardErrors ?? fit.parameters.map { _ in .nan }
    let sdLRE =
      zip(errors, problem.certifiedStandardDeviations).map(logRelativeError).min() ?? 0
    let detail =
      "\(fit.stopReason); \(fit.iterations) iterations, \(fit.evaluations) evaluations, "
      + "\(fit.polishSteps) polish steps; RSS LRE "
      + String(
        format: "%.2f",
        logRelativeError(fit.residualSumOfSquares, problem.certifiedResidualSumOfSquares))
    return Run(
      problem: problem.name, start: start + 1, lre: lre, standardDeviationLRE: sdLRE,
      detail: detail)
  }

  @Test func everyRunIsSolvedWithAnAverageOfTenDigits() throws {
    var runs: [Run] = []
    for name in NISTProblem.names {
      let problem = try NISTProblem.load(name)
      for start in 0..<2 {
        let run = try Self.run(problem, start: start)
        print(
          "NIST \(run.problem) start \(run.start): LRE \(String(format: "%.2f", run.lre)), "
            + "standard deviations \(String(format: "%.2f", run.standardDeviationLRE)); "
            + run.detail)
        #expect(run.lre >= 4, "\(name) start \(start + 1): LRE \(run.lre)")
        let sdTarget = name == "Lanczos1" ? 3.0 : 4.0
        #expect(
          run.standardDeviationLRE >= sdTarget,
          "\(name) start \(start + 1): standard deviations' LRE \(run.standardDeviationLRE)")
        runs.append(run)
      }
    }
    let average = runs.map(\.lre).reduce(0, +) / Double(runs.count)
    print("NIST average LRE \(String(format: "%.2f", average)) over \(runs.count) runs")
    #expect(average >= 10, "average LRE \(average)")
  }

  /// Without the polish, or with Gauss–Newton steps only, every run is still solved; the
  /// averages are printed for the article "Fitting curves".
  @Test(arguments: [
    LeastSquaresOptions<Double>.PolishMethod.none, .gaussNewton,
  ])
  func everyRunIsSolvedWithAnyPolish(_ method: LeastSquaresOptions<Double>.PolishMethod) throws {
    var total = 0.0
    var worst = 11.0
    for name in NISTProblem.names {
      let problem = try NISTProblem.load(name)
      for start in 0..<2 {
        let run = try Self.run(problem, start: start, options: .init(polishMethod: method))
        #expect(run.lre >= 4, "\(name) start \(start + 1) with \(method): LRE \(run.lre)")
        total += run.lre
        worst = min(worst, run.lre)
      }
    }
    let average = total / Double(2 * NISTProblem.names.count)
    print(
      "NIST polish \(method): average LRE \(String(format: "%.2f", average)), worst "
        + String(format: "%.2f", worst))
  }

  /// The benchmark's copy of the problems (Benchmarks/Speed/NIST.swift and its Resources/nist)
  /// is the same as the tests': the same parser and models, the same bytes of data.
  @Test func theBenchmarkCopyIsInSync() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent()  // LeastSquares
      .deletingLastPathComponent()  // OptimizationTests
      .deletingLastPathComponent()  // Tests
      .deletingLastPathComponent()
    func body(_ path: String, upTo end: String?) throws -> Substring {
      let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
      let start = try #require(text.range(of: "/// One NIST StRD problem")).lowerBound
      let stop = try end.map { try #require(text.range(of: $0)).lowerBound } ?? text.endIndex
      return text[start..<stop]
    }
    let tests = try body("Tests/OptimizationTests/Support/NIST.swift", upTo: nil)
    let benchmark = try body("Benchmarks/Speed/NIST.swift", upTo: "\nfunc benchmarkNIST()")
    #expect(
      tests.trimmingCharacters(in: .whitespacesAndNewlines)
        == benchmark.trimmingCharacters(in: .whitespacesAndNewlines),
      "the models or the parser of Benchmarks/Speed/NIST.swift differ from the tests'")
    for name in NISTProblem.names {
      let a = try Data(
        contentsOf: root.appendingPathComponent(
          "Tests/OptimizationTests/Resources/nist/\(name).dat"))
      let b = try Data(
        contentsOf: root.appendingPathComponent("Benchmarks/Speed/Resources/nist/\(name).dat"))
      #expect(a == b, "\(name).dat differs between the tests and the benchmark")
    }
  }
}
