// Second derivatives, forward over reverse: the gradient is computed in reverse mode on numbers
// that carry tangents, so the backward sweep differentiates the gradient along the tangents'
// directions.
//
//   ∇f(x + ε v) = ∇f(x) + ε H(x) v
//
// `Variable<Dual<T>>` carries one direction (a Hessian-vector product per sweep);
// `Variable<MultiDual<T, N>>` carries N (N columns of the Hessian per sweep).
//
// The `DifferentiableFunction` forms are `@_disfavoredOverload`, so that closure call sites
// type-check as fast as without them (see AutomaticMode.swift).

// MARK: - Hessian-vector products

/// The Hessian-vector product H(x) v of f: ℝⁿ → ℝ, without forming H, forward over reverse.
///
/// ```
/// (H v)ᵢ = Σⱼ ∂²f/∂xᵢ∂xⱼ vⱼ = d/dε ∂f/∂xᵢ(x + ε v) at ε = 0
/// ```
///
/// One evaluation of `f` recorded on ``Variable`` numbers over ``Dual`` numbers seeded with
/// x + ε v, and one backward sweep: the adjoints' tangents are H v. About 2 to 3 times the cost
/// of one gradient, whatever n is, and O(n) memory beyond the tape.
///
/// ```swift
/// func rosenbrock<S: RealScalar>(_ x: [S]) -> S {
///   let a = 1 - x[0]
///   let b = x[1] - x[0] * x[0]
///   return a * a + 100 * b * b
/// }
/// try hessianVectorProduct(at: [-1.2, 1.0], along: [1, 0], of: rosenbrock)
/// // [1330.0, 480.0], the first column of H
/// ```
///
/// - Parameters:
///   - x: The point.
///   - v: The direction, one element per element of `x`.
///   - f: The function; a generic function over ``RealScalar`` can be passed by name.
/// - Returns: H(x) v, one element per input.
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length; rethrows what `f` throws.
@inlinable
public func hessianVectorProduct<T: RealScalar>(
  at x: [T], along v: [T], of f: ([Variable<Dual<T>>]) throws -> Variable<Dual<T>>
) throws -> [T] {
  try valueWithGradient(at: seed(x, along: v), of: f).gradient.map(\.tangent)
}

/// The Hessian-vector product H(x) v of a ``DifferentiableFunction``, without forming H.
///
/// The same computation as
/// ``hessianVectorProduct(at:along:of:)-(_,_,([Variable<Dual<T>>])->Variable<Dual<T>>)``, with
/// `f` instantiated at `Variable<Dual<T>>`.
///
/// - Throws: ``AutoDiffError/sizeMismatch(argument:expected:actual:)`` when `v` and `x` differ in
///   length; rethrows what `f` throws.
@inlinable @_disfavoredOverload
public func hessianVectorProduct<F: DifferentiableFunction, T: RealScalar>(
  at x: [T], along v: [T], of f: F
) throws -> [T] {
  try hessianVectorProduct(at: x, along: v) { (inputs: [Variable<Dual<T>>]) in try f(inputs) }
}

// MARK: - Hessians

/// The Hessian H[i][j] = ∂²f/∂xᵢ∂xⱼ of f: ℝⁿ → ℝ, forward over reverse, one column per sweep.
///
/// ```
/// H = [ ∂²f/∂xᵢ∂xⱼ ],   column j = H eⱼ
/// ```
///
/// n Hessian-vector products, one per unit vector eⱼ, each one recorded evaluation on
/// `Variable<Dual<T>>` and one sweep. For a ``DifferentiableFunction``,
/// ``hessian(at:of:)-(_,F)`` computes up to 8 columns per sweep and is faster.
///
/// ```swift
/// hessian(at: [1.0, 2.0]) { x in x[0] * x[0] * x[1] }
/// // [[4.0, 2.0], [2.0, 0.0]]
/// ```
///
/// Each column is computed on its own, so H[i][j] and H[j][i] agree to rounding rather than
/// exactly.
///
/// - Parameters:
///   - x: The point.
///   - f: The function; a generic function over ``RealScalar`` can be passed by name.
/// - Returns: H(x), n rows of n second derivatives.
/// - Complexity: n recorded evaluations and sweeps; O(n²) memory for the result.
@inlinable
public func hessian<T: RealScalar>(
  at x: [T], of f: ([Variable<Dual<T>>]) throws -> Variable<Dual<T>>
) rethrows -> [[T]] {
  let n = x.count
  var hessian = [[T]](repeating: [T](repeating: 0, count: n), count: n)
  var inputs = x.map { Dual($0, tangent: 0) }
  for j in 0..<n {
    inputs[j].tangent = 1
    let column = try valueWithGradient(at: inputs, of: f).gradient
    for i in 0..<n { hessian[i][j] = column[i].tangent }
    inputs[j].tangent = 0
  }
  return hessian
}

