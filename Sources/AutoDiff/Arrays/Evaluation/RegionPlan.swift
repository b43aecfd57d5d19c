// Planning a region once per evaluation, so that the loops over its blocks do one pass per node
// and direction: a broadcast operand is expanded once per region rather than once per block
// (blocks are cut at whole rows), the adjoints of the region's inputs are located (and zeroed, or
// marked to be overwritten) once, and the values no backward step reads are marked as not
// recomputed.

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
  /// The operand's position in the region, for `region`.
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
  /// The operands whose values the node reads (`operandCount` of them): a unary node's one, a
  /// binary node's two, the vectors of a linear combination's terms.
  @usableFromInline var operands: Four<OperandPlan<T>>
  /// A linear combination's coefficients (constant × factor), their constants, and the
  /// adjoints of the factors that are tracked (for a backward step), term by term.
  @usableFromInline var coefficients: Four<T>
  @usableFromInline var constants: Four<T>
  @usableFromInline var factorAdjoints: Four<UnsafeMutablePointer<T>?>
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
    operands = Four(repeating: OperandPlan())
    coefficients = Four(repeating: 0)
    constants = Four(repeating: 0)
    factorAdjoints = Four(repeating: nil)
    adjoint = nil
    isSummed = false
    reductionWeight = 0
    valueScale = 0
    reductionSum = 0
    skipsForward = false
  }

  /// The first operand (the only one of a unary node).
  @inlinable var a: OperandPlan<T> { operands[0] }
  /// The second operand of a binary node.
  @inlinable var b: OperandPlan<T> { operands[1] }

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
  /// Collects and plans the region under `top`: its steps in `steps[0..<R]`, broadcast operands
  /// expanded, and, `forBackward`, the adjoints of its inputs located (and zeroed on first use
  /// in the current epoch).
  mutating func planRegion(_ top: Int32, forBackward: Bool, deferringContiguous: Bool = false)
    -> Region<T>
  {
    let count = collectRegion(top)
    reserveScratch(Region<T>.scratchCount(count))
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
    let region = Region(count: count, blockLength: blockLength, scratch: scratch)
    var planner = OperandPlanner(
      region: region, forBackward: forBackward, deferringContiguous: deferringContiguous)
    for p in 0..<count {
      let node = nodes[Int(scratchIndices[p])]
      var step = RegionStep<T>(kind: node.kind)
      step.function = node.function
      step.parameter = node.parameter
      step.isTracked = node.isTracked
      step.consumers = p == count - 1 ? 1 : 0
      if node.kind == .linear {
        for k in 0..<node.parameter {
          let term = node.terms[k]
          step.operands[k] =
            term.operand >= 0
            ? planOperand(term.operand, .same, columns: node.columns, &planner)
            : planner.unitOperand()
          planTerm(term, k, of: &step, forBackward: forBackward)
        }
      } else {
        step.operands[0] = planOperand(node.a, node.modeA, columns: node.columns, &planner)
        if node.kind == .binary {
          step.operands[1] = planOperand(node.b, node.modeB, columns: node.columns, &planner)
        }
      }
      (steps + p).initialize(to: step)
    }
    for p in 0..<count {
      let step = steps[p]
      for k in 0..<step.operandCount where step.operands[k].source == .region {
        steps[step.operands[k].position].consumers += 1
      }
    }
    return region
  }

  /// The coefficient of term k of a linear combination, its constant, and, for a backward step,
  /// the adjoints of its factor when that is tracked.
  mutating func planTerm(
    _ term: LinearTerm<T>, _ k: Int, of step: inout RegionStep<T>, forBackward: Bool
  ) {
    var coefficient = term.constant
    var factorAdjoint: UnsafeMutablePointer<T>?
    if term.factor >= 0 {
      coefficient = term.constant * valuePointer(term.factor)[0]
      if forBackward && nodes[Int(term.factor)].isTracked {
        factorAdjoint = adjointPointer(term.factor)
      }
    }
    step.coefficients[k] = coefficient
    step.constants[k] = term.constant
    step.factorAdjoints[k] = factorAdjoint
  }

  /// How operand `index` of a node is read, broadcast by `mode` to rows of `columns`: from its
  /// block in the region, from its values, or expanded (once for the region when the blocks
  /// hold whole repeated rows, else per block).
  mutating func planOperand(
    _ index: Int32, _ mode: Broadcast, columns: Int, _ planner: inout OperandPlanner<T>
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
    let blockLength = planner.region.blockLength
    plan.values = values
    switch mode {
    case .same:
      plan.source = .contiguous
    case .scalar:
      let block = planner.nextExpansionBlock()
      block.update(repeating: values[0], count: blockLength)
      plan.source = .expanded
      plan.values = UnsafePointer(block)
    case .row where columns > 0 && blockLength % columns == 0:
      let block = planner.nextExpansionBlock()
      var offset = 0
      while offset < blockLength {
        (block + offset).update(from: values, count: columns)
        offset += columns
      }
      plan.source = .expanded
      plan.values = UnsafePointer(block)
    case .row, .column:
      plan.block = planner.nextExpansionBlock()
      plan.source = .expandedPerBlock
    }
    // With `deferringContiguous`, a contiguous operand's adjoints are located once the whole
    // region is planned (`planContiguousAdjoints`), when it is known whether it is used once.
    if planner.forBackward && node.isTracked
      && !(planner.deferringContiguous && plan.source == .contiguous)
    {
      plan.adjoints = adjointPointer(index)
    }
    return plan
  }

  /// Locates the adjoints of the region's contiguous tracked operands. An operand the region
  /// uses once, in full, whose adjoints nothing has written yet in this reduction, is
  /// overwritten instead of zeroed and added to: one pass over its memory instead of three.
  mutating func planContiguousAdjoints(_ region: Region<T>) {
    for p in 0..<region.count {
      for k in 0..<steps[p].operandCount {
        let plan = steps[p].operands[k]
        guard plan.source == .contiguous, plan.isTracked else { continue }
        // Uses of the operand's storage: the operand itself or another view of its owner. (An
        // owner is overwritten only when it is the operand itself, and a view of it cannot have
        // the region's length; counting by owner keeps that true whatever views may come.)
        let owner = nodes[Int(plan.node)].owner
        var uses = 0
        for q in 0..<region.count {
          for l in 0..<steps[q].operandCount where steps[q].operands[l].source == .contiguous {
            let other = steps[q].operands[l].node
            if other == plan.node || nodes[Int(other)].owner == owner { uses += 1 }
          }
        }
        if uses == 1 {
          let (pointer, fresh) = adjointPointerForFullWrite(plan.node)
          steps[p].operands[k].adjoints = pointer
          steps[p].operands[k].overwritesAdjoints = fresh
        } else {
          steps[p].operands[k].adjoints = adjointPointer(plan.node)
        }
      }
    }
  }

  /// Marks the steps whose values the backward walk of `backwardRegion` never reads, so that
  /// the recomputation before it skips them: a sum or difference reads neither operand (its
  /// partials are ±1), and a unary top with stored local derivatives does not read its operand.
  /// Only the steps that a backward step reads, and the steps they are computed from, are
  /// recomputed. (Every step starts with `skipsForward` false: no step of such a region is
  /// summed.)
  mutating func skipUnreadValues(_ region: Region<T>, topHasPartials: Bool) {
    for p in 0..<region.top { steps[p].skipsForward = true }
    var p = region.top
    while p >= 0 {
      let step = steps[p]
      // The top is not recomputed, but its backward step runs; a skipped step's does too, and
      // reads its operands' values only where its partials depend on them.
      let recomputed = p < region.top && !step.skipsForward
      let backwardReads: Bool
      switch step.kind {
      case .binary: backwardReads = step.function != .add && step.function != .subtract
      case .unary: backwardReads = !(p == region.top && topHasPartials)
      default: backwardReads = true
      }
      if recomputed || backwardReads {
        for k in 0..<step.operandCount where step.operands[k].source == .region {
          steps[step.operands[k].position].skipsForward = false
        }
      }
      p -= 1
    }
  }

  /// Room for `count` steps, keeping the first `kept` steps already planned.
  @inlinable
  mutating func reserveSteps(_ count: Int, keeping kept: Int = 0) {
    if _slowPath(stepCapacity < count) { growSteps(to: count, keeping: kept) }
  }

  @usableFromInline @inline(never)
  mutating func growSteps(to minimum: Int, keeping kept: Int) {
    var newCapacity = stepCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    let old = steps
    steps = .allocate(capacity: newCapacity)
    steps.initialize(from: old, count: kept)
    old.deallocate()
    stepCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }
}

/// What planning a region's operands shares: the expansion blocks handed out so far, and the
/// block of ones that the terms made of a coefficient alone read.
struct OperandPlanner<T: RealScalar> {
  let region: Region<T>
  let forBackward: Bool
  let deferringContiguous: Bool
  var expansions = 0
  var ones: UnsafeMutablePointer<T>? = nil

  init(region: Region<T>, forBackward: Bool, deferringContiguous: Bool) {
    self.region = region
    self.forBackward = forBackward
    self.deferringContiguous = deferringContiguous
  }

  /// The next unused expansion block of the region.
  mutating func nextExpansionBlock() -> UnsafeMutablePointer<T> {
    let block = region.expansionBlock(expansions)
    expansions += 1
    return block
  }

  /// The operand of a term that is its coefficient alone: a block of ones, filled once.
  mutating func unitOperand() -> OperandPlan<T> {
    if ones == nil {
      let block = nextExpansionBlock()
      block.update(repeating: 1, count: region.blockLength)
      ones = block
    }
    var plan = OperandPlan<T>()
    plan.source = .unit
    plan.values = UnsafePointer(ones!)
    return plan
  }
}
