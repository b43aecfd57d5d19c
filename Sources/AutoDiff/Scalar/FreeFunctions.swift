// The elementary functions as free functions, so that a cost reads like its formula. Each calls
// the static requirement of `RealScalar` (swift-numerics' name behind an underscore).
//
// On plain `Float` and `Double` these must change nothing, in value or in type-checking time:
//
// - Each is `@_disfavoredOverload`, so on a `Double` the C library's function (`exp(Double)`) or
//   the standard library's generic one (Foundation's `sqrt`) is chosen, as without Descent.
// - Each takes its arguments as `@autoclosure () -> S`, only to keep plain expressions fast to
//   type-check. A parameter of type `S` made the solver try this overload, first, at every `sin`
//   of every `Double` expression in a file that imports Descent (a haversine took twice as long);
//   the solver's overload optimizer leaves a choice whose parameter is a function type out of its
//   favored set, so for a `Double` argument the concrete function is tried first and the generic
//   one is cut off by its worse score. The closure is inlined away: in an optimized build the
//   call is the same as with a plain parameter. `scripts/typecheck-budget.sh` measures it.
// - `min` and `max` are not disfavored: the standard library's `min` and `max` also accept a
//   `Variable`, and Descent's must win there to keep its tie convention. On `Float` and `Double`
//   they compute exactly the standard library's bits, `y < x ? y : x` and `y >= x ? y : x`.
//
// - There is no `abs` here: the standard library's `abs` of a `SignedNumeric` returns its
//   `magnitude`, which for `Dual` and `Variable` takes the derivative from the rules table.
//
// Inlined always, as the operators are: a logistic loss with a softplus per point measured about
// 25 % faster in reverse mode and 20 % faster in forward mode.

/// eˣ.
@inlinable @inline(__always) @_disfavoredOverload public func exp<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._exp(x()) }
/// eˣ − 1, accurate for small `x`.
@inlinable @inline(__always) @_disfavoredOverload public func expm1<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._expMinusOne(x()) }
/// The natural logarithm ln x.
@inlinable @inline(__always) @_disfavoredOverload public func log<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._log(x()) }
/// ln(1 + x), accurate for small `x`.
@inlinable @inline(__always) @_disfavoredOverload public func log1p<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._log(onePlus: x()) }
/// sin x.
@inlinable @inline(__always) @_disfavoredOverload public func sin<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._sin(x()) }
/// cos x.
@inlinable @inline(__always) @_disfavoredOverload public func cos<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._cos(x()) }
/// tan x.
@inlinable @inline(__always) @_disfavoredOverload public func tan<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._tan(x()) }
/// arcsin x, in [−π/2, π/2].
@inlinable @inline(__always) @_disfavoredOverload public func asin<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._asin(x()) }
/// arccos x, in [0, π].
@inlinable @inline(__always) @_disfavoredOverload public func acos<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._acos(x()) }
/// arctan x, in (−π/2, π/2).
@inlinable @inline(__always) @_disfavoredOverload public func atan<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._atan(x()) }
/// The angle of the point (x, y), in (−π, π]; the first argument is `y`, as in C.
@inlinable @inline(__always) @_disfavoredOverload public func atan2<S: RealScalar>(
  _ y: @autoclosure () -> S, _ x: @autoclosure () -> S
) -> S {
  S._atan2(y: y(), x: x())
}
/// sinh x.
@inlinable @inline(__always) @_disfavoredOverload public func sinh<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._sinh(x()) }
/// cosh x.
@inlinable @inline(__always) @_disfavoredOverload public func cosh<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._cosh(x()) }
/// tanh x.
@inlinable @inline(__always) @_disfavoredOverload public func tanh<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._tanh(x()) }
/// xʸ for a real exponent `y`.
@inlinable @inline(__always) @_disfavoredOverload public func pow<S: RealScalar>(
  _ x: @autoclosure () -> S, _ y: @autoclosure () -> S
) -> S { S._pow(x(), y()) }
/// xⁿ for an integer exponent `n`; defined for negative `x`. `pow(x, 2)` picks this form.
@inlinable @inline(__always) @_disfavoredOverload public func pow<S: RealScalar>(
  _ x: @autoclosure () -> S, _ n: Int
) -> S { S._pow(x(), n) }
/// √x.
@inlinable @inline(__always) @_disfavoredOverload public func sqrt<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._sqrt(x()) }
/// ∛x, defined for negative `x`.
@inlinable @inline(__always) @_disfavoredOverload public func cbrt<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._cbrt(x()) }
/// √(x² + y²) without undue overflow.
@inlinable @inline(__always) @_disfavoredOverload public func hypot<S: RealScalar>(
  _ x: @autoclosure () -> S, _ y: @autoclosure () -> S
) -> S { S._hypot(x(), y()) }
/// The smaller of `x` and `y`, `y < x ? y : x` as the standard library's `min`: with a NaN the
/// first argument is returned. The derivative goes to the argument returned; a tie splits it
/// evenly.
@inlinable @inline(__always) public func min<S: RealScalar>(
  _ x: @autoclosure () -> S, _ y: @autoclosure () -> S
) -> S { S._min(x(), y()) }
/// The larger of `x` and `y`, `y >= x ? y : x` as the standard library's `max`: with a NaN the
/// first argument is returned. The derivative goes to the argument returned; a tie splits it
/// evenly.
@inlinable @inline(__always) public func max<S: RealScalar>(
  _ x: @autoclosure () -> S, _ y: @autoclosure () -> S
) -> S { S._max(x(), y()) }
/// The error function erf x = (2/√π) ∫₀ˣ e^(−t²) dt; Φ(x) = (1 + erf(x/√2))/2 is the standard
/// normal CDF.
@inlinable @inline(__always) @_disfavoredOverload public func erf<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S {
  S._erf(x())
}
/// The logistic function σ(x) = 1 / (1 + e⁻ˣ).
@inlinable @inline(__always) @_disfavoredOverload public func sigmoid<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._sigmoid(x()) }
/// softplus(x) = ln(1 + eˣ), a smooth rectifier.
@inlinable @inline(__always) @_disfavoredOverload public func softplus<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._softplus(x()) }
/// The rectifier max(x, 0), with relu′(0) = 0.
@inlinable @inline(__always) @_disfavoredOverload public func relu<S: RealScalar>(
  _ x: @autoclosure () -> S
) -> S { S._relu(x()) }
