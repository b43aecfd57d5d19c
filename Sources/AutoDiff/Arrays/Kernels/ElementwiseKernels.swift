// The loops that apply one rule of the table (DerivativeRules.swift) to contiguous elements.
//
// Every elementwise array operation takes its value and its derivative from `Rules`, the same
// line that `Dual` and `Variable` use: there is no second list of derivatives. The rules are
// evaluated in `KernelScalar<T>`, which is `T` except for the functions it replaces with
// implementations written to vectorize (see KernelScalar.swift). Each loop below is a plain
// counted loop over pointers, with the rule inlined, so the compiler can vectorize it.
//
// A backward loop produces partial × adjoint, and 0 where the adjoint or the partial is exactly
// zero: an element that does not reach the output never turns an infinite partial into NaN, nor
// a zero partial an infinite adjoint, the convention of the scalar sweep (see <doc:Conventions>).
// Where those products go is a *sink*: written over a block, added into one, summed (for an
// operand broadcast from one element), or dropped (for an operand that carries no derivative,
// whose partial is then never computed).

@usableFromInline typealias UnaryRule<T: RealScalar> = (KernelScalar<T>) -> (
  value: KernelScalar<T>, derivative: KernelScalar<T>
)
@usableFromInline typealias BinaryRule<T: RealScalar> = (KernelScalar<T>, KernelScalar<T>) -> (
  value: KernelScalar<T>, dx: KernelScalar<T>, dy: KernelScalar<T>
)

/// partial × adjoint, and 0 where either is exactly zero: the scalar sweep's rule
/// (`TapeStorage.chainTerm` and the zero-adjoint skip), so that 0 · ∞ never makes a NaN out of
/// something that does not vary (see <doc:Conventions>). The fuzzer found array costs giving NaN
/// where scalar reverse mode gives 0 (∛ of an overflowed cosh, say) before the partial's zero
/// was tested too.
@inline(__always)
func scaled<T: RealScalar>(_ partial: T, _ adjoint: T) -> T {
  let product = partial * adjoint
  // Two selects rather than `||`, whose short circuit would be a branch in every loop that the
  // compiler then does not vectorize.
  let unlessAdjointIsZero = adjoint.isExactlyZero ? 0 : product
  return partial.isExactlyZero ? 0 : unlessAdjointIsZero
}

/// `scaled(partial, adjoint)` for a partial known not to be zero (a constant coefficient the
/// caller has tested once): one select instead of two.
@inline(__always)
func scaledByNonzero<T: RealScalar>(_ partial: T, _ adjoint: T) -> T {
  let product = partial * adjoint
  return adjoint.isExactlyZero ? 0 : product
}

// MARK: - Sinks

/// Where a backward loop puts partial × adjoint for element i (`lane` is i mod 4, for sums).
protocol AdjointSink<Element> {
  associatedtype Element: RealScalar
  /// `true` when the loop must keep four independent partial sums (unrolled by four).
  static var isReduction: Bool { get }
  mutating func put(_ i: Int, _ lane: Int, _ value: Element)
}

/// Drops the products: the operand carries no derivative (its partial is never computed).
struct DiscardSink<Element: RealScalar>: AdjointSink {
  /// One byte of storage, never read. A sink with none is a type of size zero, whose `inout`
  /// accesses in a debug build are checked at an arbitrary address (one inside the tape's
  /// scratch memory was seen), which ThreadSanitizer then reports as a race between threads.
  private var storage: UInt8 = 0
  static var isReduction: Bool { false }
  @inline(__always) mutating func put(_ i: Int, _ lane: Int, _ value: Element) {}
}

/// Writes the products over a block.
struct AssignSink<Element: RealScalar>: AdjointSink {
  let target: UnsafeMutablePointer<Element>
  static var isReduction: Bool { false }
  @inline(__always) mutating func put(_ i: Int, _ lane: Int, _ value: Element) {
    target[i] = value
  }
}

/// Adds the products into a block.
struct AddSink<Element: RealScalar>: AdjointSink {
  let target: UnsafeMutablePointer<Element>
  static var isReduction: Bool { false }
  @inline(__always) mutating func put(_ i: Int, _ lane: Int, _ value: Element) {
    target[i] += value
  }
}

/// Sums the products, in four partial sums.
struct SumSink<Element: RealScalar>: AdjointSink {
  var s0: Element = 0
  var s1: Element = 0
  var s2: Element = 0
  var s3: Element = 0
  static var isReduction: Bool { true }
  @inline(__always) mutating func put(_ i: Int, _ lane: Int, _ value: Element) {
    switch lane {
    case 0: s0 += value
    case 1: s1 += value
    case 2: s2 += value
    default: s3 += value
    }
  }
  var total: Element { (s0 + s1) + (s2 + s3) }
}

