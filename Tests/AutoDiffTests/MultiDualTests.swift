import AutoDiff
import Testing

// `MultiDual` (Sources/AutoDiff/MultiDual.swift): N tangents carried at once. Every tangent must
// be, bit for bit, what `Dual` computes along the same direction: both take their derivatives
// from the one rules table, and `MultiDual` differs only in carrying N tangents and in leaving
// 0 · ∞ to its callers.

/// Every unary function of the vocabulary, by name, generic so that one body serves `Dual` and
/// `MultiDual`.
private let unaryFunctions: [(String, Double)] = [
  ("exp", 0.3), ("expm1", 0.3), ("log", 1.7), ("log1p", 0.4), ("sin", 0.8), ("cos", 0.8),
  ("tan", 0.6), ("asin", 0.4), ("acos", 0.4), ("atan", 1.3), ("sinh", 0.7), ("cosh", 0.7),
  ("tanh", 0.7), ("sqrt", 2.5), ("cbrt", -2.5), ("abs", -1.5), ("sigmoid", -0.4),
  ("softplus", 0.9), ("relu", 0.6), ("negate", 0.6), ("powInt", -1.3),
]

private func apply<S: RealScalar>(_ name: String, _ x: S) -> S {
  switch name {
  case "exp": return exp(x)
  case "expm1": return expm1(x)
  case "log": return log(x)
  case "log1p": return log1p(x)
  case "sin": return sin(x)
  case "cos": return cos(x)
  case "tan": return tan(x)
  case "asin": return asin(x)
  case "acos": return acos(x)
  case "atan": return atan(x)
  case "sinh": return sinh(x)
  case "cosh": return cosh(x)
  case "tanh": return tanh(x)
  case "sqrt": return sqrt(x)
  case "cbrt": return cbrt(x)
  case "abs": return abs(x)
  case "sigmoid": return sigmoid(x)
  case "softplus": return softplus(x)
  case "relu": return relu(x)
  case "negate": return -x
  case "powInt": return pow(x, 3)
  default: preconditionFailure(name)
  }
}

private let binaryFunctions = [
  "add", "subtract", "multiply", "divide", "pow", "atan2", "hypot", "min", "max",
]

private func apply<S: RealScalar>(_ name: String, _ x: S, _ y: S) -> S {
  switch name {
  case "add": return x + y
  case "subtract": return x - y
  case "multiply": return x * y
  case "divide": return x / y
  case "pow": return pow(x, y)
  case "atan2": return atan2(x, y)
  case "hypot": return hypot(x, y)
  case "min": return min(x, y)
  case "max": return max(x, y)
  default: preconditionFailure(name)
  }
}

@Suite("MultiDual: N tangents at once")
struct MultiDualTests {
  @Test("Each unary rule gives, in every tangent, what Dual gives along that direction")
  func unaryRulesMatchDual() {
    let tangents: InlineArray<3, Double> = [1, -0.5, 0]
    for (name, x) in unaryFunctions {
      let result = apply(name, MultiDual<Double, 3>(x, tangents: tangents))
      #expect(result.value == apply(name, x), "\(name)")
      for k in 0..<3 {
        let dual = apply(name, Dual(x, tangent: tangents[k]))
        #expect(isIdentical(result.tangents[k], dual.tangent), "\(name), tangent \(k)")
      }
    }
  }

  @Test("Each binary rule gives, in every tangent, what Dual gives along that direction")
  func binaryRulesMatchDual() {
    let (x, y) = (1.3, 0.6)
    let xTangents: InlineArray<4, Double> = [1, 0, 2, -1]
    let yTangents: InlineArray<4, Double> = [0, 1, 0.5, 3]
    for name in binaryFunctions {
      let result = apply(
        name, MultiDual<Double, 4>(x, tangents: xTangents),
        MultiDual<Double, 4>(y, tangents: yTangents))
      #expect(result.value == apply(name, x, y), "\(name)")
      for k in 0..<4 {
        let dual = apply(name, Dual(x, tangent: xTangents[k]), Dual(y, tangent: yTangents[k]))
        #expect(isIdentical(result.tangents[k], dual.tangent), "\(name), tangent \(k)")
      }
    }
  }

