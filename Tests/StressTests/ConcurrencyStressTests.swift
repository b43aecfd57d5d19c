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
  struct Problem: DifferentiableFunction {
    let x: [Double]
    let a: [Double]
    let b: [Double]
    let c: Double

    init(thread: Int, call: Int, size: Int? = nil) {
      let n = size ?? 1 + (thread * 7 + call) % 40  // tapes of different lengths in flight
      let seed = Double(thread * 10_007 + call)
      // Closures with their types written out: inferred, these took the type checker up to
      // 239 ms in a file that imports AutoDiff, over CI's 200 ms gate.
      x = (0..<n).map { (i: Int) -> Double in Foundation.sin(seed + Double(i)) }
      a = (0..<n).map { (i: Int) -> Double in 1 + Double((i + thread) % 5) }
      b = (0..<n).map { (i: Int) -> Double in 0.5 + Double((i + call) % 3) }
      c = 0.1 * Double(thread + 1)
    }

    func callAsFunction<S: RealScalar>(_ p: [S]) -> S { cost(p) }

    func cost<S: RealScalar>(_ p: [S]) -> S {
      var total: S = 0
      var sum: S = 0
      for k in p.indices {
        total += S(a[k]) * sin(S(b[k]) * p[k])
        sum += p[k]
      }
      return total + S(c) * sum * sum
    }

    /// ∂²f/∂xⱼ∂xₖ = −aⱼ·bⱼ²·sin(bⱼ·xⱼ)·[j = k] + 2c.
    var expectedHessian: [[Double]] {
      x.indices.map { j in
        x.indices.map { k in
          let diagonal = j == k ? -a[j] * b[j] * b[j] * Foundation.sin(b[j] * x[j]) : 0
          return diagonal + 2 * c
        }
      }
    }

    var expected: [Double] {
      let sum = x.reduce(0, +)
      return x.indices.map { a[$0] * b[$0] * Foundation.cos(b[$0] * x[$0]) + 2 * c * sum }
    }
  }

  /// 8 threads × 10 000 derivatives each: a third reverse-mode gradients, a third forward-mode
  /// directional derivatives, a third Hessians.
  @Test func eightThreadsTenThousandGradientsAndHessiansEach() {
    let threads = 8
    let calls = 10_000
    let failures = Failures()
    DispatchQueue.concurrentPerform(iterations: threads) { thread in
      var wrong = 0
      for call in 0..<calls {
        let problem = Problem(thread: thread, call: call)
        let expected = problem.expected
        if call % 3 == 2 {
          // A Hessian (forward over reverse) of a smaller problem, every entry checked.
          let small = Problem(thread: thread, call: call, size: 1 + call % 6)
          let computed = hessian(at: small.x, of: small)
          for (row, expectedRow) in zip(computed, small.expectedHessian) {
            for (h, e) in zip(row, expectedRow)
            where Swift.abs(h - e) > 1e-12 * Swift.max(1, Swift.abs(e)) {
              wrong += 1
            }
          }
        } else if call % 3 == 0 {
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
