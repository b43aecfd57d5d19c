import Foundation

/// |actual − expected| / |expected|, or |actual| when `expected` is 0.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
  let error = abs(actual - expected)
  return expected == 0 ? error : error / abs(expected)
}

/// The largest ``relativeError(_:_:)`` over two vectors of the same length (infinity when the
/// lengths differ, so that a comparison fails rather than traps).
func largestRelativeError(_ actual: [Double], _ expected: [Double]) -> Double {
  guard actual.count == expected.count else { return .infinity }
  return zip(actual, expected).map { relativeError($0, $1) }.max() ?? 0
}

/// √(Σ vᵢ²).
func euclideanNorm(_ v: [Double]) -> Double {
  v.reduce(0) { $0 + $1 * $1 }.squareRoot()
}

/// σ(z) = 1 / (1 + e⁻ᶻ), written out so that the tests do not depend on the library's.
func logistic(_ z: Double) -> Double {
  z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
}

/// Σ vᵢ.
func sum(_ v: [Double]) -> Double {
  v.reduce(0, +)
}
