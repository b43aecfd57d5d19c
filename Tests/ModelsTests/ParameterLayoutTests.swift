import AutoDiff
import Foundation
import Optimization
import Testing

@testable import Models

/// ParameterLayout: offsets and counts, views against hand slicing (values, gradients and tape
/// sizes, bit for bit), the initializers' statistics and determinism, the JSON form and every
/// message it throws.
@Suite struct ParameterLayoutTests {
  /// The 2-16-1 network of the documentation: w1 16 × 2, b1 16, w2 1 × 16, b2 a scalar.
  struct Network {
    var layout = ParameterLayout()
    let w1: MatrixParameter
    let b1: VectorParameter
    let w2: MatrixParameter
    let b2: ScalarParameter

    init(biases: ParameterInitializer = .zeros) throws {
      w1 = try layout.matrix("w1", rows: 16, columns: 2, initializer: .glorotUniform)
      b1 = try layout.vector("b1", count: 16, initializer: biases)
      w2 = try layout.matrix("w2", rows: 1, columns: 16, initializer: .glorotUniform)
      b2 = try layout.scalar("b2", initializer: biases == .zeros ? .zeros : .constant(0.25))
    }
  }

  /// Runs `body` and returns the message of the `ModelError` it throws (nil, and an issue, for
  /// anything else).
  func message(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
  ) -> String? {
    do {
      try body()
      Issue.record("no error was thrown", sourceLocation: sourceLocation)
    } catch let error as ModelError {
      return error.description
    } catch {
      Issue.record("unexpected error: \(error)", sourceLocation: sourceLocation)
    }
    return nil
  }

  /// The message of a declaration that throws, after checking that the layout is unchanged.
  /// Expects the declaration in `body` to throw with exactly `expected` as its message and to
  /// leave the layout unchanged. (Compared here rather than in an `#expect` at each call: a
  /// macro around a comparison with a concatenated message took up to 260 ms to type-check.)
  func expectDeclarationMessage(
    _ layout: ParameterLayout, _ expected: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (inout ParameterLayout) throws -> Void
  ) {
    let text = declarationMessage(layout, sourceLocation: sourceLocation, body)
    #expect(text == expected, sourceLocation: sourceLocation)
  }

  func declarationMessage(
    _ layout: ParameterLayout, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: (inout ParameterLayout) throws -> Void
  ) -> String? {
    var copy = layout
    let text = message(sourceLocation: sourceLocation) { try body(&copy) }
    #expect(copy == layout, "the layout changed although the declaration threw")
    return text
  }

  // MARK: - Offsets and counts

