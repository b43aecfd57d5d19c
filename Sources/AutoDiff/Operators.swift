// The arithmetic operators of every `RealScalar`, declared once as free generic functions.
//
// A conforming type declares no `+ - * /` of its own: each operator below is then the only
// candidate for `Dual` and `Variable` operands, and `Float` and `Double` keep their own
// (non-generic, so preferred) operators. Keeping one candidate per operator is what lets a
// formula of a dozen operators and literals type-check in milliseconds. See `RealScalar`.

/// x + y.
@inlinable @inline(__always) public func + <S: RealScalar>(lhs: S, rhs: S) -> S { S.sum(lhs, rhs) }
/// x − y.
@inlinable @inline(__always) public func - <S: RealScalar>(lhs: S, rhs: S) -> S { S.difference(lhs, rhs) }
/// x · y.
@inlinable @inline(__always) public func * <S: RealScalar>(lhs: S, rhs: S) -> S { S.product(lhs, rhs) }
/// x / y.
@inlinable @inline(__always) public func / <S: RealScalar>(lhs: S, rhs: S) -> S { S.quotient(lhs, rhs) }
/// −x.
@inlinable @inline(__always) public prefix func - <S: RealScalar>(operand: S) -> S { S.negation(operand) }
/// +x, which is x.
@inlinable @inline(__always) public prefix func + <S: RealScalar>(operand: S) -> S { operand }
/// x = x + y.
@inlinable @inline(__always) public func += <S: RealScalar>(lhs: inout S, rhs: S) { lhs = S.sum(lhs, rhs) }
/// x = x − y.
@inlinable @inline(__always) public func -= <S: RealScalar>(lhs: inout S, rhs: S) { lhs = S.difference(lhs, rhs) }
/// x = x · y.
@inlinable @inline(__always) public func *= <S: RealScalar>(lhs: inout S, rhs: S) { lhs = S.product(lhs, rhs) }
/// x = x / y.
@inlinable @inline(__always) public func /= <S: RealScalar>(lhs: inout S, rhs: S) { lhs = S.quotient(lhs, rhs) }
