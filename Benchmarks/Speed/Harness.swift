import Foundation

/// Keeps results alive so the optimizer cannot delete the work being timed.
nonisolated(unsafe) var sink: Double = 0

/// The median time of one call of `body`, in seconds.
///
/// One warm-up call, then `samples` samples; each sample times enough back-to-back calls to last
/// about `minimumSampleTime`, so fast workloads are not dominated by the clock's resolution.
func medianSeconds(samples: Int = 7, minimumSampleTime: Double = 0.02, _ body: () -> Void)
  -> Double
{
  let clock = ContinuousClock()
  let warmUp = clock.measure { body() }
  let once = Double(warmUp.components.attoseconds) * 1e-18 + Double(warmUp.components.seconds)
  let repetitions = max(1, Int((minimumSampleTime / max(once, 1e-9)).rounded(.up)))
  var times: [Double] = []
  for _ in 0..<samples {
    let elapsed = clock.measure {
      for _ in 0..<repetitions { body() }
    }
    let seconds =
      Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) * 1e-18
    times.append(seconds / Double(repetitions))
  }
  times.sort()
  return times[times.count / 2]
}

/// One measurement, printed as one JSON line.
struct Measurement {
  var workload: String
  var variant: String
  var medianSeconds: Double
  /// Extra fields: ratios, targets, tape statistics.
  var fields: [(String, Any)] = []

  func print() {
    var parts = [
      "\"workload\": \"\(workload)\"", "\"variant\": \"\(variant)\"",
      "\"median_s\": \(format(medianSeconds))",
    ]
    for (key, value) in fields {
      switch value {
      case let number as Double: parts.append("\"\(key)\": \(format(number))")
      case let number as Int: parts.append("\"\(key)\": \(number)")
      case let flag as Bool: parts.append("\"\(key)\": \(flag)")
      default: parts.append("\"\(key)\": \"\(value)\"")
      }
    }
    Swift.print("{" + parts.joined(separator: ", ") + "}")
    fflush(nil)
  }

  private func format(_ x: Double) -> String {
    x.isFinite ? String(format: "%.6g", x) : "null"
  }
}

/// The closest ratio a line may claim, rounded for reading.
func ratio(_ a: Double, _ b: Double) -> Double { (a / b * 1000).rounded() / 1000 }

/// The median times of two bodies sampled alternately (a, b, a, b, …), so that a change in the
/// machine's load during the run weighs on both alike. For ratios that must be read closely,
/// such as "no slower than".
func medianSecondsInterleaved(
  samples: Int = 9, minimumSampleTime: Double = 0.02, _ a: () -> Void, _ b: () -> Void
) -> (Double, Double) {
  let clock = ContinuousClock()
  func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
  let once = max(seconds(clock.measure { a() }), seconds(clock.measure { b() }), 1e-9)
  let repetitions = max(1, Int((minimumSampleTime / once).rounded(.up)))
  var timesA: [Double] = []
  var timesB: [Double] = []
  for _ in 0..<samples {
    timesA.append(seconds(clock.measure { for _ in 0..<repetitions { a() } }) / Double(repetitions))
    timesB.append(seconds(clock.measure { for _ in 0..<repetitions { b() } }) / Double(repetitions))
  }
  timesA.sort()
  timesB.sort()
  return (timesA[samples / 2], timesB[samples / 2])
}
