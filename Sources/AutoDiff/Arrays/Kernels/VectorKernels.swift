// Sums, dot products and scaled additions over contiguous elements, for the reductions, the
// backward steps of linear combinations and the matrix kernels.

/// The sum of n elements, in eight partial sums so that the additions need not wait on each
/// other (and may be vectorized).
@inline(__always)
func sumOf<T: RealScalar>(_ x: UnsafePointer<T>, _ n: Int) -> T {
  var s0: T = 0
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  var s4: T = 0
  var s5: T = 0
  var s6: T = 0
  var s7: T = 0
  var i = 0
  while i + 8 <= n {
    s0 += x[i]
    s1 += x[i + 1]
    s2 += x[i + 2]
    s3 += x[i + 3]
    s4 += x[i + 4]
    s5 += x[i + 5]
    s6 += x[i + 6]
    s7 += x[i + 7]
    i += 8
  }
  while i < n {
    s0 += x[i]
    i += 1
  }
  return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

/// Σᵢ xᵢ yᵢ over n elements, in eight partial sums so that the additions need not wait on each
/// other.
@inline(__always)
func dotProduct<T: RealScalar>(_ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ n: Int) -> T {
  var s0: T = 0
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  var s4: T = 0
  var s5: T = 0
  var s6: T = 0
  var s7: T = 0
  var i = 0
  while i + 8 <= n {
    s0 += x[i] * y[i]
    s1 += x[i + 1] * y[i + 1]
    s2 += x[i + 2] * y[i + 2]
    s3 += x[i + 3] * y[i + 3]
    s4 += x[i + 4] * y[i + 4]
    s5 += x[i + 5] * y[i + 5]
    s6 += x[i + 6] * y[i + 6]
    s7 += x[i + 7] * y[i + 7]
    i += 8
  }
  while i < n {
    s0 += x[i] * y[i]
    i += 1
  }
  return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}

/// y += a · x over n elements.
@inline(__always)
func addScaled<T: RealScalar>(
  _ y: UnsafeMutablePointer<T>, _ a: T, _ x: UnsafePointer<T>, _ n: Int
) {
  for i in 0..<n { y[i] += a * x[i] }
}

/// (Σᵢ xᵢ aᵢ, Σᵢ yᵢ aᵢ) in one pass, in four partial sums each.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func twoDotProducts<T: RealScalar>(
  _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ a: UnsafePointer<T>, _ n: Int
) -> (T, T) {
  var x0: T = 0
  var x1: T = 0
  var x2: T = 0
  var x3: T = 0
  var y0: T = 0
  var y1: T = 0
  var y2: T = 0
  var y3: T = 0
  var i = 0
  while i + 4 <= n {
    x0 += x[i] * a[i]
    x1 += x[i + 1] * a[i + 1]
    x2 += x[i + 2] * a[i + 2]
    x3 += x[i + 3] * a[i + 3]
    y0 += y[i] * a[i]
    y1 += y[i + 1] * a[i + 1]
    y2 += y[i + 2] * a[i + 2]
    y3 += y[i + 3] * a[i + 3]
    i += 4
  }
  while i < n {
    x0 += x[i] * a[i]
    y0 += y[i] * a[i]
    i += 1
  }
  return ((x0 + x1) + (x2 + x3), (y0 + y1) + (y2 + y3))
}
