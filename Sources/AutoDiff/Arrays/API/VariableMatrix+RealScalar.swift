// `VariableMatrix` as a `RealScalar`: arithmetic and elementary functions act elementwise, with the
// derivatives of the rules table, and matrix broadcast (equal shapes, or one side 1 × 1, a single row or a single column).

extension VariableMatrix: RealScalar {
  /// A matrix of one element, the constant `value`, if `T` represents it exactly.
  @inlinable public init?<Source: BinaryInteger>(exactly value: Source) {
    guard let exact = T(exactly: value) else { return nil }
    self.init(handle: ArrayHandle(scalar: exact))
  }

  /// A matrix of one element, the constant `value`; it broadcasts.
  @inlinable public init(_ value: Int) { self.init(handle: ArrayHandle(scalar: T(value))) }

  /// A matrix of one element, the constant `value`; it broadcasts.
  @inlinable public init<Source: BinaryFloatingPoint>(_ value: Source) {
    self.init(handle: ArrayHandle(scalar: T(value)))
  }

  /// The value of a matrix of one element, as a `Double`.
  ///
  /// - Precondition: the matrix has one element (use ``values`` for more).
  @inlinable public var doubleValue: Double {
    precondition(count == 1, "doubleValue of a matrix of \(count) elements; read `values`.")
    return values[0].doubleValue
  }

  /// `true` when every element is exactly zero.
  @inlinable public var isExactlyZero: Bool { values.allSatisfy(\.isExactlyZero) }

  /// `true` when some element is NaN.
  @inlinable public var isNaN: Bool { values.contains { $0.isNaN } }

  /// `true` when every element is finite.
  @inlinable public var isFinite: Bool { values.allSatisfy(\.isFinite) }

  /// `true` when both have the same shape and equal values (NaN equals nothing).
  @inlinable public static func == (lhs: VariableMatrix, rhs: VariableMatrix) -> Bool {
    lhs.handle.count == rhs.handle.count && lhs.handle.columns == rhs.handle.columns
      && lhs.values == rhs.values
  }

  /// Compares the values of two matrixs of one element.
  ///
  /// - Precondition: both have one element. Matrixs are not ordered: compare their
  ///   elements, or use elementwise ``max(_:_:)``, ``min(_:_:)`` or ``relu(_:)`` instead of a
  ///   branch.
  @inlinable public static func < (lhs: VariableMatrix, rhs: VariableMatrix) -> Bool {
    precondition(
      lhs.count == 1 && rhs.count == 1,
      "Matrixs of \(lhs.count) and \(rhs.count) elements are not ordered; compare elements, "
        + "or use max, min or relu elementwise instead of a branch.")
    return lhs.values[0] < rhs.values[0]
  }

  // MARK: Arithmetic (the requirements of SignedNumeric and RealScalar)

  /// x = x + y elementwise.
  @inlinable public static func += (x: inout VariableMatrix, y: VariableMatrix) { x = x + y }
  /// x = x − y elementwise.
  @inlinable public static func -= (x: inout VariableMatrix, y: VariableMatrix) { x = x - y }
  /// x = x · y elementwise.
  @inlinable public static func *= (x: inout VariableMatrix, y: VariableMatrix) { x = x * y }
  /// x = x / y elementwise.
  @inlinable public static func /= (x: inout VariableMatrix, y: VariableMatrix) { x = x / y }

  /// x + y elementwise; partials 1 and 1.
  @inlinable public static func + (x: VariableMatrix, y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(
      handle: elementwise(.add, x.handle, y.handle, operation: "Elementwise +", isMatrix: true))
  }

  /// x − y elementwise; partials 1 and −1.
  @inlinable public static func - (x: VariableMatrix, y: VariableMatrix)
    -> VariableMatrix
  {
    VariableMatrix(
      handle: elementwise(.subtract, x.handle, y.handle, operation: "Elementwise −", isMatrix: true)
    )
  }

  /// x · y elementwise; partials y and x.
  @inlinable public static func * (x: VariableMatrix, y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(
      handle: elementwise(.multiply, x.handle, y.handle, operation: "Elementwise ×", isMatrix: true)
    )
  }

  /// x / y elementwise; partials 1/y and −(x/y)/y.
  @inlinable public static func / (x: VariableMatrix, y: VariableMatrix)
    -> VariableMatrix
  {
    VariableMatrix(
      handle: elementwise(.divide, x.handle, y.handle, operation: "Elementwise ÷", isMatrix: true))
  }

