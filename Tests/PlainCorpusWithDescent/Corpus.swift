// A corpus of plain `Float` and `Double` code, written the way a user writes it, and compiled
// twice: into `PlainCorpusWithDescent`, which imports Descent (`WITH_DESCENT` is defined there),
// and into `PlainCorpusWithoutDescent`, which does not. That target's `Corpus.swift` is a
// symbolic link to this file, so both modules compile the same text. `PlainCorpusTests` compares
// the two modules' results bit for bit: importing Descent must change nothing in code that does
// not use it (issue 13).
//
// Every call here is made on concrete `Float` or `Double` values, as in a user's file: a generic
// helper would not see Descent's overloads, which is exactly what must be tested. So each section
// is written once for `Double` and once for `Float`. Nothing here may use what exists only with
// Descent (`pow(x, n)` for an `Int` variable `n`, Descent's `relu`): the file must compile in both
// modules. The user's own `sigmoid`, `softplus` and `relu` below share names with Descent's.
// Keep in sync with what Descent declares for plain numbers: the free functions of
// `Sources/AutoDiff/Scalar/FreeFunctions.swift`, the operators of `PlainNumbers.swift`, and the
// static members of the `Float` and `Double` conformances to `RealScalar`.

import Foundation

#if WITH_DESCENT
  import Descent
#endif

/// The corpus's results in order: what was computed on which input, and the bits of the value.
///
/// A name starts with the result's type: `Double` (its 64 bits), `Float` (its 32 bits, widened)
/// or `Bool` (0 or 1). Both modules compute the same inputs, in the same order.
public func plainCorpusResults() -> [(name: String, bits: UInt64)] {
  var results = Results()
  doubleMinAndMax(&results)
  floatMinAndMax(&results)
  doublePowers(&results)
  floatPowers(&results)
  doubleAbsoluteValues(&results)
  floatAbsoluteValues(&results)
  doubleElementaryFunctions(&results)
  floatElementaryFunctions(&results)
  doubleArithmetic(&results)
  floatArithmetic(&results)
  doubleCollections(&results)
  floatCollections(&results)
  doubleExtensions(&results)
  floatExtensions(&results)
  return results.entries
}

/// The list of named bit patterns the corpus fills.
struct Results {
  private(set) var entries: [(name: String, bits: UInt64)] = []

  mutating func double(_ name: String, _ value: Double) {
    entries.append((name: "Double " + name, bits: value.bitPattern))
  }

  mutating func float(_ name: String, _ value: Float) {
    entries.append((name: "Float " + name, bits: UInt64(value.bitPattern)))
  }

  mutating func bool(_ name: String, _ value: Bool) {
    entries.append((name: "Bool " + name, bits: value ? 1 : 0))
  }
}

/// SplitMix64 (Steele, Lea & Flood, 2014): deterministic pseudo-random inputs, the same in both
/// modules. The floating-point values are made from bits, with no arithmetic that could differ.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A `Double` in [1, 2): 52 random bits as the significand.
  mutating func doubleBetweenOneAndTwo() -> Double {
    Double(bitPattern: 0x3FF0_0000_0000_0000 | next() >> 12)
  }

  /// A `Float` in [1, 2): 23 random bits as the significand.
  mutating func floatBetweenOneAndTwo() -> Float {
    Float(bitPattern: 0x3F80_0000 | UInt32(truncatingIfNeeded: next() >> 41))
  }

  /// A `Double` of any sign and exponent, NaNs and infinities included: 64 random bits.
  mutating func anyDouble() -> Double { Double(bitPattern: next()) }

  /// A `Float` of any sign and exponent, NaNs and infinities included: 32 random bits.
  mutating func anyFloat() -> Float { Float(bitPattern: UInt32(truncatingIfNeeded: next())) }
}

// MARK: - Inputs

/// Zeros, units, extremes, infinities and NaNs of both signs, a NaN with a payload, and a
/// signaling NaN.
let doubleSpecials: [Double] = [
  0, -0.0, 1, -1, 2, 0.5, -2.5, 3, 10, 0.1, .pi, -.pi,
  .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-300, 1e300, -1e-300, -1e300,
  .infinity, -.infinity, .nan, -.nan, Double(nan: 42, signaling: false), .signalingNaN,
]

let floatSpecials: [Float] = [
  0, -0.0, 1, -1, 2, 0.5, -2.5, 3, 10, 0.1, .pi, -.pi,
  .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
  .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-30, 1e30, -1e-30, -1e30,
  .infinity, -.infinity, .nan, -.nan, Float(nan: 42, signaling: false), .signalingNaN,
]

