// Evaluating elementwise expressions in blocks, forward and backward.
//
// An elementwise node is recorded without being evaluated. A *region* is an elementwise node
// (its top) together with every elementwise operand below it that has not been evaluated, all of
// the same size; its inputs are evaluated nodes, constants and broadcast operands. A region is
// evaluated block by block: for each block, every node of the region computes its block into
// scratch that stays in the processor's cache, so intermediate arrays of the full size are never written.
// The backward step of a region works the same way: for each block it recomputes the region's
// values, then walks the region from the top down, sending partial × adjoint into the operands'
// adjoint blocks and, for the region's inputs, into their adjoints on the tape.
//
// Work per block is kept to one pass per node and direction: a broadcast operand is expanded once
// per region rather than once per block (blocks are cut at whole rows); a backward loop writes
// straight into the block it feeds, or sums for an operand of one element; and an operand that a
// sum or difference passes on unchanged (partial 1) to its only consumer takes the consumer's
// adjoint block as its own, with no pass at all.

/// How an operand of a region node is read.
@usableFromInline
enum OperandSource: UInt8 {
  /// A node of the region: its value block.
  case region
  /// Contiguous values of the operand's size: `values + start`.
  case contiguous
  /// The term of a linear combination that is its coefficient alone: a block of ones.
  case unit
  /// A block expanded once for the region (a broadcast element, or whole repeated rows).
  case expanded
  /// A broadcast operand expanded again for every block.
  case expandedPerBlock
}

/// One operand of a region node, planned once per evaluation of the region.
@usableFromInline
struct OperandPlan<T: RealScalar> {
  @usableFromInline var source: OperandSource = .contiguous
  @usableFromInline var node: Int32 = -1
  @usableFromInline var mode: Broadcast = .same
  /// The consumer's row length, for row and column broadcasting.
  @usableFromInline var columns: Int = 0
  @usableFromInline var position: Int = -1
  @usableFromInline var isTracked: Bool = false
  /// The operand's values (contiguous, expanded per block), or the expanded block.
  @usableFromInline var values: UnsafePointer<T>? = nil
  /// The block expanded into, for `expandedPerBlock`.
  @usableFromInline var block: UnsafeMutablePointer<T>? = nil
  /// The operand's adjoints on the tape (planned for a backward step only).
  @usableFromInline var adjoints: UnsafeMutablePointer<T>? = nil
  /// `true` when this region is the first to write the operand's adjoints in the current
  /// reduction and writes each of them once (a contiguous operand used once in the region):
  /// partial × adjoint is then stored, not added, and the adjoints were never zeroed.
  @usableFromInline var overwritesAdjoints: Bool = false

  @usableFromInline init() {}
}

/// One node of a region, planned once per evaluation.
@usableFromInline
struct RegionStep<T: RealScalar> {
  @usableFromInline var kind: ArrayNodeKind
  @usableFromInline var function: ElementwiseFunction
  @usableFromInline var parameter: Int
  @usableFromInline var isTracked: Bool
  /// Uses of this node's values inside the region (plus one for the top, used outside).
  @usableFromInline var consumers: Int
  @usableFromInline var a: OperandPlan<T>
  @usableFromInline var b: OperandPlan<T>
  /// The third and fourth terms of a linear combination (its first two are `a` and `b`).
  @usableFromInline var c: OperandPlan<T>
  @usableFromInline var d: OperandPlan<T>
  /// A linear combination's coefficients (constant × factor), their constants, and the adjoints
  /// of tracked factors.
  @usableFromInline var coefficients: (T, T, T, T)
  @usableFromInline var constants: (T, T, T, T)
  @usableFromInline var factorAdjoints:
    (
      UnsafeMutablePointer<T>?, UnsafeMutablePointer<T>?, UnsafeMutablePointer<T>?,
      UnsafeMutablePointer<T>?
    )
  /// Where this node's adjoint block is during a backward block: nil until something is sent.
  @usableFromInline var adjoint: UnsafeMutablePointer<T>?
  /// A node a reduction sums directly (see `weightedSum`): its values are summed, scaled by
  /// `valueScale`, and its adjoint is `reductionWeight` for every element, in one pass with its
  /// backward step; its values are never stored.
  @usableFromInline var isSummed: Bool
  @usableFromInline var reductionWeight: T
  @usableFromInline var valueScale: T
  @usableFromInline var reductionSum: T
  /// `true` for a node whose values no block needs (a summed node, or a sum of summed nodes).
  @usableFromInline var skipsForward: Bool

