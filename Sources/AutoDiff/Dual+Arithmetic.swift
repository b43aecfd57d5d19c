// Comparison and literals for `Dual`. The arithmetic comes from `_DerivativeCarrier` and the
// free operators; every derivative comes from `Rules`.

extension Dual: Equatable {
  /// Compares values only: a branch `if x == y` takes the same path as on plain numbers.
  @inlinable public static func == (lhs: Dual, rhs: Dual) -> Bool { lhs.value == rhs.value }
}

extension Dual: Comparable {
  /// Compares values only, so branches in a cost take the same path as on plain numbers.
  @inlinable public static func < (lhs: Dual, rhs: Dual) -> Bool { lhs.value < rhs.value }
  // Comparable derives <=, > and >= from <, as !(rhs < lhs) and so on, which is true when a
  // value is NaN; comparing the values directly keeps every comparison false with NaN, as it is
  // for plain numbers, so that a branch takes the same path in every mode.
  @inlinable public static func <= (lhs: Dual, rhs: Dual) -> Bool { lhs.value <= rhs.value }
  @inlinable public static func > (lhs: Dual, rhs: Dual) -> Bool { lhs.value > rhs.value }
  @inlinable public static func >= (lhs: Dual, rhs: Dual) -> Bool { lhs.value >= rhs.value }
}

extension Dual: ExpressibleByIntegerLiteral {
  /// A constant from an integer literal: `2 * x`.
  @inlinable public init(integerLiteral value: T.IntegerLiteralType) {
    self.init(constant: T(integerLiteral: value))
  }
}

extension Dual: ExpressibleByFloatLiteral {
  /// A constant from a floating-point literal: `x - 1.5`.
  @inlinable public init(floatLiteral value: T.FloatLiteralType) {
    self.init(constant: T(floatLiteral: value))
  }
}
