// Recording array operations: turning handles into nodes, elementwise operations with
// broadcasting, leaves built from scalar variables, and views.

extension ArrayTape {
  /// The node of `handle` on this tape: its own, or a new constant node for a constant.
  @usableFromInline
  mutating func node(for handle: ArrayHandle<T>) -> Int32 {
    if handle.tape != nil { return handle.node }
    var node = ArrayNode<T>(kind: .constant, count: handle.count, columns: handle.columns)
    if let values = handle.constantValues {
      constants.append(values)
      // The array is retained by `constants` until the call ends, and never mutated, so its
      // storage does not move.
      let base = values.withUnsafeBufferPointer { $0.baseAddress }
      node.external = base.map { UnsafePointer($0 + handle.constantOffset) }
      if node.external == nil { node.storage = allocate(0) }
    } else {
      node.storage = allocate(1)
      (values + node.storage).initialize(to: handle.scalar)
    }
    node.owner = Int32(truncatingIfNeeded: nodeCount)
    return append(node)
  }

  /// Appends a node that owns its storage (if any) and returns its index.
  @inlinable
  mutating func appendOwner(_ node: ArrayNode<T>) -> Int32 {
    var node = node
    node.owner = Int32(truncatingIfNeeded: nodeCount)
    return append(node)
  }

  /// Evaluates `index` if it is an elementwise node not yet evaluated.
  @inlinable
  mutating func evaluate(_ index: Int32) {
    let node = nodes[Int(index)]
    if node.storage < 0 && node.external == nil { materialize(index) }
  }
}

// MARK: - Shapes

/// How two operands of an elementwise operation broadcast against each other, and the shape of
/// the result: equal shapes; a one-element operand against anything; for matrices, one row
/// (1 × c) against r × c and one column (r × 1) against r × c. Stops with a message naming both
/// shapes otherwise.
@inlinable
func broadcastShape<T>(
  _ a: ArrayHandle<T>, _ b: ArrayHandle<T>, operation: String, isMatrix: Bool
) -> (count: Int, columns: Int, a: Broadcast, b: Broadcast) {
  if a.count == b.count && a.columns == b.columns { return (a.count, a.columns, .same, .same) }
  if a.count == 1 { return (b.count, b.columns, .scalar, .same) }
  if b.count == 1 { return (a.count, a.columns, .same, .scalar) }
  if isMatrix {
    if a.rows == 1 && a.columns == b.columns { return (b.count, b.columns, .row, .same) }
    if b.rows == 1 && b.columns == a.columns { return (a.count, a.columns, .same, .row) }
    if a.columns == 1 && a.rows == b.rows { return (b.count, b.columns, .column, .same) }
    if b.columns == 1 && b.rows == a.rows { return (a.count, a.columns, .same, .column) }
  }
  shapeMismatch(a, b, operation: operation, isMatrix: isMatrix)
}

@usableFromInline @inline(never)
func shapeMismatch<T>(
  _ a: ArrayHandle<T>, _ b: ArrayHandle<T>, operation: String, isMatrix: Bool
) -> Never {
  if isMatrix {
    preconditionFailure(
      "\(operation) of a \(a.rows) × \(a.columns) matrix and a \(b.rows) × \(b.columns) "
        + "matrix: the shapes must be equal, or one side must be 1 × 1, a single row "
        + "(1 × columns) or a single column (rows × 1), which is repeated.")
  }
  preconditionFailure(
    "\(operation) of a vector of \(a.count) elements and a vector of \(b.count) elements: the "
      + "lengths must be equal, or one of them 1, which is repeated.")
}

/// The elements of a constant operand expanded to `count` elements of rows of `columns`.
@usableFromInline
func expanded<T>(_ handle: ArrayHandle<T>, _ mode: Broadcast, count: Int, columns: Int) -> [T] {
  let values = handle.constantArray()
  switch mode {
  case .same: return values
  case .scalar: return [T](repeating: values[0], count: count)
  case .row: return (0..<count).map { values[$0 % columns] }
  case .column: return (0..<count).map { values[$0 / columns] }
  }
}

// MARK: - Elementwise operations

