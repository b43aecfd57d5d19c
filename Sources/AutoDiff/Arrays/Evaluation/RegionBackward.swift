// The backward step of a region, block by block: the region's values are recomputed where a
// partial needs them, then the walk from the top down sends partial × adjoint into each
// operand's adjoint block, or, for the region's inputs, into their adjoints on the tape.
//
// Work per block is kept to one pass per node: a backward loop writes straight into the block it
// feeds, or sums for an operand of one element; and an operand that a sum or difference passes
// on unchanged (partial 1) to its only consumer takes the consumer's adjoint block as its own,
// with no pass at all.

extension ArrayTape {
  /// The backward step of the evaluated elementwise node `index`: propagates its adjoints down
  /// its region, block by block.
  @usableFromInline
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func backwardRegion(_ index: Int32) {
    let node = nodes[Int(index)]
    let storage = node.storage
    let partials = node.partials
    let region = planRegion(index, forBackward: true, deferringContiguous: true)
    // The blocks below cover every element once, so a contiguous operand the region uses once
    // has each of its adjoints written exactly once, and may be overwritten.
    planContiguousAdjoints(region)
    skipUnreadValues(region, topHasPartials: partials >= 0)
    let topAdjoint = UnsafePointer(adjoints + storage)
    let topPartials = partials >= 0 ? UnsafePointer(values + partials) : nil
    if let chunks = backwardChunks(region, elements: node.count) {
      backwardInChunks(
        chunks, of: region, elements: node.count, topAdjoint: topAdjoint,
        topPartials: topPartials)
    } else {
      region.forEachBlock(over: node.count) { block in
        // The top's own values are on the arena; only the nodes below it that the backward
        // walk reads are recomputed.
        forwardBlock(computing: region.top, of: region, block)
        backwardBlock(
          of: region, block, topAdjoint: topAdjoint + block.start,
          topPartials: topPartials.map { $0 + block.start })
      }
    }
    releaseRegion(region)
  }

  /// Propagates one block of the top's adjoint, `topAdjoint`, down the region (whose values for
  /// the block must be in their value blocks), into the adjoints of the region's inputs. When
  /// `topPartials` is not `nil`, the top is unary and these are its stored local derivatives. A
  /// `nil` top adjoint: the top receives none, and the summed nodes start the walk.
  mutating func backwardBlock(
    of region: Region<T>, _ block: Block, topAdjoint: UnsafePointer<T>?,
    topPartials: UnsafePointer<T>?
  ) {
    for p in 0..<region.top { steps[p].adjoint = nil }
    steps[region.top].adjoint = topAdjoint.map { UnsafeMutablePointer(mutating: $0) }
    var p = region.top
    while p >= 0 {
      let step = steps + p
      defer { p -= 1 }
      if step.pointee.isSummed {
        backwardSummed(step, region, block)
        continue
      }
      guard step.pointee.isTracked, let adjoint = step.pointee.adjoint else { continue }
      switch step.pointee.kind {
      case .unary, .power:
        let partials = p == region.top ? topPartials : nil
        backwardUnary(step, adjoint: UnsafePointer(adjoint), partials: partials, region, block)
      case .binary:
        backwardBinary(step, adjoint: adjoint, region, block)
      case .linear:
        backwardLinear(step, adjoint: adjoint, region, block)
      default:
        preconditionFailure("not an elementwise node")
      }
    }
  }

  // MARK: - By kind of node

  /// A node that a reduction sums (`isSummed`): summed and differentiated in one pass, with the
  /// same adjoint, the reduction's weight, for every element.
  @inline(__always)
  mutating func backwardSummed(
    _ step: UnsafeMutablePointer<RegionStep<T>>, _ region: Region<T>, _ block: Block
  ) {
    let a = step.pointee.a
    let sinkA = sink(for: a, spare: 0, region, block)
    let (sum, sinkSum) = applyReduction(
      step.pointee.function, block.length, read(a, block, in: region),
      step.pointee.reductionWeight, sinkA)
    step.pointee.reductionSum += sum
    finish(a, sum: sinkSum, spare: 0, region, block)
  }

  /// y = f(x) or y = xⁿ: x̄ += f′(x) ȳ, with f′ from the stored `partials` where they are kept.
  @inline(__always)
  mutating func backwardUnary(
    _ step: UnsafeMutablePointer<RegionStep<T>>, adjoint: UnsafePointer<T>,
    partials: UnsafePointer<T>?, _ region: Region<T>, _ block: Block
  ) {
    let a = step.pointee.a
    let sinkA = sink(for: a, spare: 0, region, block)
    let total: T
    if let partials {
      total = applyStoredPartials(block.length, partials, adjoint, sinkA)
    } else {
      let x = read(a, block, in: region)
      if step.pointee.kind == .unary {
        total = applyUnaryAdjoint(step.pointee.function, block.length, x, adjoint, sinkA)
      } else {
        total = applyPowerAdjoint(step.pointee.parameter, block.length, x, adjoint, sinkA)
      }
    }
    finish(a, sum: total, spare: 0, region, block)
  }

