// Recording the operations that are evaluated when they are recorded (matrix products,
// transposes, concatenation, row-wise functions); their backward steps are in
// Evaluation/BackwardSteps.swift.

/// Records an operation of kind `kind` on `operands`, evaluated now into new storage of `count`
/// elements (rows of `columns`) by `compute`, which receives the operands' values and the output.
/// With only constant operands, `compute` runs on their values and the result is a constant.
@inline(__always)
func evaluatedOperation<T>(
  _ kind: ArrayNodeKind, _ operands: [ArrayHandle<T>], count: Int, columns: Int,
  parameter: Int = 0, indices: [Int32] = [], rows: Int? = nil,
  compute: (
    _ arrays: UnsafeMutablePointer<ArrayTape<T>>?, _ inputs: [UnsafePointer<T>],
    _ output: UnsafeMutablePointer<T>
  ) -> Void
) -> ArrayHandle<T> {
  var tape: UnsafeMutablePointer<TapeStorage<T>>?
  var generation: UInt32 = 0
  for operand in operands {
    operand.checkCurrent()
    guard let other = operand.tape else { continue }
    if let tape {
      if _slowPath(other != tape || operand.generation != generation) {
        Variable<T>.mixedTapes()
      }
    } else {
      tape = other
      generation = operand.generation
    }
  }
  guard let tape else {
    let inputs = operands.map { $0.constantArray() }
    var result = [T](repeating: 0, count: count)
    withPointers(inputs) { pointers in
      result.withUnsafeMutableBufferPointer { output in
        if let base = output.baseAddress { compute(nil, pointers, base) }
      }
    }
    if let rows { return ArrayHandle(constant: result, count: count, columns: columns, rows: rows) }
    return constantHandle(result, columns: columns)
  }
  let arrays = tape.pointee.arrayTape()
  var node = ArrayNode<T>(kind: kind, count: count, columns: columns)
  node.parameter = parameter
  var nodeIndices: [Int32] = []
  nodeIndices.reserveCapacity(operands.count)
  for operand in operands {
    let index = arrays.pointee.node(for: operand)
    arrays.pointee.evaluate(index)
    node.isTracked = node.isTracked || arrays.pointee.nodes[Int(index)].isTracked
    nodeIndices.append(index)
  }
  if nodeIndices.count > 0 { node.a = nodeIndices[0] }
  if nodeIndices.count > 1 { node.b = nodeIndices[1] }
  if kind == .concatenation {
    node.indices = arrays.pointee.allocateIndices(nodeIndices.count)
    for (k, index) in nodeIndices.enumerated() { arrays.pointee.indices[node.indices + k] = index }
  } else if !indices.isEmpty {
    node.indices = arrays.pointee.allocateIndices(indices.count)
    for (k, index) in indices.enumerated() { arrays.pointee.indices[node.indices + k] = index }
  }
  node.storage = arrays.pointee.allocate(count)
  let pointers = nodeIndices.map { arrays.pointee.valuePointer($0) }
  compute(arrays, pointers, arrays.pointee.values + node.storage)
  let index = arrays.pointee.appendOwner(node)
  return ArrayHandle(
    tape: tape, generation: generation, node: index, count: count, columns: columns, rows: rows)
}

/// Calls `body` with pointers to the elements of each array (a dangling but unused pointer for
/// an empty one).
func withPointers<T, R>(_ arrays: [[T]], _ body: ([UnsafePointer<T>]) -> R) -> R {
  func step(_ k: Int, _ collected: [UnsafePointer<T>]) -> R {
    if k == arrays.count { return body(collected) }
    return arrays[k].withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<T>.alignment)!
      return step(k + 1, collected + [base])
    }
  }
  return step(0, [])
}

// MARK: - Recording

/// C = A B for A of `rows` × `inner` and B of `inner` × `columns`.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProduct<T>(
  _ a: ArrayHandle<T>, _ b: ArrayHandle<T>, rows: Int, inner: Int, columns: Int
) -> ArrayHandle<T> {
  evaluatedOperation(
    .matrixProduct, [a, b], count: rows * columns, columns: columns, parameter: inner,
    rows: rows
  ) { _, inputs, output in
    matrixProduct(inputs[0], inputs[1], output, rows: rows, inner: inner, columns: columns)
  }
}