/// Bases for `pow`: 3000 in [1, 2), 500 in (−2, −1], 200 of any bits, and the specials.
let doubleBases: [Double] = {
  var random = SplitMix64(state: 13)
  let inOneToTwo = (0..<3000).map { _ in random.doubleBetweenOneAndTwo() }
  let negative = (0..<500).map { _ in -random.doubleBetweenOneAndTwo() }
  let anything = (0..<200).map { _ in random.anyDouble() }
  return doubleSpecials + inOneToTwo + negative + anything
}()

let floatBases: [Float] = {
  var random = SplitMix64(state: 13)
  let inOneToTwo = (0..<3000).map { _ in random.floatBetweenOneAndTwo() }
  let negative = (0..<500).map { _ in -random.floatBetweenOneAndTwo() }
  let anything = (0..<200).map { _ in random.anyFloat() }
  return floatSpecials + inOneToTwo + negative + anything
}()

/// Arguments of the elementary functions: the specials, 300 in [−10, 10), 100 in [1, 2), 100 of
/// any bits, and small ones where `expm1`, `log1p` and `erf` are delicate.
let doubleArguments: [Double] = {
  var random = SplitMix64(state: 31)
  let wide = (0..<300).map { _ in (random.doubleBetweenOneAndTwo() - 1) * 20 - 10 }
  let inOneToTwo = (0..<100).map { _ in random.doubleBetweenOneAndTwo() }
  let anything = (0..<100).map { _ in random.anyDouble() }
  let small: [Double] = [1e-3, -1e-3, 1e-8, -1e-8, 1e-17, 0.49, -0.75, 0.999, 5.9, 27.5]
  return doubleSpecials + wide + inOneToTwo + anything + small
}()

let floatArguments: [Float] = {
  var random = SplitMix64(state: 31)
  let wide = (0..<300).map { _ in (random.floatBetweenOneAndTwo() - 1) * 20 - 10 }
  let inOneToTwo = (0..<100).map { _ in random.floatBetweenOneAndTwo() }
  let anything = (0..<100).map { _ in random.anyFloat() }
  let small: [Float] = [1e-3, -1e-3, 1e-8, -1e-8, 1e-17, 0.49, -0.75, 0.999, 5.9, 27.5]
  return floatSpecials + wide + inOneToTwo + anything + small
}()

/// Pairs for the functions of two arguments: every pair of the specials and 20 values in [−10, 10).
let doublePairs: [(Double, Double)] = {
  var random = SplitMix64(state: 47)
  let values =
    doubleSpecials + (0..<20).map { _ in (random.doubleBetweenOneAndTwo() - 1) * 20 - 10 }
  return values.flatMap { x in values.map { y in (x, y) } }
}()

let floatPairs: [(Float, Float)] = {
  var random = SplitMix64(state: 47)
  let values = floatSpecials + (0..<20).map { _ in (random.floatBetweenOneAndTwo() - 1) * 20 - 10 }
  return values.flatMap { x in values.map { y in (x, y) } }
}()

// MARK: - Double: min and max

func doubleMinAndMax(_ r: inout Results) {
  // As written in a formula: literals, NaN in either position, zeros of both signs in both orders.
  r.double("max(1.0, .nan)", max(1.0, .nan))
  r.double("max(.nan, 1.0)", max(.nan, 1.0))
  r.double("min(2.0, .nan)", min(2.0, .nan))
  r.double("min(.nan, 2.0)", min(.nan, 2.0))
  r.double("max(0.0, -0.0)", max(0.0, -0.0))
  r.double("max(-0.0, 0.0)", max(-0.0, 0.0))
  r.double("min(0.0, -0.0)", min(0.0, -0.0))
  r.double("min(-0.0, 0.0)", min(-0.0, 0.0))
  r.double("max(1, 2, .nan)", max(1, 2, .nan))
  r.double("min(.nan, 1, 2)", min(.nan, 1, 2))
  let inferred = max(1.0, .nan)
  r.double("let inferred = max(1.0, .nan)", inferred)
  let zero = 0.0
  let negativeZero = -0.0
  let nan = Double.nan
  r.double("max(zero, negativeZero)", max(zero, negativeZero))
  r.double("max(negativeZero, zero)", max(negativeZero, zero))
  r.double("min(zero, negativeZero)", min(zero, negativeZero))
  r.double("min(negativeZero, zero)", min(negativeZero, zero))
  r.double("max(nan, 0)", max(nan, 0))
  r.double("max(0, nan)", max(0, nan))
  r.double("min(nan, 0)", min(nan, 0))
  r.double("min(0, nan)", min(0, nan))
  r.double("[1, .nan, 3].max()", [1, .nan, 3].max() ?? 0)
  r.double("[1, .nan, 3].min()", [1, .nan, 3].min() ?? 0)
  for (x, y) in doublePairs {
    r.double("max(x, y) x=\(x) y=\(y)", max(x, y))
    r.double("min(x, y) x=\(x) y=\(y)", min(x, y))
  }
}

