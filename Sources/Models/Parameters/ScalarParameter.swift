/// A handle on a single number of a ``ParameterLayout``: its name and its index in the flat
/// parameter vector.
///
/// ``ParameterLayout/scalar(_:initializer:)`` returns it, and
/// ``ParameterLayout/scalar(named:)`` finds it again by name. Subscripting a parameter vector
/// with it gives the number:
///
/// | Subscripted (`p[s]` on `VariableVector`, `p[block: s]` on arrays) | is |
/// | --- | --- |
/// | `VariableVector<T>` | the `Variable<T>` of that element |
/// | `[Variable<T>]` | the `Variable<T>` `p[offset]` |
/// | `[T]` | the value, `T` (settable) |
///
/// In an expression of matrices, `p[s.matrix]` is the number as a 1 × 1 `VariableMatrix`, which
/// broadcasts over any matrix; `p[s.vector]` is a `VariableVector` of one element.
public struct ScalarParameter: Sendable, Hashable {
  /// The block's name in its layout.
  public let name: String
  /// The number's index in the flat vector.
  public let offset: Int

  init(name: String, offset: Int) {
    self.name = name
    self.offset = offset
  }

  /// Where the number lies in the flat vector: `offset..<(offset + 1)`.
  public var range: Range<Int> { offset..<(offset + 1) }

  /// The number as a vector of one element.
  public var vector: VectorParameter { VectorParameter(name: name, offset: offset, count: 1) }

  /// The number as a 1 × 1 matrix, which broadcasts over a matrix of any shape.
  public var matrix: MatrixParameter {
    MatrixParameter(name: name, offset: offset, rows: 1, columns: 1)
  }
}

extension ScalarParameter: CustomStringConvertible {
  /// The name and the index: "b2: scalar at 64".
  public var description: String { "\(name): scalar at \(offset)" }
}
