import AutoDiff

/// A model's parameters declared as named blocks — scalars, vectors and matrices — laid out one
/// after another in one flat vector, which every optimizer and `minimize` take as it is.
///
/// Declare the blocks once, keep the handles the declarations return, and let the handles slice
/// the flat vector inside the cost:
///
/// ```swift
/// var layout = ParameterLayout()
/// let w1 = try layout.matrix("w1", rows: 16, columns: 2, initializer: .glorotUniform)
/// let b1 = try layout.vector("b1", count: 16)   // zeros
/// let w2 = try layout.matrix("w2", rows: 1, columns: 16, initializer: .glorotUniform)
/// let b2 = try layout.scalar("b2")
/// print(layout)
/// // ParameterLayout: 4 blocks, 65 values
/// // name  shape   offset  count  initializer
/// // w1    16 × 2       0     32  glorotUniform
/// // b1    16          32     16  zeros
/// // w2    1 × 16      48     16  glorotUniform
/// // b2    scalar      64      1  zeros
///
/// let inputs = VariableMatrix(constant: x, rows: n, columns: 2)
/// let targets = VariableMatrix(constant: y, rows: n, columns: 1)
/// func cost(_ p: VariableVector<Double>) -> Variable<Double> {
///   let hidden = tanh(matmul(inputs, p[w1].transposed()) + p[b1.row])   // b1 added to each row
///   let output = matmul(hidden, p[w2].transposed()) + p[b2.matrix]
///   return mean(pow(output - targets, 2))
/// }
/// let result = try minimize(
///   valueAndGradient: { x, g in VariableVector.valueWithGradient(at: x, into: &g, of: cost) },
///   from: layout.initialValues(seed: 42), using: LBFGS())
/// let trainedWeights = try layout.values(of: w1, in: result.minimizer)   // 16 rows of 2
/// ```
///
/// A weight matrix has one row per output unit and one column per input, so a dense layer is
/// `matmul(x, W.transposed()) + b` (fan-out = rows, fan-in = columns: the convention of PyTorch's
/// `nn.Linear` and of ``MultilayerPerceptron``, and the one the Glorot and He initializers of
/// ``ParameterInitializer`` read the fans from).
///
/// ## Views
///
/// Subscripting a parameter vector with a handle gives the block with its type:
///
/// | `p` | matrix block `w` | vector block `b` | scalar block `s` |
/// | --- | --- | --- | --- |
/// | `VariableVector<T>` | `p[w]`: `VariableMatrix<T>` | `p[b]`: `VariableVector<T>` | `p[s]`: `Variable<T>` |
/// | `[Variable<T>]` | `p[block: w]`: `VariableMatrix<T>` | `p[block: b]`: `VariableVector<T>` | `p[block: s]`: `Variable<T>` |
/// | `[T]` | `p[block: w]`: `[[T]]`, the rows | `p[block: b]`: `[T]` | `p[block: s]`: `T` |
///
/// On arrays the subscript is labeled `block:`: an unlabeled subscript on `Array` would take part
/// in every `array[i]` of a program that imports Descent, and made an expression such as
/// `flat[(i + 1) * n + i + 1] += 200` take two seconds to type-check instead of 44 ms.
///
/// A view records exactly what slicing by hand records: from a `VariableVector`, a matrix or a
/// vector block is one slice that shares the vector's storage (`p[a..<b].reshaped(rows:columns:)`,
/// O(1), nothing copied), and a scalar is the element `p[i]` itself; from `[Variable<T>]`, a
/// block is the array of its variables, `VariableMatrix(p[a..<b], rows:columns:)` (one copy of
/// the block's values onto the tape, as any array of scalar variables costs), and a scalar is
/// `p[i]`. A cost that uses every block of a `[Variable<T>]` can make `VariableVector(p)` once and
/// take the views of that. A view of a vector or a scalar as a matrix, to broadcast it in an
/// expression of matrices, is the same slice: `p[b.row]` (1 × count), `p[b.column]` (count × 1),
/// `p[s.matrix]` (1 × 1).
///
/// The subscripts check nothing beyond what slicing checks: the handle must come from the layout
/// of `p`, and `p` must be long enough (a precondition, as for any array index). The layout's
/// own ``values(of:in:)-(MatrixParameter,[T])`` check both and throw. (Subscripts of `[Variable<T>]`
/// and `[T]` are written `p[block: w]`.)
///
/// ## Initial values
///
/// ``initialValues(seed:)`` fills the blocks in declaration order from one ``SplitMix64``
/// generator seeded by `seed`, each with its ``ParameterInitializer``, so that the same seed
/// gives the same vector on every run and every platform, and declaring a block at the end
/// changes none of the earlier blocks' values.
///
/// ## Files
///
/// A layout is `Codable`. Its JSON names each block with its kind, offset, shape and
/// initializer, so that a file of parameters can be read by name (``subscript(_:)``,
/// ``matrix(named:)``); decoding checks the file and throws a ``ModelError`` naming the field
/// (`blocks[1].offset`) for overlapping or scattered blocks, sizes below 1, duplicate or empty
/// names, a total `count` that disagrees with the blocks, and initializers that cannot apply.
///
/// ## Compared with other libraries
///
/// - **ComponentArrays.jl** keeps one flat array and an *axis* that maps names to index ranges and
///   shapes, and `ca.w1` is a reshaped view, not a copy, so optimizers see a plain vector. The
///   layout is that axis, kept apart from the numbers: the optimizers' `[T]` stays a plain array,
///   and the views are the tape's own slices.
/// - **JAX and Flax** hold parameters as a pytree (nested dictionaries) that
///   `jax.flatten_util.ravel_pytree` flattens to one vector with a function that unflattens it;
///   Flax's initializers (`glorot_uniform`, `he_normal`, …) take the fans from the shape. The
///   initializer vocabulary comes from there, with PyTorch's fan convention (Flax's weights are
///   inputs × outputs) and PyTorch's untruncated normals. Flax gives each parameter a fresh key
///   derived from the seed (Flax NNX folds a counter into it, in creation order); here the blocks
///   draw in declaration order from one generator, which likewise keeps the earlier blocks when
///   one is added at the end, and gives ``MultilayerPerceptron``'s exact starting weights for a
///   layout of the same layers.
/// - **PyTorch**'s `named_parameters()` lists (name, tensor) pairs in registration order, and a
///   `state_dict` saves them by name. The layout keeps that order, that lookup by name, and a
///   printed table like `print(model)`.
///
/// Blocks cannot be removed or reordered: a handle is a name with a fixed offset and shape.
public struct ParameterLayout: Sendable, Hashable {
  /// The largest number of values a layout holds: 2²⁸ = 268 435 456 (2 GiB of `Double`s).
  public static let maximumCount = 1 << 28