  @usableFromInline init(kind: ArrayNodeKind) {
    self.kind = kind
    function = .add
    parameter = 0
    isTracked = false
    consumers = 0
    a = OperandPlan()
    b = OperandPlan()
    c = OperandPlan()
    d = OperandPlan()
    coefficients = (0, 0, 0, 0)
    constants = (0, 0, 0, 0)
    factorAdjoints = (nil, nil, nil, nil)
    adjoint = nil
    isSummed = false
    reductionWeight = 0
    valueScale = 0
    reductionSum = 0
    skipsForward = false
  }

  /// Operand k (0 to 3).
  @inlinable
  func operand(_ k: Int) -> OperandPlan<T> {
    switch k {
    case 0: return a
    case 1: return b
    case 2: return c
    default: return d
    }
  }

  @inlinable
  mutating func setOperand(_ k: Int, _ plan: OperandPlan<T>) {
    switch k {
    case 0: a = plan
    case 1: b = plan
    case 2: c = plan
    default: d = plan
    }
  }

  @inlinable
  func coefficient(_ k: Int) -> T {
    switch k {
    case 0: return coefficients.0
    case 1: return coefficients.1
    case 2: return coefficients.2
    default: return coefficients.3
    }
  }

  @inlinable
  func constant(_ k: Int) -> T {
    switch k {
    case 0: return constants.0
    case 1: return constants.1
    case 2: return constants.2
    default: return constants.3
    }
  }

  @inlinable
  func factorAdjoint(_ k: Int) -> UnsafeMutablePointer<T>? {
    switch k {
    case 0: return factorAdjoints.0
    case 1: return factorAdjoints.1
    case 2: return factorAdjoints.2
    default: return factorAdjoints.3
    }
  }

  /// The number of operands whose values the step reads.
  @inlinable var operandCount: Int {
    switch kind {
    case .binary: return 2
    case .linear: return parameter
    default: return 1
    }
  }
}

extension ArrayTape {
  // MARK: - Regions

  /// Collects the region under `top` into `scratchIndices[0..<R]` in increasing node order (the
  /// top last), numbers its nodes with `regionPosition`, and returns R. The top is included even
  /// when it has been evaluated (its backward step is the region's).
  @usableFromInline
  mutating func collectRegion(_ top: Int32) -> Int {
    reserveScratchIndices(Int(top) + 1)
    // Marks travel down from the top: a node is in the region when it is marked and is the top
    // or not evaluated; its unevaluated elementwise operands are then marked in turn.
    nodes[Int(top)].regionPosition = 0
    var count = 0
    var j = Int(top)
    while j >= 0 {
      if nodes[j].regionPosition == 0 {
        let node = nodes[j]
        if j == Int(top) || (node.kind.isElementwise && node.storage < 0) {
          scratchIndices[count] = Int32(truncatingIfNeeded: j)
          count += 1
          if node.kind == .linear {
            for k in 0..<node.parameter where node.terms[k].operand >= 0 {
              markIfPending(node.terms[k].operand)
            }
          } else {
            if node.a >= 0 { markIfPending(node.a) }
            if node.b >= 0 { markIfPending(node.b) }
          }
        } else {
          nodes[j].regionPosition = -1
        }
      }
      j -= 1
    }
    var low = 0
    var high = count - 1
    while low < high {
      let swap = scratchIndices[low]
      scratchIndices[low] = scratchIndices[high]
      scratchIndices[high] = swap
      low += 1
      high -= 1
    }
    for p in 0..<count {
      nodes[Int(scratchIndices[p])].regionPosition = Int32(truncatingIfNeeded: p)
    }
    return count
  }

  @inline(__always)
  mutating func markIfPending(_ index: Int32) {
    let node = nodes[Int(index)]
    if node.kind.isElementwise && node.storage < 0 { nodes[Int(index)].regionPosition = 0 }
  }

  /// Clears the positions set by ``collectRegion(_:)``.
  @usableFromInline
  mutating func releaseRegion(_ count: Int) {
    for p in 0..<count { nodes[Int(scratchIndices[p])].regionPosition = -1 }
  }