/// A sink chosen at run time.
@usableFromInline
enum SinkKind<T: RealScalar> {
  case discard
  case assign(UnsafeMutablePointer<T>)
  case add(UnsafeMutablePointer<T>)
  case sum
}

// MARK: - Loops over one rule

@inline(__always)
func unaryValues<T: RealScalar>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ rule: UnaryRule<T>
) {
  for i in 0..<n { y[i] = rule(KernelScalar(x[i])).value.base }
}

@inline(__always)
func unaryValuesAndPartials<T: RealScalar>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
  _ partials: UnsafeMutablePointer<T>, _ rule: UnaryRule<T>
) {
  for i in 0..<n {
    let (value, derivative) = rule(KernelScalar(x[i]))
    y[i] = value.base
    partials[i] = derivative.base
  }
}

@inline(__always)
func unaryAdjoints<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ g: inout G,
  _ rule: UnaryRule<T>
) {
  @inline(__always) func step(_ i: Int, _ lane: Int) {
    g.put(i, lane, scaled(rule(KernelScalar(x[i])).derivative.base, adjoint[i]))
  }
  var i = 0
  if G.isReduction {
    while i + 4 <= n {
      step(i, 0)
      step(i + 1, 1)
      step(i + 2, 2)
      step(i + 3, 3)
      i += 4
    }
  }
  while i < n {
    step(i, 0)
    i += 1
  }
}

@inline(__always)
func binaryValues<T: RealScalar>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ z: UnsafeMutablePointer<T>,
  _ rule: BinaryRule<T>
) {
  for i in 0..<n { z[i] = rule(KernelScalar(x[i]), KernelScalar(y[i])).value.base }
}

@inline(__always)
func binaryAdjoints<T: RealScalar, GX: AdjointSink<T>, GY: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ gx: inout GX, _ gy: inout GY, _ rule: BinaryRule<T>
) {
  @inline(__always) func step(_ i: Int, _ lane: Int) {
    let (_, dx, dy) = rule(KernelScalar(x[i]), KernelScalar(y[i]))
    let a = adjoint[i]
    gx.put(i, lane, scaled(dx.base, a))
    gy.put(i, lane, scaled(dy.base, a))
  }
  var i = 0
  if GX.isReduction || GY.isReduction {
    while i + 4 <= n {
      step(i, 0)
      step(i + 1, 1)
      step(i + 2, 2)
      step(i + 3, 3)
      i += 4
    }
  }
  while i < n {
    step(i, 0)
    i += 1
  }
}

/// Both operands are the same array (x · x, say): one sink receives (∂f/∂x + ∂f/∂y) · adjoint.
@inline(__always)
func binaryAdjointsOfOneOperand<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ g: inout G,
  _ rule: BinaryRule<T>
) {
  @inline(__always) func step(_ i: Int, _ lane: Int) {
    let (_, dx, dy) = rule(KernelScalar(x[i]), KernelScalar(x[i]))
    g.put(i, lane, scaled((dx + dy).base, adjoint[i]))
  }
  var i = 0
  if G.isReduction {
    while i + 4 <= n {
      step(i, 0)
      step(i + 1, 1)
      step(i + 2, 2)
      step(i + 3, 3)
      i += 4
    }
  }
  while i < n {
    step(i, 0)
    i += 1
  }
}

// MARK: - Dispatch on the function

/// y = f(x) for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnary<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>
) {
  switch f {
  case .negation: unaryValues(n, x, y) { Rules.negate($0) }
  case .exp: unaryValues(n, x, y) { Rules.exp($0) }
  case .expMinusOne: unaryValues(n, x, y) { Rules.expMinusOne($0) }
  case .log: unaryValues(n, x, y) { Rules.log($0) }
  case .logOnePlus: unaryValues(n, x, y) { Rules.logOnePlus($0) }
  case .sin: unaryValues(n, x, y) { Rules.sin($0) }
  case .cos: unaryValues(n, x, y) { Rules.cos($0) }
  case .tan: unaryValues(n, x, y) { Rules.tan($0) }
  case .asin: unaryValues(n, x, y) { Rules.asin($0) }
  case .acos: unaryValues(n, x, y) { Rules.acos($0) }
  case .atan: unaryValues(n, x, y) { Rules.atan($0) }
  case .sinh: unaryValues(n, x, y) { Rules.sinh($0) }
  case .cosh: unaryValues(n, x, y) { Rules.cosh($0) }
  case .tanh:
    if !wideTanh(n, x, y) { unaryValues(n, x, y) { Rules.tanh($0) } }
  case .sqrt: unaryValues(n, x, y) { Rules.sqrt($0) }
  case .cbrt: unaryValues(n, x, y) { Rules.cbrt($0) }
  case .erf: unaryValues(n, x, y) { Rules.erf($0) }
  case .abs: unaryValues(n, x, y) { Rules.abs($0) }
  case .relu: unaryValues(n, x, y) { Rules.relu($0) }
  case .sigmoid: unaryValues(n, x, y) { Rules.sigmoid($0) }
  case .softplus: unaryValues(n, x, y) { Rules.softplus($0) }
  default: preconditionFailure("\(f) is not a unary function")
  }
}

