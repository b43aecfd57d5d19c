// The forward-mode entry points: evaluate once on dual numbers, read value and tangent.

/// The value and the derivative of a function of one variable, in forward mode.
///
/// ```
/// f(x + ε) = f(x) + f′(x) ε
/// ```
///
/// ```swift
/// let (value, derivative) = valueWithDerivative(at: 0.5) { x in sin(x) * exp(x) }
/// // value == sin 0.5 · e^0.5, derivative == (cos 0.5 + sin 0.5) · e^0.5
/// ```
///
/// - Returns: f(x) and f′(x), from one evaluation of `f`.
@inlinable
public func valueWithDerivative<T: RealScalar>(
  at x: T, of f: (Dual<T>) throws -> Dual<T>
) rethrows -> (value: T, derivative: T) {
  let y = try f(Dual(x, tangent: 1))
  return (y.value, y.tangent)
}

/// The derivative f′(x) of a function of one variable, in forward mode.
///
/// ```swift
/// derivative(at: 2.0) { x in x * x * x }  // 12.0
/// ```
@inlinable
public func derivative<T: RealScalar>(at x: T, of f: (Dual<T>) throws -> Dual<T>) rethrows -> T {
  try valueWithDerivative(at: x, of: f).derivative
}

/// Seeds dual inputs x + ε v, checking that `v` has one element per input.
@inlinable
func seed<T: RealScalar>(_ x: [T], along v: [T]) throws -> [Dual<T>] {
  guard v.count == x.count else {
    throw AutoDiffError.sizeMismatch(argument: "along", expected: x.count, actual: v.count)
  }
  return zip(x, v).map { Dual($0, tangent: $1) }
}

/// The value of f: ℝⁿ → ℝ and its derivative along `v`, in forward mode.
///
/// ```
/// ∂ᵥf(x) = ∇f(x) · v = lim_{h→0} (f(x + h v) − f(x)) / h
/// ```
///
/// One evaluation on dual numbers; no tape.
///
/// - Parameters:
///   - x: The point.
///   - v: The direction, one element per element of `x` (not normalized).
///   - f: The function.
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length.
@inlinable
public func valueWithDirectionalDerivative<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Dual<T>]) throws -> Dual<T>
) throws -> (value: T, derivative: T) {
  let y = try f(seed(x, along: v))
  return (y.value, y.tangent)
}

/// The derivative of f: ℝⁿ → ℝ along `v`, ∇f(x) · v, in forward mode.
///
/// ```swift
/// try directionalDerivative(at: [1.0, 2.0], along: [1, 0]) { x in x[0] * x[1] }  // 2.0
/// ```
///
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length.
@inlinable
public func directionalDerivative<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Dual<T>]) throws -> Dual<T>
) throws -> T {
  try valueWithDirectionalDerivative(at: x, along: v, of: f).derivative
}

/// The values of f: ℝⁿ → ℝᵐ and the Jacobian-vector product J(x) v, in forward mode.
///
/// ```
/// (J v)ᵢ = Σⱼ ∂fᵢ/∂xⱼ vⱼ
/// ```
///
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length.
@inlinable
public func valueWithDirectionalDerivative<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Dual<T>]) throws -> [Dual<T>]
) throws -> (value: [T], derivative: [T]) {
  let y = try f(seed(x, along: v))
  return (y.map(\.value), y.map(\.tangent))
}

/// The Jacobian-vector product J(x) v of f: ℝⁿ → ℝᵐ, in forward mode (one evaluation).
///
/// ```swift
/// try directionalDerivative(at: [1.0, 2.0], along: [1, 1]) { x in [x[0] * x[1], x[0] - x[1]] }
/// // [3.0, 0.0]
/// ```
///
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length.
@inlinable
public func directionalDerivative<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Dual<T>]) throws -> [Dual<T>]
) throws -> [T] {
  try valueWithDirectionalDerivative(at: x, along: v, of: f).derivative
}
