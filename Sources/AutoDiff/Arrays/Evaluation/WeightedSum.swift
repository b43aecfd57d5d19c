// A reduction of an elementwise expression, Σᵢ w · aᵢ, evaluated and differentiated in the same
// pass over its blocks, so that the expression's values are never stored.

extension ArrayTape {
  /// Σᵢ weight · aᵢ, with its backward step: an elementwise expression is evaluated and
  /// differentiated in the same pass over its blocks, so its values are never stored.
  ///
  /// Three ways, the first that applies:
  /// - f(l) of a linear combination l whose only tracked parts are one or two one-element
  ///   factors (a least-squares fit of scalar parameters, say): summed and differentiated in one
  ///   pass that keeps l's adjoints in registers (`reductionWithFactors`);
  /// - a top of one operand, f(u) or f(u, u), or a linear top c₀f₀(u₀) + c₁f₁(u₁) + … of such
  ///   nodes used nowhere else (Σ 100 a² + b², say): each f is summed and differentiated in the
  ///   same pass, with adjoint cₖ · weight (`isSummed`);
  /// - otherwise the top's values are summed block by block, and its backward step runs with
  ///   the weight as the adjoint of every element.
  @usableFromInline
  @_specialize(where T == Double)
  @_specialize(where T == Float)
  mutating func weightedSum(_ index: Int32, weight: T) -> T {
    beginReduction()
    let node = nodes[Int(index)]
    if node.isMaterialized {
      let total = sumOf(valuePointer(index), node.count)
      if node.isTracked {
        let adjoint = adjointPointer(index)
        for i in 0..<node.count { adjoint[i] += weight }
      }
      return weight * total
    }
    let region = planRegion(index, forBackward: node.isTracked)
    let differentiatesInOnePass = node.isTracked && !weight.isExactlyZero
    var total: T = 0
    if differentiatesInOnePass, let factors = factorsOfSummedCombination(region) {
      let bands = parallelBands(region, elements: node.count)
      if bands > 1 {
        total = sumWithFactorsInBands(bands, factors, weight: weight, region, elements: node.count)
      } else {
        region.forEachBlock(over: node.count) { block in
          total += sumWithFactors(factors, weight: weight, region, block)
        }
      }
    } else if differentiatesInOnePass && planSummedNodes(region, weight: weight) {
      region.forEachBlock(over: node.count) { block in
        forwardBlock(computing: region.count, of: region, block)
        backwardBlock(of: region, block, topAdjoint: nil, topPartials: nil)
      }
      for p in 0..<region.count where steps[p].isSummed {
        total += steps[p].valueScale * steps[p].reductionSum
      }
    } else {
      let weights = region.spareBlock(2)
      weights.update(repeating: weight, count: region.blockLength)
      region.forEachBlock(over: node.count) { block in
        forwardBlock(computing: region.count, of: region, block)
        total += sumOf(region.valueBlock(region.top), block.length)
        if node.isTracked {
          backwardBlock(
            of: region, block, topAdjoint: UnsafePointer(weights), topPartials: nil)
        }
      }
    }
    releaseRegion(region)
    return weight * total
  }

  /// `true` for a step that a reduction can sum and differentiate in one pass: f(u) or f(u, u).
  @inline(__always)
  func isSummable(_ step: RegionStep<T>) -> Bool {
    step.kind == .unary
      || (step.kind == .binary && step.a.node == step.b.node && step.a.mode == step.b.mode)
  }

  /// For a region f(l), with l a linear combination just below the top whose only tracked parts
  /// are the factors of one or two of its terms: those terms, the one that is its factor alone
  /// (an intercept, read as ones) second; `nil` for any other region.
  func factorsOfSummedCombination(_ region: Region<T>) -> (first: Int, second: Int)? {
    let top = steps[region.top]
    guard isSummable(top), top.a.source == .region, top.a.position == region.top - 1 else {
      return nil
    }
    let linear = steps[region.top - 1]
    guard linear.kind == .linear else { return nil }
    var first = -1
    var second = -1
    for k in 0..<linear.parameter {
      if linear.operands[k].isTracked { return nil }
      if linear.factorAdjoints[k] != nil {
        if first < 0 {
          first = k
        } else if second < 0 {
          second = k
        } else {
          return nil
        }
      }
    }
    guard first >= 0 else { return nil }
    if linear.operands[first].source == .unit && second >= 0 { swap(&first, &second) }
    return (first, second)
  }

