import Synchronization

/// The array operations of one gradient call, kept beside its scalar tape.
///
/// Every array operation appends one ``ArrayNode``. Elementwise operations are recorded without
/// being evaluated; whoever consumes them (a reduction, a matrix product, reading the values)
/// evaluates the whole elementwise expression in blocks that stay in the processor's cache, so that
/// `mean(pow(m * x + b - y, 2))` reads `x` and `y` once and writes no array of its size.
///
/// A reduction to a scalar (`sum`, `mean`, `dot`, `squaredNorm`, an element) runs the backward
/// step of every array operation below it at once, and records the result on the scalar tape
/// as an ordinary ``Variable`` whose entries name the scalar variables the arrays were built from,
/// with ∂result/∂variable as partials: a preaccumulated Jacobian, so the scalar tape's backward
/// sweep is unchanged and arrays need no hook in it.
///
/// All memory is owned by the tape and kept when the gradient call ends: values, adjoints and
/// stored partials in one arena, slot and operand lists in an index arena, evaluation scratch,
/// and the list of `[T]` constants retained for the duration of the call. Each buffer grows by
/// doubling, so after the first calls of a given size recording allocates nothing.
@usableFromInline
struct ArrayTape<T: RealScalar> {
  @usableFromInline var nodes: UnsafeMutablePointer<ArrayNode<T>>
  @usableFromInline var nodeCount: Int
  @usableFromInline var nodeCapacity: Int

  /// Values at offset o, adjoints at the same offset o of `adjoints`.
  @usableFromInline var values: UnsafeMutablePointer<T>
  @usableFromInline var adjoints: UnsafeMutablePointer<T>
  @usableFromInline var arenaCount: Int
  @usableFromInline var arenaCapacity: Int

  /// Scalar tape slots of leaves, operand lists of concatenations.
  @usableFromInline var indices: UnsafeMutablePointer<Int32>
  @usableFromInline var indexCount: Int
  @usableFromInline var indexCapacity: Int

  /// Scratch for evaluation: the blocks of a region, transposes, a row of a row-wise function.
  @usableFromInline var scratch: UnsafeMutablePointer<T>
  @usableFromInline var scratchCapacity: Int
  @usableFromInline var scratchIndices: UnsafeMutablePointer<Int32>
  @usableFromInline var scratchIndexCapacity: Int
  /// The plan of the region being evaluated (see Evaluation/RegionPlan.swift).
  @usableFromInline var steps: UnsafeMutablePointer<RegionStep<T>>
  @usableFromInline var stepCapacity: Int

  /// `[T]` constants used in this call, retained so that their storage stays valid.
  @usableFromInline var constants: [[T]]

  /// Incremented by every reduction; see ``ArrayNode/epoch``.
  @usableFromInline var epoch: UInt32

  /// The leaf holding the inputs of a call of ``VariableVector/valueWithGradient(at:into:of:)``,
  /// or −1. A reduction does not record entries for this leaf's elements; it keeps their
  /// partials here instead (`deferred`: pairs of the reduction's slot and an arena offset), and
  /// that entry point adds adjoint(slot) × partials to the gradient after the sweep: the same
  /// sum the entries would have formed, without an entry per input.
  @usableFromInline var inputLeaf: Int32
  @usableFromInline var deferred: [(slot: Int32, offset: Int)]
  /// Whether the last of `deferred` is still the input leaf's adjoints, which are the caller's
  /// gradient buffer (its offset is then unused), rather than a copy in the arena. A reduction
  /// leaves its partials there, and the next reduction, which would overwrite them, copies them
  /// out first (``beginReduction()``): a cost with one reduction, the usual case, copies
  /// nothing, and its partials are already where the gradient goes.
  @usableFromInline var lastDeferredInAdjoints: Bool
  /// Whether an element of the input leaf has been handed out as a scalar `Variable`
  /// (``element(_:_:)``), so that scalar entries may name input slots. Until then the scalar
  /// sweep of a vector entry point neither zeroes nor reads the inputs' adjoints: every input
  /// derivative is in `deferred`.
  @usableFromInline var inputSlotsEscaped: Bool
  /// The parts of the input leaf's adjoints that the current reduction has written or zeroed,
  /// as sorted, disjoint, non-adjacent ranges of element offsets (emptied by
  /// ``beginReduction()``). The input leaf is zeroed part by part, only where no
  /// backward step overwrites it first: a network's weights, views of the inputs, are each
  /// written whole by a product, and zeroing them first would be a pass over the gradient for
  /// nothing (see `adjointPointer` and ``completeInputAdjoints()``).
  @usableFromInline var inputWritten: [Range<Int>]
  /// Value blocks for regions evaluated in parallel bands (RegionForward.swift); allocated by
  /// the first such region.
  @usableFromInline var parallelScratch: UnsafeMutablePointer<T>? = nil
  @usableFromInline var parallelScratchCapacity = 0

