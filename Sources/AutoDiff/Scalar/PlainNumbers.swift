// Plain numbers in a cost: how a `Double` from the data meets a number that carries derivatives.
//
// - Beside a `Variable<T>`, `Dual<T>` or `MultiDual<T, N>`, a plain `T` mixes in directly:
//   `p[0] * xs[i] + p[1] - ys[i]`, `total / Double(n)`. The plain number is a constant; the
//   derivative of each operation comes from `Rules`, as for two carriers.
// - In a cost generic over `S: RealScalar`, a plain `Double` (or `Float`, or an `Int` count) is a
//   different type from `S`, and Swift does not convert it: write `S(x)`. The unavailable
//   operators at the end of this file exist only so that the compiler's first error says so,
//   instead of a list of unrelated candidates (`Duration`, `SIMD`, `Stride`).
//
// Type-checking: the mixed operators are generic over the carrier, so a plain `Double + Double`
// rejects them at once (a `Double` is no carrier), and they are disfavored, so `2 * x` keeps
// reading its literal as a constant of `x`'s own type. Unavailable declarations take part only
// when an expression has already failed to type-check, so they cost nothing in code that
// compiles. `scripts/typecheck-budget.sh` measures both.

// MARK: - A carrier and a plain number of its base type

/// x + c, for a constant c; derivative 1.
@inlinable @inline(__always) @_disfavoredOverload
public func + <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> C {
  C._apply(lhs) {
    let r = Rules.add($0, rhs); return (r.value, r.dx)
  }
}
/// c + x, for a constant c; derivative 1.
@inlinable @inline(__always) @_disfavoredOverload
public func + <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> C {
  C._apply(rhs) {
    let r = Rules.add(lhs, $0); return (r.value, r.dy)
  }
}
/// x − c, for a constant c; derivative 1.
@inlinable @inline(__always) @_disfavoredOverload
public func - <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> C {
  C._apply(lhs) {
    let r = Rules.subtract($0, rhs); return (r.value, r.dx)
  }
}
/// c − x, for a constant c; derivative −1.
@inlinable @inline(__always) @_disfavoredOverload
public func - <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> C {
  C._apply(rhs) {
    let r = Rules.subtract(lhs, $0); return (r.value, r.dy)
  }
}
/// x · c, for a constant c; derivative c.
@inlinable @inline(__always) @_disfavoredOverload
public func * <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> C {
  C._apply(lhs) {
    let r = Rules.multiply($0, rhs); return (r.value, r.dx)
  }
}
/// c · x, for a constant c; derivative c.
@inlinable @inline(__always) @_disfavoredOverload
public func * <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> C {
  C._apply(rhs) {
    let r = Rules.multiply(lhs, $0); return (r.value, r.dy)
  }
}
/// x / c, for a constant c; derivative 1/c.
@inlinable @inline(__always) @_disfavoredOverload
public func / <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> C {
  C._apply(lhs) {
    let r = Rules.divide($0, rhs); return (r.value, r.dx)
  }
}
/// c / x, for a constant c; derivative −(c/x)/x.
@inlinable @inline(__always) @_disfavoredOverload
public func / <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> C {
  C._apply(rhs) {
    let r = Rules.divide(lhs, $0); return (r.value, r.dy)
  }
}
/// x = x + c.
@inlinable @inline(__always) @_disfavoredOverload
public func += <C: _DerivativeCarrier>(lhs: inout C, rhs: C.Base) { lhs = lhs + rhs }
/// x = x − c.
@inlinable @inline(__always) @_disfavoredOverload
public func -= <C: _DerivativeCarrier>(lhs: inout C, rhs: C.Base) { lhs = lhs - rhs }
/// x = x · c.
@inlinable @inline(__always) @_disfavoredOverload
public func *= <C: _DerivativeCarrier>(lhs: inout C, rhs: C.Base) { lhs = lhs * rhs }
/// x = x / c.
@inlinable @inline(__always) @_disfavoredOverload
public func /= <C: _DerivativeCarrier>(lhs: inout C, rhs: C.Base) { lhs = lhs / rhs }

/// Compares the value with a plain number.
@inlinable @inline(__always) @_disfavoredOverload
public func < <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> Bool { lhs.value < rhs }
/// Compares the value with a plain number.
@inlinable @inline(__always) @_disfavoredOverload
public func < <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> Bool { lhs < rhs.value }
/// Compares the value with a plain number.
@inlinable @inline(__always) @_disfavoredOverload
public func > <C: _DerivativeCarrier>(lhs: C, rhs: C.Base) -> Bool { lhs.value > rhs }
/// Compares the value with a plain number.
@inlinable @inline(__always) @_disfavoredOverload
public func > <C: _DerivativeCarrier>(lhs: C.Base, rhs: C) -> Bool { lhs > rhs.value }

// MARK: - Plain numbers in a generic cost: the error that names the fix

@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func + <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func + <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func - <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func - <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func * <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func * <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func / <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func / <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }

@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func + <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func + <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func - <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func - <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func * <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func * <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func / <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func / <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a generic cost as a constant: write S(x), where S is the cost's generic parameter"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }

@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func + <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func + <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func - <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func - <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func * <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func * <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func / <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func / <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost, or Double(n) beside a Variable<Double>"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }

// MARK: - A plain accumulator

@available(
  *, unavailable,
  message:
    "a plain Double cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Double> = 0 in a closure"
)
public func += <S: RealScalar>(lhs: inout Double, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Double cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Double> = 0 in a closure"
)
public func -= <S: RealScalar>(lhs: inout Double, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Float cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Float> = 0 in a closure"
)
public func += <S: RealScalar>(lhs: inout Float, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Float cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Float> = 0 in a closure"
)
public func -= <S: RealScalar>(lhs: inout Float, rhs: S) { fatalError() }
