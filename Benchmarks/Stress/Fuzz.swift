import AutoDiff

/// The tallies of a fuzzing run and its first failures.
public struct FuzzReport: Sendable, CustomStringConvertible {
  /// Trees generated.
  public var trees = 0
  /// Points at which a tree was evaluated.
  public var points = 0
  /// Points where plain `Double`, forward and reverse mode gave different values.
  public var valueMismatches = 0
  /// Partial derivatives where forward and reverse mode disagreed.
  public var modeDisagreements = 0
  /// Partial derivatives where chunked forward mode (1, 2, 3, 4 or 8 tangents per pass) differed
  /// from one tangent per pass, bit for bit.
  public var chunkDisagreements = 0
  /// Partial derivatives that are finite in forward mode and NaN in reverse mode: the tangents
  /// of an input cancel exactly (x − x) before meeting an infinite partial, which in reverse
  /// mode becomes ∞·1 + ∞·(−1). A documented limitation of reverse mode, counted apart.
  public var cancelledTangents = 0
  /// Partial derivatives that overflowed (or underflowed to 0) in one mode only: the modes
  /// multiply the same factors in different orders, so at extreme magnitudes an intermediate
  /// product can leave the range of `Double` in one and not the other (forward mode forms
  /// exp(700)·E′ = ∞ where reverse mode forms (0.5/√exp(700))·exp(700), finite). Counted apart
  /// when Σ|terms| is itself not finite or an input is huge (> 1e4) or tiny (< 1e-4).
  public var rangeDisagreements = 0
  /// Trees evaluated a second time on whole vectors (``VariableVector``), every point of the tree
  /// an element: the trees without a branch (vectors are not ordered).
  public var arrayTrees = 0
  /// Values or partial derivatives where the array operations disagreed with scalar reverse
  /// mode at the same point, beyond the rounding their different elementary-function kernels
  /// and summation orders allow.
  public var arrayDisagreements = 0
  /// Array values or partials not compared because no rounding bound is known there: the
  /// function is so ill-conditioned at the point that a few ulp in an intermediate may change
  /// its result entirely (see `ErrorBound`).
  public var arrayUnbounded = 0
  /// Array partials that are NaN in scalar reverse mode and agree with forward mode instead: an
  /// exact cancellation of f(u, u)'s partials meeting an infinite adjoint, which the array
  /// kernels, like forward mode, resolve to 0 (see `cancelledTangents`).
  public var arrayCancellations = 0
  /// Partial derivatives compared with central differences (the function smooth there).
  public var finiteDifferenceChecks = 0
  /// Of those, the ones that disagreed.
  public var finiteDifferenceDisagreements = 0
  /// Partial derivatives not compared with differences: the function is not smooth or not
  /// finite near the point.
  public var finiteDifferenceSkipped = 0
  /// The first failures, each reproducible from its seed.
  public var failures: [String] = []

  /// No disagreement of any kind.
  public var passed: Bool {
    valueMismatches == 0 && modeDisagreements == 0 && chunkDisagreements == 0
      && arrayDisagreements == 0 && finiteDifferenceDisagreements == 0
  }

  /// One line: the tallies.
  public var description: String {
    "trees \(trees), points \(points), value mismatches \(valueMismatches), "
      + "chunked/single-tangent disagreements \(chunkDisagreements), "
      + "forward/reverse disagreements \(modeDisagreements) "
      + "(apart: \(cancelledTangents) exact cancellations, forward finite and reverse NaN; "
      + "\(rangeDisagreements) overflows in one mode only), "
      + "array-operation trees \(arrayTrees) (disagreements with scalar reverse mode "
      + "\(arrayDisagreements); apart: \(arrayCancellations) exact cancellations where arrays "
      + "agree with forward mode; not compared, as ill-conditioned, \(arrayUnbounded)), "
      + "finite-difference checks \(finiteDifferenceChecks) "
      + "(disagreements \(finiteDifferenceDisagreements), skipped as not smooth or not finite "
      + "\(finiteDifferenceSkipped))"
  }

