// The elementwise kernels: loops that apply one rule of the table to contiguous elements, and
// their entry points, which take the function and the sinks as recorded values.
//
// Every elementwise array operation takes its value and its derivative from `Rules`, the same
// line that `Dual` and `Variable` use: there is no second list of derivatives. The rules are
// evaluated in `KernelScalar<T>`, which is `T` except for the functions it replaces with
// implementations written to vectorize (see KernelScalar.swift).
//
// Each loop below is written once, generic over the rule it applies (ElementwiseRule.swift) and
// the sink its products go to (AdjointSinks.swift), and is inlined where it is called: the
// compiler sees a plain counted loop over pointers with the rule inlined, one per rule and sink,
// and vectorizes it. The entry points at the end reach the loops through the one switch over
// functions (`ElementwiseFunction.withRule`) and the one switch over sinks
// (`SinkKind.withSink`).

// MARK: - Loops

/// Calls `body(i, lane)` for i in 0 ..< n: four calls per iteration with lanes 0 to 3 when
/// `unrolledByFour` (for a loop that keeps four independent partial sums), then one at a time
/// with lane 0.
@inline(__always)
func forEachElement(_ n: Int, unrolledByFour: Bool, _ body: (_ i: Int, _ lane: Int) -> Void) {
  var i = 0
  if unrolledByFour {
    while i + 4 <= n {
      body(i, 0)
      body(i + 1, 1)
      body(i + 2, 2)
      body(i + 3, 3)
      i += 4
    }
  }
  while i < n {
    body(i, 0)
    i += 1
  }
}

/// y = f(x) for n elements: by the rule's value kernel where it runs, else one element at a time.
@inline(__always)
func unaryValues<T: RealScalar, R: UnaryRule>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ rule: R
) {
  if rule.values(n, x, y) { return }
  for i in 0..<n { y[i] = rule.apply(KernelScalar(x[i])).value.base }
}

/// y = f(x) and the local derivatives f′(x), for n elements.
@inline(__always)
func unaryValuesAndPartials<T: RealScalar, R: UnaryRule>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
  _ partials: UnsafeMutablePointer<T>, _ rule: R
) {
  if rule.values(n, x, y) {
    for i in 0..<n { partials[i] = rule.derivative(output: y[i]) }
    return
  }
  for i in 0..<n {
    let (value, derivative) = rule.apply(KernelScalar(x[i]))
    y[i] = value.base
    partials[i] = derivative.base
  }
}

/// f′(x) · adjoint for n elements, into `sink`.
@inline(__always)
func unaryAdjoints<T: RealScalar, R: UnaryRule, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ sink: inout G, _ rule: R
) {
  if R.hasValueKernel {
    let done = forEachChunkOfValues(n, x, rule) { start, count, y in
      var chunkSink = OffsetSink(base: sink, offset: start)
      unaryAdjointLoop(count, y, adjoint + start, &chunkSink, FromOutput(base: rule))
      sink = chunkSink.base
    }
    if done { return }
  }
  unaryAdjointLoop(n, x, adjoint, &sink, rule)
}

@inline(__always)
func unaryAdjointLoop<T: RealScalar, R: UnaryRule, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ sink: inout G, _ rule: R
) {
  forEachElement(n, unrolledByFour: G.isReduction) { i, lane in
    sink.put(i, lane, scaled(rule.apply(KernelScalar(x[i])).derivative.base, adjoint[i]))
  }
}

/// stored partial · adjoint for n elements, into `sink`.
@inline(__always)
func storedPartialAdjoints<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ partials: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ sink: inout G
) {
  forEachElement(n, unrolledByFour: G.isReduction) { i, lane in
    sink.put(i, lane, scaled(partials[i], adjoint[i]))
  }
}

/// z = f(x, y) for n elements.
@inline(__always)
func binaryValues<T: RealScalar, R: BinaryRule>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>,
  _ rule: R
) {
  for i in 0..<n { z[i] = rule.apply(KernelScalar(x[i]), KernelScalar(y[i])).value.base }
}

/// ∂f/∂x · adjoint into `sinkX` and ∂f/∂y · adjoint into `sinkY`, for n elements.
@inline(__always)
func binaryAdjoints<T: RealScalar, R: BinaryRule, GX: AdjointSink<T>, GY: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sinkX: inout GX, _ sinkY: inout GY, _ rule: R
) {
  forEachElement(n, unrolledByFour: GX.isReduction || GY.isReduction) { i, lane in
    let (_, dx, dy) = rule.apply(KernelScalar(x[i]), KernelScalar(y[i]))
    let a = adjoint[i]
    sinkX.put(i, lane, scaled(dx.base, a))
    sinkY.put(i, lane, scaled(dy.base, a))
  }
}

