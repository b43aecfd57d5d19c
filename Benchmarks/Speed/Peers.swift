import AutoDiff
import Foundation

// The peers' workloads on the data of ../shared/benchmarks/PEERS.md (its generator ported
// below, bit for bit NumPy's arrays), for Benchmarks/Peers/run.sh, which times NumPy, JAX and
// PyTorch on the same data in the same session. One JSON line per workload, with the checksum
// PEERS.md lists, in the peers script's format; `DESCENT_THREADS` sets the thread count.
//
// The peers script times the Python side by its own protocol (about 2 s of calls, median); the
// lines here follow it: one warm-up call, then calls for about 2 s (5 to 200), median.

/// PEERS.md's generator: SplitMix64 of (stream << 32) | i, top 53 bits in [0, 1).
func peersUniform(_ stream: UInt64, _ i: Int) -> Double {
  var z = ((stream << 32) | UInt64(i)) &+ 0x9E37_79B9_7F4A_7C15
  z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
  z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
  return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
}

/// Irwin–Hall(12) − 6, summed strictly left to right.
func peersNormal(_ stream: UInt64, _ i: Int) -> Double {
  var total = 0.0
  for k in 0..<12 { total += peersUniform(stream, 12 * i + k) }
  return total - 6
}

/// PEERS.md's timing protocol: one warm-up call, then calls for about 2 s, at least 5 and at
/// most 200; the median and the minimum.
func peersTimed(_ body: () -> Void) -> (median: Double, minimum: Double, first: Double) {
  let clock = ContinuousClock()
  func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
  let first = seconds(clock.measure(body))
  var times: [Double] = []
  let start = clock.now
  while times.count < 5 || (times.count < 200 && seconds(clock.now - start) < 2) {
    times.append(seconds(clock.measure(body)))
  }
  times.sort()
  return (times[times.count / 2], times[0], first)
}

func benchmarkPeers() {
  let threads = Parallelism.threadCount
  func report(
    _ workload: String, _ variant: String, _ time: (median: Double, minimum: Double, first: Double),
    _ checksum: [Double], extra: String = ""
  ) {
    let sums = checksum.map { String($0) }.joined(separator: ", ")
    print(
      "{\"workload\": \"\(workload)\", \"framework\": \"descent\", \"variant\": \"\(variant)\", "
        + "\"threads\": \"\(threads)\", \"median_s\": \(time.median), \"min_s\": \(time.minimum), "
        + "\"first_call_s\": \(time.first), \"checksum\": [\(sums)]\(extra)}")
    fflush(nil)
  }

  // W1 linreg_grad: N = 10⁶, by arrays, at (m, b) = (0.5, −1).
  do {
    let count = 1_000_000
    var xs = [Double](repeating: 0, count: count)
    var ys = xs
    for i in 0..<count {
      let t = Double(i) * 0.6180339887498949
      let x = 10.0 * (t - t.rounded(.down))
      xs[i] = x
      ys[i] = (3.0 * x + 2.0) + peersNormal(1, i)
    }
    let x = VariableVector(constant: xs)
    let y = VariableVector(constant: ys)
    var gradient = [0.0, 0.0]
    var value = 0.0
    let time = peersTimed {
      value = valueWithGradient(at: [0.5, -1], into: &gradient) { p in
        mean(pow(VariableVector(p[0]) * x + VariableVector(p[1]) - y, 2))
      }
    }
    report("linreg_grad", "array", time, [value] + gradient)
  }

  // W2 rosenbrock_grad: n = 10 000 at x_i = 0.5 + 0.001 i, by arrays.
  do {
    let x = (0..<10_000).map { 0.5 + 0.001 * Double($0) }
    var gradient = [Double](repeating: 0, count: x.count)
    var value = 0.0
    let time = peersTimed {
      value = VariableVector.valueWithGradient(at: x, into: &gradient, of: rosenbrockOfVector)
    }
    report(
      "rosenbrock_grad", "array", time, [value, gradient[0], gradient[1], gradient.reduce(0, +)])
  }

  // W3 mlp_grad: the 2-16-16-1 network on 1000 points, parameters 0.5 · N(3, k).
  do {
    var inputs = [Double](repeating: 0, count: 2000)
    var targets = [Double](repeating: 0, count: 1000)
    for j in 0..<1000 {
      inputs[2 * j] = 4.0 * peersUniform(2, 2 * j) - 2.0
      inputs[2 * j + 1] = 4.0 * peersUniform(2, 2 * j + 1) - 2.0
      targets[j] = sin(inputs[2 * j]) * cos(inputs[2 * j + 1])
    }
    let parameters = (0..<PerceptronData.parameterCount).map { 0.5 * peersNormal(3, $0) }
    let x = VariableMatrix(constant: inputs, rows: 1000, columns: 2)
    let t = VariableVector(constant: targets)
    var gradient = [Double](repeating: 0, count: parameters.count)
    var value = 0.0
    let time = peersTimed {
      value = VariableVector.valueWithGradient(at: parameters, into: &gradient) { p in
        perceptron(p, inputs: x, targets: t)
      }
    }
    report("mlp_grad", "array", time, [value, gradient[0], gradient[1], gradient.reduce(0, +)])
  }

  // mlp_wide, both precisions (WideNetwork.swift's data, the same formulas as peers.py).
  func wide<T: BinaryFloatingPoint & RealScalar>(_: T.Type, _ variant: String) {
    let data = WideNetworkData<T>()
    let inputs = VariableMatrix(constant: data.inputs, rows: 256, columns: 784)
    let targets = VariableMatrix(constant: data.targets, rows: 256, columns: 10)
    var gradient = [T](repeating: 0, count: WideNetworkData<T>.parameterCount)
    var value: T = 0
    let time = peersTimed {
      value = VariableVector.valueWithGradient(at: data.parameters, into: &gradient) { p in
        wideNetwork(p, inputs: inputs, targets: targets)
      }
    }
    let gflops = WideNetworkData<T>.floatingPointOperations / time.median / 1e9
    report(
      "mlp_wide", variant, time, [Double(value), Double(gradient.reduce(0, +))],
      extra: ", \"gflops\": \(gflops)")
  }
  wide(Double.self, "array")
  wide(Float.self, "array_float")
}
