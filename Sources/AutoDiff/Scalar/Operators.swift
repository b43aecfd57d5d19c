// The arithmetic operators of every `RealScalar`, declared once as free generic functions.
//
// A conforming type declares no `+ - * /` of its own: each operator below is then the only
// candidate for `Dual` and `Variable` operands, and `Float` and `Double` keep their own
// (non-generic, so preferred) operators. Keeping one candidate per operator is what lets a
// formula of a dozen operators and literals type-check in milliseconds. See `RealScalar`.
//
// Each operator is a one-line forwarder, inlined always: left to the inliner's judgment, the
// forwarder of a `MultiDual` operation (whose body loops over N tangents) stayed a call in a
// cost's loop, which measured about 4 times slower on `linreg_grad`; with the forwarder gone the
// operation itself inlines. Reverse and single-tangent forward mode measured the same either way.

/// x + y.
@inlinable @inline(__always) public func + <S: RealScalar>(lhs: S, rhs: S) -> S { S._sum(lhs, rhs) }
/// x − y.
@inlinable @inline(__always) public func - <S: RealScalar>(lhs: S, rhs: S) -> S {
  S._difference(lhs, rhs)
}
/// x · y.
@inlinable @inline(__always) public func * <S: RealScalar>(lhs: S, rhs: S) -> S {
  S._product(lhs, rhs)
}
/// x / y.
@inlinable @inline(__always) public func / <S: RealScalar>(lhs: S, rhs: S) -> S {
  S._quotient(lhs, rhs)
}
/// −x.
@inlinable @inline(__always) public prefix func - <S: RealScalar>(operand: S) -> S {
  S._negation(operand)
}
/// +x, which is x.
@inlinable @inline(__always) public prefix func + <S: RealScalar>(operand: S) -> S { operand }
/// x = x + y.
@inlinable @inline(__always) public func += <S: RealScalar>(lhs: inout S, rhs: S) {
  lhs = S._sum(lhs, rhs)
}
/// x = x − y.
@inlinable @inline(__always) public func -= <S: RealScalar>(lhs: inout S, rhs: S) {
  lhs = S._difference(lhs, rhs)
}
/// x = x · y.
@inlinable @inline(__always) public func *= <S: RealScalar>(lhs: inout S, rhs: S) {
  lhs = S._product(lhs, rhs)
}
/// x = x / y.
@inlinable @inline(__always) public func /= <S: RealScalar>(lhs: inout S, rhs: S) {
  lhs = S._quotient(lhs, rhs)
}