// MARK: - Double: pow

func doublePowers(_ r: inout Results) {
  r.double("pow(2, 10)", pow(2, 10))
  r.double("pow(1.1, 7)", pow(1.1, 7))
  r.double("pow(-2.0, 3)", pow(-2.0, 3))
  r.double("pow(0.0, 0)", pow(0.0, 0))
  r.double("pow(.nan, 0)", pow(.nan, 0))
  r.double("pow(1, .nan)", pow(1, .nan))
  r.double("pow(-0.0, -3)", pow(-0.0, -3))
  for x in doubleBases {
    r.double("pow(x, 2) x=\(x)", pow(x, 2))
    r.double("pow(x, 7) x=\(x)", pow(x, 7))
    r.double("pow(x, -3) x=\(x)", pow(x, -3))
    r.double("pow(x, 0) x=\(x)", pow(x, 0))
    r.double("pow(x, 3) x=\(x)", pow(x, 3))
    r.double("pow(x, -1) x=\(x)", pow(x, -1))
    r.double("pow(x, 2.0) x=\(x)", pow(x, 2.0))
    r.double("pow(x, 0.5) x=\(x)", pow(x, 0.5))
    r.double("pow(2, x) x=\(x)", pow(2, x))
  }
  for x in doubleBases.prefix(300) {
    for n in -4...9 {
      r.double("pow(x, Double(n)) x=\(x) n=\(n)", pow(x, Double(n)))
    }
  }
  for (x, y) in doublePairs {
    r.double("pow(x, y) x=\(x) y=\(y)", pow(x, y))
  }
}

// MARK: - Double: abs

func doubleAbsoluteValues(_ r: inout Results) {
  r.double("abs(-0.0)", abs(-0.0))
  r.double("abs(0.0)", abs(0.0))
  r.double("abs(-.nan)", abs(-.nan))
  r.double("abs(-.infinity)", abs(-.infinity))
  r.double("(-0.0).magnitude", (-0.0).magnitude)
  for x in doubleSpecials {
    r.double("abs(x) x=\(x)", abs(x))
    r.double("x.magnitude x=\(x)", x.magnitude)
    r.double("fabs(x) x=\(x)", fabs(x))
    r.double("-x x=\(x)", -x)
    r.double("abs(-x) x=\(x)", abs(-x))
  }
}

// MARK: - Double: elementary functions

func doubleElementaryFunctions(_ r: inout Results) {
  r.double("sqrt(2.0)", sqrt(2.0))
  r.double("exp(1.0)", exp(1.0))
  r.double("log(10.0)", log(10.0))
  r.double("atan2(1.0, -1.0)", atan2(1.0, -1.0))
  r.double("hypot(3.0, 4.0)", hypot(3.0, 4.0))
  for x in doubleArguments {
    r.double("sqrt(x) x=\(x)", sqrt(x))
    r.double("x.squareRoot() x=\(x)", x.squareRoot())
    r.double("exp(x) x=\(x)", exp(x))
    r.double("expm1(x) x=\(x)", expm1(x))
    r.double("log(x) x=\(x)", log(x))
    r.double("log1p(x) x=\(x)", log1p(x))
    r.double("log2(x) x=\(x)", log2(x))
    r.double("log10(x) x=\(x)", log10(x))
    r.double("sin(x) x=\(x)", sin(x))
    r.double("cos(x) x=\(x)", cos(x))
    r.double("tan(x) x=\(x)", tan(x))
    r.double("asin(x) x=\(x)", asin(x))
    r.double("acos(x) x=\(x)", acos(x))
    r.double("atan(x) x=\(x)", atan(x))
    r.double("sinh(x) x=\(x)", sinh(x))
    r.double("cosh(x) x=\(x)", cosh(x))
    r.double("tanh(x) x=\(x)", tanh(x))
    r.double("cbrt(x) x=\(x)", cbrt(x))
    r.double("erf(x) x=\(x)", erf(x))
    r.double("erfc(x) x=\(x)", erfc(x))
  }
  for (y, x) in doublePairs {
    r.double("atan2(y, x) y=\(y) x=\(x)", atan2(y, x))
    r.double("hypot(y, x) y=\(y) x=\(x)", hypot(y, x))
  }
}

// MARK: - Double: arithmetic with literals