  mutating func merge(_ other: FuzzReport) {
    trees += other.trees
    points += other.points
    valueMismatches += other.valueMismatches
    modeDisagreements += other.modeDisagreements
    chunkDisagreements += other.chunkDisagreements
    cancelledTangents += other.cancelledTangents
    rangeDisagreements += other.rangeDisagreements
    arrayTrees += other.arrayTrees
    arrayDisagreements += other.arrayDisagreements
    arrayUnbounded += other.arrayUnbounded
    arrayCancellations += other.arrayCancellations
    finiteDifferenceChecks += other.finiteDifferenceChecks
    finiteDifferenceDisagreements += other.finiteDifferenceDisagreements
    finiteDifferenceSkipped += other.finiteDifferenceSkipped
    failures += other.failures.prefix(Swift.max(0, 12 - failures.count))
  }
}

/// The seed of tree `index` of a run seeded with `seed`: a failure names it, and
/// `fuzz(seed:trees:first:)` with `first: index, trees: 1` regenerates exactly that tree.
public func treeSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
  seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index)
}

/// Generates `trees` expression trees from `seed` and checks each at three points:
///
/// 1. the value is the same in plain `Double`, forward and reverse mode (bit for bit, or NaN in
///    all three);
/// 2. forward and reverse mode give the same partial derivatives: both not finite, or within
///    1e-9 relative plus the rounding of their sum of terms (see `Magnitude`);
/// 3. where the function is smooth near the point (central differences with steps h and 2h
///    agree, and so do the one-sided slopes on either side), the derivative agrees with the
///    central difference to 1e-5 relative plus rounding.
public func fuzz(seed: UInt64, trees: Int, first: Int = 0) -> FuzzReport {
  var report = FuzzReport()
  for index in first..<(first + trees) {
    let tSeed = treeSeed(seed, index)
    var generator = ExpressionGenerator(seed: tSeed, inputCount: 1 + Int(tSeed % 3))
    let tree = generator.expression()
    report.trees += 1
    let label = "seed \(seed), tree \(index) (tree seed \(tSeed))"
    var points: [[Double]] = []
    for _ in 0..<3 {
      let x = generator.point()
      check(tree, at: x, label: label, into: &report)
      points.append(x)
    }
    checkArrays(tree, at: points, label: label, into: &report)
  }
  return report
}

func same(_ a: Double, _ b: Double) -> Bool { a == b || (a.isNaN && b.isNaN) }

/// Both finite and close, or both not finite. An overflow reaches the modes by different
/// routes: forward mode may carry ∞·(1 − δ) = ∞ where reverse mode adds ∞ + (−∞) = NaN along two
/// paths; either way the derivative is reported as not finite.
func agree(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
  if !a.isFinite || !b.isFinite { return !a.isFinite && !b.isFinite }
  return Swift.abs(a - b) <= relative * Swift.max(1, Swift.abs(a), Swift.abs(b)) + absolute
}

