// Loops over contiguous memory for the operations that are not elementwise. Matrices are
// row-major: element (i, j) of an r × c matrix is at i · c + j.

// MARK: - Matrix product

/// C += A B for A of r × k, B of k × c, C of r × c, for `Float` and `Double` elements held in
/// SIMD vectors of `V`: each row of C is computed 16 columns at a time in registers (two `V`
/// accumulators of 8), so the inner loop over k only loads a row of B and multiplies.
@inline(__always)
func accumulateProduct<V: SIMD>(
  _ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>, _ c: UnsafeMutablePointer<V.Scalar>,
  rows: Int, inner: Int, columns: Int, overwriting: Bool, _: V.Type
) where V.Scalar: BinaryFloatingPoint {
  let width = V.scalarCount
  for i in 0..<rows {
    let aRow = a + i * inner
    let cRow = c + i * columns
    var j = 0
    while j + 2 * width <= columns {
      var acc0 = overwriting ? V() : load(V.self, cRow + j)
      var acc1 = overwriting ? V() : load(V.self, cRow + j + width)
      for p in 0..<inner {
        let s = V(repeating: aRow[p])
        let bRow = b + p * columns + j
        acc0 += s * load(V.self, bRow)
        acc1 += s * load(V.self, bRow + width)
      }
      store(acc0, cRow + j)
      store(acc1, cRow + j + width)
      j += 2 * width
    }
    while j + width <= columns {
      var acc = overwriting ? V() : load(V.self, cRow + j)
      for p in 0..<inner {
        let bRow: V = load(V.self, b + p * columns + j)
        acc += V(repeating: aRow[p]) * bRow
      }
      store(acc, cRow + j)
      j += width
    }
    while j < columns {
      var acc = overwriting ? 0 : cRow[j]
      for p in 0..<inner { acc += aRow[p] * b[p * columns + j] }
      cRow[j] = acc
      j += 1
    }
  }
}

/// C += Aᵀ B for A of r × k, B of r × c, C of k × c: row p of C accumulates A[i, p] × row i
/// of B over every i, 16 columns at a time in registers.
@inline(__always)
func accumulateTransposedProduct<V: SIMD>(
  _ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>, _ c: UnsafeMutablePointer<V.Scalar>,
  rows: Int, inner: Int, columns: Int, overwriting: Bool, _: V.Type
) where V.Scalar: BinaryFloatingPoint {
  let width = V.scalarCount
  for p in 0..<inner {
    let cRow = c + p * columns
    var j = 0
    while j + 2 * width <= columns {
      var acc0 = overwriting ? V() : load(V.self, cRow + j)
      var acc1 = overwriting ? V() : load(V.self, cRow + j + width)
      for i in 0..<rows {
        let s = V(repeating: a[i * inner + p])
        let bRow = b + i * columns + j
        acc0 += s * load(V.self, bRow)
        acc1 += s * load(V.self, bRow + width)
      }
      store(acc0, cRow + j)
      store(acc1, cRow + j + width)
      j += 2 * width
    }
    while j + width <= columns {
      var acc = overwriting ? V() : load(V.self, cRow + j)
      for i in 0..<rows {
        let bRow: V = load(V.self, b + i * columns + j)
        acc += V(repeating: a[i * inner + p]) * bRow
      }
      store(acc, cRow + j)
      j += width
    }
    while j < columns {
      var acc = overwriting ? 0 : cRow[j]
      for i in 0..<rows { acc += a[i * inner + p] * b[i * columns + j] }
      cRow[j] = acc
      j += 1
    }
  }
}

@inline(__always)
func load<V: SIMD>(_: V.Type, _ pointer: UnsafePointer<V.Scalar>) -> V {
  UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
}

@inline(__always)
func load<V: SIMD>(_: V.Type, _ pointer: UnsafeMutablePointer<V.Scalar>) -> V {
  UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
}

@inline(__always)
func store<V: SIMD>(_ value: V, _ pointer: UnsafeMutablePointer<V.Scalar>) {
  UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: V.self)
}

