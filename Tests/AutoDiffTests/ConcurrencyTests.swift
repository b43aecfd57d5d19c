import AutoDiff
import Dispatch
import Testing

// Gradient calls on many threads at once: each call borrows its own tape from the pool, so calls
// in flight never share one. Every result is checked against its closed form.

/// A gradient with a closed form, run many times concurrently with the others.
struct ConcurrentCase: Sendable {
  let name: String
  let point: [Double]
  let cost: @Sendable ([Variable<Double>]) -> Variable<Double>
  /// The closed-form value and gradient at `point`.
  let value: Double
  let gradient: [Double]

  /// Eight costs of different shapes and sizes, so that tapes of different lengths are in use at
  /// the same time.
  static var all: [ConcurrentCase] {
    var cases: [ConcurrentCase] = []
    cases.append(
      ConcurrentCase(
        name: "product", point: [2, 3],
        cost: { x in x[0] * x[1] }, value: 6, gradient: [3, 2]))
    cases.append(
      ConcurrentCase(
        name: "sum of squares", point: (1...40).map(Double.init),
        cost: { x in
          var total: Variable<Double> = 0
          for v in x { total += v * v }
          return total
        },
        value: Double((1...40).map { (i: Int) -> Int in i * i }.reduce(0, +)),
        gradient: (1...40).map { 2 * Double($0) }))
    cases.append(
      ConcurrentCase(
        name: "exp", point: [0.5],
        cost: { x in exp(2 * x[0]) },
        value: exp(1.0), gradient: [2 * exp(1.0)]))
    cases.append(
      ConcurrentCase(
        name: "sin cos", point: [0.3, 1.1],
        cost: { x in sin(x[0]) * cos(x[1]) },
        value: sin(0.3) * cos(1.1), gradient: [cos(0.3) * cos(1.1), -sin(0.3) * sin(1.1)]))
    cases.append(
      ConcurrentCase(
        name: "quotient", point: [3, 4],
        cost: { x in x[0] / x[1] }, value: 0.75, gradient: [0.25, -0.1875]))
    cases.append(
      ConcurrentCase(
        name: "cube", point: [1.5],
        cost: { x in pow(x[0], 3) }, value: 3.375, gradient: [6.75]))
    cases.append(
      ConcurrentCase(
        name: "linear, 1000 inputs", point: (0..<1000).map { Double($0) / 1000 },
        cost: { x in
          var total: Variable<Double> = 0
          for (i, v) in x.enumerated() { total += Variable(Double(i)) * v }
          return total
        },
        value: (0..<1000).map { (i: Int) -> Double in Double(i * i) / 1000 }.reduce(0, +),
        gradient: (0..<1000).map(Double.init)))
    cases.append(
      ConcurrentCase(
        name: "log of sum", point: [1, 2, 5],
        cost: { x in log(x[0] + x[1] + x[2]) },
        value: log(8.0), gradient: [0.125, 0.125, 0.125]))
    return cases
  }

  /// Runs the gradient and compares it with the closed form.
  func check() -> Bool {
    let result = valueWithGradient(at: point, of: cost)
    return isClose(result.value, value, relative: 1e-14)
      && isClose(result.gradient, gradient, relative: 1e-14)
  }
}

@Suite("Gradients computed concurrently")
struct ConcurrencyTests {
  static let repetitions = 200

  @Test("Eight different gradients at once in a task group, each many times")
  func taskGroup() async {
    let cases = ConcurrentCase.all
    #expect(cases.count >= 8)
    let failures = await withTaskGroup(of: [String].self) { group in
      for item in cases {
        for _ in 0..<4 {
          group.addTask {
            (0..<Self.repetitions).compactMap { _ in item.check() ? nil : item.name }
          }
        }
      }
      var failures: [String] = []
      for await batch in group { failures += batch }
      return failures
    }
    #expect(failures.isEmpty, "wrong results: \(Set(failures).sorted())")
  }

  @Test("Eight different gradients at once with concurrentPerform")
  func concurrentPerform() {
    let cases = ConcurrentCase.all
    let iterations = cases.count * Self.repetitions
    let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: iterations)
    defer { counts.deallocate() }
    counts.initialize(repeating: -1)
    let buffer = UncheckedBuffer(counts)
    DispatchQueue.concurrentPerform(iterations: iterations) { i in
      buffer.base[i] = cases[i % cases.count].check() ? 1 : 0
    }
    #expect(counts.allSatisfy { $0 == 1 })
  }

  @Test("Different element types concurrently: Float and Double tapes are separate pools")
  func floatAndDouble() async {
    let results = await withTaskGroup(of: Bool.self) { group in
      for i in 0..<16 {
        group.addTask {
          if i.isMultiple(of: 2) {
            let g = gradient(at: [Float(2), Float(3)]) { x in x[0] * x[0] * x[1] }
            return g == [12, 4]
          } else {
            let g = gradient(at: [2.0, 3.0]) { x in x[0] * x[1] * x[1] }
            return g == [9, 12]
          }
        }
      }
      var all: [Bool] = []
      for await result in group { all.append(result) }
      return all
    }
    #expect(results.count == 16 && results.allSatisfy { $0 })
  }

  @Test("A gradient of plain values inside another gradient's closure")
  func nestedGradientCalls() {
    // Outer: f(a, b) = a · c(a) + b² with c(a) = ∂/∂y (a y²) at y = 3, i.e. 6a, computed by an
    // inner gradient call on plain numbers: it enters the outer cost as a constant, so
    // ∂f/∂a = c = 6a (the inner call is not differentiated through).
    let (value, outer) = valueWithGradient(at: [2.0, 5.0]) { x in
      let a = x[0].value
      let inner = gradient(at: [a, 3.0]) { y in y[0] * y[1] * y[1] }
      #expect(inner == [9, 12])
      let c = Variable<Double>(constant: inner[1])
      return x[0] * c + x[1] * x[1]
    }
    #expect(value == 2 * 12 + 25)
    #expect(outer == [12, 10])
  }

  @Test("Nested gradient calls on many threads at once")
  func nestedGradientCallsConcurrently() async {
    let ok = await withTaskGroup(of: Bool.self) { group in
      for i in 0..<16 {
        group.addTask {
          let x = Double(i)
          let g = gradient(at: [x]) { outer in
            let inner = gradient(at: [outer[0].value]) { y in y[0] * y[0] }
            return outer[0] * Variable(constant: inner[0])
          }
          return g == [2 * x]
        }
      }
      var all = true
      for await result in group { all = all && result }
      return all
    }
    #expect(ok)
  }
}

/// A buffer written at distinct indices from several threads.
private struct UncheckedBuffer: @unchecked Sendable {
  // Sendable: each iteration of `concurrentPerform` writes only its own element.
  let base: UnsafeMutableBufferPointer<Int>
  init(_ base: UnsafeMutableBufferPointer<Int>) { self.base = base }
}
