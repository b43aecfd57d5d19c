// The benchmark executable: `swift run -c release benchmarks [GROUP ...]`. Prints one JSON line
// per measurement, with the hand-written Swift gradient (and, where the toolchain has it,
// `_Differentiation`) measured in the same run. See README.md for the targets.
//
// With no argument every group runs; with arguments only the groups named (for instance
// `benchmarks array-linreg perceptron`).

import Foundation

let groups: [(name: String, run: () -> Void)] = [
  ("rosenbrock", benchmarkRosenbrock),
  ("linreg", benchmarkLinearRegression),
  ("higher-order", benchmarkHigherOrder),
  ("break-even", benchmarkBreakEven),
  ("tangent-storage", benchmarkTangentStorage),
  ("optimization", benchmarkOptimization),
  ("array-rosenbrock", benchmarkArrayRosenbrock),
  ("array-linreg", benchmarkArrayLinearRegression),
  ("perceptron", benchmarkPerceptron),
  ("mlp-wide", benchmarkWideNetwork),
  ("parallel", benchmarkParallel),
  ("tape-memory", benchmarkTapeMemory),
  ("peers", benchmarkPeers),
  ("nist", benchmarkNIST),
  ("bounds", benchmarkBounds),
  ("training", benchmarkTraining),
  ("newton", benchmarkNewton),
]

let requested = Array(CommandLine.arguments.dropFirst())
let unknown = requested.filter { name in !groups.contains { $0.name == name } }
if !unknown.isEmpty {
  let names = groups.map(\.name).joined(separator: ", ")
  print("benchmarks: unknown group \(unknown.joined(separator: ", ")); the groups are \(names)")
  exit(2)
}
for group in groups where requested.isEmpty || requested.contains(group.name) {
  group.run()
}
