// Gradients of functions written over a whole vector: the inputs arrive as one VariableVector,
// recorded in bulk, without a scalar Variable per input.

extension VariableVector {
  /// The value and the gradient of a function of a vector, in reverse mode, with the inputs
  /// given to `f` as one ``VariableVector``.
  ///
  /// ```
  /// ∇f(x) = (∂f/∂x₀, …, ∂f/∂xₙ₋₁)
  /// ```
  ///
  /// The same as ``valueWithGradient(at:of:)-(_,([Variable<T>])->Variable<T>)`` with
  /// `VariableVector(x)` as the closure's first line, but the inputs are recorded as one array:
  /// no scalar variable is made per input, which for a cost written entirely with array
  /// operations saves about a third of the time on 10 000 inputs.
  ///
  /// ```swift
  /// let (value, gradient) = VariableVector.valueWithGradient(at: x) { x in
  ///   let n = x.count
  ///   let a = x[1...] - x[..<(n - 1)] * x[..<(n - 1)]
  ///   let b = 1 - x[..<(n - 1)]
  ///   return sum(100 * (a * a) + b * b)   // Rosenbrock's function
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - x: The point.
  ///   - f: The function; element `i` of its argument is input `i`.
  /// - Returns: f(x) and ∇f(x).
  @inlinable
  public static func valueWithGradient(
    at x: [T], of f: (VariableVector<T>) throws -> Variable<T>
  ) rethrows -> (value: T, gradient: [T]) {
    var gradient = [T](repeating: 0, count: x.count)
    let value = try valueWithGradient(at: x, into: &gradient, of: f)
    return (value, gradient)
  }

  /// The value of a function of a vector at `x`, writing its gradient into an existing array:
  /// the form an optimizer loop calls, which allocates nothing once the tape has grown.
  ///
  /// `gradient` is resized to `x.count` if its length differs. The backward steps of the array
  /// operations write the inputs' derivatives straight into it, so no copy is made; if `f`
  /// throws, the error is rethrown and the elements of `gradient` are unspecified (a sum that
  /// `f` formed before throwing may have left its partial derivatives there). See
  /// ``valueWithGradient(at:of:)``.
  @inlinable
  public static func valueWithGradient(
    at x: [T], into gradient: inout [T], of f: (VariableVector<T>) throws -> Variable<T>
  ) rethrows -> T {
    if gradient.count != x.count { gradient = [T](repeating: 0, count: x.count) }
    return try gradient.withUnsafeMutableBufferPointer { buffer in
      try withTape(T.self) { tape in
        let inputs = recordInputVector(x, adjoints: buffer.baseAddress, on: tape)
        let output = try f(VariableVector(handle: inputs))
        // No scalar entry names an input unless an input element became a `Variable`; until
        // then every input derivative is in the deferred partials, and the sweep stays above.
        let inputsNamed = tape.pointee.arrays?.pointee.inputSlotsEscaped ?? true
        if sweep(from: output, on: tape, inputCount: x.count, inputsNamed: inputsNamed) {
          finishGradient(on: tape, in: buffer, addingAdjoints: inputsNamed)
        } else {
          buffer.update(repeating: 0)
        }
        return output.value
      }
    }
  }

  /// The gradient of a function of a vector, in reverse mode, with the inputs given to `f` as
  /// one ``VariableVector``; see ``valueWithGradient(at:of:)``.
  @inlinable
  public static func gradient(
    at x: [T], of f: (VariableVector<T>) throws -> Variable<T>
  ) rethrows -> [T] {
    try valueWithGradient(at: x, of: f).gradient
  }
}

