import Foundation

// The printed trace of `minimize`, in the layout of Optim.jl's `show_trace`.

@usableFromInline
enum Trace {
  @usableFromInline
  static func header() {
    print("Iter     Function value   Gradient norm   Step size")
  }

  @usableFromInline
  static func movedOntoBounds(_ indices: [Int]) {
    let noun = indices.count == 1 ? "parameter" : "parameters"
    print("The start was outside the bounds: \(noun) \(indices) moved onto them.")
  }

  @usableFromInline
  static func line<T: BinaryFloatingPoint>(iteration: Int, value: T, gradientNorm: T, step: T?) {
    let stepText = step.map { "  " + String(format: "%14.6e", Double($0)) } ?? ""
    print(
      String(format: "%6d   %14.6e   %14.6e", iteration, Double(value), Double(gradientNorm))
        + stepText)
  }

  @usableFromInline
  static func footer<T: BinaryFloatingPoint>(_ reason: StopReason<T>, evaluations: Int) {
    print("Stopped: \(reason) (\(evaluations) evaluations)")
  }
}
