#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// One recorded operation: the slots of its operands and the local partial derivatives.
///
/// An array of these (not a structure of four arrays, as first sketched in the design): recording
/// writes one contiguous 24-byte entry through one pointer, and the backward sweep reads one,
/// which measured about 1.5× faster on `rosenbrock_grad` than four parallel arrays.
@usableFromInline
struct TapeEntry<T> {
  @usableFromInline var lhs: Int32
  @usableFromInline var rhs: Int32
  @usableFromInline var lhsPartial: T
  @usableFromInline var rhsPartial: T

  @inlinable @inline(__always)
  init(_ lhs: Int32, _ lhsPartial: T, _ rhs: Int32, _ rhsPartial: T) {
    self.lhs = lhs
    self.rhs = rhs
    self.lhsPartial = lhsPartial
    self.rhsPartial = rhsPartial
  }
}

/// The record of one reverse-mode evaluation: for every operation, its operands' slots and the
/// local partial derivatives.
///
/// Entry `i` is the operation whose result lives in slot `i` (the output's index is implied by
/// its position). Every entry names two operands, so the backward sweep needs no branch on the
/// operand count: an input names the sink, slot 0, with partials 0, and a unary operation names
/// itself as its second operand with partial 0.
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
  /// The slot at which recording leaves the fast path: `capacity` while the tape is lent, and
  /// `count` (so: at once) while it is in the pool. This folds the check that a value is not
  /// used after its gradient call returned into the capacity check recording does anyway; a
  /// separate load of `generation` per operation measured 30 % slower recording.
  @usableFromInline var limit: Int
  /// `true` from `borrowTape` to `returnTape`.
  @usableFromInline var isLent: Bool
  @usableFromInline var entries: UnsafeMutablePointer<TapeEntry<T>>
  @usableFromInline var adjoints: UnsafeMutablePointer<T>
  @usableFromInline var adjointCapacity: Int
  /// Changes when the tape is lent and when it is returned, so values recorded in one gradient
  /// call are recognized as stale in any other.
  @usableFromInline var generation: UInt32
  /// The array operations recorded beside the scalar entries; allocated by the first array
  /// operation on this tape and kept with it (see ArrayTape.swift).
  @usableFromInline var arrays: UnsafeMutablePointer<ArrayTape<T>>?

  init(capacity: Int) {
    self.count = 1
    self.capacity = capacity
    self.limit = 1
    self.isLent = false
    entries = .allocate(capacity: capacity)
    adjoints = .allocate(capacity: capacity)
    adjointCapacity = capacity
    generation = 0
    arrays = nil
    entries.initialize(to: TapeEntry(0, 0, 0, 0))
    // The sweep updates and `growAdjoints` deinitializes this buffer: it must start initialized.
    adjoints.initialize(repeating: 0, count: capacity)
  }

  /// Appends one operation and returns the slot of its result.
  @inlinable @inline(__always)
  mutating func record(_ left: Int32, _ leftPartial: T, _ right: Int32, _ rightPartial: T)
    -> Int32
  {
    let slot = count
    if _slowPath(slot == limit) { makeRoom() }
    (entries + slot).initialize(to: TapeEntry(left, leftPartial, right, rightPartial))
    count = slot + 1
    return Int32(truncatingIfNeeded: slot)
  }

  /// Appends an operation of one tracked operand and returns the slot of its result.
  ///
  /// The missing second operand names the entry's own slot with partial 0, not the shared sink:
  /// its adjoint has already been read when the sweep reaches the entry, and consecutive unary
  /// entries then do not form a chain of loads and stores through one memory location.
  @inlinable @inline(__always)
  mutating func record(_ operand: Int32, _ partial: T) -> Int32 {
    let slot = count
    if _slowPath(slot == limit) { makeRoom() }
    let own = Int32(truncatingIfNeeded: slot)
    (entries + slot).initialize(to: TapeEntry(operand, partial, own, 0))
    count = slot + 1
    return own
  }

  /// Leaves the fast path of recording: stops if the tape is not lent (a value outlived its
  /// gradient call), otherwise grows the buffer.
  @usableFromInline @inline(never)
  mutating func makeRoom() {
    if !isLent { Variable<T>.usedAfterReturn() }
    grow()
  }

  /// Doubles the capacity, keeping the entries.
  @usableFromInline
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
    entries = moved(entries)
    capacity = newCapacity
    limit = newCapacity
  }

  /// Drops every entry but the sink, keeping the buffers.
  @usableFromInline
  mutating func clear() {
    (entries + 1).deinitialize(count: count - 1)
    count = 1
    arrays?.pointee.reset()
  }

  /// The backward sweep: seeds the adjoint of `output` with 1 and walks the tape from `output`
  /// down to `lowestSlot`, adding `partial × adjoint` into each operand's adjoint. Afterwards
  /// `adjoints[i]` is ∂output/∂(slot i) for every slot from `lowestSlot` to `output`.
  ///
  /// An operation whose adjoint is exactly zero contributes nothing, so a value that does not
  /// reach the output never turns an infinite partial into NaN (see <doc:Conventions>).
  ///
  /// With `slotsBelowNamed` false the caller promises that no entry names a slot in
  /// 1 ..< `lowestSlot` (inputs whose derivatives reach it another way): those adjoints are
  /// then neither zeroed nor written, and stay whatever they were.
  ///
  /// - Complexity: O(`output`) time; no allocation after the first sweep of a given length.
  @inlinable
  mutating func backward(from output: Int32, downTo lowestSlot: Int, slotsBelowNamed: Bool = true) {
    zeroAdjoints(keepingBelow: slotsBelowNamed ? 0 : lowestSlot)
    adjoints[Int(output)] = 1
    propagate(from: Int(output), downTo: lowestSlot)
  }

  /// Sets the adjoint of every slot in use to zero, growing the buffer first if needed; with
  /// `keepingBelow` k > 1, the adjoints of slots 1 ..< k are left as they are.
  @inlinable
  mutating func zeroAdjoints(keepingBelow first: Int = 0) {
    let n = count
    if _slowPath(adjointCapacity < n) { growAdjoints(to: n) }
    if first <= 1 {
      adjoints.update(repeating: 0, count: n)
    } else {
      adjoints[0] = 0
      (adjoints + first).update(repeating: 0, count: n - first)
    }
  }

  /// The loop of the backward sweep, from slot `top` down to `lowestSlot`, over adjoints already
  /// seeded: one seed for a gradient, one per output, weighted, for a vector-Jacobian product.
  @inlinable
  mutating func propagate(from top: Int, downTo lowestSlot: Int) {
    var slot = top
    while slot >= lowestSlot {
      let adjoint = adjoints[slot]
      if !adjoint.isExactlyZero {
        let entry = entries[slot]
        adjoints[Int(entry.lhs)] += Self.chainTerm(entry.lhsPartial, adjoint)
        adjoints[Int(entry.rhs)] += Self.chainTerm(entry.rhsPartial, adjoint)
      }
      slot -= 1
    }
  }

  /// partial · adjoint, except that an exactly zero partial contributes zero even against an
  /// infinite or NaN adjoint: the convention forward mode follows for a zero tangent, so that
  /// both modes agree (a cost such as `0 * sqrt(x)` at x = 0 has derivative 0 in each).
  @inlinable @inline(__always)
  static func chainTerm(_ partial: T, _ adjoint: T) -> T {
    let product = partial * adjoint
    if _slowPath(product.isNaN) && partial.isExactlyZero { return 0 }
    return product
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
  let kind: any PooledTapeKind.Type
}

