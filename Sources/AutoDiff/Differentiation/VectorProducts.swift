// Jacobian-vector and vector-Jacobian products of f: ℝⁿ → ℝᵐ: one column-like or row-like
// combination of the Jacobian from one evaluation, without forming J. The names are JAX's
// (`jax.jvp`, `jax.vjp`).

/// The Jacobian-vector product J(x) v of f: ℝⁿ → ℝᵐ, in forward mode (one evaluation).
///
/// ```
/// (J v)ᵢ = Σⱼ ∂fᵢ/∂xⱼ vⱼ
/// ```
///
/// The same as ``directionalDerivative(at:along:of:)-(_,_,([Dual<T>])->[Dual<T>])``, under the
/// name that pairs it with ``vectorJacobianProduct(at:along:of:)``.
///
/// ```swift
/// try jacobianVectorProduct(at: [1.0, 2.0], along: [1, 1]) { x in [x[0] * x[1], x[0] - x[1]] }
/// // [3.0, 0.0]
/// ```
///
/// - Parameters:
///   - x: The point, n elements.
///   - v: The tangent vector, n elements.
///   - f: The function.
/// - Returns: J(x) v, m elements.
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length; rethrows what `f` throws.
/// - Complexity: one evaluation on ``Dual`` numbers, no tape.
@inlinable
public func jacobianVectorProduct<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Dual<T>]) throws -> [Dual<T>]
) throws -> [T] {
  try valueWithDirectionalDerivative(at: x, along: v, of: f).derivative
}

/// The vector-Jacobian product uᵀ J(x) of f: ℝⁿ → ℝᵐ, in reverse mode (one evaluation and one
/// backward sweep).
///
/// ```
/// (Jᵀ u)ⱼ = Σᵢ uᵢ ∂fᵢ/∂xⱼ = ∂/∂xⱼ Σᵢ uᵢ fᵢ(x)
/// ```
///
/// `f` is recorded once; the sweep starts from every output at once, output i seeded with uᵢ.
/// For u = eᵢ it is row i of J; for m = 1 and u = [1], the gradient.
///
/// ```swift
/// try vectorJacobianProduct(at: [1.0, 2.0], along: [1, 1]) { x in [x[0] * x[1], x[0] - x[1]] }
/// // [3.0, 0.0]      (= [x₁ + 1, x₀ − 1])
/// ```
///
/// Together with ``jacobianVectorProduct(at:along:of:)`` it satisfies ⟨u, J v⟩ = ⟨Jᵀ u, v⟩
/// for every u and v.
///
/// - Parameters:
///   - x: The point, n elements.
///   - u: The cotangent vector, one element per output of `f` (m elements).
///   - f: The function.
/// - Returns: Jᵀ u, n elements.
/// - Throws: ``AutoDiffError/outputCountMismatch(argument:outputs:actual:)`` when `u` does not
///   have one element per output; rethrows what `f` throws.
/// - Complexity: one recorded evaluation and one sweep, whatever m is.
@inlinable
public func vectorJacobianProduct<T: RealScalar>(
  at x: [T], along u: [T], of f: ([Variable<T>]) throws -> [Variable<T>]
) throws -> [T] {
  try withTape(T.self) { tape in
    let outputs = try f(recordInputs(x, on: tape))
    guard u.count == outputs.count else {
      throw AutoDiffError.outputCountMismatch(
        argument: "along", outputs: outputs.count, actual: u.count)
    }
    var product = [T](repeating: 0, count: x.count)
    let swept = sweep(from: outputs, weightedBy: u, on: tape, inputCount: x.count)
    copyGradient(from: tape, swept: swept, into: &product)
    return product
  }
}
