import AutoDiff
import Foundation
import Optimization
import Testing

/// Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², the chained Rosenbrock function of the bounded references.
private func chainedRosenbrock<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in 0..<(x.count - 1) {
    let a = 1 - x[i]
    let b = x[i + 1] - x[i] * x[i]
    total += 100 * b * b + a * a
  }
  return total
}

/// Σᵢ (i + 1)(xᵢ − 3)², `quadratic5_box` of the bounded references.
private func shiftedQuadratic<S: RealScalar>(_ x: [S]) -> S {
  var total: S = 0
  for i in x.indices {
    let d = x[i] - 3
    total += S(i + 1) * d * d
  }
  return total
}

/// A minimizer reached "to within 1e-6 of its largest component, or a lower value": the
/// acceptance rule of `bounded.json` (SciPy's L-BFGS-B may stop at another local minimum).
private func meetsReference(
  _ result: MinimizationResult<Double>, minimizer: [Double], value: Double
) -> Bool {
  let scale = minimizer.map(abs).max() ?? 1
  let close = zip(result.minimizer, minimizer).allSatisfy { abs($0 - $1) <= 1e-6 * scale }
  return close || result.value < value
}

// The default gradient tolerance, 1e-8: a tighter one ends these runs `.stalled` at about 2e-9,
// where no step lowers the cost in double precision any more.
private let tight = MinimizationOptions<Double>(maximumIterations: 2_000)

/// The references of `../shared/reference/bounded.json` (SciPy L-BFGS-B, ftol 1e-15, gtol 1e-12),
/// copied here because nothing may read that directory at run time; 1e300 there means no bound.
@Suite struct LBFGSBReferenceTests {
  @Test func rosenbrockInATwoDimensionalBox() throws {
    let bounds = try Bounds<Double>(lower: [-1.5, -0.5], upper: [0.5, 2.0])
    let result = try minimize(
      chainedRosenbrock, from: [-1.2, 1.0], using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.converged, "\(result.stopReason)")
    #expect(
      meetsReference(result, minimizer: [0.5, 0.2499999949958299], value: 0.2500000000000025),
      "\(result.minimizer) \(result.value)")
    // x₀ is held at its upper bound, where the raw gradient does not vanish.
    #expect(result.minimizer[0] == 0.5)
    #expect(bounds.activeIndices(at: result.minimizer) == [0])
    var gradient = [0.0, 0.0]
    _ = valueWithGradient(at: result.minimizer, into: &gradient, of: chainedRosenbrock)
    #expect(gradient[0] < -0.5, "the raw gradient pushes against the bound: \(gradient)")
    #expect(result.gradientNorm <= 1e-8)
  }

  @Test func rosenbrockWithTenVariablesAndUpperBounds() throws {
    let start = (0..<5).flatMap { _ in [-1.2, 1.0] }
    let upper = (0..<5).flatMap { _ in [0.8, Double.infinity] }
    let bounds = try Bounds<Double>(upper: upper)
    let result = try minimize(
      chainedRosenbrock, from: start, using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.converged, "\(result.stopReason)")
    let reference = [
      0.8, 0.6658864522908952, 0.4603335765298576, 0.22443286871026086, 0.06099734703323561,
      0.013862205331601153, 0.010297187769315284, 0.010206045724134014, 0.010004117379145423,
      0.00010007725257050181,
    ]
    #expect(
      meetsReference(result, minimizer: reference, value: 6.001016394606368),
      "\(result.minimizer) \(result.value)")
    for (i, x) in result.minimizer.enumerated() where i % 2 == 0 { #expect(x <= 0.8) }
  }

  @Test func quadraticInABoxWithThreeActiveBounds() throws {
    let bounds = try Bounds<Double>(lower: [-1, 0, 0, 0, 3.5], upper: [2, 5, 3, 10, 9])
    let result = try minimize(
      shiftedQuadratic, from: [0, 0, 0, 0, 0], using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.converged, "\(result.stopReason)")
    #expect(
      meetsReference(
        result, minimizer: [2.0, 2.9999999884998076, 3.0, 2.999999995242144, 3.5], value: 2.25),
      "\(result.minimizer) \(result.value)")
    // Active bounds are met exactly, not approached.
    #expect(result.minimizer[0] == 2)
    #expect(result.minimizer[2] == 3)
    #expect(result.minimizer[4] == 3.5)
    #expect(abs(result.value - 2.25) <= 1e-12)
  }
}

