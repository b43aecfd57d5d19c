// Arithmetic for `MultiDual`: the requirements of `SignedNumeric` and `RealScalar`. Comparison,
// literals and the elementary functions come from `_DerivativeCarrier`; every derivative comes
// from `Rules` through the carrier's `_sum`, `_product`, ….
//
// Declared on `MultiDual` itself, as for `Dual` (see Dual+Arithmetic.swift), and inlined always:
// left to the inliner, these operations, with a loop over N tangents inside, stayed calls for
// N = 16, each copying its 136-byte operands, which measured twice as slow per evaluation of the
// Rosenbrock function. (The elementary functions stay calls for large N; their libm call costs
// more than the copy.)
extension MultiDual {
  /// x + y; partials 1 and 1.
  @inlinable @inline(__always) public static func + (lhs: MultiDual, rhs: MultiDual) -> MultiDual {
    _sum(lhs, rhs)
  }
  /// x − y; partials 1 and −1.
  @inlinable @inline(__always) public static func - (lhs: MultiDual, rhs: MultiDual) -> MultiDual {
    _difference(lhs, rhs)
  }
  /// x · y; partials y and x.
  @inlinable @inline(__always) public static func * (lhs: MultiDual, rhs: MultiDual) -> MultiDual {
    _product(lhs, rhs)
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable @inline(__always) public static func / (lhs: MultiDual, rhs: MultiDual) -> MultiDual {
    _quotient(lhs, rhs)
  }
  /// −x; derivative −1. (`SignedNumeric`'s default, 0 − x, would give +0 for −(+0).)
  @inlinable @inline(__always) public static prefix func - (operand: MultiDual) -> MultiDual {
    _negation(operand)
  }
  /// x = x + y.
  @inlinable @inline(__always) public static func += (lhs: inout MultiDual, rhs: MultiDual) {
    lhs = lhs + rhs
  }
  /// x = x − y.
  @inlinable @inline(__always) public static func -= (lhs: inout MultiDual, rhs: MultiDual) {
    lhs = lhs - rhs
  }
  /// x = x · y.
  @inlinable @inline(__always) public static func *= (lhs: inout MultiDual, rhs: MultiDual) {
    lhs = lhs * rhs
  }
  /// x = x / y.
  @inlinable @inline(__always) public static func /= (lhs: inout MultiDual, rhs: MultiDual) {
    lhs = lhs / rhs
  }
}