/// c · adjoint for n elements, into `sink`, for a constant c: 0 where the adjoint is 0, and
/// nothing at all for c = 0, whatever the adjoint (0 · ∞ is not NaN).
@inline(__always)
func scaledAdjoints<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ c: T, _ adjoint: UnsafePointer<T>, _ sink: inout G
) {
  if c.isExactlyZero {
    sink.putZeros(n)
    return
  }
  forEachElement(n, unrolledByFour: G.isReduction) { i, lane in
    sink.put(i, lane, scaledByNonzero(c, adjoint[i]))
  }
}

/// y = Σₖ cₖ uₖ for n elements, summed left to right, for the first `terms` (1 to 4) terms.
@inline(__always)
func linearValues<T: RealScalar>(
  _ n: Int, _ terms: Int, _ u: Four<UnsafePointer<T>>, _ c: Four<T>, _ y: UnsafeMutablePointer<T>
) {
  let (u0, u1, u2, u3) = (u[0], u[1], u[2], u[3])
  let (c0, c1, c2, c3) = (c[0], c[1], c[2], c[3])
  switch terms {
  case 1:
    for i in 0..<n { y[i] = c0 * u0[i] }
  case 2:
    for i in 0..<n { y[i] = c0 * u0[i] + c1 * u1[i] }
  case 3:
    for i in 0..<n { y[i] = (c0 * u0[i] + c1 * u1[i]) + c2 * u2[i] }
  default:
    for i in 0..<n { y[i] = ((c0 * u0[i] + c1 * u1[i]) + c2 * u2[i]) + c3 * u3[i] }
  }
}

// MARK: - Reductions of one function, forward and backward in one pass

/// For a reduction Σᵢ w·f(xᵢ) whose adjoint w is the same for every element: returns Σᵢ f(xᵢ)
/// and sends f′(xᵢ) · w into `sink`, in one pass (the values of f are never stored). The weight
/// is not zero (the caller sends nothing for a zero weight), so no product needs the zero test.
@inline(__always)
func unaryReduction<T: RealScalar, R: UnaryRule, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ sink: inout G, _ rule: R
) -> T {
  if R.hasValueKernel {
    var total: T = 0
    let done = forEachChunkOfValues(n, x, rule) { start, count, y in
      var chunkSink = OffsetSink(base: sink, offset: start)
      total += unaryReductionLoop(count, y, weight, &chunkSink, FromOutput(base: rule))
      sink = chunkSink.base
    }
    if done { return total }
  }
  return unaryReductionLoop(n, x, weight, &sink, rule)
}

@inline(__always)
func unaryReductionLoop<T: RealScalar, R: UnaryRule, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ sink: inout G, _ rule: R
) -> T {
  var values = SumSink<T>()
  forEachElement(n, unrolledByFour: true) { i, lane in
    let (value, derivative) = rule.apply(KernelScalar(x[i]))
    values.put(i, lane, value.base)
    sink.put(i, lane, derivative.base * weight)
  }
  return values.total
}

/// For a reduction Σᵢ w·f(lᵢ) of a linear combination l whose only tracked parts are one or two
/// one-element factors, with u and v the factors' terms: returns Σᵢ f(lᵢ) and the factors'
/// partial sums Σᵢ uᵢ f′(lᵢ) w and Σᵢ vᵢ f′(lᵢ) w, in one pass that stores nothing (the least
/// squares of a line, Σ (m xᵢ + b − yᵢ)², is this with f(l) = l · l, u = x and v = 1). A `nil`
/// v is a term that is its factor alone (an intercept): its partial is Σᵢ f′(lᵢ) w.
@inline(__always)
func reductionWithFactors<T: RealScalar, R: UnaryRule>(
  _ n: Int, _ l: UnsafePointer<T>, _ weight: T, _ u: UnsafePointer<T>, _ v: UnsafePointer<T>?,
  _ rule: R
) -> (T, T, T) {
  var s0: T = 0
  var s1: T = 0
  var u0: T = 0
  var u1: T = 0
  var v0: T = 0
  var v1: T = 0
  var i = 0
  if let v {
    while i + 2 <= n {
      let (value0, derivative0) = rule.apply(KernelScalar(l[i]))
      let (value1, derivative1) = rule.apply(KernelScalar(l[i + 1]))
      let g0 = derivative0.base * weight
      let g1 = derivative1.base * weight
      s0 += value0.base
      s1 += value1.base
      u0 += u[i] * g0
      u1 += u[i + 1] * g1
      v0 += v[i] * g0
      v1 += v[i + 1] * g1
      i += 2
    }
  } else {
    while i + 2 <= n {
      let (value0, derivative0) = rule.apply(KernelScalar(l[i]))
      let (value1, derivative1) = rule.apply(KernelScalar(l[i + 1]))
      let g0 = derivative0.base * weight
      let g1 = derivative1.base * weight
      s0 += value0.base
      s1 += value1.base
      u0 += u[i] * g0
      u1 += u[i + 1] * g1
      v0 += g0
      v1 += g1
      i += 2
    }
  }
  while i < n {
    let (value, derivative) = rule.apply(KernelScalar(l[i]))
    let g = derivative.base * weight
    s0 += value.base
    u0 += u[i] * g
    v0 += v.map { $0[i] * g } ?? g
    i += 1
  }
  return (s0 + s1, u0 + u1, v0 + v1)
}

