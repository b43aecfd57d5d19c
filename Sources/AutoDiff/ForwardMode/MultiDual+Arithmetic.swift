// Arithmetic for `MultiDual`. Comparison, literals and the elementary functions come from
// `_DerivativeCarrier`; every derivative comes from `Rules`.

// The operations of every formula, declared again here only to force inlining: the protocol
// extension's `@inlinable` versions, with a loop over N tangents inside, stayed calls for N = 16,
// each copying its 136-byte operands, which measured twice as slow per evaluation of the
// Rosenbrock function. The derivatives are still those of `Rules`. (The elementary functions
// stay calls for large N; their libm call costs more than the copy.)
extension MultiDual {
  /// x + y; partials 1 and 1.
  @inlinable @inline(__always)
  public static func _sum(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.add($0, $1) }
  }
  /// x − y; partials 1 and −1.
  @inlinable @inline(__always)
  public static func _difference(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.subtract($0, $1) }
  }
  /// x · y; partials y and x.
  @inlinable @inline(__always)
  public static func _product(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.multiply($0, $1) }
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable @inline(__always)
  public static func _quotient(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.divide($0, $1) }
  }
  /// −x; derivative −1.
  @inlinable @inline(__always)
  public static func _negation(_ x: MultiDual) -> MultiDual {
    _apply(x) { Rules.negate($0) }
  }
}
