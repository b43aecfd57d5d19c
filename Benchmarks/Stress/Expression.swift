import AutoDiff

/// A random scalar program over the whole vocabulary of AutoDiff: arithmetic, every elementary
/// function, `pow`, `min`/`max`, branches on comparisons and small loops. Evaluated generically,
/// so the same tree runs on `Double`, on `Dual` and on `Variable`.
public indirect enum Expression: Sendable {
  /// xᵢ, one of the inputs.
  case input(Int)
  /// A literal.
  case constant(Double)
  /// The running value inside a ``loop(count:initial:body:)``.
  case accumulator
  case unary(Unary, Expression)
  case binary(Binary, Expression, Expression)
  /// pow(e, n) with an integer exponent.
  case integerPower(Expression, Int)
  /// `lhs < rhs ? then : otherwise` (or ≤, >).
  case branch(Expression, Comparison, Expression, then: Expression, otherwise: Expression)
  /// acc = initial; `count` times: acc = body(acc).
  case loop(count: Int, initial: Expression, body: Expression)

  /// The functions of one argument.
  public enum Unary: String, CaseIterable, Sendable {
    case negate, abs, exp, expm1, log, log1p, sin, cos, tan, asin, acos, atan, sinh, cosh, tanh
    case sqrt, cbrt, sigmoid, softplus, relu
  }

  /// The functions of two arguments.
  public enum Binary: String, CaseIterable, Sendable {
    case add, subtract, multiply, divide, pow, atan2, hypot, min, max
  }

  /// The comparisons a branch may test.
  public enum Comparison: String, CaseIterable, Sendable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
  }

  /// The value of the program at `inputs`, on any `RealScalar`.
  @inlinable
  public func evaluate<S: RealScalar>(_ inputs: [S]) -> S {
    evaluate(inputs, accumulator: 0)
  }

  @inlinable
  func evaluate<S: RealScalar>(_ x: [S], accumulator acc: S) -> S {
    switch self {
    case .input(let i): return x[i]
    case .constant(let c): return S(c)
    case .accumulator: return acc
    case .unary(let f, let e):
      let a = e.evaluate(x, accumulator: acc)
      switch f {
      case .negate: return -a
      case .abs: return abs(a)
      case .exp: return exp(a)
      case .expm1: return expm1(a)
      case .log: return log(a)
      case .log1p: return log1p(a)
      case .sin: return sin(a)
      case .cos: return cos(a)
      case .tan: return tan(a)
      case .asin: return asin(a)
      case .acos: return acos(a)
      case .atan: return atan(a)
      case .sinh: return sinh(a)
      case .cosh: return cosh(a)
      case .tanh: return tanh(a)
      case .sqrt: return sqrt(a)
      case .cbrt: return cbrt(a)
      case .sigmoid: return sigmoid(a)
      case .softplus: return softplus(a)
      case .relu: return relu(a)
      }
    case .binary(let f, let l, let r):
      let a = l.evaluate(x, accumulator: acc)
      let b = r.evaluate(x, accumulator: acc)
      switch f {
      case .add: return a + b
      case .subtract: return a - b
      case .multiply: return a * b
      case .divide: return a / b
      case .pow: return pow(a, b)
      case .atan2: return atan2(a, b)
      case .hypot: return hypot(a, b)
      case .min: return min(a, b)
      case .max: return max(a, b)
      }
    case .integerPower(let e, let n): return pow(e.evaluate(x, accumulator: acc), n)
    case .branch(let l, let comparison, let r, let then, let otherwise):
      let a = l.evaluate(x, accumulator: acc)
      let b = r.evaluate(x, accumulator: acc)
      let taken: Bool
      switch comparison {
      case .less: taken = a < b
      case .lessOrEqual: taken = a <= b
      case .greater: taken = a > b
      }
      return taken
        ? then.evaluate(x, accumulator: acc) : otherwise.evaluate(x, accumulator: acc)
    case .loop(let count, let initial, let body):
      var value = initial.evaluate(x, accumulator: acc)
      for _ in 0..<count { value = body.evaluate(x, accumulator: value) }
      return value
    }
  }

  /// The number of nodes.
  public var size: Int {
    switch self {
    case .input, .constant, .accumulator: return 1
    case .unary(_, let e), .integerPower(let e, _): return 1 + e.size
    case .binary(_, let l, let r): return 1 + l.size + r.size
    case .branch(let l, _, let r, let t, let o): return 1 + l.size + r.size + t.size + o.size
    case .loop(_, let i, let b): return 1 + i.size + b.size
    }
  }
}

extension Expression: DifferentiableFunction {
  /// The program as a cost for the generic entry points (chunked forward mode, Hessians).
  public func callAsFunction<S: RealScalar>(_ x: [S]) -> S { evaluate(x) }
}

extension Expression: CustomStringConvertible {
  /// The program as a Swift expression over `x: [S]` using AutoDiff's free functions, to paste
  /// into a test.
  public var description: String { source(accumulator: "acc") }

  func source(accumulator: String) -> String {
    switch self {
    case .input(let i): return "x[\(i)]"
    case .constant(let c): return "S(\(c))"
    case .accumulator: return accumulator
    case .unary(let f, let e):
      let a = e.source(accumulator: accumulator)
      return f == .negate ? "(-\(a))" : "\(f.rawValue)(\(a))"
    case .binary(let f, let l, let r):
      let a = l.source(accumulator: accumulator)
      let b = r.source(accumulator: accumulator)
      switch f {
      case .add: return "(\(a) + \(b))"
      case .subtract: return "(\(a) - \(b))"
      case .multiply: return "(\(a) * \(b))"
      case .divide: return "(\(a) / \(b))"
      default: return "\(f.rawValue)(\(a), \(b))"
      }
    case .integerPower(let e, let n): return "pow(\(e.source(accumulator: accumulator)), \(n))"
    case .branch(let l, let c, let r, let t, let o):
      return "(\(l.source(accumulator: accumulator)) \(c.rawValue) "
        + "\(r.source(accumulator: accumulator)) ? \(t.source(accumulator: accumulator)) : "
        + "\(o.source(accumulator: accumulator)))"
    case .loop(let count, let initial, let body):
      let name = accumulator + "_"
      return "{ var \(name) = \(initial.source(accumulator: accumulator)); "
        + "for _ in 0..<\(count) { \(name) = \(body.source(accumulator: name)) }; "
        + "return \(name) }()"
    }
  }
}
