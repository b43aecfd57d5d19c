// Comparison and literals for `MultiDual`. The arithmetic comes from `_DerivativeCarrier` and the
// free operators; every derivative comes from `Rules`.

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