  /// The blocks, in declaration order; each starts where the previous one ends.
  public private(set) var blocks: [ParameterBlock] = []

  /// The number of values in all: the length of the flat vector.
  public private(set) var count = 0

  /// The index in ``blocks`` of each name.
  private var indexByName: [String: Int] = [:]

  /// An empty layout, to which the blocks are added by ``matrix(_:rows:columns:initializer:)``,
  /// ``vector(_:count:initializer:)`` and ``scalar(_:initializer:)``.
  public init() {}

  // MARK: - Declaring blocks

  /// Adds a matrix block of `rows` × `columns` values, stored row after row, at the end of the
  /// flat vector.
  ///
  /// For a weight matrix of a dense layer used as `matmul(x, W.transposed())`, `rows` is the
  /// number of output units (fan-out) and `columns` the number of inputs (fan-in), as the
  /// Glorot and He initializers read them. A matrix has no default initializer: weights started
  /// all equal, at zero say, receive equal gradients and stay equal.
  ///
  /// - Parameters:
  ///   - name: Not empty, and not the name of another block.
  ///   - rows: At least 1.
  ///   - columns: At least 1, with rows × columns within the room left (the layout holds at most
  ///     ``maximumCount`` values).
  ///   - initializer: How ``initialValues(seed:)`` fills the block, such as `.glorotUniform`.
  /// - Returns: The handle that slices the block out of a parameter vector.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for an empty or
  ///   repeated name, a size below 1 or beyond the room left, or an invalid initializer; the
  ///   layout is then unchanged.
  public mutating func matrix(
    _ name: String, rows: Int, columns: Int, initializer: ParameterInitializer
  ) throws -> MatrixParameter {
    let block = try checkedBlock(
      name: name, shape: .matrix(rows: rows, columns: columns), initializer: initializer,
      offset: count, argument: { $0 })
    append(block)
    return MatrixParameter(name: name, offset: block.offset, rows: rows, columns: columns)
  }

