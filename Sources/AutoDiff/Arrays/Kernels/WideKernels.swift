internal import AutoDiffKernels

// The bridge to AutoDiffKernels, the C kernels compiled for AVX2 and FMA (see its header).
//
// Swift compiles for its target's baseline instruction set (SSE2 on x86-64: two `Double`s per
// instruction and no fused multiply-add), and cannot mark a single function for more. The
// matrix products and tanh of a small network are most of its gradient's time, so on a
// processor that has AVX2 and FMA they run in C, four `Double`s or eight `Float`s per
// instruction; everywhere else, and for element types other than `Float` and `Double`, the
// Swift kernels run. Both compute the same algorithm: results agree to within rounding (the
// tests compare them), not bit for bit, because a fused multiply-add rounds once.
//
// Setting the environment variable `DESCENT_BASELINE_KERNELS=1` turns the wide kernels off.

/// `true` when the wide kernels run on this machine: checked once per process.
let wideKernelsAvailable: Bool = adk_wide_vectors_available() != 0

/// y = tanh x for n elements in the wide kernel (x and y may be the same memory); `false`, with
/// nothing written, when the kernel does not apply to `T` or to this machine.
@inline(__always)
func wideTanh<T: RealScalar>(_ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>)
  -> Bool
{
  guard wideKernelsAvailable else { return false }
  if T.self == Double.self {
    adk_tanh_f64(
      n, UnsafeRawPointer(x).assumingMemoryBound(to: Double.self),
      UnsafeMutableRawPointer(y).assumingMemoryBound(to: Double.self))
    return true
  }
  if T.self == Float.self {
    adk_tanh_f32(
      n, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
      UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self))
    return true
  }
  return false
}

/// C += A B (or C += Aᵀ B when `transposedLeft`), or C = … when `overwriting`, in the wide
/// kernel; `false`, with nothing written, when it does not apply. Shapes as in
/// `accumulateMatrixProduct`.
@inline(__always)
func wideMatrixProduct<T: RealScalar>(
  _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
  rows: Int, inner: Int, columns: Int, transposedLeft: Bool, overwriting: Bool
) -> Bool {
  guard wideKernelsAvailable else { return false }
  // C is m × n, the sum runs over k; A's element (i, p) is at i · rowStride + p · columnStride.
  let (m, k, rowStride, columnStride) =
    transposedLeft ? (inner, rows, 1, inner) : (rows, inner, inner, 1)
  let accumulate: Int32 = overwriting ? 0 : 1
  guard T.self == Double.self || T.self == Float.self else { return false }
  // Rows of C split into bands, one per thread, each a product of its own: an element of C is
  // the same sum whichever band holds it, so the result does not depend on the split.
  ProductBands(rows: m, work: m * columns * k).forEach { first, count in
    let bandA = UnsafeRawPointer(a + first * rowStride)
    let bandC = UnsafeMutableRawPointer(c + first * columns)
    if T.self == Double.self {
      adk_matrix_product_f64(
        count, columns, k, bandA.assumingMemoryBound(to: Double.self), rowStride, columnStride,
        UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
        bandC.assumingMemoryBound(to: Double.self), accumulate)
    } else {
      adk_matrix_product_f32(
        count, columns, k, bandA.assumingMemoryBound(to: Float.self), rowStride, columnStride,
        UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
        bandC.assumingMemoryBound(to: Float.self), accumulate)
    }
  }
  return true
}

