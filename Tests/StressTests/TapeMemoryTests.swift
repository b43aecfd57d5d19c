import AutoDiff
import Foundation
import Stress
import Testing

// Tapes give back memory above TapeMemory.cap when a later call no longer needs it. Resident
// memory belongs to the whole process, so each measurement runs in a process of its own (an
// exit test), which exits 0 only when the figures hold and prints them otherwise.

/// A cost over `count` rows recorded whole, with scalar variables (about five operations per
/// row, 32 bytes each with adjoints) and one array operation as large.
private func largeCall(rows count: Int) -> Double {
  let x = (0..<count).map { Double($0 % 1000) / 1000 }
  return valueWithGradient(at: [0.5, -1.0]) { p in
    var total: Variable<Double> = 0
    for i in 0..<count {
      let r = p[0] * Variable(x[i]) + p[1] - Variable(2 * x[i])
      total += r * r
    }
    return total / Variable(Double(count))
  }.value
}

@Suite("Tape memory")
struct TapeMemoryTests {
  @Test("Memory above the cap is given back at the next call that does not need it")
  func givenBackLazily() async {
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      TapeMemory.cap = 16 << 20
      let before = residentBytes()
      _ = largeCall(rows: 1_000_000)  // about 5 million operations: 160 MB
      let afterLarge = residentBytes()
      // A second large call keeps the memory (no give-back between large calls).
      _ = largeCall(rows: 1_000_000)
      let afterSecondLarge = residentBytes()
      _ = largeCall(rows: 100)
      let afterSmall = residentBytes()
      let mb = { (bytes: Int) in bytes >> 20 }
      print(
        "before \(mb(before)) MB, after a large call \(mb(afterLarge)) MB, after another "
          + "\(mb(afterSecondLarge)) MB, after a small one \(mb(afterSmall)) MB")
      let grew = afterLarge - before > 100 << 20
      let kept = afterSecondLarge >= afterLarge - (8 << 20)
      let returned = afterSmall - before < (16 << 20) + (8 << 20)
      exit(grew && kept && returned ? 0 : 1)
    }
    // The figures, in the test's log.
    if let output = result?.standardOutputContent { print(String(decoding: output, as: UTF8.self)) }
  }

  @Test("releaseUnused gives back a large tape at once")
  func releasedOnRequest() async {
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      let before = residentBytes()
      _ = largeCall(rows: 1_000_000)
      let afterLarge = residentBytes()
      TapeMemory.releaseUnused()
      let afterRelease = residentBytes()
      print(
        "before \(before >> 20) MB, large \(afterLarge >> 20) MB, released \(afterRelease >> 20) MB"
      )
      exit(afterLarge - before > 100 << 20 && afterRelease - before < 8 << 20 ? 0 : 1)
    }
    if let output = result?.standardOutputContent { print(String(decoding: output, as: UTF8.self)) }
  }

  @Test("A Variable that escaped a call whose memory was given back still stops with its message")
  func escapedVariable() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      TapeMemory.cap = 0
      var escaped: Variable<Double>? = nil
      _ = valueWithGradient(at: [1.0, 2.0]) { p in
        var total = p[0] * p[1]
        for _ in 0..<100_000 { total = total + p[0] }
        escaped = total
        return total
      }
      _ = valueWithGradient(at: [1.0]) { p in p[0] * p[0] }  // gives the memory back
      _ = escaped! * escaped!
    }
    if let error = result?.standardErrorContent {
      let text = String(decoding: error, as: UTF8.self)
      #expect(text.contains("used after the gradient call"), "\(text)")
    }
  }
}
