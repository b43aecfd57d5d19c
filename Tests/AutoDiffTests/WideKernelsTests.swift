import Foundation
import Testing

@testable import AutoDiff

// The AVX2 and FMA kernels (Sources/AutoDiffKernels, bridged in Arrays/Kernels/WideKernels.swift)
// against the Swift kernels they stand in for, shape by shape. The array tests elsewhere run
// through whichever kernels this machine uses; `.ci/run` runs them once more with
// DESCENT_BASELINE_KERNELS=1, so both paths are tested end to end.

/// `true` where /proc/cpuinfo lists both AVX2 and FMA (Linux on x86-64), `nil` where it cannot
/// be read.
private func processorHasAVX2AndFMA() -> Bool? {
  guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
    let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
  else { return nil }
  let words = Set(flags.split(separator: " ").map(String.init))
  return words.contains("avx2") && words.contains("fma")
}

/// The product by the Swift kernels: C (+)= A B, or Aᵀ B when `transposedLeft`.
private func swiftProduct<T: TestScalar>(
  _ a: [T], _ b: [T], _ c: inout [T], rows: Int, inner: Int, columns: Int, transposedLeft: Bool,
  overwriting: Bool
) {
  a.withUnsafeBufferPointer { a in
    b.withUnsafeBufferPointer { b in
      c.withUnsafeMutableBufferPointer { c in
        accumulateMatrixProduct(
          a.baseAddress!, b.baseAddress!, c.baseAddress!, rows: rows, inner: inner,
          columns: columns, transposedLeft: transposedLeft, overwriting: overwriting,
          usingWideKernels: false)
      }
    }
  }
}