func doubleArithmetic(_ r: inout Results) {
  r.double("0.1 + 0.2", 0.1 + 0.2)
  r.double("1.0 / 3.0", 1.0 / 3.0)
  r.double("Double(7) / 2", Double(7) / 2)
  r.double("-0.0 + 0.0", -0.0 + 0.0)
  r.double("-0.0 - 0.0", -0.0 - 0.0)
  for x in doubleArguments {
    r.double("2 * x + 1 x=\(x)", 2 * x + 1)
    r.double("x / 3 x=\(x)", x / 3)
    r.double("1 - x x=\(x)", 1 - x)
    r.double("1 / x x=\(x)", 1 / x)
    r.double("x * 0.1 x=\(x)", x * 0.1)
    r.double("0.5 * x * x x=\(x)", 0.5 * x * x)
    r.double("(x + 1) * (x - 1) x=\(x)", (x + 1) * (x - 1))
    r.double("x * x * x - 2 * x + 5 x=\(x)", x * x * x - 2 * x + 5)
    r.double("x + -0.0 x=\(x)", x + -0.0)
    r.double("x * -1 x=\(x)", x * -1)
    r.double("(x * 100).rounded() / 100 x=\(x)", (x * 100).rounded() / 100)
    var accumulated = x
    accumulated += 0.25
    accumulated *= 3
    accumulated -= 1
    accumulated /= 7
    r.double("compound assignments x=\(x)", accumulated)
    r.bool("x < 0 x=\(x)", x < 0)
    r.bool("x <= 1 x=\(x)", x <= 1)
    r.bool("x == 0 x=\(x)", x == 0)
    r.bool("x != x x=\(x)", x != x)
    r.bool("x > -x x=\(x)", x > -x)
  }
}

// MARK: - Double: collections

func doubleCollections(_ r: inout Results) {
  var random = SplitMix64(state: 59)
  let xs = (0..<1000).map { _ in random.doubleBetweenOneAndTwo() * 2 - 3 }
  let ys = (0..<1000).map { _ in random.doubleBetweenOneAndTwo() }
  let arrays: [(name: String, values: [Double])] = [
    ("xs", xs), ("ys", ys), ("[-0.0, -0.0]", [-0.0, -0.0]), ("[]", []),
    ("[1, .nan, -2]", [1, .nan, -2]), ("specials", doubleSpecials),
  ]
  for (name, values) in arrays {
    r.double("\(name).reduce(0, +)", values.reduce(0, +))
    r.double("\(name).reduce(-0.0, +)", values.reduce(-0.0, +))
    r.double("\(name).reduce(1, *)", values.reduce(1, *))
    r.double("\(name).reduce(0) { $0 + $1 * $1 }", values.reduce(0) { $0 + $1 * $1 })
    r.double(
      "\(name).reduce(-.infinity) { max($0, $1) }", values.reduce(-.infinity) { max($0, $1) })
    r.double("\(name).reduce(.infinity) { min($0, $1) }", values.reduce(.infinity) { min($0, $1) })
    for (i, value) in values.map({ max($0, 0) }).enumerated() {
      r.double("\(name).map { max($0, 0) }[\(i)]", value)
    }
    for (i, value) in values.map({ min(1, $0) }).enumerated() {
      r.double("\(name).map { min(1, $0) }[\(i)]", value)
    }
    for (i, value) in values.map(\.magnitude).enumerated() {
      r.double("\(name).map(\\.magnitude)[\(i)]", value)
    }
    for (i, value) in values.map({ abs($0) }).enumerated() {
      r.double("\(name).map { abs($0) }[\(i)]", value)
    }
  }
  let mean = xs.reduce(0, +) / Double(xs.count)
  let variance = xs.map { pow($0 - mean, 2) }.reduce(0, +) / Double(xs.count - 1)
  r.double("mean", mean)
  r.double("variance", variance)
  r.double("standard deviation", sqrt(variance))
  r.double("dot product", zip(xs, ys).map { $0 * $1 }.reduce(0, +))
  r.double("norm", sqrt(xs.map { $0 * $0 }.reduce(0, +)))
  let largest = xs.max() ?? 0
  let exponentials = xs.map { exp($0 - largest) }
  let total = exponentials.reduce(0, +)
  for (i, p) in exponentials.map({ $0 / total }).enumerated() {
    r.double("softmax(xs)[\(i)]", p)
  }
}

// MARK: - Double: a user's own functions and extension

/// A user's own functions of the names Descent also declares, for `Double`.
func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
func softplus(_ x: Double) -> Double { log1p(exp(x)) }
func relu(_ x: Double) -> Double { max(x, 0) }

/// A user's generic helper: with Descent imported it must still use the standard library's `max`.
func rectified<T: BinaryFloatingPoint>(_ x: T) -> T { max(x, 0) }

