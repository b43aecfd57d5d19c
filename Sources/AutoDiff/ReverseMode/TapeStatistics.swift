/// How much a reverse-mode evaluation records: the size of the tape for one call.
public struct TapeStatistics: Sendable, Equatable {
  /// Recorded entries: one per input and one per operation on tracked values. Operations on
  /// constants alone are not recorded.
  public let operations: Int
  /// Bytes each entry occupies on the tape: two `Int32` operand slots and two partials,
  /// 8 + 2 · `MemoryLayout<T>.stride` (24 for `Double`).
  public let recordBytesPerOperation: Int
  /// Bytes per entry of the adjoint buffer used by the backward sweep
  /// (`MemoryLayout<T>.stride`; 8 for `Double`). The buffer is reused across calls.
  public let adjointBytesPerOperation: Int

  @usableFromInline
  init(operations: Int, recordBytesPerOperation: Int, adjointBytesPerOperation: Int) {
    self.operations = operations
    self.recordBytesPerOperation = recordBytesPerOperation
    self.adjointBytesPerOperation = adjointBytesPerOperation
  }

  /// Total bytes of the record: `operations × recordBytesPerOperation`.
  public var recordBytes: Int { operations * recordBytesPerOperation }
}

/// Records `f` at `x` without sweeping backward, and reports the size of its tape.
///
/// ```swift
/// tapeStatistics(at: [1.0, 2.0]) { x in x[0] * x[1] + 1 }.operations  // 4: 2 inputs, ×, +
/// ```
///
/// - Complexity: one recorded evaluation of `f`.
@inlinable
public func tapeStatistics<T: RealScalar>(
  at x: [T], of f: ([Variable<T>]) throws -> Variable<T>
) rethrows -> TapeStatistics {
  try withTape(T.self) { tape in
    _ = try f(recordInputs(x, on: tape))
    return TapeStatistics(
      operations: tape.pointee.count - 1,
      recordBytesPerOperation: 2 * MemoryLayout<Int32>.stride + 2 * MemoryLayout<T>.stride,
      adjointBytesPerOperation: MemoryLayout<T>.stride)
  }
}
