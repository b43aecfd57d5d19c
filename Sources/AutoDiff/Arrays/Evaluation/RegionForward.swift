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
    let bands = parallelBands(region, elements: node.count)
    if bands > 1 {
      // Every element is computed as on one thread: the values do not depend on the split.
      let values = self.values
      forEachBlockInBands(bands, of: region, elements: node.count) { tape, own, _, block, _ in
        tape.forwardBlock(
          computing: region.count, of: own, block, top: values + storage + block.start,
          partials: keepsPartials ? values + partials + block.start : nil)
      }
    } else {
      region.forEachBlock(over: node.count) { block in
        forwardBlock(
          computing: region.count, of: region, block, top: values + storage + block.start,
          partials: keepsPartials ? values + partials + block.start : nil)
      }
    }
    releaseRegion(region)
    nodes[Int(index)].storage = storage
    nodes[Int(index)].partials = partials
  }
}

extension ArrayTape {
  /// The number of threads to evaluate a region of `elements` elements on: 1 below
  /// `Parallelism.minimumParallelElements`, inside another parallel job, or when an operand is
  /// expanded block by block into scratch the region shares (a row or column repeated by rows
  /// not aligned to the blocks).
  func parallelBands(_ region: Region<T>, elements: Int) -> Int {
    let threads = Parallelism.threadCount
    guard threads > 1, elements >= Parallelism.minimumParallelElements,
      elements > region.blockLength
    else { return 1 }
    for p in 0..<region.count {
      let step = steps[p]
      if step.a.source == .expandedPerBlock || step.b.source == .expandedPerBlock { return 1 }
      if step.kind == .linear {
        for k in 0..<step.parameter where step.operands[k].source == .expandedPerBlock {
          return 1
        }
      }
    }
    return Swift.min(threads, (elements + region.blockLength - 1) / region.blockLength)
  }

  /// Calls `body` for every block of a region of `elements` elements, in `bands` bands of whole
  /// blocks on as many threads. Each band evaluates into value blocks of its own (`region` over
  /// scratch of the band's), so bands share no block; `body` gets a copy of the tape to read,
  /// the band's region, the block's index and the block, and `extra` elements of scratch
  /// reserved beside the bands' (for results by block index), which it returns.
  @discardableResult
  mutating func forEachBlockInBands(
    _ bands: Int, of region: Region<T>, elements: Int, extra: Int = 0,
    _ body: (
      _ tape: ArrayTape<T>, _ region: Region<T>, _ index: Int, _ block: Block,
      _ extra: UnsafeMutablePointer<T>
    ) -> Void
  ) -> UnsafeMutablePointer<T> {
    let blocks = (elements + region.blockLength - 1) / region.blockLength
    let scratchCount = Region<T>.scratchCount(region.count)
    let scratch = reserveParallelScratch(bands * scratchCount + extra)
    let tape = self
    forEachInParallel(bands, threads: bands) { band in
      let own = Region<T>(
        count: region.count, blockLength: region.blockLength,
        scratch: scratch + band * scratchCount)
      for index in (band * blocks / bands)..<((band + 1) * blocks / bands) {
        let start = index * region.blockLength
        let block = Block(start: start, length: Swift.min(region.blockLength, elements - start))
        body(tape, own, index, block, scratch + bands * scratchCount)
      }
    }
    return scratch + bands * scratchCount
  }

  /// Scratch for the value blocks of parallel bands, kept with the tape and grown on demand;
  /// zero-filled when it grows, as the region scratch is, since a backward walk may load a
  /// value block that no step computed (see `growScratch`).
  mutating func reserveParallelScratch(_ count: Int) -> UnsafeMutablePointer<T> {
    if parallelScratchCapacity < count {
      parallelScratch?.deallocate()
      parallelScratch = .allocate(capacity: count)
      parallelScratch!.initialize(repeating: 0, count: count)
      parallelScratchCapacity = count
    }
    return parallelScratch!
  }
}
