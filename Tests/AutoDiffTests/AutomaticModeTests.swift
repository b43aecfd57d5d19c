import AutoDiff
import Testing

// The entry points that choose the mode (Sources/AutoDiff/AutomaticMode.swift,
// ChunkedForwardMode.swift, DifferentiationMode.swift): forward mode in chunks of N directions,
// reverse mode, and the automatic choice between them.

private struct Stop: Error, Equatable {}

/// f(x) = Σ xᵢ², which throws when asked to.
private struct SumOfSquaresThatMayThrow: DifferentiableFunction {
  var shouldThrow: Bool

  func callAsFunction<S: RealScalar>(_ x: [S]) throws(Stop) -> S {
    if shouldThrow { throw Stop() }
    var total: S = 0
    for v in x { total += v * v }
    return total
  }
}

/// x₀ + √x₁ · x₂ at x₁ = 0: √ has slope +∞ there, so a chunk whose other directions do not move
/// x₁ forms 0 · ∞.
private struct RootAtZero: DifferentiableFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> S { x[0] + sqrt(x[1]) * x[2] }
}

/// (x₀ x₁, sin x₀, x₀ − x₁ x₂, e^x₂): ℝ³ → ℝ⁴.
private struct Map: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> [S] {
    [x[0] * x[1], sin(x[0]), x[0] - x[1] * x[2], exp(x[2])]
  }
}

/// The chunk sizes the issue asks for, and the largest.
private let chunkSizes = [1, 2, 3, 4, 8, 16]

@Suite("Automatic mode and forward mode in chunks")
struct AutomaticModeTests {
  // MARK: - Chunked forward mode against reverse mode

