import Testing

@testable import AutoDiff

// The wide kernels' large matrix products copy blocks of A and B into packed strips (see
// Kernels.c, "Packed products"). Packing changes where the operands are read from, never the
// order of a sum: each element of C must be its start (0, or C when accumulating) followed by
// its k fused multiply-adds in order of p, bit for bit, whichever blocks the sizes cut.

/// C (+)= A B (or Aᵀ B), each element by one fused multiply-add after another in order of p.
private func sequentialProduct<T: BinaryFloatingPoint>(
  _ a: [T], _ b: [T], _ c: inout [T], rows: Int, inner: Int, columns: Int, transposedLeft: Bool,
  overwriting: Bool
) {
  // C is m × n with the sum over k, as in wideMatrixProduct.
  let (m, k) = transposedLeft ? (inner, rows) : (rows, inner)
  for i in 0..<m {
    for j in 0..<columns {
      var s = overwriting ? 0 : c[i * columns + j]
      for p in 0..<k {
        let x = transposedLeft ? a[p * inner + i] : a[i * inner + p]
        s = s.addingProduct(x, b[p * columns + j])
      }
      c[i * columns + j] = s
    }
  }
}

@Suite("Packed matrix products")
struct PackedProductTests {
  @Test(
    "Large products sum each element in order with fused multiply-adds, bit for bit",
    .enabled(if: wideKernelsAvailable), arguments: [false, true])
  func packedOrder(transposedLeft: Bool) {
    check(Double.self, transposedLeft: transposedLeft)
    check(Float.self, transposedLeft: transposedLeft)
  }

  private func check<T: BinaryFloatingPoint & RealScalar>(_: T.Type, transposedLeft: Bool) {
    // (rows, inner, columns) past the packing threshold, cutting blocks of k (256), of rows
    // (96), of columns (512) and the last strip of 6 rows and of 8 or 16 columns.
    let shapes = [
      (97, 300, 21), (40, 257, 130), (130, 520, 36), (600, 32, 128), (20, 64, 1030),
      (256, 256, 10),
    ]
    var generator = SplitMix64(seed: 14)
    for (rows, inner, columns) in shapes {
      let a = generator.points(rows * inner, in: -2...2).map { T($0) }
      let b = generator.points((transposedLeft ? rows : inner) * columns, in: -2...2).map {
        T($0)
      }
      let outputRows = transposedLeft ? inner : rows
      let start = generator.points(outputRows * columns, in: -1...1).map { T($0) }
      for overwriting in [false, true] {
        var expected = start
        sequentialProduct(
          a, b, &expected, rows: rows, inner: inner, columns: columns,
          transposedLeft: transposedLeft, overwriting: overwriting)
        var wide = start
        a.withUnsafeBufferPointer { a in
          b.withUnsafeBufferPointer { b in
            wide.withUnsafeMutableBufferPointer { c in
              _ = wideMatrixProduct(
                a.baseAddress!, b.baseAddress!, c.baseAddress!, rows: rows, inner: inner,
                columns: columns, transposedLeft: transposedLeft, overwriting: overwriting)
            }
          }
        }
        let differing = zip(wide, expected).filter { $0 != $1 }.count
        #expect(
          differing == 0,
          "\(T.self) \(rows)×\(inner)×\(columns) transposedLeft \(transposedLeft) overwriting \(overwriting): \(differing) elements differ"
        )
      }
    }
  }

  @Test(
    "The left adjoint's product reads B's rows as Bᵀ's columns, bit for bit as with B transposed",
    .enabled(if: wideKernelsAvailable))
  func transposedRight() {
    checkTransposedRight(Double.self)
    checkTransposedRight(Float.self)
  }

  private func checkTransposedRight<T: BinaryFloatingPoint & RealScalar>(_: T.Type) {
    // Ā (rows × inner) = C̄ (rows × columns) Bᵀ for B of inner × columns: the product's sum runs
    // over `columns`. Shapes cutting blocks of k (256), rows (96), columns (512) and the last
    // strips; one (20 × 64 × 24) where packing does not pay and the transpose is used.
    let shapes = [
      (97, 21, 300), (40, 130, 257), (130, 36, 520), (256, 256, 256), (20, 1030, 64),
      (20, 24, 64),
    ]
    var generator = SplitMix64(seed: 15)
    let saved = Parallelism.threadCount
    defer { Parallelism.threadCount = saved }
    for (rows, inner, columns) in shapes {
      let cAdjoint = generator.points(rows * columns, in: -2...2).map { T($0) }
      let b = generator.points(inner * columns, in: -2...2).map { T($0) }
      let start = generator.points(rows * inner, in: -1...1).map { T($0) }
      // Bᵀ written out, then the ordinary product: the numbers to reproduce.
      var bT = [T](repeating: 0, count: inner * columns)
      for i in 0..<inner { for j in 0..<columns { bT[j * inner + i] = b[i * columns + j] } }
      for overwriting in [false, true] {
        var expected = start
        sequentialProduct(
          cAdjoint, bT, &expected, rows: rows, inner: columns, columns: inner,
          transposedLeft: false, overwriting: overwriting)
        for threads in [1, 2, 3] {
          Parallelism.threadCount = threads
          var result = start
          var scratch = [T](repeating: .nan, count: inner * columns)
          cAdjoint.withUnsafeBufferPointer { c in
            b.withUnsafeBufferPointer { b in
              result.withUnsafeMutableBufferPointer { out in
                scratch.withUnsafeMutableBufferPointer { scratch in
                  matrixProductAdjointOfLeft(
                    c.baseAddress!, b.baseAddress!, out.baseAddress!, rows: rows, inner: inner,
                    columns: columns, scratch: scratch.baseAddress!, overwriting: overwriting)
                }
              }
            }
          }
          let differing = zip(result, expected).filter { $0 != $1 }.count
          #expect(
            differing == 0,
            "\(T.self) \(rows)×\(inner)×\(columns) overwriting \(overwriting), \(threads) threads: \(differing) elements differ"
          )
        }
      }
    }
  }
}