  /// Adds a vector block of `count` values at the end of the flat vector.
  ///
  /// - Parameters:
  ///   - name: Not empty, and not the name of another block.
  ///   - count: From 1 to the room left (the layout holds at most ``maximumCount`` values).
  ///   - initializer: How ``initialValues(seed:)`` fills the block. Default `.zeros`, the usual
  ///     start for biases. Glorot and He need a matrix.
  /// - Returns: The handle that slices the block out of a parameter vector.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for an empty or
  ///   repeated name, a size below 1 or beyond the room left, or an invalid initializer; the
  ///   layout is then unchanged.
  public mutating func vector(
    _ name: String, count: Int, initializer: ParameterInitializer = .zeros
  ) throws -> VectorParameter {
    let block = try checkedBlock(
      name: name, shape: .vector(count: count), initializer: initializer, offset: self.count,
      argument: { $0 })
    append(block)
    return VectorParameter(name: name, offset: block.offset, count: count)
  }

  /// Adds a single number at the end of the flat vector.
  ///
  /// - Parameters:
  ///   - name: Not empty, and not the name of another block.
  ///   - initializer: How ``initialValues(seed:)`` sets it. Default `.zeros`. Glorot and He
  ///     need a matrix.
  /// - Returns: The handle that picks the number out of a parameter vector.
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` for an empty or
  ///   repeated name, a full layout, or an invalid initializer; the layout is then unchanged.
  public mutating func scalar(
    _ name: String, initializer: ParameterInitializer = .zeros
  ) throws -> ScalarParameter {
    let block = try checkedBlock(
      name: name, shape: .scalar, initializer: initializer, offset: count, argument: { $0 })
    append(block)
    return ScalarParameter(name: name, offset: block.offset)
  }

  /// Appends a checked block, which starts at ``count``.
  mutating func append(_ block: ParameterBlock) {
    indexByName[block.name] = blocks.count
    blocks.append(block)
    count += block.count
  }

  /// The block of `name`, `shape` and `initializer` at `offset`, after checking that it can
  /// follow the blocks declared so far. `argument` turns a field name ("name", "rows") into the
  /// argument a message names: the field itself for a declaration, its place in the file
  /// ("blocks[2].rows") for a decoded layout.
  func checkedBlock(
    name: String, shape: ParameterShape, initializer: ParameterInitializer, offset: Int,
    argument: (String) -> String
  ) throws -> ParameterBlock {
    guard !name.isEmpty else {
      throw ModelError.invalidArgument(
        argument: argument("name"), value: "\"\"",
        requirement: "a non-empty name such as \"w1\"")
    }
    if let other = indexByName[name] {
      throw ModelError.invalidArgument(
        argument: argument("name"), value: "\"\(name)\"",
        requirement: "a name no other block has: \(blocks[other].phrase)")
    }
    let room = Self.maximumCount - offset
    let size: Int
    let sizeArgument: String
    let sizeValue: String
    switch shape {
    case .scalar:
      guard room >= 1 else {
        throw ModelError.invalidArgument(
          argument: argument("name"), value: "\"\(name)\"",
          requirement: "a block that fits, but the layout is full: it holds 2²⁸ = "
            + "\(Self.maximumCount) values, the most a layout can")
      }
      size = 1
      sizeArgument = ""
      sizeValue = ""
    case .vector(let length):
      try Self.checkSize(length, argument: argument("count"), name: name)
      size = length
      sizeArgument = argument("count")
      sizeValue = "\(length)"
    case .matrix(let rows, let columns):
      try Self.checkSize(rows, argument: argument("rows"), name: name)
      try Self.checkSize(columns, argument: argument("columns"), name: name)
      let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
      size = overflow ? Int.max : product
      sizeArgument = "\(argument("rows")) × \(argument("columns"))"
      sizeValue = "\(rows) × \(columns)"
    }
    guard size <= room else {
      throw ModelError.invalidArgument(
        argument: sizeArgument, value: sizeValue,
        requirement: "at most \(room) \(room == 1 ? "value" : "values"), the room left in "
          + "the layout: a layout holds at most 2²⁸ = \(Self.maximumCount) values, and \(offset) "
          + "\(offset == 1 ? "is" : "are") declared already")
    }
    try initializer.validate(for: shape, name: name, argument: argument("initializer"))
    return ParameterBlock(name: name, offset: offset, shape: shape, initializer: initializer)
  }

  /// Throws unless `size` is at least 1.
  static func checkSize(_ size: Int, argument: String, name: String) throws {
    guard size >= 1 else {
      throw ModelError.invalidArgument(
        argument: argument, value: "\(size)",
        requirement: "at least 1, so that `\(name)` holds at least one value")
    }
  }

  // MARK: - Finding blocks by name

  /// The block named `name`, or `nil`: the way to inspect a layout read from a file.
  ///
  /// ```swift
  /// let layout = try JSONDecoder().decode(ParameterLayout.self, from: data)
  /// if let block = layout["w1"] { print(block.shape, block.range) }   // 16 × 2  0..<32
  /// ```
  public subscript(name: String) -> ParameterBlock? {
    indexByName[name].map { blocks[$0] }
  }

