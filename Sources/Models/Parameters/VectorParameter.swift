/// A handle on a vector block of a ``ParameterLayout``: its name, where it starts in the flat
/// parameter vector, and its length.
///
/// ``ParameterLayout/vector(_:count:initializer:)`` returns it, and
/// ``ParameterLayout/vector(named:)`` finds it again by name. Subscripting a parameter vector
/// with it gives the block:
///
/// | Subscripted (`p[b]` on `VariableVector`, `p[block: b]` on arrays) | is |
/// | --- | --- |
/// | `VariableVector<T>` | a `VariableVector<T>` sharing p's storage |
/// | `[Variable<T>]` | a `VariableVector<T>` of those variables |
/// | `[T]` | the values, `[T]` (settable) |
///
/// To add a bias to every row of a matrix, use the block as a single row: `p[b.row]` is a
/// 1 × count `VariableMatrix`, which broadcasts over the rows.
public struct VectorParameter: Sendable, Hashable {
  /// The block's name in its layout.
  public let name: String
  /// The index in the flat vector of element 0.
  public let offset: Int
  /// The number of values.
  public let count: Int

  init(name: String, offset: Int, count: Int) {
    self.name = name
    self.offset = offset
    self.count = count
  }

  /// Where the block lies in the flat vector: `offset..<(offset + count)`.
  public var range: Range<Int> { offset..<(offset + count) }

  /// The same block as a 1 × count matrix: `matmul(x, p[w].transposed()) + p[b.row]` adds the
  /// bias to every row.
  public var row: MatrixParameter {
    MatrixParameter(name: name, offset: offset, rows: 1, columns: count)
  }

  /// The same block as a count × 1 matrix, which broadcasts across the columns of a matrix of
  /// count rows.
  public var column: MatrixParameter {
    MatrixParameter(name: name, offset: offset, rows: count, columns: 1)
  }
}

extension VectorParameter: CustomStringConvertible {
  /// The name, the length and the range: "b1: vector of 16 at 16..<32".
  public var description: String { "\(name): vector of \(count) at \(range)" }
}
