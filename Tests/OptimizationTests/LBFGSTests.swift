import AutoDiff
import Optimization
import Testing

@Suite struct LBFGSTests {
  @Test func rosenbrockFromTheClassicStart() throws {
    let result = try minimize(Objectives.rosenbrock, from: [-1.2, 1], using: LBFGS())
    #expect(result.converged, "\(result.stopReason)")
    #expect(result.iterations <= 100)
    for value in result.minimizer { #expect(abs(value - 1) <= 1e-8, "\(result.minimizer)") }
  }

  @Test func extendedRosenbrockWithOneHundredVariables() throws {
    var start: [Double] = []
    for _ in 0..<50 { start += [-1.2, 1] }
    let result = try minimize(Objectives.extendedRosenbrock, from: start, using: LBFGS())
    #expect(result.converged, "\(result.stopReason)")
    #expect(result.iterations <= 100)
    let worst = result.minimizer.map { abs($0 - 1) }.max() ?? .infinity
    #expect(worst <= 1e-8)
  }

  @Test func bealeFromAFarStart() throws {
    let result = try minimize(Objectives.beale, from: [1, 1], using: LBFGS())
    #expect(result.converged)
    #expect(abs(result.minimizer[0] - 3) < 1e-6)
    #expect(abs(result.minimizer[1] - 0.5) < 1e-6)
  }

  @Test func stallsWhenNoLowerCostExists() throws {
    // With the gradient test off, L-BFGS reaches the minimum of a quadratic, where no step can
    // lower the cost: the run ends with `.stalled`, never claiming convergence.
    let result = try minimize(
      Objectives.quadratic5, from: [0, -1, 2, 0.5, 3], using: LBFGS(),
      options: MinimizationOptions(gradientTolerance: nil, maximumIterations: 500))
    #expect(result.stopReason == .stalled)
    #expect(!result.converged)
    for value in result.minimizer { #expect(abs(value - 1) < 1e-8) }
  }

  @Test func stepsSatisfyTheStrongWolfeConditions() throws {
    var method = try LBFGS<Double>()
    var parameters = [-1.2, 1.0]
    var gradient = [0.0, 0.0]
    var value = valueWithGradient(at: parameters, into: &gradient, of: Objectives.rosenbrock)
    for _ in 0..<20 {
      let before = (parameters, value, gradient)
      let outcome = try method.step(&parameters, value: &value, gradient: &gradient) { x, g in
        valueWithGradient(at: x, into: &g, of: Objectives.rosenbrock)
      }
      #expect(outcome == .advanced)
      // s = θ₊ − θ; the direction is s/t for some t > 0, so test the conditions on s.
      let s = zip(parameters, before.0).map { $0 - $1 }
      let slope0 = zip(before.2, s).map { $0 * $1 }.reduce(0, +)
      let slope1 = zip(gradient, s).map { $0 * $1 }.reduce(0, +)
      #expect(slope0 < 0)
      #expect(value <= before.1 + 1e-4 * slope0)
      let curvatureBound: Double = 0.9 * abs(slope0) + 1e-12
      #expect(abs(slope1) <= curvatureBound)
    }
  }

  @Test func resetAllowsAnotherSize() throws {
    var method = try LBFGS<Double>()
    var parameters = [-1.2, 1.0]
    var gradient = [0.0, 0.0]
    var value = valueWithGradient(at: parameters, into: &gradient, of: Objectives.rosenbrock)
    _ = try method.step(&parameters, value: &value, gradient: &gradient) { x, g in
      valueWithGradient(at: x, into: &g, of: Objectives.rosenbrock)
    }
    var three = [0.0, 0, 0]
    var threeGradient = [0.0, 0, 0]
    var threeValue = valueWithGradient(at: three, into: &threeGradient, of: Objectives.quadratic5)
    #expect(throws: OptimizationError.self) {
      _ = try method.step(&three, value: &threeValue, gradient: &threeGradient) { x, g in
        valueWithGradient(at: x, into: &g, of: Objectives.quadratic5)
      }
    }
    method.reset()
    let outcome = try method.step(&three, value: &threeValue, gradient: &threeGradient) { x, g in
      valueWithGradient(at: x, into: &g, of: Objectives.quadratic5)
    }
    #expect(outcome == .advanced)
  }
}