  /// z = f(x, y): x̄ += ∂f/∂x z̄ and ȳ += ∂f/∂y z̄, in one pass.
  @inline(__always)
  mutating func backwardBinary(
    _ step: UnsafeMutablePointer<RegionStep<T>>, adjoint adjointBlock: UnsafeMutablePointer<T>,
    _ region: Region<T>, _ block: Block
  ) {
    let adjoint = UnsafePointer(adjointBlock)
    let a = step.pointee.a
    let b = step.pointee.b
    let function = step.pointee.function
    let x = read(a, block, in: region)
    if a.node == b.node && a.mode == b.mode {
      // f(x, x): one sink for both partials.
      let total = applyUnaryAdjoint(
        function, block.length, x, adjoint, sink(for: a, spare: 0, region, block))
      finish(a, sum: total, spare: 0, region, block)
      return
    }
    // A sum or difference hands its adjoint unchanged (partial 1) to an operand that has no
    // other consumer: that operand's adjoint block is this one.
    let passesA = function == .add || function == .subtract
    let passesB = function == .add
    var sinkA = SinkKind<T>.discard
    var sinkB = SinkKind<T>.discard
    if passesA && takesAdjointBlock(a) {
      steps[a.position].adjoint = adjointBlock
    } else {
      sinkA = sink(for: a, spare: 0, region, block)
    }
    if passesB && takesAdjointBlock(b) {
      steps[b.position].adjoint = adjointBlock
    } else {
      sinkB = sink(for: b, spare: 1, region, block)
    }
    // A bias row added to (or subtracted from) every row: its adjoint is the sum of the rows of
    // this adjoint block (negated), with no block of partial × adjoint written.
    var sumsRowsOfB = false
    if passesA && b.isTracked && b.mode == .row
      && (b.source == .expanded || b.source == .expandedPerBlock)
    {
      addRows(
        of: adjoint, into: b.adjoints!, columns: b.columns, start: block.start,
        length: block.length, scale: function == .add ? 1 : -1)
      sinkB = .discard
      sumsRowsOfB = true
    }
    if case .discard = sinkA, case .discard = sinkB { return }
    let y = read(b, block, in: region)
    let (totalA, totalB) = applyBinaryAdjoint(
      function, block.length, x, y, adjoint, sinkA, sinkB)
    finish(a, sum: totalA, spare: 0, region, block)
    if !sumsRowsOfB { finish(b, sum: totalB, spare: 1, region, block) }
  }

  /// y = Σₖ cₖ uₖ with cₖ = constantₖ · factorₖ: ūₖ += cₖ ȳ, and the factor's adjoint
  /// += constantₖ Σᵢ uₖᵢ ȳᵢ.
  @inline(__always)
  mutating func backwardLinear(
    _ step: UnsafeMutablePointer<RegionStep<T>>, adjoint adjointBlock: UnsafeMutablePointer<T>,
    _ region: Region<T>, _ block: Block
  ) {
    let adjoint = UnsafePointer(adjointBlock)
    let length = block.length
    let terms = step.pointee.parameter
    // The factors' partial sums, two in one pass where there are two.
    var firstFactor = -1
    var secondFactor = -1
    for k in 0..<terms where step.pointee.factorAdjoints[k] != nil {
      if firstFactor < 0 { firstFactor = k } else if secondFactor < 0 { secondFactor = k }
    }
    let fusedFactors = secondFactor >= 0
    if fusedFactors {
      let (s0, s1) = twoDotProducts(
        read(step.pointee.operands[firstFactor], block, in: region),
        read(step.pointee.operands[secondFactor], block, in: region), adjoint, length)
      step.pointee.factorAdjoints[firstFactor]![0] += step.pointee.constants[firstFactor] * s0
      step.pointee.factorAdjoints[secondFactor]![0] += step.pointee.constants[secondFactor] * s1
    }
    for k in 0..<terms {
      let plan = step.pointee.operands[k]
      let coefficient = step.pointee.coefficients[k]
      if plan.isTracked {
        // y = … + c·u + …: u's partial is c; with c = 1 and no other consumer, u's adjoint
        // block is this one.
        if coefficient == 1 && takesAdjointBlock(plan) {
          steps[plan.position].adjoint = adjointBlock
        } else {
          let sinkK = sink(for: plan, spare: 0, region, block)
          if case .sum = sinkK {
            plan.adjoints![0] += scaled(coefficient, sumOf(adjoint, length))
          } else {
            applyScaled(length, coefficient, adjoint, sinkK)
            finish(plan, sum: 0, spare: 0, region, block)
          }
        }
      }
      if !fusedFactors || (k != firstFactor && k != secondFactor),
        let factorAdjoint = step.pointee.factorAdjoints[k]
      {
        // c = constant · factor: the factor's partial is constant · u.
        let total =
          plan.source == .unit
          ? sumOf(adjoint, length)
          : dotProduct(read(plan, block, in: region), adjoint, length)
        factorAdjoint[0] += step.pointee.constants[k] * total
      }
    }
  }

