// The entry points that choose the mode: forward mode in chunks for few inputs, reverse mode for
// many (see `DifferentiationMode` and the article "Forward or reverse?"). They take the function
// as a `DifferentiableFunction`, whose generic `callAsFunction` can be instantiated at
// `MultiDual`, `Dual` and `Variable`; the closure-based entry points of ForwardMode.swift and
// ReverseMode.swift are unchanged.
//
// Each entry point here that shares its name and labels with a closure-based one is marked
// `@_disfavoredOverload`. A closure literal can never be a `DifferentiableFunction`, but the type
// checker learns that only after trying it: with the extra candidate, a closure call site inside
// `#expect(... == gradient(at: [0.3, 1.2]) { x in exp(x[0]) * sin(x[1]) })` took 118-154 ms to
// type-check instead of 65-81 ms. Disfavored, the candidate is skipped once the closure form has
// matched (56-70 ms), and it is still the only match for a `DifferentiableFunction` argument.

// MARK: - Gradients

/// The value of f at `x`, writing ∇f(x) into an existing array, in the mode `mode` picks.
///
/// ```
/// ∇f(x) = (∂f/∂x₀, …, ∂f/∂xₙ₋₁)
/// forward, chunk N:  ⌈n / N⌉ evaluations of f on MultiDual<T, N>, no tape
/// reverse:           one evaluation of f on Variable<T>, recorded, and one backward sweep
/// ```
///
/// The form an optimizer loop calls: after the first call nothing is allocated for the gradient,
/// and `gradient` is resized to `x.count` if its length differs. Both modes give the same
/// numbers up to rounding (the chain rule's products are summed in different orders).
///
/// - Parameters:
///   - x: The point.
///   - gradient: Receives ∂f/∂xᵢ in element `i`.
///   - mode: ``DifferentiationMode/automatic`` (the default) picks forward mode for at most
///     ``DifferentiationMode/forwardModeInputLimit`` inputs and reverse mode above;
///     ``DifferentiationMode/forward``, ``DifferentiationMode/forward(chunkSize:)`` and
///     ``DifferentiationMode/reverse`` override the choice.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: f(x).
/// - Throws: Only what `f` throws.
/// - Complexity: forward, ⌈n / N⌉ evaluations carrying N tangents each (measured at about one
///   plain evaluation per direction for N = 8); reverse, one recorded evaluation and one
///   sweep. See <doc:ForwardOrReverse>.
@inlinable @_disfavoredOverload
public func valueWithGradient<F: DifferentiableFunction, T: RealScalar>(
  at x: [T], into gradient: inout [T], mode: DifferentiationMode = .automatic, of f: F
) throws(F.Failure) -> T {
  if gradient.count != x.count { gradient = [T](repeating: 0, count: x.count) }
  let resolved = mode.resolved(inputCount: x.count)
  guard let chunkSize = resolved.chunkSize else {
    return try reverseValueWithGradient(at: x, into: &gradient, of: f)
  }
  var computation = ChunkedForwardGradient(function: f, point: x, gradient: [])
  swap(&computation.gradient, &gradient)
  defer { swap(&computation.gradient, &gradient) }
  return try withChunkSize(chunkSize, &computation)
}

/// The value and the gradient of f at `x`, in the mode `mode` picks.
///
/// ```swift
/// struct Rosenbrock: DifferentiableFunction {
///   func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
///     let a = 1 - x[0]
///     let b = x[1] - x[0] * x[0]
///     return a * a + 100 * b * b
///   }
/// }
/// let (value, g) = valueWithGradient(at: [-1.2, 1.0], of: Rosenbrock())
/// print(value, g)  // forward mode: one evaluation carrying 2 tangents
/// // 24.199999999999996 [-215.6, -87.99999999999999]
/// ```
///
/// - Parameters:
///   - x: The point.
///   - mode: How to differentiate; ``DifferentiationMode/automatic`` by default. See
///     ``valueWithGradient(at:into:mode:of:)``.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: f(x) and ∇f(x).
/// - Throws: Only what `f` throws.
@inlinable @_disfavoredOverload
public func valueWithGradient<F: DifferentiableFunction, T: RealScalar>(
  at x: [T], mode: DifferentiationMode = .automatic, of f: F
) throws(F.Failure) -> (value: T, gradient: [T]) {
  var gradient = [T](repeating: 0, count: x.count)
  let value = try valueWithGradient(at: x, into: &gradient, mode: mode, of: f)
  return (value, gradient)
}