  // MARK: - Scratch layout: values (R blocks), adjoints (R), expanded operands (2R), 3 spare

  @inlinable func valueBlock(_ position: Int) -> UnsafeMutablePointer<T> {
    scratch + position * blockStride
  }

  @inlinable func adjointBlock(_ position: Int, regionCount: Int) -> UnsafeMutablePointer<T> {
    scratch + (regionCount + position) * blockStride
  }

  @inlinable func expansionBlock(_ index: Int, regionCount: Int) -> UnsafeMutablePointer<T> {
    scratch + (2 * regionCount + index) * blockStride
  }

  @inlinable func spareBlock(_ index: Int, regionCount: Int) -> UnsafeMutablePointer<T> {
    scratch + (4 * regionCount + index) * blockStride
  }

  // MARK: - Planning

  /// Collects and plans the region under `top`: its steps in `steps[0..<R]`, broadcast operands
  /// expanded, and, `forBackward`, the adjoints of its inputs located (and zeroed on first use
  /// in the current epoch). Returns R and the block length, a multiple of any repeated row.
  @usableFromInline
  mutating func planRegion(_ top: Int32, forBackward: Bool, deferringContiguous: Bool = false)
    -> (count: Int, blockLength: Int)
  {
    let count = collectRegion(top)
    reserveScratch((4 * count + 3) * blockStride)
    reserveSteps(count)
    // Blocks hold whole rows when some operand repeats a row that fits in one.
    var blockLength = blockSize
    for p in 0..<count {
      let node = nodes[Int(scratchIndices[p])]
      let repeatsRow = node.modeA == .row || (node.kind == .binary && node.modeB == .row)
      if repeatsRow && node.columns > 0 && node.columns <= blockSize
        && blockLength % node.columns != 0
      {
        blockLength = (blockSize / node.columns) * node.columns
      }
    }
    var expansions = 0
    var ones: UnsafeMutablePointer<T>?
    for p in 0..<count {
      let node = nodes[Int(scratchIndices[p])]
      var step = RegionStep<T>(kind: node.kind)
      step.function = node.function
      step.parameter = node.parameter
      step.isTracked = node.isTracked
      step.consumers = p == count - 1 ? 1 : 0
      if node.kind == .linear {
        var coefficients: (T, T, T, T) = (0, 0, 0, 0)
        var constants: (T, T, T, T) = (0, 0, 0, 0)
        for k in 0..<node.parameter {
          let term = node.terms[k]
          var plan: OperandPlan<T>
          if term.operand >= 0 {
            plan = planOperand(
              term.operand, .same, columns: node.columns, blockLength: blockLength,
              expansions: &expansions, regionCount: count, forBackward: forBackward,
              deferringContiguous: deferringContiguous)
          } else {
            if ones == nil {
              let block = expansionBlock(expansions, regionCount: count)
              expansions += 1
              block.update(repeating: 1, count: blockLength)
              ones = block
            }
            plan = OperandPlan()
            plan.source = .unit
            plan.values = UnsafePointer(ones!)
          }
          step.setOperand(k, plan)
          var coefficient = term.constant
          var factorAdjoint: UnsafeMutablePointer<T>?
          if term.factor >= 0 {
            coefficient = term.constant * valuePointer(term.factor)[0]
            if forBackward && nodes[Int(term.factor)].isTracked {
              factorAdjoint = adjointPointer(term.factor)
            }
          }
          switch k {
          case 0:
            (coefficients.0, constants.0, step.factorAdjoints.0) = (
              coefficient, term.constant, factorAdjoint
            )
          case 1:
            (coefficients.1, constants.1, step.factorAdjoints.1) = (
              coefficient, term.constant, factorAdjoint
            )
          case 2:
            (coefficients.2, constants.2, step.factorAdjoints.2) = (
              coefficient, term.constant, factorAdjoint
            )
          default:
            (coefficients.3, constants.3, step.factorAdjoints.3) = (
              coefficient, term.constant, factorAdjoint
            )
          }
        }
        step.coefficients = coefficients
        step.constants = constants
      } else {
        step.a = planOperand(
          node.a, node.modeA, columns: node.columns, blockLength: blockLength,
          expansions: &expansions, regionCount: count, forBackward: forBackward,
          deferringContiguous: deferringContiguous)
        if node.kind == .binary {
          step.b = planOperand(
            node.b, node.modeB, columns: node.columns, blockLength: blockLength,
            expansions: &expansions, regionCount: count, forBackward: forBackward,
            deferringContiguous: deferringContiguous)
        }
      }
      (steps + p).initialize(to: step)
    }
    for p in 0..<count {
      let step = steps[p]
      for k in 0..<step.operandCount where step.operand(k).source == .region {
        steps[step.operand(k).position].consumers += 1
      }
    }
    return (count, blockLength)
  }

