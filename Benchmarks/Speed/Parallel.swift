import AutoDiff
import Foundation
import Stress  // residentBytes()

// All cores: each workload timed on one thread and on Parallelism's default (every active
// core), alternately in one run, with the speed-up and the check that both give the same bits.

func benchmarkParallel() {
  let cores = ProcessInfo.processInfo.activeProcessorCount
  let saved = Parallelism.threadCount
  defer { Parallelism.threadCount = saved }

  /// Median seconds of `body` on one thread and on `cores` threads, sampled alternately.
  func compare(_ body: () -> Void) -> (one: Double, all: Double) {
    medianSecondsInterleaved(
      samples: 9, minimumSampleTime: 0.05,
      {
        Parallelism.threadCount = 1
        body()
      },
      {
        Parallelism.threadCount = cores
        body()
      })
  }

  // The machine's own ceiling for products: the same product on every core at once, each
  // thread with its own matrices and no shared work, against one thread alone. Nothing is
  // split and nothing waits, so a split product-bound workload (mlp_wide) cannot scale better;
  // its lines repeat it as `ceiling_speedup`. On a virtual machine whose cores share
  // floating-point units or memory bandwidth with a neighbour, it is well below the core count.
  let ceiling: Double
  do {
    let size = 256
    func matrix(_ t: Int) -> [Double] {
      var values = [Double](repeating: 0, count: size * size)
      for i in 0..<values.count { values[i] = Double((i + t) % 7) / 10 }
      return values
    }
    let data: [[Double]] = (0..<cores).map(matrix)
    Parallelism.threadCount = 1
    let repetitions = 8
    /// Each thread's products, from its own data: `sums[t]` is written by thread t only.
    final class Sums: @unchecked Sendable {
      let values: UnsafeMutableBufferPointer<Double>
      init(_ count: Int) { values = .allocate(capacity: count); values.initialize(repeating: 0) }
      deinit { values.deallocate() }
    }
    let sums = Sums(cores)
    @Sendable func products(_ t: Int) {
      let a = VariableMatrix(constant: data[t], rows: size, columns: size)
      for _ in 0..<repetitions { sums.values[t] += matmul(a, a)[0, 0].value }
    }
    let times = medianSecondsInterleaved(
      samples: 9, minimumSampleTime: 0.05, { products(0) },
      { DispatchQueue.concurrentPerform(iterations: cores, execute: products) })
    sink += sums.values.reduce(0, +)
    Parallelism.threadCount = cores
    ceiling = Double(cores) * times.0 / times.1
    // Throughput: `cores` times the work in times.1 against one share in times.0.
    Measurement(
      workload: "parallel_ceiling", variant: "independent_products_\(size)", medianSeconds: times.1,
      fields: [
        ("threads", cores), ("one_thread_s", times.0),
        ("throughput_ratio", ratio(Double(cores) * times.0, times.1)),
      ]
    ).print()
  }

  func report(
    _ workload: String, _ variant: String, _ times: (one: Double, all: Double),
    target: Double, identical: Bool, extra: [(String, Any)] = []
  ) {
    Measurement(
      workload: workload, variant: variant, medianSeconds: times.all,
      fields: [
        ("threads", cores), ("one_thread_s", times.one),
        ("speedup", ratio(times.one, times.all)), ("target_speedup", target),
        ("met", times.one / times.all >= target), ("identical_to_one_thread", identical),
      ] + extra
    ).print()
  }

  // mlp_wide: the matrix products split by rows of the result.
  for precision in ["double", "float"] {
    func run<T: BinaryFloatingPoint & RealScalar>(_: T.Type) {
      let data = WideNetworkData<T>()
      let inputs = VariableMatrix(constant: data.inputs, rows: 256, columns: 784)
      let targets = VariableMatrix(constant: data.targets, rows: 256, columns: 10)
      var gradient = [T](repeating: 0, count: WideNetworkData<T>.parameterCount)
      func call() -> T {
        VariableVector.valueWithGradient(at: data.parameters, into: &gradient) { p in
          wideNetwork(p, inputs: inputs, targets: targets)
        }
      }
      Parallelism.threadCount = 1
      let oneValue = call()
      let oneGradient = gradient
      Parallelism.threadCount = cores
      let allValue = call()
      let identical = oneValue == allValue && oneGradient == gradient
      let times = compare { sink += Double(call()) }
      report(
        "mlp_wide", precision == "double" ? "array" : "array_float", times, target: 1.8,
        identical: identical,
        extra: [
          ("gflops", WideNetworkData<T>.floatingPointOperations / times.all / 1e9),
          ("ceiling_speedup", ratio(ceiling, 1)),
        ])
    }
    if precision == "double" { run(Double.self) } else { run(Float.self) }
  }

  let data = LinearRegressionData(count: 1_000_000)

  // linreg_grad by arrays: one reduction over a million elements, in bands of blocks.
  do {
    let x = VariableVector(constant: data.x)
    let y = VariableVector(constant: data.y)
    var gradient = [0.0, 0.0]
    func call() -> Double {
      valueWithGradient(at: [0.5, -1], into: &gradient) { p in
        mean(pow(VariableVector(p[0]) * x + VariableVector(p[1]) - y, 2))
      }
    }
    Parallelism.threadCount = 1
    let one = (call(), gradient)
    Parallelism.threadCount = cores
    let all = (call(), gradient)
    let times = compare { sink += call() }
    report(
      "linreg_grad", "array", times, target: 1.4, identical: one.0 == all.0 && one.1 == all.1)
  }

  // linreg_grad with scalar variables, as a cost over rows: blocks of rows on their own tapes.
  let rows = Array(0..<data.x.count)[...]
  let cost: ([Variable<Double>], ArraySlice<Int>) -> Variable<Double> = { p, rows in
    let (m, b) = (p[0], p[1])
    var total: Variable<Double> = 0
    for i in rows {
      let r = m * Variable(data.x[i]) + b - Variable(data.y[i])
      total += r * r
    }
    return total / Variable(Double(rows.count))
  }
  var gradient = [0.0, 0.0]
  func chunked() -> Double {
    (try? valueWithGradient(at: [0.5, -1], rows: rows, into: &gradient, of: cost)) ?? .nan
  }
  Parallelism.threadCount = 1
  let one = (chunked(), gradient)
  Parallelism.threadCount = cores
  let all = (chunked(), gradient)
  let (_, dm, db) = meanSquaredErrorByHand(m: 0.5, b: -1, x: data.x, y: data.y)
  let error = max(abs(gradient[0] - dm) / abs(dm), abs(gradient[1] - db) / abs(db))
  let times = compare { sink += chunked() }
  report(
    "linreg_grad", "reverse_rows", times, target: 1.8, identical: one.0 == all.0 && one.1 == all.1,
    extra: [
      ("rows_per_block", Parallelism.rowsPerBlock), ("max_relative_error_vs_hand", error),
    ])
  // The same cost on one tape, one thread: what the blocks cost over recording it whole.
  let whole = medianSeconds(samples: 5) {
    sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in cost(p, rows) }
  }
  Measurement(
    workload: "linreg_grad", variant: "reverse_rows_one_tape", medianSeconds: whole,
    fields: [("ratio_blocks_one_thread_to_one_tape", ratio(times.one, whole))]
  ).print()

  // Break-even of a split product: products of constants (values only, no tape) of growing
  // size, one thread against all, every product split (minimumParallelWork 0).
  let savedWork = Parallelism.minimumParallelWork
  Parallelism.minimumParallelWork = 0
  for size in [24, 32, 48, 64, 96, 128, 256] {
    let a = VariableMatrix(
      constant: (0..<(size * size)).map { Double($0 % 7) * 0.1 }, rows: size, columns: size)
    let times = compare { sink += matmul(a, a)[0, 0].value }
    Measurement(
      workload: "break_even_product", variant: "\(size)x\(size)x\(size)", medianSeconds: times.all,
      fields: [
        ("multiply_adds", size * size * size), ("one_thread_s", times.one),
        ("speedup", ratio(times.one, times.all)),
      ]
    ).print()
  }
  Parallelism.minimumParallelWork = savedWork
}

