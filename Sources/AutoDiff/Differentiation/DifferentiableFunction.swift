/// A function f: ℝⁿ → ℝ written once, generic over ``RealScalar``, that AutoDiff can evaluate on
/// whichever number type a mode needs.
///
/// A closure has one type: a closure over `[Variable<Double>]` can only run in reverse mode.
/// Choosing a mode at run time, as ``gradient(at:mode:of:)`` does, needs the cost at several
/// types — `MultiDual<Double, N>` for forward mode with a chunk of N directions, `Variable<Double>`
/// for reverse mode, `Dual<Double>` for a derivative along one direction — and Swift has no
/// generic closures. A type with a generic `callAsFunction` is the way to hand over a function
/// that can be instantiated at any of them:
///
/// ```swift
/// struct Rosenbrock: DifferentiableFunction {
///   func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
///     var total: S = 0
///     for i in 0..<(x.count - 1) {
///       let a = 1 - x[i]
///       let b = x[i + 1] - x[i] * x[i]
///       total += a * a + 100 * b * b
///     }
///     return total
///   }
/// }
///
/// let f = Rosenbrock()
/// print(f([-1.2, 1.0]))                                   // on plain Double
/// print(gradient(at: [-1.2, 1.0], of: f))                 // picks forward mode (n = 2)
/// print(gradient(at: [-1.2, 1.0], mode: .reverse, of: f)) // on a tape
/// // 24.199999999999996
/// // [-215.6, -87.99999999999999]
/// // [-215.59999999999997, -87.99999999999999]
/// ```
///
/// Data the cost needs (observations, constants) are stored properties of the type and enter the
/// formula as constants, `S(value)`. A cost that can fail declares its error type:
/// `func callAsFunction<S: RealScalar>(_ x: [S]) throws(MyError) -> S`; a cost that cannot fail
/// needs no `try` at the call site.
///
/// Every closure-based entry point still works with the same type: pass `f.callAsFunction`, or a
/// closure `{ x in f(x) }`, where a closure over `Variable` or `Dual` is expected.
public protocol DifferentiableFunction {
  /// The error the function throws; `Never` for a function that cannot fail.
  associatedtype Failure: Error = Never

  /// f(x), evaluated in the scalar type `S`.
  ///
  /// The result must be computed from `x` with the operations of ``RealScalar`` (or be a
  /// constant); the same code runs on plain numbers and on every number that carries derivatives.
  func callAsFunction<S: RealScalar>(_ x: [S]) throws(Failure) -> S
}

/// A function f: ℝⁿ → ℝᵐ written once, generic over ``RealScalar``, that AutoDiff can evaluate on
/// whichever number type a mode needs; the vector-valued counterpart of ``DifferentiableFunction``.
///
/// ```swift
/// struct Polar: DifferentiableVectorFunction {
///   func callAsFunction<S: RealScalar>(_ p: [S]) -> [S] {
///     [hypot(p[0], p[1]), atan2(p[1], p[0])]   // (r, θ) of the point (x, y)
///   }
/// }
/// print(jacobian(at: [3.0, 4.0], of: Polar()))
/// // [[0.6, 0.8], [-0.16, 0.12]]
/// ```
public protocol DifferentiableVectorFunction {
  /// The error the function throws; `Never` for a function that cannot fail.
  associatedtype Failure: Error = Never

  /// f(x), m values evaluated in the scalar type `S`. The number of outputs may depend on the
  /// number of inputs but not on their values.
  func callAsFunction<S: RealScalar>(_ x: [S]) throws(Failure) -> [S]
}