/// The great-circle distance in kilometres between two points given in degrees.
func haversine(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
  let radians = Double.pi / 180
  let dLat = (lat2 - lat1) * radians
  let dLon = (lon2 - lon1) * radians
  let a =
    pow(sin(dLat / 2), 2) + cos(lat1 * radians) * cos(lat2 * radians) * pow(sin(dLon / 2), 2)
  return 6371 * 2 * atan2(sqrt(a), sqrt(1 - a))
}

extension Double {
  func clamped() -> Double { max(0, self) }
  func clamped(to upper: Double) -> Double { min(max(0, self), upper) }
  func cubed() -> Double { pow(self, 3) }
  func seventhPower() -> Double { pow(self, 7) }
  func inverseCubed() -> Double { pow(self, -3) }
  func distance(to other: Double) -> Double { abs(self - other) }
  var magnitudeRoot: Double { sqrt(abs(self)) }
  mutating func rectify() { self = max(self, 0) }

  static func biggest(_ a: Double, _ b: Double) -> Double { max(a, b) }
  static func smallest(_ a: Double, _ b: Double) -> Double { min(a, b) }
  static func rectified(_ x: Double) -> Double { max(0, x) }
  static func norm(_ x: Double, _ y: Double) -> Double { sqrt(pow(x, 2) + pow(y, 2)) }
  static func seventhPower(_ x: Double) -> Double { pow(x, 7) }
  static func absoluteValue(_ x: Double) -> Double { abs(x) }
  static func root(_ x: Double) -> Double { sqrt(x) }
  static var smallestPositive: Double { max(.leastNonzeroMagnitude, 0) }
}

func doubleExtensions(_ r: inout Results) {
  r.double("Double.smallestPositive", Double.smallestPositive)
  r.double("Double.biggest(1, .nan)", Double.biggest(1, .nan))
  r.double("Double.biggest(.nan, 1)", Double.biggest(.nan, 1))
  r.double("Double.nan.clamped()", Double.nan.clamped())
  r.double("haversine(Paris, New York)", haversine(48.8566, 2.3522, 40.7128, -74.0060))
  let inOneToTwo = doubleBases[doubleSpecials.count...].prefix(500)
  for x in doubleSpecials + doubleArguments.suffix(50) + inOneToTwo {
    r.double("x.clamped() x=\(x)", x.clamped())
    r.double("x.clamped(to: 1) x=\(x)", x.clamped(to: 1))
    r.double("x.cubed() x=\(x)", x.cubed())
    r.double("x.seventhPower() x=\(x)", x.seventhPower())
    r.double("x.inverseCubed() x=\(x)", x.inverseCubed())
    r.double("x.distance(to: .nan) x=\(x)", x.distance(to: .nan))
    r.double("x.magnitudeRoot x=\(x)", x.magnitudeRoot)
    var y = x
    y.rectify()
    r.double("x.rectify() x=\(x)", y)
    r.double("Double.rectified(x) x=\(x)", Double.rectified(x))
    r.double("Double.seventhPower(x) x=\(x)", Double.seventhPower(x))
    r.double("Double.absoluteValue(x) x=\(x)", Double.absoluteValue(x))
    r.double("Double.root(x) x=\(x)", Double.root(x))
    r.double("Double.norm(x, 3) x=\(x)", Double.norm(x, 3))
    r.double("sigmoid(x) x=\(x)", sigmoid(x))
    r.double("softplus(x) x=\(x)", softplus(x))
    r.double("relu(x) x=\(x)", relu(x))
    r.double("rectified(x) x=\(x)", rectified(x))
    r.double("haversine(x, 0, 10, x) x=\(x)", haversine(x, 0, 10, x))
  }
  for (x, y) in doublePairs {
    r.double("Double.biggest(x, y) x=\(x) y=\(y)", Double.biggest(x, y))
    r.double("Double.smallest(x, y) x=\(x) y=\(y)", Double.smallest(x, y))
    r.double("x.distance(to: y) x=\(x) y=\(y)", x.distance(to: y))
  }
}

// MARK: - Float: min and max

