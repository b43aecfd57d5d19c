import AutoDiff
import Testing

/// Ordinary formulas with literals and mixed constants must type-check quickly: `.ci/run` builds
/// the tests with `-warn-long-expression-type-checking` and fails on the warning. The closures
/// split the density's normalization into its own statement, as "Writing a cost" advises; the
/// one-expression forms took 130-210 ms and are measured in scripts/typecheck/hard.swift.
@Suite struct FormulaTests {
  /// log N(x | μ, σ) written out (14 operators, 6 literals) in a reverse-mode closure.
  @Test func gaussianLogDensityInReverseMode() {
    let g = gradient(at: [0.2, 0.7]) { p in
      let mu = p[0]
      let sigma = p[1]
      let normalization = -0.5 * log(2 * 3.141592653589793 * sigma * sigma)
      return normalization - (1.3 - mu) * (1.3 - mu) / (2 * sigma * sigma)
    }
    let x = 1.3
    let mu = 0.2
    let sigma = 0.7
    #expect(abs(g[0] - (x - mu) / (sigma * sigma)) < 1e-12)
    #expect(abs(g[1] - (-1 / sigma + (x - mu) * (x - mu) / (sigma * sigma * sigma))) < 1e-12)
  }

  /// The same density as a generic function, run on `Double`, forward and reverse mode.
  func logDensity<S: RealScalar>(_ x: S, mu: S, sigma: S) -> S {
    -0.5 * log(2 * 3.141592653589793 * sigma * sigma) - (x - mu) * (x - mu) / (2 * sigma * sigma)
  }

  @Test func gaussianLogDensityGeneric() throws {
    let plain = logDensity(1.3, mu: 0.2, sigma: 0.7)
    let reverse = valueWithGradient(at: 0.2) { mu in logDensity(1.3, mu: mu, sigma: 0.7) }
    let forward = valueWithDerivative(at: 0.2) { mu in logDensity(1.3, mu: mu, sigma: 0.7) }
    #expect(reverse.value == plain)
    #expect(forward.value == plain)
    #expect(abs(reverse.gradient - 1.1 / 0.49) < 1e-12)
    #expect(abs(forward.derivative - 1.1 / 0.49) < 1e-12)
  }

  @Test func gaussianLogDensityInForwardMode() {
    let d = derivative(at: 0.2) { mu in
      let sigma: Dual<Double> = 0.7
      let normalization = -0.5 * log(2 * 3.141592653589793 * sigma * sigma)
      return normalization - (1.3 - mu) * (1.3 - mu) / (2 * sigma * sigma)
    }
    #expect(abs(d - 1.1 / 0.49) < 1e-12)
  }

  @Test func literalsAndConstantsOnEitherSide() {
    let count = 4
    let g = gradient(at: 3.0) { y in
      let n = Variable<Double>(count)
      return 2 * y - 1.5 + y / n + n / y - 1
    }
    let expected = 2 + 0.25 - 4 / 9.0
    #expect(abs(g - expected) < 1e-12)
  }
}