  /// The block named `name`.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when no block has
  ///   that name; the message lists the names there are.
  public func block(named name: String) throws -> ParameterBlock {
    guard let block = self[name] else {
      let similar = blocks.first { $0.name.lowercased() == name.lowercased() }
      let hint = similar.map { " (did you mean `\($0.name)`? Names are case-sensitive)" } ?? ""
      throw ModelError.invalidArgument(
        argument: "name", value: "\"\(name)\"",
        requirement: blocks.isEmpty
          ? "the name of a block of this layout, which has none yet"
          : "the name of a block of this layout: \(nameList)\(hint)")
    }
    return block
  }

  /// The handle of the matrix block named `name`, for a layout read from a file.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when no block has
  ///   that name, or the block is not a matrix.
  public func matrix(named name: String) throws -> MatrixParameter {
    let block = try block(named: name)
    guard case .matrix(let rows, let columns) = block.shape else {
      throw Self.wrongKind(block, expected: "matrix")
    }
    return MatrixParameter(name: name, offset: block.offset, rows: rows, columns: columns)
  }

  /// The handle of the vector block named `name`, for a layout read from a file.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when no block has
  ///   that name, or the block is not a vector.
  public func vector(named name: String) throws -> VectorParameter {
    let block = try block(named: name)
    guard case .vector(let count) = block.shape else {
      throw Self.wrongKind(block, expected: "vector")
    }
    return VectorParameter(name: name, offset: block.offset, count: count)
  }

  /// The handle of the scalar block named `name`, for a layout read from a file.
  ///
  /// - Throws: ``ModelError/invalidArgument(argument:value:requirement:)`` when no block has
  ///   that name, or the block is not a scalar.
  public func scalar(named name: String) throws -> ScalarParameter {
    let block = try block(named: name)
    guard case .scalar = block.shape else { throw Self.wrongKind(block, expected: "scalar") }
    return ScalarParameter(name: name, offset: block.offset)
  }

  /// "`b1` is a vector of 16 values: use `vector(named:)`".
  static func wrongKind(_ block: ParameterBlock, expected: String) -> ModelError {
    .invalidArgument(
      argument: "name", value: "\"\(block.name)\"",
      requirement: "the name of a \(expected), but `\(block.name)` is \(block.shape.phrase): "
        + "use `\(block.shape.kind)(named:)`")
  }