/// C += A B (`transposedLeft` false) or C += Aᵀ B (`transposedLeft` true), or C = … when
/// `overwriting`: the wide kernels where they run (unless `usingWideKernels` is false, for the
/// tests that compare the two), else SIMD kernels for `Float` and `Double`, plain loops for any
/// other element type.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func accumulateMatrixProduct<T: RealScalar>(
  _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int, transposedLeft: Bool, overwriting: Bool = false,
  usingWideKernels: Bool = true
) {
  if usingWideKernels
    && wideMatrixProduct(
      a, b, c, rows: rows, inner: inner, columns: columns, transposedLeft: transposedLeft,
      overwriting: overwriting)
  {
    return
  }
  if T.self == Double.self {
    let a = UnsafeRawPointer(a).assumingMemoryBound(to: Double.self)
    let b = UnsafeRawPointer(b).assumingMemoryBound(to: Double.self)
    let c = UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self)
    if transposedLeft {
      accumulateTransposedProduct(
        a, b, c, rows: rows, inner: inner, columns: columns, overwriting: overwriting,
        SIMD8<Double>.self)
    } else {
      accumulateProduct(
        a, b, c, rows: rows, inner: inner, columns: columns, overwriting: overwriting,
        SIMD8<Double>.self)
    }
    return
  }
  if T.self == Float.self {
    let a = UnsafeRawPointer(a).assumingMemoryBound(to: Float.self)
    let b = UnsafeRawPointer(b).assumingMemoryBound(to: Float.self)
    let c = UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self)
    if transposedLeft {
      accumulateTransposedProduct(
        a, b, c, rows: rows, inner: inner, columns: columns, overwriting: overwriting,
        SIMD8<Float>.self)
    } else {
      accumulateProduct(
        a, b, c, rows: rows, inner: inner, columns: columns, overwriting: overwriting,
        SIMD8<Float>.self)
    }
    return
  }
  if overwriting { c.update(repeating: 0, count: (transposedLeft ? inner : rows) * columns) }
  if transposedLeft {
    for p in 0..<inner {
      for i in 0..<rows {
        addScaled(c + p * columns, a[i * inner + p], b + i * columns, columns)
      }
    }
  } else {
    for i in 0..<rows {
      for p in 0..<inner { addScaled(c + i * columns, a[i * inner + p], b + p * columns, columns) }
    }
  }
}

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
    if wideMatrixVector(a, b, c, rows: rows, inner: inner) { return }
    for i in 0..<rows { c[i] = dotProduct(a + i * inner, b, inner) }
    return
  }
  accumulateMatrixProduct(
    a, b, c, rows: rows, inner: inner, columns: columns, transposedLeft: false, overwriting: true)
}

/// Ā += C̄ Bᵀ: in the packed kernel reading B's rows as Bᵀ's columns where it runs, else with Bᵀ
/// (c × k) copied into `scratch` and the product C̄ Bᵀ accumulated like any other (the same
/// numbers either way).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProductAdjointOfLeft<T: RealScalar>(
  _ cAdjoint: UnsafePointer<T>, _ b: UnsafePointer<T>, _ aAdjoint: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int, scratch: UnsafeMutablePointer<T>, overwriting: Bool
) {
  if columns == 1 {
    // Āᵢ = c̄ᵢ bᵀ, row by row; a row whose c̄ᵢ is zero receives nothing (0 · ∞ is not NaN).
    for i in 0..<rows {
      let row = aAdjoint + i * inner
      let scale = cAdjoint[i]
      if scale.isExactlyZero {
        if overwriting { row.update(repeating: 0, count: inner) }
      } else if overwriting {
        for k in 0..<inner { row[k] = scale * b[k] }
      } else {
        addScaled(row, scale, b, inner)
      }
    }
    return
  }
  if wideMatrixProductTransposedRight(
    cAdjoint, b, aAdjoint, rows: rows, inner: columns, columns: inner, overwriting: overwriting)
  {
    return
  }
  transpose(b, scratch, rows: inner, columns: columns)
  accumulateMatrixProduct(
    cAdjoint, UnsafePointer(scratch), aAdjoint, rows: rows, inner: columns, columns: inner,
    transposedLeft: false, overwriting: overwriting)
}