/// z = f(a, b) elementwise, with broadcasting; recorded without being evaluated.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func elementwise<T>(
  _ f: ElementwiseFunction, _ a: ArrayHandle<T>, _ b: ArrayHandle<T>, operation: String,
  isMatrix: Bool
) -> ArrayHandle<T> {
  let shape = broadcastShape(a, b, operation: operation, isMatrix: isMatrix)
  guard let tape = commonTape(a, b) else {
    // Constants alone: computed now, not recorded.
    let x = expanded(a, shape.a, count: shape.count, columns: shape.columns)
    let y = expanded(b, shape.b, count: shape.count, columns: shape.columns)
    var z = [T](repeating: 0, count: shape.count)
    x.withUnsafeBufferPointer { x in
      y.withUnsafeBufferPointer { y in
        z.withUnsafeMutableBufferPointer { z in
          if let xs = x.baseAddress, let ys = y.baseAddress, let zs = z.baseAddress {
            applyBinary(f, shape.count, xs, ys, zs)
          }
        }
      }
    }
    return constantHandle(z, columns: shape.columns)
  }
  let arrays = tape.pointee.arrayTape()
  let first = arrays.pointee.node(for: a)
  let second = arrays.pointee.node(for: b)
  // A broadcast operand is read out of order, so it is evaluated first.
  if shape.a != .same { arrays.pointee.evaluate(first) }
  if shape.b != .same { arrays.pointee.evaluate(second) }
  if f == .add || f == .subtract || f == .multiply,
    let terms = arrays.pointee.linearCombination(f, first, shape.a, second, shape.b)
  {
    let index = arrays.pointee.appendLinear(terms, count: shape.count, columns: shape.columns)
    return ArrayHandle(
      tape: tape, generation: tape.pointee.generation, node: index, count: shape.count,
      columns: shape.columns)
  }
  var node = ArrayNode<T>(kind: .binary, count: shape.count, columns: shape.columns)
  node.function = f
  node.a = first
  node.b = second
  node.modeA = shape.a
  node.modeB = shape.b
  node.isTracked =
    arrays.pointee.nodes[Int(first)].isTracked || arrays.pointee.nodes[Int(second)].isTracked
  let index = arrays.pointee.appendOwner(node)
  return ArrayHandle(
    tape: tape, generation: tape.pointee.generation, node: index, count: shape.count,
    columns: shape.columns)
}

/// y = f(a) elementwise; recorded without being evaluated.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func elementwise<T>(_ f: ElementwiseFunction, _ a: ArrayHandle<T>) -> ArrayHandle<T> {
  a.checkCurrent()
  guard let tape = a.tape else {
    let x = a.constantArray()
    var y = [T](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { x in
      y.withUnsafeMutableBufferPointer { y in
        if let xs = x.baseAddress, let ys = y.baseAddress { applyUnary(f, x.count, xs, ys) }
      }
    }
    return constantHandle(y, columns: a.columns)
  }
  let arrays = tape.pointee.arrayTape()
  if f == .negation, var terms = arrays.pointee.linearTerms(a.node, .same), terms.count == 1 {
    // −(c₀u₀) = (−c₀)u₀, exactly, the sign of a zero product included. A combination of more
    // terms is negated as a whole: −(u − v) is −0 where u = v, but −u + v is +0, and the sign
    // reaches atan2, 1/x and copysign (the fuzzer found atan2(−(x − x), −1) giving π, not −π).
    terms[0].constant = -terms[0].constant
    let index = arrays.pointee.appendLinear(terms, count: a.count, columns: a.columns)
    return ArrayHandle(
      tape: tape, generation: a.generation, node: index, count: a.count, columns: a.columns)
  }
  var node = ArrayNode<T>(kind: .unary, count: a.count, columns: a.columns)
  node.function = f
  node.a = a.node
  node.isTracked = arrays.pointee.nodes[Int(a.node)].isTracked
  let index = arrays.pointee.appendOwner(node)
  return ArrayHandle(
    tape: tape, generation: a.generation, node: index, count: a.count, columns: a.columns)
}

/// y = aⁿ elementwise. a² is recorded as a · a, whose loop vectorizes (the rule of `multiply`
/// gives the same value and derivative, 2a, as that of `pow`).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func power<T>(_ a: ArrayHandle<T>, _ n: Int, isMatrix: Bool) -> ArrayHandle<T> {
  if n == 2 { return elementwise(.multiply, a, a, operation: "pow", isMatrix: isMatrix) }
  a.checkCurrent()
  guard let tape = a.tape else {
    let x = a.constantArray()
    var y = [T](repeating: 0, count: x.count)
    x.withUnsafeBufferPointer { x in
      y.withUnsafeMutableBufferPointer { y in
        if let xs = x.baseAddress, let ys = y.baseAddress { applyPower(n, x.count, xs, ys) }
      }
    }
    return constantHandle(y, columns: a.columns)
  }
  let arrays = tape.pointee.arrayTape()
  var node = ArrayNode<T>(kind: .power, count: a.count, columns: a.columns)
  node.parameter = n
  node.a = a.node
  node.isTracked = arrays.pointee.nodes[Int(a.node)].isTracked
  let index = arrays.pointee.appendOwner(node)
  return ArrayHandle(
    tape: tape, generation: a.generation, node: index, count: a.count, columns: a.columns)
}

