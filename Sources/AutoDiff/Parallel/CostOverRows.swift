/// The value and gradient of a cost over rows of data, J(θ) = J_R(θ) for the rows R, computed
/// in blocks of rows on several threads.
///
/// The rows are cut into blocks of ``Parallelism/rowsPerBlock`` (the last one shorter); each
/// block B is differentiated on a tape of its own, and the blocks' results are combined in
/// their order as
///
///   J(θ) = Σ_B (|B| / |R|) · J_B(θ),  ∇J(θ) = Σ_B (|B| / |R|) · ∇J_B(θ),
///
/// which is exact when the cost is a **mean over the rows it is given**, plus any terms that
/// do not depend on the rows (a penalty on θ enters every block with weights summing to one).
/// Write a sum over rows as a mean and scale it afterwards.
///
/// ```swift
/// let cost: ([Variable<Double>], ArraySlice<Int>) -> Variable<Double> = { p, rows in
///   var total: Variable<Double> = 0
///   for i in rows {
///     let r = p[0] * Variable(x[i]) + p[1] - Variable(y[i])
///     total += r * r
///   }
///   return total / Variable(Double(rows.count))
/// }
/// let rows = Array(x.indices)[...]  // made once, for every call
/// let loss = try valueWithGradient(at: [0, 0], rows: rows, into: &gradient, of: cost)
/// ```
///
/// ``valueWithGradient(at:rowCount:into:of:)`` takes rows 0 ..< n without a list.
///
/// `cost` is called from several threads at once, each call with its own rows and its own
/// variables: it must not change anything it shares with other calls (reading captured data is
/// what it is for). With one block, or ``Parallelism/threadCount`` 1, everything runs on the
/// calling thread. The result does not depend on the thread count, bit for bit.
///
/// Each block's tape holds only that block's operations, so the memory a call needs grows with
/// the block size and the thread count, not with the data: a million-row cost that would record
/// 160 MB on one tape records a few hundred kilobytes per thread.
///
/// - Parameters:
///   - x: The parameters θ.
///   - rows: The rows R, as indices into the cost's data, in any order; not empty.
///   - gradient: Receives ∇J(θ); resized to `x.count` if its length differs.
///   - cost: J_B(θ): a mean over the rows B it is given.
/// - Returns: J(θ).
/// - Throws: ``AutoDiffError/empty(argument:)`` for no rows; what `cost` throws (from the first block
///   that threw, in block order), after every block has finished.
@inlinable
public func valueWithGradient<T: RealScalar>(
  at x: [T], rows: ArraySlice<Int>, into gradient: inout [T],
  of cost: ([Variable<T>], ArraySlice<Int>) throws -> Variable<T>
) throws -> T {
  guard !rows.isEmpty else { throw AutoDiffError.empty(argument: "rows") }
  if gradient.count != x.count { gradient = [T](repeating: 0, count: x.count) }
  let size = Parallelism.rowsPerBlock
  let blockCount = (rows.count + size - 1) / size
  if blockCount == 1 {
    return try valueWithGradient(at: x, into: &gradient) { p in try cost(p, rows) }
  }
  var values = [T](repeating: 0, count: blockCount)
  var partials = [T](repeating: 0, count: blockCount * x.count)
  var failures = [(any Error)?](repeating: nil, count: blockCount)
  let n = x.count
  values.withUnsafeMutableBufferPointer { values in
    partials.withUnsafeMutableBufferPointer { partials in
      failures.withUnsafeMutableBufferPointer { failures in
        forEachInParallel(blockCount) { block in
          let start = rows.startIndex + block * size
          let blockRows = rows[start..<Swift.min(start + size, rows.endIndex)]
          var blockGradient = [T](repeating: 0, count: n)
          do {
            values[block] = try valueWithGradient(at: x, into: &blockGradient) { p in
              try cost(p, blockRows)
            }
            for i in 0..<n { partials[block * n + i] = blockGradient[i] }
          } catch {
            failures[block] = error
          }
        }
      }
    }
  }
  if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
  // In block order: the sum does not depend on which thread finished first.
  let total = T(rows.count)
  var value: T = 0
  for i in 0..<n { gradient[i] = 0 }
  for block in 0..<blockCount {
    let start = block * size
    let weight = T(Swift.min(size, rows.count - start)) / total
    value += weight * values[block]
    for i in 0..<n { gradient[i] += weight * partials[block * n + i] }
  }
  return value
}

/// The value and gradient of a cost over rows 0 ..< `rowCount` of data, in blocks of rows on
/// several threads: ``valueWithGradient(at:rows:into:of:)`` with every row in order.
///
/// ```swift
/// let loss = try valueWithGradient(at: [0, 0], rowCount: x.count, into: &gradient, of: cost)
/// ```
///
/// Each call makes the list of rows (one `Int` per row); a loop that calls it many times on a
/// million rows saves that by making the list once and passing it as `rows`.
///
/// - Throws: ``AutoDiffError/empty(argument:)`` for a row count below 1; what `cost` throws.
@inlinable
public func valueWithGradient<T: RealScalar>(
  at x: [T], rowCount: Int, into gradient: inout [T],
  of cost: ([Variable<T>], ArraySlice<Int>) throws -> Variable<T>
) throws -> T {
  guard rowCount >= 1 else { throw AutoDiffError.empty(argument: "rows") }
  return try valueWithGradient(at: x, rows: Array(0..<rowCount)[...], into: &gradient, of: cost)
}
