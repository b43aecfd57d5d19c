import Synchronization

/// The record of one reverse-mode evaluation: for every operation, its operands' slots and the
/// local partial derivatives, stored as a structure of arrays.
///
/// Entry `i` is the operation whose result lives in slot `i` (the output's index is implied by
/// its position). Slot 0 is a sink: a unary operation or an input names it as its missing
/// operand with partial 0, so the backward sweep needs no branch on the operand count.
///
/// Memory per recorded operation: two `Int32` operand slots and two partials, 24 bytes for
/// `Double`; the backward sweep adds one adjoint per slot. The buffers grow by doubling and are
/// kept when a gradient call ends, so after the first call of a given size recording allocates
/// nothing. Tapes are lent from a pool, one to each gradient call in flight, so calls on different
/// threads never share one, and a call nested inside another gets its own.
///
/// Tapes are never freed: a ``Variable`` that escaped its gradient call still points at valid
/// memory, and the generation check turns its use into a clear precondition failure instead of a
/// use after free.
@usableFromInline
struct TapeStorage<T: RealScalar> {
  /// Number of slots in use, the sink included.
  @usableFromInline var count: Int
  @usableFromInline var capacity: Int
  @usableFromInline var lhs: UnsafeMutablePointer<Int32>
  @usableFromInline var rhs: UnsafeMutablePointer<Int32>
  @usableFromInline var lhsPartial: UnsafeMutablePointer<T>
  @usableFromInline var rhsPartial: UnsafeMutablePointer<T>
  @usableFromInline var adjoints: UnsafeMutablePointer<T>
  @usableFromInline var adjointCapacity: Int
  /// Changes when the tape is lent and when it is returned, so values recorded in one gradient
  /// call are recognized as stale in any other.
  @usableFromInline var generation: UInt32

  init(capacity: Int) {
    self.count = 1
    self.capacity = capacity
    lhs = .allocate(capacity: capacity)
    rhs = .allocate(capacity: capacity)
    lhsPartial = .allocate(capacity: capacity)
    rhsPartial = .allocate(capacity: capacity)
    adjoints = .allocate(capacity: capacity)
    adjointCapacity = capacity
    generation = 0
    lhs[0] = 0
    rhs[0] = 0
    lhsPartial.initialize(to: 0)
    rhsPartial.initialize(to: 0)
  }

  /// Appends one operation and returns the slot of its result.
  @inlinable @inline(__always)
  mutating func record(_ left: Int32, _ leftPartial: T, _ right: Int32, _ rightPartial: T)
    -> Int32
  {
    let slot = count
    if _slowPath(slot == capacity) { grow() }
    lhs[slot] = left
    rhs[slot] = right
    (lhsPartial + slot).initialize(to: leftPartial)
    (rhsPartial + slot).initialize(to: rightPartial)
    count = slot + 1
    return Int32(truncatingIfNeeded: slot)
  }

  /// Doubles the capacity, keeping the entries.
  @usableFromInline @inline(never)
  mutating func grow() {
    guard capacity < Int(Int32.max) else {
      fatalError(
        "The tape holds \(count) operations, the most one gradient call can record (2³¹ − 1). "
          + "Split the cost, or write its loops over arrays.")
    }
    let newCapacity = Swift.min(capacity * 2, Int(Int32.max))
    func moved<E>(_ old: UnsafeMutablePointer<E>) -> UnsafeMutablePointer<E> {
      let new = UnsafeMutablePointer<E>.allocate(capacity: newCapacity)
      new.moveInitialize(from: old, count: count)
      old.deallocate()
      return new
    }
    lhs = moved(lhs)
    rhs = moved(rhs)
    lhsPartial = moved(lhsPartial)
    rhsPartial = moved(rhsPartial)
    capacity = newCapacity
  }

  /// Drops every entry but the sink, keeping the buffers.
  @usableFromInline
  mutating func clear() {
    (lhsPartial + 1).deinitialize(count: count - 1)
    (rhsPartial + 1).deinitialize(count: count - 1)
    count = 1
  }

  /// The backward sweep: seeds the adjoint of `output` with 1 and walks the tape from `output`
  /// down to `lowestSlot`, adding `partial × adjoint` into each operand's adjoint. Afterwards
  /// `adjoints[i]` is ∂output/∂(slot i) for every slot from `lowestSlot` to `output`.
  ///
  /// An operation whose adjoint is exactly zero contributes nothing, so a value that does not
  /// reach the output never turns an infinite partial into NaN (see <doc:Conventions>).
  ///
  /// - Complexity: O(`output`) time; no allocation after the first sweep of a given length.
  @inlinable
  mutating func backward(from output: Int32, downTo lowestSlot: Int) {
    let n = count
    if _slowPath(adjointCapacity < n) { growAdjoints(to: n) }
    adjoints.update(repeating: 0, count: n)
    adjoints[Int(output)] = 1
    var slot = Int(output)
    while slot >= lowestSlot {
      let adjoint = adjoints[slot]
      if !adjoint.isExactlyZero {
        adjoints[Int(lhs[slot])] += lhsPartial[slot] * adjoint
        adjoints[Int(rhs[slot])] += rhsPartial[slot] * adjoint
      }
      slot -= 1
    }
  }

  @usableFromInline @inline(never)
  mutating func growAdjoints(to minimum: Int) {
    adjoints.deinitialize(count: adjointCapacity).deallocate()
    adjointCapacity = Swift.max(minimum, capacity)
    adjoints = .allocate(capacity: adjointCapacity)
    adjoints.initialize(repeating: 0, count: adjointCapacity)
  }
}

// MARK: - Lending tapes

/// A tape in the pool, keyed by its element type.
private struct PooledTape: @unchecked Sendable {
  // Sendable: a pooled tape is owned by the pool, and then by exactly one gradient call.
  let pointer: UnsafeMutableRawPointer
}

private let tapePool = Mutex<[ObjectIdentifier: [PooledTape]]>([:])

/// Lends a tape for one gradient call: cleared, with a new generation, and owned by the caller
/// until ``returnTape(_:)``.
@usableFromInline
func borrowTape<T: RealScalar>(_: T.Type) -> UnsafeMutablePointer<TapeStorage<T>> {
  let key = ObjectIdentifier(T.self)
  let pooled = tapePool.withLock { pool in pool[key]?.popLast() }
  let tape: UnsafeMutablePointer<TapeStorage<T>>
  if let pooled {
    tape = pooled.pointer.assumingMemoryBound(to: TapeStorage<T>.self)
  } else {
    tape = .allocate(capacity: 1)
    tape.initialize(to: TapeStorage(capacity: 1024))
  }
  tape.pointee.generation &+= 1
  return tape
}

/// Takes a lent tape back: clears it and moves it to a new generation, so that every
/// ``Variable`` recorded on it is recognized as stale.
@usableFromInline
func returnTape<T: RealScalar>(_ tape: UnsafeMutablePointer<TapeStorage<T>>) {
  tape.pointee.clear()
  tape.pointee.generation &+= 1
  let key = ObjectIdentifier(T.self)
  tapePool.withLock { pool in pool[key, default: []].append(PooledTape(pointer: tape)) }
}
