// Linear combinations: a chain of `+`, `−` and products with a one-element factor, recorded as one
// elementwise node y = c₀u₀ + c₁u₁ + … (up to four terms), so that `m * x + b - y` is one pass
// over the data forward and one backward instead of three of each.
//
// The fusion never changes a value. Terms are summed left to right, as the chain was written, so
// only a chain that is a left fold is fused (`a + b - c`, not `a + (b - c)`); a term's coefficient
// is a constant (from `2 * v`, `-v`, `v - w`) or a one-element factor (from `m * v`) times ±1, and
// multiplying by ±1 or by 1 is exact. The derivatives are those of the rules the chain is made
// of: a sum passes its adjoint on with partial 1 (`Rules.add`), a product cᵤ gives u the partial
// c and c the partial u (`Rules.multiply`).

/// One term cₖ uₖ of a linear combination.
@usableFromInline
struct LinearTerm<T: RealScalar> {
  /// The vector uₖ (a node used element by element), or −1 when the term is its coefficient
  /// alone, repeated for every element.
  @usableFromInline var operand: Int32
  /// A one-element node multiplying the term, or −1.
  @usableFromInline var factor: Int32
  /// A constant multiplying the term; ±1 when there is a factor.
  @usableFromInline var constant: T

  @inlinable
  init(operand: Int32, factor: Int32, constant: T) {
    self.operand = operand
    self.factor = factor
    self.constant = constant
  }
}

/// Up to four terms, stored inline so that recording allocates nothing.
@usableFromInline
struct LinearTerms<T: RealScalar> {
  @usableFromInline static var capacity: Int { 4 }
  @usableFromInline var count: Int
  @usableFromInline var terms: Four<LinearTerm<T>>

  @inlinable
  init() {
    count = 0
    terms = Four(repeating: LinearTerm(operand: -1, factor: -1, constant: 0))
  }

  @inlinable
  subscript(k: Int) -> LinearTerm<T> {
    get { terms[k] }
    set { terms[k] = newValue }
  }

  @inlinable
  mutating func append(_ term: LinearTerm<T>) {
    self[count] = term
    count += 1
  }
}

extension ArrayTape {
  /// The terms of operand `index` read with broadcasting `mode`, or `nil` when it cannot be a
  /// term (a row or column repeated).
  @usableFromInline
  func linearTerms(_ index: Int32, _ mode: Broadcast) -> LinearTerms<T>? {
    let node = nodes[Int(index)]
    var terms = LinearTerms<T>()
    switch mode {
    case .same:
      if node.kind == .linear && node.storage < 0 { return node.terms }
      terms.append(LinearTerm(operand: index, factor: -1, constant: 1))
    case .scalar:
      if node.kind == .constant {
        terms.append(LinearTerm(operand: -1, factor: -1, constant: valuePointer(index)[0]))
      } else {
        terms.append(LinearTerm(operand: -1, factor: index, constant: 1))
      }
    case .row, .column:
      return nil
    }
    return terms
  }

  /// The linear combination for `first f second` (f one of +, −, ×), or `nil` when the result is
  /// not one that can be summed left to right exactly.
  @usableFromInline
  func linearCombination(
    _ f: ElementwiseFunction, _ first: Int32, _ modeA: Broadcast, _ second: Int32,
    _ modeB: Broadcast
  ) -> LinearTerms<T>? {
    guard var left = linearTerms(first, modeA), let right = linearTerms(second, modeB) else {
      return nil
    }
    switch f {
    case .add, .subtract:
      // Only a left fold: (…) ± one term.
      guard right.count == 1, left.count < LinearTerms<T>.capacity else { return nil }
      var term = right[0]
      if f == .subtract { term.constant = -term.constant }
      left.append(term)
      return left
    case .multiply:
      // One plain vector (coefficient ±1) times one element: the coefficient takes the element.
      let (vector, scalar) = modeA == .scalar ? (right, left) : (left, right)
      guard modeA == .scalar || modeB == .scalar, modeA != modeB, vector.count == 1,
        scalar.count == 1
      else { return nil }
      var term = vector[0]
      let factor = scalar[0]
      guard term.operand >= 0, term.factor < 0, term.constant == 1 || term.constant == -1,
        factor.operand < 0
      else { return nil }
      if factor.factor >= 0 {
        guard factor.constant == 1 || factor.constant == -1 else { return nil }
        term.factor = factor.factor
        term.constant = term.constant * factor.constant
      } else {
        term.constant = term.constant * factor.constant
      }
      var terms = LinearTerms<T>()
      terms.append(term)
      return terms
    default:
      return nil
    }
  }

  /// Appends a lazy linear node of `terms` and returns its index.
  @usableFromInline
  mutating func appendLinear(_ terms: LinearTerms<T>, count: Int, columns: Int) -> Int32 {
    var node = ArrayNode<T>(kind: .linear, count: count, columns: columns)
    node.terms = terms
    node.parameter = terms.count
    for k in 0..<terms.count {
      let term = terms[k]
      if term.operand >= 0 && nodes[Int(term.operand)].isTracked { node.isTracked = true }
      if term.factor >= 0 && nodes[Int(term.factor)].isTracked { node.isTracked = true }
    }
    // The first operand, for code that looks at `a` only (views, evaluation order).
    node.a = terms[0].operand
    return appendOwner(node)
  }
}