/// Tape memory: resident memory after a large call recorded whole (linreg_grad by scalar
/// variables, 5 million operations), after a second one (kept: repeated large calls allocate
/// nothing), and after a small call (given back above `TapeMemory.cap`); and the time of
/// repeated large calls, which the give-back must not slow.
func benchmarkTapeMemory() {
  let data = LinearRegressionData(count: 1_000_000)
  var gradient = [0.0, 0.0]
  // A small call first: whatever earlier groups left above the cap goes back.
  sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in p[0] * p[1] }
  let before = residentBytes()
  func large() {
    sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in
      meanSquaredError(p, x: data.x, y: data.y)
    }
  }
  large()
  let peak = residentBytes()
  let repeated = medianSeconds(samples: 5) { large() }
  let kept = residentBytes()
  sink += valueWithGradient(at: [0.5, -1], into: &gradient) { p in p[0] * p[1] }
  let afterSmall = residentBytes()
  let mb = { (bytes: Int) in Double(bytes) / 1_048_576 }
  Measurement(
    workload: "tape_memory", variant: "linreg_reverse", medianSeconds: repeated,
    fields: [
      ("cap_mb", mb(TapeMemory.cap)), ("resident_before_mb", mb(before)),
      ("resident_after_large_call_mb", mb(peak)), ("resident_after_repeated_mb", mb(kept)),
      ("resident_after_small_call_mb", mb(afterSmall)),
      ("retained_above_start_mb", mb(afterSmall - before)),
      ("met", afterSmall - before <= TapeMemory.cap),
    ]
  ).print()
}