  // MARK: - Where the products go

  /// `true` when `plan` is a tracked node of the region whose only consumer is the node being
  /// walked, and which has received no adjoint yet: it may take that node's adjoint block as its
  /// own, where its partial is 1.
  @inline(__always)
  func takesAdjointBlock(_ plan: OperandPlan<T>) -> Bool {
    plan.source == .region && plan.isTracked && steps[plan.position].consumers == 1
      && steps[plan.position].adjoint == nil
  }

  /// Where partial × adjoint for `plan` goes in this block: the operand's adjoint block in the
  /// region (written by the first node that sends to it, added to by the others), its adjoints
  /// on the tape, a sum (an operand of one element), or spare block `spare`, which ``finish``
  /// then adds into a repeated row's or column's adjoints.
  @inline(__always)
  func sink(for plan: OperandPlan<T>, spare: Int, _ region: Region<T>, _ block: Block)
    -> SinkKind<T>
  {
    guard plan.isTracked else { return .discard }
    switch plan.source {
    case .region:
      let position = plan.position
      if let existing = steps[position].adjoint {
        return .add(existing)
      }
      let adjointBlock = region.adjointBlock(position)
      steps[position].adjoint = adjointBlock
      return .assign(adjointBlock)
    case .contiguous:
      let target = plan.adjoints! + block.start
      return plan.overwritesAdjoints ? .assign(target) : .add(target)
    case .unit:
      return .discard
    case .expanded, .expandedPerBlock:
      if plan.mode == .scalar { return .sum }
      return .assign(region.spareBlock(spare))
    }
  }

  /// After a loop: adds a summed or expanded block of partial × adjoint into the operand's
  /// adjoints on the tape.
  @inline(__always)
  func finish(_ plan: OperandPlan<T>, sum: T, spare: Int, _ region: Region<T>, _ block: Block) {
    guard plan.isTracked, plan.source == .expanded || plan.source == .expandedPerBlock else {
      return
    }
    let adjoint = plan.adjoints!
    switch plan.mode {
    case .scalar:
      adjoint[0] += sum
    case .row:
      addRows(
        of: UnsafePointer(region.spareBlock(spare)), into: adjoint, columns: plan.columns,
        start: block.start, length: block.length, scale: 1)
    case .column:
      let g = region.spareBlock(spare)
      var i = 0
      var row = block.start / plan.columns
      var column = block.start % plan.columns
      while i < block.length {
        let run = Swift.min(block.length - i, plan.columns - column)
        adjoint[row] += sumOf(g + i, run)
        i += run
        row += 1
        column = 0
      }
    case .same:
      break
    }
  }
}

// MARK: - In chunks, on several threads

/// The split of a large region's backward step into chunks of whole blocks, fixed by the
/// region's size alone: each chunk sums what the region's blocks add into shared adjoints (a
/// broadcast operand's, a factor's) into accumulators of its own, and these are added into the
/// adjoints in the order of the chunks, after every chunk has run. The chunks may then run on
/// any number of threads with the same result, bit for bit.
struct BackwardChunks {
  /// Blocks per chunk: at least 4, and as many as keep the chunks at most 64.
  let blocksPerChunk: Int
  /// The number of chunks, at least 2.
  let count: Int
  /// The elements of one chunk's accumulators.
  let accumulators: Int
}

extension ArrayTape {
  /// How the backward step of a planned region of `elements` elements splits into chunks, or
  /// `nil` where it runs block after block on the calling thread: below
  /// `Parallelism.minimumParallelElements`, with fewer than two chunks, or when blocks of
  /// different chunks could write the same adjoint directly (an operand expanded block by block,
  /// a column repeated across rows, or two overlapping views of the same storage).
  func backwardChunks(_ region: Region<T>, elements: Int) -> BackwardChunks? {
    guard elements >= Parallelism.minimumParallelElements else { return nil }
    let blocks = (elements + region.blockLength - 1) / region.blockLength
    let blocksPerChunk = Swift.max(4, (blocks + 63) / 64)
    let count = (blocks + blocksPerChunk - 1) / blocksPerChunk
    guard count >= 2 else { return nil }
    for p in 0..<region.count {
      for k in 0..<steps[p].operandCount {
        let plan = steps[p].operands[k]
        if plan.source == .expandedPerBlock { return nil }
        guard plan.isTracked else { continue }
        if plan.source == .expanded && plan.mode != .scalar && plan.mode != .row { return nil }
        if plan.source == .contiguous, overlapsAnotherView(plan, region, elements: elements) {
          return nil
        }
      }
    }
    var accumulators = 0
    forEachAccumulator(region) { _, size in accumulators += size }
    return BackwardChunks(blocksPerChunk: blocksPerChunk, count: count, accumulators: accumulators)
  }

