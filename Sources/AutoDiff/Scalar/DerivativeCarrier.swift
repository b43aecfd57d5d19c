/// A number that carries derivatives and applies the rules of `Rules` to propagate them:
/// ``Dual`` in forward mode, ``Variable`` in reverse mode.
///
/// This protocol writes the elementary functions of ``RealScalar`` once for every such type; a
/// conforming type supplies only how it applies a unary and a binary rule. It is an
/// implementation detail, public only so that the functions inline into a user's code.
public protocol _DerivativeCarrier: RealScalar {
  /// The number the value and the partial derivatives are computed in.
  associatedtype Base: RealScalar

  /// The value, without its derivatives.
  var value: Base { get }

  /// A constant: the value `value` with every derivative zero.
  init(constant value: Base)

  /// Applies a unary rule: given x ↦ (f(x), f′(x)) on the value, returns f of `x` with its
  /// derivative propagated.
  static func _apply(_ x: Self, _ rule: (Base) -> (value: Base, derivative: Base)) -> Self

  /// Applies a binary rule: given (x, y) ↦ (f, ∂f/∂x, ∂f/∂y) on the values, returns f of `x`
  /// and `y` with their derivatives propagated.
  static func _apply(
    _ x: Self, _ y: Self, _ rule: (Base, Base) -> (value: Base, dx: Base, dy: Base)
  )
    -> Self
}

// Each function below takes its derivative from the rules table, in both modes.
extension _DerivativeCarrier {
  /// eˣ; derivative eˣ (the output itself).
  @inlinable public static func _exp(_ x: Self) -> Self { _apply(x) { Rules.exp($0) } }
  /// eˣ − 1; derivative eˣ = y + 1.
  @inlinable public static func _expMinusOne(_ x: Self) -> Self {
    _apply(x) { Rules.expMinusOne($0) }
  }
  /// ln x; derivative 1/x (NaN for x < 0, where ln x is NaN).
  @inlinable public static func _log(_ x: Self) -> Self { _apply(x) { Rules.log($0) } }
  /// ln(1 + x); derivative 1/(1 + x) (NaN for x < −1).
  @inlinable public static func _log(onePlus x: Self) -> Self { _apply(x) { Rules.logOnePlus($0) } }
  /// sin x; derivative cos x.
  @inlinable public static func _sin(_ x: Self) -> Self { _apply(x) { Rules.sin($0) } }
  /// cos x; derivative −sin x.
  @inlinable public static func _cos(_ x: Self) -> Self { _apply(x) { Rules.cos($0) } }
  /// tan x; derivative 1 + tan² x.
  @inlinable public static func _tan(_ x: Self) -> Self { _apply(x) { Rules.tan($0) } }
  /// arcsin x; derivative 1/√(1 − x²).
  @inlinable public static func _asin(_ x: Self) -> Self { _apply(x) { Rules.asin($0) } }
  /// arccos x; derivative −1/√(1 − x²).
  @inlinable public static func _acos(_ x: Self) -> Self { _apply(x) { Rules.acos($0) } }
  /// arctan x; derivative 1/(1 + x²).
  @inlinable public static func _atan(_ x: Self) -> Self { _apply(x) { Rules.atan($0) } }
  /// atan2(y, x); ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²) (NaN at the origin).
  @inlinable public static func _atan2(y: Self, x: Self) -> Self {
    _apply(y, x) { Rules.atan2($0, $1) }
  }
  /// sinh x; derivative cosh x.
  @inlinable public static func _sinh(_ x: Self) -> Self { _apply(x) { Rules.sinh($0) } }
  /// cosh x; derivative sinh x.
  @inlinable public static func _cosh(_ x: Self) -> Self { _apply(x) { Rules.cosh($0) } }
  /// tanh x; derivative 1 − tanh² x.
  @inlinable public static func _tanh(_ x: Self) -> Self { _apply(x) { Rules.tanh($0) } }
  /// xʸ; ∂/∂x = y xʸ⁻¹ (0 for y = 0), ∂/∂y = xʸ ln x (0 for x = 0); see <doc:Conventions>.
  @inlinable public static func _pow(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.pow($0, $1) }
  }
  /// xⁿ; derivative n xⁿ⁻¹ (0 for n = 0).
  @inlinable public static func _pow(_ x: Self, _ n: Int) -> Self {
    _apply(x) { Rules.pow($0, n) }
  }
  /// √x; derivative 1/(2√x), +∞ at 0.
  @inlinable public static func _sqrt(_ x: Self) -> Self { _apply(x) { Rules.sqrt($0) } }
  /// ∛x; derivative 1/(3∛x²), +∞ at 0.
  @inlinable public static func _cbrt(_ x: Self) -> Self { _apply(x) { Rules.cbrt($0) } }
  /// √(x² + y²); ∂/∂x = x/√(x² + y²), ∂/∂y = y/√(x² + y²), both 0 at the origin.
  @inlinable public static func _hypot(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.hypot($0, $1) }
  }
  /// min(x, y) = `y < x ? y : x`; partial 1 for the argument returned, 0 for the other, ½ each
  /// on a tie.
  @inlinable public static func _min(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.min($0, $1) }
  }
  /// max(x, y) = `y >= x ? y : x`; partial 1 for the argument returned, 0 for the other, ½ each
  /// on a tie.
  @inlinable public static func _max(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.max($0, $1) }
  }
  /// σ(x) = 1/(1 + e⁻ˣ); derivative σ(x)(1 − σ(x)).
  @inlinable public static func _sigmoid(_ x: Self) -> Self { _apply(x) { Rules.sigmoid($0) } }
  /// ln(1 + eˣ); derivative σ(x).
  @inlinable public static func _softplus(_ x: Self) -> Self { _apply(x) { Rules.softplus($0) } }
  /// erf x; derivative (2/√π) e^(−x²).
  @inlinable public static func _erf(_ x: Self) -> Self { _apply(x) { Rules.erf($0) } }
  /// max(x, 0); derivative 1 for x > 0, else 0 (relu′(0) = 0).
  @inlinable public static func _relu(_ x: Self) -> Self { _apply(x) { Rules.relu($0) } }

  // MARK: Arithmetic

  // The operators themselves are declared by each carrier (Dual+Arithmetic.swift, …), calling
  // these: a concrete operator of `Dual` is what the type checker's overload optimizer favors
  // when it knows an operand is a `Dual`. Operators generic over the carrier, declared once here,
  // made formulas with literals type-check several times slower (`100 * exp(-k) + 4 * exp(-k)
  // - 0.5 * k * k` on a `Dual`: 1.4 s against 2.9 s, and one that failed to type-check at all
  // compiled), even when disfavored. A carrier of your own declares its operators the same way.

  /// x + y; partials 1 and 1.
  @inlinable @inline(__always) public static func _sum(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.add($0, $1) }
  }
  /// x − y; partials 1 and −1.
  @inlinable @inline(__always) public static func _difference(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.subtract($0, $1) }
  }
  /// x · y; partials y and x.
  @inlinable @inline(__always) public static func _product(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.multiply($0, $1) }
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable @inline(__always) public static func _quotient(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.divide($0, $1) }
  }
  /// −x; derivative −1. (`SignedNumeric`'s default, 0 − x, would give +0 for −(+0).)
  @inlinable @inline(__always) public static func _negation(_ x: Self) -> Self {
    _apply(x) { Rules.negate($0) }
  }
  /// |x|; derivative sign x, with abs′(0) = 0. `abs(x)` returns it.
  @inlinable public var magnitude: Self { Self._apply(self) { Rules.abs($0) } }
}