func check(_ tree: Expression, at x: [Double], label: String, into report: inout FuzzReport) {
  report.points += 1
  // Up to four failures of each kind are kept.
  func fail(_ kind: String, _ what: String) {
    if report.failures.filter({ $0.hasPrefix(kind) }).count < 4 {
      report.failures.append("\(kind) — \(label): \(what)\n  at x = \(x)\n  f(x) = \(tree)")
    }
  }
  let plain: Double = tree.evaluate(x)
  let (reverseValue, reverse) = valueWithGradient(at: x) { tree.evaluate($0) }
  var forward = [Double](repeating: 0, count: x.count)
  var forwardValues: [Double] = []
  for i in x.indices {
    let seeded = x.indices.map { Dual(x[$0], tangent: $0 == i ? 1.0 : 0.0) }
    let result = tree.evaluate(seeded)
    forward[i] = result.tangent
    forwardValues.append(result.value)
  }
  // Chunked forward mode (several tangents per pass), with a chunk size that varies from point
  // to point, must give what one tangent per pass gives.
  let chunkSize = [1, 2, 3, 4, 8][report.points % 5]
  if let mode = try? DifferentiationMode.forward(chunkSize: chunkSize) {
    let chunked = gradient(at: x, mode: mode, of: tree)
    for i in x.indices where !same(chunked[i], forward[i]) {
      report.chunkDisagreements += 1
      fail(
        "chunks disagree",
        "∂f/∂x\(i): chunks of \(chunkSize) give \(chunked[i]), one tangent \(forward[i])")
    }
  }
  if !same(plain, reverseValue) || !forwardValues.allSatisfy({ same($0, plain) }) {
    report.valueMismatches += 1
    fail("values differ", " plain \(plain), reverse \(reverseValue), forward \(forwardValues)")
  }
  // The modes add the same terms in different orders; they may differ by the rounding of that
  // sum, bounded by (operations)·ε·Σ|terms|, with Σ|terms| from forward mode over magnitudes.
  let operations = Double(tree.size)
  var magnitudes = [Double](repeating: 0, count: x.count)
  for i in x.indices {
    let seeded = x.indices.map { Magnitude(x[$0], tangent: $0 == i ? 1.0 : 0.0) }
    let magnitude = tree.evaluate(seeded).tangent
    magnitudes[i] = magnitude
    let bound = 16 * operations * Double.ulpOfOne * magnitude  // loops repeat up to 4 times
    let rounding = bound.isNaN ? .infinity : bound  // ∞·0 in the magnitudes: no bound known
    guard !agree(forward[i], reverse[i], relative: 1e-9, absolute: rounding) else { continue }
    if forward[i].isFinite && reverse[i].isNaN {
      report.cancelledTangents += 1
      continue
    }
    let extreme = !x.allSatisfy { $0 == 0 || (Swift.abs($0) >= 1e-4 && Swift.abs($0) <= 1e4) }
    if forward[i].isFinite != reverse[i].isFinite && (!magnitude.isFinite || extreme) {
      report.rangeDisagreements += 1
      continue
    }
    report.modeDisagreements += 1
    fail("modes disagree", "∂f/∂x\(i): forward \(forward[i]), reverse \(reverse[i])")
  }
  // Central differences where the function is smooth near x, at moderate inputs only:
  // - at huge ones a sum such as x₁ − x₀ with x₀ = 1e8 is resolved to 1.5e-8, and a difference
  //   quotient of it measures rounding, not slope;
  // - at tiny ones (0 < |xᵢ| < 1e-4) the function varies on a scale finer than any usable step;
  // - at exact zeros the kinks of the vocabulary sit (|x|, relu, hypot at the origin), where the
  //   program's derivative is a documented convention that need not equal the function's slope
  //   (|t| − t is 0 for t ≥ 0, yet its convention derivative at t = 0 is −1). The conventions
  //   are tested on their own, and forward and reverse mode must agree on them here too.
  //   Likewise at ±1, where comparisons such as pow(x, y) > x tie.
  let moderate = x.allSatisfy {
    Swift.abs($0) >= 1e-4 && Swift.abs($0) <= 1e4 && Swift.abs($0) != 1
  }
  for i in x.indices {
    // And not where a piece of the function changes by more than 1 % within one step: a
    // difference quotient cannot resolve tan(g(x)) near a pole, or cos(x⁻⁴) at x = 1e-3 inside
    // a function whose own slope is small. Σ|terms| bounds how fast every piece moves.
    let step = 1e-5 * Swift.max(1, Swift.min(Swift.abs(x[i]), 100))
    guard moderate, Swift.abs(plain) <= 1e6, forward[i].isFinite,
      magnitudes[i] * step <= 1e-2 * (1 + Swift.abs(plain))
    else {
      report.finiteDifferenceSkipped += 1
      continue
    }
    // A step relative to |xᵢ| up to 100, absolute beyond: at xᵢ = 1e8 a relative step would
    // average an oscillating function over thousands of periods.
    let h = step
    func value(_ step: Double) -> Double {
      var moved = x
      moved[i] += step
      return tree.evaluate(moved)
    }
    let up = value(h)
    let down = value(-h)
    let coarse = (value(2 * h) - value(-2 * h)) / (4 * h)
    let fine = (up - down) / (2 * h)
    // Rounding noise in the values, measured: a second difference over a step far below h is
    // all noise (its curvature term is negligible). A function computed through a cancellation
    // (log1p(expm1(−19))) is a staircase whose treads a difference quotient can mistake for slope.
    var jitter = 0.0
    for eta in [h * 1e-3, h * 1e-2, h * 1e-1] {
      jitter = Swift.max(jitter, Swift.abs(value(eta) - 2 * plain + value(-eta)))
    }
    let rounding =
      (1e3 * Double.ulpOfOne * Swift.max(Swift.abs(plain), Swift.abs(up)) + 10 * jitter) / h
    // Smooth near x: the central differences at h and 2h agree (no jump or branch switch
    // between them), and so do the one-sided slopes on either side (no kink at x).
    let oneSidedGap = Swift.abs((up - plain) - (plain - down)) / h
    // up == down: the function is flat to rounding over the step (tanh saturated, say), so the
    // difference resolves nothing.
    guard coarse.isFinite, fine.isFinite, up != down,
      Swift.abs(coarse - fine) <= 1e-6 * Swift.max(1, Swift.abs(fine)) + rounding,
      oneSidedGap <= 1e-4 * Swift.max(1, Swift.abs(fine)) + rounding
    else {
      report.finiteDifferenceSkipped += 1
      continue
    }
    report.finiteDifferenceChecks += 1
    let tolerance = 1e-5 * Swift.max(1, Swift.abs(fine)) + rounding
    // A branch that switches within the step on both sides alike passes the smoothness tests,
    // and an inner piece can oscillate within it (sin of something moving 370 radians across
    // the step) while the function's own slope stays moderate. A true derivative is the limit of
    // the quotient as the step shrinks, so try steps down to h/10⁵; a wrong derivative disagrees
    // at all of them.
    var confirmed = true
    for divisor in [1e2, 1e3, 1e4, 1e5] where confirmed {
      let small = h / divisor
      let quotient = (value(small) - value(-small)) / (2 * small)
      let smallRounding = 1e3 * Double.ulpOfOne * Swift.abs(plain) / small
      let allowed = 1e-5 * Swift.max(1, Swift.abs(quotient)) + smallRounding
      if Swift.abs(reverse[i] - quotient) <= allowed { confirmed = false }
    }
    if Swift.abs(reverse[i] - fine) > tolerance && confirmed {
      report.finiteDifferenceDisagreements += 1
      fail("differences disagree", "∂f/∂x\(i) = \(reverse[i]) but central differences give \(fine)")
    }
  }
}