// MARK: - Values first, for a rule with a value kernel

/// Elements per chunk of values computed on the stack (2 KiB of `Double`s).
let valueChunkLength = 256

/// Calls `body(start, count, y)` for each chunk of up to `valueChunkLength` elements of x, with
/// y = f of that chunk on the stack, from the rule's value kernel where it runs, else from
/// ``unaryValues(_:_:_:_:)``'s loop, which the compiler vectorizes on its own (a loop that also
/// sums and sends derivatives does not). `false`, with nothing done, for element types other
/// than `Float` and `Double`.
@inline(__always)
func forEachChunkOfValues<T: RealScalar, R: UnaryRule>(
  _ n: Int, _ x: UnsafePointer<T>, _ rule: R, _ body: (Int, Int, UnsafePointer<T>) -> Void
) -> Bool {
  guard T.self == Double.self || T.self == Float.self else { return false }
  withUnsafeTemporaryAllocation(of: T.self, capacity: valueChunkLength) { buffer in
    let y = buffer.baseAddress!
    var start = 0
    while start < n {
      let count = Swift.min(valueChunkLength, n - start)
      unaryValues(count, x + start, y, rule)
      body(start, count, UnsafePointer(y))
      start += count
    }
  }
  return true
}

// MARK: - Entry points

// The functions that evaluation calls, with the function and the sinks as recorded values. Each
// hands a call (below) to the switch over functions, which calls it with the rule type; a call
// that needs a sink hands itself on to the switch over sinks. Where one operand is expected, a
// binary function is f(x, x) (`SameOperands`).

// Values.

/// y = f(x) for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnary<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>
) {
  f.withRule(UnaryValuesCall(n: n, x: x, y: y))
}

/// y = f(x) and the local derivatives f′(x), for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnaryKeepingPartials<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
  _ partials: UnsafeMutablePointer<T>
) {
  f.withRule(UnaryValuesCall(n: n, x: x, y: y, partials: partials))
}

/// y = xⁿ for `count` elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyPower<T: RealScalar>(
  _ exponent: Int, _ count: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>
) {
  UnaryValuesCall(n: count, x: x, y: y).visit(unary: PowerRule(exponent: exponent))
}

/// z = f(x, y) for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyBinary<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
  _ z: UnsafeMutablePointer<T>
) {
  f.withRule(BinaryValuesCall(n: n, x: x, y: y, z: z))
}

/// y = Σₖ cₖ uₖ for n elements, summed left to right, for the first `terms` (1 to 4) terms.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyLinear<T: RealScalar>(
  _ n: Int, _ terms: Int, _ u: Four<UnsafePointer<T>>, _ c: Four<T>, _ y: UnsafeMutablePointer<T>
) {
  linearValues(n, terms, u, c, y)
}

// Adjoints: partial × adjoint into a sink, each returning the sum a summing sink received.

/// f′(x) · adjoint for n elements into `sink`, for a unary function, or (∂f/∂x + ∂f/∂y) · adjoint
/// at y = x for a binary one whose operands are the same array; returns the sum of a summing
/// sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnaryAdjoint<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sink: SinkKind<T>
) -> T {
  if case .discard = sink { return 0 }
  return f.withRule(UnaryAdjointsCall(n: n, x: x, adjoint: adjoint, sink: sink))
}

/// n xⁿ⁻¹ · adjoint for `count` elements into `sink`; returns the sum of a summing sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyPowerAdjoint<T: RealScalar>(
  _ exponent: Int, _ count: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sink: SinkKind<T>
) -> T {
  if case .discard = sink { return 0 }
  return UnaryAdjointsCall(n: count, x: x, adjoint: adjoint, sink: sink).visit(
    unary: PowerRule(exponent: exponent))
}

