/// A vector of numbers tracked in reverse mode, recorded on the tape as whole-array operations.
///
/// Inside a gradient closure, write a cost over whole vectors when that is natural. Each array
/// operation is one record on the tape, however long the vectors are, and its backward step is a
/// loop over contiguous memory:
///
/// ```swift
/// let x = VariableVector(constant: data.x), y = VariableVector(constant: data.y)
/// let (loss, g) = valueWithGradient(at: [0.5, -1]) { p in
///   let m = VariableVector(p[0]), b = VariableVector(p[1])  // one element each: they broadcast
///   return mean(pow(m * x + b - y, 2))
/// }
/// ```
///
/// `VariableVector` is a ``RealScalar`` whose arithmetic and elementary functions act
/// elementwise, like NumPy's arrays: `+ - * /`, `exp`, `tanh`, `pow`, … apply to each element,
/// with the rules of the same derivative table as scalars. Elementwise operations of two vectors
/// need equal lengths, or one of length 1, which is repeated (broadcast); a literal is a vector
/// of one element, so `2 * v - 1` works. A generic cost written for ``RealScalar`` can therefore
/// run on whole vectors, provided it uses no comparison (`<` is defined for one-element vectors
/// only).
///
/// Vectors mix with scalar variables and with constants:
/// - ``init(_:)-(Variable<T>)`` makes a one-element vector of a scalar variable, which broadcasts;
/// - ``init(_:)-(Variables)`` gathers scalar variables (the inputs of a gradient call, say);
/// - ``init(constant:)`` wraps a plain `[T]`, data that carries no derivative;
/// - reductions (``sum(_:)-(VariableVector<T>)``, ``mean(_:)-(VariableVector<T>)``,
///   ``dot(_:_:)``, ``squaredNorm(_:)-(VariableVector<T>)``) and elements (`v[i]`) are scalar
///   ``Variable``s, which go on into scalar code.
///
/// Elementwise operations are not evaluated when recorded. Whoever consumes them (a reduction,
/// a matrix product, reading ``values``) evaluates the whole expression at once, in blocks that
/// stay in the processor's cache, and `sum(x * y)` or `mean(pow(m * x + b - y, 2))` then reads
/// its inputs once and writes no intermediate array (see <doc:WorkingWithArrays>).
///
/// Like a ``Variable``, a tracked vector belongs to the gradient call that created it; using one
/// after that call has returned stops the program with a message. A vector of constants belongs
/// to no call and may be created once, outside the closure, and used in every call.
@frozen
public struct VariableVector<T: RealScalar> {
  @usableFromInline var handle: ArrayHandle<T>

  @inlinable
  init(handle: ArrayHandle<T>) { self.handle = handle }

  /// A vector of the given scalar variables, in order.
  ///
  /// Inside a gradient closure this is how the inputs become a vector: for the array `x` a closure
  /// receives, `VariableVector(x)` costs one copy of the values, and the vector's gradient flows
  /// back to each `x[i]`. Constant variables among them are constant elements.
  ///
  /// - Complexity: O(n).
  @inlinable
  public init<Variables: Collection>(_ variables: Variables)
  where Variables.Element == Variable<T> {
    let array = Array(variables)
    handle = leaf(array, columns: array.count)
  }

  /// A vector of one element, the scalar variable `x`; in an elementwise operation with a longer
  /// vector it is repeated for every element (broadcast).
  ///
  /// ```swift
  /// let m = VariableVector(p[0])
  /// m * x   // (m·x₀, m·x₁, …)
  /// ```
  @inlinable
  public init(_ x: Variable<T>) {
    if x.isTracked {
      handle = leaf([x], columns: 1)
    } else {
      handle = ArrayHandle(scalar: x.value)
    }
  }

  /// A vector of constants: data that carries no derivative.
  ///
  /// The values are not copied: the vector holds the array, and slices of it share it too.
  /// Create data vectors once, outside the gradient closure, and use them in every call.
  @inlinable
  public init(constant values: [T]) {
    handle = ArrayHandle(constant: values, count: values.count, columns: values.count)
  }

  /// The number of elements.
  @inlinable public var count: Int { handle.count }

  /// `true` for a vector computed from the inputs of a gradient call; `false` for constants.
  @inlinable public var isTracked: Bool { handle.isTracked }

  /// The elements' values.
  ///
  /// For an elementwise expression not yet evaluated this evaluates it (once: later reads and
  /// later operations use the stored values).
  ///
  /// - Complexity: O(n).
  @inlinable public var values: [T] { AutoDiff.values(of: handle) }

  /// Element `i`, as a scalar variable.
  ///
  /// For a vector built from scalar variables this is the variable itself, and costs nothing.
  /// For a computed vector it is a new scalar whose derivatives are those of the one element,
  /// which costs a backward step through the operations that computed the vector: to use every
  /// element, prefer a reduction (``sum(_:)-(VariableVector<T>)``, ``dot(_:_:)``) to a loop
  /// over `v[i]`.
  ///
  /// - Precondition: `0 <= i < count`.
  @inlinable
  public subscript(i: Int) -> Variable<T> {
    precondition(
      i >= 0 && i < count, "Index \(i) is out of range for a vector of \(count) elements.")
    return element(handle, i)
  }

  /// The contiguous elements in `bounds`, as a vector that shares this one's storage: `x[1...]`,
  /// `x[..<(n - 1)]`, `x[2..<5]`.
  ///
  /// A slice copies nothing, and its gradient flows into the elements it covers. A slice of an
  /// elementwise expression evaluates the expression first.
  ///
  /// - Precondition: `bounds` lies within `0...count`.
  @inlinable
  public subscript<Bounds: RangeExpression>(bounds: Bounds) -> VariableVector
  where Bounds.Bound == Int {
    let range = bounds.relative(to: 0..<count)
    precondition(
      range.lowerBound >= 0 && range.upperBound <= count,
      "Slice \(range) is out of range for a vector of \(count) elements.")
    return VariableVector(
      handle: slice(handle, start: range.lowerBound, count: range.count, columns: range.count))
  }

  /// All the elements, `x[...]`: the vector itself.
  @inlinable
  public subscript(_: UnboundedRange) -> VariableVector { self }

  /// The same elements as a matrix of `rows` × `columns`, row after row; shares this vector's
  /// storage.
  ///
  /// ```swift
  /// let weights = parameters[0..<6].reshaped(rows: 2, columns: 3)
  /// ```
  ///
  /// - Precondition: `rows × columns == count`.
  @inlinable
  public func reshaped(rows: Int, columns: Int) -> VariableMatrix<T> {
    precondition(
      rows >= 0 && columns >= 0 && rows * columns == count,
      "Cannot reshape a vector of \(count) elements into a \(rows) × \(columns) matrix.")
    return VariableMatrix(handle: handle.reshaped(count: count, columns: columns, rows: rows))
  }
}

extension VariableVector: CustomStringConvertible {
  /// The values, marked as tracked or constant.
  public var description: String {
    isTracked ? "VariableVector(\(values))" : "VariableVector(constant: \(values))"
  }
}