/// The gradient ∇f(x) = (∂f/∂x₀, …, ∂f/∂xₙ₋₁), in the mode `mode` picks: by default forward mode
/// in chunks for few inputs, reverse mode for many.
///
/// ```swift
/// let f = Rosenbrock()                                            // a DifferentiableFunction
/// gradient(at: [-1.2, 1.0], of: f)                                // forward: 2 inputs
/// gradient(at: [Double](repeating: 0.5, count: 10_000), of: f)    // reverse: 10 000 inputs
/// try gradient(at: [-1.2, 1.0], mode: .forward(chunkSize: 1), of: f)  // 2 evaluations
/// ```
///
/// - Parameters:
///   - x: The point.
///   - mode: How to differentiate; ``DifferentiationMode/automatic`` by default. See
///     ``valueWithGradient(at:into:mode:of:)``.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: ∇f(x), one partial derivative per element of `x`.
/// - Throws: Only what `f` throws.
@inlinable @_disfavoredOverload
public func gradient<F: DifferentiableFunction, T: RealScalar>(
  at x: [T], mode: DifferentiationMode = .automatic, of f: F
) throws(F.Failure) -> [T] {
  try valueWithGradient(at: x, mode: mode, of: f).gradient
}

/// Reverse mode for a ``DifferentiableFunction``: the body of
/// ``valueWithGradient(at:into:of:)``, with `f`'s typed error.
@inlinable
func reverseValueWithGradient<F: DifferentiableFunction, T: RealScalar>(
  at x: [T], into gradient: inout [T], of f: F
) throws(F.Failure) -> T {
  let tape = borrowTape(T.self)
  defer { returnTape(tape) }
  let output = try f(recordInputs(x, on: tape))
  let swept = sweep(from: output, on: tape, inputCount: x.count)
  copyGradient(from: tape, swept: swept, into: &gradient)
  return output.value
}

// MARK: - Jacobians

/// The values and the Jacobian of f: ℝⁿ → ℝᵐ at `x`, in the mode `mode` picks.
///
/// ```
/// J[i][j] = ∂fᵢ/∂xⱼ      (m rows, n columns)
/// forward, chunk N:  ⌈n / N⌉ evaluations, N columns each
/// reverse:           one recorded evaluation and m backward sweeps, one row each
/// ```
///
/// ``DifferentiationMode/automatic`` picks forward mode when n ≤ m (a tall or square Jacobian,
/// where columns are the cheaper unit) or n ≤ ``DifferentiationMode/forwardModeInputLimit``,
/// and reverse mode for a wide Jacobian of many inputs.
///
/// - Parameters:
///   - x: The point.
///   - mode: How to differentiate; ``DifferentiationMode/automatic`` by default.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: f(x) (m values) and J (m rows of n partials).
/// - Throws: Only what `f` throws.
@inlinable @_disfavoredOverload
public func valueWithJacobian<F: DifferentiableVectorFunction, T: RealScalar>(
  at x: [T], mode: DifferentiationMode = .automatic, of f: F
) throws(F.Failure) -> (value: [T], jacobian: [[T]]) {
  var resolved = mode.resolved(inputCount: x.count)
  if mode == .automatic && resolved == .reverse {
    // Only the output count decides between the two; it is known after one evaluation.
    let outputCount = try f(x).count
    if x.count <= outputCount {
      resolved = DifferentiationMode.forward.resolved(inputCount: x.count)
    }
  }
  guard let chunkSize = resolved.chunkSize else {
    return try reverseValueWithJacobian(at: x, of: f)
  }
  var computation = ChunkedForwardJacobian(function: f, point: x)
  return try withChunkSize(chunkSize, &computation)
}

/// The Jacobian J[i][j] = ∂fᵢ/∂xⱼ of f: ℝⁿ → ℝᵐ at `x`, in the mode `mode` picks.
///
/// ```swift
/// struct Polar: DifferentiableVectorFunction {
///   func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
///     [hypot(p[0], p[1]), atan2(p[1], p[0])]
///   }
/// }
/// jacobian(at: [3.0, 4.0], of: Polar())                    // [[0.6, 0.8], [-0.16, 0.12]]
/// jacobian(at: [3.0, 4.0], mode: .reverse, of: Polar())    // the same, one row per sweep
/// ```
///
/// - Parameters:
///   - x: The point.
///   - mode: How to differentiate; ``DifferentiationMode/automatic`` by default. See
///     ``valueWithJacobian(at:mode:of:)``.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: J, m rows of n partial derivatives.
/// - Throws: Only what `f` throws.
@inlinable @_disfavoredOverload
public func jacobian<F: DifferentiableVectorFunction, T: RealScalar>(
  at x: [T], mode: DifferentiationMode = .automatic, of f: F
) throws(F.Failure) -> [[T]] {
  try valueWithJacobian(at: x, mode: mode, of: f).jacobian
}

/// Reverse mode for a ``DifferentiableVectorFunction``: one recording, one sweep per output.
@inlinable
func reverseValueWithJacobian<F: DifferentiableVectorFunction, T: RealScalar>(
  at x: [T], of f: F
) throws(F.Failure) -> (value: [T], jacobian: [[T]]) {
  let tape = borrowTape(T.self)
  defer { returnTape(tape) }
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
