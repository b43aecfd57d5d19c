/// One named block of a ``ParameterLayout``, as the layout records it: its name, where it lies in
/// the flat vector, its shape and its initializer.
///
/// ``ParameterLayout/blocks`` lists them in declaration order, and
/// ``ParameterLayout/subscript(_:)`` finds one by name, which is how to inspect a layout read
/// from a file. To use a block in a cost, get its typed handle with
/// ``ParameterLayout/matrix(named:)``, ``ParameterLayout/vector(named:)`` or
/// ``ParameterLayout/scalar(named:)``.
public struct ParameterBlock: Sendable, Hashable {
  /// The name, unique in the layout.
  public let name: String
  /// The index in the flat vector of the block's first value.
  public let offset: Int
  /// A scalar, a vector or a row-major matrix.
  public let shape: ParameterShape
  /// How ``ParameterLayout/initialValues(seed:)`` fills the block.
  public let initializer: ParameterInitializer

  init(name: String, offset: Int, shape: ParameterShape, initializer: ParameterInitializer) {
    self.name = name
    self.offset = offset
    self.shape = shape
    self.initializer = initializer
  }

  /// The number of values: 1, the vector's length, or rows × columns.
  public var count: Int { shape.count }

  /// Where the block lies in the flat vector: `offset..<(offset + count)`.
  public var range: Range<Int> { offset..<(offset + count) }

  /// "`w1` is a 16 × 2 matrix at offset 0", for messages.
  var phrase: String { "`\(name)` is \(shape.phrase) at offset \(offset)" }
}