/// B̄ += Aᵀ C̄.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func matrixProductAdjointOfRight<T: RealScalar>(
  _ a: UnsafePointer<T>, _ cAdjoint: UnsafePointer<T>, _ bAdjoint: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int, overwriting: Bool
) {
  if columns == 1 {
    // b̄ += Σᵢ c̄ᵢ Aᵢ, four rows at a time summed in registers first: added one row at a time,
    // every row would wait on the previous row's stores to the same k elements. A row whose c̄ᵢ
    // is zero contributes nothing (0 · ∞ is not NaN).
    if overwriting { bAdjoint.update(repeating: 0, count: inner) }
    var i = 0
    while i + 4 <= rows {
      let (c0, c1, c2, c3) = (cAdjoint[i], cAdjoint[i + 1], cAdjoint[i + 2], cAdjoint[i + 3])
      if c0.isExactlyZero || c1.isExactlyZero || c2.isExactlyZero || c3.isExactlyZero {
        for row in i..<(i + 4) where !cAdjoint[row].isExactlyZero {
          addScaled(bAdjoint, cAdjoint[row], a + row * inner, inner)
        }
      } else {
        let r0 = a + i * inner
        let r1 = r0 + inner
        let r2 = r1 + inner
        let r3 = r2 + inner
        for k in 0..<inner {
          bAdjoint[k] += (c0 * r0[k] + c1 * r1[k]) + (c2 * r2[k] + c3 * r3[k])
        }
      }
      i += 4
    }
    while i < rows {
      if !cAdjoint[i].isExactlyZero { addScaled(bAdjoint, cAdjoint[i], a + i * inner, inner) }
      i += 1
    }
    return
  }
  accumulateMatrixProduct(
    a, cAdjoint, bAdjoint, rows: rows, inner: inner, columns: columns, transposedLeft: true,
    overwriting: overwriting)
}

// MARK: - Transpose

/// out = aᵀ for a of r × c (out is c × r).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func transpose<T: RealScalar>(
  _ a: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, rows: Int, columns: Int
) {
  forEachRangeInParallel(rows, granularity: 32, elementsPerIndex: columns) { band in
    forEachTransposeTile(rows: band, columns: columns) { i, j in
      out[j * rows + i] = a[i * columns + j]
    }
  }
}

/// Calls `body(i, j)` for every element of rows `rows` of a matrix of c columns, tile by tile
/// (32 × 32), rows of the tile outermost: a transpose reads one matrix by rows and the other
/// by columns, and done row after row it touches a new cache line of the second at every
/// element, lines a power-of-two stride apart that evict one another. Within a tile both stay
/// in the first-level cache.
@inlinable @inline(__always)
func forEachTransposeTile(rows: Range<Int>, columns: Int, _ body: (Int, Int) -> Void) {
  let tile = 32
  var i0 = rows.lowerBound
  while i0 < rows.upperBound {
    let i1 = Swift.min(i0 + tile, rows.upperBound)
    var j0 = 0
    while j0 < columns {
      let j1 = Swift.min(j0 + tile, columns)
      for i in i0..<i1 {
        for j in j0..<j1 { body(i, j) }
      }
      j0 = j1
    }
    i0 = i1
  }
}

/// ā += (out̄)ᵀ for a of r × c.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func transposeAdjoint<T: RealScalar>(
  _ outAdjoint: UnsafePointer<T>, _ aAdjoint: UnsafeMutablePointer<T>, rows: Int, columns: Int
) {
  forEachRangeInParallel(rows, granularity: 32, elementsPerIndex: columns) { band in
    forEachTransposeTile(rows: band, columns: columns) { i, j in
      aAdjoint[i * columns + j] += outAdjoint[j * rows + i]
    }
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
    out[i] = largest + T._log(sumOf(scratch, columns))
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

/// Adds `scale` × each row of `block` (elements `start ..< start + length` of a matrix of
/// `columns` columns, so its first and last rows may be partial) into `target`, one element
/// per column.
///
/// Whole rows go four at a time, summed in registers first: added one by one, every row
/// would wait on the previous row's stores to the same few elements.
@inline(__always)
func addRows<T: RealScalar>(
  of block: UnsafePointer<T>, into target: UnsafeMutablePointer<T>, columns: Int, start: Int,
  length: Int, scale: T
) {
  var i = 0
  let column = start % columns
  if column != 0 {
    let run = Swift.min(length, columns - column)
    for k in 0..<run { target[column + k] += scale * block[k] }
    i = run
  }
  while i + 4 * columns <= length {
    let r0 = block + i
    let r1 = r0 + columns
    let r2 = r1 + columns
    let r3 = r2 + columns
    for k in 0..<columns { target[k] += scale * ((r0[k] + r1[k]) + (r2[k] + r3[k])) }
    i += 4 * columns
  }
  while i < length {
    let run = Swift.min(length - i, columns)
    let row = block + i
    for k in 0..<run { target[k] += scale * row[k] }
    i += run
  }
}