/// y = f(x) and the local derivatives f′(x), for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnaryKeepingPartials<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>,
  _ d: UnsafeMutablePointer<T>
) {
  switch f {
  case .negation: unaryValuesAndPartials(n, x, y, d) { Rules.negate($0) }
  case .exp: unaryValuesAndPartials(n, x, y, d) { Rules.exp($0) }
  case .expMinusOne: unaryValuesAndPartials(n, x, y, d) { Rules.expMinusOne($0) }
  case .log: unaryValuesAndPartials(n, x, y, d) { Rules.log($0) }
  case .logOnePlus: unaryValuesAndPartials(n, x, y, d) { Rules.logOnePlus($0) }
  case .sin: unaryValuesAndPartials(n, x, y, d) { Rules.sin($0) }
  case .cos: unaryValuesAndPartials(n, x, y, d) { Rules.cos($0) }
  case .tan: unaryValuesAndPartials(n, x, y, d) { Rules.tan($0) }
  case .asin: unaryValuesAndPartials(n, x, y, d) { Rules.asin($0) }
  case .acos: unaryValuesAndPartials(n, x, y, d) { Rules.acos($0) }
  case .atan: unaryValuesAndPartials(n, x, y, d) { Rules.atan($0) }
  case .sinh: unaryValuesAndPartials(n, x, y, d) { Rules.sinh($0) }
  case .cosh: unaryValuesAndPartials(n, x, y, d) { Rules.cosh($0) }
  case .tanh:
    if wideTanh(n, x, y) {
      for i in 0..<n { d[i] = Rules.tanhDerivative(output: y[i]) }
    } else {
      unaryValuesAndPartials(n, x, y, d) { Rules.tanh($0) }
    }
  case .sqrt: unaryValuesAndPartials(n, x, y, d) { Rules.sqrt($0) }
  case .cbrt: unaryValuesAndPartials(n, x, y, d) { Rules.cbrt($0) }
  case .erf: unaryValuesAndPartials(n, x, y, d) { Rules.erf($0) }
  case .abs: unaryValuesAndPartials(n, x, y, d) { Rules.abs($0) }
  case .relu: unaryValuesAndPartials(n, x, y, d) { Rules.relu($0) }
  case .sigmoid: unaryValuesAndPartials(n, x, y, d) { Rules.sigmoid($0) }
  case .softplus: unaryValuesAndPartials(n, x, y, d) { Rules.softplus($0) }
  default: preconditionFailure("\(f) is not a unary function")
  }
}

/// f′(x) · adjoint for n elements, into `sink`; returns the sum for a summing sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyUnaryAdjoint<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sink: SinkKind<T>
) -> T {
  switch sink {
  case .discard: return 0
  case .assign(let target):
    var g = AssignSink(target: target)
    unaryAdjoint(f, n, x, adjoint, &g)
    return 0
  case .add(let target):
    var g = AddSink(target: target)
    unaryAdjoint(f, n, x, adjoint, &g)
    return 0
  case .sum:
    var g = SumSink<T>()
    unaryAdjoint(f, n, x, adjoint, &g)
    return g.total
  }
}

@inline(__always)
func unaryAdjoint<T: RealScalar, G: AdjointSink<T>>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ g: inout G
) {
  switch f {
  case .negation: unaryAdjoints(n, x, adjoint, &g) { Rules.negate($0) }
  case .exp: unaryAdjoints(n, x, adjoint, &g) { Rules.exp($0) }
  case .expMinusOne: unaryAdjoints(n, x, adjoint, &g) { Rules.expMinusOne($0) }
  case .log: unaryAdjoints(n, x, adjoint, &g) { Rules.log($0) }
  case .logOnePlus: unaryAdjoints(n, x, adjoint, &g) { Rules.logOnePlus($0) }
  case .sin: unaryAdjoints(n, x, adjoint, &g) { Rules.sin($0) }
  case .cos: unaryAdjoints(n, x, adjoint, &g) { Rules.cos($0) }
  case .tan: unaryAdjoints(n, x, adjoint, &g) { Rules.tan($0) }
  case .asin: unaryAdjoints(n, x, adjoint, &g) { Rules.asin($0) }
  case .acos: unaryAdjoints(n, x, adjoint, &g) { Rules.acos($0) }
  case .atan: unaryAdjoints(n, x, adjoint, &g) { Rules.atan($0) }
  case .sinh: unaryAdjoints(n, x, adjoint, &g) { Rules.sinh($0) }
  case .cosh: unaryAdjoints(n, x, adjoint, &g) { Rules.cosh($0) }
  case .tanh:
    if !chunkedTanhAdjoints(n, x, adjoint, &g) {
      unaryAdjoints(n, x, adjoint, &g) { Rules.tanh($0) }
    }
  case .sqrt: unaryAdjoints(n, x, adjoint, &g) { Rules.sqrt($0) }
  case .cbrt: unaryAdjoints(n, x, adjoint, &g) { Rules.cbrt($0) }
  case .erf: unaryAdjoints(n, x, adjoint, &g) { Rules.erf($0) }
  case .abs: unaryAdjoints(n, x, adjoint, &g) { Rules.abs($0) }
  case .relu: unaryAdjoints(n, x, adjoint, &g) { Rules.relu($0) }
  case .sigmoid: unaryAdjoints(n, x, adjoint, &g) { Rules.sigmoid($0) }
  case .softplus: unaryAdjoints(n, x, adjoint, &g) { Rules.softplus($0) }
  default: preconditionFailure("\(f) is not a unary function")
  }
}