  @Test func blocksFollowOneAnotherInDeclarationOrder() throws {
    let network = try Network()
    let layout = network.layout
    #expect(layout.count == 65)
    #expect(layout.blocks.map(\.name) == ["w1", "b1", "w2", "b2"])
    #expect(layout.blocks.map(\.offset) == [0, 32, 48, 64])
    #expect(layout.blocks.map(\.count) == [32, 16, 16, 1])
    #expect(
      layout.blocks.map(\.shape) == [
        .matrix(rows: 16, columns: 2), .vector(count: 16), .matrix(rows: 1, columns: 16), .scalar,
      ])
    #expect(layout.blocks.map(\.range) == [0..<32, 32..<48, 48..<64, 64..<65])
    #expect(network.w1.range == 0..<32 && network.w1.count == 32)
    #expect(network.w1.rows == 16 && network.w1.columns == 2)
    #expect(network.b1.range == 32..<48 && network.b1.count == 16)
    #expect(network.w2.range == 48..<64)
    #expect(network.b2.offset == 64 && network.b2.range == 64..<65)
    // Views of a block are the same range with another shape.
    #expect(network.w1.flattened.range == 0..<32 && network.w1.flattened.count == 32)
    #expect(network.b1.row.rows == 1 && network.b1.row.columns == 16)
    #expect(network.b1.column.rows == 16 && network.b1.column.columns == 1)
    #expect(network.b2.matrix.range == 64..<65 && network.b2.vector.count == 1)
    #expect("\(network.w1)" == "w1: 16 × 2 matrix at 0..<32")
    #expect("\(network.b1)" == "b1: vector of 16 at 32..<48")
    #expect("\(network.b2)" == "b2: scalar at 64")
  }

  @Test func blocksAreFoundByName() throws {
    let network = try Network()
    let layout = network.layout
    #expect(layout["w2"]?.range == 48..<64)
    #expect(layout["w2"]?.shape == .matrix(rows: 1, columns: 16))
    #expect(layout["w2"]?.initializer == .glorotUniform)
    #expect(layout["nothing"] == nil)
    #expect(try layout.block(named: "b1").offset == 32)
    #expect(try layout.matrix(named: "w1") == network.w1)
    #expect(try layout.vector(named: "b1") == network.b1)
    #expect(try layout.matrix(named: "w2") == network.w2)
    #expect(try layout.scalar(named: "b2") == network.b2)
  }

  @Test func describesItsBlocksInATable() throws {
    let network = try Network()
    #expect(
      network.layout.description == """
        ParameterLayout: 4 blocks, 65 values
        name  shape   offset  count  initializer
        w1    16 × 2       0     32  glorotUniform
        b1    16          32     16  zeros
        w2    1 × 16      48     16  glorotUniform
        b2    scalar      64      1  zeros
        """)
    var layout = ParameterLayout()
    #expect(layout.description == "ParameterLayout: 0 blocks, 0 values")
    _ = try layout.scalar("temperature", initializer: .constant(0.5))
    #expect(
      layout.description == """
        ParameterLayout: 1 block, 1 value
        name         shape   offset  count  initializer
        temperature  scalar       0      1  constant(0.5)
        """)
    _ = try layout.vector("noise", count: 1000, initializer: .uniform(in: -1...1))
    _ = try layout.matrix(
      "embedding", rows: 3, columns: 4, initializer: .normal(mean: 0, standardDeviation: 0.02))
    _ = try layout.matrix("w", rows: 3, columns: 4, initializer: .heNormal)
    #expect(
      layout.description == """
        ParameterLayout: 4 blocks, 1025 values
        name         shape   offset  count  initializer
        temperature  scalar       0      1  constant(0.5)
        noise        1000         1   1000  uniform(in: -1.0...1.0)
        embedding    3 × 4     1001     12  normal(mean: 0.0, standardDeviation: 0.02)
        w            3 × 4     1013     12  heNormal
        """)
  }

  // MARK: - Views against hand slicing

  /// Ten points of two features and one target.
  static func data<T: BinaryFloatingPoint>(_: T.Type) -> (x: [T], y: [T]) {
    let x = (0..<20).map { T(sin(Double($0) * 1.3)) }
    let y = (0..<10).map { T(cos(Double($0) * 0.7)) }
    return (x, y)
  }

  @Test func viewsOfAVariableVectorAreTheHandSlices() throws {
    try viewsOfAVariableVectorAreTheHandSlices(Float.self)
    try viewsOfAVariableVectorAreTheHandSlices(Double.self)
  }

  func viewsOfAVariableVectorAreTheHandSlices<T: BinaryFloatingPoint & RealScalar>(
    _: T.Type
  ) throws {
    let network = try Network(biases: .uniform(in: -0.5...0.5))
    let (w1, b1, w2, b2) = (network.w1, network.b1, network.w2, network.b2)
    let (x, y) = Self.data(T.self)
    let inputs = VariableMatrix(constant: x, rows: 10, columns: 2)
    let targets = VariableMatrix(constant: y, rows: 10, columns: 1)
    let start: [T] = network.layout.initialValues(seed: 3)

    let byLayout = VariableVector.valueWithGradient(at: start) { p in
      let hidden = tanh(matmul(inputs, p[w1].transposed()) + p[b1.row])
      let output = matmul(hidden, p[w2].transposed()) + p[b2.matrix]
      return mean(pow(output - targets, 2))
    }
    let byHand = VariableVector.valueWithGradient(at: start) { p in
      let weights1 = p[0..<32].reshaped(rows: 16, columns: 2)
      let bias1 = p[32..<48].reshaped(rows: 1, columns: 16)
      let weights2 = p[48..<64].reshaped(rows: 1, columns: 16)
      let bias2 = p[64..<65].reshaped(rows: 1, columns: 1)
      let hidden = tanh(matmul(inputs, weights1.transposed()) + bias1)
      let output = matmul(hidden, weights2.transposed()) + bias2
      return mean(pow(output - targets, 2))
    }
    #expect(byLayout.value == byHand.value)
    #expect(byLayout.gradient == byHand.gradient)
    #expect(byLayout.gradient.allSatisfy { $0 != 0 })

    // Vector and scalar views, and the flattened matrix.
    let pieces = VariableVector.valueWithGradient(at: start) { p in
      dot(p[b1], p[w1.flattened][0..<16]) + p[b2] * p[b2] + sum(p[b1.column])
    }
    let piecesByHand = VariableVector.valueWithGradient(at: start) { p in
      dot(p[32..<48], p[0..<32][0..<16]) + p[64] * p[64]
        + sum(p[32..<48].reshaped(rows: 16, columns: 1))
    }
    #expect(pieces.value == piecesByHand.value)
    #expect(pieces.gradient == piecesByHand.gradient)
  }

  @Test func viewsOfScalarVariablesAreTheHandSlices() throws {
    try viewsOfScalarVariablesAreTheHandSlices(Float.self)
    try viewsOfScalarVariablesAreTheHandSlices(Double.self)
  }

  func viewsOfScalarVariablesAreTheHandSlices<T: BinaryFloatingPoint & RealScalar>(
    _: T.Type
  ) throws {
    let network = try Network(biases: .uniform(in: -0.5...0.5))
    let (w1, b1, w2, b2) = (network.w1, network.b1, network.w2, network.b2)
    let (x, y) = Self.data(T.self)
    let inputs = VariableMatrix(constant: x, rows: 10, columns: 2)
    let targets = VariableMatrix(constant: y, rows: 10, columns: 1)
    let start: [T] = network.layout.initialValues(seed: 5)

    func byLayout(_ p: [Variable<T>]) -> Variable<T> {
      let hidden = tanh(matmul(inputs, p[block: w1].transposed()) + p[block: b1.row])
      let output = matmul(hidden, p[block: w2].transposed()) + p[block: b2.matrix]
      return mean(pow(output - targets, 2)) + p[block: b2] * p[block: b2] + sum(p[block: b1])
    }
    func byHand(_ p: [Variable<T>]) -> Variable<T> {
      let weights1 = VariableMatrix(p[0..<32], rows: 16, columns: 2)
      let bias1 = VariableMatrix(p[32..<48], rows: 1, columns: 16)
      let weights2 = VariableMatrix(p[48..<64], rows: 1, columns: 16)
      let bias2 = VariableMatrix(p[64..<65], rows: 1, columns: 1)
      let hidden = tanh(matmul(inputs, weights1.transposed()) + bias1)
      let output = matmul(hidden, weights2.transposed()) + bias2
      return mean(pow(output - targets, 2)) + p[64] * p[64] + sum(VariableVector(p[32..<48]))
    }
    let layoutResult = valueWithGradient(at: start, of: byLayout)
    let handResult = valueWithGradient(at: start, of: byHand)
    #expect(layoutResult.value == handResult.value)
    #expect(layoutResult.gradient == handResult.gradient)
    #expect(
      tapeStatistics(at: start, of: byLayout).operations
        == tapeStatistics(at: start, of: byHand).operations)

    // One VariableVector of all the variables, then its views: the same numbers again.
    let throughVector = valueWithGradient(at: start) { p in
      let v = VariableVector(p)
      let hidden = tanh(matmul(inputs, v[w1].transposed()) + v[b1.row])
      let output = matmul(hidden, v[w2].transposed()) + v[b2.matrix]
      return mean(pow(output - targets, 2)) + v[b2] * v[b2] + sum(v[b1])
    }
    #expect(throughVector.value == handResult.value)
    #expect(throughVector.gradient == handResult.gradient)
  }

  @Test func plainValuesComeOutByHandleAndByName() throws {
    let network = try Network(biases: .uniform(in: -1...1))
    let layout = network.layout
    let values: [Double] = layout.initialValues(seed: 11)
    let rows = (0..<16).map { i in Array(values[(2 * i)..<(2 * i + 2)]) }

    #expect(values[block: network.w1] == rows)
    #expect(try layout.values(of: network.w1, in: values) == rows)
    #expect(try layout.values(of: network.w1.flattened, in: values) == Array(values[0..<32]))
    #expect(values[block: network.b1] == Array(values[32..<48]))
    #expect(try layout.values(of: network.b1, in: values) == Array(values[32..<48]))
    #expect(try layout.values(of: network.b1.row, in: values) == [Array(values[32..<48])])
    #expect(values[block: network.w2] == [Array(values[48..<64])])
    #expect(values[block: network.b2] == values[64])
    #expect(try layout.values(of: network.b2, in: values) == 0.25)
    let w2Values: [Double] = try layout.values(of: layout.block(named: "w2"), in: values)
    let expectedW2: [Double] = Array(values[48..<64])
    #expect(w2Values == expectedW2)
    #expect(try layout.values(of: layout.matrix(named: "w1"), in: values) == rows)

    // Setting a block replaces it and nothing else.
    var edited = values
    edited[block: network.w2] = [(0..<16).map { Double($0) }]
    edited[block: network.b1] = [Double](repeating: -1, count: 16)
    edited[block: network.b2] = 7
    let firstBlock: [Double] = Array(edited[0..<32])
    let secondBlock: [Double] = Array(edited[32..<48])
    let thirdBlock: [Double] = Array(edited[48..<64])
    let expectedThird: [Double] = (0..<16).map { Double($0) }
    #expect(firstBlock == Array(values[0..<32]))
    #expect(secondBlock == [Double](repeating: -1, count: 16))
    #expect(thirdBlock == expectedThird)
    #expect(edited[64] == 7)
    edited[block: network.w1] = rows
    let restored: [Double] = Array(edited[0..<32])
    #expect(restored == firstBlock)

    let single: [Float] = layout.initialValues(seed: 11)
    let rowsInFloat: [[Float]] = rows.map { row in row.map { Float($0) } }
    #expect(single[block: network.w1] == rowsInFloat)
  }

  @Test func aNetworkDeclaredWithALayoutTrains() throws {
    // y = x₀·x₁ on a 4 × 4 grid, a 2-8-1 tanh network fitted by L-BFGS.
    var layout = ParameterLayout()
    let w1 = try layout.matrix("w1", rows: 8, columns: 2, initializer: .glorotUniform)
    let b1 = try layout.vector("b1", count: 8)
    let w2 = try layout.matrix("w2", rows: 1, columns: 8, initializer: .glorotUniform)
    let b2 = try layout.scalar("b2")
    let levels: [Double] = [-1, -1.0 / 3, 1.0 / 3, 1]
    let points: [[Double]] = levels.flatMap { a in levels.map { b in [a, b] } }
    let inputs = VariableMatrix(constant: points)
    let targets = VariableMatrix(constant: points.map { [$0[0] * $0[1]] })
    func cost(_ p: VariableVector<Double>) -> Variable<Double> {
      let hidden = tanh(matmul(inputs, p[w1].transposed()) + p[b1.row])
      return mean(pow(matmul(hidden, p[w2].transposed()) + p[b2.matrix] - targets, 2))
    }
    let start: [Double] = layout.initialValues(seed: 1)
    let initial = VariableVector.valueWithGradient(at: start, of: cost).value
    let result = try minimize(
      valueAndGradient: { x, g in VariableVector.valueWithGradient(at: x, into: &g, of: cost) },
      from: start, using: LBFGS(),
      options: MinimizationOptions(maximumIterations: 300))
    #expect(result.value < 1e-4)
    #expect(result.value < initial / 100)
    #expect(try layout.values(of: w2, in: result.minimizer).count == 1)
  }

  // MARK: - Initializers

  /// Mean and variance (divided by n) of `values`.
  static func moments(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance)
  }

  /// The values of a single block of `shape` and `initializer`, seed 2024.
  static func draws(_ initializer: ParameterInitializer, _ shape: ParameterShape) throws
    -> [Double]
  {
    var layout = ParameterLayout()
    switch shape {
    case .scalar: _ = try layout.scalar("x", initializer: initializer)
    case .vector(let count): _ = try layout.vector("x", count: count, initializer: initializer)
    case .matrix(let rows, let columns):
      _ = try layout.matrix("x", rows: rows, columns: columns, initializer: initializer)
    }
    return layout.initialValues(seed: 2024)
  }

  // The statistics below are of 60 000 seeded draws, so they are exact numbers; the tolerances
  // state what they show. For n uniform draws the sample variance has a relative standard error
  // of √(0.8/n) = 0.37 %, for normal ones √(2/n) = 0.58 %; the sample mean has a standard error
  // of σ/√n = 0.41 % of σ. The tolerances are about five standard errors.

  @Test func glorotUniformIsWithinItsBoundWithItsVariance() throws {
    // A 300 × 200 matrix: fan-out 300, fan-in 200, r = √(6/500), variance 2/500.
    let values = try Self.draws(.glorotUniform, .matrix(rows: 300, columns: 200))
    let bound = (6.0 / 500).squareRoot()
    #expect(values.allSatisfy { abs($0) <= bound })
    #expect(values.map(abs).max()! > 0.9999 * bound)
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean) < 0.02 * bound)
    #expect(relativeError(variance, 2.0 / 500) < 0.02)
  }

  @Test func glorotNormalHasItsVariance() throws {
    let values = try Self.draws(.glorotNormal, .matrix(rows: 300, columns: 200))
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean) < 0.02 * (2.0 / 500).squareRoot())
    #expect(relativeError(variance, 2.0 / 500) < 0.03)
  }

  @Test func heUniformIsWithinItsBoundWithItsVariance() throws {
    // Fan-in 200: r = √(6/200), variance 2/200.
    let values = try Self.draws(.heUniform, .matrix(rows: 300, columns: 200))
    let bound = (6.0 / 200).squareRoot()
    #expect(values.allSatisfy { abs($0) <= bound })
    #expect(values.map(abs).max()! > 0.9999 * bound)
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean) < 0.02 * bound)
    #expect(relativeError(variance, 2.0 / 200) < 0.02)
  }

  @Test func heNormalHasItsVariance() throws {
    let values = try Self.draws(.heNormal, .matrix(rows: 300, columns: 200))
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean) < 0.02 * (2.0 / 200).squareRoot())
    #expect(relativeError(variance, 2.0 / 200) < 0.03)
  }

  @Test func fansAreColumnsInAndRowsOut() throws {
    // A 1 × 600 matrix (one output of 600 inputs) against a 600 × 1 one: He reads fan-in only.
    let wide = try Self.draws(.heUniform, .matrix(rows: 1, columns: 600))
    let tall = try Self.draws(.heUniform, .matrix(rows: 600, columns: 1))
    let wideLargest: Double = wide.map { abs($0) }.max()!
    let tallLargest: Double = tall.map { abs($0) }.max()!
    #expect(wideLargest <= (6.0 / 600).squareRoot())
    #expect(tallLargest > 2)  // r = √6 for fan-in 1
    // A block's draws are those of the same block declared first in a larger layout.
    let layer = try Self.draws(.glorotUniform, .matrix(rows: 16, columns: 2))
    let network: [Double] = try Network().layout.initialValues(seed: 2024)
    #expect(layer == Array(network.prefix(32)))
  }

  @Test func normalHasItsMeanAndStandardDeviation() throws {
    // An odd count: the last pair's second value is dropped.
    let values = try Self.draws(.normal(mean: 3, standardDeviation: 0.5), .vector(count: 60_001))
    #expect(values.count == 60_001)
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean - 3) < 0.02 * 0.5)
    #expect(relativeError(variance.squareRoot(), 0.5) < 0.015)
  }

  @Test func normalDrawsFollowTheNormalDistribution() throws {
    // Kolmogorov–Smirnov: the largest gap between the empirical distribution of 60 000 standard
    // normal draws and Φ. At the 0.1 % level the critical value is 1.95/√n = 0.008.
    let values = try Self.draws(.normal(mean: 0, standardDeviation: 1), .vector(count: 60_000))
      .sorted()
    let n = Double(values.count)
    var gap = 0.0
    for (i, x) in values.enumerated() {
      let phi = 0.5 * (1 + erf(x / 2.0.squareRoot()))
      gap = max(gap, abs(phi - Double(i) / n), abs(phi - Double(i + 1) / n))
    }
    #expect(gap < 0.008)
    #expect(values.first! < -3.5 && values.last! > 3.5)
  }

  @Test func uniformAndConstantFillTheirRange() throws {
    let values = try Self.draws(.uniform(in: -2...5), .vector(count: 60_000))
    #expect(values.allSatisfy { -2 <= $0 && $0 <= 5 })
    let (mean, variance) = Self.moments(values)
    #expect(abs(mean - 1.5) < 0.02 * (49.0 / 12).squareRoot())
    #expect(relativeError(variance, 49.0 / 12) < 0.02)
    #expect(
      try Self.draws(.constant(-0.75), .matrix(rows: 2, columns: 3))
        == Array(repeating: -0.75, count: 6))
    #expect(try Self.draws(.zeros, .vector(count: 4)) == [0, 0, 0, 0])
    #expect(try Self.draws(.uniform(in: 1...1), .scalar) == [1])
  }

  @Test func theLogarithmOfThePolarMethodIsAccurate() {
    // ln from basic operations against the C library's, within 2 ulp, over (0, 1] and beyond.
    var generator = SplitMix64(seed: 5)
    var samples: [Double] = [1, 0.5, 0x1p-1022, 0.7071067811865476, 0.7071067811865475, 2, 1e300]
    for _ in 0..<20_000 {
      samples.append(ParameterInitializer.unit(&generator) + 0x1p-60)
      samples.append(ParameterInitializer.unit(&generator) * 0x1p-80 + 0x1p-1000)
    }
    for x in samples {
      let expected = log(x)
      let actual = ParameterInitializer.naturalLogarithm(x)
      #expect(abs(actual - expected) <= 2 * expected.ulp, "ln \(x)")
    }
    #expect(ParameterInitializer.naturalLogarithm(1) == 0)
  }

  // MARK: - Determinism

  @Test func theSameSeedGivesTheSameValues() throws {
    let layout = try Self.mixedLayout()
    let first: [Double] = layout.initialValues(seed: 42)
    #expect(first.count == layout.count)
    #expect(layout.initialValues(seed: 42) == first)
    #expect(layout.initialValues(seed: 43) != first)
    // Float and Double draw the same numbers, rounded once.
    let single: [Float] = layout.initialValues(seed: 42)
    let firstInFloat: [Float] = first.map { Float($0) }
    #expect(single == firstInFloat)
    // Fixed numbers, so that another platform or a change of algorithm shows.
    #expect(
      first == [
        0x1.0ef8d3283b36ap-1, -0x1.7d7d9da5c1743p-1, -0x1.f0b3bb3946d78p-2,  // w, Glorot uniform
        -0x1.5d8dbf66b657fp-2, -0x1.031aa2efd641ap+0, 0x1.9d0dfb431d91fp-1,
        -0x1.a14ace4fd1a20p-3, 0x1.247f4fe7ef93ap+1, -0x1.0ad8264f1e64dp+1,  // n, normal(1, 2²)
        0.5,  // c
        -0x1.06c05ec6b1f70p+0, -0x1.8f8269e9c93fbp-6, 0x1.5eb9dd8562fd4p+0,  // g, Glorot normal
        0x1.a91f8c700b9e2p+0, -0x1.7d75a756507a0p-3,  // u, uniform in [−1, 3]
        -0x1.5cc7d33df0a14p+0, -0x1.faec668d7c98ap-7,  // h, He normal
        -0x1.688d6bd19f747p+0, 0x1.4f1e7b60f7d09p-1,  // k, He uniform
        0, 0,  // z
      ])
  }

  /// Blocks of every initializer, normal ones of odd size among them.
  static func mixedLayout() throws -> ParameterLayout {
    var layout = ParameterLayout()
    _ = try layout.matrix("w", rows: 2, columns: 3, initializer: .glorotUniform)
    _ = try layout.vector("n", count: 3, initializer: .normal(mean: 1, standardDeviation: 2))
    _ = try layout.scalar("c", initializer: .constant(0.5))
    _ = try layout.matrix("g", rows: 1, columns: 3, initializer: .glorotNormal)
    _ = try layout.vector("u", count: 2, initializer: .uniform(in: -1...3))
    _ = try layout.matrix("h", rows: 2, columns: 1, initializer: .heNormal)
    _ = try layout.matrix("k", rows: 1, columns: 2, initializer: .heUniform)
    _ = try layout.vector("z", count: 2)
    return layout
  }

  @Test func addingABlockAtTheEndKeepsTheEarlierValues() throws {
    let base = try Self.mixedLayout()
    var extended = base
    _ = try extended.matrix("extra", rows: 4, columns: 3, initializer: .heNormal)
    _ = try extended.scalar("last", initializer: .uniform(in: 0...1))
    for seed: UInt64 in [0, 1, 42, .max] {
      let before: [Double] = base.initialValues(seed: seed)
      let after: [Double] = extended.initialValues(seed: seed)
      #expect(after.count == before.count + 13)
      #expect(Array(after.prefix(before.count)) == before)
    }
  }

  @Test func aLayoutOfTheSameLayersStartsWhereTheNetworkStarts() throws {
    let cases: [([Int], MultilayerPerceptron<Double>.Activation, ParameterInitializer)] = [
      ([2, 16, 1], .tanh, .glorotUniform), ([3, 5, 4, 2], .relu, .heUniform),
      ([4, 8, 3], .sigmoid, .glorotUniform),
    ]
    for (sizes, activation, initializer) in cases {
      var layout = ParameterLayout()
      for l in 1..<sizes.count {
        _ = try layout.matrix(
          "w\(l)", rows: sizes[l], columns: sizes[l - 1], initializer: initializer)
        _ = try layout.vector("b\(l)", count: sizes[l])
      }
      for seed: UInt64 in [0, 7] {
        let network = try MultilayerPerceptron<Double>(
          layerSizes: sizes, activation: activation, seed: seed)
        #expect(layout.initialValues(seed: seed) == network.parameters)
        let single = try MultilayerPerceptron<Float>(
          layerSizes: sizes, activation: .init(rawValue: activation.rawValue)!, seed: seed)
        #expect(layout.initialValues(seed: seed) == single.parameters)
      }
    }
  }

  // MARK: - Codable

  /// The documented JSON form of the 2-16-1 network's layout.
  static let networkJSON = """
    {
      "type": "ParameterLayout", "version": 1, "count": 65,
      "blocks": [
        {"name": "w1", "kind": "matrix", "offset": 0, "rows": 16, "columns": 2,
         "initializer": {"kind": "glorotUniform"}},
        {"name": "b1", "kind": "vector", "offset": 32, "count": 16,
         "initializer": {"kind": "zeros"}},
        {"name": "w2", "kind": "matrix", "offset": 48, "rows": 1, "columns": 16,
         "initializer": {"kind": "glorotUniform"}},
        {"name": "b2", "kind": "scalar", "offset": 64, "initializer": {"kind": "zeros"}}
      ]
    }
    """

  static func decode(_ json: String) throws -> ParameterLayout {
    try decode(json, as: ParameterLayout.self)
  }

  static func decode<Value: Decodable>(_ json: String, as type: Value.Type) throws -> Value {
    try JSONDecoder().decode(Value.self, from: Data(json.utf8))
  }

  @Test func theJSONFormRoundTrips() throws {
    let network = try Network()
    #expect(try Self.decode(Self.networkJSON) == network.layout)
    let mixed = try Self.mixedLayout()
    #expect(Set(mixed.blocks.map(\.initializer.kind)) == Set(ParameterInitializer.kinds))
    for layout in [network.layout, mixed, ParameterLayout()] {
      let data = try JSONEncoder().encode(layout)
      let decoded = try JSONDecoder().decode(ParameterLayout.self, from: data)
      #expect(decoded == layout)
      #expect(decoded.description == layout.description)
      #expect(decoded.initialValues(seed: 8) as [Double] == layout.initialValues(seed: 8))
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let text = String(decoding: try encoder.encode(network.layout), as: UTF8.self)
    #expect(text.hasPrefix(#"{"blocks":[{"columns":2,"initializer":{"kind":"glorotUniform"},"#))
    #expect(text.hasSuffix(#""count":65,"type":"ParameterLayout","version":1}"#))
    // Handles too, and a decoded handle reads its block from the decoded layout.
    let handles = try JSONEncoder().encode([network.w1, network.w2])
    let decodedHandles = try JSONDecoder().decode([MatrixParameter].self, from: handles)
    #expect(decodedHandles == [network.w1, network.w2])
    let vector = try JSONDecoder().decode(
      VectorParameter.self, from: JSONEncoder().encode(network.b1))
    let scalar = try JSONDecoder().decode(
      ScalarParameter.self, from: JSONEncoder().encode(network.b2))
    #expect(vector == network.b1 && scalar == network.b2)
    let values: [Double] = network.layout.initialValues(seed: 1)
    #expect(
      try network.layout.values(of: decodedHandles[1], in: values) == values[block: network.w2])
  }

  /// The network's JSON after `change` has edited its top level and its blocks.
  static func edited(_ change: (inout [String: Any], inout [[String: Any]]) -> Void) -> String {
    var root =
      (try? JSONSerialization.jsonObject(with: Data(networkJSON.utf8))) as? [String: Any] ?? [:]
    var blocks = root["blocks"] as? [[String: Any]] ?? []
    change(&root, &blocks)
    root["blocks"] = blocks
    let data = (try? JSONSerialization.data(withJSONObject: root)) ?? Data()
    return String(decoding: data, as: UTF8.self)
  }

  @Test func decodingRejectsAnInconsistentFile() {
    let cases: [(String, String)] = [
      (
        Self.edited { root, _ in root["type"] = "TrainingCheckpoint" },
        "`type` is \"TrainingCheckpoint\"; it must be \"ParameterLayout\": this file is not a "
          + "parameter layout."
      ),
      (
        Self.edited { root, _ in root["version"] = 2 },
        "`version` is 2; it must be at most 1, the newest layout format this version of Descent "
          + "reads: update Descent to read it."
      ),
      (
        Self.edited { _, blocks in blocks[1]["kind"] = "tensor" },
        "`blocks[1].kind` is \"tensor\"; it must be \"scalar\", \"vector\" or \"matrix\"."
      ),
      (
        Self.edited { _, blocks in blocks[3]["initializer"] = ["kind": "xavier"] },
        "`blocks[3].initializer.kind` is \"xavier\"; it must be one of \"zeros\", \"constant\", "
          + "\"uniform\", \"normal\", \"glorotUniform\", \"glorotNormal\", \"heUniform\", "
          + "\"heNormal\"."
      ),
      (
        Self.edited { _, blocks in blocks[0]["name"] = "" },
        "`blocks[0].name` is \"\"; it must be a non-empty name such as \"w1\"."
      ),
      (
        Self.edited { _, blocks in blocks[2]["name"] = "w1" },
        "`blocks[2].name` is \"w1\"; it must be a name no other block has: `w1` is a 16 × 2 "
          + "matrix at offset 0."
      ),
      (
        Self.edited { _, blocks in blocks[0]["rows"] = -3 },
        "`blocks[0].rows` is -3; it must be at least 1, so that `w1` holds at least one value."
      ),
      (
        Self.edited { _, blocks in blocks[1]["count"] = 0 },
        "`blocks[1].count` is 0; it must be at least 1, so that `b1` holds at least one value."
      ),
      (
        Self.edited { _, blocks in blocks[1]["offset"] = 20 },
        "`blocks[1].offset` is 20; it must be 32, where `w1` (blocks[0]) ends: blocks follow one "
          + "another in the flat vector without overlapping."
      ),
      (
        Self.edited { _, blocks in blocks[2]["offset"] = 50 },
        "`blocks[2].offset` is 50; it must be 48, where `b1` (blocks[1]) ends: blocks follow one "
          + "another in the flat vector without gaps."
      ),
      (
        Self.edited { _, blocks in blocks[0]["offset"] = 5 },
        "`blocks[0].offset` is 5; it must be 0: the first block starts the flat vector."
      ),
      (
        Self.edited { root, _ in root["count"] = 60 },
        "`count` is 60; it must be 65, the total size of the blocks."
      ),
      (
        Self.edited { _, blocks in blocks.removeLast() },
        "`count` is 65; it must be 64, the total size of the blocks."
      ),
      (
        Self.edited { _, blocks in blocks[1]["initializer"] = ["kind": "glorotUniform"] },
        "`blocks[1].initializer` is .glorotUniform; it must be .zeros, .constant, .uniform or "
          + ".normal for `b1`, a vector of 16 values: Glorot and He take fan-in and fan-out from "
          + "a matrix's shape (rows = fan-out, columns = fan-in); declare `b1` as a 1 × 16 or "
          + "16 × 1 matrix to use them."
      ),
      (
        Self.edited { _, blocks in
          blocks[3]["initializer"] = ["kind": "uniform", "lowerBound": 1, "upperBound": -1]
        },
        "`blocks[3].initializer` is uniform from 1.0 to -1.0; it must be a range whose "
          + "`lowerBound` is at most its `upperBound`."
      ),
      (
        Self.edited { _, blocks in
          blocks[3]["initializer"] = ["kind": "normal", "mean": 0, "standardDeviation": -1]
        },
        "`blocks[3].initializer` is .normal(mean: 0.0, standardDeviation: -1.0); it must be a "
          + "finite mean and a finite standard deviation of at least 0, such as .normal(mean: 0, "
          + "standardDeviation: 0.01)."
      ),
      (
        Self.edited { _, blocks in
          blocks[0]["rows"] = 20000
          blocks[0]["columns"] = 20000
        },
        "`blocks[0].rows × blocks[0].columns` is 20000 × 20000; it must be at most 268435456 "
          + "values, the room left in the layout: a layout holds at most 2²⁸ = 268435456 values, "
          + "and 0 are declared already."
      ),
    ]
    for (json, expected) in cases {
      #expect(message { _ = try Self.decode(json) } == expected, "\(json)")
    }
    // The unedited file decodes.
    #expect((try? Self.decode(Self.edited { _, _ in }))?.count == 65)
  }

  @Test func decodingRejectsABadHandle() {
    #expect(
      message {
        _ = try Self.decode(
          #"{"name": "w1", "offset": -1, "rows": 16, "columns": 2}"#, as: MatrixParameter.self)
      } == "`offset` is -1; it must be an index of a layout's flat vector, from 0 to 268435455.")
    #expect(
      message {
        _ = try Self.decode(
          #"[{"name": "w1", "offset": 0, "rows": 16, "columns": 2}, {"name": "w2", "offset": 32, "rows": 0, "columns": 2}]"#,
          as: [MatrixParameter].self)
      } == "`[1].rows` is 0; it must be at least 1: a block holds at least one value.")
    #expect(
      message { _ = try Self.decode(#"{"name": "", "offset": 3}"#, as: ScalarParameter.self) }
        == "`name` is \"\"; it must be a non-empty name such as \"w1\".")
    #expect(
      message {
        _ = try Self.decode(
          #"{"name": "b", "offset": 268435455, "count": 2}"#, as: VectorParameter.self)
      } == "`offset` is 268435455; it must be an offset at which the block ends within 2²⁸ = "
        + "268435456 values, the most a layout holds.")
  }

  // MARK: - Declaration errors

  @Test func declarationsRejectBadNamesAndSizes() throws {
    let layout = try Network().layout
    expectDeclarationMessage(layout, "`name` is \"\"; it must be a non-empty name such as \"w1\".")
    { _ = try $0.vector("", count: 3) }
    expectDeclarationMessage(
      layout,
      "`name` is \"w1\"; it must be a name no other block has: `w1` is a 16 × 2 matrix at "
        + "offset 0."
    ) {
      _ = try $0.matrix("w1", rows: 2, columns: 2, initializer: .zeros)
    }
    expectDeclarationMessage(
      layout,
      "`name` is \"b1\"; it must be a name no other block has: `b1` is a vector of 16 values "
        + "at offset 32."
    ) { _ = try $0.scalar("b1") }
    expectDeclarationMessage(
      layout, "`rows` is 0; it must be at least 1, so that `w3` holds at least one value."
    ) {
      _ = try $0.matrix("w3", rows: 0, columns: 4, initializer: .heNormal)
    }
    expectDeclarationMessage(
      layout, "`columns` is -1; it must be at least 1, so that `w3` holds at least one value."
    ) {
      _ = try $0.matrix("w3", rows: 4, columns: -1, initializer: .heNormal)
    }
    expectDeclarationMessage(
      layout, "`count` is 0; it must be at least 1, so that `b3` holds at least one value."
    ) { _ = try $0.vector("b3", count: 0) }
    expectDeclarationMessage(
      layout,
      "`rows × columns` is 20000 × 20000; it must be at most 268435391 values, the room left "
        + "in the layout: a layout holds at most 2²⁸ = 268435456 values, and 65 are declared "
        + "already."
    ) {
      _ = try $0.matrix("w3", rows: 20000, columns: 20000, initializer: .heNormal)
    }
    expectDeclarationMessage(
      layout,
      "`rows × columns` is 9223372036854775807 × 2; it must be at most 268435391 values, the "
        + "room left in the layout: a layout holds at most 2²⁸ = 268435456 values, and 65 are "
        + "declared already."
    ) {
      _ = try $0.matrix("w3", rows: .max, columns: 2, initializer: .zeros)
    }
    expectDeclarationMessage(
      layout,
      "`count` is 268435392; it must be at most 268435391 values, the room left in the "
        + "layout: a layout holds at most 2²⁸ = 268435456 values, and 65 are declared already."
    ) { _ = try $0.vector("b3", count: 268_435_392) }

    // The largest layout, which is only a list of blocks until it is filled.
    var full = ParameterLayout()
    _ = try full.vector("all", count: ParameterLayout.maximumCount)
    #expect(full.count == 268_435_456)
    expectDeclarationMessage(
      full,
      "`name` is \"s\"; it must be a block that fits, but the layout is full: it holds 2²⁸ = "
        + "268435456 values, the most a layout can."
    ) { _ = try $0.scalar("s") }
  }

  @Test func declarationsRejectInitializersThatCannotApply() throws {
    let layout = try Network().layout
    // Messages bound with declared types first: as one `#expect` of a concatenation, each took
    // over CI's 200 ms to type-check.
    let vectorMessage: String? = declarationMessage(layout) {
      _ = try $0.vector("b3", count: 16, initializer: .glorotUniform)
    }
    let vectorExpected: String =
      "`initializer` is .glorotUniform; it must be .zeros, .constant, .uniform or .normal "
      + "for `b3`, a vector of 16 values: Glorot and He take fan-in and fan-out from a matrix's "
      + "shape (rows = fan-out, columns = fan-in); declare `b3` as a 1 × 16 or 16 × 1 matrix to "
      + "use them."
    #expect(vectorMessage == vectorExpected)
    let scalarMessage: String? = declarationMessage(layout) {
      _ = try $0.scalar("s", initializer: .heNormal)
    }
    let scalarExpected: String =
      "`initializer` is .heNormal; it must be .zeros, .constant, .uniform or .normal for "
      + "`s`, a scalar: Glorot and He take fan-in and fan-out from a matrix's shape (rows = "
      + "fan-out, columns = fan-in); declare `s` as a 1 × 1 matrix to use them."
    #expect(scalarMessage == scalarExpected)
    expectDeclarationMessage(
      layout, "`initializer` is .constant(nan); it must be a finite constant."
    ) { _ = try $0.scalar("s", initializer: .constant(.nan)) }
    expectDeclarationMessage(
      layout,
      "`initializer` is .uniform(in: -inf...1.0); it must be a range with finite bounds and "
        + "a finite width, such as .uniform(in: -0.1...0.1)."
    ) {
      _ = try $0.vector("u", count: 2, initializer: .uniform(in: -.infinity...1))
    }
    expectDeclarationMessage(
      layout,
      "`initializer` is .uniform(in: -1e+308...1e+308); it must be a range with finite "
        + "bounds and a finite width, such as .uniform(in: -0.1...0.1)."
    ) {
      _ = try $0.vector("u", count: 2, initializer: .uniform(in: -1e308...1e308))
    }
    expectDeclarationMessage(
      layout,
      "`initializer` is .normal(mean: 0.0, standardDeviation: -1.0); it must be a finite "
        + "mean and a finite standard deviation of at least 0, such as .normal(mean: 0, "
        + "standardDeviation: 0.01)."
    ) {
      _ = try $0.matrix(
        "m", rows: 2, columns: 2, initializer: .normal(mean: 0, standardDeviation: -1))
    }
    expectDeclarationMessage(
      layout,
      "`initializer` is .normal(mean: inf, standardDeviation: 1.0); it must be a finite "
        + "mean and a finite standard deviation of at least 0, such as .normal(mean: 0, "
        + "standardDeviation: 0.01)."
    ) {
      _ = try $0.scalar("s", initializer: .normal(mean: .infinity, standardDeviation: 1))
    }
  }

  // MARK: - Lookup and reading errors

  @Test func lookupsRejectUnknownNamesAndOtherKinds() throws {
    let layout = try Network().layout
    #expect(
      message { _ = try layout.block(named: "w3") }
        == "`name` is \"w3\"; it must be the name of a block of this layout: `w1`, `b1`, `w2`, "
        + "`b2`.")
    #expect(
      message { _ = try layout.matrix(named: "W1") }
        == "`name` is \"W1\"; it must be the name of a block of this layout: `w1`, `b1`, `w2`, "
        + "`b2` (did you mean `w1`? Names are case-sensitive).")
    #expect(
      message { _ = try ParameterLayout().vector(named: "b1") }
        == "`name` is \"b1\"; it must be the name of a block of this layout, which has none yet.")
    #expect(
      message { _ = try layout.matrix(named: "b1") }
        == "`name` is \"b1\"; it must be the name of a matrix, but `b1` is a vector of 16 values: "
        + "use `vector(named:)`.")
    #expect(
      message { _ = try layout.vector(named: "b2") }
        == "`name` is \"b2\"; it must be the name of a vector, but `b2` is a scalar: use "
        + "`scalar(named:)`.")
    #expect(
      message { _ = try layout.scalar(named: "w1") }
        == "`name` is \"w1\"; it must be the name of a scalar, but `w1` is a 16 × 2 matrix: use "
        + "`matrix(named:)`.")
    var long = ParameterLayout()
    for k in 0..<12 { _ = try long.scalar("s\(k)") }
    #expect(
      message { _ = try long.block(named: "t") }
        == "`name` is \"t\"; it must be the name of a block of this layout: `s0`, `s1`, `s2`, "
        + "`s3`, `s4`, `s5`, `s6`, `s7`, `s8`, `s9`, … (12 blocks).")
  }

  @Test func readingRejectsAVectorOfAnotherLengthAndForeignHandles() throws {
    let network = try Network()
    let layout = network.layout
    #expect(
      message { _ = try layout.values(of: network.w1, in: [Double](repeating: 0, count: 10)) }
        == "`parameters` has 10 elements but must have 65; pass the layout's whole flat vector, "
        + "such as `result.minimizer` or `layout.initialValues(seed:)`.")
    #expect(
      message { _ = try layout.values(of: network.b2, in: [Float](repeating: 0, count: 66)) }
        == "`parameters` has 66 elements but must have 65; pass the layout's whole flat vector, "
        + "such as `result.minimizer` or `layout.initialValues(seed:)`.")

    var other = ParameterLayout()
    let w9 = try other.matrix("w9", rows: 4, columns: 4, initializer: .zeros)
    _ = try other.vector("x", count: 3)
    let shifted = try other.matrix("w1", rows: 16, columns: 2, initializer: .zeros)
    let values: [Double] = layout.initialValues(seed: 0)
    #expect(
      message { _ = try layout.values(of: w9, in: values) }
        == "`parameter` is w9: 4 × 4 matrix at 0..<16; it must be a handle of this layout, which "
        + "has no block named `w9` (its blocks: `w1`, `b1`, `w2`, `b2`).")
    #expect(
      message { _ = try layout.values(of: shifted, in: values) }
        == "`parameter` is w1: 16 × 2 matrix at 19..<51; it must be a handle of this layout, "
        + "where `w1` is a 16 × 2 matrix at offset 0; this handle comes from another layout.")
    // A view of a block of this layout is a handle of this layout.
    #expect(
      try layout.values(of: network.w1.flattened.row, in: values) == [Array(values[0..<32])])
  }
}