  /// −x elementwise.
  @inlinable public static prefix func - (x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.negation, x.handle))
  }

  // MARK: Elementary functions, elementwise

  /// |x| elementwise; derivative sign x, with abs′(0) = 0. `abs(x)` returns it.
  @inlinable public var magnitude: VariableMatrix {
    VariableMatrix(handle: elementwise(.abs, handle))
  }

  /// eˣ; derivative eˣ.
  @inlinable public static func _exp(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.exp, x.handle))
  }

  /// eˣ − 1; derivative eˣ.
  @inlinable public static func _expMinusOne(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.expMinusOne, x.handle))
  }

  /// ln x; derivative 1/x.
  @inlinable public static func _log(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.log, x.handle))
  }

  /// sin x; derivative cos x.
  @inlinable public static func _sin(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.sin, x.handle))
  }

  /// cos x; derivative −sin x.
  @inlinable public static func _cos(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.cos, x.handle))
  }

  /// tan x; derivative 1 + tan² x.
  @inlinable public static func _tan(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.tan, x.handle))
  }

  /// arcsin x; derivative 1/√(1 − x²).
  @inlinable public static func _asin(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.asin, x.handle))
  }

  /// arccos x; derivative −1/√(1 − x²).
  @inlinable public static func _acos(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.acos, x.handle))
  }

  /// arctan x; derivative 1/(1 + x²).
  @inlinable public static func _atan(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.atan, x.handle))
  }

  /// sinh x; derivative cosh x.
  @inlinable public static func _sinh(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.sinh, x.handle))
  }

  /// cosh x; derivative sinh x.
  @inlinable public static func _cosh(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.cosh, x.handle))
  }

  /// tanh x; derivative 1 − tanh² x.
  @inlinable public static func _tanh(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.tanh, x.handle))
  }

  /// √x; derivative 1/(2√x).
  @inlinable public static func _sqrt(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.sqrt, x.handle))
  }

  /// ∛x; derivative 1/(3∛x²).
  @inlinable public static func _cbrt(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.cbrt, x.handle))
  }

  /// erf x; derivative (2/√π) e^(−x²).
  @inlinable public static func _erf(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.erf, x.handle))
  }

  /// σ(x) = 1/(1 + e⁻ˣ); derivative σ(x)(1 − σ(x)).
  @inlinable public static func _sigmoid(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.sigmoid, x.handle))
  }

  /// ln(1 + eˣ); derivative σ(x).
  @inlinable public static func _softplus(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.softplus, x.handle))
  }

  /// max(x, 0); derivative 1 for x > 0, else 0.
  @inlinable public static func _relu(_ x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.relu, x.handle))
  }

  /// ln(1 + x); derivative 1/(1 + x).
  @inlinable public static func _log(onePlus x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.logOnePlus, x.handle))
  }

  /// atan2(y, x) elementwise; ∂/∂y = x/(x² + y²), ∂/∂x = −y/(x² + y²).
  @inlinable public static func _atan2(y: VariableMatrix, x: VariableMatrix) -> VariableMatrix {
    VariableMatrix(
      handle: elementwise(.atan2, y.handle, x.handle, operation: "atan2", isMatrix: true))
  }

  /// xʸ elementwise; ∂/∂x = y xʸ⁻¹, ∂/∂y = xʸ ln x (see <doc:Conventions>).
  @inlinable public static func _pow(_ x: VariableMatrix, _ y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.pow, x.handle, y.handle, operation: "pow", isMatrix: true))
  }

  /// xⁿ elementwise; derivative n xⁿ⁻¹. `pow(x, 2)` is recorded as x · x.
  @inlinable public static func _pow(_ x: VariableMatrix, _ n: Int) -> VariableMatrix {
    VariableMatrix(handle: power(x.handle, n, isMatrix: true))
  }

  /// √(x² + y²) elementwise; ∂/∂x = x/√(x² + y²), ∂/∂y = y/√(x² + y²).
  @inlinable public static func _hypot(_ x: VariableMatrix, _ y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(
      handle: elementwise(.hypot, x.handle, y.handle, operation: "hypot", isMatrix: true))
  }

  /// min(x, y) = `y < x ? y : x` elementwise; partial 1 for the element returned, ½ each on a tie.
  @inlinable public static func _min(_ x: VariableMatrix, _ y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.min, x.handle, y.handle, operation: "min", isMatrix: true))
  }

  /// max(x, y) = `y >= x ? y : x` elementwise; partial 1 for the element returned, ½ each on a tie.
  @inlinable public static func _max(_ x: VariableMatrix, _ y: VariableMatrix) -> VariableMatrix {
    VariableMatrix(handle: elementwise(.max, x.handle, y.handle, operation: "max", isMatrix: true))
  }
}

extension VariableMatrix: ExpressibleByIntegerLiteral {
  /// A matrix of one element from an integer literal: `2 * v`.
  @inlinable public init(integerLiteral value: T.IntegerLiteralType) {
    self.init(handle: ArrayHandle(scalar: T(integerLiteral: value)))
  }
}

extension VariableMatrix: ExpressibleByFloatLiteral {
  /// A matrix of one element from a floating-point literal: `v - 0.5`.
  @inlinable public init(floatLiteral value: T.FloatLiteralType) {
    self.init(handle: ArrayHandle(scalar: T(floatLiteral: value)))
  }
}
