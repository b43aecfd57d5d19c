/// A dual number carrying N tangents at once: a value and its derivatives along N directions.
///
/// ```
/// a + b₀·ε₀ + b₁·ε₁ + … + b_{N−1}·ε_{N−1},      εᵢ εⱼ = 0 for all i, j
/// f(a + Σₖ bₖ εₖ) = f(a) + Σₖ f′(a) bₖ εₖ
/// ```
///
/// Evaluating f on inputs seeded with N directions v₀ … v_{N−1} gives f(x) and the N directional
/// derivatives ∇f(x)·vₖ in one evaluation: the value and every local derivative are computed once
/// and shared by the N tangents. Seeded with N unit vectors, the tangents are N partial derivatives
/// ∂f/∂xⱼ, which is how forward mode computes a gradient in ⌈n / N⌉ evaluations (ForwardDiff.jl's
/// *chunk*; see ``gradient(at:mode:of:)`` and <doc:ForwardOrReverse>).
///
/// ```swift
/// let x = MultiDual<Double, 2>(3, tangents: [1, 0])
/// let y = MultiDual<Double, 2>(2, tangents: [0, 1])
/// let z = x * x * y  // f(x, y) = x² y
/// print(z.value, z.tangents[0], z.tangents[1])
/// // 18.0 12.0 9.0       (f, ∂f/∂x = 2xy, ∂f/∂y = x²)
/// ```
///
/// Every derivative comes from the same rules table as ``Dual`` and ``Variable``.
///
/// **Storage.** The tangents live inline in an `InlineArray<N, T>`: a `MultiDual<Double, 8>` is
/// nine `Double`s, with no allocation, and the loops over the tangents unroll and vectorize once
/// `N` is known. One SIMD vector was measured as the alternative storage; it was as fast for
/// N = 2, a little faster for N = 4, and 2.5 to 3 times slower for N = 8 and 16 (see
/// <doc:ForwardOrReverse>). `InlineArray` also holds any `RealScalar`, so `MultiDual` nests.
///
/// **0 · ∞.** Unlike ``Dual``, `MultiDual` applies no zero-tangent rule of its own: each tangent
/// is the plain IEEE product ∂·bₖ, so an infinite partial times a zero tangent gives NaN. Testing
/// every operation for that case measured 1.5 to 2.5 times slower. The entry points that use
/// `MultiDual` (``gradient(at:mode:of:)``, ``jacobian(at:mode:of:)``, ``hessian(at:of:)-(_,F)``)
/// restore the convention of <doc:Conventions>: a derivative that comes out NaN is computed
/// again along its own direction with ``Dual``, which applies the rule at every operation. A
/// NaN tangent can only disappear by not reaching the output, so every other derivative is the
/// one ``Dual`` gives, bit for bit.
@frozen
public struct MultiDual<T: RealScalar, let N: Int> {
  /// The value a.
  public var value: T
  /// The N tangents b₀ … b_{N−1}: the derivatives along the N seeded directions.
  public var tangents: InlineArray<N, T>

  /// Creates a + Σₖ bₖ εₖ.
  @inlinable
  public init(_ value: T, tangents: InlineArray<N, T>) {
    self.value = value
    self.tangents = tangents
  }

  /// Creates a constant: a + Σₖ 0 εₖ.
  @inlinable
  public init(constant value: T) {
    self.value = value
    self.tangents = InlineArray(repeating: 0)
  }
}

extension MultiDual: Sendable where T: Sendable {}

extension MultiDual: CustomStringConvertible {
  /// `value + tangent₀ε₀ + tangent₁ε₁ + …`.
  public var description: String {
    var text = "\(value)"
    for k in 0..<N { text += " + \(tangents[k])ε\(k)" }
    return text
  }
}

// MARK: - Applying the rules

extension MultiDual: _DerivativeCarrier {
  /// The number the value and the tangents are computed in.
  public typealias Base = T

  /// Applies a unary rule: (f(a), f′(a)·b₀, …, f′(a)·b_{N−1}).
  @inlinable @inline(__always)
  public static func _apply(_ x: MultiDual, _ rule: (T) -> (value: T, derivative: T))
    -> MultiDual
  {
    let (value, derivative) = rule(x.value)
    let tangents = x.tangents
    return MultiDual(value, tangents: InlineArray { k in derivative * tangents[k] })
  }

  /// Applies a binary rule: (f(a, c), ∂ₓf·bₖ + ∂ᵧf·dₖ for each k).
  @inlinable @inline(__always)
  public static func _apply(
    _ x: MultiDual, _ y: MultiDual, _ rule: (T, T) -> (value: T, dx: T, dy: T)
  ) -> MultiDual {
    let (value, dx, dy) = rule(x.value, y.value)
    let left = x.tangents
    let right = y.tangents
    return MultiDual(value, tangents: InlineArray { k in dx * left[k] + dy * right[k] })
  }
}

// MARK: - RealScalar

extension MultiDual: RealScalar {
  /// `true` when the value and all N tangents are exactly zero.
  @inlinable public var isExactlyZero: Bool {
    guard value.isExactlyZero else { return false }
    for k in 0..<N where !tangents[k].isExactlyZero { return false }
    return true
  }
}