  init() {
    nodeCapacity = 64
    nodes = .allocate(capacity: nodeCapacity)
    nodeCount = 0
    arenaCapacity = 4096
    values = .allocate(capacity: arenaCapacity)
    adjoints = .allocate(capacity: arenaCapacity)
    arenaCount = 0
    indexCapacity = 1024
    indices = .allocate(capacity: indexCapacity)
    indexCount = 0
    scratchCapacity = 16 * blockStride
    scratch = .allocate(capacity: scratchCapacity)
    scratch.initialize(repeating: 0, count: scratchCapacity)
    scratchIndexCapacity = 256
    scratchIndices = .allocate(capacity: scratchIndexCapacity)
    stepCapacity = 64
    steps = .allocate(capacity: stepCapacity)
    constants = []
    constants.reserveCapacity(16)
    epoch = 0
    inputLeaf = -1
    deferred = []
    deferred.reserveCapacity(16)
    lastDeferredInAdjoints = false
    inputSlotsEscaped = false
    inputWritten = []
    arrayTapeAllocations.add(8, ordering: .relaxed)
  }

  /// Forgets every node of the call that ended, releases the constants it retained, and keeps
  /// every buffer.
  @usableFromInline
  mutating func reset() {
    nodeCount = 0
    arenaCount = 0
    indexCount = 0
    constants.removeAll(keepingCapacity: true)
    inputLeaf = -1
    deferred.removeAll(keepingCapacity: true)
    lastDeferredInAdjoints = false
    inputSlotsEscaped = false
    inputWritten.removeAll(keepingCapacity: true)
  }

  /// Starts a reduction: a new epoch, so that every adjoint it writes is zeroed or overwritten
  /// first. Partials an earlier reduction left in the input leaf's adjoints are copied into the
  /// arena before they can be overwritten.
  @inlinable
  mutating func beginReduction() {
    moveDeferredPartialsOutOfAdjoints()
    inputWritten.removeAll(keepingCapacity: true)
    // Never 0, the epoch of a node just recorded: after 2³² reductions on a pooled tape (an
    // hour of microsecond calls) a wrap to 0 would make every new node look already zeroed.
    epoch &+= 1
    if epoch == 0 { epoch = 1 }
  }

  /// Copies partials the last reduction left in the input leaf's adjoints into the arena, so
  /// that the adjoints may be overwritten.
  @inlinable
  mutating func moveDeferredPartialsOutOfAdjoints() {
    guard lastDeferredInAdjoints else { return }
    let count = nodes[Int(inputLeaf)].count
    let offset = allocate(count)
    let last = deferred.count - 1
    (values + offset).update(from: adjointBase(inputLeaf), count: count)
    deferred[last].offset = offset
    lastDeferredInAdjoints = false
  }

  /// Keeps the input leaf's adjoints, where they are, as the partials of the scalar in `slot`.
  @inlinable
  mutating func deferInputPartials(to slot: Int32) {
    deferred.append((slot, -1))
    lastDeferredInAdjoints = true
  }

  /// The partials of `deferred[k]` with respect to the inputs.
  @inlinable
  func deferredPartials(_ k: Int) -> UnsafePointer<T> {
    if lastDeferredInAdjoints && k == deferred.count - 1 {
      return UnsafePointer(adjointBase(inputLeaf))
    }
    return UnsafePointer(values + deferred[k].offset)
  }

  // MARK: - Growing the buffers

  /// Appends a node and returns its index.
  @inlinable
  mutating func append(_ node: ArrayNode<T>) -> Int32 {
    if _slowPath(nodeCount == nodeCapacity) { growNodes() }
    let index = nodeCount
    (nodes + index).initialize(to: node)
    nodeCount = index + 1
    return Int32(truncatingIfNeeded: index)
  }

  @usableFromInline @inline(never)
  mutating func growNodes() {
    let newCapacity = nodeCapacity * 2
    let new = UnsafeMutablePointer<ArrayNode<T>>.allocate(capacity: newCapacity)
    new.moveInitialize(from: nodes, count: nodeCount)
    nodes.deallocate()
    nodes = new
    nodeCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }

  /// Reserves `count` elements of the arena (values and adjoints) and returns their offset.
  /// The values are uninitialized memory of a trivial type until written.
  @inlinable
  mutating func allocate(_ count: Int) -> Int {
    let offset = arenaCount
    if _slowPath(offset + count > arenaCapacity) { growArena(to: offset + count) }
    arenaCount = offset + count
    return offset
  }