func floatMinAndMax(_ r: inout Results) {
  // As written in a formula: literals, NaN in either position, zeros of both signs in both orders.
  r.float("max(1.0, .nan)", max(1.0, .nan))
  r.float("max(.nan, 1.0)", max(.nan, 1.0))
  r.float("min(2.0, .nan)", min(2.0, .nan))
  r.float("min(.nan, 2.0)", min(.nan, 2.0))
  r.float("max(0.0, -0.0)", max(0.0, -0.0))
  r.float("max(-0.0, 0.0)", max(-0.0, 0.0))
  r.float("min(0.0, -0.0)", min(0.0, -0.0))
  r.float("min(-0.0, 0.0)", min(-0.0, 0.0))
  r.float("max(1, 2, .nan)", max(1, 2, .nan))
  r.float("min(.nan, 1, 2)", min(.nan, 1, 2))
  let inferred = max(Float(1), .nan)
  r.float("let inferred = max(Float(1), .nan)", inferred)
  let zero: Float = 0.0
  let negativeZero: Float = -0.0
  let nan = Float.nan
  r.float("max(zero, negativeZero)", max(zero, negativeZero))
  r.float("max(negativeZero, zero)", max(negativeZero, zero))
  r.float("min(zero, negativeZero)", min(zero, negativeZero))
  r.float("min(negativeZero, zero)", min(negativeZero, zero))
  r.float("max(nan, 0)", max(nan, 0))
  r.float("max(0, nan)", max(0, nan))
  r.float("min(nan, 0)", min(nan, 0))
  r.float("min(0, nan)", min(0, nan))
  r.float("[1, .nan, 3].max()", [1, .nan, 3].max() ?? 0)
  r.float("[1, .nan, 3].min()", [1, .nan, 3].min() ?? 0)
  for (x, y) in floatPairs {
    r.float("max(x, y) x=\(x) y=\(y)", max(x, y))
    r.float("min(x, y) x=\(x) y=\(y)", min(x, y))
  }
}

// MARK: - Float: pow

func floatPowers(_ r: inout Results) {
  r.float("pow(2, 10)", pow(2, 10))
  r.float("pow(1.1, 7)", pow(1.1, 7))
  r.float("pow(-2.0, 3)", pow(-2.0, 3))
  r.float("pow(0.0, 0)", pow(0.0, 0))
  r.float("pow(.nan, 0)", pow(.nan, 0))
  r.float("pow(1, .nan)", pow(1, .nan))
  r.float("pow(-0.0, -3)", pow(-0.0, -3))
  for x in floatBases {
    r.float("pow(x, 2) x=\(x)", pow(x, 2))
    r.float("pow(x, 7) x=\(x)", pow(x, 7))
    r.float("pow(x, -3) x=\(x)", pow(x, -3))
    r.float("pow(x, 0) x=\(x)", pow(x, 0))
    r.float("pow(x, 3) x=\(x)", pow(x, 3))
    r.float("pow(x, -1) x=\(x)", pow(x, -1))
    r.float("pow(x, 2.0) x=\(x)", pow(x, 2.0))
    r.float("pow(x, 0.5) x=\(x)", pow(x, 0.5))
    r.float("pow(2, x) x=\(x)", pow(2, x))
  }
  for x in floatBases.prefix(300) {
    for n in -4...9 {
      r.float("pow(x, Float(n)) x=\(x) n=\(n)", pow(x, Float(n)))
    }
  }
  for (x, y) in floatPairs {
    r.float("pow(x, y) x=\(x) y=\(y)", pow(x, y))
  }
}

// MARK: - Float: abs

func floatAbsoluteValues(_ r: inout Results) {
  r.float("abs(-0.0)", abs(-0.0))
  r.float("abs(0.0)", abs(0.0))
  r.float("abs(-.nan)", abs(-.nan))
  r.float("abs(-.infinity)", abs(-.infinity))
  r.float("(-0.0 as Float).magnitude", (-0.0 as Float).magnitude)
  for x in floatSpecials {
    r.float("abs(x) x=\(x)", abs(x))
    r.float("x.magnitude x=\(x)", x.magnitude)
    r.float("-x x=\(x)", -x)
    r.float("abs(-x) x=\(x)", abs(-x))
  }
}

// MARK: - Float: elementary functions

func floatElementaryFunctions(_ r: inout Results) {
  r.float("sqrt(2.0)", sqrt(2.0))
  r.float("exp(1.0)", exp(1.0))
  r.float("log(10.0)", log(10.0))
  r.float("atan2(1.0, -1.0)", atan2(1.0, -1.0))
  r.float("hypot(3.0, 4.0)", hypot(3.0, 4.0))
  for x in floatArguments {
    r.float("sqrt(x) x=\(x)", sqrt(x))
    r.float("x.squareRoot() x=\(x)", x.squareRoot())
    r.float("exp(x) x=\(x)", exp(x))
    r.float("expm1(x) x=\(x)", expm1(x))
    r.float("log(x) x=\(x)", log(x))
    r.float("log1p(x) x=\(x)", log1p(x))
    r.float("log2(x) x=\(x)", log2(x))
    r.float("log10(x) x=\(x)", log10(x))
    r.float("sin(x) x=\(x)", sin(x))
    r.float("cos(x) x=\(x)", cos(x))
    r.float("tan(x) x=\(x)", tan(x))
    r.float("asin(x) x=\(x)", asin(x))
    r.float("acos(x) x=\(x)", acos(x))
    r.float("atan(x) x=\(x)", atan(x))
    r.float("sinh(x) x=\(x)", sinh(x))
    r.float("cosh(x) x=\(x)", cosh(x))
    r.float("tanh(x) x=\(x)", tanh(x))
    r.float("cbrt(x) x=\(x)", cbrt(x))
    r.float("erf(x) x=\(x)", erf(x))
    r.float("erfc(x) x=\(x)", erfc(x))
  }
  for (y, x) in floatPairs {
    r.float("atan2(y, x) y=\(y) x=\(x)", atan2(y, x))
    r.float("hypot(y, x) y=\(y) x=\(x)", hypot(y, x))
  }
}

