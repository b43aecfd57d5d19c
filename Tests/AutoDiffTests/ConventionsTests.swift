import AutoDiff
import Testing

// The documented derivatives at points where a function is not differentiable, or not defined,
// and the zero-tangent / zero-adjoint rule. Each convention is checked in forward mode and in
// reverse mode, which must give the same answer: both read the same line of the rules table.

@Suite("Conventions at non-differentiable points, in both modes")
struct ConventionsTests {
  // MARK: - Kinks

  @Test("abs′(0) = 0, the subgradient of least norm")
  func absAtZero() {
    for zero in [0.0, -0.0] {
      #expect(derivative(at: zero) { abs($0) } == 0)
      #expect(gradient(at: zero) { abs($0) } == 0)
    }
    #expect(derivative(at: -2.0) { abs($0) } == -1)
    #expect(gradient(at: -2.0) { abs($0) } == -1)
  }

  @Test("relu′(0) = 0")
  func reluAtZero() {
    for zero in [0.0, -0.0] {
      let forward = valueWithDerivative(at: zero) { relu($0) }
      let reverse = valueWithGradient(at: zero) { relu($0) }
      #expect(forward.value == 0 && forward.derivative == 0)
      #expect(reverse.value == 0 && reverse.gradient == 0)
    }
  }

  @Test("A tie in max or min splits the derivative: ½ and ½")
  func maxAndMinTies() throws {
    for point in [[1.5, 1.5], [0.0, -0.0], [-3.0, -3.0]] {
      let reverseMax = gradient(at: point) { x in max(x[0], x[1]) }
      let reverseMin = gradient(at: point) { x in min(x[0], x[1]) }
      let forwardMax = try forwardGradient(at: point) { x in max(x[0], x[1]) }
      let forwardMin = try forwardGradient(at: point) { x in min(x[0], x[1]) }
      for result in [reverseMax, reverseMin, forwardMax, forwardMin] {
        #expect(result == [0.5, 0.5], "at \(point)")
      }
    }
    // Moving both arguments together moves the result at rate 1.
    let together = try directionalDerivative(at: [2.0, 2.0], along: [1, 1]) { x in
      max(x[0], x[1])
    }
    #expect(together == 1)
  }

  // MARK: - Infinite slopes

  @Test("sqrt′(0) = +∞ and cbrt′(0) = +∞")
  func rootsAtZero() {
    let forward = valueWithDerivative(at: 0.0) { sqrt($0) }
    let reverse = valueWithGradient(at: 0.0) { sqrt($0) }
    #expect(forward.value == 0 && forward.derivative == .infinity)
    #expect(reverse.value == 0 && reverse.gradient == .infinity)
    #expect(derivative(at: 0.0) { cbrt($0) } == .infinity)
    #expect(gradient(at: 0.0) { cbrt($0) } == .infinity)
  }

  // MARK: - Powers

  @Test("∂/∂y pow(0, y) = 0, the limit from x > 0")
  func powOfZeroBase() throws {
    for exponent in [0.0, 0.5, 2.5] {
      let point = [0.0, exponent]
      let reverse = gradient(at: point) { v in pow(v[0], v[1]) }
      let forward = try forwardGradient(at: point) { v in pow(v[0], v[1]) }
      #expect(reverse[1] == 0, "y = \(exponent)")
      #expect(forward[1] == 0, "y = \(exponent)")
      #expect(isIdentical(reverse, forward), "y = \(exponent): \(reverse) vs \(forward)")
    }
    // With y = 2.5, ∂/∂x = y · 0^1.5 = 0 as well.
    #expect(gradient(at: [0.0, 2.5]) { v in pow(v[0], v[1]) } == [0, 0])
  }

  @Test("pow(x, 0) is the constant 1: derivative 0, also at x = 0")
  func powWithZeroExponent() throws {
    for x in [0.0, -0.0, 2.0, -3.0] {
      let forward = valueWithDerivative(at: x) { pow($0, 0) }
      let reverse = valueWithGradient(at: x) { pow($0, 0) }
      #expect(forward.value == 1 && forward.derivative == 0, "x = \(x)")
      #expect(reverse.value == 1 && reverse.gradient == 0, "x = \(x)")
    }
    // The real-exponent form at (0, 0): 0⁰ = 1, ∂/∂x = 0 (y = 0), ∂/∂y = 0 (x = 0).
    let reverse = valueWithGradient(at: [0.0, 0.0]) { v in pow(v[0], v[1]) }
    let forward = try forwardGradient(at: [0.0, 0.0]) { v in pow(v[0], v[1]) }
    #expect(reverse.value == 1)
    #expect(reverse.gradient == [0, 0])
    #expect(forward == [0, 0])
  }

