// Reductions to a scalar, and how an array computation joins the scalar tape.
//
// A reduction runs, at once, the backward step of every array operation it depends on, down to
// the leaves (arrays built from scalar variables; Evaluation/BackwardSteps.swift, and
// Evaluation/WeightedSum.swift for the sum itself), and records its result on the scalar tape as
// one `Variable` whose entries name each leaf element's slot with the partial
// ∂result/∂element. The scalar tape's backward sweep then carries the gradient on to the inputs
// like that of any other operation. Entries are recorded as a balanced tree of two-operand
// entries (pairs of leaf elements, then pairs of pairs, …), about one entry per leaf element,
// so the sweep meets no long chain of dependent updates.

extension TapeStorage {
  /// Makes room for `count` more entries, so that ``appendReserved(_:_:_:_:)`` need not check.
  @inlinable
  mutating func reserveEntries(_ count: Int) {
    while self.count + count > limit { makeRoom() }
  }

  /// Appends an entry of two operands into room made by ``reserveEntries(_:)``.
  @inlinable @inline(__always)
  mutating func appendReserved(_ left: Int32, _ leftPartial: T, _ right: Int32, _ rightPartial: T)
    -> Int32
  {
    let slot = count
    (entries + slot).initialize(to: TapeEntry(left, leftPartial, right, rightPartial))
    count = slot + 1
    return Int32(truncatingIfNeeded: slot)
  }

  /// Appends an entry of one operand into room made by ``reserveEntries(_:)`` (the second
  /// operand names the entry itself with partial 0, as `record(_:_:)` does).
  @inlinable @inline(__always)
  mutating func appendReserved(_ operand: Int32, _ partial: T) -> Int32 {
    let slot = count
    let own = Int32(truncatingIfNeeded: slot)
    (entries + slot).initialize(to: TapeEntry(operand, partial, own, 0))
    count = slot + 1
    return own
  }
}

extension ArrayTape {
  /// Runs the backward step of every evaluated node from `top` down whose adjoints were touched
  /// in the current epoch, then records the leaves' adjoints on `tape` as the partials of a new
  /// scalar of value `value`.
  @usableFromInline
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func propagateAndRecord(
    from top: Int32, value: T, on tape: UnsafeMutablePointer<TapeStorage<T>>
  ) -> Variable<T> {
    let leafElements = runBackwardSteps(from: top)
    // The inputs of a vector entry point: partials kept for after the sweep, where they are,
    // in the input leaf's adjoints (see `lastDeferredInAdjoints`).
    let defersInputs =
      inputLeaf >= 0 && inputLeaf <= top && nodes[Int(inputLeaf)].epoch == epoch
      && nodes[Int(inputLeaf)].isTracked
    if defersInputs { completeInputAdjoints() }
    if leafElements == 0 {
      guard defersInputs else { return Variable(constant: value) }
      // Only deferred partials: the result is an entry of its own, whose adjoint the sweep
      // computes (its operand is the sink, with partial 0).
      let slot = tape.pointee.record(0, 0)
      deferInputPartials(to: slot)
      return Variable(value, slot: slot, generation: tape.pointee.generation, tape: tape)
    }
    // Entries for every leaf element: pairs of elements first, then pairs of entries with
    // partials 1, up to one root. Each level is a contiguous run of slots, so no list is kept;
    // all entries are written into room reserved at once. An element whose partial is 0 is
    // recorded like any other, as the scalar tape records x · 0; a constant element names the
    // sink, slot 0, whose adjoint is never read.
    tape.pointee.reserveEntries(leafElements + 2)
    let entries = tape.pointee.entries
    var next = tape.pointee.count
    @inline(__always) func append(_ l: Int32, _ lp: T, _ r: Int32, _ rp: T) -> Int32 {
      (entries + next).initialize(to: TapeEntry(l, lp, r, rp))
      next += 1
      return Int32(truncatingIfNeeded: next - 1)
    }
    var low = Int32(truncatingIfNeeded: next)
    for j in 0...Int(top) where j != Int(inputLeaf) {
      let node = nodes[j]
      guard node.kind == .leaf, node.epoch == epoch else { continue }
      let adjoint = adjoints + node.storage
      let slots = indices + node.indices
      let count = node.count
      var i = 0
      while i + 2 <= count {
        _ = append(slots[i], adjoint[i], slots[i + 1], adjoint[i + 1])
        i += 2
      }
      if i < count {
        let own = Int32(truncatingIfNeeded: next)
        _ = append(slots[i], adjoint[i], own, 0)
      }
    }
    var high = Int32(truncatingIfNeeded: next)
    var carry: Int32 = -1
    var root: Int32
    while true {
      let width = high - low
      if width == 0 {
        root = carry
        break
      }
      if width == 1 {
        root = carry < 0 ? low : append(low, 1, carry, 1)
        break
      }
      let start = Int32(truncatingIfNeeded: next)
      var k = low
      while k + 1 < high {
        _ = append(k, 1, k + 1, 1)
        k += 2
      }
      if k < high {
        if carry >= 0 {
          _ = append(k, 1, carry, 1)
          carry = -1
        } else {
          carry = k
        }
      }
      low = start
      high = Int32(truncatingIfNeeded: next)
    }
    tape.pointee.count = next
    if defersInputs { deferInputPartials(to: root) }
    return Variable(value, slot: root, generation: tape.pointee.generation, tape: tape)
  }
}

