// Reductions of vectors and matrices to a scalar variable. Each runs the backward step of the
// array operations below it (see ArrayReduction.swift) and records its result on the scalar tape,
// so it mixes with any scalar code after it.

/// The sum of the elements, Σᵢ xᵢ, as a scalar variable.
///
/// ```
/// ∂/∂xᵢ Σⱼ xⱼ = 1
/// ```
///
/// An elementwise expression is evaluated and differentiated in one pass over its blocks:
/// `sum(x * y)` writes no vector of products.
///
/// - Complexity: O(n) for the reduction, plus the backward steps of the operations below it.
@inlinable
public func sum<T>(_ x: VariableVector<T>) -> Variable<T> {
  reduceSum(x.handle, weight: 1)
}

/// The sum of all elements of a matrix, Σᵢⱼ aᵢⱼ, as a scalar variable.
@inlinable
public func sum<T>(_ a: VariableMatrix<T>) -> Variable<T> {
  reduceSum(a.handle, weight: 1)
}

/// The mean of the elements, (1/n) Σᵢ xᵢ, as a scalar variable; NaN for an empty vector.
///
/// ```
/// ∂/∂xᵢ mean(x) = 1/n
/// ```
///
/// The mean squared error of a line fit, with `x` and `y` constant data:
///
/// ```swift
/// mean(pow(m * x + b - y, 2))
/// ```
@inlinable
public func mean<T>(_ x: VariableVector<T>) -> Variable<T> {
  reduceSum(x.handle, weight: 1 / T(x.count))
}

/// The mean of all elements of a matrix, (1/(r c)) Σᵢⱼ aᵢⱼ; NaN for an empty matrix.
@inlinable
public func mean<T>(_ a: VariableMatrix<T>) -> Variable<T> {
  reduceSum(a.handle, weight: 1 / T(a.count))
}

/// The dot product x · y = Σᵢ xᵢ yᵢ, as a scalar variable.
///
/// ```
/// ∂/∂xᵢ (x · y) = yᵢ,   ∂/∂yᵢ (x · y) = xᵢ
/// ```
///
/// Recorded as `sum(x * y)`, evaluated in one pass.
///
/// - Precondition: equal lengths, or one of length 1.
@inlinable
public func dot<T>(_ x: VariableVector<T>, _ y: VariableVector<T>) -> Variable<T> {
  sum(x * y)
}

/// The squared Euclidean norm ‖x‖² = Σᵢ xᵢ², as a scalar variable.
///
/// ```
/// ∂/∂xᵢ ‖x‖² = 2 xᵢ
/// ```
@inlinable
public func squaredNorm<T>(_ x: VariableVector<T>) -> Variable<T> {
  sum(x * x)
}

/// The squared Frobenius norm ‖A‖² = Σᵢⱼ aᵢⱼ² of a matrix (for weight decay, say).
@inlinable
public func squaredNorm<T>(_ a: VariableMatrix<T>) -> Variable<T> {
  sum(a * a)
}

/// log Σᵢ exp xᵢ, computed without overflow, as a scalar variable.
///
/// ```
/// logSumExp(x) = m + log Σᵢ exp(xᵢ − m),   m = maxᵢ xᵢ
/// ∂/∂xᵢ logSumExp(x) = exp(xᵢ − logSumExp(x)) = softmax(x)ᵢ
/// ```
///
/// −∞ for an empty vector or one of −∞ only; +∞ when some element is +∞.
@inlinable
public func logSumExp<T>(_ x: VariableVector<T>) -> Variable<T> {
  logSumExp(rowsOf: x.reshaped(rows: 1, columns: x.count))[0]
}