  /// One block of Σᵢ f(lᵢ) for a region of ``factorsOfSummedCombination(_:)``, adding the
  /// factors' partials into their adjoints.
  @inline(__always)
  func sumWithFactors(
    _ factors: (first: Int, second: Int), weight: T, _ region: Region<T>, _ block: Block
  ) -> T {
    let (sum, sumU, sumV) = blockSumsWithFactors(factors, weight: weight, region, block)
    addFactorPartials(factors, sumU, sumV, region)
    return sum
  }

  /// Adds one block's sums of the factors' partials into the factors' adjoints.
  @inline(__always)
  func addFactorPartials(
    _ factors: (first: Int, second: Int), _ sumU: T, _ sumV: T, _ region: Region<T>
  ) {
    let linear = steps[region.top - 1]
    linear.factorAdjoints[factors.first]![0] += linear.constants[factors.first] * sumU
    if factors.second >= 0 {
      linear.factorAdjoints[factors.second]![0] += linear.constants[factors.second] * sumV
    }
  }

  /// ``sumWithFactors(_:weight:_:_:)`` over bands of blocks on several threads: each block's
  /// three sums computed in a band with value blocks of its own, then added in block order,
  /// exactly as on one thread.
  mutating func sumWithFactorsInBands(
    _ bands: Int, _ factors: (first: Int, second: Int), weight: T, _ region: Region<T>,
    elements: Int
  ) -> T {
    let blocks = (elements + region.blockLength - 1) / region.blockLength
    let sums = forEachBlockInBands(bands, of: region, elements: elements, extra: 3 * blocks) {
      tape, own, index, block, extra in
      let (sum, sumU, sumV) = tape.blockSumsWithFactors(factors, weight: weight, own, block)
      extra[3 * index] = sum
      extra[3 * index + 1] = sumU
      extra[3 * index + 2] = sumV
    }
    var total: T = 0
    for index in 0..<blocks {
      total += sums[3 * index]
      addFactorPartials(factors, sums[3 * index + 1], sums[3 * index + 2], region)
    }
    return total
  }

  /// One block's Σᵢ f(lᵢ) and the sums of the factors' partials (see
  /// ``sumWithFactors(_:weight:_:_:)``), without adding them anywhere.
  @inline(__always)
  func blockSumsWithFactors(
    _ factors: (first: Int, second: Int), weight: T, _ region: Region<T>, _ block: Block
  ) -> (T, T, T) {
    forwardBlock(computing: region.top, of: region, block)
    let linear = steps[region.top - 1]
    let (first, second) = factors
    let u = read(linear.operands[first], block, in: region)
    // A second term that is its factor alone reads as nil (ones).
    let v: UnsafePointer<T>? =
      second < 0
      ? u
      : (linear.operands[second].source == .unit
        ? nil : read(linear.operands[second], block, in: region))
    return applyReductionWithFactors(
      steps[region.top].function, block.length, region.valueBlock(region.top - 1), weight, u, v)
  }

  /// Marks the nodes a reduction sums directly: a summable top, or every term of a linear top
  /// whose terms are summable nodes used nowhere else and have no factor. Returns `false`, with
  /// nothing marked, for any other region.
  mutating func planSummedNodes(_ region: Region<T>, weight: T) -> Bool {
    let top = steps[region.top]
    if isSummable(top) {
      steps[region.top].isSummed = true
      steps[region.top].skipsForward = true
      steps[region.top].reductionWeight = weight
      steps[region.top].valueScale = 1
      return true
    }
    guard top.kind == .linear else { return false }
    for k in 0..<top.parameter {
      let term = top.operands[k]
      if term.source != .region || top.factorAdjoints[k] != nil
        || !isSummable(steps[term.position]) || steps[term.position].consumers != 1
      {
        return false
      }
    }
    for k in 0..<top.parameter {
      let position = top.operands[k].position
      steps[position].isSummed = true
      steps[position].skipsForward = true
      steps[position].reductionWeight = top.coefficients[k] * weight
      steps[position].valueScale = top.coefficients[k]
    }
    steps[region.top].skipsForward = true
    return true
  }
}