// MARK: - Reductions of handles

/// Σᵢ weight · aᵢ as a scalar on the tape of `a` (a constant for a constant `a`).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func reduceSum<T>(_ a: ArrayHandle<T>, weight: T) -> Variable<T> {
  a.checkCurrent()
  guard let tape = a.tape else {
    let values = a.constantArray()
    let total = values.withUnsafeBufferPointer { buffer in
      buffer.baseAddress.map { sumOf($0, buffer.count) } ?? 0
    }
    return Variable(constant: weight * total)
  }
  let arrays = tape.pointee.arrayTape()
  let value = arrays.pointee.weightedSum(a.node, weight: weight)
  guard arrays.pointee.nodes[Int(a.node)].isTracked else { return Variable(constant: value) }
  return arrays.pointee.propagateAndRecord(from: a.node, value: value, on: tape)
}

/// Element `i` of `a` as a scalar variable: the variable itself for an array built from
/// variables; otherwise a scalar whose partials are those of that one element.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func element<T>(_ a: ArrayHandle<T>, _ i: Int) -> Variable<T> {
  a.checkCurrent()
  guard let tape = a.tape else {
    if let values = a.constantValues { return Variable(constant: values[a.constantOffset + i]) }
    return Variable(constant: a.scalar)
  }
  let arrays = tape.pointee.arrayTape()
  let node = arrays.pointee.nodes[Int(a.node)]
  let inputLeaf = arrays.pointee.inputLeaf
  if inputLeaf >= 0 && node.owner == inputLeaf && (node.kind == .leaf || node.kind == .view) {
    // The inputs of a vector entry point list no slots: input j is in slot 1 + j, and a view
    // of them starts where its storage does. Once one is handed out, scalar entries may name
    // input slots (the only way they can).
    let offset = node.storage - arrays.pointee.nodes[Int(inputLeaf)].storage
    arrays.pointee.inputSlotsEscaped = true
    return Variable(
      arrays.pointee.valuePointer(a.node)[i], slot: Int32(truncatingIfNeeded: 1 + offset + i),
      generation: a.generation, tape: tape)
  }
  if node.indices >= 0 && (node.kind == .leaf || node.kind == .view) {
    let slot = arrays.pointee.indices[node.indices + i]
    let value = arrays.pointee.valuePointer(a.node)[i]
    if slot == 0 { return Variable(constant: value) }
    return Variable(value, slot: slot, generation: a.generation, tape: tape)
  }
  arrays.pointee.evaluate(a.node)
  let value = arrays.pointee.valuePointer(a.node)[i]
  guard node.isTracked else { return Variable(constant: value) }
  arrays.pointee.beginReduction()
  arrays.pointee.adjointPointer(a.node)[i] += 1
  return arrays.pointee.propagateAndRecord(from: a.node, value: value, on: tape)
}