// MARK: - Comparison, literals and conversions

// Written once here for `Dual`, `MultiDual` and `Variable`.
extension _DerivativeCarrier {
  /// Compares values only: a branch `if x == y` takes the same path as on plain numbers.
  @inlinable public static func == (lhs: Self, rhs: Self) -> Bool { lhs.value == rhs.value }
  /// Compares values only, so branches in a cost take the same path as on plain numbers.
  @inlinable public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }
  // Comparable derives <=, > and >= from <, as !(rhs < lhs) and so on, which is true when a
  // value is NaN; comparing the values directly keeps every comparison false with NaN, as it is
  // for plain numbers, so that a branch takes the same path in every mode.
  /// Compares values only.
  @inlinable public static func <= (lhs: Self, rhs: Self) -> Bool { lhs.value <= rhs.value }
  /// Compares values only.
  @inlinable public static func > (lhs: Self, rhs: Self) -> Bool { lhs.value > rhs.value }
  /// Compares values only.
  @inlinable public static func >= (lhs: Self, rhs: Self) -> Bool { lhs.value >= rhs.value }

  /// A constant from an integer literal: `2 * x`.
  @inlinable public init(integerLiteral value: Base.IntegerLiteralType) {
    self.init(constant: Base(integerLiteral: value))
  }
  /// A constant from a floating-point literal: `x - 1.5`.
  @inlinable public init(floatLiteral value: Base.FloatLiteralType) {
    self.init(constant: Base(floatLiteral: value))
  }
  /// A constant from an integer, rounded to the nearest representable value.
  @inlinable public init(_ value: Int) { self.init(constant: Base(value)) }
  /// A constant from an integer, if the base type represents it exactly.
  @inlinable public init?<Source: BinaryInteger>(exactly source: Source) {
    guard let value = Base(exactly: source) else { return nil }
    self.init(constant: value)
  }
  /// A constant from a plain number: `S(x)` in a generic cost.
  @inlinable public init<Source: BinaryFloatingPoint>(_ value: Source) {
    self.init(constant: Base(value))
  }

  /// The value, with every derivative dropped, as a `Double`.
  @inlinable public var doubleValue: Double { value.doubleValue }
  /// `true` when the value is NaN.
  @inlinable public var isNaN: Bool { value.isNaN }
  /// `true` when the value is finite.
  @inlinable public var isFinite: Bool { value.isFinite }
}