/// stored partial · adjoint for n elements into `sink`; returns the sum of a summing sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyStoredPartials<T: RealScalar>(
  _ n: Int, _ partials: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ sink: SinkKind<T>
) -> T {
  if case .discard = sink { return 0 }
  var call = StoredPartialsCall(n: n, partials: partials, adjoint: adjoint)
  return sink.withSink(&call)
}

/// c · adjoint for n elements into `sink` (0 where the adjoint is 0, nothing for c = 0).
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyScaled<T: RealScalar>(
  _ n: Int, _ c: T, _ adjoint: UnsafePointer<T>, _ sink: SinkKind<T>
) {
  var call = ScaledCall(n: n, c: c, adjoint: adjoint)
  _ = sink.withSink(&call)
}

/// ∂f/∂x · adjoint into `sinkX` and ∂f/∂y · adjoint into `sinkY`, for n elements; returns the
/// sums of summing sinks.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyBinaryAdjoint<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
  _ adjoint: UnsafePointer<T>, _ sinkX: SinkKind<T>, _ sinkY: SinkKind<T>
) -> (T, T) {
  f.withRule(
    BinaryAdjointsCall(n: n, x: x, y: y, adjoint: adjoint, sinkX: sinkX, sinkY: sinkY))
}

// Reductions: a sum of values and its derivatives in one pass.

/// Σᵢ f(xᵢ) with f′(xᵢ) · w into `sink`, for a unary function, or for f(x, x) of a binary one;
/// returns the sum of the values and the sum a summing sink received.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyReduction<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ sink: SinkKind<T>
) -> (T, T) {
  if weight.isExactlyZero {
    // Every adjoint is zero: the operand receives zeros, and only the values are summed.
    var zeros = PutZerosCall<T>(n: n)
    _ = sink.withSink(&zeros)
    return f.withRule(ReductionCall(n: n, x: x, weight: 1, sink: .discard))
  }
  return f.withRule(ReductionCall(n: n, x: x, weight: weight, sink: sink))
}

/// ``reductionWithFactors(_:_:_:_:_:_:)`` for the function `f`: unary, or f(l, l) of a binary
/// function.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyReductionWithFactors<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ l: UnsafePointer<T>, _ weight: T,
  _ u: UnsafePointer<T>, _ v: UnsafePointer<T>?
) -> (T, T, T) {
  f.withRule(ReductionWithFactorsCall(n: n, l: l, weight: weight, u: u, v: v))
}

// MARK: - Calls waiting for their rule and sinks

/// `unaryValues`, or `unaryValuesAndPartials` when `partials` is not `nil`.
struct UnaryValuesCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let x: UnsafePointer<T>
  let y: UnsafeMutablePointer<T>
  var partials: UnsafeMutablePointer<T>? = nil

  @inline(__always) func visit<R: UnaryRule>(unary rule: R) {
    if let partials {
      unaryValuesAndPartials(n, x, y, partials, rule)
    } else {
      unaryValues(n, x, y, rule)
    }
  }
  func visit<R: BinaryRule>(binary rule: R) { notUnary(R.self) }
}

/// `unaryAdjoints` into the sink `sink` names.
struct UnaryAdjointsCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let x: UnsafePointer<T>
  let adjoint: UnsafePointer<T>
  let sink: SinkKind<T>

  @inline(__always) func visit<R: UnaryRule>(unary rule: R) -> T {
    var call = WithSink(n: n, x: x, adjoint: adjoint, rule: rule)
    return sink.withSink(&call)
  }
  @inline(__always) func visit<R: BinaryRule>(binary rule: R) -> T {
    visit(unary: SameOperands(base: rule))
  }

  struct WithSink<R: UnaryRule>: SinkVisitor {
    typealias Element = T
    let n: Int
    let x: UnsafePointer<T>
    let adjoint: UnsafePointer<T>
    let rule: R
    @inline(__always) mutating func visit<G: AdjointSink<T>>(_ sink: inout G) {
      unaryAdjoints(n, x, adjoint, &sink, rule)
    }
  }
}

/// `storedPartialAdjoints`, waiting for its sink.
struct StoredPartialsCall<T: RealScalar>: SinkVisitor {
  typealias Element = T
  let n: Int
  let partials: UnsafePointer<T>
  let adjoint: UnsafePointer<T>
  @inline(__always) mutating func visit<G: AdjointSink<T>>(_ sink: inout G) {
    storedPartialAdjoints(n, partials, adjoint, &sink)
  }
}