  @usableFromInline
  mutating func planOperand(
    _ index: Int32, _ mode: Broadcast, columns: Int, blockLength: Int, expansions: inout Int,
    regionCount: Int, forBackward: Bool, deferringContiguous: Bool
  ) -> OperandPlan<T> {
    var plan = OperandPlan<T>()
    let node = nodes[Int(index)]
    plan.node = index
    plan.mode = mode
    plan.columns = columns
    plan.isTracked = node.isTracked
    if node.regionPosition >= 0 {
      plan.source = .region
      plan.position = Int(node.regionPosition)
      return plan
    }
    let values = valuePointer(index)
    plan.values = values
    switch mode {
    case .same:
      plan.source = .contiguous
    case .scalar:
      let block = expansionBlock(expansions, regionCount: regionCount)
      expansions += 1
      block.update(repeating: values[0], count: blockLength)
      plan.source = .expanded
      plan.values = UnsafePointer(block)
    case .row where columns > 0 && blockLength % columns == 0:
      let block = expansionBlock(expansions, regionCount: regionCount)
      expansions += 1
      var offset = 0
      while offset < blockLength {
        (block + offset).update(from: values, count: columns)
        offset += columns
      }
      plan.source = .expanded
      plan.values = UnsafePointer(block)
    case .row, .column:
      plan.block = expansionBlock(expansions, regionCount: regionCount)
      expansions += 1
      plan.source = .expandedPerBlock
    }
    // With `deferringContiguous`, a contiguous operand's adjoints are located once the whole
    // region is planned (`planContiguousAdjoints`), when it is known whether it is used once.
    if forBackward && node.isTracked && !(deferringContiguous && plan.source == .contiguous) {
      plan.adjoints = adjointPointer(index)
    }
    return plan
  }

  /// Locates the adjoints of the region's contiguous tracked operands. An operand the region
  /// uses once, in full, whose adjoints nothing has written yet in this reduction, is
  /// overwritten instead of zeroed and added to: one pass over its memory instead of three.
  @usableFromInline
  mutating func planContiguousAdjoints(_ count: Int) {
    for p in 0..<count {
      for k in 0..<steps[p].operandCount {
        let plan = steps[p].operand(k)
        guard plan.source == .contiguous, plan.isTracked else { continue }
        // Uses of the operand's storage: the operand itself or another view of its owner. (An
        // owner is overwritten only when it is the operand itself, and a view of it cannot have
        // the region's length; counting by owner keeps that true whatever views may come.)
        let owner = nodes[Int(plan.node)].owner
        var uses = 0
        for q in 0..<count {
          for l in 0..<steps[q].operandCount where steps[q].operand(l).source == .contiguous {
            let other = steps[q].operand(l).node
            if other == plan.node || nodes[Int(other)].owner == owner { uses += 1 }
          }
        }
        var planned = plan
        if uses == 1 {
          let (pointer, fresh) = adjointPointerForFullWrite(plan.node)
          planned.adjoints = pointer
          planned.overwritesAdjoints = fresh
        } else {
          planned.adjoints = adjointPointer(plan.node)
        }
        steps[p].setOperand(k, planned)
      }
    }
  }

