import Models

/// Draws random ``Expression`` trees and evaluation points from a seed.
///
/// Arguments of functions with a restricted domain usually pass through a map into the domain
/// (`e·e + c` for `log` and `sqrt`, `tanh e` for `asin` and `acos`, …), and sometimes not, so that
/// both the interior and the edges and outside of each domain are exercised. Points mix ordinary
/// values with 0, ±1, tiny (±1e-8) and huge (±1e8) ones and values just beside them.
public struct ExpressionGenerator {
  var random: SplitMix64
  /// The number of inputs of the trees.
  public let inputCount: Int
  /// The deepest nesting of a tree.
  public let maximumDepth: Int

  /// A generator whose trees are fixed by `seed`.
  public init(seed: UInt64, inputCount: Int, maximumDepth: Int = 5) {
    random = SplitMix64(seed: seed)
    self.inputCount = inputCount
    self.maximumDepth = maximumDepth
  }

  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &random) < p }
  mutating func pick<C: Collection>(_ items: C) -> C.Element where C.Index == Int {
    items[Int.random(in: items.startIndex..<items.endIndex, using: &random)]
  }

  /// A tree of at most ``maximumDepth`` levels.
  public mutating func expression() -> Expression { expression(depth: maximumDepth, inLoop: false) }

  mutating func leaf(inLoop: Bool) -> Expression {
    if inLoop && chance(0.4) { return .accumulator }
    if chance(0.75) { return .input(Int.random(in: 0..<inputCount, using: &random)) }
    return .constant(pick([0, 1, -1, 0.5, 2, 3, -2.5, 1e-3, 10]))
  }

  mutating func expression(depth: Int, inLoop: Bool) -> Expression {
    if depth <= 0 || chance(0.2) { return leaf(inLoop: inLoop) }
    let next = depth - 1
    let roll = Double.random(in: 0..<1, using: &random)
    switch roll {
    case ..<0.45:
      let f = pick(Expression.Unary.allCases)
      return .unary(f, domain(for: f, expression(depth: next, inLoop: inLoop)))
    case ..<0.8:
      let f = pick(Expression.Binary.allCases)
      var lhs = expression(depth: next, inLoop: inLoop)
      var rhs = expression(depth: next, inLoop: inLoop)
      if f == .divide && chance(0.7) { rhs = .binary(.add, .constant(1), square(rhs)) }
      if f == .pow && chance(0.8) { lhs = positive(lhs) }
      return .binary(f, lhs, rhs)
    case ..<0.88:
      return .integerPower(expression(depth: next, inLoop: inLoop), pick([-2, -1, 0, 1, 2, 3, 5]))
    case ..<0.96:
      return .branch(
        expression(depth: next, inLoop: inLoop), pick(Expression.Comparison.allCases),
        expression(depth: next, inLoop: inLoop), then: expression(depth: next, inLoop: inLoop),
        otherwise: expression(depth: next, inLoop: inLoop))
    default:
      // Loops nest at most once and keep their bodies shallow.
      let body = expression(depth: Swift.min(next, 2), inLoop: true)
      return .loop(
        count: Int.random(in: 1...4, using: &random),
        initial: expression(depth: Swift.min(next, 2), inLoop: inLoop), body: body)
    }
  }

  func square(_ e: Expression) -> Expression { .binary(.multiply, e, e) }

  /// e·e + c, eᵉ or e itself: mostly positive, sometimes at or beyond the edge.
  mutating func positive(_ e: Expression) -> Expression {
    switch Double.random(in: 0..<1, using: &random) {
    case ..<0.45: return .binary(.add, square(e), .constant(pick([0, 1e-8, 1])))
    case ..<0.85: return .unary(.exp, e)
    default: return e
    }
  }

  /// Maps the argument into the domain of `f` most of the time.
  mutating func domain(for f: Expression.Unary, _ e: Expression) -> Expression {
    switch f {
    case .log, .sqrt: return positive(e)
    case .log1p: return chance(0.8) ? .unary(.expm1, e) : e
    case .asin, .acos:
      switch Double.random(in: 0..<1, using: &random) {
      case ..<0.6: return .unary(.tanh, e)
      case ..<0.9: return .unary(.sin, e)
      default: return e
      }
    default: return e
    }
  }

  /// A point: each coordinate ordinary, an edge (0, ±1, ±1e-8, ±1e8), or just beside one.
  public mutating func point() -> [Double] {
    (0..<inputCount).map { _ in
      let edges: [Double] = [0, 1, -1, 1e-8, -1e-8, 1e8, -1e8]
      switch Double.random(in: 0..<1, using: &random) {
      case ..<0.45: return Double.random(in: -3...3, using: &random)
      case ..<0.75: return pick(edges)
      default: return pick(edges) + pick([1e-6, -1e-6, 1e-3])
      }
    }
  }
}