/// Records each element of `x` as an input (input `i` in slot `i + 1`, as `recordInputs` does)
/// and returns them as one leaf array whose adjoints are `adjoints`, the caller's gradient
/// buffer of `x.count` elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func recordInputVector<T>(
  _ x: [T], adjoints: UnsafeMutablePointer<T>?, on tape: UnsafeMutablePointer<TapeStorage<T>>
) -> ArrayHandle<T> {
  let count = x.count
  tape.pointee.reserveEntries(count)
  let first = tape.pointee.count
  // The inputs' entries are not written: a sweep stops above the inputs (`sweep`, `downTo:
  // inputCount + 1`), so no entry of an input is ever read, and `TapeEntry` is a trivial type
  // whose memory needs no initialization. Writing them cost 24 bytes per parameter per call
  // (6 MB for a network of 268 000 parameters).
  precondition(first == 1, "an input vector is recorded first on its tape")
  tape.pointee.count = first + count
  let arrays = tape.pointee.arrayTape()
  var node = ArrayNode<T>(kind: .leaf, count: count, columns: count)
  // Neither values nor adjoints on the arena. The values are read where they are, in `x`,
  // which `constants` retains until the call ends and nothing mutates (a closure that assigns
  // to the caller's array gets a copy of its own), as for a constant: a network's parameters
  // are megabytes, which a copy would read and write on every call. The adjoints are the
  // gradient the caller receives, so that the last reduction's partials need no copy (see
  // `lastDeferredInAdjoints`). `storage` only numbers the elements, for views and slots.
  node.storage = arrays.pointee.allocate(0)
  arrays.pointee.constants.append(x)
  node.external = x.withUnsafeBufferPointer { $0.baseAddress.map { UnsafePointer($0) } }
  node.externalAdjoints = adjoints
  if count > 0 { precondition(adjoints != nil, "the inputs' adjoints have a buffer") }
  // No list of slots: input i is in slot 1 + i, which `element(_:_:)` computes.
  node.isTracked = true
  let index = arrays.pointee.appendOwner(node)
  arrays.pointee.inputLeaf = index
  return ArrayHandle(
    tape: tape, generation: tape.pointee.generation, node: index, count: count, columns: count)
}

/// After the sweep of a vector entry point, makes `gradient` (the input leaf's adjoints) hold
/// the inputs' adjoints on the scalar tape (when `addingAdjoints`; the sweep left them unwritten
/// otherwise) plus adjoint(slot) × partials for every reduction that kept its partials with
/// respect to the inputs instead of recording entries.
///
/// The usual cost ends in one reduction whose partials are already in `gradient`: they are
/// scaled by its adjoint, or, when that is 1, left as they are. Otherwise the last partials are
/// moved out first and the sum is formed in one pass over the gradient (aᵢ + Σₖ wₖ·dₖᵢ in the
/// order of the reductions).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func finishGradient<T>(
  on tape: UnsafeMutablePointer<TapeStorage<T>>, in gradient: UnsafeMutableBufferPointer<T>,
  addingAdjoints: Bool
) {
  guard let base = gradient.baseAddress else { return }
  let count = gradient.count
  let adjoints = UnsafePointer(tape.pointee.adjoints + 1)
  guard let arrays = tape.pointee.arrays else {
    if addingAdjoints {
      base.update(from: adjoints, count: count)
    } else {
      base.update(repeating: 0, count: count)
    }
    return
  }
  let deferredCount = arrays.pointee.deferred.count
  if arrays.pointee.lastDeferredInAdjoints && deferredCount == 1 && !addingAdjoints {
    let weight = tape.pointee.adjoints[Int(arrays.pointee.deferred[0].slot)]
    if weight == 1 { return }
    // Each element is written by one range, with the same operations whatever the split.
    forEachRangeInParallel(count) { range in
      let g = base + range.lowerBound
      if weight.isExactlyZero {
        g.update(repeating: 0, count: range.count)
      } else {
        for i in 0..<range.count { g[i] = weight * g[i] }
      }
    }
    return
  }
  arrays.pointee.moveDeferredPartialsOutOfAdjoints()
  forEachRangeInParallel(count) { range in
    let g = base + range.lowerBound
    let n = range.count
    let a = adjoints + range.lowerBound
    var written = false
    for k in 0..<deferredCount {
      let weight = tape.pointee.adjoints[Int(arrays.pointee.deferred[k].slot)]
      if weight.isExactlyZero { continue }
      let partials = arrays.pointee.deferredPartials(k) + range.lowerBound
      if written {
        addScaled(g, weight, partials, n)
      } else if addingAdjoints {
        for i in 0..<n { g[i] = a[i] + weight * partials[i] }
        written = true
      } else {
        for i in 0..<n { g[i] = weight * partials[i] }
        written = true
      }
    }
    if !written {
      if addingAdjoints {
        g.update(from: a, count: n)
      } else {
        g.update(repeating: 0, count: n)
      }
    }
  }
}