  @Test("The gradient of x² y from one evaluation of two tangents")
  func gradientOfTwoVariables() {
    let x = MultiDual<Double, 2>(3, tangents: [1, 0])
    let y = MultiDual<Double, 2>(2, tangents: [0, 1])
    let z = x * x * y
    #expect(z.value == 18)
    #expect(z.tangents[0] == 12)
    #expect(z.tangents[1] == 9)
    #expect(z.description == "18.0 + 12.0ε0 + 9.0ε1")
  }

  @Test("Constants, literals and conversions carry zero tangents")
  func constants() {
    let literal: MultiDual<Double, 3> = 2.5
    let integer: MultiDual<Double, 3> = 4
    let converted = MultiDual<Double, 3>(Float(1.5))
    let fromInt = MultiDual<Double, 3>(7)
    for (constant, value) in [(literal, 2.5), (integer, 4), (converted, 1.5), (fromInt, 7)] {
      #expect(constant.value == value)
      for k in 0..<3 { #expect(constant.tangents[k] == 0) }
    }
    #expect(MultiDual<Double, 3>(constant: 0).isExactlyZero)
    #expect(!MultiDual<Double, 3>(0, tangents: [0, 0, 1]).isExactlyZero)
    #expect(!MultiDual<Double, 3>(1, tangents: [0, 0, 0]).isExactlyZero)
  }

  @Test("Comparisons look at values only")
  func comparisons() {
    let a = MultiDual<Double, 2>(1, tangents: [5, 0])
    let b = MultiDual<Double, 2>(1, tangents: [0, -5])
    let c = MultiDual<Double, 2>(2, tangents: [0, 0])
    #expect(a == b)
    #expect(a < c && !(c < a))
    #expect(MultiDual<Double, 2>(.nan, tangents: [0, 0]).isNaN)
    #expect(!MultiDual<Double, 2>(.infinity, tangents: [0, 0]).isFinite)
    #expect(c.doubleValue == 2)
  }

  @Test("0 · ∞ is left as IEEE gives it: NaN (the entry points apply the convention)")
  func zeroTimesInfinityIsRaw() {
    // √y at y = 0 has slope +∞; along a direction in which y does not vary the term is 0 · ∞.
    let y = MultiDual<Double, 2>(0, tangents: [0, 1])
    let root = sqrt(y)
    #expect(root.tangents[0].isNaN)
    #expect(root.tangents[1] == .infinity)
    // Dual applies the zero-tangent rule at every operation.
    #expect(sqrt(Dual(0.0, tangent: 0)).tangent == 0)
  }

  @Test("MultiDual over Dual carries mixed second derivatives")
  func nestedOverDual() {
    // f(x, y) = x² y: ∂²f/∂x∂y = 2x along the inner tangent of x.
    let inner = Dual(3.0, tangent: 1)  // perturbation in x (inner level)
    let x = MultiDual<Dual<Double>, 2>(inner, tangents: [1, 0])
    let y = MultiDual<Dual<Double>, 2>(Dual(2.0, tangent: 0), tangents: [0, 1])
    let z = x * x * y
    #expect(z.tangents[1].value == 9)  // ∂f/∂y = x²
    #expect(z.tangents[1].tangent == 6)  // ∂²f/∂y∂x = 2x
    #expect(z.tangents[0].tangent == 4)  // ∂²f/∂x² = 2y
  }

  @Test("Float tangents")
  func floatTangents() {
    let x = MultiDual<Float, 8>(0.5, tangents: [1, 2, 3, 4, 5, 6, 7, 8])
    let y = exp(x) * x
    let slope = exp(Float(0.5)) * 1.5  // (eˣ x)′ = eˣ (1 + x)
    for k in 0..<8 { #expect(isClose(y.tangents[k], slope * Float(k + 1), relative: 1e-6)) }
  }
}