/// The tapes not lent out, by element type, behind a pthread mutex.
///
/// A pthread mutex rather than `Synchronization.Mutex`: ThreadSanitizer intercepts pthread locks
/// and so sees that a tape returned by one thread happens before its next loan to another, while
/// `Mutex`'s futex-based lock lives in the uninstrumented standard library, which made every
/// hand-over of a tape look like a race (`swift test --sanitize=thread` reported 153).
private final class TapePool: @unchecked Sendable {
  // Sendable: every access to `tapes` holds `mutex`.
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private var tapes: [ObjectIdentifier: [PooledTape]] = [:]

  init() {
    mutex = .allocate(capacity: 1)
    pthread_mutex_init(mutex, nil)
  }

  func withLock<R>(_ body: (inout [ObjectIdentifier: [PooledTape]]) -> R) -> R {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    return body(&tapes)
  }
}

private let tapePool = TapePool()

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
  tape.pointee.isLent = true
  tape.pointee.limit = tape.pointee.capacity
  return tape
}

/// Takes a lent tape back: clears it and moves it to a new generation, so that every
/// ``Variable`` recorded on it is recognized as stale.
@usableFromInline
func returnTape<T: RealScalar>(_ tape: UnsafeMutablePointer<TapeStorage<T>>) {
  // Memory above the cap is given back when this call did not need it (see TapeMemory).
  let cap = TapeMemory.cap
  let release = tape.pointee.retainedBytes > cap && tape.pointee.usedBytes <= cap
  tape.pointee.clear()
  tape.pointee.generation &+= 1
  tape.pointee.isLent = false
  if release {
    tape.pointee.releaseBuffers()
    TapeMemory.trimHeap()
  }
  tape.pointee.limit = tape.pointee.count
  let key = ObjectIdentifier(T.self)
  tapePool.withLock { pool in
    pool[key, default: []].append(PooledTape(pointer: tape, kind: TapeKind<T>.self))
  }
}

/// A pooled tape's element type, so that the pool can release tapes of every type.
private protocol PooledTapeKind {
  static func releaseBuffers(_ pointer: UnsafeMutableRawPointer)
}

private enum TapeKind<T: RealScalar>: PooledTapeKind {
  static func releaseBuffers(_ pointer: UnsafeMutableRawPointer) {
    pointer.assumingMemoryBound(to: TapeStorage<T>.self).pointee.releaseBuffers()
  }
}

/// Every pooled tape's buffers down to their initial size.
func releasePooledTapes() {
  tapePool.withLock { pool in
    for (_, tapes) in pool {
      for tape in tapes { tape.kind.releaseBuffers(tape.pointer) }
    }
  }
  TapeMemory.trimHeap()
}