/// z = f(x, y) for n elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyBinary<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
  _ z: UnsafeMutablePointer<T>
) {
  switch f {
  case .add: binaryValues(n, x, y, z) { Rules.add($0, $1) }
  case .subtract: binaryValues(n, x, y, z) { Rules.subtract($0, $1) }
  case .multiply: binaryValues(n, x, y, z) { Rules.multiply($0, $1) }
  case .divide: binaryValues(n, x, y, z) { Rules.divide($0, $1) }
  case .pow: binaryValues(n, x, y, z) { Rules.pow($0, $1) }
  case .atan2: binaryValues(n, x, y, z) { Rules.atan2($0, $1) }
  case .hypot: binaryValues(n, x, y, z) { Rules.hypot($0, $1) }
  case .min: binaryValues(n, x, y, z) { Rules.min($0, $1) }
  case .max: binaryValues(n, x, y, z) { Rules.max($0, $1) }
  default: preconditionFailure("\(f) is not a binary function")
  }
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
  switch sinkX {
  case .discard:
    var gx = DiscardSink<T>()
    return (0, binaryAdjoint(f, n, x, y, adjoint, &gx, sinkY))
  case .assign(let target):
    var gx = AssignSink(target: target)
    return (0, binaryAdjoint(f, n, x, y, adjoint, &gx, sinkY))
  case .add(let target):
    var gx = AddSink(target: target)
    return (0, binaryAdjoint(f, n, x, y, adjoint, &gx, sinkY))
  case .sum:
    var gx = SumSink<T>()
    let sumY = binaryAdjoint(f, n, x, y, adjoint, &gx, sinkY)
    return (gx.total, sumY)
  }
}

@inline(__always)
func binaryAdjoint<T: RealScalar, GX: AdjointSink<T>>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
  _ adjoint: UnsafePointer<T>, _ gx: inout GX, _ sinkY: SinkKind<T>
) -> T {
  switch sinkY {
  case .discard:
    var gy = DiscardSink<T>()
    binaryAdjoint(f, n, x, y, adjoint, &gx, &gy)
    return 0
  case .assign(let target):
    var gy = AssignSink(target: target)
    binaryAdjoint(f, n, x, y, adjoint, &gx, &gy)
    return 0
  case .add(let target):
    var gy = AddSink(target: target)
    binaryAdjoint(f, n, x, y, adjoint, &gx, &gy)
    return 0
  case .sum:
    var gy = SumSink<T>()
    binaryAdjoint(f, n, x, y, adjoint, &gx, &gy)
    return gy.total
  }
}

@inline(__always)
func binaryAdjoint<T: RealScalar, GX: AdjointSink<T>, GY: AdjointSink<T>>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ y: UnsafePointer<T>,
  _ adjoint: UnsafePointer<T>, _ gx: inout GX, _ gy: inout GY
) {
  switch f {
  case .add: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.add($0, $1) }
  case .subtract: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.subtract($0, $1) }
  case .multiply: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.multiply($0, $1) }
  case .divide: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.divide($0, $1) }
  case .pow: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.pow($0, $1) }
  case .atan2: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.atan2($0, $1) }
  case .hypot: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.hypot($0, $1) }
  case .min: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.min($0, $1) }
  case .max: binaryAdjoints(n, x, y, adjoint, &gx, &gy) { Rules.max($0, $1) }
  default: preconditionFailure("\(f) is not a binary function")
  }
}

/// (∂f/∂x + ∂f/∂y) · adjoint at y = x, into `sink`, for n elements; returns the sum of a summing
/// sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyBinaryAdjointOfOneOperand<T: RealScalar>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sink: SinkKind<T>
) -> T {
  switch sink {
  case .discard: return 0
  case .assign(let target):
    var g = AssignSink(target: target)
    binaryAdjointOfOneOperand(f, n, x, adjoint, &g)
    return 0
  case .add(let target):
    var g = AddSink(target: target)
    binaryAdjointOfOneOperand(f, n, x, adjoint, &g)
    return 0
  case .sum:
    var g = SumSink<T>()
    binaryAdjointOfOneOperand(f, n, x, adjoint, &g)
    return g.total
  }
}

