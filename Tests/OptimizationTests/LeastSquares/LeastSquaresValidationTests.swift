import AutoDiff
import Optimization
import Testing

/// y = a·exp(b·x).
private struct Exponential: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] * exp(p[1] * x) }
}

/// y = a·log(b·x): NaN where b·x < 0.
private struct Logarithm: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { p[0] * log(p[1] * x) }
}

/// y = √(a·x): finite at a = 0, with an infinite slope there.
private struct SquareRoot: CurveModel {
  func callAsFunction<S: RealScalar>(_ x: S, _ p: [S]) -> S { sqrt(p[0] * x) }
}

/// Two residuals for three parameters.
private struct TwoResiduals: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] { [p[0] - p[1], p[1] - p[2]] }
}

/// Two residuals near the start, one once p₀ passes 2: not a least-squares problem.
private struct ChangingCount: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
    p[0] > 2 ? [p[0] - 10] : [p[0] - 10, p[0] - 11]
  }
}

/// The message of the error `body` throws, or "" with an issue recorded when it throws none.
private func message(
  sourceLocation: SourceLocation = #_sourceLocation, of body: () throws -> Void
) -> String {
  do {
    try body()
    Issue.record("no error was thrown", sourceLocation: sourceLocation)
    return ""
  } catch {
    return "\(error)"
  }
}

/// Every bad input to the least-squares solvers throws an `OptimizationError` whose message says
/// what to change, word for word.
@Suite("Least squares: bad input")
struct LeastSquaresValidationTests {
  let x: [Double] = [0, 1, 2, 3]
  let y: [Double] = [1.0, 2.7, 7.4, 20.1]

