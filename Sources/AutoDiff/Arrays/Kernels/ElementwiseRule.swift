// What an elementwise kernel applies: a rule of the table (DerivativeRules.swift) as a type.
//
// Swift closures cannot be generic, so a loop that took its rule as a closure would have to be
// copied for every function. A rule is instead a small type whose one method is the function's
// line of `Rules`, and each loop (ElementwiseKernels.swift) is written once, generic over the
// rule: the compiler makes one copy of the loop per rule, with the rule inlined, and vectorizes
// it. The rule types of the recorded functions, and the one switch from a recorded function to
// its rule type, are in ElementwiseFunction.swift.

/// A function of one argument as the elementwise kernels apply it: its value and derivative
/// from the rules table, evaluated in any ``RealScalar`` (the kernels use `KernelScalar<T>`).
protocol UnaryRule {
  /// y = f(x) and f′(x), from `Rules`.
  func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S>

  /// `true` for a function that has a *value kernel*, a loop computing a block of values faster
  /// than one over ``apply(_:)`` (`values(_:_:_:)`), and whose derivative is written through
  /// its output (`derivative(output:)`): the loops that also need derivatives then compute a
  /// chunk of values first, and the derivatives from them. `false` by default.
  static var hasValueKernel: Bool { get }

  /// y = f(x) for n elements by the value kernel; `false`, with nothing written, where it does
  /// not run (for this `T` or on this machine). The default runs nothing.
  func values<T: RealScalar>(_ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>)
    -> Bool

  /// f′ as a function of y = f(x), from `Rules`; required where `hasValueKernel` is `true`.
  func derivative<S: RealScalar>(output y: S) -> S
}

extension UnaryRule {
  static var hasValueKernel: Bool { false }

  @inline(__always)
  func values<T: RealScalar>(_ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>)
    -> Bool
  { false }

  func derivative<S: RealScalar>(output y: S) -> S {
    preconditionFailure("\(Self.self) has no derivative written through its output")
  }
}

/// A function of two arguments as the elementwise kernels apply it.
protocol BinaryRule {
  /// z = f(x, y), ∂z/∂x and ∂z/∂y, from `Rules`.
  func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S>
}

/// An operation generic over the rule it applies, handed its rule type by
/// `ElementwiseFunction.withRule(_:)`.
protocol RuleVisitor {
  associatedtype Result
  func visit<R: UnaryRule>(unary rule: R) -> Result
  func visit<R: BinaryRule>(binary rule: R) -> Result
}

// MARK: - Rules made from other rules

/// y = xⁿ for an integer n (the parameter of a `power` node).
struct PowerRule: UnaryRule {
  let exponent: Int

  @inline(__always)
  func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.pow(x, exponent) }
}

/// f(x, x) for a binary rule f, whose operands are the same array (x · x, say), as a unary rule
/// with derivative ∂f/∂x + ∂f/∂y.
struct SameOperands<Base: BinaryRule>: UnaryRule {
  let base: Base

  @inline(__always)
  func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> {
    let r = base.apply(x, x)
    return (r.value, r.dx + r.dy)
  }
}

/// The rule of a function with a value kernel, for a loop over values y = f(x) already computed:
/// y itself, and f′ through y.
struct FromOutput<Base: UnaryRule>: UnaryRule {
  let base: Base

  @inline(__always)
  func apply<S: RealScalar>(_ y: S) -> Rules.Unary<S> { (y, base.derivative(output: y)) }
}