@Suite struct BoundedMinimizeTests {
  @Test func inactiveBoundsChangeNothing() throws {
    // Bounds far from the path: L-BFGS-B reaches the unconstrained minimum like L-BFGS.
    let bounds = try Bounds<Double>(count: 2, lower: -10, upper: 10)
    let result = try minimize(
      chainedRosenbrock, from: [-1.2, 1.0], using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.converged)
    for x in result.minimizer { #expect(abs(x - 1) <= 1e-8, "\(result.minimizer)") }
  }

  @Test func aStartOutsideTheBoxIsMovedOntoItAndReported() throws {
    let bounds = try Bounds<Double>(lower: [0, 0, 0, 0, 0], upper: [2, 2, 2, 2, 2])
    let result = try minimize(
      shiftedQuadratic, from: [-5, 1, 7, 1, 1], using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.movedOntoBounds == [0, 2])
    #expect(result.converged)
    #expect(result.minimizer == [2, 2, 2, 2, 2])
    let inside = try minimize(
      shiftedQuadratic, from: [1, 1, 1, 1, 1], using: LBFGS(), bounds: bounds, options: tight)
    #expect(inside.movedOntoBounds.isEmpty)
  }

  @Test func aFixedParameterStaysFixed() throws {
    let bounds = try Bounds<Double>(lower: [-.infinity, 0.25], upper: [.infinity, 0.25])
    let result = try minimize(
      chainedRosenbrock, from: [0, 0.25], using: LBFGS(), bounds: bounds, options: tight)
    #expect(result.converged, "\(result.stopReason)")
    #expect(result.minimizer[1] == 0.25)
    // With x₁ = ¼ the cost is a quartic in x₀ alone; its gradient vanishes there.
    var gradient = [0.0, 0.0]
    _ = valueWithGradient(at: result.minimizer, into: &gradient, of: chainedRosenbrock)
    #expect(abs(gradient[0]) <= 1e-9)
  }

  @Test func projectedOptimizersStayInsideTheBox() throws {
    let bounds = try Bounds<Double>(lower: [-1.5, -0.5], upper: [0.5, 2.0])
    var outside = 0
    let result = try minimize(
      chainedRosenbrock, from: [-1.2, 1.0], using: Adam(learningRate: 0.02), bounds: bounds,
      options: MinimizationOptions(gradientTolerance: 1e-6, maximumIterations: 20_000)
    ) { report in
      for (i, x) in report.parameters.enumerated()
      where x < bounds.lower[i] || x > bounds.upper[i] {
        outside += 1
      }
      return .continue
    }
    #expect(outside == 0)
    #expect(result.minimizer[0] == 0.5)
    #expect(abs(result.minimizer[1] - 0.25) <= 1e-4, "\(result.minimizer)")
    #expect(abs(result.value - 0.25) <= 1e-6)
  }

  @Test func projectedGradientNormIsZeroExactlyAtABoundPushedAgainst() throws {
    let bounds = try Bounds<Double>(lower: [0, -.infinity], upper: [1, .infinity])
    // At the lower bound with ∂J/∂x₀ > 0 the first component counts nothing.
    #expect(bounds.projectedGradientNorm(at: [0, 3], gradient: [5, 0]) == 0)
    // Pulled inward, it counts in full up to the distance to the other bound.
    #expect(bounds.projectedGradientNorm(at: [0, 3], gradient: [-0.5, 0]) == 0.5)
    #expect(bounds.projectedGradientNorm(at: [0, 3], gradient: [-5, 0]) == 1)
    #expect(bounds.projectedGradientNorm(at: [0.5, 3], gradient: [0, 4]) == 4)
  }

  @Test func floatRunsToo() throws {
    let bounds = try Bounds<Float>(lower: [-1.5, -0.5], upper: [0.5, 2.0])
    let result = try minimize(
      chainedRosenbrock, from: [-1.2, 1.0] as [Float], using: LBFGS<Float>(), bounds: bounds,
      options: MinimizationOptions(gradientTolerance: 1e-4))
    #expect(result.converged, "\(result.stopReason)")
    #expect(result.minimizer[0] == 0.5)
    #expect(abs(result.minimizer[1] - 0.25) <= 1e-3)
  }
}

@Suite struct BoundsValidationTests {
  private func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  @Test func aLowerBoundAboveItsUpperBoundIsAnError() {
    let text = message { _ = try Bounds<Double>(lower: [0, 5], upper: [1, 3]) }
    #expect(
      text
        == "`lower[1]` is 5.0, above upper[1] = 3.0; it must be at most the upper bound of the "
        + "same parameter; swap them if they were entered the wrong way round.")
  }