  /// `true` when another tracked contiguous operand of the region has adjoints that overlap
  /// `plan`'s at another offset (`x[1...]` and `x[..<(n − 1)]`, say): block i of one writes
  /// where block i ± 1 of the other does.
  func overlapsAnotherView(_ plan: OperandPlan<T>, _ region: Region<T>, elements: Int) -> Bool {
    let start = plan.adjoints!
    for q in 0..<region.count {
      for l in 0..<steps[q].operandCount {
        let other = steps[q].operands[l]
        guard other.source == .contiguous, other.isTracked, let otherStart = other.adjoints,
          otherStart != start
        else { continue }
        if abs(otherStart - start) < elements { return true }
      }
    }
    return false
  }

  /// Calls `body` for every adjoint the blocks of a region add into from all of their elements,
  /// in a fixed order: a tracked operand broadcast from one element or a row, and a tracked
  /// factor of a linear combination. `body` gets a pointer to the adjoints' location in the
  /// region's plan (which it may redirect) and their count.
  func forEachAccumulator(
    _ region: Region<T>,
    _ body: (_ location: UnsafeMutablePointer<UnsafeMutablePointer<T>?>, _ count: Int) -> Void
  ) {
    for p in 0..<region.count {
      let step = steps + p
      for k in 0..<step.pointee.operandCount {
        let plan = step.pointee.operands[k]
        guard plan.isTracked, plan.source == .expanded else { continue }
        withUnsafeMutablePointer(to: &step.pointee.operands[k].adjoints) { location in
          body(location, plan.mode == .scalar ? 1 : plan.columns)
        }
      }
      if step.pointee.kind == .linear {
        for k in 0..<step.pointee.parameter where step.pointee.factorAdjoints[k] != nil {
          withUnsafeMutablePointer(to: &step.pointee.factorAdjoints[k]) { body($0, 1) }
        }
      }
    }
  }

  /// The backward step of a region in chunks (see ``BackwardChunks``), the chunks in as many
  /// bands as threads, each band with value blocks and a plan of its own.
  mutating func backwardInChunks(
    _ chunks: BackwardChunks, of region: Region<T>, elements: Int, topAdjoint: UnsafePointer<T>,
    topPartials: UnsafePointer<T>?
  ) {
    let bands = Swift.min(Parallelism.threadCount, chunks.count)
    let blockLength = region.blockLength
    let blocks = (elements + blockLength - 1) / blockLength
    let scratchCount = Region<T>.scratchCount(region.count)
    let scratch = reserveParallelScratch(bands * scratchCount + chunks.count * chunks.accumulators)
    let sums = scratch + bands * scratchCount
    sums.update(repeating: 0, count: chunks.count * chunks.accumulators)
    // Plans for the bands after the region's own, which keeps the adjoints' true locations.
    let stepCount = region.count
    reserveSteps((bands + 1) * stepCount, keeping: stepCount)
    for band in 1...bands { (steps + band * stepCount).update(from: steps, count: stepCount) }
    let tape = self
    forEachInParallel(bands, threads: bands) { band in
      var own = tape
      own.steps = tape.steps + (band + 1) * stepCount
      let ownRegion = Region<T>(
        count: region.count, blockLength: blockLength, scratch: scratch + band * scratchCount)
      for chunk in (band * chunks.count / bands)..<((band + 1) * chunks.count / bands) {
        var next = sums + chunk * chunks.accumulators
        own.forEachAccumulator(region) { location, size in
          location.pointee = next
          next += size
        }
        let first = chunk * chunks.blocksPerChunk
        for index in first..<Swift.min(first + chunks.blocksPerChunk, blocks) {
          let start = index * blockLength
          let block = Block(start: start, length: Swift.min(blockLength, elements - start))
          own.forwardBlock(computing: region.top, of: ownRegion, block)
          own.backwardBlock(
            of: ownRegion, block, topAdjoint: topAdjoint + start,
            topPartials: topPartials.map { $0 + start })
        }
      }
    }
    // The chunks' sums, in chunk order.
    for chunk in 0..<chunks.count {
      var next = UnsafePointer(sums + chunk * chunks.accumulators)
      forEachAccumulator(region) { location, size in
        let target = location.pointee!
        for j in 0..<size { target[j] += next[j] }
        next += size
      }
    }
  }
}
