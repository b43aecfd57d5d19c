import Foundation
import Models
import Optimization

/// The figures of a soak run: memory and time per step over a long training run.
public struct SoakReport: Sendable, CustomStringConvertible {
  /// Optimizer steps taken (each a reverse-mode gradient on a tape and an update).
  public var steps = 0
  /// Resident memory after the first 1 000 steps (the warm-up), in bytes.
  public var residentAfterWarmUp = 0
  /// The largest resident memory seen after the warm-up, in bytes.
  public var peakResident = 0
  /// Resident memory at the end, in bytes.
  public var residentAtEnd = 0
  /// Mean time per step over the first and the last tenth of the run, in nanoseconds.
  public var earlyNanosecondsPerStep = 0.0
  public var lateNanosecondsPerStep = 0.0
  /// The training cost at the start and at the end (it must have fallen).
  public var initialCost = 0.0
  public var finalCost = 0.0

  /// Peak resident memory after the warm-up, less resident memory at the warm-up.
  public var memoryGrowth: Int { peakResident - residentAfterWarmUp }
  /// Late time per step over early time per step.
  public var timeDrift: Double { lateNanosecondsPerStep / earlyNanosecondsPerStep }

  public var description: String {
    func megabytes(_ bytes: Int) -> String { String(format: "%.2f MB", Double(bytes) / 1e6) }
    return "steps \(steps), resident after 1000 steps \(megabytes(residentAfterWarmUp)), "
      + "peak after \(megabytes(peakResident)), at end \(megabytes(residentAtEnd)) "
      + "(growth \(megabytes(memoryGrowth))), time per step first tenth "
      + String(
        format: "%.0f ns, last tenth %.0f ns (drift ×%.3f), ", earlyNanosecondsPerStep,
        lateNanosecondsPerStep, timeDrift)
      + String(format: "cost %.6g → %.6g", initialCost, finalCost)
  }
}

/// Resident memory of this process, from `/proc/self/statm` (Linux); 0 where unavailable.
public func residentBytes() -> Int {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
    return 0
  }
  let fields = text.split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Trains a 2-8-1 tanh network by stochastic gradient descent (Adam, one row per step) on 64
/// points of sin(x₀)·cos(x₁) for `steps` steps: every step records the network's cost on a tape,
/// sweeps it backward and updates the parameters. Resident memory is read after every epoch.
public func soak(steps: Int) throws -> SoakReport {
  var generator = SplitMix64(seed: 11)
  let rows = (0..<64).map { _ in
    [Double.random(in: -2...2, using: &generator), Double.random(in: -2...2, using: &generator)]
  }
  let targets = rows.map { [Foundation.sin($0[0]) * Foundation.cos($0[1])] }
  var network = try MultilayerPerceptron<Double>(layerSizes: [2, 8, 1], seed: 5)
  let epochs = Swift.max(1, steps / rows.count)
  var report = SoakReport()
  report.steps = epochs * rows.count

  // Only running sums are kept: an array of every epoch's time would itself grow the
  // resident memory being measured.
  let clock = ContinuousClock()
  let tenth = Swift.max(1, epochs / 10)
  var early = Duration.zero
  var late = Duration.zero
  var last = clock.now
  var initialCost = Double.nan
  let warmUpEpoch = Swift.max(1, 1000 / rows.count)
  let run = try network.fit(
    x: rows, y: targets, using: Adam(learningRate: 0.001), batching: .stochastic, seed: 3,
    options: MinimizationOptions(
      gradientTolerance: nil, maximumIterations: epochs, divergenceFactor: nil,
      historyInterval: Swift.max(1, epochs / 100))
  ) { progress in
    let now = clock.now
    let epoch = progress.iteration  // epochs completed
    if epoch >= 1 && epoch <= tenth { early += now - last }
    if epoch > epochs - tenth { late += now - last }
    last = now
    if epoch == 0 { initialCost = progress.value }
    if epoch == warmUpEpoch { report.residentAfterWarmUp = residentBytes() }
    if epoch >= warmUpEpoch {
      report.peakResident = Swift.max(report.peakResident, residentBytes())
    }
    return .continue
  }
  report.residentAtEnd = residentBytes()
  report.initialCost = initialCost
  report.finalCost = run.value
  func nanosecondsPerStep(_ total: Duration) -> Double {
    let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) * 1e-18
    return seconds * 1e9 / Double(tenth * rows.count)
  }
  report.earlyNanosecondsPerStep = nanosecondsPerStep(early)
  report.lateNanosecondsPerStep = nanosecondsPerStep(late)
  return report
}
