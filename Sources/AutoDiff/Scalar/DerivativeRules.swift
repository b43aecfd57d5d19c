/// The derivative of every function in the ``RealScalar`` vocabulary, each written once.
///
/// A unary rule returns the value y = f(x) and the local derivative f′(x); a binary rule returns
/// z = f(x, y) and the partials ∂z/∂x, ∂z/∂y. ``Dual`` multiplies the partials by tangents
/// (forward mode); ``Variable`` stores them on the tape for the backward sweep (reverse mode).
/// Because the rules are generic over `RealScalar`, the same line also differentiates nested
/// numbers (`Dual<Dual<Double>>`, `Variable<Dual<Double>>`, …).
///
/// Where it is cheaper or more accurate, a derivative is expressed through the output:
/// exp′ = y, tanh′ = 1 − y², σ′ = y (1 − y). Points where a function is not differentiable follow
/// the conventions in <doc:Conventions>; each such line says so.
///
/// The rules of exp, expm1, tanh and sigmoid are always inlined: the array kernels evaluate them
/// with implementations written to vectorize, which a call per element would defeat.
@usableFromInline
enum Rules {
  @usableFromInline typealias Unary<S> = (value: S, derivative: S)
  @usableFromInline typealias Binary<S> = (value: S, dx: S, dy: S)

  // MARK: - Arithmetic

  @inlinable static func add<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> { (x + y, 1, 1) }
  @inlinable static func subtract<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> { (x - y, 1, -1) }
  @inlinable static func multiply<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> { (x * y, y, x) }
  @inlinable static func negate<S: RealScalar>(_ x: S) -> Unary<S> { (-x, -1) }

  /// z = x / y, ∂z/∂x = 1 / y, ∂z/∂y = −z / y.
  ///
  /// Special case: ∂z/∂y is written −z / y, not −x / y², because y² overflows (or underflows to
  /// zero) long before x / y does; both are the same number in exact arithmetic.
  @inlinable static func divide<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> {
    let z = x / y
    return (z, 1 / y, -z / y)
  }

  // MARK: - Exponentials and logarithms