  /// The names, quoted, for messages: "`w1`, `b1`, `w2`, `b2`"; the first ten and the number
  /// of blocks for a longer layout.
  var nameList: String {
    let names = blocks.prefix(10).map { "`\($0.name)`" }.joined(separator: ", ")
    return blocks.count > 10 ? "\(names), … (\(blocks.count) blocks)" : names
  }

  // MARK: - Reading values

  /// The values of a matrix block in a flat parameter vector, row by row.
  ///
  /// ```swift
  /// let weights = try layout.values(of: w1, in: result.minimizer)   // 16 arrays of 2
  /// ```
  ///
  /// For the values in one row-major array, ask for `w1.flattened`; `w1.rows` and
  /// `w1.columns` give the shape.
  ///
  /// - Parameters:
  ///   - parameter: A handle of this layout (or a view of one, such as `b.row`).
  ///   - parameters: The whole flat vector, ``count`` values.
  /// - Throws: ``ModelError/sizeMismatch(argument:expected:actual:advice:)`` when `parameters`
  ///   has another length than ``count``; ``ModelError/invalidArgument(argument:value:requirement:)``
  ///   for a handle of another layout.
  public func values<T: BinaryFloatingPoint>(of parameter: MatrixParameter, in parameters: [T])
    throws -> [[T]]
  {
    try check(parameters.count)
    try check(parameter.name, parameter.range, "\(parameter)")
    return parameters[block: parameter]
  }

  /// The values of a vector block in a flat parameter vector.
  ///
  /// - Throws: As ``values(of:in:)-(MatrixParameter,[T])``.
  public func values<T: BinaryFloatingPoint>(of parameter: VectorParameter, in parameters: [T])
    throws -> [T]
  {
    try check(parameters.count)
    try check(parameter.name, parameter.range, "\(parameter)")
    return parameters[block: parameter]
  }

  /// The value of a scalar block in a flat parameter vector.
  ///
  /// - Throws: As ``values(of:in:)-(MatrixParameter,[T])``.
  public func values<T: BinaryFloatingPoint>(of parameter: ScalarParameter, in parameters: [T])
    throws -> T
  {
    try check(parameters.count)
    try check(parameter.name, parameter.range, "\(parameter)")
    return parameters[block: parameter]
  }

  /// The values of any block in a flat parameter vector, in one array (row after row for a
  /// matrix, whose shape is `block.shape`).
  ///
  /// ```swift
  /// for block in layout.blocks {
  ///   print(block.name, block.shape, try layout.values(of: block, in: saved))
  /// }
  /// ```
  ///
  /// - Throws: As ``values(of:in:)-(MatrixParameter,[T])``.
  public func values<T: BinaryFloatingPoint>(of block: ParameterBlock, in parameters: [T]) throws
    -> [T]
  {
    try check(parameters.count)
    try check(block.name, block.range, "block `\(block.name)` at \(block.range)")
    return Array(parameters[block.range])
  }

  /// Throws unless a flat vector has ``count`` values.
  func check(_ parameterCount: Int) throws {
    guard parameterCount == count else {
      throw ModelError.sizeMismatch(
        argument: "parameters", expected: count, actual: parameterCount,
        advice: "pass the layout's whole flat vector, such as `result.minimizer` or "
          + "`layout.initialValues(seed:)`.")
    }
  }

  /// Throws unless `name` is a block of this layout that covers exactly `range`.
  func check(_ name: String, _ range: Range<Int>, _ handle: String) throws {
    guard let block = self[name] else {
      throw ModelError.invalidArgument(
        argument: "parameter", value: handle,
        requirement: "a handle of this layout, which has no block named `\(name)`"
          + (blocks.isEmpty ? "" : " (its blocks: \(nameList))"))
    }
    guard block.range == range else {
      throw ModelError.invalidArgument(
        argument: "parameter", value: handle,
        requirement: "a handle of this layout, where \(block.phrase); this handle comes from "
          + "another layout")
    }
  }
}