  @Test(
    "pow with a negative base: ∂/∂x from the formula; ∂/∂y 0 at an integer exponent, NaN elsewhere"
  )
  func powOfNegativeBase() throws {
    let point = [-2.0, 3.0]
    let reverse = valueWithGradient(at: point) { v in pow(v[0], v[1]) }
    let forward = try forwardGradient(at: point) { v in pow(v[0], v[1]) }
    #expect(reverse.value == -8)
    #expect(reverse.gradient == [12, 0])
    #expect(isIdentical(forward, reverse.gradient))
    // A non-integer exponent: the value is NaN, and so is ∂/∂y.
    let fractional = valueWithGradient(at: [-2.0, 0.5]) { v in pow(v[0], v[1]) }
    #expect(fractional.value.isNaN && fractional.gradient[1].isNaN)
    // The case the fuzzer found: y's tangent cancels (x − x); both modes give 0.
    let cancelled = gradient(at: 1.5) { x in pow(Variable(constant: -2.5), x - x) }
    #expect(cancelled == 0)
    #expect(derivative(at: 1.5) { x in pow(Dual(constant: -2.5), x - x) } == 0)
  }

  // MARK: - Outside the domain

  @Test("log′ and log1p′ outside the domain are NaN, like the value")
  func logOutsideDomain() {
    for x in [-1.0, -0.5, -1e300] {
      let forward = valueWithDerivative(at: x) { log($0) }
      let reverse = valueWithGradient(at: x) { log($0) }
      #expect(forward.value.isNaN && forward.derivative.isNaN, "log at \(x): \(forward)")
      #expect(reverse.value.isNaN && reverse.gradient.isNaN, "log at \(x): \(reverse)")
    }
    for x in [-2.0, -1.5, -1e300] {
      let forward = valueWithDerivative(at: x) { log1p($0) }
      let reverse = valueWithGradient(at: x) { log1p($0) }
      #expect(forward.value.isNaN && forward.derivative.isNaN, "log1p at \(x): \(forward)")
      #expect(reverse.value.isNaN && reverse.gradient.isNaN, "log1p at \(x): \(reverse)")
    }
  }

  @Test("sqrt, asin and acos outside the domain: NaN value and NaN derivative")
  func rootsAndInverseSinesOutsideDomain() {
    for rule in [UnaryRule.sqrt, .asin, .acos] {
      let x = rule == .sqrt ? -1.0 : 1.5
      let forward = valueWithDerivative(at: x) { rule($0) }
      let reverse = valueWithGradient(at: x) { rule($0) }
      #expect(forward.value.isNaN && forward.derivative.isNaN, "\(rule) at \(x)")
      #expect(reverse.value.isNaN && reverse.gradient.isNaN, "\(rule) at \(x)")
    }
  }

  @Test("hypot at the origin: both partials 0 (hypot(x, 0) = |x|, abs′(0) = 0)")
  func hypotAtOrigin() throws {
    let reverse = valueWithGradient(at: [0.0, 0.0]) { v in hypot(v[0], v[1]) }
    let forward = try forwardGradient(at: [0.0, 0.0]) { v in hypot(v[0], v[1]) }
    #expect(reverse.value == 0)
    #expect(reverse.gradient == [0, 0])
    #expect(forward == [0, 0])
  }

  @Test("atan2 at the origin: value 0, partials NaN")
  func atan2AtOrigin() throws {
    let reverse = valueWithGradient(at: [0.0, 0.0]) { v in atan2(v[0], v[1]) }
    let forward = try forwardGradient(at: [0.0, 0.0]) { v in atan2(v[0], v[1]) }
    #expect(reverse.value == 0)
    #expect(allNaN(reverse.gradient))
    #expect(allNaN(forward))
  }

  // MARK: - NaN

  @Test("A NaN input gives a NaN value and a NaN derivative", arguments: UnaryRule.allCases)
  func nanThroughUnaryRule(_ rule: UnaryRule) {
    guard rule != .negation else { return }  // linear: see `nanThroughLinearOperations`
    let forward = valueWithDerivative(at: Double.nan) { rule($0) }
    let reverse = valueWithGradient(at: Double.nan) { rule($0) }
    #expect(forward.value.isNaN && forward.derivative.isNaN, "\(rule): \(forward)")
    #expect(reverse.value.isNaN && reverse.gradient.isNaN, "\(rule): \(reverse)")
  }

