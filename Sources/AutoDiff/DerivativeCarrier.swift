/// A number that carries derivatives and applies the rules of `Rules` to propagate them:
/// ``Dual`` in forward mode, ``Variable`` in reverse mode.
///
/// This protocol writes the elementary functions of ``RealScalar`` once for every such type; a
/// conforming type supplies only how it applies a unary and a binary rule. It is an
/// implementation detail, public only so that the functions inline into a user's code.
public protocol _DerivativeCarrier: RealScalar {
  /// The number the value and the partial derivatives are computed in.
  associatedtype Base: RealScalar

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
  @inlinable public static func exp(_ x: Self) -> Self { _apply(x) { Rules.exp($0) } }
  /// eˣ − 1; derivative eˣ = y + 1.
  @inlinable public static func expMinusOne(_ x: Self) -> Self {
    _apply(x) { Rules.expMinusOne($0) }
  }
  /// ln x; derivative 1/x (NaN for x < 0, where ln x is NaN).
  @inlinable public static func log(_ x: Self) -> Self { _apply(x) { Rules.log($0) } }
  /// ln(1 + x); derivative 1/(1 + x) (NaN for x < −1).
  @inlinable public static func log(onePlus x: Self) -> Self { _apply(x) { Rules.logOnePlus($0) } }
  /// sin x; derivative cos x.
  @inlinable public static func sin(_ x: Self) -> Self { _apply(x) { Rules.sin($0) } }
  /// cos x; derivative −sin x.
  @inlinable public static func cos(_ x: Self) -> Self { _apply(x) { Rules.cos($0) } }
  /// tan x; derivative 1 + tan² x.
  @inlinable public static func tan(_ x: Self) -> Self { _apply(x) { Rules.tan($0) } }
  /// arcsin x; derivative 1/√(1 − x²).
  @inlinable public static func asin(_ x: Self) -> Self { _apply(x) { Rules.asin($0) } }
  /// arccos x; derivative −1/√(1 − x²).
  @inlinable public static func acos(_ x: Self) -> Self { _apply(x) { Rules.acos($0) } }
  /// arctan x; derivative 1/(1 + x²).
  @inlinable public static func atan(_ x: Self) -> Self { _apply(x) { Rules.atan($0) } }
  /// atan2(y, x); ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²) (NaN at the origin).
  @inlinable public static func atan2(y: Self, x: Self) -> Self {
    _apply(y, x) { Rules.atan2($0, $1) }
  }
  /// sinh x; derivative cosh x.
  @inlinable public static func sinh(_ x: Self) -> Self { _apply(x) { Rules.sinh($0) } }
  /// cosh x; derivative sinh x.
  @inlinable public static func cosh(_ x: Self) -> Self { _apply(x) { Rules.cosh($0) } }
  /// tanh x; derivative 1 − tanh² x.
  @inlinable public static func tanh(_ x: Self) -> Self { _apply(x) { Rules.tanh($0) } }
  /// xʸ; ∂/∂x = y xʸ⁻¹ (0 for y = 0), ∂/∂y = xʸ ln x (0 for x = 0); see <doc:Conventions>.
  @inlinable public static func pow(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.pow($0, $1) }
  }
  /// xⁿ; derivative n xⁿ⁻¹ (0 for n = 0).
  @inlinable public static func pow(_ x: Self, _ n: Int) -> Self {
    _apply(x) { Rules.pow($0, n) }
  }
  /// √x; derivative 1/(2√x), +∞ at 0.
  @inlinable public static func sqrt(_ x: Self) -> Self { _apply(x) { Rules.sqrt($0) } }
  /// ∛x; derivative 1/(3∛x²), +∞ at 0.
  @inlinable public static func cbrt(_ x: Self) -> Self { _apply(x) { Rules.cbrt($0) } }
  /// √(x² + y²); ∂/∂x = x/√(x² + y²), ∂/∂y = y/√(x² + y²), both 0 at the origin.
  @inlinable public static func hypot(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.hypot($0, $1) }
  }
  /// min(x, y); partial 1 for the smaller argument, 0 for the other, ½ each on a tie.
  @inlinable public static func min(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.min($0, $1) }
  }
  /// max(x, y); partial 1 for the larger argument, 0 for the other, ½ each on a tie.
  @inlinable public static func max(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.max($0, $1) }
  }
  /// σ(x) = 1/(1 + e⁻ˣ); derivative σ(x)(1 − σ(x)).
  @inlinable public static func sigmoid(_ x: Self) -> Self { _apply(x) { Rules.sigmoid($0) } }
  /// ln(1 + eˣ); derivative σ(x).
  @inlinable public static func softplus(_ x: Self) -> Self { _apply(x) { Rules.softplus($0) } }
  /// max(x, 0); derivative 1 for x > 0, else 0 (relu′(0) = 0).
  @inlinable public static func relu(_ x: Self) -> Self { _apply(x) { Rules.relu($0) } }

  // MARK: Arithmetic (the free operators call these)

  /// x + y; partials 1 and 1.
  @inlinable public static func sum(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.add($0, $1) }
  }
  /// x − y; partials 1 and −1.
  @inlinable public static func difference(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.subtract($0, $1) }
  }
  /// x · y; partials y and x.
  @inlinable public static func product(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.multiply($0, $1) }
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable public static func quotient(_ x: Self, _ y: Self) -> Self {
    _apply(x, y) { Rules.divide($0, $1) }
  }
  /// −x; derivative −1.
  @inlinable public static func negation(_ x: Self) -> Self { _apply(x) { Rules.negate($0) } }
  /// |x|; derivative sign x, with abs′(0) = 0.
  @inlinable public static func abs(_ x: Self) -> Self { _apply(x) { Rules.abs($0) } }
}
