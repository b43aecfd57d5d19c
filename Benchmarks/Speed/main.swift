// The benchmark executable: `swift run -c release benchmarks`. Prints one JSON line per
// measurement, with the hand-written Swift gradient (and, where the toolchain has it,
// `_Differentiation`) measured in the same run. See README.md for the targets.

benchmarkRosenbrock()
benchmarkLinearRegression()
benchmarkHigherOrder()
benchmarkBreakEven()
benchmarkTangentStorage()
benchmarkOptimization()
benchmarkArrayRosenbrock()
benchmarkArrayLinearRegression()
benchmarkPerceptron()
