import AutoDiff
import Testing

// Mismatched shapes and misused arrays stop the program with a precondition message that names
// the shapes (or the mistake). Each case runs in a child process (a Swift Testing exit test);
// an exit test's body captures nothing, so each builds its own arrays.

/// What the child process wrote to its standard error; empty if it did not run.
private func standardError(_ result: ExitTest.Result?) -> String {
  guard let result else { return "" }
  return String(decoding: result.standardErrorContent, as: UTF8.self)
}

@Suite("Array misuse stops the program with a message")
struct ArrayMisuseTests {
  @Test("Vectors of different lengths")
  func vectorLengths() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector.gradient(at: [1.0, 2, 3, 4]) { x in sum(x[0..<3] + x[1...2]) }
    }
    #expect(
      standardError(result).contains(
        "Elementwise + of a vector of 3 elements and a vector of 2 elements: the lengths must "
          + "be equal, or one of them 1"), "\(standardError(result))")
  }

  @Test("Matrices of incompatible shapes")
  func matrixShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = VariableMatrix(constant: [1.0, 2, 3, 4, 5, 6], rows: 2, columns: 3)
      let b = VariableMatrix(constant: [1.0, 2, 3, 4, 5, 6], rows: 3, columns: 2)
      _ = a * b
    }
    #expect(
      standardError(result).contains("Elementwise × of a 2 × 3 matrix and a 3 × 2 matrix"),
      "\(standardError(result))")
  }

  @Test("A matrix product of mismatched inner dimensions")
  func matrixProductShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = VariableMatrix(constant: [1.0, 2, 3, 4, 5, 6], rows: 2, columns: 3)
      _ = matmul(a, a)
    }
    #expect(
      standardError(result).contains(
        "matmul of a 2 × 3 matrix and a 2 × 3 matrix: the first has 3 columns, so the second "
          + "needs 3 rows"), "\(standardError(result))")
  }

  @Test("A matrix times a vector of the wrong length")
  func matrixVectorShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let a = VariableMatrix(constant: [1.0, 2, 3, 4, 5, 6], rows: 2, columns: 3)
      _ = matmul(a, VariableVector(constant: [1.0, 2]))
    }
    #expect(
      standardError(result).contains(
        "matmul of a 2 × 3 matrix and a vector of 2 elements: the vector needs 3 elements"),
      "\(standardError(result))")
  }

  @Test("An element or a slice out of range")
  func outOfRange() async {
    let element = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector(constant: [1.0, 2, 3])[3]
    }
    #expect(
      standardError(element).contains("Index 3 is out of range for a vector of 3 elements"),
      "\(standardError(element))")
    let slice = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector(constant: [1.0, 2, 3])[1..<5]
    }
    #expect(
      standardError(slice).contains("Slice 1..<5 is out of range for a vector of 3 elements"),
      "\(standardError(slice))")
  }

  @Test("Reshaping into the wrong number of elements")
  func reshape() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector(constant: [1.0, 2, 3]).reshaped(rows: 2, columns: 2)
    }
    #expect(
      standardError(result).contains(
        "Cannot reshape a vector of 3 elements into a 2 × 2 matrix"), "\(standardError(result))")
  }

  @Test("Cross-entropy with a label outside the classes, or one label too few")
  func crossEntropyLabels() async {
    let outside = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let logits = VariableMatrix(constant: [1.0, 2, 3, 4], rows: 2, columns: 2)
      _ = crossEntropy(logits: logits, labels: [1, 2])
    }
    #expect(
      standardError(outside).contains(
        "crossEntropy: the label 2 of row 1 is not a class of the logits, which have 2 columns"),
      "\(standardError(outside))")
    let count = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let logits = VariableMatrix(constant: [1.0, 2, 3, 4], rows: 2, columns: 2)
      _ = crossEntropy(logits: logits, labels: [1])
    }
    #expect(
      standardError(count).contains("crossEntropy of 2 rows of logits with 1 labels"),
      "\(standardError(count))")
  }

  @Test("A vector used after its gradient call returned")
  func usedAfterReturn() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      var escaped: VariableVector<Double>?
      _ = VariableVector.gradient(at: [1.0, 2]) { x in
        escaped = x
        return sum(x)
      }
      _ = sum(escaped! * 2)
    }
    #expect(
      standardError(result).contains("A Variable was used after the gradient call that created it"),
      "\(standardError(result))")
  }

  @Test("Vectors of two gradient calls combined")
  func mixedCalls() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector.gradient(at: [1.0, 2]) { outer in
        let inner = VariableVector.gradient(at: [3.0, 4]) { x in sum(x * outer) }
        return sum(outer) * Variable(constant: inner[0])
      }
    }
    #expect(
      standardError(result).contains("Variables of two different gradient calls were combined"),
      "\(standardError(result))")
  }

  @Test("Comparing vectors of several elements")
  func comparison() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = VariableVector(constant: [1.0, 2]) < VariableVector(constant: [2.0, 3])
    }
    #expect(
      standardError(result).contains("Vectors of 2 and 2 elements are not ordered"),
      "\(standardError(result))")
  }
}
