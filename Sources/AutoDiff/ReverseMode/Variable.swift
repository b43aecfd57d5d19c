/// A number tracked in reverse mode: its value, and the tape slot that records how it was
/// computed.
///
/// You do not create variables yourself: ``gradient(at:of:)-(_,([Variable<T>])->Variable<T>)`` and
/// its relatives hand your closure one variable per input, and every operation on them appends
/// one entry to the gradient call's tape. After the closure returns, one backward sweep over the
/// tape yields the derivative of the result with respect to every input.
///
/// ```swift
/// let g = gradient(at: [1.0, 2.0]) { x in x[0] * x[0] * x[1] + sin(x[1]) }
/// // g == [2·1·2, 1 + cos 2]
/// ```
///
/// Literals and plain numbers mixed into a cost are constants: they are not recorded and cost
/// nothing on the tape. A variable belongs to the gradient call that created it: using one after
/// that call has returned, or combining variables of two different calls, stops the program with
/// a message that names the mistake.
///
/// `Variable` is a ``RealScalar`` over any `RealScalar`, so reverse mode composes with forward
/// mode: `Variable<Dual<Double>>` computes Hessian-vector products (forward over reverse).
@frozen
public struct Variable<T: RealScalar> {
  /// The value computed by the cost.
  public let value: T
  /// The tape slot holding this value's derivative record; 0 for a constant.
  @usableFromInline let slot: Int32
  /// The tape's generation when this value was recorded.
  @usableFromInline let generation: UInt32
  /// The tape this value was recorded on; `nil` for a constant.
  @usableFromInline let tape: UnsafeMutablePointer<TapeStorage<T>>?

  @inlinable @inline(__always)
  init(_ value: T, slot: Int32, generation: UInt32, tape: UnsafeMutablePointer<TapeStorage<T>>?) {
    self.value = value
    self.slot = slot
    self.generation = generation
    self.tape = tape
  }

  /// A constant, `Variable(x)`: the same as ``init(constant:)``, with the number type inferred from
  /// `x` (`Variable(x)` of a `Double` x is a `Variable<Double>`; a literal needs the type:
  /// `Variable<Double>(0)`).
  @inlinable public init(_ value: T) { self.init(constant: value) }

  /// A constant: a value that is not recorded and has no derivative.
  @inlinable
  public init(constant value: T) {
    self.init(value, slot: 0, generation: 0, tape: nil)
  }

  /// `true` when the value was computed from the inputs of a gradient call (it is on a tape);
  /// `false` for constants.
  @inlinable public var isTracked: Bool { tape != nil }
}

extension Variable: CustomStringConvertible {
  /// The value, marked as tracked or constant.
  public var description: String {
    isTracked ? "Variable(\(value))" : "Variable(constant: \(value))"
  }
}

// MARK: - Recording

extension Variable: _DerivativeCarrier {
  /// The number the value and the recorded partial derivatives are computed in.
  public typealias Base = T

  // Misuse checks, at no load per operation: a value used after its gradient call returned
  // records onto a tape in the pool, whose `limit` sends recording to a check that stops; two
  // operands of different calls differ in tape or generation, compared below; and the output
  // of a call is checked against the call's tape before the sweep.

  @usableFromInline @inline(never)
  static func usedAfterReturn() -> Never {
    fatalError(
      "A Variable was used after the gradient call that created it had returned. Variables "
        + "live only inside the closure passed to gradient(at:of:) (or valueWithGradient, "
        + "jacobian, …); return or store its `value` instead of the Variable.")
  }

  @usableFromInline @inline(never)
  static func mixedTapes() -> Never {
    fatalError(
      "Variables of two different gradient calls were combined in one operation. Each call to "
        + "gradient(at:of:) records its own tape; to differentiate through an inner gradient "
        + "call, pass the outer value into the inner closure as a constant (Variable(x.value)) "
        + "or nest forward mode instead (hessian, derivative of a Dual).")
  }

  /// Applies a unary rule: records y = f(x) with partial f′(x).
  @inlinable @inline(__always)
  public static func _apply(_ x: Variable, _ rule: (T) -> (value: T, derivative: T)) -> Variable {
    let (value, derivative) = rule(x.value)
    guard let tape = x.tape else { return Variable(constant: value) }
    let slot = tape.pointee.record(x.slot, derivative)
    return Variable(value, slot: slot, generation: x.generation, tape: tape)
  }

  /// Applies a binary rule: records z = f(x, y) with partials ∂f/∂x and ∂f/∂y. A constant
  /// operand is not recorded.
  @inlinable @inline(__always)
  public static func _apply(
    _ x: Variable, _ y: Variable, _ rule: (T, T) -> (value: T, dx: T, dy: T)
  ) -> Variable {
    let (value, dx, dy) = rule(x.value, y.value)
    if let tape = x.tape {
      let slot: Int32
      if let other = y.tape {
        if _slowPath(other != tape || y.generation != x.generation) {
          // Either operand may be the stale one (its tape re-lent to a later call).
          if x.generation != tape.pointee.generation || y.generation != other.pointee.generation {
            usedAfterReturn()
          }
          mixedTapes()
        }
        slot = tape.pointee.record(x.slot, dx, y.slot, dy)
      } else {
        slot = tape.pointee.record(x.slot, dx)
      }
      return Variable(value, slot: slot, generation: x.generation, tape: tape)
    }
    if let tape = y.tape {
      let slot = tape.pointee.record(y.slot, dy)
      return Variable(value, slot: slot, generation: y.generation, tape: tape)
    }
    return Variable(constant: value)
  }
}

// MARK: - RealScalar

extension Variable: RealScalar {
  /// `true` when the value, and every derivative it carries, is exactly zero.
  @inlinable public var isExactlyZero: Bool { value.isExactlyZero }
}
