// The backward steps of the array operations: the walk that runs them from a reduction down to
// the leaves, and the step of each operation evaluated when it is recorded (matrix products,
// transposes, concatenation, row-wise functions). An elementwise node's backward step is its
// region's (RegionBackward.swift).

extension ArrayTape {
  /// Runs, from `top` down, the backward step of every tracked node that owns its storage and
  /// whose adjoints the current reduction has written, so that each node's adjoints are
  /// complete before its step reads them. Returns the number of elements of the leaves reached
  /// (other than the input leaf), whose adjoints are then the reduction's partials.
  mutating func runBackwardSteps(from top: Int32) -> Int {
    var leafElements = 0
    var j = Int(top)
    while j >= 0 {
      let node = nodes[j]
      defer { j -= 1 }
      guard node.owner == Int32(truncatingIfNeeded: j), node.epoch == epoch, node.isTracked
      else { continue }
      switch node.kind {
      case .leaf where j == Int(inputLeaf): break
      case .leaf: leafElements += node.count
      case .unary, .binary, .power, .linear: backwardRegion(Int32(truncatingIfNeeded: j))
      case .matrixProduct: backwardMatrixProduct(Int32(truncatingIfNeeded: j))
      case .transpose: backwardTranspose(Int32(truncatingIfNeeded: j))
      case .concatenation: backwardConcatenation(Int32(truncatingIfNeeded: j))
      case .rowLogSumExp: backwardRowLogSumExp(Int32(truncatingIfNeeded: j))
      case .rowSoftmax: backwardRowSoftmax(Int32(truncatingIfNeeded: j))
      case .rowSum: backwardRowSum(Int32(truncatingIfNeeded: j))
      case .columnSum: backwardColumnSum(Int32(truncatingIfNeeded: j))
      case .rowPick: backwardRowPick(Int32(truncatingIfNeeded: j))
      case .constant, .view: break
      }
    }
    return leafElements
  }

  /// Ā += C̄ Bᵀ and B̄ += Aᵀ C̄.
  @usableFromInline
  mutating func backwardMatrixProduct(_ index: Int32) {
    let node = nodes[Int(index)]
    let rows = node.rows
    let columns = node.columns
    let inner = node.parameter
    let output = UnsafePointer(adjoints + node.storage)
    // A product's operands are written whole: the first write of a reduction overwrites.
    if nodes[Int(node.a)].isTracked {
      reserveScratch(inner * columns)
      let (target, fresh) = adjointPointerForFullWrite(node.a)
      matrixProductAdjointOfLeft(
        output, valuePointer(node.b), target, rows: rows, inner: inner, columns: columns,
        scratch: scratch, overwriting: fresh)
    }
    if nodes[Int(node.b)].isTracked {
      let (target, fresh) = adjointPointerForFullWrite(node.b)
      matrixProductAdjointOfRight(
        valuePointer(node.a), output, target, rows: rows, inner: inner, columns: columns,
        overwriting: fresh)
    }
  }

  /// Ā += (out̄)ᵀ.
  @usableFromInline
  mutating func backwardTranspose(_ index: Int32) {
    let node = nodes[Int(index)]
    // The output is columns(A) × rows(A).
    transposeAdjoint(
      UnsafePointer(adjoints + node.storage), adjointPointer(node.a), rows: node.columns,
      columns: node.rows)
  }

  /// Each operand's adjoint += its part of out̄.
  @usableFromInline
  mutating func backwardConcatenation(_ index: Int32) {
    let node = nodes[Int(index)]
    var offset = 0
    for k in 0..<node.parameter {
      let operand = indices[node.indices + k]
      let count = nodes[Int(operand)].count
      if nodes[Int(operand)].isTracked {
        addScaled(adjointPointer(operand), 1, adjoints + node.storage + offset, count)
      }
      offset += count
    }
  }

  /// āᵢⱼ += l̄ᵢ exp(aᵢⱼ − lᵢ): the derivative of log Σ exp is the softmax.
  @usableFromInline
  mutating func backwardRowLogSumExp(_ index: Int32) {
    let node = nodes[Int(index)]
    let columns = node.parameter
    let a = valuePointer(node.a)
    let lse = UnsafePointer(values + node.storage)
    let outputAdjoint = UnsafePointer(adjoints + node.storage)
    let adjoint = adjointPointer(node.a)
    for i in 0..<node.count where !outputAdjoint[i].isExactlyZero {
      let row = a + i * columns
      let target = adjoint + i * columns
      let weight = outputAdjoint[i]
      let shift = lse[i]
      for j in 0..<columns { target[j] += weight * VectorizedFunctions.exp(row[j] - shift) }
    }
  }

  /// āᵢⱼ += yᵢⱼ (ȳᵢⱼ − Σₖ ȳᵢₖ yᵢₖ), the softmax's Jacobian-vector product.
  @usableFromInline
  mutating func backwardRowSoftmax(_ index: Int32) {
    let node = nodes[Int(index)]
    let columns = node.columns
    let y = UnsafePointer(values + node.storage)
    let outputAdjoint = UnsafePointer(adjoints + node.storage)
    let adjoint = adjointPointer(node.a)
    for i in 0..<node.rows {
      let yRow = y + i * columns
      let gRow = outputAdjoint + i * columns
      let inner = dotProduct(yRow, gRow, columns)
      let target = adjoint + i * columns
      for j in 0..<columns { target[j] += yRow[j] * (gRow[j] - inner) }
    }
  }

  /// āᵢⱼ += s̄ᵢ.
  @usableFromInline
  mutating func backwardRowSum(_ index: Int32) {
    let node = nodes[Int(index)]
    let columns = node.parameter
    let outputAdjoint = UnsafePointer(adjoints + node.storage)
    let adjoint = adjointPointer(node.a)
    for i in 0..<node.count {
      let target = adjoint + i * columns
      let weight = outputAdjoint[i]
      for j in 0..<columns { target[j] += weight }
    }
  }

  /// āᵢⱼ += s̄ⱼ.
  @usableFromInline
  mutating func backwardColumnSum(_ index: Int32) {
    let node = nodes[Int(index)]
    let columns = node.count
    let rows = node.parameter
    let outputAdjoint = UnsafePointer(adjoints + node.storage)
    let adjoint = adjointPointer(node.a)
    for i in 0..<rows { addScaled(adjoint + i * columns, 1, outputAdjoint, columns) }
  }

  /// āᵢ,ₖᵢ += p̄ᵢ.
  @usableFromInline
  mutating func backwardRowPick(_ index: Int32) {
    let node = nodes[Int(index)]
    let columns = node.parameter
    let outputAdjoint = UnsafePointer(adjoints + node.storage)
    let adjoint = adjointPointer(node.a)
    let picks = indices + node.indices
    for i in 0..<node.count { adjoint[i * columns + Int(picks[i])] += outputAdjoint[i] }
  }
}