@inline(__always)
func binaryAdjointOfOneOperand<T: RealScalar, G: AdjointSink<T>>(
  _ f: ElementwiseFunction, _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ g: inout G
) {
  switch f {
  case .add: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.add($0, $1) }
  case .subtract: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.subtract($0, $1) }
  case .multiply: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.multiply($0, $1) }
  case .divide: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.divide($0, $1) }
  case .pow: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.pow($0, $1) }
  case .atan2: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.atan2($0, $1) }
  case .hypot: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.hypot($0, $1) }
  case .min: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.min($0, $1) }
  case .max: binaryAdjointsOfOneOperand(n, x, adjoint, &g) { Rules.max($0, $1) }
  default: preconditionFailure("\(f) is not a binary function")
  }
}

/// y = xⁿ for `count` elements.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyPower<T: RealScalar>(
  _ exponent: Int, _ count: Int, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>
) {
  unaryValues(count, x, y) { Rules.pow($0, exponent) }
}

/// n xⁿ⁻¹ · adjoint for `count` elements into `sink`; returns the sum of a summing sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyPowerAdjoint<T: RealScalar>(
  _ exponent: Int, _ count: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>,
  _ sink: SinkKind<T>
) -> T {
  switch sink {
  case .discard: return 0
  case .assign(let target):
    var g = AssignSink(target: target)
    unaryAdjoints(count, x, adjoint, &g) { Rules.pow($0, exponent) }
    return 0
  case .add(let target):
    var g = AddSink(target: target)
    unaryAdjoints(count, x, adjoint, &g) { Rules.pow($0, exponent) }
    return 0
  case .sum:
    var g = SumSink<T>()
    unaryAdjoints(count, x, adjoint, &g) { Rules.pow($0, exponent) }
    return g.total
  }
}

/// stored partial · adjoint for n elements into `sink`; returns the sum of a summing sink.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyStoredPartials<T: RealScalar>(
  _ n: Int, _ partials: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ sink: SinkKind<T>
) -> T {
  switch sink {
  case .discard: return 0
  case .assign(let target):
    for i in 0..<n { target[i] = scaled(partials[i], adjoint[i]) }
    return 0
  case .add(let target):
    for i in 0..<n { target[i] += scaled(partials[i], adjoint[i]) }
    return 0
  case .sum:
    var g = SumSink<T>()
    var i = 0
    while i + 4 <= n {
      g.put(i, 0, scaled(partials[i], adjoint[i]))
      g.put(i + 1, 1, scaled(partials[i + 1], adjoint[i + 1]))
      g.put(i + 2, 2, scaled(partials[i + 2], adjoint[i + 2]))
      g.put(i + 3, 3, scaled(partials[i + 3], adjoint[i + 3]))
      i += 4
    }
    while i < n {
      g.put(i, 0, scaled(partials[i], adjoint[i]))
      i += 1
    }
    return g.total
  }
}

// MARK: - Reductions of one function, forward and backward in one pass

/// For a reduction Σᵢ w·f(xᵢ) whose adjoint w is the same for every element: returns Σᵢ f(xᵢ)
/// and sends f′(xᵢ) · w into `sink`, in one pass (the values of f are never stored). The weight
/// is not zero (the caller sends nothing for a zero weight), so no product needs the zero test.
@inline(__always)
func unaryReduction<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ g: inout G, _ rule: UnaryRule<T>
) -> T {
  var s0: T = 0
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  @inline(__always) func step(_ i: Int, _ lane: Int, _ s: inout T) {
    let (value, derivative) = rule(KernelScalar(x[i]))
    s += value.base
    g.put(i, lane, derivative.base * weight)
  }
  var i = 0
  while i + 4 <= n {
    step(i, 0, &s0)
    step(i + 1, 1, &s1)
    step(i + 2, 2, &s2)
    step(i + 3, 3, &s3)
    i += 4
  }
  while i < n {
    step(i, 0, &s0)
    i += 1
  }
  return (s0 + s1) + (s2 + s3)
}

/// As ``unaryReduction(_:_:_:_:_:)`` for f(x, x) (x · x, say), with partial ∂f/∂x + ∂f/∂y.
@inline(__always)
func binaryReductionOfOneOperand<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ g: inout G, _ rule: BinaryRule<T>
) -> T {
  var s0: T = 0
  var s1: T = 0
  var s2: T = 0
  var s3: T = 0
  @inline(__always) func step(_ i: Int, _ lane: Int, _ s: inout T) {
    let (value, dx, dy) = rule(KernelScalar(x[i]), KernelScalar(x[i]))
    s += value.base
    g.put(i, lane, (dx + dy).base * weight)
  }
  var i = 0
  while i + 4 <= n {
    step(i, 0, &s0)
    step(i + 1, 1, &s1)
    step(i + 2, 2, &s2)
    step(i + 3, 3, &s3)
    i += 4
  }
  while i < n {
    step(i, 0, &s0)
    i += 1
  }
  return (s0 + s1) + (s2 + s3)
}