  @Test func mismatchedCounts() {
    #expect(
      message { _ = try fitCurve(Exponential(), x: x, y: [1, 2, 3], from: [1, 1]) }
        == "`y` has 3 elements but `x` has 4; pass one value of each per data point.")
    #expect(
      message {
        _ = try fitCurve(Exponential(), x: x, y: y, weights: [1, 1, 1, 1, 1], from: [1, 1])
      } == "`weights` has 5 elements but `x` has 4; pass one value of each per data point.")
  }

  @Test func emptyData() {
    #expect(
      message { _ = try fitCurve(Exponential(), x: [], y: [], from: [1, 1]) }
        == "`x` is empty; pass at least as many data points as there are parameters.")
    #expect(
      message { _ = try fitCurve(Exponential(), x: x, y: y, from: []) }
        == "`start` is empty; pass at least one parameter to optimize.")
  }

  @Test func fewerResidualsThanParameters() {
    #expect(
      message { _ = try fitCurve(Exponential(), x: [1], y: [2], from: [1, 1]) }
        == "the problem has 1 residual but 2 parameters; least squares needs at least one "
        + "residual (data point) per parameter: add data or fit fewer parameters.")
    #expect(
      message { _ = try leastSquares(TwoResiduals(), from: [1.0, 2, 3]) }
        == "the problem has 2 residuals but 3 parameters; least squares needs at least one "
        + "residual (data point) per parameter: add data or fit fewer parameters.")
    // Points of weight 0 do not count.
    #expect(
      message {
        _ = try fitCurve(Exponential(), x: x, y: y, weights: [1, 0, 0, 0], from: [1, 1])
      }.hasPrefix("the problem has 1 residual but 2 parameters"))
  }

  @Test func nonFiniteDataAndWeights() {
    #expect(
      message { _ = try fitCurve(Exponential(), x: [0, .nan, 2, 3], y: y, from: [1, 1]) }
        == "`x[1]` is NaN; remove that data point or replace the value with a finite number.")
    #expect(
      message { _ = try fitCurve(Exponential(), x: x, y: [1, 2, .infinity, 4], from: [1, 1]) }
        == "`y[2]` is inf; remove that data point or replace the value with a finite number.")
    #expect(
      message {
        _ = try fitCurve(Exponential(), x: x, y: y, weights: [1, 1, 1, -.infinity], from: [1, 1])
      }
        == "`weights[3]` is -inf; remove that data point or replace the value with a finite "
        + "number.")
    #expect(
      message { _ = try fitCurve(Exponential(), x: x, y: y, from: [1, .nan]) }
        == "`start[1]` is NaN; it must be finite; start from a point where the model can be "
        + "evaluated.")
  }

  @Test func negativeWeight() {
    #expect(
      message {
        _ = try fitCurve(Exponential(), x: x, y: y, weights: [1, -0.5, 1, 1], from: [1, 1])
      }
        == "`weights[1]` is -0.5; it must be zero or positive, such as 1/σ² for a point of "
        + "standard deviation σ (0 leaves the point out).")
  }

  @Test(arguments: [-1.0, .nan, .infinity])
  func invalidTolerances(_ value: Double) {
    let shown = "\(value)"  // as `Check` prints it: nan, -1.0, inf
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(reductionTolerance: value))
      }
        == "`reductionTolerance` is \(shown); it must be zero or positive and finite, such as "
        + "1e-10.")
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(stepTolerance: value))
      }.hasPrefix("`stepTolerance` is \(shown); it must be zero or positive and finite"))
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(gradientTolerance: value))
      }.hasPrefix("`gradientTolerance` is \(shown); it must be zero or positive and finite"))
  }

  @Test func invalidLimitsScalingAndLoss() {
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(maximumIterations: 0))
      } == "`maximumIterations` is 0; it must be at least 1.")
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(initialRadiusFactor: 0))
      } == "`initialRadiusFactor` is 0.0; it must be positive and finite, such as 100.")
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(scaling: .fixed([1])))
      }
        == "`scaling` has 1 element but must have 2, one per parameter; give one positive "
        + "scale per parameter, or use .jacobianColumnNorms.")
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], options: .init(loss: .huber(scale: -1)))
      }
        == "`loss scale` is -1.0; it must be positive and finite, such as 1 (about the size of "
        + "an inlier's residual).")
  }

  @Test func nonFiniteResidualsOrJacobianAtTheStart() {
    #expect(
      message { _ = try fitCurve(Logarithm(), x: [1, 2, 3, 4], y: y, from: [1, -1]) }
        == "residual 0 is NaN at the starting parameters; start where the model is finite "
        + "(look for a logarithm or square root of a negative number, a division by zero or an "
        + "overflowing exponential).")
    #expect(
      message { _ = try fitCurve(SquareRoot(), x: [1, 2], y: [1, 2], from: [0]) }
        == "the derivative of residual 0 with respect to parameter 0 is inf at the starting "
        + "parameters; start where the model is finite (look for a logarithm or square root of "
        + "a negative number, a division by zero or an overflowing exponential).")
  }

  @Test func aNumberOfResidualsThatChanges() {
    #expect(
      message { _ = try leastSquares(ChangingCount(), from: [1.0]) }
        == "`number of residuals` is 1 at one point and 2 at the start; it must be the same at "
        + "every point: it may depend on the number of parameters but not on their values.")
  }

  // MARK: - Bounds

  @Test func boundsOfAnotherSizeThanTheStart() {
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], bounds: Bounds(count: 3, lower: 0))
      }
        == "`bounds` has 3 elements but must have 2, one per parameter; give one lower and one "
        + "upper bound per parameter (-.infinity or .infinity where there is none).")
    #expect(
      message {
        _ = try leastSquares(TwoResiduals(), from: [1.0, 2], bounds: Bounds(lower: [0]))
      }
        == "`bounds` has 1 element but must have 2, one per parameter; give one lower and one "
        + "upper bound per parameter (-.infinity or .infinity where there is none).")
  }

  @Test func boundsThatCannotBeMet() {
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1], bounds: Bounds(lower: [0, .nan]))
      } == "`lower[1]` is NaN; it must be a number, or -.infinity for no lower bound.")
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, 1],
          bounds: Bounds(lower: [0, 5], upper: [1, 3]))
      }
        == "`lower[1]` is 5.0, above upper[1] = 3.0; it must be at most the upper bound of the "
        + "same parameter; swap them if they were entered the wrong way round.")
  }

  @Test func aStartMovedOntoABoundWhereTheModelIsNotFinite() {
    // b = −1 is moved onto its bound 0, where log(b·x) = −∞.
    #expect(
      message {
        _ = try fitCurve(
          Logarithm(), x: [1, 2, 3, 4], y: y, from: [1, -1], bounds: Bounds(lower: [0, 0]))
      }
        == "residual 0 (with parameter 1 moved onto its bound) is -inf at the starting "
        + "parameters; start where the model is finite (look for a logarithm or square root of "
        + "a negative number, a division by zero or an overflowing exponential).")
    // A NaN start is an error of the start, not moved onto the bounds.
    #expect(
      message {
        _ = try fitCurve(
          Exponential(), x: x, y: y, from: [1, .nan], bounds: Bounds(lower: [0, 0]))
      }
        == "`start[1]` is NaN; it must be finite; start from a point where the model can be "
        + "evaluated.")
  }
}
