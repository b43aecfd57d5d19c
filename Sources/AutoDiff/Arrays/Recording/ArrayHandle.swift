/// What ``VariableVector`` and ``VariableMatrix`` hold: either a node on a gradient call's array
/// tape, or a constant's values, with a shape.
///
/// A handle does not own array memory on the tape (the tape does), so copying one costs a few
/// words; a constant's values are a `[T]` and a start offset into it, so slicing a constant copies
/// nothing either. One-element constants (literals) keep their value inline and allocate nothing.
@usableFromInline
@frozen
struct ArrayHandle<T: RealScalar> {
  /// The tape of the gradient call that recorded this array; `nil` for a constant.
  @usableFromInline var tape: UnsafeMutablePointer<TapeStorage<T>>?
  @usableFromInline var generation: UInt32
  /// The node on the array tape; −1 for a constant.
  @usableFromInline var node: Int32
  /// Number of elements, and the length of one row (row-major); a vector is one row.
  @usableFromInline var count: Int
  @usableFromInline var columns: Int
  /// The number of rows, kept apart so that a matrix of no columns still knows its rows.
  @usableFromInline var rowCount: Int
  /// A constant's values: `constantValues[constantOffset ..< constantOffset + count]`, or
  /// `scalar` when `constantValues` is `nil` (a one-element constant).
  @usableFromInline var constantValues: [T]?
  @usableFromInline var constantOffset: Int
  @usableFromInline var scalar: T

  /// A tracked array: node `node` of `tape`.
  @inlinable
  init(
    tape: UnsafeMutablePointer<TapeStorage<T>>, generation: UInt32, node: Int32, count: Int,
    columns: Int, rows: Int? = nil
  ) {
    self.tape = tape
    self.generation = generation
    self.node = node
    self.count = count
    self.columns = columns
    rowCount = rows ?? (columns == 0 ? 0 : count / columns)
    constantValues = nil
    constantOffset = 0
    scalar = 0
  }

  /// A constant array, rows of `columns` elements.
  @inlinable
  init(constant values: [T], offset: Int = 0, count: Int, columns: Int, rows: Int? = nil) {
    tape = nil
    generation = 0
    node = -1
    self.count = count
    self.columns = columns
    rowCount = rows ?? (columns == 0 ? 0 : count / columns)
    constantValues = values
    constantOffset = offset
    scalar = 0
  }

  /// A one-element constant.
  @inlinable
  init(scalar: T) {
    tape = nil
    generation = 0
    node = -1
    count = 1
    columns = 1
    rowCount = 1
    constantValues = nil
    constantOffset = 0
    self.scalar = scalar
  }

  /// The number of rows.
  @inlinable var rows: Int { rowCount }

  /// `true` for an array recorded on a tape (one that may depend on the inputs).
  @inlinable var isTracked: Bool { tape != nil }

  /// The same elements seen as rows of `columns`.
  @inlinable
  func reshaped(count: Int, columns: Int, rows: Int? = nil) -> ArrayHandle {
    var copy = self
    copy.count = count
    copy.columns = columns
    copy.rowCount = rows ?? (columns == 0 ? 0 : count / columns)
    return copy
  }

  /// A constant's values (for a constant handle only).
  @inlinable
  func constantArray() -> [T] {
    guard let values = constantValues else { return [scalar] }
    if constantOffset == 0 && values.count == count { return values }
    return Array(values[constantOffset..<(constantOffset + count)])
  }

  /// Stops unless this array was recorded by the gradient call now running on its tape.
  @inlinable
  func checkCurrent() {
    guard let tape else { return }
    if _slowPath(generation != tape.pointee.generation) { Variable<T>.usedAfterReturn() }
  }
}

/// The tape two operands are recorded on, stopping if they come from different gradient calls or
/// if either comes from one that has returned; `nil` when both are constants.
@inlinable
func commonTape<T>(_ a: ArrayHandle<T>, _ b: ArrayHandle<T>) -> UnsafeMutablePointer<
  TapeStorage<T>
>? {
  a.checkCurrent()
  b.checkCurrent()
  guard let tape = a.tape else { return b.tape }
  if let other = b.tape, _slowPath(other != tape || a.generation != b.generation) {
    Variable<T>.mixedTapes()
  }
  return tape
}

/// The tape of an operation between an array and a scalar variable; see ``commonTape(_:_:)``.
@inlinable
func commonTape<T>(_ a: ArrayHandle<T>, _ x: Variable<T>) -> UnsafeMutablePointer<
  TapeStorage<T>
>? {
  a.checkCurrent()
  guard let other = x.tape else { return a.tape }
  if _slowPath(x.generation != other.pointee.generation) { Variable<T>.usedAfterReturn() }
  guard let tape = a.tape else { return other }
  if _slowPath(other != tape || a.generation != x.generation) { Variable<T>.mixedTapes() }
  return tape
}

extension TapeStorage {
  /// The array tape beside this scalar tape, created by the first array operation.
  @inlinable
  mutating func arrayTape() -> UnsafeMutablePointer<ArrayTape<T>> {
    if let arrays { return arrays }
    return makeArrayTape()
  }

  @usableFromInline @inline(never)
  mutating func makeArrayTape() -> UnsafeMutablePointer<ArrayTape<T>> {
    let pointer = UnsafeMutablePointer<ArrayTape<T>>.allocate(capacity: 1)
    pointer.initialize(to: ArrayTape())
    arrays = pointer
    return pointer
  }
}
