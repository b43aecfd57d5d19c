// The reverse-mode entry points. Each lends a tape for the duration of the call, records the
// closure's operations on it, runs one backward sweep per output, and returns plain numbers:
// nothing of the tape escapes the call.

// MARK: - Plumbing

/// Runs `body` with a tape lent for its duration.
@inlinable
func withTape<T: RealScalar, R>(
  _: T.Type, _ body: (UnsafeMutablePointer<TapeStorage<T>>) throws -> R
) rethrows -> R {
  let tape = borrowTape(T.self)
  defer { returnTape(tape) }
  return try body(tape)
}

/// Records each element of `x` as an input; input `i` lives in slot `i + 1`.
@inlinable
func recordInputs<T: RealScalar>(_ x: [T], on tape: UnsafeMutablePointer<TapeStorage<T>>)
  -> [Variable<T>]
{
  let generation = tape.pointee.generation
  return x.map { value in
    Variable(value, slot: tape.pointee.record(0, 0, 0, 0), generation: generation, tape: tape)
  }
}

/// Sweeps backward from `output` and leaves ∂output/∂xᵢ in `adjoints[i + 1]`. Returns `false`
/// when `output` is a constant (every derivative is zero). With `inputsNamed` false, no entry
/// names an input, and the inputs' adjoints are neither zeroed nor written (see
/// `TapeStorage.backward(from:downTo:slotsBelowNamed:)`).
@inlinable
func sweep<T: RealScalar>(
  from output: Variable<T>, on tape: UnsafeMutablePointer<TapeStorage<T>>, inputCount: Int,
  inputsNamed: Bool = true
) -> Bool {
  guard output.tape != nil else { return false }
  checkBelongs(output, to: tape)
  tape.pointee.backward(from: output.slot, downTo: inputCount + 1, slotsBelowNamed: inputsNamed)
  return true
}

/// Stops if `output` was recorded on another tape than `tape`, or in an earlier call.
@inlinable
func checkBelongs<T: RealScalar>(
  _ output: Variable<T>, to tape: UnsafeMutablePointer<TapeStorage<T>>
) {
  guard let outputTape = output.tape else { return }
  if _slowPath(outputTape != tape || output.generation != tape.pointee.generation) {
    if output.generation != outputTape.pointee.generation { Variable<T>.usedAfterReturn() }
    Variable<T>.mixedTapes()
  }
}

/// Sweeps backward once from all `outputs`, output i seeded with `weights[i]`, and leaves
/// Σᵢ weightsᵢ ∂outputᵢ/∂xⱼ in `adjoints[j + 1]`. Returns `false` when every output is a constant.
@inlinable
func sweep<T: RealScalar>(
  from outputs: [Variable<T>], weightedBy weights: [T],
  on tape: UnsafeMutablePointer<TapeStorage<T>>, inputCount: Int
) -> Bool {
  var top = -1
  for output in outputs where output.tape != nil {
    checkBelongs(output, to: tape)
    top = Swift.max(top, Int(output.slot))
  }
  guard top >= 0 else { return false }
  tape.pointee.zeroAdjoints()
  for (output, weight) in zip(outputs, weights) where output.tape != nil {
    tape.pointee.adjoints[Int(output.slot)] += weight
  }
  tape.pointee.propagate(from: top, downTo: inputCount + 1)
  return true
}

/// Copies the input adjoints after a sweep into `gradient`, or zeros for a constant output.
@inlinable
func copyGradient<T: RealScalar>(
  from tape: UnsafeMutablePointer<TapeStorage<T>>, swept: Bool, into gradient: inout [T]
) {
  let n = gradient.count
  gradient.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    if swept {
      base.update(from: tape.pointee.adjoints + 1, count: n)
    } else {
      base.update(repeating: 0, count: n)
    }
  }
}

// MARK: - Gradients of f: ℝⁿ → ℝ

/// The value and the gradient of `f` at `x`, in reverse mode.
///
/// ```
/// ∇f(x) = (∂f/∂x₀, …, ∂f/∂xₙ₋₁)
/// ```
///
/// `f` receives one tracked ``Variable`` per element of `x` and may use any Swift: loops,
/// branches, helper functions. Its operations are recorded on a tape, and one backward sweep
/// gives every partial derivative.
///
/// ```swift
/// let (value, gradient) = valueWithGradient(at: [1.0, 2.0]) { x in
///   x[0] * x[0] * x[1] + sin(x[1])
/// }
/// // value == 2 + sin 2, gradient == [4, 1 + cos 2]
/// ```
///
/// - Parameters:
///   - x: The point.
///   - f: The function, returning a value computed from its argument (or a constant, whose
///     gradient is zero).
/// - Returns: f(x) and ∇f(x).
/// - Complexity: O(k) time and memory for a function of k operations, about 3 to 5 times one
///   evaluation; no allocation besides the result once the tape has grown to size k.
@inlinable
public func valueWithGradient<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> Variable<T>
) rethrows -> (value: T, gradient: [T]) {
  var gradient = [T](repeating: 0, count: x.count)
  let value = try valueWithGradient(at: x, into: &gradient, of: f)
  return (value, gradient)
}

