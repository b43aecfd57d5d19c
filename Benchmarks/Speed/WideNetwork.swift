import AutoDiff

// mlp_wide: value and gradient of a 784-256-256-10 tanh network (linear output) on a batch of
// 256, mean squared error over the 256 × 10 outputs: the size of a real network, where the
// matrix products are the work (about 413 million floating-point operations per call, counting
// the backward products the way the peers' frameworks do). The reference is a hand-written
// batched backpropagation in Swift; the peers script times JAX, PyTorch and NumPy on the same
// data.
//
// Data (the same formulas in Benchmarks/Peers/peers.py): U(s, i) = peersUniform(s, i), the
// SplitMix64 generator of PEERS.md; inputs X[r, c] = U(4, 784 r + c) − ½, targets T[r, o] = U(5, 10 r + o) − ½,
// parameters p_k = (U(6, k) − ½) / 10, in the flat layout W₁ 784 × 256 (row = input), b₁ 256,
// W₂ 256 × 256, b₂ 256, W₃ 256 × 10, b₃ 10.

struct WideNetworkData<T: BinaryFloatingPoint & RealScalar> {
  static var batch: Int { 256 }
  static var widths: [Int] { [784, 256, 256, 10] }
  static var parameterCount: Int { 784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10 }
  /// Multiply-adds of the forward products, times two (forward) and times three (forward and
  /// the two backward products of each layer): the count JAX's cost analysis gives.
  static var floatingPointOperations: Double { 2 * 3 * 256 * (784 * 256 + 256 * 256 + 256 * 10) }

  let inputs: [T]
  let targets: [T]
  let parameters: [T]

  init() {
    inputs = (0..<(Self.batch * 784)).map { T(peersUniform(4, $0) - 0.5) }
    targets = (0..<(Self.batch * 10)).map { T(peersUniform(5, $0) - 0.5) }
    parameters = (0..<Self.parameterCount).map { T((peersUniform(6, $0) - 0.5) / 10) }
  }
}

/// C (m × n) = A (m × k) B (k × n), or C += … when `accumulate`, all row-major: the loop order
/// (i, p, j) a Swift programmer writes so that the inner loop runs along rows and vectorizes.
@inline(__always)
private func product<T: BinaryFloatingPoint>(
  _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
  m: Int, k: Int, n: Int, transposeA: Bool = false, transposeB: Bool = false
) {
  c.update(repeating: 0, count: m * n)
  for i in 0..<m {
    let row = c + i * n
    for p in 0..<k {
      let x = transposeA ? a[p * m + i] : a[i * k + p]
      if transposeB {
        for j in 0..<n { row[j] += x * b[j * k + p] }
      } else {
        let bRow = b + p * n
        for j in 0..<n { row[j] += x * bRow[j] }
      }
    }
  }
}

/// Loss and gradient by batched backpropagation written by hand: the reference.
func wideNetworkByHand<T: BinaryFloatingPoint & RealScalar>(
  _ parameters: [T], inputs: [T], targets: [T], gradient: inout [T]
) -> T {
  let batch = WideNetworkData<T>.batch
  let (n0, n1, n2, n3) = (784, 256, 256, 10)
  let (w1, b1) = (0, n0 * n1)
  let (w2, b2) = (b1 + n1, b1 + n1 + n1 * n2)
  let (w3, b3) = (b2 + n2, b2 + n2 + n2 * n3)
  var h1 = [T](repeating: 0, count: batch * n1)
  var h2 = [T](repeating: 0, count: batch * n2)
  var out = [T](repeating: 0, count: batch * n3)
  var d1 = [T](repeating: 0, count: batch * n1)
  var d2 = [T](repeating: 0, count: batch * n2)
  var loss: T = 0
  parameters.withUnsafeBufferPointer { p in
    gradient.withUnsafeMutableBufferPointer { g in
      inputs.withUnsafeBufferPointer { x in
        h1.withUnsafeMutableBufferPointer { h1 in
          h2.withUnsafeMutableBufferPointer { h2 in
            out.withUnsafeMutableBufferPointer { out in
              d1.withUnsafeMutableBufferPointer { d1 in
                d2.withUnsafeMutableBufferPointer { d2 in
                  let p = p.baseAddress!, g = g.baseAddress!, x = x.baseAddress!
                  let h1 = h1.baseAddress!, h2 = h2.baseAddress!, out = out.baseAddress!
                  let d1 = d1.baseAddress!, d2 = d2.baseAddress!
                  // Forward.
                  product(x, p + w1, h1, m: batch, k: n0, n: n1)
                  for r in 0..<batch {
                    for j in 0..<n1 { h1[r * n1 + j] = tanh(h1[r * n1 + j] + p[b1 + j]) }
                  }
                  product(h1, p + w2, h2, m: batch, k: n1, n: n2)
                  for r in 0..<batch {
                    for j in 0..<n2 { h2[r * n2 + j] = tanh(h2[r * n2 + j] + p[b2 + j]) }
                  }
                  product(h2, p + w3, out, m: batch, k: n2, n: n3)
                  let scale = 2 / T(batch * n3)
                  for r in 0..<batch {
                    for j in 0..<n3 {
                      let residual = out[r * n3 + j] + p[b3 + j] - targets[r * n3 + j]
                      loss += residual * residual
                      out[r * n3 + j] = scale * residual  // now ∂L/∂out
                    }
                  }
                  // Backward: ∂W = layerᵀ δ, ∂b = Σ rows of δ, δ_prev = (δ Wᵀ) ⊙ (1 − h²).
                  product(h2, out, g + w3, m: n2, k: batch, n: n3, transposeA: true)
                  for j in 0..<n3 { g[b3 + j] = 0 }
                  for r in 0..<batch { for j in 0..<n3 { g[b3 + j] += out[r * n3 + j] } }
                  product(out, p + w3, d2, m: batch, k: n3, n: n2, transposeB: true)
                  for e in 0..<(batch * n2) { d2[e] *= 1 - h2[e] * h2[e] }
                  product(h1, d2, g + w2, m: n1, k: batch, n: n2, transposeA: true)
                  for j in 0..<n2 { g[b2 + j] = 0 }
                  for r in 0..<batch { for j in 0..<n2 { g[b2 + j] += d2[r * n2 + j] } }
                  product(d2, p + w2, d1, m: batch, k: n2, n: n1, transposeB: true)
                  for e in 0..<(batch * n1) { d1[e] *= 1 - h1[e] * h1[e] }
                  product(x, d1, g + w1, m: n0, k: batch, n: n1, transposeA: true)
                  for j in 0..<n1 { g[b1 + j] = 0 }
                  for r in 0..<batch { for j in 0..<n1 { g[b1 + j] += d1[r * n1 + j] } }
                }
              }
            }
          }
        }
      }
    }
  }
  return loss / T(batch * n3)
}