/// The Hessian H[i][j] = ∂²f/∂xᵢ∂xⱼ of a ``DifferentiableFunction``, forward over reverse, up to
/// 8 columns per sweep.
///
/// ```
/// ∇f(x + Σₖ εₖ eⱼ₊ₖ) = ∇f(x) + Σₖ εₖ H eⱼ₊ₖ       (k = 0 … N − 1)
/// ```
///
/// `f` is recorded on `Variable<MultiDual<T, N>>`, its inputs seeded with N unit vectors at a
/// time; one backward sweep then gives N columns of H, ⌈n / N⌉ sweeps in all. N is the chunk
/// size ``DifferentiationMode/forward`` would use for n inputs.
///
/// ```swift
/// struct Rosenbrock: DifferentiableFunction {
///   func callAsFunction<S: RealScalar>(_ x: [S]) -> S {
///     let a = 1 - x[0]
///     let b = x[1] - x[0] * x[0]
///     return a * a + 100 * b * b
///   }
/// }
/// hessian(at: [-1.2, 1.0], of: Rosenbrock())
/// // [[1330.0, 480.0], [480.0, 200.0]]
/// ```
///
/// A column that comes out holding a NaN is computed again as a Hessian-vector product on
/// `Variable<Dual<T>>`, which applies the zero-tangent rule of <doc:Conventions> at every
/// operation (see ``MultiDual``).
///
/// - Parameters:
///   - x: The point.
///   - f: The function, written once over ``RealScalar``.
/// - Returns: H(x), n rows of n second derivatives.
/// - Throws: Only what `f` throws.
/// - Complexity: ⌈n / N⌉ recorded evaluations and sweeps, each carrying N tangents; O(n²)
///   memory for the result.
@inlinable @_disfavoredOverload
public func hessian<F: DifferentiableFunction, T: RealScalar>(at x: [T], of f: F)
  throws(F.Failure) -> [[T]]
{
  var computation = ChunkedHessian(function: f, point: x)
  return try withChunkSize(DifferentiationMode.chunkSize(forInputCount: x.count), &computation)
}

/// The Hessian of f, N columns per backward sweep.
@usableFromInline
struct ChunkedHessian<F: DifferentiableFunction, Scalar: RealScalar>: _ChunkedComputation {
  @usableFromInline let function: F
  @usableFromInline let point: [Scalar]

  @inlinable
  init(function: F, point: [Scalar]) {
    self.function = function
    self.point = point
  }

  @inlinable
  mutating func run<let N: Int>(_ chunk: MultiDual<Scalar, N>.Type) throws(F.Failure)
    -> [[Scalar]]
  {
    let n = point.count
    var hessian = [[Scalar]](repeating: [Scalar](repeating: 0, count: n), count: n)
    var inputs = point.map { MultiDual<Scalar, N>(constant: $0) }
    var start = 0
    while start < n {
      let end = Swift.min(start + N, n)
      for j in start..<end { inputs[j].tangents[j - start] = 1 }
      try sweepColumns(start..<end, inputs: inputs, into: &hessian)
      for j in start..<end { inputs[j].tangents[j - start] = 0 }
      start = end
    }
    try recomputeNaNColumns(in: &hessian)
    return hessian
  }

  /// Records f on the seeded inputs, sweeps once, and reads columns `columns` of H from the
  /// tangents of the input adjoints.
  @inlinable
  func sweepColumns<let N: Int>(
    _ columns: Range<Int>, inputs: [MultiDual<Scalar, N>], into hessian: inout [[Scalar]]
  ) throws(F.Failure) {
    let n = point.count
    let tape = borrowTape(MultiDual<Scalar, N>.self)
    defer { returnTape(tape) }
    let output = try function(recordInputs(inputs, on: tape))
    guard sweep(from: output, on: tape, inputCount: n) else { return }
    for i in 0..<n {
      let adjoint = tape.pointee.adjoints[i + 1]
      for j in columns { hessian[i][j] = adjoint.tangents[j - columns.lowerBound] }
    }
  }

  /// Computes again, as a Hessian-vector product on `Variable<Dual<T>>`, every column that
  /// holds a NaN.
  @inlinable
  func recomputeNaNColumns(in hessian: inout [[Scalar]]) throws(F.Failure) {
    let n = point.count
    var inputs: [Dual<Scalar>] = []
    for j in 0..<n where hessian.contains(where: { $0[j] != $0[j] }) {
      if inputs.isEmpty { inputs = point.map { Dual($0, tangent: 0) } }
      inputs[j].tangent = 1
      let tape = borrowTape(Dual<Scalar>.self)
      defer { returnTape(tape) }
      let output = try function(recordInputs(inputs, on: tape))
      let swept = sweep(from: output, on: tape, inputCount: n)
      for i in 0..<n { hessian[i][j] = swept ? tape.pointee.adjoints[i + 1].tangent : 0 }
      inputs[j].tangent = 0
    }
  }
}
