import AutoDiff
import Testing

// Shared helpers of the array-operation tests: a cost written over whole vectors is checked
// against the same cost written with scalar variables (both entry points) and against central
// finite differences.

extension TestScalar {
  /// The largest accepted relative difference between an array cost's gradient and the same
  /// cost written with scalar variables: they apply the same rules, but sums over arrays add in
  /// a different order, and the array kernels' `tanh` and `exp` differ from the C library's in
  /// the last bits.
  static var scalarAgreement: Self { Self.self == Float.self ? 2e-5 : 1e-12 }
}

/// Checks a cost written over a vector against the same cost written with scalar variables and
/// against central differences, at `point`:
///
/// - the value and the gradient from ``VariableVector/valueWithGradient(at:of:)`` and from
///   `valueWithGradient(at:of:)` with `VariableVector(x)` agree with the scalar cost's to
///   `T.scalarAgreement`;
/// - the gradient agrees with central differences of the array cost evaluated on constants to
///   `T.finiteDifferenceTolerance` (the measure of `derivativeError`).
func checkArrayCost<T: TestScalar>(
  _ name: String, at point: [T], array: (VariableVector<T>) -> Variable<T>,
  scalar: ([Variable<T>]) -> Variable<T>,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let expected = valueWithGradient(at: point, of: scalar)
  let direct = VariableVector.valueWithGradient(at: point, of: array)
  let gathered = valueWithGradient(at: point) { x in array(VariableVector(x)) }
  let tolerance = T.scalarAgreement
  for (label, result) in [("vector entry point", direct), ("gathered inputs", gathered)] {
    #expect(
      isClose(result.value, expected.value, relative: tolerance, absolute: tolerance),
      "\(name), \(label): value \(result.value), scalar \(expected.value)",
      sourceLocation: sourceLocation)
    #expect(
      isClose(result.gradient, expected.gradient, relative: tolerance, absolute: tolerance),
      "\(name), \(label): gradient \(result.gradient), scalar \(expected.gradient)",
      sourceLocation: sourceLocation)
  }
  let numeric = centralDifferenceGradient(at: point) { x in
    array(VariableVector(constant: x)).value
  }
  let worst = zip(direct.gradient, numeric).map { derivativeError($0, $1) }.max() ?? 0
  #expect(
    worst <= T.finiteDifferenceTolerance,
    "\(name): gradient \(direct.gradient), central differences \(numeric)",
    sourceLocation: sourceLocation)
}

/// `count` points drawn from `range` with a fixed seed, in the precision under test.
func seededPoints<T: TestScalar>(
  _ count: Int, in range: ClosedRange<Double>, seed: UInt64 = 1
) -> [T] {
  var generator = SplitMix64(seed: seed)
  return generator.points(count, in: range).map { T($0) }
}
