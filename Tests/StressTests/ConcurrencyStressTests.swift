import AutoDiff
import Dispatch
import Foundation
import Testing

/// Many threads computing different gradients at once, every result checked against its closed
/// form: each gradient call borrows its own tape, so calls in flight never share one.
@Suite("Concurrency under load")
struct ConcurrencyStressTests {
  /// f(x) = Σₖ aₖ·sin(bₖ·xₖ) + c·(Σₖ xₖ)², with n, a, b, c different for every call:
  /// ∂f/∂xⱼ = aⱼ·bⱼ·cos(bⱼ·xⱼ) + 2c·Σₖ xₖ.
  struct Problem {
    let x: [Double]
    let a: [Double]
    let b: [Double]
    let c: Double

    init(thread: Int, call: Int) {
      let n = 1 + (thread * 7 + call) % 40  // tapes of different lengths in flight together
      let seed = Double(thread * 10_007 + call)
      x = (0..<n).map { Foundation.sin(seed + Double($0)) }
      a = (0..<n).map { 1 + Double(($0 + thread) % 5) }
      b = (0..<n).map { 0.5 + Double(($0 + call) % 3) }
      c = 0.1 * Double(thread + 1)
    }

    func cost<S: RealScalar>(_ p: [S]) -> S {
      var total: S = 0
      var sum: S = 0
      for k in p.indices {
        total += S(a[k]) * sin(S(b[k]) * p[k])
        sum += p[k]
      }
      return total + S(c) * sum * sum
    }

    var expected: [Double] {
      let sum = x.reduce(0, +)
      return x.indices.map { a[$0] * b[$0] * Foundation.cos(b[$0] * x[$0]) + 2 * c * sum }
    }
  }

  /// 8 threads × 10 000 derivatives each: half reverse-mode gradients, half forward-mode
  /// directional derivatives.
  @Test func eightThreadsTenThousandGradientsEach() {
    let threads = 8
    let calls = 10_000
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      var wrong = 0
      for call in 0..<calls {
        let problem = Problem(thread: thread, call: call)
        let expected = problem.expected
        if call % 2 == 0 {
          let computed = gradient(at: problem.x) { problem.cost($0) }
          for (g, e) in zip(computed, expected)
          where Swift.abs(g - e) > 1e-12 * Swift.max(1, Swift.abs(e)) {
            wrong += 1
          }
        } else {
          // Forward mode, one pass: the derivative along (1, 1, …, 1) is Σⱼ ∂f/∂xⱼ.
          let seeded = problem.x.map { Dual($0, tangent: 1.0) }
          let along = problem.cost(seeded).tangent
          let sum = expected.reduce(0, +)
          if Swift.abs(along - sum) > 1e-12 * Swift.max(1, expected.map(Swift.abs).reduce(0, +)) {
            wrong += 1
          }
        }
      }
      failures.add(wrong)
    }
    #expect(failures.total == 0)
  }
}

/// A thread-safe counter.
final class Failures: @unchecked Sendable {
  // Sendable: every access holds the lock.
  private let lock = NSLock()
  private var count = 0
  func add(_ n: Int) {
    lock.lock()
    count += n
    lock.unlock()
  }
  var total: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
