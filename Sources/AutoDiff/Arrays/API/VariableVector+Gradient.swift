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
  /// `gradient` is resized to `x.count` if its length differs. See
  /// ``valueWithGradient(at:of:)``.
  @inlinable
  public static func valueWithGradient(
    at x: [T], into gradient: inout [T], of f: (VariableVector<T>) throws -> Variable<T>
  ) rethrows -> T {
    if gradient.count != x.count { gradient = [T](repeating: 0, count: x.count) }
    return try withTape(T.self) { tape in
      let output = try f(VariableVector(handle: recordInputVector(x, on: tape)))
      // No scalar entry names an input unless an input element became a `Variable`; until
      // then every input derivative is in the deferred partials, and the sweep stays above.
      let inputsNamed = tape.pointee.arrays?.pointee.inputSlotsEscaped ?? true
      if sweep(from: output, on: tape, inputCount: x.count, inputsNamed: inputsNamed) {
        copyGradientAddingDeferredPartials(on: tape, into: &gradient, addingAdjoints: inputsNamed)
      } else {
        copyGradient(from: tape, swept: false, into: &gradient)
      }
      return output.value
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
/// and returns them as one leaf array.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func recordInputVector<T>(
  _ x: [T], on tape: UnsafeMutablePointer<TapeStorage<T>>
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
  // The storage holds the inputs' adjoints; their values are read where they are, in `x`,
  // which `constants` retains until the call ends and nothing mutates (a closure that assigns
  // to the caller's array gets a copy of its own), as for a constant: a network's parameters
  // are megabytes, which a copy would read and write on every call.
  node.storage = arrays.pointee.allocate(count)
  arrays.pointee.constants.append(x)
  node.external = x.withUnsafeBufferPointer { $0.baseAddress.map { UnsafePointer($0) } }
  // No list of slots: input i is in slot 1 + i, which `element(_:_:)` computes.
  node.isTracked = true
  let index = arrays.pointee.appendOwner(node)
  arrays.pointee.inputLeaf = index
  return ArrayHandle(
    tape: tape, generation: tape.pointee.generation, node: index, count: count, columns: count)
}

/// After the sweep of a vector entry point: the inputs' adjoints (when `addingAdjoints`; the
/// sweep left them unwritten otherwise), plus adjoint(slot) × partials for every reduction that
/// kept its partials with respect to the inputs instead of recording entries, in one pass over
/// the gradient for the first term (aᵢ + w·dᵢ, the same sum as a copy followed by an addition).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func copyGradientAddingDeferredPartials<T>(
  on tape: UnsafeMutablePointer<TapeStorage<T>>, into gradient: inout [T], addingAdjoints: Bool
) {
  let adjoints = UnsafePointer(tape.pointee.adjoints + 1)
  let arrays = tape.pointee.arrays
  let deferredCount = arrays?.pointee.deferred.count ?? 0
  let count = gradient.count
  gradient.withUnsafeMutableBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    // Each element is written by one range, with the same operations whatever the split.
    forEachRangeInParallel(count) { range in
      let g = base + range.lowerBound
      let n = range.count
      let a = adjoints + range.lowerBound
      var copied = false
      for k in 0..<deferredCount {
        let weight = tape.pointee.adjoints[Int(arrays!.pointee.deferred[k].slot)]
        if weight.isExactlyZero { continue }
        let partials = arrays!.pointee.deferredPartials(k) + range.lowerBound
        if copied {
          addScaled(g, weight, partials, n)
        } else if addingAdjoints {
          for i in 0..<n { g[i] = a[i] + weight * partials[i] }
          copied = true
        } else {
          for i in 0..<n { g[i] = weight * partials[i] }
          copied = true
        }
      }
      if !copied {
        if addingAdjoints {
          g.update(from: a, count: n)
        } else {
          g.update(repeating: 0, count: n)
        }
      }
    }
  }
}
