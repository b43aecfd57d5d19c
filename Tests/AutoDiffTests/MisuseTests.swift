import AutoDiff
import Testing

// Misuse of `Variable` stops the program with a message that names the mistake. Each case runs
// in a child process (a Swift Testing exit test) and checks the exit and the message. An exit
// test's body captures nothing, so each one smuggles its `Variable` out of the gradient call in a
// local variable of its own.

/// The start of the message for a variable used after its gradient call returned.
private let usedAfterReturn = "A Variable was used after the gradient call that created it"
/// The start of the message for variables of two gradient calls combined.
private let mixedCalls = "Variables of two different gradient calls were combined"

/// What the child process wrote to its standard error; empty if it did not run.
private func standardError(_ result: ExitTest.Result?) -> String {
  guard let result else { return "" }
  return String(decoding: result.standardErrorContent, as: UTF8.self)
}

@Suite("Misuse stops the program with a message")
struct MisuseTests {
  @Test("Using a Variable after its gradient call returned: unary operation")
  func usedAfterReturnUnary() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0]
        return x[0] * x[0]
      }
      _ = sin(escaped!)
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("Using a Variable after its gradient call returned: binary operation")
  func usedAfterReturnBinary() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0, 2.0]) { x in
        escaped = x[1]
        return x[0] * x[1]
      }
      _ = escaped! * escaped!
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("Using a stale Variable with a constant")
  func usedAfterReturnWithConstant() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: 3.0) { x in
        escaped = x
        return exp(x)
      }
      _ = Variable(constant: 2.0) + escaped!
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("Using a stale Variable inside a later gradient call, which reuses its tape")
  func usedInLaterCall() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0]
        return x[0]
      }
      _ = gradient(at: [2.0]) { x in x[0] * escaped! }
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("A stale Variable as the first operand, in a later call that reuses its tape")
  func staleFirstOperandInLaterCall() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0]
        return x[0]
      }
      _ = gradient(at: [2.0]) { x in escaped! * x[0] }
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("A stale Variable through a unary operation, in a later call that reuses its tape")
  func staleUnaryInLaterCall() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0]
        return x[0]
      }
      _ = gradient(at: [2.0]) { x in x[0] + sin(escaped!) }
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("Returning a stale Variable from a later gradient call")
  func returnedFromLaterCall() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: Variable<Double>?
      _ = gradient(at: [1.0]) { x in
        escaped = x[0] * 2
        return x[0]
      }
      _ = gradient(at: [2.0]) { _ in escaped! }
    }
    #expect(standardError(result).contains(usedAfterReturn), "\(standardError(result))")
  }

  @Test("Combining variables of an outer and a nested gradient call")
  func nestedCallsCombined() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = gradient(at: [1.0]) { outer in
        let inner = gradient(at: [2.0]) { x in x[0] * outer[0] }
        return outer[0] * Variable(constant: inner[0])
      }
    }
    #expect(standardError(result).contains(mixedCalls), "\(standardError(result))")
  }

  @Test("Returning an outer Variable from a nested gradient call")
  func nestedCallReturnsOuterVariable() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = gradient(at: [1.0]) { outer in
        let inner = gradient(at: [2.0]) { _ in outer[0] }
        return outer[0] * Variable(constant: inner[0])
      }
    }
    #expect(standardError(result).contains(mixedCalls), "\(standardError(result))")
  }

  @Test("The same misuse without a crash: values read inside the closure are fine")
  func readingValuesIsFine() {
    var seen: Double = 0
    let g = gradient(at: [1.5]) { x in
      seen = x[0].value
      return x[0] * x[0]
    }
    #expect(seen == 1.5)
    #expect(g == [3])
  }
}