/// Σᵢ f(xᵢ) with f′(xᵢ) · w into `sink`, for a unary function (`binary` false) or for f(x, x)
/// of a binary one; returns the sum of the values and the sum a summing sink received.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyReduction<T: RealScalar>(
  _ f: ElementwiseFunction, binary: Bool, _ n: Int, _ x: UnsafePointer<T>, _ weight: T,
  _ sink: SinkKind<T>
) -> (T, T) {
  if weight.isExactlyZero {
    // Every adjoint is zero: the operand receives zeros, and only the values are summed.
    var g = DiscardSink<T>()
    if case .assign(let target) = sink { target.update(repeating: 0, count: n) }
    return (reduction(f, binary: binary, n, x, 1, &g), 0)
  }
  switch sink {
  case .discard:
    var g = DiscardSink<T>()
    return (reduction(f, binary: binary, n, x, weight, &g), 0)
  case .assign(let target):
    var g = AssignSink(target: target)
    return (reduction(f, binary: binary, n, x, weight, &g), 0)
  case .add(let target):
    var g = AddSink(target: target)
    return (reduction(f, binary: binary, n, x, weight, &g), 0)
  case .sum:
    var g = SumSink<T>()
    let total = reduction(f, binary: binary, n, x, weight, &g)
    return (total, g.total)
  }
}

@inline(__always)
func reduction<T: RealScalar, G: AdjointSink<T>>(
  _ f: ElementwiseFunction, binary: Bool, _ n: Int, _ x: UnsafePointer<T>, _ w: T, _ g: inout G
) -> T {
  if binary {
    switch f {
    case .add: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.add($0, $1) }
    case .subtract: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.subtract($0, $1) }
    case .multiply: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.multiply($0, $1) }
    case .divide: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.divide($0, $1) }
    case .pow: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.pow($0, $1) }
    case .atan2: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.atan2($0, $1) }
    case .hypot: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.hypot($0, $1) }
    case .min: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.min($0, $1) }
    case .max: return binaryReductionOfOneOperand(n, x, w, &g) { Rules.max($0, $1) }
    default: preconditionFailure("\(f) is not a binary function")
    }
  }
  switch f {
  case .negation: return unaryReduction(n, x, w, &g) { Rules.negate($0) }
  case .exp: return unaryReduction(n, x, w, &g) { Rules.exp($0) }
  case .expMinusOne: return unaryReduction(n, x, w, &g) { Rules.expMinusOne($0) }
  case .log: return unaryReduction(n, x, w, &g) { Rules.log($0) }
  case .logOnePlus: return unaryReduction(n, x, w, &g) { Rules.logOnePlus($0) }
  case .sin: return unaryReduction(n, x, w, &g) { Rules.sin($0) }
  case .cos: return unaryReduction(n, x, w, &g) { Rules.cos($0) }
  case .tan: return unaryReduction(n, x, w, &g) { Rules.tan($0) }
  case .asin: return unaryReduction(n, x, w, &g) { Rules.asin($0) }
  case .acos: return unaryReduction(n, x, w, &g) { Rules.acos($0) }
  case .atan: return unaryReduction(n, x, w, &g) { Rules.atan($0) }
  case .sinh: return unaryReduction(n, x, w, &g) { Rules.sinh($0) }
  case .cosh: return unaryReduction(n, x, w, &g) { Rules.cosh($0) }
  case .tanh:
    return chunkedTanhReduction(n, x, w, &g) ?? unaryReduction(n, x, w, &g) { Rules.tanh($0) }
  case .sqrt: return unaryReduction(n, x, w, &g) { Rules.sqrt($0) }
  case .cbrt: return unaryReduction(n, x, w, &g) { Rules.cbrt($0) }
  case .erf: return unaryReduction(n, x, w, &g) { Rules.erf($0) }
  case .abs: return unaryReduction(n, x, w, &g) { Rules.abs($0) }
  case .relu: return unaryReduction(n, x, w, &g) { Rules.relu($0) }
  case .sigmoid: return unaryReduction(n, x, w, &g) { Rules.sigmoid($0) }
  case .softplus: return unaryReduction(n, x, w, &g) { Rules.softplus($0) }
  default: preconditionFailure("\(f) is not a unary function")
  }
}