  @Test func aNaNBoundIsAnError() {
    #expect(
      message { _ = try Bounds<Double>(lower: [0, .nan]) }
        == "`lower[1]` is NaN; it must be a number, or -.infinity for no lower bound.")
    #expect(
      message { _ = try Bounds<Double>(upper: [.nan]) }
        == "`upper[0]` is NaN; it must be a number, or .infinity for no upper bound.")
  }

  @Test func infiniteBoundsOnTheWrongSideAreErrors() {
    #expect(
      message { _ = try Bounds<Double>(lower: [.infinity]) }
        == "`lower[0]` is +infinity; it must be finite, or -.infinity for no lower bound.")
    #expect(
      message { _ = try Bounds<Double>(upper: [-.infinity]) }
        == "`upper[0]` is -infinity; it must be finite, or .infinity for no upper bound.")
  }

  @Test func sizesAreChecked() throws {
    #expect(
      message { _ = try Bounds<Double>(lower: [0, 0], upper: [1]) }
        == "`upper` has 1 element but must have 2, one per parameter; pass as many upper bounds "
        + "as lower bounds (.infinity where there is none).")
    #expect(
      message { _ = try Bounds<Double>() }
        == "`lower` is empty; pass at least one parameter to optimize.")
    let bounds = try Bounds<Double>(count: 3, lower: 0)
    #expect(
      message { _ = try minimize(shiftedQuadratic, from: [1, 1], using: LBFGS(), bounds: bounds) }
        == "`bounds` has 3 elements but must have 2, one per parameter; give one lower and one "
        + "upper bound per parameter (-.infinity or .infinity where there is none).")
  }

  @Test func aMethodWithoutBoundsSupportSaysSo() throws {
    struct PlainStep: DescentMethod {
      var learningRate = 0.1
      mutating func step(
        _ parameters: inout [Double], value: inout Double, gradient: inout [Double],
        objective: ([Double], inout [Double]) throws -> Double
      ) throws -> StepOutcome {
        for i in parameters.indices { parameters[i] -= learningRate * gradient[i] }
        value = try objective(parameters, &gradient)
        return .advanced
      }
      mutating func reset() {}
    }
    let bounds = try Bounds<Double>(count: 2, lower: 0)
    let text = message {
      _ = try minimize(shiftedQuadratic, from: [1, 1], using: PlainStep(), bounds: bounds)
    }
    #expect(text.hasPrefix("PlainStep cannot handle bounds; use LBFGS or any Optimizer"), "\(text)")
    // Without bounds the same method runs.
    let result = try minimize(shiftedQuadratic, from: [1, 1], using: PlainStep())
    #expect(result.value < 12)
  }
}
