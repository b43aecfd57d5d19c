// The elementwise functions of the array operations: each a case that a node records, a rule
// type that applies its line of `Rules`, and an arm of the one switch between the two.
//
// A new function is one case, one rule type and one arm here (see "Adding a function" in
// <doc:WorkingWithArrays>); every loop that evaluates or differentiates it follows.

/// An elementwise function of the rules table, by name: what an elementwise node records (one
/// byte, no reference), and what ``withRule(_:)`` turns into a rule type for the kernels.
@usableFromInline
enum ElementwiseFunction: UInt8 {
  // Unary.
  case negation, exp, expMinusOne, log, logOnePlus, sin, cos, tan, asin, acos, atan
  case sinh, cosh, tanh, sqrt, cbrt, erf, abs, relu, sigmoid, softplus
  // Binary.
  case add, subtract, multiply, divide, pow, atan2, hypot, min, max

  /// Calls `visitor` with the rule type of this function: the one place where a recorded
  /// function meets the loops that apply it, each compiled once per rule.
  @inline(__always)
  func withRule<V: RuleVisitor>(_ visitor: V) -> V.Result {
    switch self {
    case .negation: return visitor.visit(unary: Negation())
    case .exp: return visitor.visit(unary: Exp())
    case .expMinusOne: return visitor.visit(unary: ExpMinusOne())
    case .log: return visitor.visit(unary: Log())
    case .logOnePlus: return visitor.visit(unary: LogOnePlus())
    case .sin: return visitor.visit(unary: Sin())
    case .cos: return visitor.visit(unary: Cos())
    case .tan: return visitor.visit(unary: Tan())
    case .asin: return visitor.visit(unary: Asin())
    case .acos: return visitor.visit(unary: Acos())
    case .atan: return visitor.visit(unary: Atan())
    case .sinh: return visitor.visit(unary: Sinh())
    case .cosh: return visitor.visit(unary: Cosh())
    case .tanh: return visitor.visit(unary: Tanh())
    case .sqrt: return visitor.visit(unary: Sqrt())
    case .cbrt: return visitor.visit(unary: Cbrt())
    case .erf: return visitor.visit(unary: Erf())
    case .abs: return visitor.visit(unary: Abs())
    case .relu: return visitor.visit(unary: Relu())
    case .sigmoid: return visitor.visit(unary: Sigmoid())
    case .softplus: return visitor.visit(unary: Softplus())
    case .add: return visitor.visit(binary: Add())
    case .subtract: return visitor.visit(binary: Subtract())
    case .multiply: return visitor.visit(binary: Multiply())
    case .divide: return visitor.visit(binary: Divide())
    case .pow: return visitor.visit(binary: Pow())
    case .atan2: return visitor.visit(binary: Atan2())
    case .hypot: return visitor.visit(binary: Hypot())
    case .min: return visitor.visit(binary: Min())
    case .max: return visitor.visit(binary: Max())
    }
  }
}

// MARK: - Unary rules

extension ElementwiseFunction {
  struct Negation: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.negate(x) }
  }
  struct Exp: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.exp(x) }
  }
  struct ExpMinusOne: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> {
      Rules.expMinusOne(x)
    }
  }
  struct Log: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.log(x) }
  }
  struct LogOnePlus: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.logOnePlus(x) }
  }
  struct Sin: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.sin(x) }
  }
  struct Cos: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.cos(x) }
  }
  struct Tan: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.tan(x) }
  }
  struct Asin: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.asin(x) }
  }
  struct Acos: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.acos(x) }
  }
  struct Atan: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.atan(x) }
  }
  struct Sinh: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.sinh(x) }
  }
  struct Cosh: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.cosh(x) }
  }
  /// tanh has a value kernel in C where the processor has AVX2 and FMA (`wideTanh`), and its
  /// derivative through the output, tanh′ = 1 − y².
  struct Tanh: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.tanh(x) }
    static var hasValueKernel: Bool { true }
    @inline(__always)
    func values<T: RealScalar>(_ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>)
      -> Bool
    { wideTanh(n, x, y) }
    @inline(__always) func derivative<S: RealScalar>(output y: S) -> S {
      Rules.tanhDerivative(output: y)
    }
  }
  struct Sqrt: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.sqrt(x) }
  }
  struct Cbrt: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.cbrt(x) }
  }
  struct Erf: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.erf(x) }
  }
  struct Abs: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.abs(x) }
  }
  struct Relu: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.relu(x) }
  }
  struct Sigmoid: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.sigmoid(x) }
  }
  struct Softplus: UnaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S) -> Rules.Unary<S> { Rules.softplus(x) }
  }
}

// MARK: - Binary rules

extension ElementwiseFunction {
  struct Add: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.add(x, y)
    }
  }
  struct Subtract: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.subtract(x, y)
    }
  }
  struct Multiply: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.multiply(x, y)
    }
  }
  struct Divide: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.divide(x, y)
    }
  }
  struct Pow: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.pow(x, y)
    }
  }
  /// atan2(y, x): the first operand is y, as in C.
  struct Atan2: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ y: S, _ x: S) -> Rules.Binary<S> {
      Rules.atan2(y, x)
    }
  }
  struct Hypot: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.hypot(x, y)
    }
  }
  struct Min: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.min(x, y)
    }
  }
  struct Max: BinaryRule {
    @inline(__always) func apply<S: RealScalar>(_ x: S, _ y: S) -> Rules.Binary<S> {
      Rules.max(x, y)
    }
  }
}
