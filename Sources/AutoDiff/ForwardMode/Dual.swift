/// A dual number a + b·ε with ε² = 0: a value and its derivative along one direction.
///
/// Forward mode evaluates a function on duals. Seeding the input with tangent 1 gives
///
/// ```
/// f(x + ε) = f(x) + f′(x)·ε
/// ```
///
/// so one evaluation yields the value and the derivative. For a function of many inputs, seeding
/// the tangents with a direction v gives the directional derivative ∇f(x)·v (a Jacobian-vector
/// product) in one evaluation.
///
/// `Dual` is itself a ``RealScalar``, so duals nest: `Dual<Dual<Double>>` carries second
/// derivatives, and the nesting is in the type, so an inner derivative's perturbation can never be
/// confused with an outer one (see <doc:ForwardMode>).
///
/// ```swift
/// let x = Dual(3.0, tangent: 1)
/// let y = x * x + sin(x)
/// y.value    // 9 + sin 3
/// y.tangent  // 6 + cos 3
/// ```
@frozen
public struct Dual<T: RealScalar> {
  /// The value a.
  public var value: T
  /// The derivative b along the seeded direction.
  public var tangent: T

  /// Creates a + b·ε.
  @inlinable
  public init(_ value: T, tangent: T) {
    self.value = value
    self.tangent = tangent
  }

  /// A constant, `Dual(x)`: the same as ``init(constant:)``, with the number type inferred from
  /// `x` (`Dual(x)` of a `Double` x is a `Dual<Double>`; a literal needs the type: `Dual<Double>(0)`).
  @inlinable public init(_ value: T) { self.init(constant: value) }

  /// Creates a constant: a + 0·ε.
  @inlinable
  public init(constant value: T) {
    self.value = value
    self.tangent = 0
  }
}

extension Dual: Sendable where T: Sendable {}

extension Dual: CustomStringConvertible {
  /// `value + tangent·ε`.
  public var description: String { "\(value) + \(tangent)ε" }
}

// MARK: - Applying the rules

extension Dual: _DerivativeCarrier {
  /// The number the value a and the tangent b are computed in.
  public typealias Base = T

  /// The tangent term ∂·t, or 0 when the tangent is exactly zero, so that an operand that does
  /// not vary never turns an infinite partial into NaN (0 · ∞); see <doc:Conventions>.
  @inlinable @inline(__always)
  static func term(_ partial: T, _ tangent: T) -> T {
    let product = partial * tangent
    // An exactly zero factor contributes zero, even against an infinite or NaN one: 0 · ∞ at a
    // zero tangent (x ↦ sqrt(x) at 0, seeded along another input) and at a zero partial
    // (0 · sqrt(x) at x = 0) alike. Reverse mode follows the same convention, so both modes
    // agree. Test the rare NaN outcome rather than the factors, which keeps the branch off the
    // hot path.
    if _slowPath(product.isNaN) && (tangent.isExactlyZero || partial.isExactlyZero) {
      return 0
    }
    return product
  }

  /// Applies a unary rule: (f(a), f′(a)·b).
  @inlinable @inline(__always)
  public static func _apply(_ x: Dual, _ rule: (T) -> (value: T, derivative: T)) -> Dual {
    let (value, derivative) = rule(x.value)
    return Dual(value, tangent: term(derivative, x.tangent))
  }

  /// Applies a binary rule: (f(a, c), ∂ₓf·b + ∂ᵧf·d).
  @inlinable @inline(__always)
  public static func _apply(_ x: Dual, _ y: Dual, _ rule: (T, T) -> (value: T, dx: T, dy: T))
    -> Dual
  {
    let (value, dx, dy) = rule(x.value, y.value)
    return Dual(value, tangent: term(dx, x.tangent) + term(dy, y.tangent))
  }
}

// MARK: - RealScalar

extension Dual: RealScalar {
  /// `true` when the value and the tangent are both exactly zero.
  @inlinable public var isExactlyZero: Bool { value.isExactlyZero && tangent.isExactlyZero }
}