// MARK: - Float: arithmetic with literals

func floatArithmetic(_ r: inout Results) {
  r.float("0.1 + 0.2", 0.1 + 0.2)
  r.float("1.0 / 3.0", 1.0 / 3.0)
  r.float("Float(7) / 2", Float(7) / 2)
  r.float("-0.0 + 0.0", -0.0 + 0.0)
  r.float("-0.0 - 0.0", -0.0 - 0.0)
  for x in floatArguments {
    r.float("2 * x + 1 x=\(x)", 2 * x + 1)
    r.float("x / 3 x=\(x)", x / 3)
    r.float("1 - x x=\(x)", 1 - x)
    r.float("1 / x x=\(x)", 1 / x)
    r.float("x * 0.1 x=\(x)", x * 0.1)
    r.float("0.5 * x * x x=\(x)", 0.5 * x * x)
    r.float("(x + 1) * (x - 1) x=\(x)", (x + 1) * (x - 1))
    r.float("x * x * x - 2 * x + 5 x=\(x)", x * x * x - 2 * x + 5)
    r.float("x + -0.0 x=\(x)", x + -0.0)
    r.float("x * -1 x=\(x)", x * -1)
    r.float("(x * 100).rounded() / 100 x=\(x)", (x * 100).rounded() / 100)
    var accumulated = x
    accumulated += 0.25
    accumulated *= 3
    accumulated -= 1
    accumulated /= 7
    r.float("compound assignments x=\(x)", accumulated)
    r.bool("x < 0 x=\(x)", x < 0)
    r.bool("x <= 1 x=\(x)", x <= 1)
    r.bool("x == 0 x=\(x)", x == 0)
    r.bool("x != x x=\(x)", x != x)
    r.bool("x > -x x=\(x)", x > -x)
  }
}

// MARK: - Float: collections

func floatCollections(_ r: inout Results) {
  var random = SplitMix64(state: 59)
  let xs = (0..<1000).map { _ in random.floatBetweenOneAndTwo() * 2 - 3 }
  let ys = (0..<1000).map { _ in random.floatBetweenOneAndTwo() }
  let arrays: [(name: String, values: [Float])] = [
    ("xs", xs), ("ys", ys), ("[-0.0, -0.0]", [-0.0, -0.0]), ("[]", []),
    ("[1, .nan, -2]", [1, .nan, -2]), ("specials", floatSpecials),
  ]
  for (name, values) in arrays {
    r.float("\(name).reduce(0, +)", values.reduce(0, +))
    r.float("\(name).reduce(-0.0, +)", values.reduce(-0.0, +))
    r.float("\(name).reduce(1, *)", values.reduce(1, *))
    r.float("\(name).reduce(0) { $0 + $1 * $1 }", values.reduce(0) { $0 + $1 * $1 })
    r.float("\(name).reduce(-.infinity) { max($0, $1) }", values.reduce(-.infinity) { max($0, $1) })
    r.float("\(name).reduce(.infinity) { min($0, $1) }", values.reduce(.infinity) { min($0, $1) })
    for (i, value) in values.map({ max($0, 0) }).enumerated() {
      r.float("\(name).map { max($0, 0) }[\(i)]", value)
    }
    for (i, value) in values.map({ min(1, $0) }).enumerated() {
      r.float("\(name).map { min(1, $0) }[\(i)]", value)
    }
    for (i, value) in values.map(\.magnitude).enumerated() {
      r.float("\(name).map(\\.magnitude)[\(i)]", value)
    }
    for (i, value) in values.map({ abs($0) }).enumerated() {
      r.float("\(name).map { abs($0) }[\(i)]", value)
    }
  }
  let mean = xs.reduce(0, +) / Float(xs.count)
  let variance = xs.map { pow($0 - mean, 2) }.reduce(0, +) / Float(xs.count - 1)
  r.float("mean", mean)
  r.float("variance", variance)
  r.float("standard deviation", sqrt(variance))
  r.float("dot product", zip(xs, ys).map { $0 * $1 }.reduce(0, +))
  r.float("norm", sqrt(xs.map { $0 * $0 }.reduce(0, +)))
  let largest = xs.max() ?? 0
  let exponentials = xs.map { exp($0 - largest) }
  let total = exponentials.reduce(0, +)
  for (i, p) in exponentials.map({ $0 / total }).enumerated() {
    r.float("softmax(xs)[\(i)]", p)
  }
}