/// `scaledAdjoints`, waiting for its sink.
struct ScaledCall<T: RealScalar>: SinkVisitor {
  typealias Element = T
  let n: Int
  let c: T
  let adjoint: UnsafePointer<T>
  @inline(__always) mutating func visit<G: AdjointSink<T>>(_ sink: inout G) {
    scaledAdjoints(n, c, adjoint, &sink)
  }
}

/// `putZeros` of the sink: the products of a block whose adjoints are all zero.
struct PutZerosCall<T: RealScalar>: SinkVisitor {
  typealias Element = T
  let n: Int
  @inline(__always) mutating func visit<G: AdjointSink<T>>(_ sink: inout G) { sink.putZeros(n) }
}

/// `binaryValues`.
struct BinaryValuesCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let x: UnsafePointer<T>
  let y: UnsafePointer<T>
  let z: UnsafeMutablePointer<T>

  func visit<R: UnaryRule>(unary rule: R) { notBinary(R.self) }
  @inline(__always) func visit<R: BinaryRule>(binary rule: R) { binaryValues(n, x, y, z, rule) }
}

/// `binaryAdjoints` into the sinks `sinkX` and `sinkY` name: the rule, then one sink, then the
/// other.
struct BinaryAdjointsCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let x: UnsafePointer<T>
  let y: UnsafePointer<T>
  let adjoint: UnsafePointer<T>
  let sinkX: SinkKind<T>
  let sinkY: SinkKind<T>

  func visit<R: UnaryRule>(unary rule: R) -> (T, T) { notBinary(R.self) }
  @inline(__always) func visit<R: BinaryRule>(binary rule: R) -> (T, T) {
    var call = WithSinkX(call: self, rule: rule)
    let sumX = sinkX.withSink(&call)
    return (sumX, call.sumY)
  }

  struct WithSinkX<R: BinaryRule>: SinkVisitor {
    typealias Element = T
    let call: BinaryAdjointsCall
    let rule: R
    var sumY: T = 0
    @inline(__always) mutating func visit<GX: AdjointSink<T>>(_ sinkX: inout GX) {
      var inner = WithSinks(call: call, rule: rule, sinkX: sinkX)
      sumY = call.sinkY.withSink(&inner)
      sinkX = inner.sinkX
    }
  }

  struct WithSinks<R: BinaryRule, GX: AdjointSink<T>>: SinkVisitor {
    typealias Element = T
    let call: BinaryAdjointsCall
    let rule: R
    var sinkX: GX
    @inline(__always) mutating func visit<GY: AdjointSink<T>>(_ sinkY: inout GY) {
      binaryAdjoints(call.n, call.x, call.y, call.adjoint, &sinkX, &sinkY, rule)
    }
  }
}

/// `unaryReduction` into the sink `sink` names; returns the sum of the values and the sum the
/// sink received.
struct ReductionCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let x: UnsafePointer<T>
  let weight: T
  let sink: SinkKind<T>

  @inline(__always) func visit<R: UnaryRule>(unary rule: R) -> (T, T) {
    var call = WithSink(n: n, x: x, weight: weight, rule: rule)
    let sinkTotal = sink.withSink(&call)
    return (call.total, sinkTotal)
  }
  @inline(__always) func visit<R: BinaryRule>(binary rule: R) -> (T, T) {
    visit(unary: SameOperands(base: rule))
  }

  struct WithSink<R: UnaryRule>: SinkVisitor {
    typealias Element = T
    let n: Int
    let x: UnsafePointer<T>
    let weight: T
    let rule: R
    var total: T = 0
    @inline(__always) mutating func visit<G: AdjointSink<T>>(_ sink: inout G) {
      total = unaryReduction(n, x, weight, &sink, rule)
    }
  }
}

/// `reductionWithFactors`.
struct ReductionWithFactorsCall<T: RealScalar>: RuleVisitor {
  let n: Int
  let l: UnsafePointer<T>
  let weight: T
  let u: UnsafePointer<T>
  let v: UnsafePointer<T>?

  @inline(__always) func visit<R: UnaryRule>(unary rule: R) -> (T, T, T) {
    reductionWithFactors(n, l, weight, u, v, rule)
  }
  @inline(__always) func visit<R: BinaryRule>(binary rule: R) -> (T, T, T) {
    visit(unary: SameOperands(base: rule))
  }
}

@inline(never)
func notUnary<R>(_: R.Type) -> Never {
  preconditionFailure("\(R.self) is not a unary function")
}

@inline(never)
func notBinary<R>(_: R.Type) -> Never {
  preconditionFailure("\(R.self) is not a binary function")
}
