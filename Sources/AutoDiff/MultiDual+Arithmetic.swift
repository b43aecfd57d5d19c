// Arithmetic, comparison and literals for `MultiDual`. The elementary functions come from
// `_DerivativeCarrier`; every derivative comes from `Rules`.

// The operations of every formula, declared again here only to force inlining: the protocol
// extension's `@inlinable` versions, with a loop over N tangents inside, stayed calls for N = 16,
// each copying its 136-byte operands, which measured twice as slow per evaluation of the
// Rosenbrock function. The derivatives are still those of `Rules`. (The elementary functions
// stay calls for large N; their libm call costs more than the copy.)
extension MultiDual {
  /// x + y; partials 1 and 1.
  @inlinable @inline(__always)
  public static func sum(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.add($0, $1) }
  }
  /// x − y; partials 1 and −1.
  @inlinable @inline(__always)
  public static func difference(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.subtract($0, $1) }
  }
  /// x · y; partials y and x.
  @inlinable @inline(__always)
  public static func product(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.multiply($0, $1) }
  }
  /// x / y; partials 1/y and −(x/y)/y.
  @inlinable @inline(__always)
  public static func quotient(_ x: MultiDual, _ y: MultiDual) -> MultiDual {
    _apply(x, y) { Rules.divide($0, $1) }
  }
  /// −x; derivative −1.
  @inlinable @inline(__always)
  public static func negation(_ x: MultiDual) -> MultiDual {
    _apply(x) { Rules.negate($0) }
  }
}

extension MultiDual: Equatable {
  /// Compares values only: a branch `if x == y` takes the same path as on plain numbers.
  @inlinable public static func == (lhs: MultiDual, rhs: MultiDual) -> Bool {
    lhs.value == rhs.value
  }
}

extension MultiDual: Comparable {
  /// Compares values only, so branches in a cost take the same path as on plain numbers.
  @inlinable public static func < (lhs: MultiDual, rhs: MultiDual) -> Bool {
    lhs.value < rhs.value
  }
  // Comparable derives <=, > and >= from <, as !(rhs < lhs) and so on, which is true when a
  // value is NaN; comparing the values directly keeps every comparison false with NaN, as it is
  // for plain numbers, so that a branch takes the same path in every mode.
  @inlinable public static func <= (lhs: MultiDual, rhs: MultiDual) -> Bool {
    lhs.value <= rhs.value
  }
  @inlinable public static func > (lhs: MultiDual, rhs: MultiDual) -> Bool {
    lhs.value > rhs.value
  }
  @inlinable public static func >= (lhs: MultiDual, rhs: MultiDual) -> Bool {
    lhs.value >= rhs.value
  }
}

extension MultiDual: ExpressibleByIntegerLiteral {
  /// A constant from an integer literal: `2 * x`.
  @inlinable public init(integerLiteral value: T.IntegerLiteralType) {
    self.init(constant: T(integerLiteral: value))
  }
}

extension MultiDual: ExpressibleByFloatLiteral {
  /// A constant from a floating-point literal: `x - 1.5`.
  @inlinable public init(floatLiteral value: T.FloatLiteralType) {
    self.init(constant: T(floatLiteral: value))
  }
}
