/// The number the array kernels evaluate the rules table in: `T` itself, except for the
/// elementary functions that ``VectorizedFunctions`` implements for `Float` and `Double` in code
/// the compiler can vectorize.
///
/// The C library's `exp` or `tanh` is a call per element, which no loop around it can vectorize;
/// on an array of a thousand elements the calls cost more than everything else in a small
/// network. Evaluating `Rules.tanh` on this type, rather than writing a second tanh derivative
/// for arrays, keeps the table the only place a derivative is written (tanh′ = 1 − y² there).
///
/// Every other requirement forwards to `T`, so for a `T` without fast functions this type is `T`.
@frozen
@usableFromInline
struct KernelScalar<T: RealScalar>: RealScalar {
  @usableFromInline var base: T

  @inlinable @inline(__always) init(_ base: T) { self.base = base }

  @inlinable @inline(__always) init(_ value: Int) { base = T(value) }
  @inlinable @inline(__always) init<Source: BinaryFloatingPoint>(_ value: Source) {
    base = T(value)
  }
  @inlinable @inline(__always) init(integerLiteral value: T.IntegerLiteralType) {
    base = T(integerLiteral: value)
  }
  @inlinable @inline(__always) init(floatLiteral value: T.FloatLiteralType) {
    base = T(floatLiteral: value)
  }

  @inlinable var doubleValue: Double { base.doubleValue }
  @inlinable var isExactlyZero: Bool { base.isExactlyZero }
  @inlinable var isNaN: Bool { base.isNaN }
  @inlinable var isFinite: Bool { base.isFinite }

  @inlinable @inline(__always) static func == (x: Self, y: Self) -> Bool { x.base == y.base }
  @inlinable @inline(__always) static func < (x: Self, y: Self) -> Bool { x.base < y.base }

  @inlinable @inline(__always) static func sum(_ x: Self, _ y: Self) -> Self {
    Self(T.sum(x.base, y.base))
  }
  @inlinable @inline(__always) static func difference(_ x: Self, _ y: Self) -> Self {
    Self(T.difference(x.base, y.base))
  }
  @inlinable @inline(__always) static func product(_ x: Self, _ y: Self) -> Self {
    Self(T.product(x.base, y.base))
  }
  @inlinable @inline(__always) static func quotient(_ x: Self, _ y: Self) -> Self {
    Self(T.quotient(x.base, y.base))
  }
  @inlinable @inline(__always) static func negation(_ x: Self) -> Self {
    Self(T.negation(x.base))
  }
  @inlinable @inline(__always) static func abs(_ x: Self) -> Self { Self(T.abs(x.base)) }

  @inlinable @inline(__always) static func exp(_ x: Self) -> Self {
    Self(VectorizedFunctions.exp(x.base))
  }
  @inlinable @inline(__always) static func expMinusOne(_ x: Self) -> Self {
    Self(VectorizedFunctions.expMinusOne(x.base))
  }
  @inlinable @inline(__always) static func log(_ x: Self) -> Self { Self(T.log(x.base)) }
  @inlinable @inline(__always) static func log(onePlus x: Self) -> Self {
    Self(T.log(onePlus: x.base))
  }
  @inlinable @inline(__always) static func sin(_ x: Self) -> Self { Self(T.sin(x.base)) }
  @inlinable @inline(__always) static func cos(_ x: Self) -> Self { Self(T.cos(x.base)) }
  @inlinable @inline(__always) static func tan(_ x: Self) -> Self { Self(T.tan(x.base)) }
  @inlinable @inline(__always) static func asin(_ x: Self) -> Self { Self(T.asin(x.base)) }
  @inlinable @inline(__always) static func acos(_ x: Self) -> Self { Self(T.acos(x.base)) }
  @inlinable @inline(__always) static func atan(_ x: Self) -> Self { Self(T.atan(x.base)) }
  @inlinable @inline(__always) static func atan2(y: Self, x: Self) -> Self {
    Self(T.atan2(y: y.base, x: x.base))
  }
  @inlinable @inline(__always) static func sinh(_ x: Self) -> Self { Self(T.sinh(x.base)) }
  @inlinable @inline(__always) static func cosh(_ x: Self) -> Self { Self(T.cosh(x.base)) }
  @inlinable @inline(__always) static func tanh(_ x: Self) -> Self {
    Self(VectorizedFunctions.tanh(x.base))
  }
  @inlinable @inline(__always) static func pow(_ x: Self, _ y: Self) -> Self {
    Self(T.pow(x.base, y.base))
  }
  @inlinable @inline(__always) static func pow(_ x: Self, _ n: Int) -> Self {
    Self(T.pow(x.base, n))
  }
  @inlinable @inline(__always) static func sqrt(_ x: Self) -> Self { Self(T.sqrt(x.base)) }
  @inlinable @inline(__always) static func cbrt(_ x: Self) -> Self { Self(T.cbrt(x.base)) }
  @inlinable @inline(__always) static func hypot(_ x: Self, _ y: Self) -> Self {
    Self(T.hypot(x.base, y.base))
  }
  @inlinable @inline(__always) static func min(_ x: Self, _ y: Self) -> Self {
    Self(T.min(x.base, y.base))
  }
  @inlinable @inline(__always) static func max(_ x: Self, _ y: Self) -> Self {
    Self(T.max(x.base, y.base))
  }
  @inlinable @inline(__always) static func sigmoid(_ x: Self) -> Self {
    Self(VectorizedFunctions.sigmoid(x.base))
  }
  @inlinable @inline(__always) static func softplus(_ x: Self) -> Self {
    Self(T.softplus(x.base))
  }
  @inlinable @inline(__always) static func relu(_ x: Self) -> Self { Self(T.relu(x.base)) }
}

/// Elementary functions for the array kernels: for `Float` and `Double`, implementations that
/// the compiler can vectorize; for any other `RealScalar`, the type's own function.
@usableFromInline
enum VectorizedFunctions {
  @inlinable @inline(__always)
  static func exp<T: RealScalar>(_ x: T) -> T { T.exp(x) }

  @inlinable @inline(__always)
  static func expMinusOne<T: RealScalar>(_ x: T) -> T { T.expMinusOne(x) }

  @inlinable @inline(__always)
  static func tanh<T: RealScalar>(_ x: T) -> T { T.tanh(x) }

  @inlinable @inline(__always)
  static func sigmoid<T: RealScalar>(_ x: T) -> T { T.sigmoid(x) }
}
