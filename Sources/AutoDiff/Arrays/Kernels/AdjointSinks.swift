// Where a backward kernel puts partial × adjoint: a *sink*. The products are written over a
// block, added into one, summed (for an operand broadcast from one element), or dropped (for an
// operand that carries no derivative, whose partial is then never computed). The kernels are
// generic over the sink, so that each compiled loop does one thing per element; `SinkKind` names
// a sink at run time, and `SinkKind.withSink(_:)` is the one switch from the name to the type.
//
// A product is partial × adjoint, and 0 where the adjoint or the partial is exactly zero: an
// element that does not reach the output never turns an infinite partial into NaN, nor a zero
// partial an infinite adjoint, the convention of the scalar sweep (see <doc:Conventions>).

/// partial × adjoint, and 0 where either is exactly zero: the scalar sweep's rule
/// (`TapeStorage.chainTerm` and the zero-adjoint skip), so that 0 · ∞ never makes a NaN out of
/// something that does not vary (see <doc:Conventions>).
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

/// Where a backward kernel puts partial × adjoint for element i (`lane` is i mod 4, for sums).
protocol AdjointSink<Element> {
  associatedtype Element: RealScalar
  /// `true` when the loop must keep four independent partial sums (unrolled by four).
  static var isReduction: Bool { get }
  mutating func put(_ i: Int, _ lane: Int, _ value: Element)
  /// Elements 0 ..< n receive nothing (every product is zero): a sink that writes over its
  /// target writes zeros, since nothing else will; the others do nothing.
  mutating func putZeros(_ n: Int)
}

extension AdjointSink {
  @inline(__always) mutating func putZeros(_ n: Int) {}
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
  @inline(__always) mutating func putZeros(_ n: Int) {
    target.update(repeating: 0, count: n)
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

// MARK: - Choosing a sink at run time

/// A sink chosen at run time.
@usableFromInline
enum SinkKind<T: RealScalar> {
  case discard
  case assign(UnsafeMutablePointer<T>)
  case add(UnsafeMutablePointer<T>)
  case sum

  /// Calls `visitor` with the sink this value names, and returns the sum that a summing sink
  /// received (0 for the others).
  @inline(__always)
  func withSink<V: SinkVisitor>(_ visitor: inout V) -> T where V.Element == T {
    switch self {
    case .discard:
      var sink = DiscardSink<T>()
      visitor.visit(&sink)
      return 0
    case .assign(let target):
      var sink = AssignSink(target: target)
      visitor.visit(&sink)
      return 0
    case .add(let target):
      var sink = AddSink(target: target)
      visitor.visit(&sink)
      return 0
    case .sum:
      var sink = SumSink<T>()
      visitor.visit(&sink)
      return sink.total
    }
  }
}

/// An operation generic over the sink it puts products into, handed its sink type by
/// ``SinkKind/withSink(_:)``.
protocol SinkVisitor {
  associatedtype Element: RealScalar
  mutating func visit<G: AdjointSink<Element>>(_ sink: inout G)
}