/// A constant handle for computed values: inline for one element.
@inlinable
func constantHandle<T>(_ values: [T], columns: Int) -> ArrayHandle<T> {
  if values.count == 1 && columns == 1 { return ArrayHandle(scalar: values[0]) }
  return ArrayHandle(constant: values, count: values.count, columns: columns)
}

// MARK: - Leaves and views

/// An array of the given scalar variables: a constant if none is tracked, otherwise a leaf
/// whose elements remember their slots on the scalar tape.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func leaf<T>(_ variables: [Variable<T>], columns: Int) -> ArrayHandle<T> {
  guard let first = variables.first(where: { $0.tape != nil }), let tape = first.tape else {
    return constantHandle(variables.map(\.value), columns: columns)
  }
  let generation = first.generation
  if _slowPath(generation != tape.pointee.generation) { Variable<T>.usedAfterReturn() }
  let count = variables.count
  let arrays = tape.pointee.arrayTape()
  var node = ArrayNode<T>(kind: .leaf, count: count, columns: columns)
  node.storage = arrays.pointee.allocate(count)
  node.indices = arrays.pointee.allocateIndices(count)
  node.isTracked = true
  let values = arrays.pointee.values + node.storage
  let slots = arrays.pointee.indices + node.indices
  variables.withUnsafeBufferPointer { variables in
    for i in 0..<count {
      let variable = variables[i]
      (values + i).initialize(to: variable.value)
      if let other = variable.tape {
        if _slowPath(other != tape || variable.generation != generation) {
          if variable.generation != other.pointee.generation { Variable<T>.usedAfterReturn() }
          Variable<T>.mixedTapes()
        }
        slots[i] = variable.slot
      } else {
        slots[i] = 0
      }
    }
  }
  let index = arrays.pointee.appendOwner(node)
  return ArrayHandle(
    tape: tape, generation: generation, node: index, count: count, columns: columns)
}

/// Elements `start ..< start + count` of `handle`, as rows of `columns`: a view that shares the
/// values and adjoints of the array it looks into (evaluated first if it is an elementwise
/// expression), so slicing copies nothing.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func slice<T>(_ handle: ArrayHandle<T>, start: Int, count: Int, columns: Int) -> ArrayHandle<T> {
  handle.checkCurrent()
  guard let tape = handle.tape else {
    if let values = handle.constantValues {
      return ArrayHandle(
        constant: values, offset: handle.constantOffset + start, count: count, columns: columns)
    }
    return count == 1 ? handle : ArrayHandle(constant: [], count: 0, columns: columns)
  }
  if start == 0 && count == handle.count { return handle.reshaped(count: count, columns: columns) }
  let arrays = tape.pointee.arrayTape()
  arrays.pointee.evaluate(handle.node)
  let base = arrays.pointee.nodes[Int(handle.node)]
  var node = ArrayNode<T>(kind: .view, count: count, columns: columns)
  node.a = handle.node
  node.owner = base.owner
  node.isTracked = base.isTracked
  // Values and adjoints where the base has them.
  if let external = base.external { node.external = external + start }
  if let adjoints = base.externalAdjoints { node.externalAdjoints = adjoints + start }
  if base.storage >= 0 { node.storage = base.storage + start }
  if base.indices >= 0 { node.indices = base.indices + start }
  let index = arrays.pointee.append(node)
  return ArrayHandle(
    tape: tape, generation: handle.generation, node: index, count: count, columns: columns)
}

/// The values of `handle`, evaluating it if needed.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func values<T>(of handle: ArrayHandle<T>) -> [T] {
  handle.checkCurrent()
  guard let tape = handle.tape else { return handle.constantArray() }
  let arrays = tape.pointee.arrayTape()
  arrays.pointee.evaluate(handle.node)
  let base = arrays.pointee.valuePointer(handle.node)
  return Array(UnsafeBufferPointer(start: base, count: handle.count))
}
