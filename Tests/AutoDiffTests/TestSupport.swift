import AutoDiff
import Testing

// Shared helpers of the AutoDiff tests: the floating-point types the rules are checked in, with
// their tolerances; a tolerant comparison; central finite differences; seeded random numbers.

// MARK: - Types under test

/// A floating-point type that every derivative rule is checked in, with the tolerances its
/// precision allows.
protocol TestScalar: BinaryFloatingPoint, RealScalar, Sendable {
  /// The relative step h of the central differences, h = ε^⅓ (the step that balances the
  /// truncation error O(h²) against the rounding error O(ε/h)).
  static var finiteDifferenceStep: Self { get }

  /// The largest accepted |ad − fd| / max(1, |ad|, |fd|) between a derivative and its central
  /// difference. The central difference itself is accurate to about ε^⅔ times the size of f and
  /// of f‴ (≈ 4e-11 for `Double`, ≈ 2e-5 for `Float`); the tolerance leaves a margin of about
  /// 100 for points where f or f‴ reaches 20 or so.
  static var finiteDifferenceTolerance: Self { get }
}

extension Double: TestScalar {
  static var finiteDifferenceStep: Double { 6.055454452393343e-06 }  // ∛(2⁻⁵²)
  static var finiteDifferenceTolerance: Double { 1e-7 }
}

extension Float: TestScalar {
  static var finiteDifferenceStep: Float { 4.921566e-03 }  // ∛(2⁻²³)
  static var finiteDifferenceTolerance: Float { 2e-3 }
}

/// The precisions a generic test body runs in; a test argument that picks `Float` or `Double`.
enum Precision: String, CaseIterable, Sendable, CustomTestStringConvertible {
  case float = "Float"
  case double = "Double"

  var testDescription: String { rawValue }
}

// MARK: - Comparison

/// `true` when `a` and `b` are equal within `relative` (a fraction of the larger magnitude) or
/// within `absolute`, whichever is looser:
///
/// ```
/// |a − b| ≤ max(absolute, relative · max(|a|, |b|))
/// ```
///
/// Equal infinities are close; NaN is close to nothing (test NaN with `isNaN`).
func isClose<T: BinaryFloatingPoint>(_ a: T, _ b: T, relative: T, absolute: T = 0) -> Bool {
  if a == b { return true }
  guard a.isFinite, b.isFinite else { return false }
  let scale = Swift.max(a.magnitude, b.magnitude)
  return (a - b).magnitude <= Swift.max(absolute, relative * scale)
}

/// `isClose` for each pair of elements; arrays of different lengths are not close.
func isClose<T: BinaryFloatingPoint>(_ a: [T], _ b: [T], relative: T, absolute: T = 0) -> Bool {
  a.count == b.count
    && zip(a, b).allSatisfy { isClose($0, $1, relative: relative, absolute: absolute) }
}

/// The error measure of the finite-difference checks: |a − b| / max(1, |a|, |b|), relative for
/// derivatives larger than 1 and absolute below; 0 for equal values (infinities included) and
/// +∞ when only one of them is NaN or infinite.
func derivativeError<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
  if a == b || (a.isNaN && b.isNaN) { return 0 }
  guard a.isFinite, b.isFinite else { return .infinity }
  return (a - b).magnitude / Swift.max(1, Swift.max(a.magnitude, b.magnitude))
}

/// `true` when `a` and `b` are the same number: equal, or both NaN. For results that both modes
/// must compute with the same operations.
func isIdentical<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> Bool {
  a == b || (a.isNaN && b.isNaN)
}

// MARK: - Finite differences

/// The central difference (f(x + h) − f(x − h)) / 2h with h = `T.finiteDifferenceStep` ·
/// max(1, |x|).
///
/// The step is rounded so that x + h and x − h are exactly h away from x; the error is O(h²) from
/// truncation plus O(ε/h) from rounding (see ``TestScalar/finiteDifferenceTolerance``).
func centralDifference<T: TestScalar>(at x: T, of f: (T) -> T) -> T {
  let nominal = T.finiteDifferenceStep * Swift.max(1, x.magnitude)
  let h = (x + nominal) - x
  let forward = f(x + h)
  let backward = f(x - h)
  return (forward - backward) / (2 * h)
}

/// The central-difference gradient of f: ℝⁿ → ℝ, one ``centralDifference(at:of:)`` per input.
func centralDifferenceGradient<T: TestScalar>(at x: [T], of f: ([T]) -> T) -> [T] {
  x.indices.map { i in
    centralDifference(at: x[i]) { xi in
      var point = x
      point[i] = xi
      return f(point)
    }
  }
}

// MARK: - Seeded random numbers

/// SplitMix64 (Steele, Lea & Flood, 2014): a small, fast generator whose sequence is fixed by its
/// seed, so that every run of the tests draws the same "random" points.
struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension SplitMix64 {
  /// `count` numbers drawn uniformly from `range`.
  mutating func points(_ count: Int, in range: ClosedRange<Double>) -> [Double] {
    (0..<count).map { _ in Double.random(in: range, using: &self) }
  }
}

// MARK: - Both modes

/// The gradient of f: ℝⁿ → ℝ in forward mode: one directional derivative per basis vector.
func forwardGradient<T: RealScalar>(at x: [T], of f: ([Dual<T>]) -> Dual<T>) throws -> [T] {
  try x.indices.map { i in
    let direction = x.indices.map { j -> T in i == j ? 1 : 0 }
    return try directionalDerivative(at: x, along: direction, of: f)
  }
}

/// `true` when the arrays hold the same numbers, NaN matching NaN.
func isIdentical<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> Bool {
  a.count == b.count && zip(a, b).allSatisfy { isIdentical($0, $1) }
}

/// `true` when every element is NaN (and there is at least one).
func allNaN<T: BinaryFloatingPoint>(_ values: [T]) -> Bool {
  !values.isEmpty && values.allSatisfy { $0.isNaN }
}