  @Test(
    "Chunked forward gradients equal reverse gradients on the composite functions",
    arguments: Composite.all)
  func chunkedForwardEqualsReverse(_ function: Composite) throws {
    for point in function.points {
      let reverse = valueWithGradient(at: point, of: function.variable)
      let scale = reverse.gradient.reduce(1) { Swift.max($0, $1.magnitude) }
      for size in chunkSizes {
        let mode = try DifferentiationMode.forward(chunkSize: size)
        let forward = valueWithGradient(at: point, mode: mode, of: function.generic)
        #expect(forward.value == reverse.value, "\(function.name), chunk \(size)")
        #expect(
          isClose(forward.gradient, reverse.gradient, relative: 1e-12, absolute: 1e-12 * scale),
          "\(function.name), chunk \(size): \(forward.gradient) vs \(reverse.gradient)")
      }
    }
  }

  @Test(
    "Chunked forward gradients are, bit for bit, the directional derivatives along eᵢ",
    arguments: Composite.all)
  func chunkedForwardEqualsDual(_ function: Composite) throws {
    let point = function.points[2]
    let columns = try forwardGradient(at: point, of: function.dual)
    for size in chunkSizes {
      let mode = try DifferentiationMode.forward(chunkSize: size)
      #expect(
        isIdentical(gradient(at: point, mode: mode, of: function.generic), columns),
        "\(function.name), chunk \(size)")
    }
  }

  @Test("Input counts that are not a multiple of the chunk: 11 inputs, every chunk size")
  func partialLastChunk() throws {
    let f = NamedComposite(name: "coupled chain")
    var generator = SplitMix64(seed: 11)
    let point = generator.points(11, in: -1...1)
    let reverse = gradient(at: point, mode: .reverse, of: f)
    #expect(reverse == gradient(at: point, of: coupledChain))
    for size in chunkSizes {
      #expect(11 % size != 0 || size == 1)
      let forward = gradient(at: point, mode: try .forward(chunkSize: size), of: f)
      #expect(isClose(forward, reverse, relative: 1e-12, absolute: 1e-12), "chunk \(size)")
    }
  }

  @Test("The value is f(x) in both modes, also with no inputs")
  func valuesAndEmptyInput() throws {
    let f = NamedComposite(name: "extended Rosenbrock")
    let point = [-1.2, 1.0, 0.5, 0.5]
    for mode in [DifferentiationMode.automatic, .forward, .reverse, try .forward(chunkSize: 3)] {
      #expect(valueWithGradient(at: point, mode: mode, of: f).value == extendedRosenbrock(point))
    }
    let empty: [Double] = []
    for mode in [DifferentiationMode.automatic, .forward, .reverse] {
      let result = try valueWithGradient(
        at: empty, mode: mode, of: SumOfSquaresThatMayThrow(shouldThrow: false))
      #expect(result.value == 0 && result.gradient.isEmpty, "\(mode)")
    }
  }

  @Test("valueWithGradient(at:into:mode:of:) resizes and overwrites the gradient")
  func intoForm() {
    let f = NamedComposite(name: "polynomial")
    let point = [0.3, -0.2, 0.9]
    for mode in [DifferentiationMode.forward, .reverse] {
      var g = [1.0, 2.0, 3.0, 4.0, 5.0]
      let value = valueWithGradient(at: point, into: &g, mode: mode, of: f)
      #expect(value == polynomial(point))
      #expect(g.count == 3)
      #expect(isClose(g, gradient(at: point, of: polynomial), relative: 1e-14), "\(mode)")
    }
  }

  @Test("Float in both modes")
  func floatPrecision() {
    let f = NamedComposite(name: "trigonometry")
    let point: [Float] = [0.3, -0.2, 0.9]
    let reverse = gradient(at: point, mode: .reverse, of: f)
    let forward = gradient(at: point, mode: .forward, of: f)
    #expect(isClose(forward, reverse, relative: 1e-5))
  }

  // MARK: - 0 · ∞ in a chunk

  @Test("A NaN from 0 · ∞ in a chunk is recomputed along its direction, as Dual gives it")
  func zeroTimesInfinityInAChunk() throws {
    // At x₁ = 0, ∂/∂x₀ = 1 and ∂/∂x₂ = √0 = 0 do not involve the infinite slope of √; the
    // chunk's raw arithmetic forms 0 · ∞ = NaN in their tangents.
    let point = [1.0, 0.0, 2.0]
    let dual = try forwardGradient(at: point) { x in RootAtZero()(x) }
    #expect(dual[0] == 1 && dual[1] == .infinity && dual[2] == 0)
    for size in chunkSizes {
      let forward = gradient(at: point, mode: try .forward(chunkSize: size), of: RootAtZero())
      #expect(isIdentical(forward, dual), "chunk \(size): \(forward)")
    }
    // A NaN that is the true answer stays NaN: log of a negative number.
    struct LogOfFirst: DifferentiableFunction {
      func callAsFunction<S: RealScalar>(_ x: [S]) -> S { log(x[0]) + x[1] }
    }
    let nan = gradient(at: [-1.0, 3.0], mode: .forward, of: LogOfFirst())
    #expect(nan[0].isNaN && nan[1] == 1)
  }

  // MARK: - The choice

  @Test("Automatic mode: forward up to 16 inputs, in chunks of at most 8; reverse above")
  func automaticChoice() throws {
    #expect(DifferentiationMode.forwardModeInputLimit == 16)
    #expect(DifferentiationMode.defaultChunkSize == 8)
    let expected: [(Int, Int)] = [
      (0, 1), (1, 1), (2, 2), (3, 3), (4, 4), (5, 8), (8, 8), (9, 8), (16, 8),
    ]
    for (n, size) in expected {
      let resolved = DifferentiationMode.automatic.resolved(inputCount: n)
      #expect(resolved == (try .forward(chunkSize: size)), "n = \(n)")
    }
    for n in [17, 100, 10_000] {
      #expect(DifferentiationMode.automatic.resolved(inputCount: n) == .reverse, "n = \(n)")
    }
    let two = DifferentiationMode.automatic.resolved(inputCount: 2)
    #expect(two.description == "forward(chunkSize: 2)")
    #expect(DifferentiationMode.automatic.resolved(inputCount: 17).description == "reverse")
  }

  @Test("Overrides: .forward for many inputs, .reverse for few, an explicit chunk size")
  func overrides() throws {
    #expect(DifferentiationMode.forward.resolved(inputCount: 100).chunkSize == 8)
    #expect(DifferentiationMode.forward.resolved(inputCount: 6).chunkSize == 8)
    #expect(DifferentiationMode.reverse.resolved(inputCount: 2) == .reverse)
    #expect(try DifferentiationMode.forward(chunkSize: 3).resolved(inputCount: 100).chunkSize == 3)
    #expect(DifferentiationMode.automatic.chunkSize == nil)
    #expect(DifferentiationMode.forward.description == "forward")
    #expect(DifferentiationMode.automatic.description == "automatic")
    #expect(DifferentiationMode.supportedChunkSizes == [1, 2, 3, 4, 8, 16])
    // Forced modes give the gradient on 40 inputs either way.
    let f = NamedComposite(name: "coupled chain")
    let point = (0..<40).map { 0.01 * Double($0) - 0.2 }
    let reverse = gradient(at: point, mode: .reverse, of: f)
    let forward = gradient(at: point, mode: .forward, of: f)
    #expect(isClose(forward, reverse, relative: 1e-12, absolute: 1e-12))
    #expect(gradient(at: point, of: f) == reverse)  // 40 > 16: automatic is reverse mode
  }

  @Test(
    "An unsupported chunk size throws, saying which sizes are supported",
    arguments: [0, -1, 5, 12, 32])
  func unsupportedChunkSize(_ size: Int) {
    let expected = AutoDiffError.invalidArgument(
      argument: "chunkSize", reason: "is \(size); pass one of 1, 2, 3, 4, 8, 16")
    #expect(throws: expected) { try DifferentiationMode.forward(chunkSize: size) }
    #expect(expected.description == "`chunkSize` is \(size); pass one of 1, 2, 3, 4, 8, 16.")
  }

  @Test("An error thrown by the function is rethrown, typed, in every mode")
  func typedThrows() throws {
    for mode in [DifferentiationMode.automatic, .forward, .reverse] {
      #expect(throws: Stop.self) {
        _ = try gradient(
          at: [1.0, 2.0], mode: mode, of: SumOfSquaresThatMayThrow(shouldThrow: true))
      }
      let g = try gradient(
        at: [1.0, 2.0], mode: mode, of: SumOfSquaresThatMayThrow(shouldThrow: false))
      #expect(g == [2, 4])
    }
    // The tape is returned to the pool after a throw: the next reverse call works.
    #expect(gradient(at: [3.0]) { x in x[0] * x[0] } == [6])
  }

  @Test("A DifferentiableFunction also runs in the closure-based entry points")
  func closureEntryPoints() throws {
    let f = NamedComposite(name: "division")
    let point = [0.4, 0.7, -0.3]
    #expect(gradient(at: point, of: f.callAsFunction) == gradient(at: point, mode: .reverse, of: f))
    let directional = try directionalDerivative(at: point, along: [1, 0, 0], of: f.callAsFunction)
    #expect(directional == gradient(at: point, mode: try .forward(chunkSize: 1), of: f)[0])
  }

  // MARK: - Jacobians

  @Test("jacobian(at:mode:of:) is the same in both modes and as the closure form")
  func jacobianBothModes() throws {
    let point = [0.3, -0.8, 0.55]
    let reference = jacobian(at: point) { x in Map()(x) }
    let values = valueWithJacobian(at: point, of: Map()).value
    #expect(values == Map()(point))
    for mode in [
      DifferentiationMode.automatic, .forward, .reverse, try .forward(chunkSize: 1),
      try .forward(chunkSize: 2),
    ] {
      let result = valueWithJacobian(at: point, mode: mode, of: Map())
      #expect(result.value == values, "\(mode)")
      #expect(result.jacobian.count == 4, "\(mode)")
      for (row, expected) in zip(result.jacobian, reference) {
        #expect(isClose(row, expected, relative: 1e-14, absolute: 1e-15), "\(mode)")
      }
    }
    #expect(jacobian(at: [3.0, 4.0], of: Polar()) == [[0.6, 0.8], [-0.16, 0.12]])
  }

  @Test(
    "The automatic Jacobian is forward for a tall Jacobian of many inputs, reverse for a wide one")
  func jacobianChoice() {
    // 40 inputs, 40 outputs (square): forward is chosen; 40 inputs, 1 output: reverse.
    let point = (0..<40).map { 0.05 * Double($0) - 1 }
    let square = jacobian(at: point, of: Shift())
    let squareReverse = jacobian(at: point, mode: .reverse, of: Shift())
    #expect(square == squareReverse)
    let wide = jacobian(at: point, of: Total())
    #expect(wide == [[Double](repeating: 1, count: 40)])
  }

  @Test("A column of the forward Jacobian that holds 0 · ∞ is recomputed with Dual")
  func jacobianZeroTimesInfinity() throws {
    let point = [1.0, 0.0, 2.0]
    let forward = jacobian(at: point, mode: .forward, of: RootVector())
    let dual = try (0..<3).map { j in
      try directionalDerivative(at: point, along: (0..<3).map { $0 == j ? 1.0 : 0 }) { x in
        RootVector()(x)
      }
    }
    for i in 0..<2 {
      for j in 0..<3 { #expect(isIdentical(forward[i][j], dual[j][i]), "J[\(i)][\(j)]") }
    }
  }
}

/// (√x₁ · x₂, x₀ + x₂): a Jacobian with an infinite slope at x₁ = 0.
private struct RootVector: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> [S] { [sqrt(x[1]) * x[2], x[0] + x[2]] }
}

/// (r, θ) of the point (x, y).
private struct Polar: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] { [hypot(p[0], p[1]), atan2(p[1], p[0])] }
}

/// yᵢ = xᵢ xᵢ₊₁ (cyclic): a square Jacobian.
private struct Shift: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> [S] {
    x.indices.map { i in x[i] * x[(i + 1) % x.count] }
  }
}

/// Σ xᵢ as a vector of one output.
private struct Total: DifferentiableVectorFunction {
  func callAsFunction<S: RealScalar>(_ x: [S]) -> [S] {
    var total: S = 0
    for v in x { total += v }
    return [total]
  }
}
