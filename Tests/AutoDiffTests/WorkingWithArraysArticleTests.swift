import AutoDiff
import Testing

// The examples of the DocC article "Working with arrays" (WorkingWithArrays.md), run as
// written: each printed line in the article must be what the code prints.
@Suite("The examples of “Working with arrays”")
struct WorkingWithArraysArticleTests {
  @Test("Rosenbrock's function on one vector of inputs")
  func rosenbrock() {
    let (value, gradient) = VariableVector.valueWithGradient(at: [-1.2, 1.0, 0.5]) { x in
      let n = x.count
      let head = x[..<(n - 1)]
      let a = x[1...] - head * head
      let b = 1 - head
      return sum(100 * (a * a) + b * b)  // Rosenbrock's function
    }
    #expect("\(value) \(gradient)" == "49.2 [-215.59999999999997, 112.00000000000001, -100.0]")
  }

  @Test("Broadcasting a row, a column and an element")
  func broadcasting() {
    let m = VariableMatrix(constant: [[1.0, 2, 3], [4, 5, 6]])
    #expect(
      "\((m + VariableMatrix(constant: [[10.0, 20, 30]])).values)"
        == "[11.0, 22.0, 33.0, 14.0, 25.0, 36.0]")
    #expect(
      "\((m * VariableMatrix(constant: [[2.0], [-1]])).values)"
        == "[2.0, 4.0, 6.0, -4.0, -5.0, -6.0]")
    #expect("\((2 * m - 1).values)" == "[1.0, 3.0, 5.0, 7.0, 9.0, 11.0]")
  }

  @Test("A tanh layer on three points, and a cross-entropy of huge logits")
  func layerAndCrossEntropy() {
    let parameters = (0..<13).map { 0.1 * Double($0) - 0.6 }
    let inputs = VariableMatrix(constant: [[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8]])
    let targets = VariableVector(constant: [0.1, -0.2, 0.3])
    let (loss, _) = VariableVector.valueWithGradient(at: parameters) { p in
      let weights = p[0..<6].reshaped(rows: 2, columns: 3)
      let bias = p[6..<9].reshaped(rows: 1, columns: 3)
      let hidden = tanh(matmul(inputs, weights) + bias)  // a layer of 3 units, 3 points at once
      return mean(pow(matmul(hidden, p[9..<12]) + p[12...] - targets, 2))
    }
    #expect("\(loss)" == "0.1773456167726173")
    let (crossEntropyLoss, dz) = VariableVector.valueWithGradient(at: [1000.0, 2000, -3000]) { z in
      crossEntropy(logits: z, label: 0)
    }
    #expect("\(crossEntropyLoss) \(dz)" == "1000.0 [-1.0, 1.0, 0.0]")
  }
}