/// Aᵀ for A of `rows` × `columns`.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func transposed<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int) -> ArrayHandle<T> {
  evaluatedOperation(.transpose, [a], count: rows * columns, columns: rows, rows: columns) {
    _, inputs, output in
    transpose(inputs[0], output, rows: rows, columns: columns)
  }
}

/// The elements of every operand, one after the other, as rows of `columns`.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func concatenation<T>(_ parts: [ArrayHandle<T>], columns: Int, rows: Int) -> ArrayHandle<T> {
  let counts = parts.map(\.count)
  let total = counts.reduce(0, +)
  return evaluatedOperation(
    .concatenation, parts, count: total, columns: columns, parameter: parts.count,
    rows: rows
  ) {
    _, inputs, output in
    var offset = 0
    for (k, input) in inputs.enumerated() {
      (output + offset).update(from: input, count: counts[k])
      offset += counts[k]
    }
  }
}

/// log Σⱼ exp aᵢⱼ for each row of A (`rows` × `columns`).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowLogSumExp<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int) -> ArrayHandle<T> {
  evaluatedOperation(.rowLogSumExp, [a], count: rows, columns: rows, parameter: columns) {
    arrays, inputs, output in
    withRowScratch(arrays, columns) { scratch in
      rowLogSumExp(inputs[0], output, rows: rows, columns: columns, scratch: scratch)
    }
  }
}

/// The softmax of each row of A (`rows` × `columns`).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowSoftmax<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int) -> ArrayHandle<T> {
  evaluatedOperation(.rowSoftmax, [a], count: rows * columns, columns: columns, rows: rows) {
    arrays, inputs, output in
    withRowScratch(arrays, rows + columns) { scratch in
      rowLogSumExp(inputs[0], scratch, rows: rows, columns: columns, scratch: scratch + rows)
      rowSoftmax(inputs[0], logSumExp: scratch, output, rows: rows, columns: columns)
    }
  }
}

/// Σⱼ aᵢⱼ for each row of A.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowSum<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int) -> ArrayHandle<T> {
  evaluatedOperation(.rowSum, [a], count: rows, columns: rows, parameter: columns) {
    _, inputs, output in
    for i in 0..<rows { output[i] = sumOf(inputs[0] + i * columns, columns) }
  }
}

/// Σᵢ aᵢⱼ for each column of A.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func columnSum<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int) -> ArrayHandle<T> {
  evaluatedOperation(.columnSum, [a], count: columns, columns: columns, parameter: rows) {
    _, inputs, output in
    output.update(repeating: 0, count: columns)
    for i in 0..<rows { addScaled(output, 1, inputs[0] + i * columns, columns) }
  }
}

/// aᵢ,ₖᵢ for each row i of A, with kᵢ = `picks[i]`.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowPick<T>(_ a: ArrayHandle<T>, rows: Int, columns: Int, picks: [Int32]) -> ArrayHandle<T> {
  evaluatedOperation(
    .rowPick, [a], count: rows, columns: rows, parameter: columns, indices: picks
  ) {
    _, inputs, output in
    for i in 0..<rows { output[i] = inputs[0][i * columns + Int(picks[i])] }
  }
}

/// Runs `body` with `count` elements of scratch: the tape's, or a temporary array for
/// constants.
@inline(__always)
func withRowScratch<T: RealScalar>(
  _ arrays: UnsafeMutablePointer<ArrayTape<T>>?, _ count: Int,
  _ body: (UnsafeMutablePointer<T>) -> Void
) {
  if let arrays {
    arrays.pointee.reserveScratch(count)
    body(arrays.pointee.scratch)
  } else {
    var scratch = [T](repeating: 0, count: Swift.max(count, 1))
    scratch.withUnsafeMutableBufferPointer { body($0.baseAddress!) }
  }
}