  @inlinable @inline(__always) static func exp<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._exp(x)
    return (y, y)
  }
  @inlinable @inline(__always) static func expMinusOne<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._expMinusOne(x)
    return (y, y + 1)
  }
  /// y = ln x, y′ = 1 / x. Special case: for x < 0, where y is NaN, y′ is NaN too (the NaN y
  /// itself), not the finite 1 / x.
  @inlinable static func log<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._log(x)
    return (y, y.isNaN ? y : 1 / x)
  }
  /// y = ln(1 + x), y′ = 1 / (1 + x); NaN for x < −1, where y is NaN, as for `log`.
  @inlinable static func logOnePlus<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._log(onePlus: x)
    return (y, y.isNaN ? y : 1 / (1 + x))
  }

  // MARK: - Trigonometry

  @inlinable static func sin<S: RealScalar>(_ x: S) -> Unary<S> { (S._sin(x), S._cos(x)) }
  @inlinable static func cos<S: RealScalar>(_ x: S) -> Unary<S> { (S._cos(x), -S._sin(x)) }
  @inlinable static func tan<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._tan(x)
    return (y, 1 + y * y)
  }
  @inlinable static func asin<S: RealScalar>(_ x: S) -> Unary<S> {
    (S._asin(x), 1 / S._sqrt(1 - x * x))
  }
  @inlinable static func acos<S: RealScalar>(_ x: S) -> Unary<S> {
    (S._acos(x), -1 / S._sqrt(1 - x * x))
  }
  @inlinable static func atan<S: RealScalar>(_ x: S) -> Unary<S> { (S._atan(x), 1 / (1 + x * x)) }

  /// z = atan2(y, x), ∂z/∂y = x / (x² + y²), ∂z/∂x = −y / (x² + y²); NaN at the origin.
  /// The first argument is `y`, as in C.
  @inlinable static func atan2<S: RealScalar>(_ y: S, _ x: S) -> Binary<S> {
    let r2 = x * x + y * y
    return (S._atan2(y: y, x: x), x / r2, -y / r2)
  }

  // MARK: - Hyperbolic functions

  @inlinable static func sinh<S: RealScalar>(_ x: S) -> Unary<S> { (S._sinh(x), S._cosh(x)) }
  @inlinable static func cosh<S: RealScalar>(_ x: S) -> Unary<S> { (S._cosh(x), S._sinh(x)) }
  @inlinable @inline(__always) static func tanh<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._tanh(x)
    return (y, tanhDerivative(output: y))
  }
  /// tanh′ through the output, 1 − y², for the array kernels, which compute a chunk of values
  /// y = tanh x first (`ElementwiseFunction.Tanh`); ``tanh(_:)`` above uses the same line.
  @inlinable static func tanhDerivative<S: RealScalar>(output y: S) -> S { 1 - y * y }

  // MARK: - Powers and roots

  /// y = √x, y′ = 1 / (2y): +∞ at 0, by IEEE division.
  @inlinable static func sqrt<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._sqrt(x)
    return (y, 1 / (2 * y))
  }
  /// y = ∛x, y′ = 1 / (3y²): +∞ at 0.
  @inlinable static func cbrt<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._cbrt(x)
    return (y, 1 / (3 * y * y))
  }

  /// y = xⁿ, y′ = n xⁿ⁻¹. Special case: n = 0 gives y′ = 0 everywhere, where the formula would
  /// form 0 · 0⁻¹ = NaN at x = 0.
  @inlinable static func pow<S: RealScalar>(_ x: S, _ n: Int) -> Unary<S> {
    if n == 0 { return (1, 0) }
    return (S._pow(x, n), S(n) * S._pow(x, n - 1))
  }

  /// z = xʸ, ∂z/∂x = y xʸ⁻¹, ∂z/∂y = xʸ ln x.
  ///
  /// Special cases: y = 0 at x = 0 or x = NaN gives ∂z/∂x = 0 (x⁰ is constant; the formula
  /// would form 0 · 0⁻¹ = 0 · ∞ at x = 0, and NaN at NaN), and x = 0 gives ∂z/∂y = 0 (the limit
  /// from x > 0; the formula would form 0 · −∞). For x < 0, xʸ is real only at integer y, where
  /// it does not vary continuously with y: ∂z/∂y is 0 there (PyTorch and JAX give NaN), and NaN
  /// with the value elsewhere. A NaN partial would make the modes disagree where y's tangent
  /// cancels to exactly zero (`pow(-2.5, x - x)`): forward mode skips the term, reverse mode
  /// spreads the NaN.
  ///
  /// At y = 0 and any other x the formula itself is used, y · x⁻¹ = 0: it is the same number,
  /// and when y carries a derivative (nested modes) it keeps the mixed partial
  /// ∂²z/∂x∂y = xʸ⁻¹ (1 + y ln x) = 1/x, which a constant 0 would drop.
  @inlinable static func pow<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> {
    let z = S._pow(x, y)
    let dx: S = y == 0 && (x == 0 || x.isNaN) ? 0 : y * S._pow(x, y - 1)
    let dy: S = x == 0 || (x < 0 && !z.isNaN) ? 0 : z * S._log(x)
    return (z, dx, dy)
  }

  /// z = √(x² + y²), ∂z/∂x = x / z, ∂z/∂y = y / z. At the origin both partials are 0, the
  /// convention of `abs′(0) = 0` (hypot(x, 0) = |x|).
  @inlinable static func hypot<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> {
    let z = S._hypot(x, y)
    if z == 0 { return (z, 0, 0) }
    return (z, x / z, y / z)
  }

  // MARK: - Special functions

  /// y = erf x, y′ = (2/√π) e^(−x²).
  @inlinable static func erf<S: RealScalar>(_ x: S) -> Unary<S> {
    (S._erf(x), 1.1283791670955126 * S._exp(-(x * x)))
  }

  // MARK: - Piecewise functions

  /// y = |x|, y′ = sign x, with abs′(0) = 0 (the subgradient of least norm).
  @inlinable static func abs<S: RealScalar>(_ x: S) -> Unary<S> { (x.magnitude, S.signum(x)) }

  /// z = min(x, y) = `y < x ? y : x`, the standard library's `min`; the partial is 1 for the
  /// argument returned and 0 for the other, ½ each on a tie (as PyTorch's `minimum` and JAX).
  ///
  /// Special case: with a NaN the comparison is false and `x` is returned, as on plain numbers
  /// (`min(2, .nan)` is 2); its partial is 1, the derivative of the branch that ran.
  @inlinable static func min<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> {
    if y < x { return (y, 0, 1) }
    if x == y { return (x, 0.5, 0.5) }
    return (x, 1, 0)
  }

  /// z = max(x, y) = `y >= x ? y : x`, the standard library's `max`; the partial is 1 for the
  /// argument returned and 0 for the other, ½ each on a tie.
  ///
  /// Special case: with a NaN the comparison is false and `x` is returned, as on plain numbers
  /// (`max(1, .nan)` is 1); its partial is 1.
  @inlinable static func max<S: RealScalar>(_ x: S, _ y: S) -> Binary<S> {
    if x == y { return (y, 0.5, 0.5) }
    if y > x { return (y, 0, 1) }
    return (x, 1, 0)
  }

  /// y = max(x, 0), y′ = 1 for x > 0 and 0 otherwise: relu′(0) = 0.
  @inlinable static func relu<S: RealScalar>(_ x: S) -> Unary<S> {
    if x > 0 { return (x, 1) }
    if x.isNaN { return (x, x) }
    return (0, 0)
  }

  // MARK: - Activations

  /// y = σ(x), y′ = y (1 − y).
  @inlinable @inline(__always) static func sigmoid<S: RealScalar>(_ x: S) -> Unary<S> {
    let y = S._sigmoid(x)
    return (y, y * (1 - y))
  }
  /// y = ln(1 + eˣ), y′ = σ(x).
  @inlinable static func softplus<S: RealScalar>(_ x: S) -> Unary<S> {
    (S._softplus(x), S._sigmoid(x))
  }
}
