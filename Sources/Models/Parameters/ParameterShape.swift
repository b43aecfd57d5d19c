/// The shape of one block of a ``ParameterLayout``: a single number, a vector, or a matrix
/// stored row after row.
public enum ParameterShape: Sendable, Hashable {
  /// One number.
  case scalar
  /// `count` numbers.
  case vector(count: Int)
  /// `rows` × `columns` numbers, stored row after row (row-major): element (i, j) is at
  /// `i × columns + j` within the block.
  case matrix(rows: Int, columns: Int)

  /// The number of values the block holds: 1, `count`, or `rows × columns`.
  public var count: Int {
    switch self {
    case .scalar: return 1
    case .vector(let count): return count
    case .matrix(let rows, let columns): return rows * columns
    }
  }

  /// The word a message uses for a block of this shape: "scalar", "vector" or "matrix".
  var kind: String {
    switch self {
    case .scalar: return "scalar"
    case .vector: return "vector"
    case .matrix: return "matrix"
    }
  }

  /// The shape and the kind as a message says them: "a scalar", "a vector of 16 values",
  /// "a 16 × 2 matrix".
  var phrase: String {
    switch self {
    case .scalar: return "a scalar"
    case .vector(let count): return "a vector of \(count) \(count == 1 ? "value" : "values")"
    case .matrix(let rows, let columns): return "a \(rows) × \(columns) matrix"
    }
  }
}

extension ParameterShape: CustomStringConvertible {
  /// "scalar", "16" for a vector of 16 values, "16 × 2" for a matrix of 16 rows and 2 columns.
  public var description: String {
    switch self {
    case .scalar: return "scalar"
    case .vector(let count): return "\(count)"
    case .matrix(let rows, let columns): return "\(rows) × \(columns)"
    }
  }
}
