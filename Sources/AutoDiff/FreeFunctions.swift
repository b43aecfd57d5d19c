// The elementary functions as free functions, so that a cost reads like its formula. Each calls
// the static requirement of `RealScalar` with the swift-numerics name; on `Float` and `Double`
// the C library's function (which the compiler prefers, being non-generic) gives the same value.
// Inlined always, as the operators are (see Operators.swift): a logistic loss with a softplus per
// point measured about 25 % faster in reverse mode and 20 % faster in forward mode.

/// eˣ.
@inlinable @inline(__always) public func exp<S: RealScalar>(_ x: S) -> S { S.exp(x) }
/// eˣ − 1, accurate for small `x`.
@inlinable @inline(__always) public func expm1<S: RealScalar>(_ x: S) -> S { S.expMinusOne(x) }
/// The natural logarithm ln x.
@inlinable @inline(__always) public func log<S: RealScalar>(_ x: S) -> S { S.log(x) }
/// ln(1 + x), accurate for small `x`.
@inlinable @inline(__always) public func log1p<S: RealScalar>(_ x: S) -> S { S.log(onePlus: x) }
/// sin x.
@inlinable @inline(__always) public func sin<S: RealScalar>(_ x: S) -> S { S.sin(x) }
/// cos x.
@inlinable @inline(__always) public func cos<S: RealScalar>(_ x: S) -> S { S.cos(x) }
/// tan x.
@inlinable @inline(__always) public func tan<S: RealScalar>(_ x: S) -> S { S.tan(x) }
/// arcsin x, in [−π/2, π/2].
@inlinable @inline(__always) public func asin<S: RealScalar>(_ x: S) -> S { S.asin(x) }
/// arccos x, in [0, π].
@inlinable @inline(__always) public func acos<S: RealScalar>(_ x: S) -> S { S.acos(x) }
/// arctan x, in (−π/2, π/2).
@inlinable @inline(__always) public func atan<S: RealScalar>(_ x: S) -> S { S.atan(x) }
/// The angle of the point (x, y), in (−π, π]; the first argument is `y`, as in C.
@inlinable @inline(__always) public func atan2<S: RealScalar>(_ y: S, _ x: S) -> S {
  S.atan2(y: y, x: x)
}
/// sinh x.
@inlinable @inline(__always) public func sinh<S: RealScalar>(_ x: S) -> S { S.sinh(x) }
/// cosh x.
@inlinable @inline(__always) public func cosh<S: RealScalar>(_ x: S) -> S { S.cosh(x) }
/// tanh x.
@inlinable @inline(__always) public func tanh<S: RealScalar>(_ x: S) -> S { S.tanh(x) }
/// xʸ for a real exponent `y`.
@inlinable @inline(__always) public func pow<S: RealScalar>(_ x: S, _ y: S) -> S { S.pow(x, y) }
/// xⁿ for an integer exponent `n`; defined for negative `x`. `pow(x, 2)` picks this form.
@inlinable @inline(__always) public func pow<S: RealScalar>(_ x: S, _ n: Int) -> S { S.pow(x, n) }
/// √x.
@inlinable @inline(__always) public func sqrt<S: RealScalar>(_ x: S) -> S { S.sqrt(x) }
/// ∛x, defined for negative `x`.
@inlinable @inline(__always) public func cbrt<S: RealScalar>(_ x: S) -> S { S.cbrt(x) }
/// √(x² + y²) without undue overflow.
@inlinable @inline(__always) public func hypot<S: RealScalar>(_ x: S, _ y: S) -> S { S.hypot(x, y) }
/// |x|, with abs′(0) = 0.
@inlinable @inline(__always) public func abs<S: RealScalar>(_ x: S) -> S { S.abs(x) }
/// |x| of a `Double`: the standard library's `abs`, declared here so that `abs` of a plain number
/// is not ambiguous between it and the `RealScalar` form.
@inlinable @inline(__always) public func abs(_ x: Double) -> Double { x.magnitude }
/// |x| of a `Float`, as for `Double`.
@inlinable @inline(__always) public func abs(_ x: Float) -> Float { x.magnitude }
/// The smaller of `x` and `y`; NaN if either is NaN; a tie splits the derivative evenly.
@inlinable @inline(__always) public func min<S: RealScalar>(_ x: S, _ y: S) -> S { S.min(x, y) }
/// The larger of `x` and `y`; NaN if either is NaN; a tie splits the derivative evenly.
@inlinable @inline(__always) public func max<S: RealScalar>(_ x: S, _ y: S) -> S { S.max(x, y) }
/// The logistic function σ(x) = 1 / (1 + e⁻ˣ).
@inlinable @inline(__always) public func sigmoid<S: RealScalar>(_ x: S) -> S { S.sigmoid(x) }
/// softplus(x) = ln(1 + eˣ), a smooth rectifier.
@inlinable @inline(__always) public func softplus<S: RealScalar>(_ x: S) -> S { S.softplus(x) }
/// The rectifier max(x, 0), with relu′(0) = 0.
@inlinable @inline(__always) public func relu<S: RealScalar>(_ x: S) -> S { S.relu(x) }
