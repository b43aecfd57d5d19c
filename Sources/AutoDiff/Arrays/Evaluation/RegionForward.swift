// The forward step of a region: each node's values for one block, into the region's value
// blocks, and a region evaluated whole into storage of its own.

extension ArrayTape {
  /// The values of a planned operand for one block.
  @inline(__always)
  func read(_ plan: OperandPlan<T>, _ block: Block, in region: Region<T>) -> UnsafePointer<T> {
    switch plan.source {
    case .region: return UnsafePointer(region.valueBlock(plan.position))
    case .contiguous: return plan.values! + block.start
    case .expanded, .unit: return plan.values!
    case .expandedPerBlock:
      expand(plan, block)
      return UnsafePointer(plan.block!)
    }
  }

  /// Expands a row or column operand for one block.
  func expand(_ plan: OperandPlan<T>, _ block: Block) {
    let base = plan.values!
    let target = plan.block!
    let columns = plan.columns
    var i = 0
    var row = block.start / columns
    var column = block.start % columns
    while i < block.length {
      let run = Swift.min(block.length - i, columns - column)
      if plan.mode == .row {
        (target + i).update(from: base + column, count: run)
      } else {
        (target + i).update(repeating: base[row], count: run)
      }
      i += run
      row += 1
      column = 0
    }
  }

  /// Computes the values of steps `0 ..< computed` for one block into their value blocks; the
  /// top, if computed, writes into `top` when that is not `nil`, with its local derivatives into
  /// `partials` when that is not `nil` (a unary top only).
  func forwardBlock(
    computing computed: Int, of region: Region<T>, _ block: Block,
    top: UnsafeMutablePointer<T>? = nil, partials: UnsafeMutablePointer<T>? = nil
  ) {
    let length = block.length
    for p in 0..<computed where !steps[p].skipsForward {
      let step = steps + p
      let output = p == region.top ? (top ?? region.valueBlock(p)) : region.valueBlock(p)
      let x = read(step.pointee.a, block, in: region)
      switch step.pointee.kind {
      case .unary:
        if let partials, p == region.top {
          applyUnaryKeepingPartials(step.pointee.function, length, x, output, partials)
        } else {
          applyUnary(step.pointee.function, length, x, output)
        }
      case .power:
        applyPower(step.pointee.parameter, length, x, output)
      case .binary:
        let y = read(step.pointee.b, block, in: region)
        applyBinary(step.pointee.function, length, x, y, output)
      case .linear:
        let terms = step.pointee.parameter
        var u = Four(repeating: x)
        for k in 1..<terms { u[k] = read(step.pointee.operands[k], block, in: region) }
        applyLinear(length, terms, u, step.pointee.coefficients, output)
      default:
        preconditionFailure("not an elementwise node")
      }
    }
  }

  /// Evaluates the elementwise node `index` into new storage on the arena, keeping the local
  /// derivatives of a tracked unary node, so that later operations read its values and its
  /// backward step does not evaluate the function again. Does nothing for a node already
  /// evaluated.
  @usableFromInline
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func materialize(_ index: Int32) {
    let node = nodes[Int(index)]
    guard node.storage < 0, node.external == nil else { return }
    let storage = allocate(node.count)
    let keepsPartials = node.kind == .unary && node.isTracked
    let partials = keepsPartials ? allocate(node.count) : -1
    let region = planRegion(index, forBackward: false)
    region.forEachBlock(over: node.count) { block in
      forwardBlock(
        computing: region.count, of: region, block, top: values + storage + block.start,
        partials: keepsPartials ? values + partials + block.start : nil)
    }
    releaseRegion(region)
    nodes[Int(index)].storage = storage
    nodes[Int(index)].partials = partials
  }
}
