internal import AutoDiffKernels
import Synchronization

/// How much memory reverse mode keeps between gradient calls.
///
/// A tape's buffers grow to the largest call it has recorded and are kept, so that the next
/// call of that size allocates nothing. Past ``cap`` bytes they are given back *lazily*: a tape
/// holding more than the cap releases the excess when it is returned from a call that needed
/// no more than the cap. Repeated large calls therefore keep their memory and run at full
/// speed; a program that made one large call (a million-row cost recorded whole: about 160 MB)
/// and then goes on with small ones gets the memory back at its next call. ``releaseUnused()``
/// gives back the memory of every tape not in use at once.
///
/// The ``Variable`` values of a call whose memory was given back are still recognized as
/// stale: using one stops the program with the same message as before.
public enum TapeMemory {
  private static let capBytes = Atomic<Int>(64 << 20)

  /// The bytes a tape keeps between calls when its last call needed no more: 64 MiB by
  /// default (about two million scalar operations in `Double`). Values below 0 are taken as 0,
  /// which gives back everything above the tapes' initial size after every call.
  public static var cap: Int {
    get { capBytes.load(ordering: .relaxed) }
    set { capBytes.store(Swift.max(0, newValue), ordering: .relaxed) }
  }

  /// Gives back the memory of every tape not lent to a gradient call now, down to its initial
  /// size, whatever the cap.
  public static func releaseUnused() {
    releasePooledTapes()
  }

  /// Returns freed memory at the top of the heap and in its free lists to the operating system
  /// (glibc keeps freed memory for reuse otherwise).
  static func trimHeap() {
    adk_trim_heap()
  }
}

extension TapeStorage {
  /// Bytes of the buffers this tape holds.
  var retainedBytes: Int {
    capacity * MemoryLayout<TapeEntry<T>>.stride + adjointCapacity * MemoryLayout<T>.stride
      + (arrays?.pointee.retainedBytes ?? 0)
  }

  /// Bytes of those buffers the call in progress uses.
  var usedBytes: Int {
    count * (MemoryLayout<TapeEntry<T>>.stride + MemoryLayout<T>.stride)
      + (arrays?.pointee.usedBytes ?? 0)
  }

  /// Replaces the buffers by ones of the initial size. Only for a cleared tape (count 1).
  mutating func releaseBuffers() {
    precondition(count == 1, "releaseBuffers on a tape in use")
    let initial = 1024
    if capacity > initial {
      entries.deinitialize(count: 1)
      entries.deallocate()
      entries = .allocate(capacity: initial)
      entries.initialize(to: TapeEntry(0, 0, 0, 0))
      capacity = initial
    }
    if adjointCapacity > initial {
      adjoints.deinitialize(count: adjointCapacity).deallocate()
      adjoints = .allocate(capacity: initial)
      adjoints.initialize(repeating: 0, count: initial)
      adjointCapacity = initial
    }
    if let arrays {
      arrays.pointee.deallocateBuffers()
      arrays.deinitialize(count: 1)
      arrays.deallocate()
      self.arrays = nil
    }
    limit = count
  }
}

extension ArrayTape {
  var retainedBytes: Int {
    nodeCapacity * MemoryLayout<ArrayNode<T>>.stride + 2 * arenaCapacity * MemoryLayout<T>.stride
      + indexCapacity * 4 + scratchCapacity * MemoryLayout<T>.stride + scratchIndexCapacity * 4
      + stepCapacity * MemoryLayout<RegionStep<T>>.stride
      + parallelScratchCapacity * MemoryLayout<T>.stride
  }

  var usedBytes: Int {
    nodeCount * MemoryLayout<ArrayNode<T>>.stride + 2 * arenaCount * MemoryLayout<T>.stride
      + indexCount * 4
  }

  /// Frees every buffer; the tape must not be used afterwards.
  mutating func deallocateBuffers() {
    nodes.deinitialize(count: nodeCount).deallocate()
    values.deallocate()
    adjoints.deallocate()
    indices.deallocate()
    scratch.deinitialize(count: scratchCapacity).deallocate()
    scratchIndices.deallocate()
    steps.deallocate()
    parallelScratch?.deallocate()
    parallelScratch = nil
    parallelScratchCapacity = 0
    constants = []
    deferred = []
  }
}
