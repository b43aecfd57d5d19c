import Foundation
import Testing

@testable import AutoDiff

// The array tape's reduction counter (`ArrayTape.epoch`, Recording/ArrayTape.swift) stamps the
// adjoints each reduction has zeroed; a node just recorded carries 0. Tapes are pooled for the
// life of the process, so the counter wraps after 2³² reductions (about an hour of microsecond
// calls): it must never come back to 0, where every new node would look already zeroed and
// add into the adjoints an earlier call left in the arena.
@Suite("The array tape's reduction counter")
struct TapeEpochTests {
  @Test("Wrapping past 2³² reductions does not take a new node's adjoints for zeroed")
  func wrapSkipsZero() async {
    // In a child process, so that the pooled tape set near the wrap is the one the next call
    // borrows (no other test's gradients share the pool there).
    await #expect(processExitsWith: .success) {
      let x: [Double] = [0.5, -1, 2, 0.25]
      let m = VariableMatrix(constant: [1.0, -2, 0.5, 3], rows: 2, columns: 2)
      // Two reductions; the product is first touched by the second, whose epoch is the one
      // that wraps.
      func cost(_ v: VariableVector<Double>) -> Variable<Double> {
        let first = sum(v * v)
        return first + sum(matmul(m, v.reshaped(rows: 2, columns: 2)))
      }
      // The same call before: its adjoints are what the arena holds.
      let expected = VariableVector.valueWithGradient(at: x, of: cost)
      let tape = borrowTape(Double.self)
      tape.pointee.arrayTape().pointee.epoch = .max - 1
      returnTape(tape)
      let wrapped = VariableVector.valueWithGradient(at: x, of: cost)
      let borrowedAgain = borrowTape(Double.self)
      let epoch = borrowedAgain.pointee.arrayTape().pointee.epoch
      returnTape(borrowedAgain)
      // The call ran on that tape (its counter moved past the wrap), and got the same numbers.
      if wrapped.value != expected.value || wrapped.gradient != expected.gradient { exit(1) }
      if epoch != 1 { exit(2) }
    }
  }
}
