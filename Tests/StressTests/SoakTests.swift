import Foundation
import Stress
import Testing

@Suite("Soak (short; `swift run -c release soak` takes 1 000 000 steps)")
struct SoakTests {
  /// 20 000 optimizer steps with a tape in each: after the warm-up, resident memory stays within
  /// 1 MB (the tape pool is reused, nothing accumulates), and training still makes progress. Time
  /// per step is reported by the executable, not asserted here.
  ///
  /// Resident memory belongs to the whole process, and other suites run at the same time, so
  /// the run happens in a process of its own (an exit test) that exits 0 only when the figures
  /// hold, and prints them otherwise.
  @Test func memoryStaysFlatOverTwentyThousandSteps() async {
    let result = await #expect(processExitsWith: .success, observing: [\.standardOutputContent]) {
      let report = try soak(steps: 20_000)
      let flat = report.residentAfterWarmUp > 0 && report.memoryGrowth <= 1_000_000
      let learned = report.steps >= 19_900 && report.finalCost < report.initialCost / 10
      print(report)
      exit(flat && learned ? 0 : 1)
    }
    if let output = result?.standardOutputContent {
      let text = String(decoding: output, as: UTF8.self)
      #expect(text.contains("steps 19968"), "\(text)")
    }
  }
}