  @Test(
    "A NaN argument gives a NaN value and NaN partials",
    arguments: [BinaryRule.pow, .atan2, .hypot])
  func nanThroughBinaryRule(_ rule: BinaryRule) throws {
    for point in [[Double.nan, 2.0], [2.0, .nan], [.nan, .nan]] {
      let reverse = valueWithGradient(at: point) { v in rule(v[0], v[1]) }
      let forward = try forwardGradient(at: point) { v in rule(v[0], v[1]) }
      #expect(reverse.value.isNaN, "\(rule) at \(point)")
      #expect(allNaN(reverse.gradient), "\(rule) at \(point): \(reverse.gradient)")
      #expect(allNaN(forward), "\(rule) at \(point): \(forward)")
    }
  }

  /// `min` and `max` with a NaN return what the standard library's `min` and `max` return (the
  /// comparison is false, so the first argument), with partial 1 for it, in both modes.
  @Test("min and max with a NaN follow the standard library", arguments: [BinaryRule.min, .max])
  func nanThroughMinAndMax(_ rule: BinaryRule) throws {
    for point in [[Double.nan, 2.0], [2.0, .nan], [.nan, .nan]] {
      let plain = rule == .min ? Swift.min(point[0], point[1]) : Swift.max(point[0], point[1])
      let reverse = valueWithGradient(at: point) { v in rule(v[0], v[1]) }
      let forward = try forwardGradient(at: point) { v in rule(v[0], v[1]) }
      #expect(reverse.value.bitPattern == plain.bitPattern, "\(rule) at \(point)")
      #expect(reverse.gradient == [1, 0], "\(rule) at \(point)")
      #expect(forward == [1, 0], "\(rule) at \(point)")
    }
  }

  @Test("NaN propagates through a composite cost in both modes")
  func nanThroughCost() throws {
    func cost<S: RealScalar>(_ x: [S]) -> S {
      let residual = x[0] * x[1] - 1
      return residual * residual + exp(x[1])
    }
    let point = [Double.nan, 0.5]
    let reverse = valueWithGradient(at: point, of: cost)
    let forward = try forwardGradient(at: point, of: cost)
    #expect(reverse.value.isNaN)
    #expect(allNaN(reverse.gradient))
    #expect(allNaN(forward))
  }

  /// The partials of x + y, x − y, −x and c · x do not depend on x, so a NaN x keeps them
  /// (as in PyTorch and JAX); the value is NaN. Kept here so that a change is deliberate.
  @Test("Linear operations keep their constant partials at a NaN input")
  func nanThroughLinearOperations() {
    let nan = Double.nan
    let sum = valueWithGradient(at: nan) { x in x + 1 }
    let scaled = valueWithGradient(at: nan) { x in -(3 * x) - 2 }
    #expect(sum.value.isNaN && sum.gradient == 1)
    #expect(scaled.value.isNaN && scaled.gradient == -3)
    let sumForward = derivative(at: nan) { x in x + 1 }
    let scaledForward = derivative(at: nan) { x in -(3 * x) - 2 }
    #expect(sumForward == 1)
    #expect(scaledForward == -3)
  }

  @Test("pow(NaN, 0) = 1 with derivative 0, as C's pow")
  func powOfNaNWithZeroExponent() {
    #expect(valueWithDerivative(at: Double.nan) { pow($0, 0) } == (1, 0))
    #expect(valueWithGradient(at: Double.nan) { pow($0, 0) } == (1, 0))
  }

  // MARK: - Zero tangents and adjoints

  @Test("A value that does not reach the output does not poison the gradient")
  func unusedInfinitePartial() {
    // sqrt′(0) = ∞ and log′(−1) = NaN are recorded, but the result does not use them.
    let forward = derivative(at: 0.0) { x in
      let s = sqrt(x)
      _ = s
      return x * 2
    }
    let reverse = gradient(at: 0.0) { x in
      let s = sqrt(x)
      _ = s
      return x * 2
    }
    #expect(forward == 2)
    #expect(reverse == 2)
    let reverseNaN = gradient(at: [-1.0, 3.0]) { x in
      let unused = log(x[0])
      _ = unused
      return x[0] * x[1]
    }
    #expect(reverseNaN == [3, -1])
  }

  @Test("An operand with a zero tangent contributes nothing, even through an infinite partial")
  func zeroTangent() throws {
    // f(x, y) = √x + y at x = 0: ∂f/∂x = ∞, ∂f/∂y = 1. Along (0, 1) forward mode gives 1, not
    // 0 · ∞ = NaN; reverse mode gives the same ∂f/∂y.
    let point = [0.0, 1.0]
    let forward = try directionalDerivative(at: point, along: [0, 1]) { x in sqrt(x[0]) + x[1] }
    let reverse = gradient(at: point) { x in sqrt(x[0]) + x[1] }
    #expect(forward == 1)
    #expect(reverse == [.infinity, 1])
    // A constant under sqrt: not recorded in reverse mode, zero tangent in forward mode.
    let viaConstantForward = derivative(at: 2.0) { x in x * sqrt(Dual(constant: 0.0)) + x }
    let viaConstantReverse = gradient(at: 2.0) { x in x * sqrt(Variable(constant: 0.0)) + x }
    #expect(viaConstantForward == 1)
    #expect(viaConstantReverse == 1)
  }