// MARK: - Float: a user's own functions and extension

/// A user's own functions of the names Descent also declares, for `Float`.
func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }
func softplus(_ x: Float) -> Float { log1p(exp(x)) }
func relu(_ x: Float) -> Float { max(x, 0) }

func haversine(_ lat1: Float, _ lon1: Float, _ lat2: Float, _ lon2: Float) -> Float {
  let radians = Float.pi / 180
  let dLat = (lat2 - lat1) * radians
  let dLon = (lon2 - lon1) * radians
  let a =
    pow(sin(dLat / 2), 2) + cos(lat1 * radians) * cos(lat2 * radians) * pow(sin(dLon / 2), 2)
  return 6371 * 2 * atan2(sqrt(a), sqrt(1 - a))
}

extension Float {
  func clamped() -> Float { max(0, self) }
  func clamped(to upper: Float) -> Float { min(max(0, self), upper) }
  func cubed() -> Float { pow(self, 3) }
  func seventhPower() -> Float { pow(self, 7) }
  func inverseCubed() -> Float { pow(self, -3) }
  func distance(to other: Float) -> Float { abs(self - other) }
  var magnitudeRoot: Float { sqrt(abs(self)) }
  mutating func rectify() { self = max(self, 0) }

  static func biggest(_ a: Float, _ b: Float) -> Float { max(a, b) }
  static func smallest(_ a: Float, _ b: Float) -> Float { min(a, b) }
  static func rectified(_ x: Float) -> Float { max(0, x) }
  static func norm(_ x: Float, _ y: Float) -> Float { sqrt(pow(x, 2) + pow(y, 2)) }
  static func seventhPower(_ x: Float) -> Float { pow(x, 7) }
  static func absoluteValue(_ x: Float) -> Float { abs(x) }
  static func root(_ x: Float) -> Float { sqrt(x) }
  static var smallestPositive: Float { max(.leastNonzeroMagnitude, 0) }
}

func floatExtensions(_ r: inout Results) {
  r.float("Float.smallestPositive", Float.smallestPositive)
  r.float("Float.biggest(1, .nan)", Float.biggest(1, .nan))
  r.float("Float.biggest(.nan, 1)", Float.biggest(.nan, 1))
  r.float("Float.nan.clamped()", Float.nan.clamped())
  r.float("haversine(Paris, New York)", haversine(48.8566, 2.3522, 40.7128, -74.0060))
  let inOneToTwo = floatBases[floatSpecials.count...].prefix(500)
  for x in floatSpecials + floatArguments.suffix(50) + inOneToTwo {
    r.float("x.clamped() x=\(x)", x.clamped())
    r.float("x.clamped(to: 1) x=\(x)", x.clamped(to: 1))
    r.float("x.cubed() x=\(x)", x.cubed())
    r.float("x.seventhPower() x=\(x)", x.seventhPower())
    r.float("x.inverseCubed() x=\(x)", x.inverseCubed())
    r.float("x.distance(to: .nan) x=\(x)", x.distance(to: .nan))
    r.float("x.magnitudeRoot x=\(x)", x.magnitudeRoot)
    var y = x
    y.rectify()
    r.float("x.rectify() x=\(x)", y)
    r.float("Float.rectified(x) x=\(x)", Float.rectified(x))
    r.float("Float.seventhPower(x) x=\(x)", Float.seventhPower(x))
    r.float("Float.absoluteValue(x) x=\(x)", Float.absoluteValue(x))
    r.float("Float.root(x) x=\(x)", Float.root(x))
    r.float("Float.norm(x, 3) x=\(x)", Float.norm(x, 3))
    r.float("sigmoid(x) x=\(x)", sigmoid(x))
    r.float("softplus(x) x=\(x)", softplus(x))
    r.float("relu(x) x=\(x)", relu(x))
    r.float("rectified(x) x=\(x)", rectified(x))
    r.float("haversine(x, 0, 10, x) x=\(x)", haversine(x, 0, 10, x))
  }
  for (x, y) in floatPairs {
    r.float("Float.biggest(x, y) x=\(x) y=\(y)", Float.biggest(x, y))
    r.float("Float.smallest(x, y) x=\(x) y=\(y)", Float.smallest(x, y))
    r.float("x.distance(to: y) x=\(x) y=\(y)", x.distance(to: y))
  }
}
