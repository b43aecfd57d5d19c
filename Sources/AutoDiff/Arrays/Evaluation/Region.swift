// Evaluating elementwise expressions in blocks, forward and backward.
//
// An elementwise node is recorded without being evaluated. A *region* is an elementwise node
// (its top) together with every elementwise operand below it that has not been evaluated, all of
// the same size; its inputs are evaluated nodes, constants and broadcast operands. A region is
// evaluated block by block: for each block, every node of the region computes its block into
// scratch that stays in the processor's cache, so intermediate arrays of the full size are never
// written (RegionForward.swift). The backward step of a region works the same way: for each
// block it recomputes the region's values, then walks the region from the top down, sending
// partial × adjoint into the operands' adjoint blocks and, for the region's inputs, into their
// adjoints on the tape (RegionBackward.swift).
//
// Before either, the region is collected (here) and planned once (RegionPlan.swift): how each
// operand is read, which broadcast operands are expanded once for the whole region, which
// adjoints are overwritten rather than added to, and which values no backward step reads.

/// A region collected for evaluation: its size, the length of its blocks, and where its blocks
/// are in the tape's scratch.
///
/// The scratch of a region of R nodes holds, `blockStride` elements apart: a value block per
/// node (positions 0 ..< R, the top last), an adjoint block per node, two blocks per node for
/// operands expanded from a broadcast, and three spare blocks. The tape reserves it when it plans
/// the region, and nothing grows the scratch while the region is evaluated.
struct Region<T: RealScalar> {
  /// The number of nodes, R.
  let count: Int
  /// Elements per block: `blockSize`, or less, to hold whole rows of an operand repeated row by
  /// row.
  let blockLength: Int
  let scratch: UnsafeMutablePointer<T>

  /// The elements of scratch a region of `count` nodes needs.
  static func scratchCount(_ count: Int) -> Int { (4 * count + 3) * blockStride }

  /// The position of the top.
  var top: Int { count - 1 }

  /// The values of node `position` for the current block.
  @inline(__always) func valueBlock(_ position: Int) -> UnsafeMutablePointer<T> {
    scratch + position * blockStride
  }

  /// The adjoints of node `position` for the current block, when a backward step writes them
  /// there rather than into another node's block.
  @inline(__always) func adjointBlock(_ position: Int) -> UnsafeMutablePointer<T> {
    scratch + (count + position) * blockStride
  }

  /// Expanded operand `index` (0 ..< 2R): a broadcast operand repeated to a whole block.
  @inline(__always) func expansionBlock(_ index: Int) -> UnsafeMutablePointer<T> {
    scratch + (2 * count + index) * blockStride
  }

  /// Spare block `index` (0 ..< 3): products for an expanded operand (0 and 1, one per operand),
  /// and the weights of a reduction (2).
  @inline(__always) func spareBlock(_ index: Int) -> UnsafeMutablePointer<T> {
    scratch + (4 * count + index) * blockStride
  }

  /// Calls `body` with each block of an array of `elements` elements, in order.
  @inline(__always)
  func forEachBlock(over elements: Int, _ body: (Block) -> Void) {
    var start = 0
    while start < elements {
      let length = Swift.min(blockLength, elements - start)
      body(Block(start: start, length: length))
      start += length
    }
  }
}

/// Elements `start ..< start + length` of a region: the part its loops work on at once.
struct Block {
  let start: Int
  let length: Int
}

extension ArrayTape {
  /// Collects the region under `top` into `scratchIndices[0..<R]` in increasing node order (the
  /// top last), numbers its nodes with `regionPosition`, and returns R. The top is included even
  /// when it has been evaluated (its backward step is the region's).
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
  mutating func releaseRegion(_ region: Region<T>) {
    for p in 0..<region.count { nodes[Int(scratchIndices[p])].regionPosition = -1 }
  }
}
