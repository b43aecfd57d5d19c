import AutoDiff

// Small vector kernels shared by the optimizers and the driver.

/// The exponential moving average step m + w·(x − m), in PyTorch's `lerp` form: for w ≥ ½ it is
/// computed as x − (x − m)·(1 − w), which is what `torch.lerp` does and keeps results
/// bit-compatible with it.
@inlinable @inline(__always)
func movingAverage<T: RealScalar>(_ average: T, toward value: T, weight: T) -> T {
  weight < 0.5
    ? average + weight * (value - average)
    : value - (value - average) * (1 - weight)
}

/// The Euclidean norm ‖v‖₂, scaled so that it neither overflows nor underflows for any finite v.
/// NaN when v holds a NaN, infinity when it holds an infinity.
@inlinable
func euclideanNorm<T: BinaryFloatingPoint>(_ vector: [T]) -> T {
  vector.withUnsafeBufferPointer { euclideanNorm($0) }
}

/// ‖v[start ..< start + count]‖₂, scaled as ``euclideanNorm(_:)-([T])``: a column of a matrix
/// stored column by column.
@inlinable
func euclideanNorm<T: BinaryFloatingPoint>(_ vector: [T], from start: Int, count: Int) -> T {
  vector.withUnsafeBufferPointer {
    euclideanNorm(UnsafeBufferPointer(rebasing: $0[start..<(start + count)]))
  }
}

/// ‖v‖₂ of the elements of a buffer: the largest magnitude first, then the sum of squares of the
/// elements scaled by it.
@inlinable
func euclideanNorm<T: BinaryFloatingPoint>(_ v: UnsafeBufferPointer<T>) -> T {
  var largest: T = 0
  for x in v {
    let magnitude = x.magnitude
    if !(magnitude <= largest) {
      if magnitude.isNaN { return magnitude }
      largest = magnitude
    }
  }
  if largest == 0 || largest.isInfinite { return largest }
  var sum: T = 0
  for x in v {
    let scaled = x / largest
    sum += scaled * scaled
  }
  return largest * sum.squareRoot()
}

/// ‖a − b‖₂ for vectors of equal length, without forming a − b.
@inlinable
func euclideanDistance<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> T {
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      var sum: T = 0
      for i in a.indices {
        let d = a[i] - b[i]
        sum += d * d
      }
      return sum.squareRoot()
    }
  }
}

/// The dot product a·b.
@inlinable
func dot<T: BinaryFloatingPoint>(_ a: [T], _ b: [T]) -> T {
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      var sum: T = 0
      for i in a.indices { sum += a[i] * b[i] }
      return sum
    }
  }
}

/// `true` when every element is finite.
@inlinable
func allFinite<T: BinaryFloatingPoint>(_ vector: [T]) -> Bool {
  vector.withUnsafeBufferPointer { v in
    for x in v where !x.isFinite { return false }
    return true
  }
}

/// Copies `source` into `destination` (same length after the first call), without allocating
/// once `destination` has the right size.
@inlinable
func copy<T>(_ source: [T], into destination: inout [T]) {
  if destination.count != source.count {
    destination = source
    return
  }
  destination.withUnsafeMutableBufferPointer { d in
    source.withUnsafeBufferPointer { s in
      guard let to = d.baseAddress, let from = s.baseAddress else { return }
      to.update(from: from, count: s.count)
    }
  }
}
