import AutoDiff
import Testing

// `checkGradient` (Sources/AutoDiff/GradientCheck.swift): the central differences it computes,
// its error measure, its verdict, and its argument checking.

private struct Stop: Error, Equatable {}

@Suite("Gradient check")
struct GradientCheckTests {
  @Test("A reverse-mode gradient passes its own check, in Double and Float")
  func reverseModeGradientPasses() throws {
    let check = try checkGradient(of: { x in exp(x[0]) * sin(x[1]) }, at: [0.3, 1.2])
    #expect(check.passes(tolerance: 1e-8), "\(check)")
    let reverse = gradient(at: [0.3, 1.2]) { x in exp(x[0]) * sin(x[1]) }
    #expect(check.analytic == reverse)
    let checkFloat = try checkGradient(
      of: { (x: [Variable<Float>]) in exp(x[0]) * sin(x[1]) }, at: [0.3, 1.2])
    #expect(checkFloat.passes(tolerance: 1e-3), "\(checkFloat)")
  }

  @Test("A wrong gradient fails, with the input and the error reported")
  func wrongGradientFails() throws {
    // f = x₀² + 3 x₁, ∇f = (2 x₀, 3) = (2, 3) at (1, 5); give 2.5 for the second partial.
    let f: ([Double]) -> Double = { x in x[0] * x[0] + 3 * x[1] }
    let check = try checkGradient([2, 2.5], of: f, at: [1, 5])
    #expect(!check.passes(tolerance: 1e-6))
    #expect(check.worstIndex == 1)
    #expect(isClose(check.numeric, [2, 3], relative: 1e-9))
    // error = |2.5 − 3| / max(1, 2.5, 3) = 1/6.
    #expect(isClose(check.worstError, 1.0 / 6, relative: 1e-8))
    #expect(check.description.hasPrefix("GradientCheck(worst error"))
    #expect(check.description.contains("at input 1"))
  }

  @Test("The error is absolute below 1 and relative above")
  func errorMeasure() throws {
    // f = 0.001 x₀ + 1000 x₁: linear, so the central differences are exact up to rounding.
    let f: ([Double]) -> Double = { x in 0.001 * x[0] + 1000 * x[1] }
    let check = try checkGradient([0.002, 1001], of: f, at: [0.5, 0.5])
    #expect(isClose(check.errors[0], 0.001, relative: 0, absolute: 1e-8))  // |0.002 − 0.001| / 1
    #expect(isClose(check.errors[1], 1.0 / 1001, relative: 1e-6))  // |1001 − 1000| / 1001
  }

  @Test("The step scales with |xᵢ| above 1")
  func stepScales() throws {
    // f = x³ at x = 1000: the central difference is 3x² + h², with h = step · |x|.
    let cube: ([Double]) -> Double = { x in x[0] * x[0] * x[0] }
    let check = try checkGradient([3e6], of: cube, at: [1000], step: 1e-3)
    #expect(isClose(check.numeric[0], 3e6 + 1, relative: 1e-9))
  }

  @Test("No inputs: no errors, no worst index")
  func noInputs() throws {
    let check = try checkGradient([], of: { (_: [Double]) in 1.0 }, at: [])
    #expect(check.errors.isEmpty)
    #expect(check.worstError == 0)
    #expect(check.worstIndex == nil)
    #expect(check.passes(tolerance: 0))
    #expect(check.description == "GradientCheck(no inputs)")
  }

  @Test("A NaN error fails the check and is reported as the worst")
  func nanError() throws {
    let gradient: [Double] = [1, .nan, 100]
    let check = try checkGradient(gradient, of: { x in x[0] + x[1] + x[2] }, at: [0, 0, 0])
    #expect(check.worstError.isNaN)
    #expect(check.worstIndex == 1)
    #expect(!check.passes(tolerance: Double.infinity))
  }

  @Test("A gradient of the wrong length throws sizeMismatch")
  func sizeMismatch() {
    #expect(throws: AutoDiffError.sizeMismatch(argument: "gradient", expected: 2, actual: 1)) {
      try checkGradient([1], of: { x in x[0] + x[1] }, at: [0.0, 0.0])
    }
  }

  @Test(
    "A step that is not positive and finite throws invalidArgument",
    arguments: [
      0, -1e-5, Double.infinity, Double.nan,
    ])
  func invalidStep(_ step: Double) {
    do {
      _ = try checkGradient(of: { x in x[0] * x[0] }, at: [1.0], step: step)
      Issue.record("no error for step \(step)")
    } catch let error as AutoDiffError {
      guard case .invalidArgument(let argument, _) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(argument == "step")
      #expect(error.description.hasPrefix("`step` is"))
      #expect(error.description.contains("pass a positive, finite relative step"))
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test("An error thrown by the function is rethrown")
  func rethrowsErrors() {
    #expect(throws: Stop()) {
      try checkGradient(
        of: { (_: [Variable<Double>]) throws -> Variable<Double> in throw Stop() }, at: [1.0])
    }
  }
}
