// Arithmetic for `Variable`: the requirements of `SignedNumeric` and `RealScalar`. Comparison,
// literals and the elementary functions come from `_DerivativeCarrier`; every derivative comes
// from `Rules` through the carrier's `_sum`, `_product`, ….
//
// Declared on `Variable` itself rather than once for every carrier in a protocol extension: the type
// checker's overload optimizer favors an operator whose parameters are exactly `Variable`, which it
// does not do for one generic over the carrier, and a formula such as
// `100 * exp(-k) + 4 * exp(-k) - 0.5 * k * k` type-checks several times faster.
extension Variable {
  /// x + y; partials 1 and 1.
  @inlinable @inline(__always) public static func + (lhs: Variable, rhs: Variable) -> Variable {
    _sum(lhs, rhs)
  }
  /// x − y; partials 1 and −1.
  @inlinable @inline(__always) public static func - (lhs: Variable, rhs: Variable) -> Variable {
    _difference(lhs, rhs)
  }
  /// x · y; partials y and x.
  @inlinable @inline(__always) public static func * (lhs: Variable, rhs: Variable) -> Variable {
    _product(lhs, rhs)
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable @inline(__always) public static func / (lhs: Variable, rhs: Variable) -> Variable {
    _quotient(lhs, rhs)
  }
  /// −x; derivative −1. (`SignedNumeric`'s default, 0 − x, would give +0 for −(+0).)
  @inlinable @inline(__always) public static prefix func - (operand: Variable) -> Variable {
    _negation(operand)
  }
  /// x = x + y.
  @inlinable @inline(__always) public static func += (lhs: inout Variable, rhs: Variable) {
    lhs = lhs + rhs
  }
  /// x = x − y.
  @inlinable @inline(__always) public static func -= (lhs: inout Variable, rhs: Variable) {
    lhs = lhs - rhs
  }
  /// x = x · y.
  @inlinable @inline(__always) public static func *= (lhs: inout Variable, rhs: Variable) {
    lhs = lhs * rhs
  }
  /// x = x / y.
  @inlinable @inline(__always) public static func /= (lhs: inout Variable, rhs: Variable) {
    lhs = lhs / rhs
  }
}