/// The value of `f` at `x`, writing the gradient ∇f(x) into an existing array.
///
/// The form an optimizer loop calls: after the first call nothing is allocated for the gradient.
/// `gradient` is resized to `x.count` if its length differs.
///
/// - Parameters:
///   - x: The point.
///   - gradient: Receives ∂f/∂xᵢ in element `i`.
///   - f: The function.
/// - Returns: f(x).
@inlinable
public func valueWithGradient<T: RealScalar>(
  at x: [T], into gradient: inout [T], of f: ([Variable<T>]) throws -> Variable<T>
) rethrows -> T {
  if gradient.count != x.count { gradient = [T](repeating: 0, count: x.count) }
  return try withTape(T.self) { tape in
    let output = try f(recordInputs(x, on: tape))
    let swept = sweep(from: output, on: tape, inputCount: x.count)
    copyGradient(from: tape, swept: swept, into: &gradient)
    return output.value
  }
}

/// The value f(x) of a cost written over tracked variables, without derivatives: for
/// predictions, validation metrics and reports.
///
/// ```swift
/// let loss = value(at: trained.minimizer) { p in crossEntropy(logits: network(p, x), labels: y) }
/// ```
///
/// The inputs enter as constants (``Variable/init(constant:)``), which are never recorded: no
/// tape is used, whatever thread calls it, and operations on arrays of constants
/// (``VariableMatrix``, ``VariableVector``) compute their values at once. It is the same cost
/// function as the one differentiated, so a prediction cannot drift from what was trained.
///
/// - Parameters:
///   - x: The point.
///   - f: The function, as given to ``valueWithGradient(at:into:of:)``.
/// - Returns: f(x).
/// - Complexity: One evaluation of `f`; each array operation allocates its result.
@inlinable
public func value<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> Variable<T>
) rethrows -> T {
  try f(x.map { Variable(constant: $0) }).value
}

/// The values of a function written over arrays, without derivatives: predictions.
///
/// ```swift
/// let scores = value(at: trained.minimizer) { p in network(p, testFeatures) }  // [Double]
/// ```
///
/// As ``value(at:of:)-(_,([Variable<T>])->Variable<T>)``, for a function whose result is a
/// matrix; its elements come back row after row.
@inlinable
public func value<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> VariableMatrix<T>
) rethrows -> [T] {
  try f(x.map { Variable(constant: $0) }).values
}

/// The gradient ∇f(x) = (∂f/∂x₀, …, ∂f/∂xₙ₋₁), in reverse mode.
///
/// ```swift
/// func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
///   let a = 1 - x[0], b = x[1] - x[0] * x[0]
///   return a * a + 100 * b * b
/// }
/// gradient(at: [1.0, 1.0], of: rosenbrock)  // [0.0, 0.0]
/// ```
///
/// - Parameters:
///   - x: The point.
///   - f: The function; see ``valueWithGradient(at:of:)-(_,([Variable<T>])->Variable<T>)``.
/// - Returns: ∇f(x), one partial derivative per element of `x`.
@inlinable
public func gradient<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> Variable<T>
) rethrows -> [T] {
  try valueWithGradient(at: x, of: f).gradient
}

/// The value and the derivative f′(x) of a function of one variable, in reverse mode.
///
/// For one input, forward mode (``valueWithDerivative(at:of:)``) is cheaper; this form exists so
/// that a cost written for reverse mode can be checked at a scalar point.
///
/// - Returns: f(x) and f′(x).
@inlinable
public func valueWithGradient<T: RealScalar>(
  at x: T, of f: (Variable<T>) throws -> Variable<T>
) rethrows -> (value: T, gradient: T) {
  let (value, gradient) = try valueWithGradient(at: [x]) { try f($0[0]) }
  return (value, gradient[0])
}

/// The derivative f′(x) of a function of one variable, in reverse mode.
///
/// ```swift
/// gradient(at: 2.0) { x in x * x * x }  // 12.0
/// ```
@inlinable
public func gradient<T: RealScalar>(at x: T, of f: (Variable<T>) throws -> Variable<T>) rethrows
  -> T
{
  try valueWithGradient(at: x, of: f).gradient
}

// MARK: - Jacobians of f: ℝⁿ → ℝᵐ

/// The values and the Jacobian of `f` at `x`, in reverse mode.
///
/// ```
/// J[i][j] = ∂fᵢ/∂xⱼ      (m rows, n columns)
/// ```
///
/// The function is recorded once; each row is one backward sweep over the same tape, so the cost
/// is one evaluation plus m sweeps. For m much larger than n, forward mode
/// (``directionalDerivative(at:along:of:)-(_,_,([Dual<T>])->[Dual<T>])``, once per column) is
/// cheaper.
///
/// - Returns: f(x) (m values) and J (m rows of n partials).
@inlinable
public func valueWithJacobian<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> [Variable<T>]
) rethrows -> (value: [T], jacobian: [[T]]) {
  try withTape(T.self) { tape in
    let outputs = try f(recordInputs(x, on: tape))
    var row = [T](repeating: 0, count: x.count)
    var jacobian: [[T]] = []
    jacobian.reserveCapacity(outputs.count)
    for output in outputs {
      let swept = sweep(from: output, on: tape, inputCount: x.count)
      copyGradient(from: tape, swept: swept, into: &row)
      jacobian.append(row)
    }
    return (outputs.map(\.value), jacobian)
  }
}

/// The Jacobian J[i][j] = ∂fᵢ/∂xⱼ of `f` at `x`, in reverse mode (one sweep per output).
///
/// ```swift
/// jacobian(at: [1.0, 2.0]) { x in [x[0] * x[1], x[0] + x[1]] }
/// // [[2.0, 1.0], [1.0, 1.0]]
/// ```
@inlinable
public func jacobian<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> [Variable<T>]
) rethrows -> [[T]] {
  try valueWithJacobian(at: x, of: f).jacobian
}
