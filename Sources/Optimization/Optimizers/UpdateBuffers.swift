import AutoDiff

// The buffers of one update, opened once for every optimizer: θ (written), g (read) and up to
// three state vectors (written), handed together to the update's element loop. Each form adds
// one state vector to the form before it, so the pointer blocks are written once; all are
// `@inlinable`, so each optimizer's loop is specialized for its scalar type and inlined whole.

/// Runs `body` on the buffers of θ and g.
@inlinable
func withUpdateBuffers<T, R>(
  _ parameters: inout [T], _ gradient: [T],
  _ body: (_ parameters: UnsafeMutableBufferPointer<T>, _ gradient: UnsafeBufferPointer<T>) -> R
) -> R {
  parameters.withUnsafeMutableBufferPointer { theta in
    gradient.withUnsafeBufferPointer { g in body(theta, g) }
  }
}

/// Runs `body` on the buffers of θ, g and one state vector.
@inlinable
func withUpdateBuffers<T, R>(
  _ parameters: inout [T], _ gradient: [T], _ state: inout [T],
  _ body: (UnsafeMutableBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>)
    -> R
) -> R {
  state.withUnsafeMutableBufferPointer { s in
    withUpdateBuffers(&parameters, gradient) { theta, g in body(theta, g, s) }
  }
}

/// Runs `body` on the buffers of θ, g and two state vectors.
@inlinable
func withUpdateBuffers<T, R>(
  _ parameters: inout [T], _ gradient: [T], _ state: inout [T], _ state2: inout [T],
  _ body: (
    UnsafeMutableBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>,
    UnsafeMutableBufferPointer<T>
  ) -> R
) -> R {
  state2.withUnsafeMutableBufferPointer { s2 in
    withUpdateBuffers(&parameters, gradient, &state) { theta, g, s in body(theta, g, s, s2) }
  }
}

/// Runs `body` on the buffers of θ, g and three state vectors.
@inlinable
func withUpdateBuffers<T, R>(
  _ parameters: inout [T], _ gradient: [T], _ state: inout [T], _ state2: inout [T],
  _ state3: inout [T],
  _ body: (
    UnsafeMutableBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeMutableBufferPointer<T>,
    UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>
  ) -> R
) -> R {
  state3.withUnsafeMutableBufferPointer { s3 in
    withUpdateBuffers(&parameters, gradient, &state, &state2) { theta, g, s, s2 in
      body(theta, g, s, s2, s3)
    }
  }
}
