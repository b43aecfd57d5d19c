/// A handle on a matrix block of a ``ParameterLayout``: its name, where it starts in the flat
/// parameter vector, and its shape, stored row after row.
///
/// ``ParameterLayout/matrix(_:rows:columns:initializer:)`` returns it, and
/// ``ParameterLayout/matrix(named:)`` finds it again by name. Subscripting a parameter vector
/// with it gives the block:
///
/// | Subscripted (`p[w]` on `VariableVector`, `p[block: w]` on arrays) | is |
/// | --- | --- |
/// | `VariableVector<T>` | a `VariableMatrix<T>` of `rows` × `columns` sharing p's storage |
/// | `[Variable<T>]` | a `VariableMatrix<T>` of `rows` × `columns` of those variables |
/// | `[T]` | the rows, `[[T]]` (settable) |
///
/// Element (i, j) of the matrix is `p[offset + i × columns + j]`.
public struct MatrixParameter: Sendable, Hashable {
  /// The block's name in its layout.
  public let name: String
  /// The index in the flat vector of element (0, 0).
  public let offset: Int
  /// The number of rows (fan-out, for a weight matrix used as `matmul(x, W.transposed())`).
  public let rows: Int
  /// The number of columns (fan-in, for a weight matrix used as `matmul(x, W.transposed())`).
  public let columns: Int

  init(name: String, offset: Int, rows: Int, columns: Int) {
    self.name = name
    self.offset = offset
    self.rows = rows
    self.columns = columns
  }

  /// The number of values, rows × columns.
  public var count: Int { rows * columns }

  /// Where the block lies in the flat vector: `offset..<(offset + count)`.
  public var range: Range<Int> { offset..<(offset + count) }

  /// The same block as a vector of rows × columns values, row after row: `p[w.flattened]` is
  /// the matrix's values in row-major order.
  public var flattened: VectorParameter {
    VectorParameter(name: name, offset: offset, count: count)
  }
}

extension MatrixParameter: CustomStringConvertible {
  /// The name, the shape and the range: "w1: 16 × 2 matrix at 0..<32".
  public var description: String { "\(name): \(rows) × \(columns) matrix at \(range)" }
}