  @usableFromInline @inline(never)
  mutating func growArena(to minimum: Int) {
    var newCapacity = arenaCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    func moved(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
      let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
      new.moveInitialize(from: old, count: arenaCount)
      old.deallocate()
      return new
    }
    values = moved(values)
    adjoints = moved(adjoints)
    arenaCapacity = newCapacity
    arrayTapeAllocations.add(2, ordering: .relaxed)
  }

  /// Reserves `count` entries of the index arena and returns their offset.
  @inlinable
  mutating func allocateIndices(_ count: Int) -> Int {
    let offset = indexCount
    if _slowPath(offset + count > indexCapacity) { growIndices(to: offset + count) }
    indexCount = offset + count
    return offset
  }

  @usableFromInline @inline(never)
  mutating func growIndices(to minimum: Int) {
    var newCapacity = indexCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    let new = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
    new.moveInitialize(from: indices, count: indexCount)
    indices.deallocate()
    indices = new
    indexCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }

  /// Makes the scratch buffer hold at least `count` elements; its contents are not kept.
  @inlinable
  mutating func reserveScratch(_ count: Int) {
    if _slowPath(scratchCapacity < count) { growScratch(to: count) }
  }

  @usableFromInline @inline(never)
  mutating func growScratch(to minimum: Int) {
    var newCapacity = scratchCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    scratch.deallocate()
    scratch = .allocate(capacity: newCapacity)
    // Initialized once, when grown: a backward step may load the value block of a step it did
    // not recompute (a sum's operands, whose partials are constants, see `skipUnreadValues`),
    // and such a load must read numbers, not uninitialized memory.
    scratch.initialize(repeating: 0, count: newCapacity)
    scratchCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }

  /// Makes the index scratch hold at least `count` entries; its contents are not kept.
  @inlinable
  mutating func reserveScratchIndices(_ count: Int) {
    if _slowPath(scratchIndexCapacity < count) { growScratchIndices(to: count) }
  }

  @usableFromInline @inline(never)
  mutating func growScratchIndices(to minimum: Int) {
    var newCapacity = scratchIndexCapacity * 2
    while newCapacity < minimum { newCapacity *= 2 }
    scratchIndices.deallocate()
    scratchIndices = .allocate(capacity: newCapacity)
    scratchIndexCapacity = newCapacity
    arrayTapeAllocations.add(1, ordering: .relaxed)
  }

  // MARK: - Reading nodes

  /// The values of a materialized node (or of a constant).
  @inlinable
  func valuePointer(_ index: Int32) -> UnsafePointer<T> {
    let node = nodes[Int(index)]
    if let external = node.external { return external }
    return UnsafePointer(values + node.storage)
  }

  /// The adjoints of a node, for a write that covers every element: when this is the first
  /// write of the current reduction into them, `fresh` is `true` and they are not zeroed (the
  /// caller writes instead of adding, saving a pass over memory). That is known for a node that
  /// owns its storage, and for a view of the input leaf whose elements nothing has written yet
  /// in this reduction.
  ///
  /// A fresh pointer must be written in full before any other pointer to the same adjoints is
  /// asked for: the backward steps ask for it just before the write, or last when they plan a
  /// region (`planContiguousAdjoints`), after every pointer that region accumulates into.
  @inlinable
  mutating func adjointPointerForFullWrite(_ index: Int32) -> (
    pointer: UnsafeMutablePointer<T>, fresh: Bool
  ) {
    let node = nodes[Int(index)]
    if node.owner == index && node.epoch != epoch && Int(index) != inputLeaf {
      nodes[Int(index)].epoch = epoch
      return (adjointBase(index), true)
    }
    if node.owner == inputLeaf {
      let start = node.storage - nodes[Int(inputLeaf)].storage
      let fresh = claimInputAdjoints(start..<(start + node.count), zeroing: false)
      return (adjointBase(index), fresh)
    }
    return (adjointPointer(index), false)
  }

  /// Where the adjoints of a materialized node are: on the arena at its storage, or, for the
  /// inputs of a vector entry point and their views, in the caller's gradient buffer.
  @inlinable
  func adjointBase(_ index: Int32) -> UnsafeMutablePointer<T> {
    let node = nodes[Int(index)]
    return node.externalAdjoints ?? adjoints + node.storage
  }