@Suite("The wide kernels")
struct WideKernelsTests {
  @Test("They are used exactly where the processor has AVX2 and FMA")
  func detection() {
    let baseline = ProcessInfo.processInfo.environment["DESCENT_BASELINE_KERNELS"]
    let turnedOff = baseline.map { !$0.isEmpty && $0 != "0" } ?? false
    #expect(arrayKernelImplementation == (wideKernelsAvailable ? .avx2FMA : .baseline))
    #if arch(x86_64)
      if turnedOff { #expect(!wideKernelsAvailable) }
      #if os(Linux)
        // Linux says what the processor has: the detection must agree.
        guard let hasThem = processorHasAVX2AndFMA() else {
          Issue.record("/proc/cpuinfo has no flags line")
          return
        }
        #expect(wideKernelsAvailable == (hasThem && !turnedOff))
      #endif
    #else
      // The wide kernels exist for x86-64 only.
      #expect(!wideKernelsAvailable)
    #endif
  }

  @Test(
    "Matrix products agree with the Swift kernels in every shape of block and edge",
    .enabled(if: wideKernelsAvailable), arguments: [false, true])
  func matrixProducts(transposedLeft: Bool) {
    checkProducts(Double.self, transposedLeft: transposedLeft)
    checkProducts(Float.self, transposedLeft: transposedLeft)
  }

  private func checkProducts<T: TestScalar>(_: T.Type, transposedLeft: Bool) {
    // Sizes around every block edge: 6 rows, 4 and 8 (Double) or 8 and 16 (Float) columns.
    let sizes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 25, 33]
    var generator = SplitMix64(seed: 41)
    for rows in sizes {
      for inner in [0, 1, 2, 5, 16, 17] {
        for columns in sizes {
          // One element more than needed, so that no buffer is empty (an empty one has no address).
          let a = generator.points(rows * inner + 1, in: -2...2).map { T($0) }
          let b = generator.points((transposedLeft ? rows : inner) * columns + 1, in: -2...2).map {
            T($0)
          }
          let outputRows = transposedLeft ? inner : rows
          let start = generator.points(outputRows * columns + 1, in: -1...1).map { T($0) }
          // The summation runs over `inner` (or over `rows` for Aᵀ B): each element of C may
          // differ by its rounding, about k ε Σ|aᵢ bᵢ| ≤ k ε · 4k.
          let k = T(transposedLeft ? rows : inner)
          let tolerance = 4 * (k + 1) * (k + 1) * T.ulpOfOne
          for overwriting in [false, true] {
            var expected = start
            swiftProduct(
              a, b, &expected, rows: rows, inner: inner, columns: columns,
              transposedLeft: transposedLeft, overwriting: overwriting)
            var wide = start
            let taken = a.withUnsafeBufferPointer { a in
              b.withUnsafeBufferPointer { b in
                wide.withUnsafeMutableBufferPointer { c in
                  wideMatrixProduct(
                    a.baseAddress!, b.baseAddress!, c.baseAddress!, rows: rows, inner: inner,
                    columns: columns,
                    transposedLeft: transposedLeft, overwriting: overwriting)
                }
              }
            }
            #expect(taken)
            let worst = zip(wide, expected).map { ($0 - $1).magnitude }.max() ?? 0
            #expect(
              worst <= tolerance,
              "\(T.self) \(rows)×\(inner)×\(columns) transposedLeft \(transposedLeft) overwriting \(overwriting): worst difference \(worst)"
            )
          }
        }
      }
    }
  }

  @Test(
    "Matrix × vector agrees with the Swift dot products at every row and chunk edge",
    .enabled(if: wideKernelsAvailable))
  func matrixVector() {
    checkMatrixVector(Double.self)
    checkMatrixVector(Float.self)
  }

  private func checkMatrixVector<T: TestScalar>(_: T.Type) {
    var generator = SplitMix64(seed: 47)
    for rows in [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 33] {
      for inner in [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 40] {
        let a = generator.points(rows * inner + 1, in: -2...2).map { T($0) }
        let x = generator.points(inner + 1, in: -2...2).map { T($0) }
        var wide = [T](repeating: .nan, count: rows + 1)
        let taken = a.withUnsafeBufferPointer { a in
          x.withUnsafeBufferPointer { x in
            wide.withUnsafeMutableBufferPointer { y in
              wideMatrixVector(
                a.baseAddress!, x.baseAddress!, y.baseAddress!, rows: rows, inner: inner)
            }
          }
        }
        #expect(taken)
        #expect(wide[rows].isNaN, "\(rows) × \(inner): wrote past the result")
        let tolerance = 4 * T(inner + 1) * T(inner + 1) * T.ulpOfOne
        for i in 0..<rows {
          let expected = a.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { x in
              dotProduct(a.baseAddress! + i * inner, x.baseAddress!, inner)
            }
          }
          #expect(
            (wide[i] - expected).magnitude <= tolerance,
            "\(T.self) \(rows) × \(inner), row \(i): wide \(wide[i]), Swift \(expected)")
        }
      }
    }
  }

  @Test(
    "tanh agrees with the Swift kernel to 2 ulp, at every tail length and in place",
    .enabled(if: wideKernelsAvailable))
  func tanhAgreement() {
    var generator = SplitMix64(seed: 43)
    var points = generator.points(5_000, in: -25...25)
    for e in -40...5 { points += [pow(2.0, Double(e)), -pow(2.0, Double(e))] }
    points += [0, -0.0, .infinity, -.infinity, 19, 20, 700, -700, 1e-300, .leastNonzeroMagnitude]
    checkTanh(points)
    checkTanh(points.map { Float($0) })
  }

  private func checkTanh<T: TestScalar>(_ points: [T]) {
    let expected = points.map { VectorizedFunctions.tanh($0) }
    // Every length from 0 to 40 covers each tail of the 4- and 8-wide loops and the 2×-unrolled
    // main loop.
    for length in 0...40 {
      var y = [T](repeating: .nan, count: length + 1)
      let taken = points.withUnsafeBufferPointer { x in
        y.withUnsafeMutableBufferPointer { y in wideTanh(length, x.baseAddress!, y.baseAddress!) }
      }
      #expect(y[length].isNaN, "tanh of \(length) elements wrote past them")
      #expect(taken)
      for i in 0..<length {
        #expect(
          (y[i] - expected[i]).magnitude <= 2 * expected[i].ulp && y[i].sign == expected[i].sign,
          "\(T.self) tanh(\(points[i])): wide \(y[i]), Swift \(expected[i])")
      }
    }
    // The whole array, in place.
    var inPlace = points
    inPlace.withUnsafeMutableBufferPointer { x in
      _ = wideTanh(x.count, UnsafePointer(x.baseAddress!), x.baseAddress!)
    }
    var worst: T = 0
    for (value, reference) in zip(inPlace, expected) where reference.isFinite {
      #expect(value.sign == reference.sign)
      if reference != 0 { worst = Swift.max(worst, (value - reference).magnitude / reference.ulp) }
    }
    #expect(worst <= 2, "\(T.self): worst difference \(worst) ulp")
    var nan: [T] = [.nan, -.nan]
    nan.withUnsafeMutableBufferPointer { x in
      _ = wideTanh(2, UnsafePointer(x.baseAddress!), x.baseAddress!)
    }
    #expect(nan[0].isNaN && nan[1].isNaN)
  }
}