  /// Marks the steps whose values the backward walk of `backwardRegion` never reads, so that
  /// the recomputation before it skips them: a sum or difference reads neither operand (its
  /// partials are ±1), and a unary top with stored local derivatives does not read its operand.
  /// Only the steps that a backward step reads, and the steps they are computed from, are
  /// recomputed. (Every step starts with `skipsForward` false: no step of such a region is
  /// summed.)
  @usableFromInline
  mutating func skipUnreadValues(_ count: Int, topHasPartials: Bool) {
    for p in 0..<(count - 1) { steps[p].skipsForward = true }
    var p = count - 1
    while p >= 0 {
      let step = steps[p]
      // The top is not recomputed, but its backward step runs; a skipped step's does too, and
      // reads its operands' values only where its partials depend on them.
      let recomputed = p < count - 1 && !step.skipsForward
      let backwardReads: Bool
      switch step.kind {
      case .binary: backwardReads = step.function != .add && step.function != .subtract
      case .unary: backwardReads = !(p == count - 1 && topHasPartials)
      default: backwardReads = true
      }
      if recomputed || backwardReads {
        for k in 0..<step.operandCount where step.operand(k).source == .region {
          steps[step.operand(k).position].skipsForward = false
        }
      }
      p -= 1
    }
  }

  @inlinable
  mutating func reserveSteps(_ count: Int) {
    if _slowPath(stepCapacity < count) { growSteps(to: count) }
  }

  @usableFromInline @inline(never)
  mutating func growSteps(to minimum: Int) {
    var newCapacity = stepCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    steps.deallocate()
    steps = .allocate(capacity: newCapacity)
    stepCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }

  // MARK: - Reading operands

  /// The values of a planned operand for elements `start ..< start + length`.
  @inline(__always)
  func read(_ plan: OperandPlan<T>, start: Int, length: Int) -> UnsafePointer<T> {
    switch plan.source {
    case .region: return UnsafePointer(valueBlock(plan.position))
    case .contiguous: return plan.values! + start
    case .expanded, .unit: return plan.values!
    case .expandedPerBlock:
      expand(plan, start: start, length: length)
      return UnsafePointer(plan.block!)
    }
  }

