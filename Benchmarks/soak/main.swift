// The soak run: `swift run -c release soak [STEPS]` (default 1 000 000). Trains a small network
// one row per step, a tape in every step, and prints resident memory after the warm-up and at
// its peak, and the time per step early and late. Exits 1 when memory grows by more than 1 MB
// or a step takes more than 1.5 times as long at the end as at the start.
import Foundation
import Stress

let steps = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 1_000_000
let report = try soak(steps: steps)
print(report)
let flat = report.memoryGrowth <= 1_000_000 && report.timeDrift <= 1.5
print(flat ? "memory flat and no drift" : "memory grew or steps slowed")
exit(flat ? 0 : 1)
