// Plain numbers in a cost: a `Double` from the data enters as a constant of the cost's number
// type, `S(x)` in a generic cost and `Variable(x)` (or `Dual(x)`) in a closure. Swift converts no
// number type into another, and a cost's number type is not `Double`.
//
// Descent does not declare mixed operators (`Variable<Double> * Double`): measured, their mere
// presence made a Gaussian-peak residual with its data mixed in take over five seconds to
// type-check, and the same formula with the conversions written out 40 ms. The unavailable
// operators below exist only so that the compiler's first error names the conversion, instead of
// a list of unrelated candidates (`Duration`, `SIMD`, `Stride`). Unavailable declarations take
// part only once an expression has failed to type-check, so they cost nothing in code that
// compiles (`scripts/typecheck-budget.sh` measures it).

// MARK: - Plain numbers in a generic cost: the error that names the fix

@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func + <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func + <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func - <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func - <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func * <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func * <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func / <S: RealScalar>(lhs: S, rhs: Double) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func / <S: RealScalar>(lhs: Double, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Double) { fatalError() }

@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func + <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func + <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func - <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func - <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func * <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func * <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func / <S: RealScalar>(lhs: S, rhs: Float) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func / <S: RealScalar>(lhs: Float, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float enters a cost as a constant: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Float) { fatalError() }

@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func + <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func + <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func - <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func - <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func * <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func * <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func / <S: RealScalar>(lhs: S, rhs: Int) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func / <S: RealScalar>(lhs: Int, rhs: S) -> S { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func += <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func -= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func *= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }
@available(
  *, unavailable,
  message:
    "an Int enters a cost as a constant: write S(n) in a generic cost (S is its generic parameter), Variable(Double(n)) in a closure"
)
public func /= <S: RealScalar>(lhs: inout S, rhs: Int) { fatalError() }

// MARK: - Comparing with a plain number in a generic cost

@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func < <S: RealScalar>(lhs: S, rhs: Double) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func < <S: RealScalar>(lhs: Double, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func <= <S: RealScalar>(lhs: S, rhs: Double) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func <= <S: RealScalar>(lhs: Double, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func > <S: RealScalar>(lhs: S, rhs: Double) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func > <S: RealScalar>(lhs: Double, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func >= <S: RealScalar>(lhs: S, rhs: Double) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Double is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func >= <S: RealScalar>(lhs: Double, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func < <S: RealScalar>(lhs: S, rhs: Float) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func < <S: RealScalar>(lhs: Float, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func <= <S: RealScalar>(lhs: S, rhs: Float) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func <= <S: RealScalar>(lhs: Float, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func > <S: RealScalar>(lhs: S, rhs: Float) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func > <S: RealScalar>(lhs: Float, rhs: S) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func >= <S: RealScalar>(lhs: S, rhs: Float) -> Bool { fatalError() }
@available(
  *, unavailable,
  message:
    "a Float is compared with the cost's number type: write S(x) in a generic cost (S is its generic parameter), Variable(x) or Dual(x) in a closure"
)
public func >= <S: RealScalar>(lhs: Float, rhs: S) -> Bool { fatalError() }

// MARK: - A plain accumulator

@available(
  *, unavailable,
  message:
    "a plain Double cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Double> = 0 in a closure"
)
public func += <S: RealScalar>(lhs: inout Double, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Double cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Double> = 0 in a closure"
)
public func -= <S: RealScalar>(lhs: inout Double, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Float cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Float> = 0 in a closure"
)
public func += <S: RealScalar>(lhs: inout Float, rhs: S) { fatalError() }
@available(
  *, unavailable,
  message:
    "a plain Float cannot hold a derivative: start the sum in the cost's number type, var total = S(0) in a generic cost, var total: Variable<Float> = 0 in a closure"
)
public func -= <S: RealScalar>(lhs: inout Float, rhs: S) { fatalError() }

// MARK: - A cost that returns a plain number

@available(
  *, unavailable,
  message:
    "the cost returns a plain number, which carries no derivative: start the sum in the cost's number type, var total: Variable<Double> = 0, and write data as Variable(x)"
)
public func gradient<T: RealScalar>(at x: [T], of f: ([Variable<T>]) throws -> T) -> [T] {
  fatalError()
}
@available(
  *, unavailable,
  message:
    "the cost returns a plain number, which carries no derivative: start the sum in the cost's number type, var total: Variable<Double> = 0, and write data as Variable(x)"
)
public func valueWithGradient<T: RealScalar>(at x: [T], of f: ([Variable<T>]) throws -> T) -> (
  value: T, gradient: [T]
) {
  fatalError()
}