/// C = A Bᵀ (or C += A Bᵀ) for A of `rows` × `inner` and B of `columns` × `inner`, in the packed
/// kernel, which reads B's rows as the columns it packs: the numbers of the product with B
/// transposed first, without the transpose. Split into bands of rows as
/// ``wideMatrixProduct(_:_:_:rows:inner:columns:transposedLeft:overwriting:)`` splits them.
/// `false`, with nothing written, when the packed kernel would not run for every band.
@inline(__always)
func wideMatrixProductTransposedRight<T: RealScalar>(
  _ a: UnsafePointer<T>, _ b: UnsafePointer<T>, _ c: UnsafeMutablePointer<T>,
  rows m: Int, inner k: Int, columns n: Int, overwriting: Bool
) -> Bool {
  guard wideKernelsAvailable, T.self == Double.self || T.self == Float.self else { return false }
  let single: Int32 = T.self == Float.self ? 1 : 0
  let bands = ProductBands(rows: m, work: m * n * k)
  // The smallest band decides: packing pays for every band if it pays for that one.
  guard adk_packed_product_applies(bands.smallest, n, k, single) != 0 else { return false }
  let accumulate: Int32 = overwriting ? 0 : 1
  bands.forEach { first, count in
    let bandA = UnsafeRawPointer(a + first * k)
    let bandC = UnsafeMutableRawPointer(c + first * n)
    let done: Int32
    if T.self == Double.self {
      done = adk_matrix_product_transposed_right_f64(
        count, n, k, bandA.assumingMemoryBound(to: Double.self),
        UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
        bandC.assumingMemoryBound(to: Double.self), accumulate)
    } else {
      done = adk_matrix_product_transposed_right_f32(
        count, n, k, bandA.assumingMemoryBound(to: Float.self),
        UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
        bandC.assumingMemoryBound(to: Float.self), accumulate)
    }
    // Every band packs (`adk_packed_product_applies` for the smallest), or, without memory
    // for packing, sums the same products unpacked.
    assert(done != 0)
  }
  return true
}

/// y = A x for A of m × k and x of k elements in the wide kernel; `false`, with nothing
/// written, when it does not apply.
@inline(__always)
func wideMatrixVector<T: RealScalar>(
  _ a: UnsafePointer<T>, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, rows: Int,
  inner: Int
) -> Bool {
  guard wideKernelsAvailable else { return false }
  if T.self == Double.self {
    adk_matrix_vector_f64(
      rows, inner, UnsafeRawPointer(a).assumingMemoryBound(to: Double.self),
      UnsafeRawPointer(x).assumingMemoryBound(to: Double.self),
      UnsafeMutableRawPointer(y).assumingMemoryBound(to: Double.self))
    return true
  }
  if T.self == Float.self {
    adk_matrix_vector_f32(
      rows, inner, UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
      UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
      UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self))
    return true
  }
  return false
}

/// The implementation of the array operations' hottest kernels (matrix products, matrix × vector,
/// `tanh`) in this process.
public enum ArrayKernelImplementation: String, Sendable {
  /// C kernels compiled for AVX2 and FMA, four `Double`s or eight `Float`s per instruction:
  /// chosen at run time on an x86-64 processor that has them (Intel since 2013, AMD since 2015).
  case avx2FMA = "AVX2+FMA"
  /// The Swift kernels, compiled for the target's baseline instruction set (on x86-64, SSE2:
  /// two `Double`s per instruction); on other processors, and when the environment variable
  /// `DESCENT_BASELINE_KERNELS=1` is set.
  case baseline
}

/// The implementation of the array kernels this process uses, decided once, when first asked.
///
/// Both compute the same algorithms and agree to within rounding; the wide kernels make the
/// gradient of a small network about twice as fast (see <doc:WorkingWithArrays>).
public var arrayKernelImplementation: ArrayKernelImplementation {
  wideKernelsAvailable ? .avx2FMA : .baseline
}

/// The rows of a product's result split into bands, one per thread, when the product has at
/// least `Parallelism.minimumParallelWork` multiply-adds, each band at least 6 rows (a strip of
/// the kernels). Each band is a product of its own: an element of the result is the same sum
/// whichever band holds it.
struct ProductBands {
  let rows: Int
  /// The number of bands.
  let count: Int
  /// The rows of every band but the last, which may have fewer.
  let bandRows: Int

  @inline(__always)
  init(rows: Int, work: Int) {
    let threads = Parallelism.threadCount
    self.rows = rows
    // At least one band, so that an empty product (no rows) is one empty band.
    count =
      threads > 1 && work >= Parallelism.minimumParallelWork
      ? Swift.max(1, Swift.min(threads, (rows + 5) / 6)) : 1
    bandRows = (rows + count - 1) / count
  }

  /// The rows of the last band, the smallest.
  var smallest: Int { rows - (count - 1) * bandRows }

  /// Calls `body` with each band's first row and row count, on as many threads as bands.
  @inline(__always)
  func forEach(_ body: (_ first: Int, _ count: Int) -> Void) {
    let (rows, bandRows) = (self.rows, self.bandRows)
    forEachInParallel(count, threads: count) { band in
      let first = band * bandRows
      let count = Swift.min(bandRows, rows - first)
      if count > 0 { body(first, count) }
    }
  }
}