  /// The adjoints of a materialized node, zeroed first if this is the first write of the current
  /// reduction into the storage the node shares with its owner (for the input leaf: into these
  /// elements of it).
  @inlinable
  mutating func adjointPointer(_ index: Int32) -> UnsafeMutablePointer<T> {
    let node = nodes[Int(index)]
    let owner = Int(node.owner)
    if owner == inputLeaf {
      let start = node.storage - nodes[owner].storage
      _ = claimInputAdjoints(start..<(start + node.count), zeroing: true)
    } else if nodes[owner].epoch != epoch {
      nodes[owner].epoch = epoch
      zeroInParallel(adjointBase(Int32(truncatingIfNeeded: owner)), nodes[owner].count)
    }
    return node.externalAdjoints ?? adjoints + node.storage
  }

  /// Marks `range` of the input leaf's adjoints as written in the current reduction. Returns
  /// `true` when no element of it had been (the caller overwrites it); otherwise, or always when
  /// `zeroing`, first zeroes the elements of `range` not yet written, and returns `false`.
  @usableFromInline
  mutating func claimInputAdjoints(_ range: Range<Int>, zeroing: Bool) -> Bool {
    let leaf = Int(inputLeaf)
    nodes[leaf].epoch = epoch
    if range.isEmpty { return false }
    // Past a few dozen scattered ranges (a cost over many small views), the whole leaf is
    // zeroed, and the list is one range again.
    let range = inputWritten.count < 64 ? range : 0..<nodes[leaf].count
    // The written ranges that overlap `range` or touch it (those merge with it).
    var first = 0
    while first < inputWritten.count && inputWritten[first].upperBound < range.lowerBound {
      first += 1
    }
    var last = first
    while last < inputWritten.count && inputWritten[last].lowerBound <= range.upperBound {
      last += 1
    }
    // (Indices, not a slice: a slice kept alive across `replaceSubrange` would copy the list.)
    var fresh = !zeroing
    for k in first..<last where inputWritten[k].overlaps(range) { fresh = false }
    if !fresh {
      // Zero the gaps of `range` between the written ranges it meets.
      let base = adjointBase(inputLeaf)
      var gapStart = range.lowerBound
      for k in first..<last {
        let written = inputWritten[k]
        if written.lowerBound > gapStart {
          zeroInParallel(base + gapStart, written.lowerBound - gapStart)
        }
        gapStart = Swift.max(gapStart, written.upperBound)
      }
      if gapStart < range.upperBound {
        zeroInParallel(base + gapStart, range.upperBound - gapStart)
      }
    }
    var merged = range
    if first < last {
      let lower = Swift.min(range.lowerBound, inputWritten[first].lowerBound)
      merged = lower..<Swift.max(range.upperBound, inputWritten[last - 1].upperBound)
    }
    inputWritten.replaceSubrange(first..<last, with: CollectionOfOne(merged))
    return fresh
  }

  /// Zeroes the input leaf's adjoints that the current reduction has not written, once its
  /// backward steps have run and the adjoints are the reduction's partials.
  @usableFromInline
  mutating func completeInputAdjoints() {
    _ = claimInputAdjoints(0..<nodes[Int(inputLeaf)].count, zeroing: true)
  }
}

/// Sets `count` elements from `start` to zero, in ranges on the pool's threads when there are
/// many.
@inlinable
func zeroInParallel<T: RealScalar>(_ start: UnsafeMutablePointer<T>, _ count: Int) {
  forEachRangeInParallel(count) { range in
    (start + range.lowerBound).update(repeating: 0, count: range.count)
  }
}

/// The number of buffers that tapes for array operations have allocated or grown, since the
/// program started (see ``arrayTapeAllocationCount``).
let arrayTapeAllocations = Atomic<Int>(0)

/// The number of buffers that the tapes for array operations have allocated or grown since the
/// program started.
///
/// Tapes are lent to gradient calls from a pool and keep their buffers, so in a training loop
/// this count stops changing once every buffer has reached the size one step needs: later steps
/// record onto memory that is already there.
///
/// ```swift
/// let before = arrayTapeAllocationCount
/// for _ in 0..<1000 { _ = gradient(at: parameters, of: cost) }
/// arrayTapeAllocationCount - before  // small, and 0 once warmed up
/// ```
public var arrayTapeAllocationCount: Int { arrayTapeAllocations.load(ordering: .relaxed) }

/// Elements per block when elementwise expressions are evaluated: small enough that the blocks of
/// an expression's nodes stay in the L1 and L2 caches, large enough that the loops' fixed costs
/// vanish. 512 measured fastest of 256, 512 and 1024 on `linreg_grad` and `rosenbrock_grad`.
@usableFromInline let blockSize = 512

/// The distance between two blocks of scratch: a block and 24 elements, so that blocks read and
/// written in the same loop do not sit at the same offset modulo 4 KiB, where the processor
/// mistakes loads for dependent on earlier stores ("4K aliasing").
@usableFromInline let blockStride = blockSize + 24
