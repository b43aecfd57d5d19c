// The benchmark executable: `swift run -c release benchmarks [GROUP ...]`. Prints one JSON line
// per measurement, with the hand-written Swift gradient (and, where the toolchain has it,
// `_Differentiation`) measured in the same run. See README.md for the targets.
//
// With no argument every group runs; with arguments only the groups named (for instance
// `benchmarks array-linreg perceptron`).

import AutoDiff
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
// The machine, first: the processor (from /proc/cpuinfo on Linux), its vector instructions, the
// kernels in use and the threads, so that a pasted run says what it was measured on.
do {
  let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
  let lines = info.split(separator: "\n")
  func field(_ name: String) -> String {
    lines.first { $0.hasPrefix(name) }.map {
      $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        ?? ""
    } ?? "unknown"
  }
  let flags = Set(field("flags").split(separator: " ").map(String.init))
  let vectors = ["avx512f", "avx2", "fma", "neon", "asimd"].filter(flags.contains)
  print(
    "{\"machine\": \"\(field("model name"))\", \"cpu_family\": \"\(field("cpu family"))\", "
      + "\"model\": \"\(field("model\t"))\", \"vector_instructions\": \"\(vectors.joined(separator: " "))\", "
      + "\"kernels\": \"\(arrayKernelImplementation.rawValue)\", \"threads\": \(Parallelism.threadCount)}"
  )
}

for group in groups where requested.isEmpty || requested.contains(group.name) {
  group.run()
}
