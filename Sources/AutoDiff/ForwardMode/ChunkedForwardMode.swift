// Forward mode over chunks of directions: the cost is evaluated on `MultiDual<T, N>` inputs
// seeded with N unit vectors at a time, ⌈n / N⌉ evaluations for n inputs, as ForwardDiff.jl's
// `Chunk{N}` does. `MultiDual` applies no zero-tangent rule, so every derivative that comes out
// NaN is computed again along its own direction with `Dual`, which does (see `MultiDual`).

// MARK: - Gradients

/// ∇f(x) in forward mode, N partial derivatives per evaluation.
@usableFromInline
struct ChunkedForwardGradient<F: DifferentiableFunction, Scalar: RealScalar>: _ChunkedComputation {
  @usableFromInline let function: F
  @usableFromInline let point: [Scalar]
  @usableFromInline var gradient: [Scalar]

  @inlinable
  init(function: F, point: [Scalar], gradient: [Scalar]) {
    self.function = function
    self.point = point
    self.gradient = gradient
  }

  /// Evaluates f on inputs xᵢ + εᵢ₋ₛ for each chunk s ..< s + N and reads ∂f/∂xᵢ from tangent
  /// i − s; returns f(x).
  @inlinable
  mutating func run<let N: Int>(_ chunk: MultiDual<Scalar, N>.Type) throws(F.Failure) -> Scalar {
    let n = point.count
    var inputs = point.map { MultiDual<Scalar, N>(constant: $0) }
    var value: Scalar = 0
    var start = 0
    repeat {
      let end = Swift.min(start + N, n)
      for i in start..<end { inputs[i].tangents[i - start] = 1 }
      let output = try function(inputs)
      for i in start..<end {
        gradient[i] = output.tangents[i - start]
        inputs[i].tangents[i - start] = 0
      }
      value = output.value
      start = end
    } while start < n
    try recomputeNaNPartials(of: function, at: point, in: &gradient)
    return value
  }
}

/// Computes again, with ``Dual`` along eᵢ, every ∂f/∂xᵢ of `gradient` that is NaN: the
/// zero-tangent rule of <doc:Conventions>, which ``MultiDual`` leaves to its callers.
@inlinable
func recomputeNaNPartials<F: DifferentiableFunction, T: RealScalar>(
  of f: F, at x: [T], in gradient: inout [T]
) throws(F.Failure) {
  guard gradient.contains(where: { $0 != $0 }) else { return }
  var inputs = x.map { Dual($0, tangent: 0) }
  for i in gradient.indices where gradient[i] != gradient[i] {
    inputs[i].tangent = 1
    gradient[i] = try f(inputs).tangent
    inputs[i].tangent = 0
  }
}

// MARK: - Jacobians

/// The Jacobian of f: ℝⁿ → ℝᵐ in forward mode, N columns per evaluation.
@usableFromInline
struct ChunkedForwardJacobian<F: DifferentiableVectorFunction, Scalar: RealScalar>:
  _ChunkedComputation
{
  @usableFromInline let function: F
  @usableFromInline let point: [Scalar]

  @inlinable
  init(function: F, point: [Scalar]) {
    self.function = function
    self.point = point
  }

  /// Evaluates f on inputs seeded with eₛ … e_{s+N−1} for each chunk and reads column s + k from
  /// tangent k of every output; returns f(x) and J (m rows of n).
  @inlinable
  mutating func run<let N: Int>(_ chunk: MultiDual<Scalar, N>.Type) throws(F.Failure)
    -> (value: [Scalar], jacobian: [[Scalar]])
  {
    let n = point.count
    var inputs = point.map { MultiDual<Scalar, N>(constant: $0) }
    var value: [Scalar] = []
    var jacobian: [[Scalar]] = []
    var start = 0
    repeat {
      let end = Swift.min(start + N, n)
      for j in start..<end { inputs[j].tangents[j - start] = 1 }
      let outputs = try function(inputs)
      if start == 0 {
        value = outputs.map(\.value)
        jacobian = [[Scalar]](repeating: [Scalar](repeating: 0, count: n), count: outputs.count)
      }
      precondition(
        outputs.count == jacobian.count,
        "The function returned \(outputs.count) outputs in one evaluation and "
          + "\(jacobian.count) in another; a function differentiated by chunks must return "
          + "as many outputs whatever the values of its inputs.")
      for i in outputs.indices {
        for j in start..<end { jacobian[i][j] = outputs[i].tangents[j - start] }
      }
      for j in start..<end { inputs[j].tangents[j - start] = 0 }
      start = end
    } while start < n
    try recomputeNaNColumns(of: function, at: point, in: &jacobian)
    return (value, jacobian)
  }
}

/// Computes again, with ``Dual`` along eⱼ, every column j of `jacobian` that holds a NaN.
@inlinable
func recomputeNaNColumns<F: DifferentiableVectorFunction, T: RealScalar>(
  of f: F, at x: [T], in jacobian: inout [[T]]
) throws(F.Failure) {
  var inputs: [Dual<T>] = []
  for j in x.indices where jacobian.contains(where: { $0[j] != $0[j] }) {
    if inputs.isEmpty { inputs = x.map { Dual($0, tangent: 0) } }
    inputs[j].tangent = 1
    let column = try f(inputs)
    for i in jacobian.indices { jacobian[i][j] = column[i].tangent }
    inputs[j].tangent = 0
  }
}
