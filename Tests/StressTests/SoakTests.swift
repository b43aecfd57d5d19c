import Stress
import Testing

@Suite("Soak (short; `swift run -c release soak` takes 1 000 000 steps)")
struct SoakTests {
  /// 20 000 optimizer steps with a tape in each: after the warm-up, resident memory stays within
  /// 1 MB (the tape pool is reused, nothing accumulates), and training still makes progress. Time
  /// per step is reported by the executable, not asserted here.
  @Test func memoryStaysFlatOverTwentyThousandSteps() throws {
    let report = try soak(steps: 20_000)
    #expect(report.steps >= 19_900)
    #expect(report.residentAfterWarmUp > 0, "could not read /proc/self/statm")
    #expect(report.memoryGrowth <= 1_000_000, "\(report)")
    #expect(report.finalCost < report.initialCost / 10, "\(report)")
  }
}
