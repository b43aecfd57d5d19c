import AutoDiff

/// Forward mode over absolute values: the tangent is Σ |∂|·|t| over every path from an input,
/// the size of the terms forward and reverse mode add up to form a derivative. Both modes add the
/// same terms in different orders, so they can differ by the rounding of that sum, about
/// (number of operations)·ε·magnitude; the fuzzer allows exactly that much.
struct Magnitude: _DerivativeCarrier {
  typealias Base = Double
  var value: Double
  var tangent: Double

  init(_ value: Double, tangent: Double) {
    self.value = value
    self.tangent = tangent
  }

  static func term(_ partial: Double, _ tangent: Double) -> Double {
    partial == 0 || tangent == 0 ? 0 : Swift.abs(partial) * tangent
  }

  static func _apply(_ x: Magnitude, _ rule: (Double) -> (value: Double, derivative: Double))
    -> Magnitude
  {
    let (value, derivative) = rule(x.value)
    return Magnitude(value, tangent: term(derivative, x.tangent))
  }

  static func _apply(
    _ x: Magnitude, _ y: Magnitude,
    _ rule: (Double, Double) -> (value: Double, dx: Double, dy: Double)
  ) -> Magnitude {
    let (value, dx, dy) = rule(x.value, y.value)
    return Magnitude(value, tangent: term(dx, x.tangent) + term(dy, y.tangent))
  }

  init(_ value: Int) { self.init(Double(value), tangent: 0) }
  init<Source: BinaryFloatingPoint>(_ value: Source) { self.init(Double(value), tangent: 0) }
  init(integerLiteral value: Int) { self.init(Double(value), tangent: 0) }
  init(floatLiteral value: Double) { self.init(value, tangent: 0) }
  var doubleValue: Double { value }
  var isExactlyZero: Bool { value == 0 && tangent == 0 }
  var isNaN: Bool { value.isNaN }
  var isFinite: Bool { value.isFinite }
  static func == (lhs: Magnitude, rhs: Magnitude) -> Bool { lhs.value == rhs.value }
  static func < (lhs: Magnitude, rhs: Magnitude) -> Bool { lhs.value < rhs.value }
  static func <= (lhs: Magnitude, rhs: Magnitude) -> Bool { lhs.value <= rhs.value }
  static func > (lhs: Magnitude, rhs: Magnitude) -> Bool { lhs.value > rhs.value }
  static func >= (lhs: Magnitude, rhs: Magnitude) -> Bool { lhs.value >= rhs.value }
}
