// The expression fuzzer: `swift run -c release fuzz [TREES] [SEED]` (default 100 000 trees,
// seed 1). Prints a summary line and the first failures, each with the seed that regenerates
// it; exits 1 when anything disagreed.
import Foundation
import Stress

let arguments = CommandLine.arguments.dropFirst()
let trees = arguments.first.flatMap(Int.init) ?? 100_000
let seed = arguments.dropFirst().first.flatMap(UInt64.init) ?? 1
let clock = ContinuousClock()
let start = clock.now
let report = fuzz(seed: seed, trees: trees)
print(report)
for failure in report.failures { print(failure) }
print("elapsed \(clock.now - start)")
exit(report.passed ? 0 : 1)