/// (Σᵢ xᵢ aᵢ, Σᵢ yᵢ aᵢ) in one pass, in four partial sums each.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func twoDotProducts<T: RealScalar>(
  _ x: UnsafePointer<T>, _ y: UnsafePointer<T>, _ a: UnsafePointer<T>, _ n: Int
) -> (T, T) {
  var x0: T = 0
  var x1: T = 0
  var x2: T = 0
  var x3: T = 0
  var y0: T = 0
  var y1: T = 0
  var y2: T = 0
  var y3: T = 0
  var i = 0
  while i + 4 <= n {
    x0 += x[i] * a[i]
    x1 += x[i + 1] * a[i + 1]
    x2 += x[i + 2] * a[i + 2]
    x3 += x[i + 3] * a[i + 3]
    y0 += y[i] * a[i]
    y1 += y[i + 1] * a[i + 1]
    y2 += y[i + 2] * a[i + 2]
    y3 += y[i + 3] * a[i + 3]
    i += 4
  }
  while i < n {
    x0 += x[i] * a[i]
    y0 += y[i] * a[i]
    i += 1
  }
  return ((x0 + x1) + (x2 + x3), (y0 + y1) + (y2 + y3))
}

// MARK: - Reductions of a function of a linear combination

/// For a reduction Σᵢ w·f(lᵢ) of a linear combination l whose only tracked parts are one or two
/// one-element factors, with u and v the factors' terms: returns Σᵢ f(lᵢ) and the factors'
/// partial sums Σᵢ uᵢ f′(lᵢ) w and Σᵢ vᵢ f′(lᵢ) w, in one pass that stores nothing (the least
/// squares of a line, Σ (m xᵢ + b − yᵢ)², is this with f(l) = l · l, u = x and v = 1).
@inline(__always)
func reductionWithFactors<T: RealScalar>(
  _ n: Int, _ l: UnsafePointer<T>, _ weight: T, _ u: UnsafePointer<T>, _ v: UnsafePointer<T>?,
  _ rule: (KernelScalar<T>) -> (value: KernelScalar<T>, derivative: KernelScalar<T>)
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
      let (value0, derivative0) = rule(KernelScalar(l[i]))
      let (value1, derivative1) = rule(KernelScalar(l[i + 1]))
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
    // The second factor's term is the factor alone (an intercept): its partial is Σ f′ w.
    while i + 2 <= n {
      let (value0, derivative0) = rule(KernelScalar(l[i]))
      let (value1, derivative1) = rule(KernelScalar(l[i + 1]))
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
    let (value, derivative) = rule(KernelScalar(l[i]))
    let g = derivative.base * weight
    s0 += value.base
    u0 += u[i] * g
    v0 += v.map { $0[i] * g } ?? g
    i += 1
  }
  return (s0 + s1, u0 + u1, v0 + v1)
}

/// ``reductionWithFactors(_:_:_:_:_:_:)`` for the function `f`: unary, or f(l, l) of a binary
/// function (`binary`), whose partial is then ∂f/∂x + ∂f/∂y.
@usableFromInline
@_specialize(where T == Double)
@_specialize(where T == Float)
func applyReductionWithFactors<T: RealScalar>(
  _ f: ElementwiseFunction, binary: Bool, _ n: Int, _ l: UnsafePointer<T>, _ weight: T,
  _ u: UnsafePointer<T>, _ v: UnsafePointer<T>?
) -> (T, T, T) {
  if binary {
    switch f {
    case .add:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.add(x, x); return (r.value, r.dx + r.dy)
      }
    case .subtract:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.subtract(x, x); return (r.value, r.dx + r.dy)
      }
    case .multiply:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.multiply(x, x); return (r.value, r.dx + r.dy)
      }
    case .divide:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.divide(x, x); return (r.value, r.dx + r.dy)
      }
    case .pow:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.pow(x, x); return (r.value, r.dx + r.dy)
      }
    case .atan2:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.atan2(x, x); return (r.value, r.dx + r.dy)
      }
    case .hypot:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.hypot(x, x); return (r.value, r.dx + r.dy)
      }
    case .min:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.min(x, x); return (r.value, r.dx + r.dy)
      }
    case .max:
      return reductionWithFactors(n, l, weight, u, v) { x in
        let r = Rules.max(x, x); return (r.value, r.dx + r.dy)
      }
    default: preconditionFailure("\(f) is not a binary function")
    }
  }
  switch f {
  case .negation: return reductionWithFactors(n, l, weight, u, v) { Rules.negate($0) }
  case .exp: return reductionWithFactors(n, l, weight, u, v) { Rules.exp($0) }
  case .expMinusOne: return reductionWithFactors(n, l, weight, u, v) { Rules.expMinusOne($0) }
  case .log: return reductionWithFactors(n, l, weight, u, v) { Rules.log($0) }
  case .logOnePlus: return reductionWithFactors(n, l, weight, u, v) { Rules.logOnePlus($0) }
  case .sin: return reductionWithFactors(n, l, weight, u, v) { Rules.sin($0) }
  case .cos: return reductionWithFactors(n, l, weight, u, v) { Rules.cos($0) }
  case .tan: return reductionWithFactors(n, l, weight, u, v) { Rules.tan($0) }
  case .asin: return reductionWithFactors(n, l, weight, u, v) { Rules.asin($0) }
  case .acos: return reductionWithFactors(n, l, weight, u, v) { Rules.acos($0) }
  case .atan: return reductionWithFactors(n, l, weight, u, v) { Rules.atan($0) }
  case .sinh: return reductionWithFactors(n, l, weight, u, v) { Rules.sinh($0) }
  case .cosh: return reductionWithFactors(n, l, weight, u, v) { Rules.cosh($0) }
  case .tanh: return reductionWithFactors(n, l, weight, u, v) { Rules.tanh($0) }
  case .sqrt: return reductionWithFactors(n, l, weight, u, v) { Rules.sqrt($0) }
  case .cbrt: return reductionWithFactors(n, l, weight, u, v) { Rules.cbrt($0) }
  case .erf: return reductionWithFactors(n, l, weight, u, v) { Rules.erf($0) }
  case .abs: return reductionWithFactors(n, l, weight, u, v) { Rules.abs($0) }
  case .relu: return reductionWithFactors(n, l, weight, u, v) { Rules.relu($0) }
  case .sigmoid: return reductionWithFactors(n, l, weight, u, v) { Rules.sigmoid($0) }
  case .softplus: return reductionWithFactors(n, l, weight, u, v) { Rules.softplus($0) }
  default: preconditionFailure("\(f) is not a unary function")
  }
}