  @Test("An adjoint that is exactly zero is not propagated")
  func zeroAdjoint() {
    // max picks x₁; x₀ reaches the output only through max's zero partial, so sqrt′(0) = ∞ is
    // multiplied by nothing.
    let reverse = gradient(at: [0.0, 1.0]) { x in max(sqrt(x[0]), x[1]) }
    #expect(reverse == [0, 1])
  }

  /// √x · 0 + 2x at 0: the zero partial of the product meets the infinite derivative of √x, as a
  /// tangent in forward mode and as an adjoint in reverse mode; a zero factor contributes zero
  /// in both (found by the expression fuzzer, which saw the modes disagree here).
  @Test("A zero partial times an infinite tangent or adjoint contributes zero in both modes")
  func zeroPartialTimesInfiniteTangent() {
    func f<S: RealScalar>(_ x: S) -> S { sqrt(x) * 0 + 2 * x }
    #expect(gradient(at: 0.0, of: f) == 2)
    #expect(derivative(at: 0.0, of: f) == 2)
    // The mirror case: 0·x under √ makes an infinite adjoint meet the zero partial of 0·x.
    func g<S: RealScalar>(_ x: S) -> S { sqrt(0 * x) + x }
    #expect(gradient(at: 3.0, of: g) == 1)
    #expect(derivative(at: 3.0, of: g) == 1)
  }

  @Test("Comparisons with NaN are false in every mode, so branches take the same path")
  func comparisonsWithNaN() throws {
    // Comparable derives <=, > and >= from <; with NaN that gives true for <=. Found by the
    // expression fuzzer as a value that differed between plain Double and the tracked types.
    func f<S: RealScalar>(_ x: S) -> S {
      let nan = log(x - 10)  // NaN at x = 3
      return nan <= x ? x * x : x
    }
    #expect(f(3.0) == 3)
    #expect(derivative(at: 3.0, of: f) == 1)
    #expect(gradient(at: 3.0, of: f) == 1)
    let nan = Dual(Double.nan, tangent: 0)
    let one = Dual(1.0, tangent: 0)
    #expect(!(nan <= one) && !(nan >= one) && !(nan > one) && !(nan < one))
    let tracked = valueWithGradient(at: 1.0) { x in
      let bad = log(x - 10)
      #expect(!(bad <= x) && !(bad >= x) && !(bad > x) && !(bad < x))
      return x
    }
    #expect(tracked.gradient == 1)
    // Chunked forward mode carries several tangents in a MultiDual, which had the same fault.
    struct Branchy: DifferentiableFunction {
      func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
        let nan = log(x[0] - 10)
        return nan <= x[1] ? x[0] * x[1] : x[0] + x[1]
      }
    }
    let chunked = try gradient(at: [3.0, 5.0], mode: .forward(chunkSize: 2), of: Branchy())
    #expect(chunked == [1, 1])
  }

  // MARK: - Extreme values

  @Test("Large arguments: saturating functions have zero slope, not NaN")
  func saturation() {
    for x in [-1000.0, 1000.0] {
      let sigmoidSlope = derivative(at: x) { sigmoid($0) }
      let tanhSlope = gradient(at: x) { tanh($0) }
      #expect(sigmoidSlope == 0 && gradient(at: x) { sigmoid($0) } == 0)
      #expect(tanhSlope == 0 && derivative(at: x) { tanh($0) } == 0)
    }
    let softplusAbove = valueWithGradient(at: 1000.0) { softplus($0) }
    #expect(softplusAbove == (1000, 1))
    #expect(valueWithDerivative(at: -1000.0) { softplus($0) } == (0, 0))
    #expect(valueWithDerivative(at: 1000.0) { exp($0) } == (.infinity, .infinity))
  }

  @Test("∂(x / y)/∂y = −z / y does not overflow where x / y² would")
  func quotientWithHugeOperands() throws {
    let point = [1e300, 1e200]
    let reverse = gradient(at: point) { v in v[0] / v[1] }
    let forward = try forwardGradient(at: point) { v in v[0] / v[1] }
    #expect(isClose(reverse[1], -1e-100, relative: 1e-15))
    #expect(isClose(reverse[0], 1e-200, relative: 1e-15))
    #expect(isIdentical(forward, reverse))
  }
}
