// Timing helpers for the array-operation workloads.

/// The median times of two bodies sampled alternately (a, b, a, b, …), so that a change in the
/// machine's load during the run weighs on both alike: the ratio of the two is what the targets
/// are about.
func interleavedMedians(
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

/// The largest |aᵢ − bᵢ| / max(1, |bᵢ|).
func maximumRelativeError(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
}
