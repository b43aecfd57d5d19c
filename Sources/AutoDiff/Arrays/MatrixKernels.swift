// Loops over contiguous memory for the operations that are not elementwise. Matrices are
// row-major: element (i, j) of an r × c matrix is at i · c + j.

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

// MARK: - Matrix product

/// C = A B for A of r × k, B of k × c; C is overwritten.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProduct<T: RealScalar>(
  _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int
) {
  if columns == 1 {
    // Matrix × vector: one dot product per row.
    for i in 0..<rows { c[i] = dotProduct(a + i * inner, b, inner) }
    return
  }
  // Row i of C accumulates A[i, p] × row p of B: every inner loop runs over contiguous rows.
  var i = 0
  while i + 2 <= rows {
    let c0 = c + i * columns
    let c1 = c0 + columns
    let a0 = a + i * inner
    let a1 = a0 + inner
    c0.update(repeating: 0, count: 2 * columns)
    for p in 0..<inner {
      let row = b + p * columns
      let x0 = a0[p]
      let x1 = a1[p]
      for j in 0..<columns {
        let bj = row[j]
        c0[j] += x0 * bj
        c1[j] += x1 * bj
      }
    }
    i += 2
  }
  if i < rows {
    let c0 = c + i * columns
    let a0 = a + i * inner
    c0.update(repeating: 0, count: columns)
    for p in 0..<inner { addScaled(c0, a0[p], b + p * columns, columns) }
  }
}

/// Ā += C̄ Bᵀ: Ā[i, p] += Σⱼ C̄[i, j] B[p, j], a dot product of two contiguous rows.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProductAdjointOfLeft<T: RealScalar>(
  _ cAdjoint: UnsafePointer<T>, _ b: UnsafePointer<T>, _ aAdjoint: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int
) {
  if columns == 1 {
    for i in 0..<rows where !cAdjoint[i].isExactlyZero {
      addScaled(aAdjoint + i * inner, cAdjoint[i], b, inner)
    }
    return
  }
  for i in 0..<rows {
    let cRow = cAdjoint + i * columns
    let aRow = aAdjoint + i * inner
    for p in 0..<inner { aRow[p] += dotProduct(cRow, b + p * columns, columns) }
  }
}

/// B̄ += Aᵀ C̄: row p of B̄ accumulates A[i, p] × row i of C̄.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProductAdjointOfRight<T: RealScalar>(
  _ a: UnsafePointer<T>, _ cAdjoint: UnsafePointer<T>, _ bAdjoint: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int
) {
  if columns == 1 {
    for i in 0..<rows where !cAdjoint[i].isExactlyZero {
      addScaled(bAdjoint, cAdjoint[i], a + i * inner, inner)
    }
    return
  }
  for i in 0..<rows {
    let cRow = cAdjoint + i * columns
    let aRow = a + i * inner
    for p in 0..<inner where !aRow[p].isExactlyZero {
      addScaled(bAdjoint + p * columns, aRow[p], cRow, columns)
    }
  }
}

// MARK: - Transpose

/// out = aᵀ for a of r × c (out is c × r).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func transpose<T: RealScalar>(
  _ a: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, rows: Int, columns: Int
) {
  for i in 0..<rows {
    for j in 0..<columns { out[j * rows + i] = a[i * columns + j] }
  }
}

/// ā += (out̄)ᵀ for a of r × c.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func transposeAdjoint<T: RealScalar>(
  _ outAdjoint: UnsafePointer<T>, _ aAdjoint: UnsafeMutablePointer<T>, rows: Int, columns: Int
) {
  for i in 0..<rows {
    for j in 0..<columns { aAdjoint[i * columns + j] += outAdjoint[j * rows + i] }
  }
}

// MARK: - Rows

/// log Σⱼ exp aᵢⱼ for each row of an r × c matrix, computed as mᵢ + log Σⱼ exp(aᵢⱼ − mᵢ) with
/// mᵢ = maxⱼ aᵢⱼ so that no exponential overflows. A row of −∞ gives −∞; a row holding +∞ gives
/// +∞; NaN gives NaN. An empty row gives −∞ (the log of an empty sum).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowLogSumExp<T: RealScalar>(
  _ a: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, rows: Int, columns: Int,
  scratch: UnsafeMutablePointer<T>
) {
  for i in 0..<rows {
    let row = a + i * columns
    var largest = -T(1) / 0
    var isNaN = false
    for j in 0..<columns {
      if row[j].isNaN { isNaN = true }
      if row[j] > largest { largest = row[j] }
    }
    if isNaN {
      out[i] = T(0) / 0
      continue
    }
    if !largest.isFinite {
      out[i] = largest
      continue
    }
    for j in 0..<columns { scratch[j] = row[j] - largest }
    for j in 0..<columns { scratch[j] = VectorizedFunctions.exp(scratch[j]) }
    out[i] = largest + T.log(sumOf(scratch, columns))
  }
}

/// The softmax of each row, yᵢⱼ = exp(aᵢⱼ − lseᵢ), given lseᵢ = log Σⱼ exp aᵢⱼ.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func rowSoftmax<T: RealScalar>(
  _ a: UnsafePointer<T>, logSumExp: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
  rows: Int, columns: Int
) {
  for i in 0..<rows {
    let row = a + i * columns
    let target = out + i * columns
    let shift = logSumExp[i]
    for j in 0..<columns { target[j] = VectorizedFunctions.exp(row[j] - shift) }
  }
}