  /// Expands a row or column operand for one block.
  @usableFromInline
  func expand(_ plan: OperandPlan<T>, start: Int, length: Int) {
    let base = plan.values!
    let target = plan.block!
    let columns = plan.columns
    var i = 0
    var row = start / columns
    var column = start % columns
    while i < length {
      let run = Swift.min(length - i, columns - column)
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

  // MARK: - Forward

  /// Computes the values of steps `0 ..< computed` for one block into their value blocks; the top
  /// (step `regionCount − 1`), if computed, writes into `top` when that is not `nil`, with its
  /// local derivatives into `partials` when that is not `nil` (a unary top only).
  @usableFromInline
  mutating func forwardBlock(
    computing computed: Int, regionCount: Int, start: Int, length: Int,
    top: UnsafeMutablePointer<T>?, partials: UnsafeMutablePointer<T>?
  ) {
    for p in 0..<computed where !steps[p].skipsForward {
      let step = steps + p
      let output = p == regionCount - 1 ? (top ?? valueBlock(p)) : valueBlock(p)
      let x = read(step.pointee.a, start: start, length: length)
      switch step.pointee.kind {
      case .unary:
        if let partials, p == regionCount - 1 {
          applyUnaryKeepingPartials(step.pointee.function, length, x, output, partials)
        } else {
          applyUnary(step.pointee.function, length, x, output)
        }
      case .power:
        applyPower(step.pointee.parameter, length, x, output)
      case .binary:
        let y = read(step.pointee.b, start: start, length: length)
        applyBinary(step.pointee.function, length, x, y, output)
      case .linear:
        let terms = step.pointee.parameter
        let u1 = terms > 1 ? read(step.pointee.b, start: start, length: length) : x
        let u2 = terms > 2 ? read(step.pointee.c, start: start, length: length) : x
        let u3 = terms > 3 ? read(step.pointee.d, start: start, length: length) : x
        var u = Four(repeating: x)
        (u[1], u[2], u[3]) = (u1, u2, u3)
        var c = Four(repeating: step.pointee.coefficients.0)
        (c[1], c[2], c[3]) = (
          step.pointee.coefficients.1, step.pointee.coefficients.2, step.pointee.coefficients.3
        )
        applyLinear(length, terms, u, c, output)
      default:
        preconditionFailure("not an elementwise node")
      }
    }
  }

  // MARK: - Backward

  /// Where partial × adjoint for `plan` goes in this block, and what to do after the loop.
  @inline(__always)
  mutating func sink(
    for plan: OperandPlan<T>, regionCount: Int, spare: Int
  ) -> SinkKind<T> {
    guard plan.isTracked else { return .discard }
    switch plan.source {
    case .region:
      let position = plan.position
      if let existing = steps[position].adjoint {
        return .add(existing)
      }
      let block = adjointBlock(position, regionCount: regionCount)
      steps[position].adjoint = block
      return .assign(block)
    case .contiguous:
      // Offset by `start` by the caller.
      return plan.overwritesAdjoints ? .assign(plan.adjoints!) : .add(plan.adjoints!)
    case .unit:
      return .discard
    case .expanded, .expandedPerBlock:
      if plan.mode == .scalar { return .sum }
      return .assign(spareBlock(spare, regionCount: regionCount))
    }
  }

  /// After a loop: adds a summed or expanded block of partial × adjoint into the operand's
  /// adjoints on the tape.
  @inline(__always)
  func finish(_ plan: OperandPlan<T>, sum: T, regionCount: Int, spare: Int, start: Int, length: Int)
  {
    guard plan.isTracked, plan.source == .expanded || plan.source == .expandedPerBlock else {
      return
    }
    let adjoint = plan.adjoints!
    switch plan.mode {
    case .scalar:
      adjoint[0] += sum
    case .row:
      addRows(
        of: UnsafePointer(spareBlock(spare, regionCount: regionCount)), into: adjoint,
        columns: plan.columns, start: start, length: length, scale: 1)
    case .column:
      let g = spareBlock(spare, regionCount: regionCount)
      var i = 0
      var row = start / plan.columns
      var column = start % plan.columns
      while i < length {
        let run = Swift.min(length - i, plan.columns - column)
        adjoint[row] += sumOf(g + i, run)
        i += run
        row += 1
        column = 0
      }
    case .same:
      break
    }
  }

  /// Adds `scale` × each row of `block` (elements `start ..< start + length` of a matrix of
  /// `columns` columns, so its first and last rows may be partial) into `target`, one element
  /// per column.
  ///
  /// Whole rows go four at a time, summed in registers first: added one by one, every row
  /// would wait on the previous row's stores to the same few elements.
  @inline(__always)
  func addRows(
    of block: UnsafePointer<T>, into target: UnsafeMutablePointer<T>, columns: Int, start: Int,
    length: Int, scale: T
  ) {
    var i = 0
    let column = start % columns
    if column != 0 {
      let run = Swift.min(length, columns - column)
      for k in 0..<run { target[column + k] += scale * block[k] }
      i = run
    }
    while i + 4 * columns <= length {
      let r0 = block + i
      let r1 = r0 + columns
      let r2 = r1 + columns
      let r3 = r2 + columns
      for k in 0..<columns { target[k] += scale * ((r0[k] + r1[k]) + (r2[k] + r3[k])) }
      i += 4 * columns
    }
    while i < length {
      let run = Swift.min(length - i, columns)
      let row = block + i
      for k in 0..<run { target[k] += scale * row[k] }
      i += run
    }
  }

  /// The sink with a contiguous target moved to element `start`.
  @inline(__always)
  func shifted(_ sink: SinkKind<T>, _ plan: OperandPlan<T>, start: Int) -> SinkKind<T> {
    guard plan.source == .contiguous else { return sink }
    switch sink {
    case .add(let target): return .add(target + start)
    case .assign(let target): return .assign(target + start)
    default: return sink
    }
  }

  /// Propagates one block of the top's adjoint, `topAdjoint`, down the region (whose values for
  /// the block must be in their value blocks), into the adjoints of the region's inputs. When
  /// `topPartials` is not `nil`, the top is unary and these are its stored local derivatives.
  @usableFromInline
  mutating func backwardBlock(
    regionCount: Int, start: Int, length: Int, topAdjoint: UnsafePointer<T>?,
    topPartials: UnsafePointer<T>?, resetting: Bool = true
  ) {
    if resetting {
      for p in 0..<(regionCount - 1) { steps[p].adjoint = nil }
    }
    // A nil top adjoint: the top receives none (summed nodes start the walk).
    steps[regionCount - 1].adjoint = topAdjoint.map { UnsafeMutablePointer(mutating: $0) }
    var p = regionCount - 1
    while p >= 0 {
      let step = steps + p
      defer { p -= 1 }
      if step.pointee.isSummed {
        // Summed and differentiated in one pass, with the same adjoint for every element.
        let sinkA = shifted(
          sink(for: step.pointee.a, regionCount: regionCount, spare: 0), step.pointee.a,
          start: start)
        let (sum, sinkSum) = applyReduction(
          step.pointee.function, length,
          read(step.pointee.a, start: start, length: length), step.pointee.reductionWeight, sinkA)
        step.pointee.reductionSum += sum
        finish(
          step.pointee.a, sum: sinkSum, regionCount: regionCount, spare: 0, start: start,
          length: length)
        continue
      }
      guard step.pointee.isTracked, let adjointBlock = step.pointee.adjoint else { continue }
      let adjoint = UnsafePointer(adjointBlock)
      switch step.pointee.kind {
      case .unary, .power:
        let sinkA = shifted(
          sink(for: step.pointee.a, regionCount: regionCount, spare: 0), step.pointee.a,
          start: start)
        let total: T
        if let topPartials, p == regionCount - 1 {
          total = applyStoredPartials(length, topPartials, adjoint, sinkA)
        } else {
          let x = read(step.pointee.a, start: start, length: length)
          if step.pointee.kind == .unary {
            total = applyUnaryAdjoint(step.pointee.function, length, x, adjoint, sinkA)
          } else {
            total = applyPowerAdjoint(step.pointee.parameter, length, x, adjoint, sinkA)
          }
        }
        finish(
          step.pointee.a, sum: total, regionCount: regionCount, spare: 0, start: start,
          length: length)
      case .binary:
        let x = read(step.pointee.a, start: start, length: length)
        if step.pointee.a.node == step.pointee.b.node && step.pointee.a.mode == step.pointee.b.mode
        {
          // f(x, x): one sink for both partials.
          let sinkA = shifted(
            sink(for: step.pointee.a, regionCount: regionCount, spare: 0), step.pointee.a,
            start: start)
          let total = applyUnaryAdjoint(step.pointee.function, length, x, adjoint, sinkA)
          finish(
            step.pointee.a, sum: total, regionCount: regionCount, spare: 0, start: start,
            length: length)
          continue
        }
        // A sum or difference hands its adjoint unchanged (partial 1) to an operand that has no
        // other consumer: that operand's adjoint block is this one.
        var sinkA = SinkKind<T>.discard
        var sinkB = SinkKind<T>.discard
        let passesA = step.pointee.function == .add || step.pointee.function == .subtract
        let passesB = step.pointee.function == .add
        if passesA && step.pointee.a.source == .region && step.pointee.a.isTracked
          && steps[step.pointee.a.position].consumers == 1
          && steps[step.pointee.a.position].adjoint == nil
        {
          steps[step.pointee.a.position].adjoint = adjointBlock
        } else {
          sinkA = shifted(
            sink(for: step.pointee.a, regionCount: regionCount, spare: 0), step.pointee.a,
            start: start)
        }
        if passesB && step.pointee.b.source == .region && step.pointee.b.isTracked
          && steps[step.pointee.b.position].consumers == 1
          && steps[step.pointee.b.position].adjoint == nil
        {
          steps[step.pointee.b.position].adjoint = adjointBlock
        } else {
          sinkB = shifted(
            sink(for: step.pointee.b, regionCount: regionCount, spare: 1), step.pointee.b,
            start: start)
        }
        // A bias row added to (or subtracted from) every row: its adjoint is the sum of the
        // rows of this adjoint block (negated), with no block of partial × adjoint written.
        var sumsRowsOfB = false
        if passesA && step.pointee.b.isTracked && step.pointee.b.mode == .row
          && (step.pointee.b.source == .expanded || step.pointee.b.source == .expandedPerBlock)
        {
          addRows(
            of: adjoint, into: step.pointee.b.adjoints!, columns: step.pointee.b.columns,
            start: start, length: length, scale: step.pointee.function == .add ? 1 : -1)
          sinkB = .discard
          sumsRowsOfB = true
        }
        if case .discard = sinkA, case .discard = sinkB { continue }
        let y = read(step.pointee.b, start: start, length: length)
        let (totalA, totalB) = applyBinaryAdjoint(
          step.pointee.function, length, x, y, adjoint, sinkA, sinkB)
        finish(
          step.pointee.a, sum: totalA, regionCount: regionCount, spare: 0, start: start,
          length: length)
        if !sumsRowsOfB {
          finish(
            step.pointee.b, sum: totalB, regionCount: regionCount, spare: 1, start: start,
            length: length)
        }
      case .linear:
        // The factors' partial sums, two in one pass where there are two.
        var factorTerms = (-1, -1)
        for k in 0..<step.pointee.parameter where step.pointee.factorAdjoint(k) != nil {
          if factorTerms.0 < 0 { factorTerms.0 = k } else if factorTerms.1 < 0 { factorTerms.1 = k }
        }
        var fusedFactors = false
        if factorTerms.1 >= 0 {
          let (k0, k1) = factorTerms
          let (s0, s1) = twoDotProducts(
            read(step.pointee.operand(k0), start: start, length: length),
            read(step.pointee.operand(k1), start: start, length: length), adjoint, length)
          step.pointee.factorAdjoint(k0)![0] += step.pointee.constant(k0) * s0
          step.pointee.factorAdjoint(k1)![0] += step.pointee.constant(k1) * s1
          fusedFactors = true
        }
        for k in 0..<step.pointee.parameter {
          let plan = step.pointee.operand(k)
          let coefficient = step.pointee.coefficient(k)
          if plan.isTracked {
            // y = … + c·u + …: u's partial is c; with c = 1 and no other consumer, u's adjoint
            // block is this one.
            if coefficient == 1 && plan.source == .region && steps[plan.position].consumers == 1
              && steps[plan.position].adjoint == nil
            {
              steps[plan.position].adjoint = adjointBlock
            } else {
              let sinkK = shifted(
                sink(for: plan, regionCount: regionCount, spare: 0), plan, start: start)
              if case .sum = sinkK {
                plan.adjoints![0] += scaled(coefficient, sumOf(adjoint, length))
              } else {
                applyScaled(length, coefficient, adjoint, sinkK)
                finish(
                  plan, sum: 0, regionCount: regionCount, spare: 0, start: start, length: length)
              }
            }
          }
          if !fusedFactors || (k != factorTerms.0 && k != factorTerms.1),
            let factorAdjoint = step.pointee.factorAdjoint(k)
          {
            // c = constant · factor: the factor's partial is constant · u.
            let total =
              plan.source == .unit
              ? sumOf(adjoint, length)
              : dotProduct(read(plan, start: start, length: length), adjoint, length)
            factorAdjoint[0] += step.pointee.constant(k) * total
          }
        }
      default:
        preconditionFailure("not an elementwise node")
      }
    }
  }

  // MARK: - Whole regions

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
    let count = node.count
    let storage = allocate(count)
    let keepsPartials = node.kind == .unary && node.isTracked
    let partials = keepsPartials ? allocate(count) : -1
    let (regionCount, blockLength) = planRegion(index, forBackward: false)
    var start = 0
    while start < count {
      let length = Swift.min(blockLength, count - start)
      forwardBlock(
        computing: regionCount, regionCount: regionCount, start: start, length: length,
        top: values + storage + start,
        partials: keepsPartials ? values + partials + start : nil)
      start += length
    }
    releaseRegion(regionCount)
    nodes[Int(index)].storage = storage
    nodes[Int(index)].partials = partials
  }

  /// The backward step of the evaluated elementwise node `index`: propagates its adjoints down
  /// its region, block by block.
  @usableFromInline
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func backwardRegion(_ index: Int32) {
    let node = nodes[Int(index)]
    let count = node.count
    let storage = node.storage
    let partials = node.partials
    let (regionCount, blockLength) = planRegion(
      index, forBackward: true, deferringContiguous: true)
    // The blocks below cover every element once, so a contiguous operand the region uses once
    // has each of its adjoints written exactly once, and may be overwritten.
    planContiguousAdjoints(regionCount)
    skipUnreadValues(regionCount, topHasPartials: partials >= 0)
    var start = 0
    while start < count {
      let length = Swift.min(blockLength, count - start)
      // The top's own values are on the arena; only the nodes below it that the backward walk
      // reads are recomputed.
      forwardBlock(
        computing: regionCount - 1, regionCount: regionCount, start: start, length: length,
        top: nil, partials: nil)
      backwardBlock(
        regionCount: regionCount, start: start, length: length,
        topAdjoint: adjoints + storage + start,
        topPartials: partials >= 0 ? UnsafePointer(values + partials + start) : nil)
      start += length
    }
    releaseRegion(regionCount)
  }
}