// MARK: - tanh inside reductions and backward loops

/// Elements per chunk of tanh values computed on the stack (2 KiB of `Double`s).
let tanhChunkLength = 256

/// A sink that passes element i on as element `offset + i` of `base`: the loops over one chunk
/// of a longer array put into the whole array's sink.
struct OffsetSink<Base: AdjointSink>: AdjointSink {
  var base: Base
  let offset: Int
  static var isReduction: Bool { Base.isReduction }
  @inline(__always) mutating func put(_ i: Int, _ lane: Int, _ value: Base.Element) {
    base.put(offset + i, lane, value)
  }
}

/// tanh through its output, for a loop over values y = tanh x already computed: y itself, and
/// tanh′ = 1 − y² from the rules table.
@inline(__always)
func tanhOfOutput<T: RealScalar>(_ y: KernelScalar<T>) -> (
  value: KernelScalar<T>, derivative: KernelScalar<T>
) {
  (y, Rules.tanhDerivative(output: y))
}

/// Calls `body(start, count, y)` for each chunk of up to `tanhChunkLength` elements of x, with
/// y = tanh of that chunk, on the stack: from the wide kernel where it runs, else from the Swift
/// kernel's loop, which the compiler vectorizes on its own (a loop that also sums and sends
/// derivatives does not). `false`, with nothing done, for element types other than `Float` and
/// `Double`.
@inline(__always)
func forEachTanhChunk<T: RealScalar>(
  _ n: Int, _ x: UnsafePointer<T>, _ body: (Int, Int, UnsafePointer<T>) -> Void
) -> Bool {
  guard T.self == Double.self || T.self == Float.self else { return false }
  withUnsafeTemporaryAllocation(of: T.self, capacity: tanhChunkLength) { buffer in
    let y = buffer.baseAddress!
    var start = 0
    while start < n {
      let count = Swift.min(tanhChunkLength, n - start)
      if !wideTanh(count, x + start, y) { unaryValues(count, x + start, y) { Rules.tanh($0) } }
      body(start, count, UnsafePointer(y))
      start += count
    }
  }
  return true
}

/// ``unaryReduction(_:_:_:_:_:)`` for tanh, a chunk of values at a time (`forEachTanhChunk`);
/// `nil`, with nothing done, for element types other than `Float` and `Double`.
@inline(__always)
func chunkedTanhReduction<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ weight: T, _ g: inout G
) -> T? {
  var total: T = 0
  let done = forEachTanhChunk(n, x) { start, count, y in
    var sink = OffsetSink(base: g, offset: start)
    total += unaryReduction(count, y, weight, &sink) { tanhOfOutput($0) }
    g = sink.base
  }
  return done ? total : nil
}

/// ``unaryAdjoints(_:_:_:_:_:)`` for tanh, a chunk of values at a time (`forEachTanhChunk`);
/// `false`, with nothing done, for element types other than `Float` and `Double`.
@inline(__always)
func chunkedTanhAdjoints<T: RealScalar, G: AdjointSink<T>>(
  _ n: Int, _ x: UnsafePointer<T>, _ adjoint: UnsafePointer<T>, _ g: inout G
) -> Bool {
  forEachTanhChunk(n, x) { start, count, y in
    var sink = OffsetSink(base: g, offset: start)
    unaryAdjoints(count, y, adjoint + start, &sink) { tanhOfOutput($0) }
    g = sink.base
  }
}
