import Stress
import Testing

@Suite("Expression fuzzer (reduced run; `swift run -c release fuzz` runs 100 000 trees)")
struct FuzzTests {
  /// 5 000 random programs over the whole scalar vocabulary, each at three points: values equal
  /// in every mode, forward and reverse mode agree, and central differences agree where the
  /// function is smooth. A failure prints the program as Swift source with the seed that
  /// regenerates it. The trees without a branch are also run on whole vectors, and agree with
  /// scalar reverse mode.
  @Test func reducedRunFindsNoDisagreement() {
    let report = fuzz(seed: 1, trees: 5_000)
    #expect(report.trees == 5_000)
    #expect(report.finiteDifferenceChecks > 3_000, "too few points were smooth enough to check")
    #expect(report.valueMismatches == 0, "\(report.failures.joined(separator: "\n"))")
    #expect(report.modeDisagreements == 0, "\(report.failures.joined(separator: "\n"))")
    #expect(report.finiteDifferenceDisagreements == 0, "\(report.failures.joined(separator: "\n"))")
    #expect(report.chunkDisagreements == 0, "\(report.failures.joined(separator: "\n"))")
    #expect(report.arrayTrees > 3_000, "too few trees without a branch")
    #expect(report.arrayDisagreements == 0, "\(report.failures.joined(separator: "\n"))")
  }

  @Test func theArrayCheckCatchesAWrongDerivative() {
    // tanh(x₀) · x₁ + exp(x₀ / 4) on vectors of three points: right as computed, and wrong
    // when the array partials are off by one part in a million.
    let tree = Expression.binary(
      .add, .binary(.multiply, .unary(.tanh, .input(0)), .input(1)),
      .unary(.exp, .binary(.divide, .input(0), .constant(4))))
    let points = [[0.3, -1.2], [-2.5, 0.7], [1.1, 3.0]]
    let right = checkArrayOperations(tree, at: points)
    #expect(right.arrayTrees == 1 && right.arrayDisagreements == 0, "\(right.failures)")
    let wrong = checkArrayOperations(tree, at: points, scalingArrayPartialsBy: 1 + 1e-6)
    #expect(wrong.arrayDisagreements == 6)
    // A branch cannot run on vectors: the tree is not checked with them.
    let branch = Expression.branch(
      .input(0), .less, .constant(0), then: .input(0), otherwise: .unary(.sin, .input(0)))
    #expect(checkArrayOperations(branch, at: points).arrayTrees == 0)
  }

  @Test func aTreeIsRegeneratedFromItsSeed() {
    let once = fuzz(seed: 42, trees: 1, first: 17)
    let again = fuzz(seed: 42, trees: 1, first: 17)
    #expect(once.points == 3)
    #expect(once.description == again.description)
  }

  @Test func theCheckerCatchesAWrongDerivative() {
    // The checker must be able to fail: a "derivative" that is off by 1 % disagrees with central
    // differences. (The fuzzer compares the modes with each other, so it is fed a wrong value
    // directly here.)
    #expect(!agreeForTesting(1.0, 1.01))
    #expect(agreeForTesting(1.0, 1.0 + 1e-12))
    #expect(agreeForTesting(.nan, .infinity))
    #expect(!agreeForTesting(.nan, 1))
  }
}
