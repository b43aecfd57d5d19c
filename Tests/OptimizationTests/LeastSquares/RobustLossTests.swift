import AutoDiff
import Foundation
import Optimization
import Testing

/// y = a + b·x.
private struct Line: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] + p[1] * x }
}

/// y = a·exp(−b·x).
private struct Decay: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] * exp(-p[1] * x) }
}

/// Deterministic noise in [−amplitude, amplitude].
private func noise(_ i: Int, amplitude: Double) -> Double {
  amplitude * sin(Double(i) * 12.9898 + 78.233)
}

@Suite("Least squares: robust losses")
struct RobustLossTests {
  static let robustKinds = RobustLoss<Double>.Kind.allCases.filter { $0 != .linear }

  static func loss(_ kind: RobustLoss<Double>.Kind, scale: Double) -> RobustLoss<Double> {
    switch kind {
    case .linear: .linear
    case .huber: .huber(scale: scale)
    case .softL1: .softL1(scale: scale)
    case .cauchy: .cauchy(scale: scale)
    }
  }

  /// y = 2 + 0.5x + noise of ±0.1 on 40 points, five of them replaced by gross outliers.
  static let line: (x: [Double], y: [Double]) = {
    let x = (0..<40).map { Double($0) / 4 }
    var y = x.enumerated().map { i, x in 2 + 0.5 * x + noise(i, amplitude: 0.1) }
    for i in [5, 13, 22, 30, 37] { y[i] += 8 }
    return (x, y)
  }()

  @Test(arguments: robustKinds)
  func aRobustLineIgnoresOutliersThatPullLeastSquaresAway(_ kind: RobustLoss<Double>.Kind) throws {
    let (x, y) = Self.line
    let plain = try fitCurve(Line(), x: x, y: y, from: [0, 0])
    #expect(abs(plain.parameters[0] - 2) > 0.5, "least squares is pulled by the outliers")

    let robust = try fitCurve(
      Line(), x: x, y: y, from: [0, 0], options: .init(loss: Self.loss(kind, scale: 0.2)))
    #expect(robust.converged, "\(kind): \(robust.stopReason)")
    #expect(abs(robust.parameters[0] - 2) < 0.1, "\(kind): intercept \(robust.parameters[0])")
    #expect(abs(robust.parameters[1] - 0.5) < 0.02, "\(kind): slope \(robust.parameters[1])")
    #expect(robust.cost < plain.cost)
  }

  @Test(arguments: robustKinds)
  func aRobustExponentialDecayIsRecovered(_ kind: RobustLoss<Double>.Kind) throws {
    let x = (0..<30).map { Double($0) / 5 }
    var y = x.enumerated().map { i, x in 5 * exp(-0.7 * x) + noise(i, amplitude: 0.02) }
    for i in [3, 11, 19, 26] { y[i] += 2.5 }
    let plain = try fitCurve(Decay(), x: x, y: y, from: [1, 1])
    let robust = try fitCurve(
      Decay(), x: x, y: y, from: [1, 1], options: .init(loss: Self.loss(kind, scale: 0.05)))
    #expect(abs(plain.parameters[1] - 0.7) > 0.1, "least squares: \(plain.parameters)")
    #expect(abs(robust.parameters[0] - 5) < 0.05, "\(kind): \(robust.parameters)")
    #expect(abs(robust.parameters[1] - 0.7) < 0.01, "\(kind): \(robust.parameters)")
  }

  @Test func lossesAgreeWithLeastSquaresOnSmallResiduals() throws {
    // Without outliers and with a scale far above the residuals, every loss is ≈ z.
    let x = (0..<20).map { Double($0) }
    let y = x.enumerated().map { i, x in 1 + 2 * x + noise(i, amplitude: 0.01) }
    let plain = try fitCurve(Line(), x: x, y: y, from: [0, 0])
    for kind in Self.robustKinds {
      let fit = try fitCurve(
        Line(), x: x, y: y, from: [0, 0], options: .init(loss: Self.loss(kind, scale: 1e3)))
      #expect(isClose(fit.parameters[1], plain.parameters[1], relative: 1e-6), "\(kind)")
    }
  }

  @Test func costIsTheSumOfTheScaledLoss() throws {
    let (x, y) = Self.line
    let c = 0.3
    let fit = try fitCurve(
      Line(), x: x, y: y, from: [0, 0], options: .init(loss: .cauchy(scale: c)))
    var expected = 0.0
    var sumOfSquares = 0.0
    for r in fit.residuals {
      let z: Double = r * r / (c * c)
      expected += c * c * Foundation.log1p(z)
      sumOfSquares += r * r
    }
    #expect(isClose(fit.cost, expected, relative: 1e-12))
    #expect(isClose(fit.residualSumOfSquares, sumOfSquares))
    #expect("\(RobustLoss<Double>.huber(scale: 0.5))" == "huber(scale: 0.5)")
    #expect("\(RobustLoss<Double>.linear)" == "linear")
  }
}