extension Expression {
  /// `true` when the program can run on whole vectors: it has no branch (a comparison of two
  /// vectors has no meaning; vectors use elementwise `min`, `max` and `relu` instead).
  public var isArrayExpressible: Bool {
    switch self {
    case .input, .constant, .accumulator: return true
    case .unary(_, let e), .integerPower(let e, _): return e.isArrayExpressible
    case .binary(_, let l, let r): return l.isArrayExpressible && r.isArrayExpressible
    case .branch: return false
    case .loop(_, let initial, let body):
      return initial.isArrayExpressible && body.isArrayExpressible
    }
  }
}

/// Evaluates a tree without branches once on whole vectors, input i the vector of its values at
/// every point, and checks each element against scalar reverse mode at its point:
///
/// - the array cost is Σₖ f(pointₖ), so the partial of input i's element k is ∂f/∂xᵢ at
///   pointₖ;
/// - values and partials agree within 1e-9 relative plus a bound on their rounding from
///   `ErrorBound` (for a partial, through `Dual<ErrorBound>`): the array kernels compute exp,
///   expm1, tanh and sigmoid with their own vectorized code, within a few ulp of the C
///   library's, and add linear combinations in their own order, and an ill-conditioned
///   function (asin near 1) magnifies those last bits; not finite in both counts as agreement,
///   as between the modes.
func checkArrays(
  _ tree: Expression, at points: [[Double]], label: String, into report: inout FuzzReport,
  scalingArrayPartialsBy scale: Double = 1
) {
  guard tree.isArrayExpressible, let inputCount = points.first?.count else { return }
  report.arrayTrees += 1
  let count = points.count
  // Input-major: the elements of input i are flat[i · count ..< (i + 1) · count].
  var flat: [Double] = []
  for i in 0..<inputCount { for point in points { flat.append(point[i]) } }
  var elementValues: [Double] = []
  let (_, gradient) = VariableVector.valueWithGradient(at: flat) { v in
    let inputs = (0..<inputCount).map { i in v[(i * count)..<((i + 1) * count)] }
    let result = tree.evaluate(inputs)
    elementValues = result.values
    return sum(result)
  }
  func fail(_ what: String, at x: [Double]) {
    if report.failures.filter({ $0.hasPrefix("arrays disagree") }).count < 4 {
      report.failures.append(
        "arrays disagree — \(label): \(what)\n  at x = \(x)\n  f(x) = \(tree)")
    }
  }
  for (k, x) in points.enumerated() {
    let (value, reverse) = valueWithGradient(at: x) { tree.evaluate($0) }
    // A tree that reads no input is one element, broadcast.
    let arrayValue = elementValues.count == 1 ? elementValues[0] : elementValues[k]
    var valueBound = tree.evaluate(x.map { ErrorBound($0, error: 0) }).error
    if valueBound.isNaN { valueBound = .infinity }
    if valueBound == .infinity && value.isFinite {
      report.arrayUnbounded += 1
      continue
    }
    let valuesAgree =
      !arrayValue.isFinite || !value.isFinite
      ? same(arrayValue, value) : agree(arrayValue, value, relative: 1e-9, absolute: valueBound)
    if !valuesAgree {
      report.arrayDisagreements += 1
      fail("value: arrays \(arrayValue), scalar \(value), bound \(valueBound)", at: x)
      continue
    }
    for i in x.indices {
      let seeded = x.indices.map {
        Dual(ErrorBound(x[$0], error: 0), tangent: ErrorBound($0 == i ? 1 : 0, error: 0))
      }
      var bound = tree.evaluate(seeded).tangent.error
      if bound.isNaN { bound = .infinity }
      let partial = scale * gradient[i * count + k]
      if bound == .infinity && reverse[i].isFinite {
        report.arrayUnbounded += 1
        continue
      }
      // Array operations and scalar reverse mode apply the same rules in the same order, so a
      // partial that is not finite must be the same in both: NaN in both, or the same infinity
      // (a NaN where the other is finite is how a broken zero-adjoint convention shows).
      if !partial.isFinite || !reverse[i].isFinite {
        if same(partial, reverse[i]) { continue }
        // f(u, u) meeting an infinite adjoint: the array kernels form (∂f/∂x + ∂f/∂y) · ū, so
        // an exact cancellation of the partials gives 0, as forward mode's tangents do, where
        // the scalar sweep forms ∞ − ∞ (the limitation counted apart between the modes).
        if reverse[i].isNaN {
          let seeded = x.indices.map { Dual(x[$0], tangent: $0 == i ? 1.0 : 0.0) }
          let forward = tree.evaluate(seeded).tangent
          if same(partial, forward)
            || (partial.isFinite && agree(partial, forward, relative: 1e-9, absolute: bound))
          {
            report.arrayCancellations += 1
            continue
          }
        }
      } else if agree(partial, reverse[i], relative: 1e-9, absolute: bound) {
        continue
      }
      report.arrayDisagreements += 1
      fail("∂f/∂x\(i): arrays \(partial), scalar reverse \(reverse[i]), bound \(bound)", at: x)
    }
  }
}

/// The array-operation check of the fuzzer on one tree, for its own tests: `scale` multiplies
/// the partials from array operations, so a test can feed the checker a wrong derivative.
public func checkArrayOperations(
  _ tree: Expression, at points: [[Double]], scalingArrayPartialsBy scale: Double = 1
) -> FuzzReport {
  var report = FuzzReport()
  checkArrays(tree, at: points, label: "test", into: &report, scalingArrayPartialsBy: scale)
  return report
}

/// The agreement test of the forward/reverse comparison (1e-9 relative), exposed for the
/// fuzzer's own tests.
public func agreeForTesting(_ a: Double, _ b: Double) -> Bool {
  agree(a, b, relative: 1e-9, absolute: 0)
}
