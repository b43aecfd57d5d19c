import AutoDiff

// mlp_grad: a 2-16-16-1 tanh network on 1000 points (inputs uniform in [−2, 2]², targets
// sin(x₀)·cos(x₁)), mean squared error, gradient with respect to all 337 weights and biases.
// The reference is a hand-written backpropagation, point by point.
//
// Parameter layout (337): W₁ 2 × 16 (row = input), b₁ 16, W₂ 16 × 16 (row = unit of layer 1),
// b₂ 16, w₃ 16, b₃ 1.

struct PerceptronData {
  static let hidden = 16
  static let parameterCount = 2 * 16 + 16 + 16 * 16 + 16 + 16 + 1

  /// Inputs, point after point (x₀, x₁).
  let inputs: [Double]
  let targets: [Double]
  let parameters: [Double]

  init(points: Int, seed: UInt64 = 42) {
    var state = seed
    /// SplitMix64 (Steele, Lea & Flood, 2014), as a uniform number in [0, 1).
    func uniform() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) * 0x1p-53
    }
    let inputs = (0..<(2 * points)).map { _ in 4 * uniform() - 2 }
    self.inputs = inputs
    targets = (0..<points).map { n in sin(inputs[2 * n]) * cos(inputs[2 * n + 1]) }
    // Uniform in ±√(6 / (fan-in + fan-out)) (Glorot & Bengio, 2010) for weights, 0 for biases.
    func layer(_ fanIn: Int, _ fanOut: Int) -> [Double] {
      let limit = (6 / Double(fanIn + fanOut)).squareRoot()
      return (0..<(fanIn * fanOut)).map { _ in limit * (2 * uniform() - 1) }
    }
    let h = PerceptronData.hidden
    parameters =
      layer(2, h) + [Double](repeating: 0, count: h) + layer(h, h)
      + [Double](repeating: 0, count: h) + layer(h, 1) + [0]
  }
}

/// Loss and gradient by backpropagation, one point at a time: the reference.
func perceptronByHand<T: BinaryFloatingPoint & RealScalar>(
  _ parameters: [T], inputs: [T], targets: [T], gradient: inout [T]
) -> T {
  let h = PerceptronData.hidden
  let (w1, b1, w2, b2, w3, b3) = (0, 2 * h, 3 * h, 3 * h + h * h, 4 * h + h * h, 5 * h + h * h)
  let n = targets.count
  var loss: T = 0
  var layer1 = [T](repeating: 0, count: h)
  var layer2 = [T](repeating: 0, count: h)
  var delta1 = [T](repeating: 0, count: h)
  var delta2 = [T](repeating: 0, count: h)
  parameters.withUnsafeBufferPointer { p in
    gradient.withUnsafeMutableBufferPointer { g in
      inputs.withUnsafeBufferPointer { x in
        targets.withUnsafeBufferPointer { y in
          layer1.withUnsafeMutableBufferPointer { a1 in
            layer2.withUnsafeMutableBufferPointer { a2 in
              delta1.withUnsafeMutableBufferPointer { d1 in
                delta2.withUnsafeMutableBufferPointer { d2 in
                  g.update(repeating: 0)
                  for point in 0..<n {
                    let x0 = x[2 * point]
                    let x1 = x[2 * point + 1]
                    // Forward.
                    for j in 0..<h {
                      a1[j] = tanh(x0 * p[w1 + j] + x1 * p[w1 + h + j] + p[b1 + j])
                    }
                    for j in 0..<h {
                      var z = p[b2 + j]
                      for k in 0..<h { z += a1[k] * p[w2 + k * h + j] }
                      a2[j] = tanh(z)
                    }
                    var output = p[b3]
                    for k in 0..<h { output += a2[k] * p[w3 + k] }
                    let residual = output - y[point]
                    loss += residual * residual
                    // Backward: ∂loss/∂output = 2 r / n.
                    let dOutput = 2 * residual / T(n)
                    g[b3] += dOutput
                    for k in 0..<h {
                      g[w3 + k] += dOutput * a2[k]
                      let slope: T = 1 - a2[k] * a2[k]
                      d2[k] = dOutput * p[w3 + k] * slope
                    }
                    for k in 0..<h {
                      var s: T = 0
                      for j in 0..<h {
                        g[w2 + k * h + j] += a1[k] * d2[j]
                        s += p[w2 + k * h + j] * d2[j]
                      }
                      d1[k] = s * (1 - a1[k] * a1[k])
                    }
                    for j in 0..<h {
                      g[b2 + j] += d2[j]
                      g[b1 + j] += d1[j]
                      g[w1 + j] += x0 * d1[j]
                      g[w1 + h + j] += x1 * d1[j]
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }
  return loss / T(n)
}

/// The same network with array operations: a whole batch per layer.
func perceptron<T>(
  _ parameters: VariableVector<T>, inputs: VariableMatrix<T>, targets: VariableVector<T>
) -> Variable<T> {
  let h = PerceptronData.hidden
  let w1 = parameters[0..<(2 * h)].reshaped(rows: 2, columns: h)
  let b1 = parameters[(2 * h)..<(3 * h)].reshaped(rows: 1, columns: h)
  let w2 = parameters[(3 * h)..<(3 * h + h * h)].reshaped(rows: h, columns: h)
  let b2 = parameters[(3 * h + h * h)..<(4 * h + h * h)].reshaped(rows: 1, columns: h)
  let w3 = parameters[(4 * h + h * h)..<(5 * h + h * h)]
  let b3 = parameters[(5 * h + h * h)...]
  let layer1 = tanh(matmul(inputs, w1) + b1)
  let layer2 = tanh(matmul(layer1, w2) + b2)
  return mean(pow(matmul(layer2, w3) + b3 - targets, 2))
}

func benchmarkPerceptron() {
  measurePerceptron(Double.self, variant: "array")
  // The same workload in single precision, reference and all: the precision PyTorch and JAX
  // default to, in which the vector instructions hold four numbers instead of two.
  measurePerceptron(Float.self, variant: "array_float")
}

func measurePerceptron<T: BinaryFloatingPoint & RealScalar>(_: T.Type, variant: String) {
  let data = PerceptronData(points: 1000)
  let inputValues = data.inputs.map { T($0) }
  let targetValues = data.targets.map { T($0) }
  let parameters = data.parameters.map { T($0) }
  let inputs = VariableMatrix(constant: inputValues, rows: 1000, columns: 2)
  let targets = VariableVector(constant: targetValues)
  var handGradient = [T](repeating: 0, count: PerceptronData.parameterCount)
  var gradient = [T](repeating: 0, count: PerceptronData.parameterCount)
  let (hand, array) = medianSecondsInterleaved(
    samples: 11,
    {
      sink += Double(
        perceptronByHand(
          parameters, inputs: inputValues, targets: targetValues, gradient: &handGradient))
    },
    {
      sink += Double(
        VariableVector.valueWithGradient(at: parameters, into: &gradient) { p in
          perceptron(p, inputs: inputs, targets: targets)
        })
    })
  Measurement(
    workload: "mlp_grad", variant: variant == "array" ? "hand" : "hand_float", medianSeconds: hand
  ).print()
  Measurement(
    workload: "mlp_grad", variant: variant, medianSeconds: array,
    fields: [
      ("ratio_to_hand", ratio(array, hand)), ("target_ratio_to_hand", 0.25),
      ("kernels", arrayKernelImplementation.rawValue),
      ("met", array / hand <= 0.25),
      (
        "max_relative_error_vs_hand",
        maximumRelativeError(gradient.map { Double($0) }, handGradient.map { Double($0) })
      ),
    ]
  ).print()
}