/// The same network with Descent's array operations.
func wideNetwork<T>(
  _ parameters: VariableVector<T>, inputs: VariableMatrix<T>, targets: VariableMatrix<T>
) -> Variable<T> {
  let (n0, n1, n2, n3) = (784, 256, 256, 10)
  var offset = 0
  func next(_ rows: Int, _ columns: Int) -> VariableMatrix<T> {
    defer { offset += rows * columns }
    return parameters[offset..<(offset + rows * columns)].reshaped(rows: rows, columns: columns)
  }
  let w1 = next(n0, n1), b1 = next(1, n1)
  let w2 = next(n1, n2), b2 = next(1, n2)
  let w3 = next(n2, n3), b3 = next(1, n3)
  let layer1 = tanh(matmul(inputs, w1) + b1)
  let layer2 = tanh(matmul(layer1, w2) + b2)
  return mean(pow(matmul(layer2, w3) + b3 - targets, 2))
}

func benchmarkWideNetwork() {
  // One thread, as the hand-written reference; the `parallel` group times all cores.
  let saved = Parallelism.threadCount
  Parallelism.threadCount = 1
  defer { Parallelism.threadCount = saved }
  measureWideNetwork(Double.self, suffix: "")
  measureWideNetwork(Float.self, suffix: "_float")
}

func measureWideNetwork<T: BinaryFloatingPoint & RealScalar>(_: T.Type, suffix: String) {
  let data = WideNetworkData<T>()
  let batch = WideNetworkData<T>.batch
  let inputs = VariableMatrix(constant: data.inputs, rows: batch, columns: 784)
  let targets = VariableMatrix(constant: data.targets, rows: batch, columns: 10)
  var handGradient = [T](repeating: 0, count: WideNetworkData<T>.parameterCount)
  var gradient = handGradient
  var handValue: T = 0
  var value: T = 0
  let (hand, array) = medianSecondsInterleaved(
    samples: 9, minimumSampleTime: 0.05,
    {
      handValue = wideNetworkByHand(
        data.parameters, inputs: data.inputs, targets: data.targets, gradient: &handGradient)
    },
    {
      value = VariableVector.valueWithGradient(at: data.parameters, into: &gradient) { p in
        wideNetwork(p, inputs: inputs, targets: targets)
      }
    })
  sink += Double(handValue + value)
  let flops = WideNetworkData<T>.floatingPointOperations
  Measurement(
    workload: "mlp_wide", variant: "hand" + suffix, medianSeconds: hand,
    fields: [("gflops", flops / hand / 1e9)]
  ).print()
  Measurement(
    workload: "mlp_wide", variant: "array" + suffix, medianSeconds: array,
    fields: [
      ("ratio_to_hand", ratio(array, hand)), ("gflops", flops / array / 1e9),
      ("kernels", arrayKernelImplementation.rawValue), ("threads", Parallelism.threadCount),
      ("loss", Double(value)), ("gradient_sum", Double(gradient.reduce(0, +))),
      (
        "max_relative_error_vs_hand",
        maximumRelativeError(gradient.map { Double($0) }, handGradient.map { Double($0) })
      ),
    ]
  ).print()
}
