import AutoDiff
import Foundation
import Testing

// Values computed on `Dual` and `Variable` follow the semantics of plain numbers bit for bit, so
// a generic cost gives the same value in every mode (Sources/AutoDiff/Scalar/): `min` and `max`
// as the standard library's, `pow(x, n)` as the C library's, `-x` and `abs` with the signs of
// zeros kept; and constants spelled `Variable(x)` and `Dual(x)`. That plain code compiled with
// `import Descent` computes what it computes without it is PlainCorpusTests' subject.

@Suite("Values follow plain numbers in every mode")
struct PlainNumberSemanticsTests {
  /// Every value of f at x in forward mode (one tangent and a chunk), in reverse mode and on the
  /// plain number, as bit patterns.
  func valuesInEveryMode(
    at x: Double, _ f: (Double) -> Double, _ forward: (Dual<Double>) -> Dual<Double>,
    _ chunk: (MultiDual<Double, 2>) -> MultiDual<Double, 2>,
    _ reverse: (Variable<Double>) -> Variable<Double>
  ) -> [UInt64] {
    [
      f(x).bitPattern,
      valueWithDerivative(at: x, of: forward).value.bitPattern,
      chunk(MultiDual(x, tangents: [1, 0])).value.bitPattern,
      valueWithGradient(at: x, of: reverse).value.bitPattern,
    ]
  }

  @Test("pow(x, n) is the C library's pow(x, Double(n)) in every mode")
  func integerPowerMatchesTheCLibrary() {
    var random = SplitMix64(seed: 7)
    let bases =
      (0..<400).map { _ in Double.random(in: 1..<2, using: &random) }
      + [-2.5, -1, -0.0, 0, 1e-200, 1e200, .infinity, -.infinity, .nan]
    for n in -3...7 {
      for x in bases {
        let reference = Foundation.pow(x, Double(n)).bitPattern
        let values = valuesInEveryMode(
          at: x, { AutoDiff.pow($0, n) }, { AutoDiff.pow($0, n) }, { AutoDiff.pow($0, n) },
          { AutoDiff.pow($0, n) })
        #expect(values.allSatisfy { $0 == reference }, "pow(\(x), \(n))")
      }
    }
  }

  @Test("min and max return the standard library's bits, signed zeros and NaN included")
  func minAndMaxMatchTheStandardLibrary() {
    let cases: [(Double, Double)] = [
      (1, .nan), (.nan, 1), (-0.0, 0), (0, -0.0), (2, 2), (-1, 3), (3, -1), (.nan, .nan),
    ]
    for (x, y) in cases {
      let plainMin = Swift.min(x, y).bitPattern
      let plainMax = Swift.max(x, y).bitPattern
      let reverse = valueWithGradient(at: [x, y]) { v in AutoDiff.min(v[0], v[1]) }
      let reverseMax = valueWithGradient(at: [x, y]) { v in AutoDiff.max(v[0], v[1]) }
      let forward = Dual(x, tangent: 1), other = Dual(y, tangent: 0)
      #expect(AutoDiff.min(x, y).bitPattern == plainMin, "min(\(x), \(y)) on Double")
      #expect(AutoDiff.max(x, y).bitPattern == plainMax, "max(\(x), \(y)) on Double")
      #expect(reverse.value.bitPattern == plainMin, "min(\(x), \(y)) on Variable")
      #expect(reverseMax.value.bitPattern == plainMax, "max(\(x), \(y)) on Variable")
      #expect(AutoDiff.min(forward, other).value.bitPattern == plainMin, "min on Dual")
      #expect(AutoDiff.max(forward, other).value.bitPattern == plainMax, "max on Dual")
    }
  }

  @Test("Negation and abs keep the signs of zeros and NaN as plain numbers do")
  func negationAndMagnitude() {
    for x in [0.0, -0.0, 1.5, -1.5, .nan, -Double.nan, .infinity] {
      let negated = valuesInEveryMode(at: x, { -$0 }, { -$0 }, { -$0 }, { -$0 })
      #expect(negated.allSatisfy { $0 == (-x).bitPattern }, "-(\(x))")
      let magnitude = valuesInEveryMode(at: x, { abs($0) }, { abs($0) }, { abs($0) }, { abs($0) })
      #expect(magnitude.allSatisfy { $0 == Swift.abs(x).bitPattern }, "abs(\(x))")
    }
    // abs′(0) = 0 through the standard library's `abs`, which returns `magnitude`.
    #expect(gradient(at: 0.0) { x in abs(x) } == 0)
    #expect(derivative(at: 0.0) { x in abs(x) } == 0)
    #expect(gradient(at: -2.0) { x in abs(x) } == -1)
  }

  @Test("erf is the C library's in every mode, and its derivative is 2/√π e^(−x²)")
  func errorFunction() {
    for x in [-3.0, -0.5, 0, 1e-8, 0.7, 2, 6] {
      let values = valuesInEveryMode(
        at: x, { AutoDiff.erf($0) }, { AutoDiff.erf($0) }, { AutoDiff.erf($0) },
        { AutoDiff.erf($0) })
      #expect(values.allSatisfy { $0 == Foundation.erf(x).bitPattern }, "erf(\(x))")
      let slope = 2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
      #expect(isClose(gradient(at: x) { AutoDiff.erf($0) }, slope, relative: 1e-15))
    }
    #expect(AutoDiff.erf(Float(0.5)).bitPattern == Foundation.erff(0.5).bitPattern)
    // The standard normal CDF, Φ(x) = (1 + erf(x/√2))/2, and its derivative, the density.
    let root2 = 2.0.squareRoot()
    let cdf = valueWithGradient(at: 1.0) { x in (1 + AutoDiff.erf(x / Variable(root2))) / 2 }
    #expect(isClose(cdf.value, 0.8413447460685429, relative: 1e-15))
    #expect(
      isClose(cdf.gradient, Foundation.exp(-0.5) / (2 * Double.pi).squareRoot(), relative: 1e-15))
  }

  @Test("Variable(x) and Dual(x) are constants whose type follows x")
  func constantsFromPlainNumbers() {
    let slope = 2.5
    let xs: [Double] = [1, 2, 3]
    // d/dp Σ (p·xᵢ − 2.5)² at p = 1 = Σ 2 (xᵢ − 2.5) xᵢ = 2 (−1.5 − 1 + 1.5) = −2.
    let g = gradient(at: [1.0]) { p in
      var total: Variable<Double> = 0
      for x in xs {
        let r = p[0] * Variable(x) - Variable(slope)
        total += r * r
      }
      return total
    }
    #expect(g == [-2])
    #expect(derivative(at: 1.0) { x in Dual(slope) * x * x } == 5)
    // A generic cost converts with S(x); Int counts with S(n).
    func mean<S: RealScalar>(_ p: [S]) -> S { (p[0] + p[1]) / S(p.count) }
    #expect(gradient(at: [1.0, 3.0], of: mean) == [0.5, 0.5])
    #expect(Variable(Float(1.5)).value == 1.5)
  }

  @Test("Carriers are SignedNumeric: the standard library's generic code runs on them")
  func standardLibraryGenericCode() {
    let g = gradient(at: [1.0, 2.0, 3.0]) { p in p.reduce(0, +) * p[0] }
    #expect(g == [7, 1, 1])
    let m = gradient(at: [-2.0]) { p in p[0].magnitude }
    #expect(m == [-1])
    #expect(Variable<Double>(exactly: 3)?.value == 3)
    #expect(Variable<Float>(exactly: 16_777_217) == nil)
  }
}
